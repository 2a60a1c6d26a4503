package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Sentence is one labelled sentence of a CoNLL file: Words[i] carries
// Labels[i], an IOB2 label (O, B-TYPE, I-TYPE) over PER, ORG, LOC, MISC.
type Sentence struct {
	Words  []string
	Labels []string
	// Domain names the kind of text for FeatDomain in training: "" is
	// news (what khabar tags), ReadFANE sets "wiki".
	Domain string
}

// ReadCoNLL reads a CoNLL-style file: one "token TAG [TAG...]" per line
// (space or tab separated), a blank line between sentences. It accepts
// the ANERcorp, AQMAR and Wojood layouts and maps their tags with MapTag;
// for Wojood's nested tags only the first (outermost) one is used. Lines
// that are not valid UTF-8 or have no tag are reported with their number.
func ReadCoNLL(r io.Reader) ([]Sentence, error) { return readCoNLL(r, MapTag) }

// readCoNLL reads a CoNLL-style file, mapping each tag with mapTag.
func readCoNLL(r io.Reader, mapTag func(string) string) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	var out []Sentence
	var cur Sentence
	flush := func() {
		if len(cur.Words) > 0 {
			repairIOB(cur.Labels)
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		s = strings.TrimPrefix(s, "\ufeff")
		if strings.TrimSpace(s) == "" {
			flush()
			continue
		}
		if !utf8.ValidString(s) {
			return nil, fmt.Errorf("line %d: invalid UTF-8", line)
		}
		f := strings.Fields(s)
		if len(f) < 2 {
			return nil, fmt.Errorf("line %d: want \"token TAG\", got %q", line, s)
		}
		cur.Words = append(cur.Words, f[0])
		cur.Labels = append(cur.Labels, mapTag(f[1]))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line, err)
	}
	flush()
	return out, nil
}

// MapTag maps a corpus tag to khabar's IOB2 label set: PERS and PER →
// PER; ORG → ORG; LOC and GPE → LOC; MISC and AQMAR's MIS0–MIS3 (and
// their misspellings) → MISC; every other class (Wojood's DATE, OCC,
// NORP, FAC, …, AQMAR's ENGLISH/SPANISH) and noise such as OO or IO → O.
func MapTag(tag string) string {
	tag = strings.Trim(tag, "`'\"")
	if len(tag) < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-' {
		return "O"
	}
	typ := strings.TrimLeft(tag[2:], "-")
	var t string
	switch {
	case typ == "PERS" || typ == "PER":
		t = "PER"
	case typ == "ORG":
		t = "ORG"
	case typ == "LOC" || typ == "GPE":
		t = "LOC"
	case typ == "MISC" || strings.HasPrefix(typ, "MIS"):
		t = "MISC"
	default:
		return "O"
	}
	return tag[:2] + t
}

// repairIOB turns an I- label that cannot continue the previous label
// into B-, as conlleval reads it.
func repairIOB(labels []string) {
	prev := "O"
	for i, l := range labels {
		if strings.HasPrefix(l, "I-") && prev[min(2, len(prev)):] != l[2:] {
			labels[i] = "B-" + l[2:]
		}
		prev = labels[i]
	}
}

// WriteCoNLL writes sentences as "token LABEL" lines with a blank line
// after each sentence.
func WriteCoNLL(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	for _, s := range sents {
		for i, word := range s.Words {
			fmt.Fprintf(bw, "%s %s\n", word, s.Labels[i])
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
