package kb

import (
	"bytes"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// AliasKind says how a name belongs to an entry.
type AliasKind uint8

// Alias kinds, strongest first.
const (
	Name    AliasKind = iota // the canonical Arabic name
	Alias                    // another Arabic name
	Acronym                  // an acronym (NATO, واس)
	English                  // an English name
	Demonym                  // a nationality adjective of a country (القطرية)
	Generic                  // a name several bodies share (وزارة العدل); links only to an entry the text names otherwise
	Weak                     // a name that is also a common word; links tagged mentions only
)

var aliasKindNames = [...]string{"name", "alias", "acronym", "english", "demonym", "generic", "weak"}

// String returns the kind's lower-case name.
func (a AliasKind) String() string {
	if int(a) < len(aliasKindNames) {
		return aliasKindNames[a]
	}
	return "AliasKind(" + itoa(int(a)) + ")"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// Strength ranks alias kinds for choosing among candidates, strongest
// (0) first: a canonical name and another name are equally strong.
func (a AliasKind) Strength() int {
	if a == Name {
		return 0
	}
	return int(a) - 1
}

// Candidate is one entry a name may refer to.
type Candidate struct {
	Entry *Entry
	Kind  AliasKind
}

// Match is a knowledge-base name found in a token sequence.
type Match struct {
	Start, End int    // token indices, half-open; End includes a closing parenthesis paired inside
	Prefix     string // proclitics of the first token left out of the mention ("و", "ب", "لل"), as written
	TextStart  int    // code-point offset of the mention in the text, proclitics excluded
	TextEnd    int    // code-point offset just past the mention
	Key        string // the normalized name matched, tokens joined by single spaces
	Candidates []Candidate
}

// trie indexes names token by token (normalized).
type trie struct {
	nodes []tnode
	// first is a one-hash Bloom filter of the root's keys, the first
	// tokens of names: most words of a text start no name, and testing
	// a bit of this small array is cheaper than missing in the root's
	// large map.
	first [firstBits / 64]uint64
}

// firstBits is the size of trie.first in bits (a power of two): with
// the embedded knowledge base's 13,900 first tokens, about 5% of the
// other words pass the filter.
const firstBits = 1 << 18

// firstBit returns the index of tok's bit in trie.first (FNV-1a).
func firstBit(tok string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(tok); i++ {
		h = (h ^ uint32(tok[i])) * 16777619
	}
	return (h ^ h>>18) & (firstBits - 1)
}

// mayStart reports whether tok may be a key of the root: false means
// that it certainly is not.
func (t *trie) mayStart(tok string) bool {
	b := firstBit(tok)
	return t.first[b/64]&(1<<(b%64)) != 0
}

type tnode struct {
	next  map[string]int32
	cands []Candidate
}

func (t *trie) child(n int32, tok string) (int32, bool) {
	if n == 0 && !t.mayStart(tok) {
		return 0, false
	}
	c, ok := t.nodes[n].next[tok]
	return c, ok
}

func (t *trie) childBytes(n int32, tok []byte) (int32, bool) {
	c, ok := t.nodes[n].next[string(tok)]
	return c, ok
}

func (t *trie) insert(toks []string) int32 {
	if len(t.nodes) == 0 {
		t.nodes = append(t.nodes, tnode{})
	}
	n := int32(0)
	if len(toks) > 0 {
		b := firstBit(toks[0])
		t.first[b/64] |= 1 << (b % 64)
	}
	for _, tok := range toks {
		c, ok := t.nodes[n].next[tok]
		if !ok {
			c = int32(len(t.nodes))
			t.nodes = append(t.nodes, tnode{})
			if t.nodes[n].next == nil {
				t.nodes[n].next = make(map[string]int32)
			}
			t.nodes[n].next[tok] = c
		}
		n = c
	}
	return n
}

// keyTokens returns the normalized tokens of a name: every token that is
// not punctuation, in the arabic.Match profile.
func keyTokens(name string) []string {
	var out []string
	for _, t := range arabic.Tokenize(name) {
		if t.Kind == arabic.Punct {
			continue
		}
		out = append(out, arabic.Normalize(t.Text, arabic.Match))
	}
	return out
}

// index builds the name trie and the statistics.
func (k *KB) index() {
	k.trie = trie{nodes: []tnode{{}}}
	keys := make(map[string]bool)
	add := func(e *Entry, name string, kind AliasKind) {
		toks := keyTokens(name)
		if len(toks) == 0 {
			return
		}
		key := strings.Join(toks, " ")
		keys[key] = true
		n := k.trie.insert(toks)
		node := &k.trie.nodes[n]
		for i, c := range node.cands {
			if c.Entry == e {
				if kind < c.Kind {
					node.cands[i].Kind = kind
				}
				return
			}
		}
		node.cands = append(node.cands, Candidate{Entry: e, Kind: kind})
		if isLatin(key) {
			f := strings.ToLower(key)
			k.fold[f] = append(k.fold[f], Candidate{Entry: e, Kind: kind})
		}
	}
	for i := range k.entries {
		e := &k.entries[i]
		weak := map[string]bool{}
		for _, a := range e.Weak {
			weak[a] = true
		}
		var generic map[string]bool
		for _, a := range e.Generic {
			if generic == nil {
				generic = map[string]bool{}
			}
			generic[a] = true
		}
		if !weak[e.NameAr] {
			add(e, e.NameAr, Name)
		}
		for _, a := range e.Aliases {
			switch {
			case weak[a]:
			case generic[a]:
				add(e, a, Generic)
			case isLatin(a):
				add(e, a, English)
			default:
				add(e, a, Alias)
			}
		}
		for _, a := range e.Acronyms {
			add(e, a, Acronym)
		}
		add(e, e.NameEn, English)
		for _, a := range e.Demonyms {
			add(e, a, Demonym)
			if e.demonyms == nil {
				e.demonyms = map[string]bool{}
			}
			e.demonyms[strings.Join(keyTokens(a), " ")] = true
		}
		for _, a := range e.Weak {
			add(e, a, Weak)
		}
		switch {
		case e.Kind == "country" || e.Kind == "territory":
			k.stats.Countries++
			k.codes[e.Country] = e
			if e.Capital != "" {
				k.capital[e.Capital] = true
			}
			if e.ISO3 != "" {
				k.codes[e.ISO3] = e
			}
		case e.Kind == "city":
			k.stats.Cities++
		case e.Type == PER:
			k.stats.People++
		case e.Type == ORG:
			k.stats.Organizations++
		case e.Type == LOC:
			k.stats.Facilities++
		}
	}
	for i := range k.trie.nodes {
		sortCandidates(k.trie.nodes[i].cands)
	}
	for _, c := range k.fold {
		sortCandidates(c)
	}
	k.stats.Aliases = len(keys)
}

// sortCandidates orders candidates by alias strength, then countries
// before organizations before cities (larger first) before people.
func sortCandidates(c []Candidate) {
	rank := func(e *Entry) int {
		switch {
		case e.Kind == "country":
			return 0
		case e.Kind == "territory":
			return 1
		case e.Type == ORG:
			return 2
		case e.Type == LOC:
			return 3
		}
		return 4
	}
	sort.SliceStable(c, func(i, j int) bool {
		a, b := c[i], c[j]
		if ka, kb := a.Kind.Strength(), b.Kind.Strength(); ka != kb {
			return ka < kb
		}
		if ra, rb := rank(a.Entry), rank(b.Entry); ra != rb {
			return ra < rb
		}
		return a.Entry.Population > b.Entry.Population
	})
}

// isLatin reports whether s has letters and none of them is Arabic.
func isLatin(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters = true
		}
	}
	return letters
}

