package ner

import (
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/wordclass"
)

// Feature groups, one bit each; a model records the groups it was
// trained with so that tagging extracts exactly the same features.
const (
	FeatWord      uint32 = 1 << iota // the folded word itself
	FeatClitic                       // proclitic cluster, clitic-free base, base without ال
	FeatAffix                        // prefixes and suffixes of the base (1–4 runes)
	FeatShape                        // script/digit/length shape of the token and its neighbours
	FeatContext                      // words and bases at ±1 and ±2, word bigrams
	FeatGazetteer                    // gazetteer hits (countries, cities, first/last names)
	FeatTrigger                      // titles, organization heads, location cues and prepositions around the token
	FeatNgram                        // character trigrams of the clitic-free base
	FeatDoc                          // second stage: first-stage labels here and of the same word elsewhere in the document
	FeatKB                           // knowledge-base alias matches (PER, ORG, LOC, nationality adjectives) here and at ±1
	FeatLex                          // whether the clitic-free base and its neighbours are words of the Arabic lexicon
	FeatCluster                      // word-class path prefixes (package wordclass) of the token and its neighbours
	// FeatDomain adds, in training only, copies of the word, base and
	// bias features keyed by a sentence's Domain when it is not news (""),
	// so that another corpus's conventions (WikiFANE leaves currencies
	// untagged) go to those copies and the shared weights keep news's.
	// Tagging is always news: the copies never fire and cost nothing.
	FeatDomain
	FeatAll = FeatWord | FeatClitic | FeatAffix | FeatShape | FeatContext | FeatGazetteer | FeatTrigger | FeatNgram | FeatDoc | FeatKB | FeatLex | FeatCluster | FeatDomain
)

// FeatureGroups names the feature groups, for flags and ablation tables.
var FeatureGroups = map[string]uint32{
	"word": FeatWord, "clitic": FeatClitic, "affix": FeatAffix, "shape": FeatShape,
	"context": FeatContext, "gazetteer": FeatGazetteer, "trigger": FeatTrigger, "ngram": FeatNgram,
	"doc": FeatDoc, "kb": FeatKB, "lex": FeatLex, "cluster": FeatCluster, "domain": FeatDomain,
}

// hash is an FNV-1a 64-bit running hash; features are hashes of a
// template number and the strings it combines.
type hash uint64

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func newHash(template byte) hash { return (hash(fnvOffset) ^ hash(template)) * fnvPrime }

func (h hash) byte(b byte) hash { return (h ^ hash(b)) * fnvPrime }

func (h hash) str(s string) hash {
	for i := 0; i < len(s); i++ {
		h = (h ^ hash(s[i])) * fnvPrime
	}
	return h
}

// tokInfo is what the extractor derives once per token.
type tokInfo struct {
	w     string // folded word
	pro   string // proclitic cluster ("" if none)
	base  string // word without the proclitic cluster
	core  string // base without ال
	shape string
	gazB  uint16 // gazetteer classes of entries starting here
	gazI  uint16 // classes of entries continuing here
}

// extractor turns sentences into feature hashes, reusing its buffers.
type extractor struct {
	groups uint32
	gaz    *gazetteer
	info   []tokInfo
	words  []string
	strip  []string
	gb, gi []uint16
	feats  []uint64 // all features, position by position
	offs   []int32  // offs[i]..offs[i+1] are the features of token i
	doc    *docView // first-stage context for FeatDoc; nil in the first stage
	// noPrefix leaves out the word-only features that begin every token
	// but the first of a sentence (see prefixFeats): the fast path adds
	// their cached sum instead.
	noPrefix bool
	keys     []string // docKey of each token, filled lazily for FeatDoc
	toks     []*wordInfo
	// cache maps a raw token to what depends on it alone; old is the
	// previous generation, whose words move back into cache when seen
	// again, so that frequent words survive when cache fills up.
	cache, old map[string]*wordInfo
	wslab      []wordInfo // where new cache entries are allocated
	// lexical, when not nil, collects the features that name the
	// token's own word (word, base, core and the bigrams holding it):
	// training drops them at random (TrainOptions.WordDropout).
	lexical map[uint64]bool
	hslab   []uint64 // where their affix and n-gram hashes are
	// domain is the training sentence's Domain for FeatDomain ("" when
	// tagging).
	domain string
	// classes are the word classes of FeatCluster.
	classes *wordclass.Classes
}

