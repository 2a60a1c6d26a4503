package event

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed triggers.txt
var triggersTxt string

// Trigger classes; see triggers.txt.
const (
	classVerb   = 'v'
	classNoun   = 'n'
	classAdverb = 'a'
	classWith   = 'w'
	classStrong = 'x'
	classAgent  = 'g'
)

// trigger is one lexicon entry for a form.
type trigger struct {
	typ   string
	mode  string
	class byte
	tails []string // words one of which must follow; empty: none needed
}

// lexicon maps a normalized, clitic-free form to its triggers.
type lexicon map[string][]trigger

var triggers = mustParseTriggers(triggersTxt)

func mustParseTriggers(s string) lexicon {
	lx, err := parseTriggers(s)
	if err != nil {
		panic(err) // the embedded file is checked by TestTriggersFile
	}
	return lx
}

// parseTriggers reads the format described in triggers.txt.
func parseTriggers(s string) (lexicon, error) {
	lx := lexicon{}
	for n, line := range strings.Split(s, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 4 {
			return nil, fmt.Errorf("triggers.txt:%d: want TYPE<TAB>mode<TAB>class<TAB>forms, got %d columns", n+1, len(cols))
		}
		typ, mode, class := cols[0], cols[1], cols[2]
		if !ploverTypes[typ] {
			return nil, fmt.Errorf("triggers.txt:%d: unknown PLOVER type %q", n+1, typ)
		}
		if mode == "-" {
			mode = ""
		}
		if len(class) != 1 || !strings.Contains("vnawxg", class) {
			return nil, fmt.Errorf("triggers.txt:%d: unknown class %q", n+1, class)
		}
		for _, f := range strings.Fields(cols[3]) {
			head, tail, _ := strings.Cut(f, "+")
			t := trigger{typ: typ, mode: mode, class: class[0]}
			if tail != "" {
				for _, w := range strings.Split(tail, "|") {
					t.tails = append(t.tails, norm(w))
				}
			}
			h := norm(head)
			if h == "" {
				return nil, fmt.Errorf("triggers.txt:%d: empty form in %q", n+1, f)
			}
			lx[h] = append(lx[h], t)
		}
	}
	return lx, nil
}

// ploverTypes are the PLOVER event categories.
var ploverTypes = map[string]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true, "COOPERATE": true, "AID": true,
	"RETREAT": true, "REQUEST": true, "ACCUSE": true, "REJECT": true, "THREATEN": true, "PROTEST": true,
	"SANCTION": true, "MOBILIZE": true, "COERCE": true, "ASSAULT": true, "DEMAND": true, "INVESTIGATE": true,
}

// norm is the normalized form of one word.
func norm(s string) string {
	var b strings.Builder
	normInto(&b, []rune(s))
	return b.String()
}

// variant is one reading of a word with some clitics removed.
type variant struct {
	form    string
	article bool // ال removed
	prep    bool // ب ل ك removed
	suffix  bool // a possessive pronoun removed
	future  bool // the future prefix س removed
}

// variants lists the readings of a normalized word, fullest first:
// the word itself, without a conjunction, without a preposition, without
// the article, without a possessive suffix, without the future prefix.
func variants(w string, out []variant) []variant {
	out = append(out[:0], variant{form: w})
	base := w
	if s, ok := stripConj(w); ok {
		base = s
		out = append(out, variant{form: s})
	}
	rs := []rune(base)
	prep := false
	if len(rs) > 3 && (rs[0] == 'ب' || rs[0] == 'ل' || rs[0] == 'ك') {
		if rs[0] == 'ل' && rs[1] == 'ل' && len(rs) > 4 { // لل = ل + ال
			out = append(out, variant{form: string(rs[2:]), prep: true, article: true})
		}
		out = append(out, variant{form: string(rs[1:]), prep: true})
		prep = true
	}
	for _, v := range append([]variant(nil), out...) {
		if r := []rune(v.form); len(r) > 4 && r[0] == 'ا' && r[1] == 'ل' {
			out = append(out, variant{form: string(r[2:]), article: true, prep: v.prep})
		}
	}
	for _, v := range append([]variant(nil), out...) {
		if v.article {
			continue
		}
		for _, suf := range []string{"هما", "هم", "ها", "ه", "نا"} {
			if strings.HasSuffix(v.form, suf) && len([]rune(v.form))-len([]rune(suf)) >= 3 {
				out = append(out, variant{form: strings.TrimSuffix(v.form, suf), suffix: true, prep: v.prep})
			}
		}
	}
	if r := []rune(base); !prep && len(r) > 4 && r[0] == 'س' && (r[1] == 'ي' || r[1] == 'ت' || r[1] == 'ن') {
		out = append(out, variant{form: string(r[1:]), future: true})
	}
	return out
}

// tailMatches reports whether the normalized word w satisfies a tail: it
// starts with it (or equals it, for tails of two letters or fewer), with
// or without its clitics.
func tailMatches(w, tail string) bool {
	var buf [8]variant
	for _, v := range variants(w, buf[:0]) {
		if len([]rune(tail)) <= 2 {
			if v.form == tail {
				return true
			}
		} else if strings.HasPrefix(v.form, tail) {
			return true
		}
	}
	return false
}
