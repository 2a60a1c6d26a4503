package ner

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// Model file format: the magic line, then a gzip stream of little-endian
// binary: format version, labels, document window, recall bias, the
// firsts lexicon,
// the number of stages, then per stage its feature groups, transitions
// and feature table (sorted hashes delta-coded as uvarints, then weights
// quantized to int16 with one float32 scale).
const magic = "khabar-ner\n"

const formatVersion = 3

// Save writes the model to w.
func (t *Tagger) Save(w io.Writer) error {
	if _, err := io.WriteString(w, magic); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	bw := bufio.NewWriter(zw)
	var buf [binary.MaxVarintLen64]byte
	uv := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	str := func(s string) { uv(uint64(len(s))); bw.WriteString(s) }
	f32 := func(f float32) { bw.Write(binary.LittleEndian.AppendUint32(buf[:0], math.Float32bits(f))) }

	uv(formatVersion)
	uv(uint64(len(t.labels)))
	for _, l := range t.labels {
		str(l)
	}
	uv(uint64(t.window))
	f32(t.recallBias)
	keys := make([]string, 0, len(t.firsts))
	for k := range t.firsts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	uv(uint64(len(keys)))
	for _, k := range keys {
		str(k)
		uv(uint64(t.firsts[k]))
	}
	stages := []*model{t.m1}
	if t.m2 != nil {
		stages = append(stages, t.m2)
	}
	uv(uint64(len(stages)))
	L := len(t.labels)
	for _, m := range stages {
		uv(uint64(m.groups))
		for _, v := range m.trans {
			f32(v)
		}
		hashes := make([]uint64, 0, len(m.index))
		for h := range m.index {
			hashes = append(hashes, h)
		}
		sort.Slice(hashes, func(i, j int) bool { return hashes[i] < hashes[j] })
		var maxAbs float64
		for _, v := range m.w {
			maxAbs = max(maxAbs, math.Abs(float64(v)))
		}
		scale := float32(maxAbs / 32767)
		if scale == 0 {
			scale = 1
		}
		f32(scale)
		uv(uint64(len(hashes)))
		prev := uint64(0)
		for _, h := range hashes {
			uv(h - prev)
			prev = h
		}
		for _, h := range hashes {
			r := int(m.index[h])
			for _, v := range m.w[r*L : (r+1)*L] {
				q := int16(math.Round(float64(v / scale)))
				bw.Write(binary.LittleEndian.AppendUint16(buf[:0], uint16(q)))
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	return nil
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Tagger, error) {
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(r, head); err != nil || string(head) != magic {
		return nil, errors.New("ner: load: not a khabar NER model")
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	defer zr.Close()
	t, err := readModel(bufio.NewReader(zr))
	if err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	return t, nil
}

const maxCount = 1 << 26 // sanity bound on counts read from a model file

// modelReader decodes the binary body of a model, keeping the first error.
type modelReader struct {
	br  *bufio.Reader
	err error
}

func (r *modelReader) uv() uint64 {
	if r.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(r.br)
	r.err = err
	return v
}

func (r *modelReader) count() int {
	v := r.uv()
	if r.err == nil && v > maxCount {
		r.err = fmt.Errorf("count %d out of range", v)
		return 0
	}
	return int(v)
}

func (r *modelReader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	b := make([]byte, n)
	_, r.err = io.ReadFull(r.br, b)
	return b
}

func (r *modelReader) str() string {
	n := r.count()
	if r.err == nil && n > 1<<16 {
		r.err = fmt.Errorf("string length %d out of range", n)
	}
	return string(r.bytes(n))
}

func (r *modelReader) f32() float32 {
	b := r.bytes(4)
	if r.err != nil {
		return 0
	}
	return math.Float32frombits(binary.LittleEndian.Uint32(b))
}

func readModel(br *bufio.Reader) (*Tagger, error) {
	r := &modelReader{br: br}
	if v := r.uv(); r.err == nil && v != formatVersion {
		return nil, fmt.Errorf("unsupported model version %d", v)
	}
	nl := r.count()
	if r.err == nil && (nl < 1 || nl > 64) {
		return nil, fmt.Errorf("bad label count %d", nl)
	}
	t := &Tagger{firsts: map[string]int32{}}
	for i := 0; i < nl && r.err == nil; i++ {
		t.labels = append(t.labels, r.str())
	}
	if want := labelSet(Types); r.err == nil && strings.Join(t.labels, " ") != strings.Join(want, " ") {
		return nil, fmt.Errorf("labels %q, want %q", t.labels, want)
	}
	t.window = r.count()
	t.recallBias = r.f32()
	if math.IsNaN(float64(t.recallBias)) || math.IsInf(float64(t.recallBias), 0) {
		return nil, errors.New("bad recall bias")
	}
	nf := r.count()
	for i := 0; i < nf && r.err == nil; i++ {
		k := r.str()
		t.firsts[k] = int32(min(r.uv(), math.MaxInt32))
	}
	ns := r.count()
	if r.err == nil && (ns < 1 || ns > 2) {
		return nil, fmt.Errorf("bad stage count %d", ns)
	}
	for s := 0; s < ns && r.err == nil; s++ {
		m := &model{groups: uint32(r.uv())}
		m.trans = make([]float32, (nl+1)*nl)
		for i := range m.trans {
			m.trans[i] = r.f32()
		}
		scale := r.f32()
		nh := r.count()
		if r.err != nil {
			break
		}
		m.index = make(map[uint64]int32, min(nh, 1<<16))
		prev := uint64(0)
		for i := 0; i < nh && r.err == nil; i++ {
			prev += r.uv()
			m.index[prev] = int32(i)
		}
		m.w = make([]float32, 0, min(nh*nl, 1<<20))
		for row := 0; row < nh && r.err == nil; row++ {
			q := r.bytes(2 * nl)
			for k := 0; k < nl && r.err == nil; k++ {
				m.w = append(m.w, float32(int16(binary.LittleEndian.Uint16(q[2*k:])))*scale)
			}
		}
		m.table = newFeatTable(m.index)
		if s == 0 {
			t.m1 = m
		} else {
			t.m2 = m
		}
	}
	if r.err != nil {
		if errors.Is(r.err, io.EOF) {
			r.err = io.ErrUnexpectedEOF
		}
		return nil, r.err
	}
	if t.m2 != nil && t.m2.groups&FeatDoc == 0 || t.m1.groups&FeatDoc != 0 {
		return nil, errors.New("inconsistent stage feature groups")
	}
	t.allow = allowed(t.labels)
	return t, nil
}
