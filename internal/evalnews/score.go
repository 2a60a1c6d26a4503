package evalnews

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/titles"
)

// key normalizes a name for comparison: khabar's Match normalization,
// single spaces, عبد joined to the next word, quotation marks and
// punctuation trimmed, and the proclitics before the article removed
// (والرياض، بالرياض، للرياض → الرياض). A proclitic before a name without
// the article cannot be told from the name's first letter and stays.
func key(s string) string {
	s = arabic.Normalize(s, arabic.Match)
	s = strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "عبد ", "عبد")
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) })
	return dropHeadNoun(stripProclitics(s))
}

// articleElided returns the mention's text with the article restored
// when the mention starts after the ل of ل + ال written لل (للأمم
// المتحدة: khabar's mention is أمم المتحدة, the name الأمم المتحدة).
func articleElided(text []rune, m khabar.Mention) string {
	if m.Start >= 2 && m.Start <= len(text) && text[m.Start-1] == 'ل' && text[m.Start-2] == 'ل' && !strings.HasPrefix(m.Text, "ال") {
		return "ال" + m.Text
	}
	return m.Text
}

// leadTitles are titles that may open a mention of a person in khabar's
// output (النائب دوري شمعون) but that the guide leaves out of the span:
// the evalnews-lead selection of package titles.
var leadTitles = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range titles.Select("evalnews-lead") {
		m[arabic.Normalize(w, arabic.Match)] = true
	}
	return m
}()

// dropTitle removes from a person's mention the entity's title or
// honorific, or a title word, written before the name.
func dropTitle(e *khabar.Entity, text string) string {
	if e.Type != "PER" {
		return text
	}
	for _, p := range []string{e.Title, e.Honorific} {
		if p != "" {
			if rest, ok := strings.CutPrefix(text, p+" "); ok {
				text = rest
			}
		}
	}
	for {
		first, rest, ok := strings.Cut(text, " ")
		if !ok || !leadTitles[arabic.Normalize(first, arabic.Match)] {
			return text
		}
		text = rest
	}
}

// headNouns are generic nouns that the guide keeps in a span when they
// stand right before the name (مدينة جدة، نادي الهلال) but that khabar,
// like ANERcorp, may leave out: key drops one from both sides, so that
// the comparison is about the name. Normalized as key normalizes.
var headNouns = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"مدينة", "محافظة", "منطقة", "قرية", "بلدة", "ولاية", "نادي", "صحيفة", "جريدة", "قناة",
		"تنظيم", "حركة", "جماعة", "شركة", "مجموعة", "موقع"} {
		m[arabic.Normalize(w, arabic.Match)] = true
	}
	return m
}()

// dropHeadNoun removes a leading head noun when a name of its own
// follows.
func dropHeadNoun(s string) string {
	first, rest, ok := strings.Cut(s, " ")
	if ok && headNouns[first] && rest != "" {
		return rest
	}
	return s
}

// stripProclitics removes و/ف, then ب/ك/ل, before ال; لل stands for ل + ال.
func stripProclitics(s string) string {
	rest := strings.TrimPrefix(strings.TrimPrefix(s, "و"), "ف")
	for _, p := range []string{"", "ب", "ك", "ل"} {
		if r, ok := strings.CutPrefix(rest, p+"ال"); ok && len([]rune(r)) >= 2 {
			return "ال" + r
		}
	}
	if r, ok := strings.CutPrefix(rest, "لل"); ok && len([]rune(r)) >= 2 {
		return "ال" + r
	}
	return s
}

// pronouns are the honorific pronouns that coreference adds as mentions
// of a person (سعادته): the pronouns of package titles, normalized.
var pronouns = func() map[string]bool {
	m := map[string]bool{}
	for w := range titles.Pronouns() {
		m[arabic.Normalize(w, arabic.Match)] = true
	}
	return m
}()

