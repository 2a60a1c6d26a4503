package event

import (
	_ "embed"
	"fmt"
	"github.com/khabar/khabar/internal/matchtext"
	"strings"
	"unicode/utf8"
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
					t.tails = append(t.tails, matchtext.FoldWord(w))
				}
			}
			h := matchtext.FoldWord(head)
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
	if s, ok := matchtext.StripConj(w); ok {
		base = s
		out = append(out, variant{form: s})
	}
	// Arabic letters are two bytes in UTF-8, so a clitic letter is cut
	// off with base[2:].
	n := utf8.RuneCountInString(base)
	prep := false
	if n > 3 && (strings.HasPrefix(base, "ب") || strings.HasPrefix(base, "ل") || strings.HasPrefix(base, "ك")) {
		if strings.HasPrefix(base, "لل") && n > 4 { // لل = ل + ال
			out = append(out, variant{form: base[4:], prep: true, article: true})
		}
		out = append(out, variant{form: base[2:], prep: true})
		prep = true
	}
	for k, m := 0, len(out); k < m; k++ {
		if v := out[k]; strings.HasPrefix(v.form, "ال") && utf8.RuneCountInString(v.form) > 4 {
			out = append(out, variant{form: v.form[4:], article: true, prep: v.prep})
		}
	}
	for k, m := 0, len(out); k < m; k++ {
		v := out[k]
		if v.article {
			continue
		}
		for _, suf := range pronounSuffixes {
			if strings.HasSuffix(v.form, suf) && utf8.RuneCountInString(v.form)-len(suf)/2 >= 3 {
				out = append(out, variant{form: v.form[:len(v.form)-len(suf)], suffix: true, prep: v.prep})
			}
		}
	}
	if !prep && n > 4 && strings.HasPrefix(base, "س") {
		if r, _ := utf8.DecodeRuneInString(base[2:]); r == 'ي' || r == 'ت' || r == 'ن' {
			out = append(out, variant{form: base[2:], future: true})
		}
	}
	return out
}

var pronounSuffixes = []string{"هما", "هم", "ها", "ه", "نا"}

// tailMatches reports whether the normalized word w satisfies a tail: it
// starts with it (or equals it, for tails of two letters or fewer), with
// or without its clitics.
func tailMatches(w, tail string) bool {
	var buf [8]variant
	short := utf8.RuneCountInString(tail) <= 2
	for _, v := range variants(w, buf[:0]) {
		if short {
			if v.form == tail {
				return true
			}
		} else if strings.HasPrefix(v.form, tail) {
			return true
		}
	}
	return false
}
