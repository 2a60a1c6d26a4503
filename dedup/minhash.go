// Package dedup finds near-duplicate documents, such as one agency's
// wire copy reprinted by many papers, with MinHash signatures over
// word shingles and locality-sensitive hashing (LSH) to find candidates.
//
// Texts are compared after Arabic search normalization, so differences in
// hamza, taa marbuta, diacritics, digits and punctuation do not matter.
package dedup

import (
	"encoding/binary"
	"errors"
	"math/bits"
	"sync"

	"github.com/khabar/khabar/arabic"
)

// Default parameters: 5-word shingles; 32 bands of 3 rows (96 hashes),
// which makes pairs with Jaccard similarity of 0.4 candidates with
// probability 0.88, and a verified estimate of at least 0.45 a duplicate.
// Their precision and recall on hand-labelled pairs of Saudi news
// articles (testdata/saudinewsnet-pairs.tsv) are in the README.
const (
	DefaultShingle   = 5
	DefaultBands     = 32
	DefaultRows      = 3
	DefaultThreshold = 0.45
)

// Options configures signatures and matching. The zero value uses the defaults.
type Options struct {
	Shingle   int     // words per shingle
	Bands     int     // LSH bands
	Rows      int     // hashes per band
	Threshold float64 // minimum estimated Jaccard similarity of a duplicate
}

func (o Options) withDefaults() Options {
	if o.Shingle <= 0 {
		o.Shingle = DefaultShingle
	}
	if o.Bands <= 0 {
		o.Bands = DefaultBands
	}
	if o.Rows <= 0 {
		o.Rows = DefaultRows
	}
	if o.Threshold <= 0 {
		o.Threshold = DefaultThreshold
	}
	return o
}

// Signature is the MinHash signature of one text.
type Signature []uint64

// ErrMismatch is returned when two signatures of different lengths are compared.
var ErrMismatch = errors.New("dedup: signatures of different lengths")

// Sign computes the MinHash signature of text. A text with fewer words
// than one shingle still gets a signature over its words.
func Sign(text string, opt Options) Signature {
	opt = opt.withDefaults()
	n := opt.Bands * opt.Rows
	sig := make(Signature, n)
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	sc := signPool.Get().(*signScratch)
	defer signPool.Put(sc)
	words, buf := appendWordHashes(sc.words[:0], sc.buf[:0], &sc.tz, text)
	if cap(words) <= maxKeptWords {
		sc.words = words
	}
	if cap(buf) <= maxKeptWords {
		sc.buf = buf
	}
	k := min(opt.Shingle, len(words))
	ks := keys(n)
	for i := 0; i+k <= len(words) && k > 0; i++ {
		h := shingleHash(words[i : i+k])
		for j, kj := range ks {
			if v := mix(h ^ kj); v < sig[j] {
				sig[j] = v
			}
		}
	}
	return sig
}

// appendWordHashes appends to words the hash of each word, number and
// Latin word of text, Search-normalized, reading it with tz; buf is
// scratch space. It returns both buffers for reuse.
func appendWordHashes(words []uint64, buf []byte, tz *arabic.Tokenizer, text string) ([]uint64, []byte) {
	tz.Reset(text)
	for {
		t, ok := tz.Next()
		if !ok {
			break
		}
		if t.Kind != arabic.Word && t.Kind != arabic.Number && t.Kind != arabic.Latin {
			continue
		}
		buf = arabic.AppendNormalized(buf[:0], t.Text, arabic.Search)
		words = append(words, fnv64(buf))
	}
	tz.Reset("") // do not pin text
	return words, buf
}

// signScratch holds the buffers of one Sign call, reused across calls.
type signScratch struct {
	tz    arabic.Tokenizer
	words []uint64
	buf   []byte
}

// maxKeptWords bounds the buffers a signScratch keeps for the next call.
const maxKeptWords = 1 << 16

var signPool = sync.Pool{New: func() any { return &signScratch{words: make([]uint64, 0, 256)} }}

// defaultKeys are the keys of the default signature length, computed once.
var defaultKeys = makeKeys(DefaultBands * DefaultRows)

// keys returns the keys of the first n hash functions.
func keys(n int) []uint64 {
	if n <= len(defaultKeys) {
		return defaultKeys[:n]
	}
	return makeKeys(n)
}

func makeKeys(n int) []uint64 {
	ks := make([]uint64, n)
	for j := range ks {
		ks[j] = key(j)
	}
	return ks
}

// Similarity estimates the Jaccard similarity of the texts behind a and b.
func Similarity(a, b Signature) (float64, error) {
	if len(a) != len(b) {
		return 0, ErrMismatch
	}
	if len(a) == 0 {
		return 0, nil
	}
	same := 0
	for i := range a {
		if a[i] == b[i] && a[i] != ^uint64(0) {
			same++
		}
	}
	return float64(same) / float64(len(a)), nil
}

// Bytes encodes a signature for storage.
func (s Signature) Bytes() []byte {
	out := make([]byte, 8*len(s))
	for i, v := range s {
		binary.LittleEndian.PutUint64(out[8*i:], v)
	}
	return out
}

// ParseSignature decodes what Signature.Bytes encoded.
func ParseSignature(b []byte) (Signature, error) {
	if len(b)%8 != 0 {
		return nil, errors.New("dedup: signature bytes not a multiple of 8")
	}
	s := make(Signature, len(b)/8)
	for i := range s {
		s[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	return s, nil
}

func fnv64(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func shingleHash(ws []uint64) uint64 {
	h := uint64(0x9e3779b97f4a7c15)
	for _, w := range ws {
		h = bits.RotateLeft64(h, 23) ^ w
		h *= 0xbf58476d1ce4e5b9
	}
	return h
}

// mix is SplitMix64's finalizer: a fast, well-distributed 64-bit permutation.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// key is the fixed key of the j-th hash function. The keys are fixed so
// that signatures are stable across processes and can be stored.
func key(j int) uint64 { return mix(uint64(j+1) * 0x9e3779b97f4a7c15) }