// corefMention reports whether m is a mention that coreference added
// without a name in it, which the gold guide does not count: an honorific
// pronoun (وأوضح سعادته), الحلف standing for an alliance, or the person's
// office written alone (the entity's title).
func corefMention(e *khabar.Entity, m khabar.Mention) bool {
	n := arabic.Normalize(strings.TrimSpace(m.Text), arabic.Match)
	if pronouns[n] || pronouns[strings.TrimPrefix(strings.TrimPrefix(n, "و"), "ف")] {
		return true
	}
	k := key(m.Text)
	if e.Type == "ORG" && (k == "الحلف" || k == "حلف") {
		return true
	}
	if e.Title != "" {
		t := key(e.Title)
		return k == t || key(strings.TrimPrefix(strings.TrimPrefix(n, "و"), "ف")) == t
	}
	return false
}

// Counts are true positives, false positives and false negatives.
type Counts struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	FN int `json:"fn"`
}

// Add adds o to c.
func (c *Counts) Add(o Counts) { c.TP, c.FP, c.FN = c.TP+o.TP, c.FP+o.FP, c.FN+o.FN }

// Precision returns TP/(TP+FP), or 0.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall returns TP/(TP+FN), or 0.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 returns the harmonic mean of precision and recall, or 0.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// MarshalJSON adds precision, recall and F1 to the counts.
func (c Counts) MarshalJSON() ([]byte, error) {
	type plain Counts
	return json.Marshal(struct {
		plain
		P  float64 `json:"precision"`
		R  float64 `json:"recall"`
		F1 float64 `json:"f1"`
	}{plain(c), round(c.Precision()), round(c.Recall()), round(c.F1())})
}

// Tally counts correct answers out of a total.
type Tally struct {
	Correct int `json:"correct"`
	Total   int `json:"total"`
}

// Add adds o to t.
func (t *Tally) Add(o Tally) { t.Correct, t.Total = t.Correct+o.Correct, t.Total+o.Total }

// Rate returns Correct/Total, or 0.
func (t Tally) Rate() float64 { return ratio(t.Correct, t.Total) }

// MarshalJSON adds the rate to the tally.
func (t Tally) MarshalJSON() ([]byte, error) {
	type plain Tally
	return json.Marshal(struct {
		plain
		Rate float64 `json:"rate"`
	}{plain(t), round(t.Rate())})
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func round(x float64) float64 { return float64(int(x*10000+0.5)) / 10000 }

// Error is one difference between the gold and the analysis.
type Error struct {
	Line int    `json:"line"`
	Kind string `json:"kind"` // missed, extra, missed-quote, extra-quote, speaker, source
	Type string `json:"type,omitempty"`
	Text string `json:"text"`           // the name, or the start of the quote
	Want string `json:"want,omitempty"` // gold speaker or source
	Got  string `json:"got,omitempty"`  // predicted speaker or source
	Note string `json:"note,omitempty"` // e.g. the type the analysis gave a missed name
}

// String formats the error on one line.
func (e Error) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s", e.Line, e.Kind)
	if e.Type != "" {
		fmt.Fprintf(&b, " %s", e.Type)
	}
	fmt.Fprintf(&b, " %q", e.Text)
	if e.Want != "" {
		fmt.Fprintf(&b, " want %q", e.Want)
	}
	if e.Got != "" {
		fmt.Fprintf(&b, " got %q", e.Got)
	}
	if e.Note != "" {
		fmt.Fprintf(&b, " (%s)", e.Note)
	}
	return b.String()
}

// ArticleScore is the score of one article.
type ArticleScore struct {
	Line           int               `json:"line"`
	Source         string            `json:"source"`
	QuotesOnly     bool              `json:"quotes_only,omitempty"`   // entities not annotated, not scored
	EntitiesOnly   bool              `json:"entities_only,omitempty"` // quotes not annotated, not scored
	Entities       Counts            `json:"entities"`
	ByType         map[string]Counts `json:"by_type"`
	Quotes         Counts            `json:"quotes"`
	SpeakerMatched Tally             `json:"speaker_matched"` // right speakers among matched gold quotes
	SpeakerAll     Tally             `json:"speaker_all"`     // right speakers among all gold quotes
	QuoteSource    Tally             `json:"quote_source"`    // right sources among matched gold quotes that have one
	Errors         []Error           `json:"errors,omitempty"`
}

