package ner

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

func TestProcliticRunes(t *testing.T) {
	tg := &Tagger{firsts: map[string]int32{"لبنان": 10, "ولبنان": 1, "بغداد": 5, "وليد": 3, "الامم": 4, "للامم": 2}}
	for _, c := range []struct {
		tok     string
		skip    int
		article bool
	}{
		{"ولبنان", 1, false},    // the rest is the better-known name
		{"بغداد", 0, false},     // ب is part of the name
		{"وليد", 0, false},      // و is part of the name
		{"والسعودية", 1, false}, // و + article
		{"بالرياض", 1, false},
		{"للأمم", 2, true},    // ل + ال with the alef elided
		{"وللأمم", 3, true},   // و + ل + ال
		{"لليبيا", 1, false},  // ل + ليبيا (a gazetteer country)
		{"ومتعب", 1, false},   // unknown either way: و is taken as the conjunction
		{"وزارة", 0, false},   // an organization head: و is its own letter
		{"ووزارة", 1, false},  // و + the head
		{"فايزة", 0, false},   // unknown either way: ف stays
		{"وساطة", 0, false},   // a word of the lexicon, and ساطة is none: و stays
		{"وَلبنان", 2, false}, // the diacritic goes with the proclitic
		{"مصر", 0, false},
		{"و", 0, false},
		{"", 0, false},
	} {
		skip, art := tg.procliticRunes(c.tok, false)
		if skip != c.skip || art != c.article {
			t.Errorf("procliticRunes(%q) = %d, %v; want %d, %v", c.tok, skip, art, c.skip, c.article)
		}
	}
}

func TestTagSpans(t *testing.T) {
	tg, _ := trainTiny(t, FeatAll)
	text := "وقالت منظمة الصحة العالمية إن محمد الأحمد زار بغداد ولبنان.\nأعلنت منظمة الصحة العالمية أن مهرجان جرش سيقام في الأردن."
	toks := arabic.Tokenize(text)
	spans := tg.Tag(text, toks)
	type want struct{ typ, text string }
	wants := []want{
		{"ORG", "منظمة الصحة العالمية"}, {"PER", "محمد الأحمد"}, {"LOC", "بغداد"}, {"LOC", "لبنان"},
		{"ORG", "منظمة الصحة العالمية"}, {"MISC", "مهرجان جرش"}, {"LOC", "الأردن"},
	}
	if len(spans) != len(wants) {
		t.Fatalf("got %d spans %+v, want %d", len(spans), spans, len(wants))
	}
	runes := []rune(text)
	for i, sp := range spans {
		if sp.Type != wants[i].typ || sp.Text != wants[i].text || sp.Name != sp.Text {
			t.Errorf("span %d = %+v, want %v", i, sp, wants[i])
		}
		if string(runes[sp.Start:sp.End]) != sp.Text {
			t.Errorf("span %d offsets [%d,%d) give %q, Text %q", i, sp.Start, sp.End, string(runes[sp.Start:sp.End]), sp.Text)
		}
		if sp.End != toks[sp.TokEnd-1].End || sp.Start < toks[sp.TokStart].Start || sp.Start >= toks[sp.TokStart].End {
			t.Errorf("span %d token range [%d,%d) does not cover [%d,%d)", i, sp.TokStart, sp.TokEnd, sp.Start, sp.End)
		}
	}
}

func TestTagHostileInput(t *testing.T) {
	tg, _ := trainTiny(t, FeatAll)
	long := strings.Repeat("محمد الأحمد زار بغداد ", 400) // no sentence punctuation
	for _, text := range []string{"", " ", "\xff\xfe", "...", long, "مُحَمَّد\u200f"} {
		toks := arabic.Tokenize(text)
		n := utf8.RuneCountInString(text)
		for _, sp := range tg.Tag(text, toks) {
			if sp.Start < 0 || sp.End > n || sp.Start >= sp.End || sp.TokStart >= sp.TokEnd {
				t.Errorf("bad span %+v for %q", sp, text[:min(len(text), 20)])
			}
		}
	}
	// Tokens that do not belong to the text are skipped, not a panic.
	tg.Tag("قصير", []arabic.Token{{Text: "محمد", Start: 10, End: 14}})
	if got := tg.TagTokens(nil); len(got) != 0 {
		t.Errorf("TagTokens(nil) = %v", got)
	}
}

func FuzzTag(f *testing.F) {
	tg, _ := trainTiny(f, FeatAll)
	f.Add("وقالت منظمة الصحة العالمية إن محمد الأحمد زار بغداد ولبنان.")
	f.Add("للأمم المتحدة\n\nوَلبنان")
	f.Fuzz(func(t *testing.T, text string) {
		toks := arabic.Tokenize(text)
		n := utf8.RuneCountInString(text)
		for _, sp := range tg.Tag(text, toks) {
			if sp.Start < 0 || sp.End > n || sp.Start >= sp.End {
				t.Fatalf("bad span %+v", sp)
			}
		}
	})
}

