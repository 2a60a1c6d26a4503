package ner

import (
	"slices"
	"testing"
)

func TestNorm(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"abc", "abc"},
		{"ABC", "abc"},
		{"أحمد", "احمد"},
		{"إسلام", "اسلام"},
		{"مُحَمَّد", "محمد"},
		{"مصطفى", "مصطفي"},
		{"القاهرة", "القاهره"},
		{"مؤتمر", "موتمر"},
		{"رئيس", "رييس"},
		{"٢٠٢٣", "2023"},
		{"عـــرب", "عرب"},
		{"\u200fنص", "نص"},
		{"", ""},
	} {
		if got := norm(c.in); got != c.want {
			t.Errorf("norm(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestStripClitics(t *testing.T) {
	for _, c := range []struct{ in, pro, base string }{
		{"والسعوديه", "وال", "سعوديه"},
		{"بالرياض", "بال", "رياض"},
		{"للامم", "لل", "الامم"},
		{"ولبنان", "ول", "بنان"}, // features see every reading; the span rule decides
		{"مصر", "", "مصر"},
		{"ال", "", "ال"},
		{"وب", "", "وب"},
	} {
		pro, base := stripClitics(c.in)
		if pro != c.pro || base != c.base {
			t.Errorf("stripClitics(%q) = %q, %q; want %q, %q", c.in, pro, base, c.pro, c.base)
		}
	}
}

func TestShape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"القاهرة", "A"}, {"في", "As"}, {"NATO", "L"}, {"2023", "D"}, {"٢٠٢٣", "D"},
		{"F16", "N"}, {".", "Ps"}, {"،", "Ps"}, {"$", "Ss"}, {"", "E"},
	} {
		if got := shape(c.in); got != c.want {
			t.Errorf("shape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestAffixes(t *testing.T) {
	if p, more := runePrefix("مصر", 2); p != "مص" || !more {
		t.Errorf("runePrefix = %q %v", p, more)
	}
	if p, more := runePrefix("مصر", 5); p != "مصر" || more {
		t.Errorf("runePrefix long = %q %v", p, more)
	}
	if s, more := runeSuffix("مصر", 1); s != "ر" || !more {
		t.Errorf("runeSuffix = %q %v", s, more)
	}
	if s, more := runeSuffix("مصر", 3); s != "مصر" || more {
		t.Errorf("runeSuffix whole = %q %v", s, more)
	}
}

func TestGazetteerMatch(t *testing.T) {
	g := defaultGazetteer()
	words := []string{"وصل", "الي", "الرياض", "من", "المملكه", "المتحده", "وفرنسا"}
	strip := make([]string, len(words))
	for i, w := range words {
		strip[i] = gazStrip(w)
	}
	b, in := make([]uint16, len(words)), make([]uint16, len(words))
	g.match(words, strip, b, in)
	if b[2]&gCity == 0 {
		t.Errorf("الرياض not a city: %b", b[2])
	}
	if b[4]&gCountry == 0 || in[5]&gCountry == 0 {
		t.Errorf("المملكة المتحدة not a two-token country: %b %b", b[4], in[5])
	}
	if b[6]&gCountry == 0 {
		t.Errorf("وفرنسا (with proclitic) not a country: %b", b[6])
	}
	if b[0]&(gCountry|gCity) != 0 {
		t.Errorf("وصل matched a place: %b", b[0])
	}
	if g.word["وزاره"]&gOrgHead == 0 || g.word["السيد"]&gTitle == 0 || g.word["مدينه"]&gLocCue == 0 {
		t.Error("trigger words missing")
	}
}

// feats returns the feature hashes of token i of words.
func feats(groups uint32, words []string, i int) []uint64 {
	x := newExtractor(groups)
	x.extract(words)
	return slices.Clone(x.feats[x.offs[i]:x.offs[i+1]])
}

func TestExtractor(t *testing.T) {
	words := []string{"قال", "الرئيس", "ماكرون", "في", "باريس"}
	all := feats(FeatAll, words, 2)
	if len(all) < 20 {
		t.Fatalf("only %d features", len(all))
	}
	if !slices.Equal(all, feats(FeatAll, words, 2)) {
		t.Error("extraction is not deterministic")
	}
	// Word identity: the same folded word in the same context gives the
	// same features; a different word does not.
	alt := []string{"قال", "الرئيس", "ميركل", "في", "باريس"}
	if slices.Equal(all, feats(FeatAll, alt, 2)) {
		t.Error("different words, same features")
	}
	// Folding: a diacritized spelling extracts the same features.
	if !slices.Equal(all, feats(FeatAll, []string{"قال", "الرئيس", "ماكرُون", "في", "باريس"}, 2)) {
		t.Error("diacritics change the features")
	}
	// Feature groups add features.
	only := feats(FeatWord, words, 2)
	if len(only) != 2 { // bias + word
		t.Errorf("word group alone gave %d features", len(only))
	}
	if !slices.Contains(all, uint64(newHash(tWord).str("ماكرون"))) {
		t.Error("word feature missing")
	}
	// Gazetteer and trigger hits show up as features.
	if !slices.Contains(feats(FeatGazetteer, words, 4), uint64(newHash(tGazB).byte(1))) { // gCity is bit 1
		t.Error("city gazetteer feature missing for باريس")
	}
	if !slices.Contains(feats(FeatTrigger, words, 2), uint64(newHash(tTrigAt).byte(1).byte(byte(gTitle)))) {
		t.Error("title trigger at -1 missing for ماكرون")
	}
}

func TestExtractorDoc(t *testing.T) {
	x := newExtractor(FeatAll)
	words := []string{"وقال", "ماكرون", "."}
	stats := map[string]*[5]int32{"ماكرون": {0, 3, 0, 0, 0}}
	x.doc = &docView{self: []int{0, 1, 0}, stats: stats}
	x.extract(words)
	f := x.feats[x.offs[1]:x.offs[2]]
	// Own label (B-PER, class 1) is discounted: 2 other PER readings of 2.
	if !slices.Contains(f, uint64(newHash(tDoc).byte(1).byte(2))) {
		t.Error("document PER feature missing")
	}
	if !slices.Contains(f, uint64(newHash(tS1).byte(1))) {
		t.Error("first-stage label feature missing")
	}
}

func TestGazetteerKB(t *testing.T) {
	g := defaultGazetteer()
	for _, c := range []struct {
		words       []string
		at, through int    // the match begins at words[at] and continues through words[through]
		class       uint16 // expected knowledge-base class
	}{
		{[]string{"قالت", "منظمه", "الصحه", "العالميه", "امس"}, 1, 3, gKBOrg},
		{[]string{"وقالت", "الامم", "المتحده"}, 1, 2, gKBOrg},
		{[]string{"وزير", "خارجيه", "فرنسا"}, 2, 2, gKBLoc},
		{[]string{"والسعوديه", "تقرر"}, 0, 0, gKBLoc}, // proclitic on the first token
	} {
		strip := make([]string, len(c.words))
		for i, w := range c.words {
			strip[i] = gazStrip(w)
		}
		b, in := make([]uint16, len(c.words)), make([]uint16, len(c.words))
		g.match(c.words, strip, b, in)
		if b[c.at]&c.class == 0 {
			t.Errorf("%q: token %d lacks kb class %b at its start: %b", c.words, c.at, c.class, b[c.at])
		}
		for k := c.at + 1; k <= c.through; k++ {
			if in[k]&c.class == 0 {
				t.Errorf("%q: token %d lacks kb class %b inside: %b", c.words, k, c.class, in[k])
			}
		}
		if c.at > 0 && (b[0]|in[0])&gKBAll != 0 {
			t.Errorf("%q: first token matched the kb: %b", c.words, b[0]|in[0])
		}
	}
}

func TestLexClass(t *testing.T) {
	for _, c := range []struct {
		in   string
		want uint8
	}{
		{"كتاب", lexKnown},
		{"والكتاب", lexKnown}, // proclitics and article stripped
		{"الحكومة", lexKnown},
		{"كوناري", lexUnknown}, // a foreign surname
		{"نيستلروي", lexUnknown},
		{"NATO", lexNone},
		{"2023", lexNone},
		{"", lexNone},
		{"\xff\xfe", lexNone},
	} {
		if got := lexClass(c.in, shape(c.in)); got != c.want {
			t.Errorf("lexClass(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestExtractorKBLex(t *testing.T) {
	words := []string{"قالت", "منظمه", "الصحه", "العالميه", "ان", "كوناري", "وصل"}
	if !slices.Contains(feats(FeatKB, words, 1), uint64(newHash(tKBB).byte(1))) { // gKBOrg is kb class 1
		t.Error("kb ORG begin feature missing for منظمة")
	}
	if !slices.Contains(feats(FeatKB, words, 3), uint64(newHash(tKBI).byte(1))) {
		t.Error("kb ORG inside feature missing for العالمية")
	}
	if !slices.Contains(feats(FeatKB, words, 0), uint64(newHash(tKBAt).byte(3).byte(byte(gKBOrg>>7)))) {
		t.Error("kb ORG at +1 feature missing for قالت")
	}
	if !slices.Contains(feats(FeatLex, words, 5), uint64(newHash(tLex).byte(lexUnknown))) {
		t.Error("unknown-word feature missing for كوناري")
	}
	if slices.Contains(feats(FeatAll&^FeatKB&^FeatLex, words, 5), uint64(newHash(tLex).byte(lexUnknown))) {
		t.Error("lexicon feature present without FeatLex")
	}
}