// Score compares the analysis a of rec with the gold reading g.
func Score(a *khabar.Analysis, rec *Record, g *Article) ArticleScore {
	s := ArticleScore{Line: g.Line, Source: g.Source, QuotesOnly: g.QuotesOnly, EntitiesOnly: g.EntitiesOnly, ByType: map[string]Counts{}}
	al := align(rec.Title, rec.Content, a.Text)
	if g.QuotesOnly {
		for _, t := range Types {
			s.ByType[t] = Counts{}
		}
	} else {
		scoreEntities(&s, a, al, g)
	}
	if !g.EntitiesOnly {
		scoreQuotes(&s, a, al, rec, g)
	}
	return s
}

func scoreEntities(s *ArticleScore, a *khabar.Analysis, al *alignment, g *Article) {
	type tk struct{ typ, key string }
	gold := map[tk]int{}
	goldText := map[tk]string{}
	goldByKey := map[string][]string{} // key → gold types, for type errors
	for _, e := range g.Entities {
		k := tk{e.Type, key(e.Text)}
		gold[k] += e.Count
		goldText[k] = e.Text
		goldByKey[k.key] = append(goldByKey[k.key], e.Type)
	}
	pred := map[tk]int{}
	predText := map[tk]string{}
	predByKey := map[string][]string{}
	runes := []rune(a.Text)
	for i := range a.Entities {
		e := &a.Entities[i]
		for _, m := range e.Mentions {
			if corefMention(e, m) || !al.inSource(m.Start, m.End) {
				continue
			}
			k := tk{e.Type, key(dropTitle(e, articleElided(runes, m)))}
			if k.key == "" {
				continue
			}
			pred[k]++
			if predText[k] == "" {
				predText[k] = m.Text
				predByKey[k.key] = append(predByKey[k.key], e.Type)
			}
		}
	}
	add := func(t string, c Counts) {
		x := s.ByType[t]
		x.Add(c)
		s.ByType[t] = x
		s.Entities.Add(c)
	}
	for _, t := range Types {
		s.ByType[t] = Counts{}
	}
	keys := make([]tk, 0, len(gold)+len(pred))
	for k := range gold {
		keys = append(keys, k)
	}
	for k := range pred {
		if _, ok := gold[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].typ != keys[j].typ {
			return keys[i].typ < keys[j].typ
		}
		return keys[i].key < keys[j].key
	})
	for _, k := range keys {
		gn, pn := gold[k], pred[k]
		tp := min(gn, pn)
		add(k.typ, Counts{TP: tp, FP: pn - tp, FN: gn - tp})
		if gn > tp {
			s.Errors = append(s.Errors, Error{Line: g.Line, Kind: "missed", Type: k.typ, Text: goldText[k],
				Note: countNote(gn-tp, gn, otherTypes(predByKey[k.key], k.typ), "found as")})
		}
		if pn > tp {
			s.Errors = append(s.Errors, Error{Line: g.Line, Kind: "extra", Type: k.typ, Text: predText[k],
				Note: countNote(pn-tp, pn, otherTypes(goldByKey[k.key], k.typ), "gold")})
		}
	}
}

// countNote says how many of n occurrences an error covers, and the
// other types the name has on the other side.
func countNote(k, n int, types []string, what string) string {
	var parts []string
	if n > 1 {
		parts = append(parts, fmt.Sprintf("%d of %d", k, n))
	}
	if len(types) > 0 {
		parts = append(parts, what+" "+strings.Join(types, "/"))
	}
	return strings.Join(parts, "; ")
}

func otherTypes(types []string, t string) []string {
	var out []string
	for _, x := range types {
		if x != t {
			out = append(out, x)
		}
	}
	return out
}