func TestProcliticRunesAfterTitle(t *testing.T) {
	tg := &Tagger{firsts: map[string]int32{"ريم": 4}}
	for _, c := range []struct {
		tok  string
		skip int
	}{
		{"فلوريان", 0}, // unknown after a title: the ف is the name's
		{"باولو", 0},
		{"كريم", 0},    // a known name as it stands
		{"بالرياض", 1}, // the rest is a known place: ب is a preposition
		{"فزعتشك", 0},  // an unknown name keeps its first letter
	} {
		if skip, _ := tg.procliticRunes(c.tok, true); skip != c.skip {
			t.Errorf("procliticRunes(%q, after a title) = %d, want %d", c.tok, skip, c.skip)
		}
	}
}

func TestCutAtStop(t *testing.T) {
	for _, c := range []struct {
		text, typ string
		want      int // tokens kept
	}{
		{"سلمان حفظه الله", "PER", 1},
		{"كارتر يناقشان", "PER", 1},
		{"اليحيى زار", "PER", 1},
		{"محمد بن سلمان", "PER", 3},
		{"عمر في", "PER", 1},
		{"هيئة الأمر بالمعروف والنهي عن المنكر", "ORG", 6},
		{"منظمة الصحة العالمية", "ORG", 3},
		{"قال", "PER", 1}, // the first token is never cut
		{"هدى حسين معلقة", "PER", 2},
		{"سالم الدوسري مشيرا", "PER", 2},
		{"حمد معاليه", "PER", 1},
		{"نايف - روحاني", "PER", 1},
		{"الرياض، جدة", "LOC", 1},
	} {
		toks := arabic.Tokenize(c.text)
		if got := cutAtStop(toks, 0, len(toks), c.typ); got != c.want {
			t.Errorf("cutAtStop(%q, %s) = %d, want %d", c.text, c.typ, got, c.want)
		}
	}
}

func TestImperfectVerbCut(t *testing.T) {
	for _, c := range []struct {
		text, typ string
		want      int
	}{
		{"الاتحاد يلعب", "ORG", 1},
		{"محمد يوسف", "ORG", 2},
		{"نادي ينبع", "ORG", 2},
		// The dual and the plural of a known verb.
		{"عبدالفتاح يدعمان", "ORG", 1},
		{"اللاعبون يتدربون", "ORG", 1},
		// A person ends at a preposition or و with a common word.
		{"أيمن يماني لمستشفى", "PER", 2},
		{"العمار بالزلفي", "PER", 1},
		{"صالح والحوثيون", "PER", 1},
		{"عماد لـ", "PER", 1},
		// Foreign names that begin with ب or ل stay whole.
		{"نيل بينسون", "PER", 2},
		{"تسيبي ليفني", "PER", 2},
	} {
		toks := arabic.Tokenize(c.text)
		if got := cutAtStop(toks, 0, len(toks), c.typ); got != c.want {
			t.Errorf("cutAtStop(%q, %s) = %d, want %d", c.text, c.typ, got, c.want)
		}
	}
}

func TestOnlyTitles(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"سعادة السيد", true}, {"الشيخ", true}, {"والدكتور", true},
		{"السيد جاسم", false}, {"جاسم محمد البديوي", false},
	} {
		if got := onlyTitles(arabic.Tokenize(c.text)); got != c.want {
			t.Errorf("onlyTitles(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestLeadingNisba(t *testing.T) {
	for _, c := range []struct {
		tok  string
		want bool
	}{
		{"الأوروجوياني", true}, {"الأمريكي", true}, {"الوليد", false}, {"الحسن", false}, {"محمد", false}, {"الي", false},
	} {
		if got := leadingNisba(c.tok); got != c.want {
			t.Errorf("leadingNisba(%q) = %v, want %v", c.tok, got, c.want)
		}
	}
}

func TestTrimSpan(t *testing.T) {
	for _, c := range []struct {
		text string
		want string // the tokens kept, joined by spaces
	}{
		{"أين حمزة صالح", "حمزة صالح"},
		{"ثم الرياض", "الرياض"},
		{"وكالة « إرنا", "إرنا"},
		{"« إرنا", "إرنا"},
		{"إرنا » قدم", "إرنا"},
		{"مجلس الأمن", "مجلس الأمن"},
		{"أين", "أين"}, // a one-token chunk is left as it is
	} {
		toks := arabic.Tokenize(c.text)
		a, b := trimSpan(toks, 0, len(toks))
		var kept []string
		for _, tk := range toks[a:b] {
			kept = append(kept, tk.Text)
		}
		if got := strings.Join(kept, " "); got != c.want {
			t.Errorf("trimSpan(%q) keeps %q, want %q", c.text, got, c.want)
		}
	}
}