// wordInfo is everything the extractor derives from a raw token alone,
// kept across sentences so that frequent words are analysed and hashed
// once. The hashes are those token adds, in the order it adds them.
type wordInfo struct {
	key     string   // the raw token, the cache key
	info    tokInfo  // without gazetteer classes
	strip   string   // gazStrip(info.w)
	baseGaz uint16   // trigger classes of the bare base
	lex     uint8    // lexNone, lexKnown, lexUnknown, or lexUnset before lexClass looks it up
	word    uint64   // tWord
	pro     uint64   // tPro
	base    uint64   // tBase
	core    uint64   // tCore
	first   uint64   // tFirst
	affix   []uint64 // tPrefix and tSuffix, interleaved as token adds them
	shape   uint64   // tShape
	length  uint64   // tLen
	ngram   []uint64 // tNgram
	clus    []uint64 // tClus: the word's class path prefixes
	// clusAt are tClusAt as a neighbour at -1 and +1.
	clusAt [2]uint64
	// As a neighbour: tWordAt at offsets -2, -1, +1, +2, tBaseAt at -1
	// and +1, and the running hashes of tBigramL and tWordShapeL after
	// this word.
	wordAt        [4]uint64
	baseAt        [2]uint64
	bigL, wShapeL hash
	// sum is the decoder's joint prefix sum of this word's leading
	// features (see decoder.prefixSum); nil until first needed.
	sum []float32
}

// ctxHashes fills c's neighbour hashes for the word w and base b
// (bos, eos or a token's).
func (c *wordInfo) ctxHashes(w, b string) {
	for k, d := range [4]int{-2, -1, 1, 2} {
		c.wordAt[k] = uint64(newHash(tWordAt).byte(byte(d + 2)).str(w))
	}
	for k, d := range [2]int{-1, 1} {
		c.baseAt[k] = uint64(newHash(tBaseAt).byte(byte(d + 2)).str(b))
	}
	for k, d := range [2]int{-1, 1} {
		c.clusAt[k] = uint64(newHash(tClusAt).byte(byte(d + 2)).str(w))
	}
	c.bigL = newHash(tBigramL).str(w)
	c.wShapeL = newHash(tWordShapeL).str(w)
}

// lexClass returns c's lexicon class, looking it up on first use (only
// models with FeatLex pay for the lookup).
func (c *wordInfo) lexClass() uint8 {
	if c.lex == lexUnset {
		c.lex = lexClass(c.key, c.info.shape)
	}
	return c.lex
}

// bosInfo and eosInfo are the neighbour hashes of the sentence bounds.
var bosInfo, eosInfo = func() (b, e *wordInfo) {
	b, e = &wordInfo{lex: lexNone}, &wordInfo{lex: lexNone}
	b.ctxHashes(bos, bos)
	e.ctxHashes(eos, eos)
	return b, e
}()

// near returns the cached analysis of token i, or the bound it falls on.
func (x *extractor) near(i int) *wordInfo {
	switch {
	case i < 0:
		return bosInfo
	case i >= len(x.toks):
		return eosInfo
	}
	return x.toks[i]
}

// maxCachedWords bounds each generation of an extractor's word cache.
// News has a long tail of word forms: on saudinewsnet, 1<<14 words a
// generation missed 17.6% of the tokens, 1<<16 misses 8.4% (1<<17: 7.6%),
// and every miss re-derives the word's features, its lexicon class and
// its prefix sum. An entry is about 600 bytes.
const maxCachedWords = 1 << 16