// Lookup returns the entries a name may refer to, best first: names are
// compared after arabic.Match normalization, token by token, and a
// leading proclitic (و ف ب ك ل, لل for ال) is tried off when the whole
// name is not known. Latin names are also compared without case, and an
// upper-case ISO 3166-1 alpha-2 or alpha-3 code finds its country. It
// returns nil for unknown names.
func (k *KB) Lookup(name string) []Entry {
	cands := k.LookupCandidates(name)
	if len(cands) == 0 {
		return nil
	}
	out := make([]Entry, len(cands))
	for i, c := range cands {
		out[i] = *c.Entry
	}
	return out
}

// LookupCandidates is Lookup returning the candidates with how the name
// belongs to each. The slice is shared: callers must not modify it.
func (k *KB) LookupCandidates(name string) []Candidate {
	lb := lookupPool.Get().(*lookupBuf)
	defer lookupPool.Put(lb)
	buf, ends := lb.buf[:0], lb.ends[:0]
	if plainArabic(name) {
		// Words of Arabic letters between spaces: the tokenizer would
		// find exactly these.
		for f := range strings.FieldsSeq(name) {
			buf = arabic.AppendNormalized(buf, f, arabic.Match)
			ends = append(ends, len(buf))
		}
	} else {
		lb.toks = arabic.AppendTokens(lb.toks[:0], name)
		for _, t := range lb.toks {
			if t.Kind == arabic.Punct {
				continue
			}
			buf = arabic.AppendNormalized(buf, t.Text, arabic.Match)
			ends = append(ends, len(buf))
		}
	}
	lb.buf, lb.ends = buf, ends
	if len(ends) == 0 {
		return nil
	}
	lb.vars = variantBytes(lb.vars[:0], buf[:ends[0]], &lb.scratch)
	for _, v := range lb.vars {
		n, ok := k.trie.childBytes(0, v)
		for i := 1; i < len(ends) && ok; i++ {
			n, ok = k.trie.childBytes(n, buf[ends[i-1]:ends[i]])
		}
		if ok && len(k.trie.nodes[n].cands) > 0 {
			return k.trie.nodes[n].cands
		}
	}
	if isLatin(name) {
		var key []byte
		for i, e := range ends {
			if i > 0 {
				key = append(key, ' ')
				key = append(key, buf[ends[i-1]:e]...)
			} else {
				key = append(key, buf[:e]...)
			}
		}
		if c := k.fold[strings.ToLower(string(key))]; c != nil {
			return c
		}
		if e := k.codes[name]; e != nil {
			return []Candidate{{Entry: e, Kind: Acronym}}
		}
	}
	return nil
}

