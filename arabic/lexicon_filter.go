package arabic

import "hash/maphash"

// lexFilter is a blocked Bloom filter over the lexicon's words. The map
// of 90,000 words is megabytes and most words the stemmer asks about
// are candidate bases that are not in it, so each such lookup waits on
// memory; the filter, 128 KB, answers most of them with one read that
// stays in the processor's cache. It has no false negatives, so a word
// it rules out is surely absent and the lexicon's answers do not change.
type lexFilter struct {
	seed  maphash.Seed
	words []uint64
}

// lexFilterWords is the number of 64-bit words of the filter (a power of
// two): 2 bits a lexicon word in 2^20 bits leaves about 3 % of absent
// words to the map.
const lexFilterWords = 1 << 14

// newLexFilter returns an empty filter.
func newLexFilter() *lexFilter {
	return &lexFilter{seed: maphash.MakeSeed(), words: make([]uint64, lexFilterWords)}
}

// bits returns the index of w's filter word and the two bits it sets
// there.
func (f *lexFilter) bits(w string) (int, uint64) {
	h := maphash.String(f.seed, w)
	return int(h & (lexFilterWords - 1)), 1<<((h>>32)&63) | 1<<((h>>40)&63)
}

// add records w.
func (f *lexFilter) add(w string) {
	i, m := f.bits(w)
	f.words[i] |= m
}

// mayHave reports whether w may have been added; false means it was not.
func (f *lexFilter) mayHave(w string) bool {
	i, m := f.bits(w)
	return f.words[i]&m == m
}