// wordInfo returns the cached analysis of the raw token r.
func (x *extractor) wordInfo(r string) *wordInfo {
	if c, ok := x.cache[r]; ok {
		return c
	}
	if x.cache == nil || len(x.cache) >= maxCachedWords {
		x.old, x.cache = x.cache, make(map[string]*wordInfo, 1024)
	}
	if c, ok := x.old[r]; ok {
		x.cache[c.key] = c
		return c
	}
	w := norm(r)
	pro, base := stripClitics(w)
	t := tokInfo{w: w, pro: pro, base: base, core: dropArticle(base), shape: shape(r)}
	// Entries and their hashes are carved from slabs: one allocation
	// per many words.
	if len(x.wslab) == cap(x.wslab) {
		x.wslab = make([]wordInfo, 0, 256)
	}
	x.wslab = append(x.wslab, wordInfo{info: t, strip: gazStrip(w)})
	c := &x.wslab[len(x.wslab)-1]
	var hb [40]uint64
	hs := hb[:0]
	if g, ok := x.gaz.word[base]; ok {
		c.baseGaz = g & (gTitle | gOrgHead | gLocCue)
	}
	c.lex = lexUnset
	c.word = uint64(newHash(tWord).str(t.w))
	c.pro = uint64(newHash(tPro).str(t.pro))
	c.base = uint64(newHash(tBase).str(t.base))
	c.core = uint64(newHash(tCore).str(t.core))
	c.first = uint64(newHash(tFirst).str(t.pro))
	for k := 1; k <= 4; k++ {
		if p, more := runePrefix(t.core, k); more || k == 1 {
			hs = append(hs, uint64(newHash(tPrefix).byte(byte(k)).str(p)))
		}
		if s, more := runeSuffix(t.base, k); more || k == 1 {
			hs = append(hs, uint64(newHash(tSuffix).byte(byte(k)).str(s)))
		}
	}
	nAffix := len(hs)
	c.shape = uint64(newHash(tShape).str(t.shape))
	l := utf8.RuneCountInString(t.core)
	if l > 8 {
		l = 8
	}
	c.length = uint64(newHash(tLen).byte(byte(l)))
	// Trigrams over "^core$", by byte offsets of rune starts.
	var starts [64]int
	k := 0
	s := t.core
	for j := range s {
		if k < len(starts)-1 {
			starts[k] = j
			k++
		}
	}
	if k < len(starts) {
		starts[k] = len(s)
	}
	for j := 0; j+3 <= k && j < 24; j++ {
		hs = append(hs, uint64(newHash(tNgram).str(s[starts[j]:starts[j+3]])))
	}
	if k >= 2 {
		hs = append(hs, uint64(newHash(tNgram).byte('^').str(s[:starts[2]])))
		hs = append(hs, uint64(newHash(tNgram).str(s[starts[k-2]:]).byte('$')))
	}
	if cap(x.hslab)-len(x.hslab) < len(hs) {
		x.hslab = make([]uint64, 0, 4096)
	}
	at := len(x.hslab)
	x.hslab = append(x.hslab, hs...)
	c.affix = x.hslab[at : at+nAffix : at+nAffix]
	c.ngram = x.hslab[at+nAffix : at+len(hs) : at+len(hs)]
	c.ctxHashes(t.w, t.base)
	c.classHashes(x, &t)
	// Keys are copied so that the cache does not pin whole documents.
	c.key = strings.Clone(r)
	x.cache[c.key] = c
	return c
}

// docView is what the second stage sees of the first stage: its labels
// for the sentence being tagged and, per word key, how the first stage
// labelled that word in the surrounding sentences (the "document").
type docView struct {
	self  []int                // first-stage label ids of the sentence
	stats map[string]*[5]int32 // key → counts by label class (O, then each type)
}