// plainArabic reports whether s holds only Arabic letters (U+0621–U+064A,
// U+0671–U+06D3) and ASCII spaces.
func plainArabic(s string) bool {
	for _, r := range s {
		if r != ' ' && !(r >= 0x0621 && r <= 0x064A) && !(r >= 0x0671 && r <= 0x06D3) {
			return false
		}
	}
	return true
}

// lookupBuf is the scratch space of one Lookup.
type lookupBuf struct {
	toks    []arabic.Token
	buf     []byte
	ends    []int
	vars    [][]byte
	scratch []byte
}

var lookupPool = sync.Pool{New: func() any {
	return &lookupBuf{toks: make([]arabic.Token, 0, 16), buf: make([]byte, 0, 256), ends: make([]int, 0, 16),
		vars: make([][]byte, 0, 4), scratch: make([]byte, 0, 64)}
}}

// variantBytes is variants for Lookup, appending to out without
// allocating: the forms of a normalized first token to try, in order.
// scratch receives the form with the article restored.
func variantBytes(out [][]byte, tok []byte, scratch *[]byte) [][]byte {
	out = append(out, tok)
	rest := tok
	if bytes.HasPrefix(rest, []byte("و")) || bytes.HasPrefix(rest, []byte("ف")) {
		rest = rest[len("و"):]
		if utf8.RuneCount(rest) >= 2 {
			out = append(out, rest)
		}
	}
	for _, p := range [...]string{"ب", "ك", "ل"} {
		if !bytes.HasPrefix(rest, []byte(p)) {
			continue
		}
		r := rest[len(p):]
		if p == "ل" && bytes.HasPrefix(r, []byte("ل")) && utf8.RuneCount(r) >= 3 {
			*scratch = append(append((*scratch)[:0], "ا"...), r...)
			out = append(out, *scratch)
		} else if utf8.RuneCount(r) >= 2 {
			out = append(out, r)
		}
		break
	}
	return out
}

// variant is a first token with some proclitic letters taken off.
type variant struct {
	tok    string
	strip  int // letters taken off the normalized token
	prefix int // letters of the written token that are proclitics
}

// variants returns the forms of a normalized first token to try: the
// token itself, then without a conjunction (و ف), then without a
// preposition (ب ك ل) as well; after ل the article's ال is restored
// (للناتو → الناتو), and both ل are left out of the mention, as package
// ner does. At least two letters remain.
func variants(out []variant, tok string) []variant {
	out = append(out[:0], variant{tok: tok})
	rest, c := tok, 0
	if strings.HasPrefix(rest, "و") || strings.HasPrefix(rest, "ف") {
		rest, c = rest[len("و"):], 1
		if utf8.RuneCountInString(rest) >= 2 {
			out = append(out, variant{tok: rest, strip: c, prefix: c})
		}
	}
	for _, p := range []string{"ب", "ك", "ل"} {
		if !strings.HasPrefix(rest, p) {
			continue
		}
		r := rest[len(p):]
		if p == "ل" && strings.HasPrefix(r, "ل") && utf8.RuneCountInString(r) >= 3 {
			out = append(out, variant{tok: "ا" + r, strip: c + 1, prefix: c + 2})
		} else if utf8.RuneCountInString(r) >= 2 {
			out = append(out, variant{tok: r, strip: c + 1, prefix: c + 1})
		}
		break
	}
	return out
}

// transparent reports whether a punctuation token may sit inside a
// matched name: brackets, dashes and quotation marks, not the marks that
// end a clause.
func transparent(s string) bool {
	switch s {
	case "(", ")", "[", "]", "-", "–", "—", "\"", "«", "»", "“", "”", "'":
		return true
	}
	return false
}

