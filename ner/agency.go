package ner

import (
	"strings"

	"github.com/khabar/khabar/arabic"
)

// Gulf news names a government service's branch by the service and the
// place it serves, without a head: تعليم تبوك (the education department of
// Tabuk), صحة جدة, شرطة مكة, مدني جازان (civil defence), مرور الرياض,
// إمارة منطقة حائل. The model tags the place and leaves the service word;
// the two are one organization.

// serviceWords are the services so named, indefinite, in norm's alphabet;
// false marks إمارة, the office of a governor only before منطقة or
// محافظة (إمارة دبي is an emirate, a place).
var serviceWords = map[string]bool{
	"تعليم": true, "صحه": true, "مدني": true, "مرور": true, "جوازات": true, "شرطه": true, "اماره": false,
	"بلديه": true, "امانه": true,
}

// servicePhrases turns a service word followed by a place mention (no
// proclitic on the place, on the same line) into one organization span,
// and returns the spans in text order; covered is kept up to date.
func (t *Tagger) servicePhrases(text string, toks []arabic.Token, fw []string, spans []Span, covered []bool) []Span {
	var ix spanIndex
	for i := 0; i+1 < len(toks); i++ {
		if covered[i] || !covered[i+1] || !sameLine(text, toks[i], toks[i+1]) {
			continue
		}
		n := fw[i]
		pro := 0
		any, ok := serviceWords[n]
		if !ok {
			p, base := stripClitics(n)
			if any, ok = serviceWords[base]; !ok || strings.HasSuffix(p, "ال") || strings.HasSuffix(p, "لل") {
				continue
			}
			pro = rawRunes(toks[i].Text, len([]rune(p)))
		}
		if next := fw[i+1]; !any && next != "منطقه" && next != "محافظه" {
			continue
		}
		end, taken := ix.absorb(text, toks, spans, i, 1, func(sp Span) bool {
			return sp.Type == "LOC" && arabicWord(toks[sp.TokStart].Text)
		})
		if taken == 0 {
			continue
		}
		ix.add(text, toks, covered, i, end, pro, "ORG")
		i = end - 1
	}
	return ix.merge(spans)
}