// labelClass maps a label id of labelSet(Types) to 0 (O) or 1+type.
func labelClass(id int) int { return (id + 1) / 2 }

// docKey is the word key the document features aggregate on: the
// clitic- and article-free base of Arabic and Latin words of two runes or
// more; "" for other tokens.
func docKey(t *tokInfo) string {
	if t.shape == "" || (t.shape[0] != 'A' && t.shape[0] != 'L') || len(t.core) < 3 {
		return ""
	}
	return t.core
}

func newExtractor(groups uint32) *extractor {
	return &extractor{groups: groups, gaz: defaultGazetteer(), classes: defaultClasses()}
}

const (
	bos = "<s>"
	eos = "</s>"
)

// extract computes the features of every token of raw.
func (x *extractor) extract(raw []string) {
	n := len(raw)
	x.info = x.info[:0]
	x.words = x.words[:0]
	x.strip = x.strip[:0]
	x.toks = x.toks[:0]
	for _, r := range raw {
		c := x.wordInfo(r)
		x.toks = append(x.toks, c)
		x.info = append(x.info, c.info)
		x.words = append(x.words, c.info.w)
		x.strip = append(x.strip, c.strip)
	}
	if x.groups&(FeatGazetteer|FeatTrigger|FeatKB) != 0 {
		x.gb = resize(x.gb, n)
		x.gi = resize(x.gi, n)
		x.gaz.match(x.words, x.strip, x.gb, x.gi)
		for i := range x.info {
			x.info[i].gazB, x.info[i].gazI = x.gb[i], x.gi[i]
			// Triggers are single words; also look at the bare base.
			x.info[i].gazB |= x.toks[i].baseGaz
		}
	}
	x.keys = x.keys[:0]
	x.feats = x.feats[:0]
	x.offs = append(x.offs[:0], 0)
	for i := 0; i < n; i++ {
		x.token(i)
		x.offs = append(x.offs, int32(len(x.feats)))
	}
}