// Match finds the knowledge-base names in toks, which should be the
// tokens of text as arabic.Tokenize returns them. At each position the
// longest name wins, and an unstripped first token beats one whose
// proclitics were taken off; matches do not overlap. Brackets, dashes and
// quotation marks inside a name are skipped, so "حلف (الناتو)" is one
// match of NATO's "حلف الناتو" and a closing bracket paired inside is
// included.
func (k *KB) Match(toks []arabic.Token) []Match {
	// Normalize every token into one buffer, then cut one string.
	size := 0
	for _, t := range toks {
		size += len(t.Text)
	}
	buf := make([]byte, 0, size+size/8)
	ends := make([]int, len(toks))
	for i, t := range toks {
		if t.Kind != arabic.Punct {
			buf = arabic.AppendNormalized(buf, t.Text, arabic.Match)
		}
		ends[i] = len(buf)
	}
	all := string(buf)
	norms := make([]string, len(toks))
	for i := range toks {
		a := 0
		if i > 0 {
			a = ends[i-1]
		}
		norms[i] = all[a:ends[i]]
	}
	return k.MatchNormalized(toks, norms)
}

// MatchNormalized is Match for a caller that has already normalized the
// tokens: norms[i] must be arabic.Normalize(toks[i].Text, arabic.Match)
// for every token that is not punctuation (the norms of punctuation
// tokens are not read). It returns exactly what Match returns, without
// normalizing the text again; it returns nil when the lengths differ.
func (k *KB) MatchNormalized(toks []arabic.Token, norms []string) []Match {
	if len(norms) != len(toks) {
		return nil
	}
	var out []Match
	vs := make([]variant, 0, 4)
	for i := 0; i < len(toks); {
		if toks[i].Kind == arabic.Punct || norms[i] == "" {
			i++
			continue
		}
		best, bestEnd := -1, -1
		var bestNode int32
		vs = variants(vs, norms[i])
		for vi, v := range vs {
			n, ok := k.trie.child(0, v.tok)
			if !ok {
				continue
			}
			end, node := -1, int32(-1)
			if len(k.trie.nodes[n].cands) > 0 {
				end, node = i+1, n
			}
			for j := i + 1; j < len(toks); j++ {
				if toks[j].Kind == arabic.Punct {
					if transparent(toks[j].Text) {
						continue
					}
					break
				}
				c, ok := k.trie.child(n, norms[j])
				if !ok {
					break
				}
				n = c
				if len(k.trie.nodes[n].cands) > 0 {
					end, node = j+1, n
				}
			}
			if end > bestEnd {
				best, bestEnd, bestNode = vi, end, node
			}
		}
		if best < 0 {
			i++
			continue
		}
		end := bestEnd
		open := 0
		for j := i; j < end; j++ {
			switch toks[j].Text {
			case "(":
				open++
			case ")":
				open--
			}
		}
		if open > 0 && end < len(toks) && toks[end].Text == ")" {
			end++
		}
		first := toks[i]
		pre := prefixLen(first.Text, vs[best].prefix)
		m := Match{
			Start:      i,
			End:        end,
			Prefix:     first.Text[:pre],
			TextStart:  first.Start + utf8.RuneCountInString(first.Text[:pre]),
			TextEnd:    toks[end-1].End,
			Candidates: k.trie.nodes[bestNode].cands,
		}
		m.Key = keyOf(vs[best].tok, norms[i+1:bestEnd], toks[i+1:bestEnd])
		out = append(out, m)
		i = end
	}
	return out
}

// keyOf joins the normalized tokens of a match, punctuation left out.
func keyOf(first string, norms []string, toks []arabic.Token) string {
	var b strings.Builder
	b.WriteString(first)
	for i, n := range norms {
		if toks[i].Kind == arabic.Punct {
			continue
		}
		b.WriteByte(' ')
		b.WriteString(n)
	}
	return b.String()
}

// prefixLen returns the byte length of the first n letters of word,
// with any harakat or tatweel that follow them.
func prefixLen(word string, n int) int {
	i := 0
	for n > 0 && i < len(word) {
		_, size := utf8.DecodeRuneInString(word[i:])
		i += size
		n--
		for i < len(word) {
			r, size := utf8.DecodeRuneInString(word[i:])
			if !isMark(r) {
				break
			}
			i += size
		}
	}
	return i
}

func isMark(r rune) bool {
	return (r >= 0x064B && r <= 0x065F) || r == 0x0670 || r == 0x0640 || unicode.Is(unicode.Mn, r)
}
