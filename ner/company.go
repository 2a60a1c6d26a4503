package ner

import (
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// The business and market pages name companies by a word and the trade
// they are in, without شركة: ميدغلف للتأمين، السعودية للكهرباء، مصر
// للطيران، أرامكس للخدمات اللوجستية، and lengthen a name the model knows
// by it (بوبا العربية | للتأمين). The word and the trade are one
// organization when the word is a name (a foreign word, a listed place,
// a given name) or one of the nationality adjectives companies take,
// and the trade is one that is seldom anything but a company's.

// strongTrades are the trades, as ل + the article folded by norm with the
// article restored, that follow a company's name far more often than
// anything else; weakTrades follow offices (وكيل الأمانة للخدمات) and
// purposes (جاذبية للاستثمار) as well, and are taken only after a
// foreign word or a company's adjective.
var (
	strongTrades = map[string]bool{
		"التامين": true, "الطيران": true, "الاتصالات": true, "الكهرباء": true, "التمويل": true, "المقاولات": true,
		"البتروكيماويات": true, "الاسمنت": true,
	}
	weakTrades = map[string]bool{
		"الخدمات": true, "الاستثمار": true, "الاستثمارات": true, "التطوير": true, "التعمير": true, "الصناعات": true,
		"التنميه": true, "النقل": true, "الشحن": true, "السياحه": true, "التسويق": true, "الاغذيه": true,
		"الاعلام": true, "الطباعه": true, "العقارات": true, "الكابلات": true, "الانابيب": true, "الكيماويات": true,
		"التجاره": true, "الملاحه": true,
	}
	// companyAdjectives are the nationality and scope adjectives a
	// company's short name is made of (السعودية للخدمات الأرضية، المتحدة
	// للتأمين), folded, with the article.
	companyAdjectives = map[string]bool{
		"السعوديه": true, "العربيه": true, "المتحده": true, "العالميه": true, "الوطنيه": true, "التعاونيه": true,
		"الاهليه": true, "الخليجيه": true, "الموحده": true, "المصريه": true, "الكويتيه": true, "الاماراتيه": true,
		"القطريه": true, "العمانيه": true, "الاردنيه": true, "الدوليه": true,
	}
)

// trade returns whether the folded word w is ل + the article + a trade,
// and whether the trade is a strong one.
func trade(w string) (ok, strong bool) {
	rest, found := strings.CutPrefix(w, "لل")
	if !found {
		return false, false
	}
	t := "ال" + rest
	return strongTrades[t] || weakTrades[t], strongTrades[t]
}

// companyNames adds ORG spans for a name and its trade among untagged
// words, lengthens organizations the model cut before their trade, and
// returns the spans in text order; covered is kept up to date.
func (t *Tagger) companyNames(text string, toks []arabic.Token, fw []string, spans []Span, covered []bool) []Span {
	// A mention the model found, then a strong trade.
	for k := range spans {
		sp := &spans[k]
		e := sp.TokEnd
		if sp.Type != "ORG" || e >= len(toks) || covered[e] || !sameLine(text, toks[e-1], toks[e]) {
			continue
		}
		if _, strong := trade(fw[e]); !strong {
			continue
		}
		if end := tradeEnd(text, toks, fw, covered, e); setEnd(text, toks, sp, end) {
			for j := e; j < end; j++ {
				covered[j] = true
			}
		}
	}
	g := defaultGazetteer()
	var ix spanIndex
	for i := 0; i+1 < len(toks); i++ {
		if covered[i] || covered[i+1] || !sameLine(text, toks[i], toks[i+1]) {
			continue
		}
		ok, strong := trade(fw[i+1])
		if !ok {
			continue
		}
		pro, w, raw := 0, fw[i], toks[i].Text
		if p, base := stripClitics(w); (p == "و" || p == "ف") && !arabic.IsKnownWord(arabic.Normalize(raw, arabic.Search)) {
			_, size := utf8.DecodeRuneInString(raw)
			pro, w, raw = 1, base, raw[size:]
		}
		switch {
		case companyAdjectives[w]:
			// Not the adjective of a definite noun before it (الخطوط
			// السعودية للنقل الجوي، المنظمة العربية للسياحة).
			if i > 0 && pro == 0 && sameLine(text, toks[i-1], toks[i]) {
				if _, prev, _ := cliticWord(fw[i-1]); strings.HasPrefix(prev, "ال") {
					continue
				}
			}
		case foreignWord(raw) && !strings.HasSuffix(w, "ي"): // not an adjective (ملاحي للشحن)
		case strong && g.word[w]&(gCountry|gCity|gFirst) != 0 && !strings.HasPrefix(w, "ال"):
		default:
			continue
		}
		end := tradeEnd(text, toks, fw, covered, i+1)
		if ix.add(text, toks, covered, i, end, rawRunes(toks[i].Text, pro), "ORG") {
			i = end - 1
		}
	}
	return ix.merge(spans)
}

// tradeEnd returns the end of a company's name whose trade is token i:
// the trade, then its nisba adjectives, القابضة or المحدودة, and trades
// joined by و (للاستثمار والتطوير العقاري، للخدمات اللوجستية، للتنمية
// القابضة). The words must be uncovered and on the trade's line.
func tradeEnd(text string, toks []arabic.Token, fw []string, covered []bool, i int) int {
	end := i + 1
	for end < len(toks) && end-i <= maxOrgComplement && !covered[end] && sameLine(text, toks[end-1], toks[end]) {
		w := fw[end]
		if base, ok := strings.CutPrefix(w, "و"); ok && (strongTrades[base] || weakTrades[base]) {
			end++
			continue
		}
		adj, ok := strings.CutPrefix(w, "ال")
		if !ok || !(strings.HasSuffix(adj, "ي") || strings.HasSuffix(adj, "يه") || adj == "قابضه" || adj == "محدوده") ||
			utf8.RuneCountInString(adj) < 3 {
			break
		}
		end++
	}
	return end
}