func resize(s []uint16, n int) []uint16 {
	if cap(s) < n {
		return make([]uint16, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func (x *extractor) at(i int) *tokInfo {
	if i < 0 || i >= len(x.info) {
		return nil
	}
	return &x.info[i]
}

func (x *extractor) add(h hash) { x.feats = append(x.feats, uint64(h)) }

func (x *extractor) word(i int) string {
	switch t := x.at(i); {
	case t != nil:
		return t.w
	case i < 0:
		return bos
	default:
		return eos
	}
}

func (x *extractor) shapeAt(i int) string {
	if t := x.at(i); t != nil {
		return t.shape
	}
	return "_"
}

// Template numbers. Never renumber: trained models depend on them.
const (
	tBias byte = iota + 1
	tWord
	tPro
	tBase
	tCore
	tProBase
	tPrefix
	tSuffix
	tShape
	tShape3
	tLen
	tWordAt
	tBaseAt
	tBigramL
	tBigramR
	tGazB
	tGazI
	tGazAt
	tTrigAt
	tPrepShape
	tFirst
	tWordShapeL
	tNgram
	tCtx2
	tS1
	tS1L
	tS1R
	tDoc
	tDocN
	tKBB
	tKBI
	tKBAt
	tLex
	tTrigFar
	tClus
	tClusAt
	tDomBias
	tDomWord
	tDomCore
)

// othersOf returns the first-stage class counts of key in the document,
// less the token's own class.
func othersOf(stats map[string]*[5]int32, key string, own int) (st [5]int32, total int32) {
	if p := stats[key]; p != nil {
		st = *p
	}
	st[own]--
	for _, v := range st {
		total += v
	}
	return st, total
}

// docFeats appends the second-stage features of token i: its first-stage
// label and label pairs, how the same word (keys[i]) was labelled
// elsewhere in the document, and the majority reading of its neighbours.
func docFeats(dst []uint64, self []int, keys []string, i int, stats map[string]*[5]int32) []uint64 {
	s1 := self[i]
	dst = append(dst, uint64(newHash(tS1).byte(byte(s1))))
	if i > 0 {
		dst = append(dst, uint64(newHash(tS1L).byte(byte(self[i-1])).byte(byte(s1))))
	}
	if i+1 < len(self) {
		dst = append(dst, uint64(newHash(tS1R).byte(byte(s1)).byte(byte(self[i+1]))))
	}
	if k := keys[i]; k != "" {
		st, total := othersOf(stats, k, labelClass(s1))
		if total <= 0 {
			dst = append(dst, uint64(newHash(tDoc).byte('u')))
		} else {
			for c, v := range st {
				if v <= 0 {
					continue
				}
				b := byte(0)
				if 3*v >= total {
					b = 1
				}
				if 3*v >= 2*total {
					b = 2
				}
				dst = append(dst, uint64(newHash(tDoc).byte(byte(c)).byte(b)))
				dst = append(dst, uint64(newHash(tDoc).byte(byte(c)).byte(b).byte(byte(s1))))
			}
		}
	}
	for _, d := range [2]int{-1, 1} {
		j := i + d
		if j < 0 || j >= len(keys) || keys[j] == "" {
			continue
		}
		st, total := othersOf(stats, keys[j], labelClass(self[j]))
		for c := 1; c < len(st); c++ {
			if total > 0 && 2*st[c] > total {
				dst = append(dst, uint64(newHash(tDocN).byte(byte(d+2)).byte(byte(c))))
			}
		}
	}
	return dst
}

func (x *extractor) token(i int) {
	t := &x.info[i]
	c := x.toks[i]
	g := x.groups
	if x.lexical != nil {
		x.lexical[c.word], x.lexical[c.base], x.lexical[c.core] = true, true, true
	}
	if i == 0 || !x.noPrefix {
		x.add(newHash(tBias))
		if g&FeatWord != 0 {
			x.feats = append(x.feats, c.word)
		}
		if g&FeatClitic != 0 {
			x.feats = append(x.feats, c.pro, c.base, c.core)
			if i == 0 {
				x.feats = append(x.feats, c.first)
			}
		}
		if g&FeatAffix != 0 {
			x.feats = append(x.feats, c.affix...)
		}
		if g&FeatShape != 0 {
			x.feats = append(x.feats, c.shape)
		}
		if g&FeatCluster != 0 {
			x.feats = append(x.feats, c.clus...)
		}
	}
	if g&FeatCluster != 0 {
		x.feats = append(x.feats, x.near(i - 1).clusAt[0], x.near(i + 1).clusAt[1])
	}
	if g&FeatDomain != 0 && x.domain != "" {
		x.add(newHash(tDomBias).str(x.domain))
		x.add(newHash(tDomWord).str(x.domain).byte(0).str(t.w))
		x.add(newHash(tDomCore).str(x.domain).byte(0).str(t.core))
		if x.lexical != nil {
			n := len(x.feats)
			x.lexical[x.feats[n-1]], x.lexical[x.feats[n-2]] = true, true
		}
	}
	if g&FeatShape != 0 {
		x.add(newHash(tShape3).str(x.shapeAt(i - 1)).byte('|').str(t.shape).byte('|').str(x.shapeAt(i + 1)))
		x.feats = append(x.feats, c.length)
	}
	if g&FeatContext != 0 {
		prev := x.near(i - 1)
		x.feats = append(x.feats, x.near(i - 2).wordAt[0], prev.wordAt[1], x.near(i + 1).wordAt[2], x.near(i + 2).wordAt[3],
			prev.baseAt[0], x.near(i + 1).baseAt[1])
		x.add(prev.bigL.byte('|').str(t.base))
		x.add(newHash(tBigramR).str(t.base).byte('|').str(x.word(i + 1)))
		if x.lexical != nil {
			n := len(x.feats)
			x.lexical[x.feats[n-1]], x.lexical[x.feats[n-2]] = true, true
		}
		if g&FeatShape != 0 {
			x.add(prev.wShapeL.byte('|').str(t.shape))
		}
	}
	if g&FeatNgram != 0 {
		x.feats = append(x.feats, c.ngram...)
	}
	if g&FeatDoc != 0 && x.doc != nil {
		if len(x.keys) != len(x.info) {
			x.keys = x.keys[:0]
			for j := range x.info {
				x.keys = append(x.keys, docKey(&x.info[j]))
			}
		}
		x.feats = docFeats(x.feats, x.doc.self, x.keys, i, x.doc.stats)
	}
	if g&FeatGazetteer != 0 {
		const names = gCountry | gCity | gFirst | gLast
		x.gazClasses(t, 0, 4)
		x.gazNear(i, names, 0, 2)
		x.gazClasses(t, 11, 15)
		x.gazNear(i, gLists, 11, 6)
	}
	if g&FeatKB != 0 {
		for c := 0; c < 4; c++ {
			bit := gKBPer << c
			if t.gazB&bit != 0 {
				x.add(newHash(tKBB).byte(byte(c)))
			}
			if t.gazI&bit != 0 {
				x.add(newHash(tKBI).byte(byte(c)))
			}
		}
		for _, d := range [2]int{-1, 1} {
			if u := x.at(i + d); u != nil && (u.gazB|u.gazI)&gKBAll != 0 {
				x.add(newHash(tKBAt).byte(byte(d + 2)).byte(byte((u.gazB | u.gazI) & gKBAll >> 7)))
			}
		}
	}
	if g&FeatLex != 0 {
		l := c.lexClass()
		x.add(newHash(tLex).byte(l))
		x.add(newHash(tLex).byte(9).byte(x.near(i - 1).lexClass()).byte(l).byte(x.near(i + 1).lexClass()))
	}
	if g&FeatTrigger != 0 {
		const trig = gTitle | gOrgHead | gLocCue
		for _, d := range [4]int{-2, -1, 0, 1} {
			if u := x.at(i + d); u != nil && u.gazB&trig != 0 {
				x.add(newHash(tTrigAt).byte(byte(d + 2)).byte(byte(u.gazB & trig)))
			}
		}
		for _, d := range [2]int{-3, 2} {
			if u := x.at(i + d); u != nil && u.gazB&trig != 0 {
				x.add(newHash(tTrigFar).byte(byte(d + 3)).byte(byte(u.gazB & trig)))
			}
		}
		if p := x.at(i - 1); p != nil {
			switch p.w {
			case "في", "الي", "من", "عن", "علي", "الى", "بين", "مع", "لدي":
				x.add(newHash(tPrepShape).str(p.w).byte(0).str(t.pro).byte(0).byte(byte(len(t.core) / 4)))
			}
		}
	}
}

// gazClasses adds the gazetteer classes lo to hi-1 that begin (tGazB) or
// continue (tGazI) an entry at the token.
func (x *extractor) gazClasses(t *tokInfo, lo, hi int) {
	for c := lo; c < hi; c++ {
		bit := uint16(1) << c
		if t.gazB&bit != 0 {
			x.add(newHash(tGazB).byte(byte(c)))
		}
		if t.gazI&bit != 0 {
			x.add(newHash(tGazI).byte(byte(c)))
		}
	}
}

// gazNear adds, for the tokens before and after token i, the classes of
// mask they are in (shifted down by shift), tagged with their side
// (base + 1 before, base + 3 after).
func (x *extractor) gazNear(i int, mask uint16, shift uint, base int) {
	for _, d := range [2]int{-1, 1} {
		if u := x.at(i + d); u != nil && (u.gazB|u.gazI)&mask != 0 {
			x.add(newHash(tGazAt).byte(byte(d + base)).byte(byte((u.gazB | u.gazI) & mask >> shift)))
		}
	}
}
