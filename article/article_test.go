package article

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/khabar/khabar/internal/shareddata"
)

// moduleRoot is the repository root, seen from this package's directory.
const moduleRoot = ".."

// sharedData returns the path of parts in ../shared/data, skipping t
// when it is absent.
func sharedData(t testing.TB, parts ...string) string {
	t.Helper()
	return shareddata.Path(t, strings.Join(parts, "/"))
}

// slice returns the code-point range [start, end) of s.
func slice(s string, start, end int) string {
	r := []rune(s)
	if start < 0 || end > len(r) || start > end {
		return "\x00out of range\x00"
	}
	return string(r[start:end])
}

// checkInvariants asserts what must hold for every Article.
func checkInvariants(t testing.TB, a *Article) {
	t.Helper()
	if !utf8.ValidString(a.Text) {
		t.Fatalf("Text is not valid UTF-8")
	}
	runes := []rune(a.Text)
	n := len(runes)
	slice := func(_ string, start, end int) string {
		if start < 0 || end > n || start > end {
			return "\x00out of range\x00"
		}
		return string(runes[start:end])
	}
	span := func(what string, s *Span) {
		if s == nil {
			return
		}
		if s.Start < 0 || s.End > n || s.Start > s.End {
			t.Fatalf("%s span [%d,%d) outside text of %d runes", what, s.Start, s.End, n)
		}
		if got := slice(a.Text, s.Start, s.End); got != s.Text {
			t.Fatalf("%s: Text[%d:%d] = %q, span says %q", what, s.Start, s.End, got, s.Text)
		}
	}
	span("title", a.Title)
	span("subtitle", a.Subtitle)
	span("sign-off", a.SignOff)
	if d := a.Dateline; d != nil && d.Start >= 0 {
		if d.End > n || d.Start > d.End {
			t.Fatalf("dateline [%d,%d) outside text of %d runes", d.Start, d.End, n)
		}
		if got := slice(a.Text, d.Start, d.End); got != d.Text {
			t.Fatalf("dateline: Text[%d:%d] = %q, dateline says %q", d.Start, d.End, got, d.Text)
		}
	}
	prev := 0
	for i, p := range a.Paragraphs {
		if p[0] < prev || p[1] > n || p[0] >= p[1] {
			t.Fatalf("paragraph %d %v out of order or range (text %d runes, previous end %d)", i, p, n, prev)
		}
		if strings.Contains(slice(a.Text, p[0], p[1]), "\n") {
			t.Fatalf("paragraph %d %v spans a line break", i, p)
		}
		prev = p[1]
	}
	for _, b := range a.Boilerplate {
		if b.At < 0 || b.At > n || b.Text == "" {
			t.Fatalf("boilerplate %+v out of range (text %d runes)", b, n)
		}
	}
	if strings.Contains(a.Text, "\n\n\n") {
		t.Fatalf("Text has more than one blank line between pieces")
	}
}

type goldReading struct {
	Title       string   `json:"title"`
	Subtitle    string   `json:"subtitle"`
	Boilerplate []string `json:"boilerplate"`
	Dateline    struct {
		Place  string `json:"place"`
		Source string `json:"source"`
		Date   string `json:"date"`
	} `json:"dateline"`
	Published string `json:"published"`
}

func TestExampleArticle(t *testing.T) {
	dir := filepath.Join(moduleRoot, "examples")
	raw, err := os.ReadFile(filepath.Join(dir, "qatar-nato-ici-2023-09-13.txt"))
	if err != nil {
		t.Skipf("example article not available: %v", err)
	}
	gb, err := os.ReadFile(filepath.Join(dir, "qatar-nato-ici-2023-09-13.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold goldReading
	if err := json.Unmarshal(gb, &gold); err != nil {
		t.Fatal(err)
	}
	a, err := ParseText(strings.NewReader(string(raw)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a)
	if a.Title == nil || a.Title.Text != gold.Title {
		t.Errorf("title = %+v, want %q", a.Title, gold.Title)
	}
	if a.Subtitle == nil || a.Subtitle.Text != gold.Subtitle {
		t.Errorf("subtitle = %+v, want %q", a.Subtitle, gold.Subtitle)
	}
	var bp []string
	for _, b := range a.Boilerplate {
		bp = append(bp, b.Text)
	}
	if strings.Join(bp, "|") != strings.Join(gold.Boilerplate, "|") {
		t.Errorf("boilerplate = %q, want %q", bp, gold.Boilerplate)
	}
	d := a.Dateline
	if d == nil {
		t.Fatal("no dateline")
	}
	if d.Place != gold.Dateline.Place || d.Source != gold.Dateline.Source || d.Date != gold.Dateline.Date {
		t.Errorf("dateline = %+v, want place %q source %q date %q", d, gold.Dateline.Place, gold.Dateline.Source, gold.Dateline.Date)
	}
	if a.Published != gold.Published {
		t.Errorf("published = %q, want %q", a.Published, gold.Published)
	}
	if a.Lang != "ar" {
		t.Errorf("lang = %q, want ar", a.Lang)
	}
	// Every line of the file that is not boilerplate is in Text, and the
	// body paragraphs are the lines after the dateline.
	var body []string
	afterDL := false
	for _, l := range strings.Split(string(raw), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || l == "news image" {
			continue
		}
		if !strings.Contains(a.Text, l) {
			t.Errorf("line lost from Text: %q", l)
		}
		if afterDL {
			body = append(body, l)
		}
		if l == d.Text {
			afterDL = true
		}
	}
	if len(a.Paragraphs) != len(body) {
		t.Fatalf("%d paragraphs, want %d", len(a.Paragraphs), len(body))
	}
	for i, p := range a.Paragraphs {
		if got := slice(a.Text, p[0], p[1]); got != body[i] {
			t.Errorf("paragraph %d = %.40q…, want %.40q…", i, got, body[i])
		}
	}
	an := a.Analysis()
	if an.Title.Text != gold.Title || an.Dateline.Place != "بروكسل" || len(an.Paragraphs) != len(body) || an.Boilerplate[0].Text != "news image" {
		t.Errorf("Analysis() does not carry the structure: %+v", an.Dateline)
	}
}

func TestParseText(t *testing.T) {
	tests := []struct {
		name                      string
		in                        string
		opt                       Options
		title, subtitle           string
		place, source, author, dt string
		paragraphs                []string
		boiler                    []string
		signOff                   string
	}{
		{
			name:       "dateline opens the first paragraph",
			in:         "عنوان الخبر هنا\n\nالرياض - واس: قال المتحدث إن الاجتماع انتهى.\n\nوأضاف أن اللجنة ستجتمع مجددا.",
			title:      "عنوان الخبر هنا",
			place:      "الرياض",
			source:     "واس",
			paragraphs: []string{"قال المتحدث إن الاجتماع انتهى.", "وأضاف أن اللجنة ستجتمع مجددا."},
		},
		{
			name:       "slider buttons glued to the first line",
			in:         "عنوان الخبر\n\n Next Previous كتب فلان الفلاني\n\nقال المتحدث إن الاجتماع انتهى.\n\nNext Previous",
			title:      "عنوان الخبر",
			subtitle:   "كتب فلان الفلاني",
			paragraphs: []string{"قال المتحدث إن الاجتماع انتهى."},
			boiler:     []string{"Next Previous", "Next Previous"},
		},
		{
			name:       "agency line with Hijri and Gregorian dates",
			in:         "عنوان\nجدة 12 شوال 1444 هـ الموافق 2 مايو 2023 م واس\nعقد المجلس جلسته الأسبوعية.\n// انتهى //\n14:05 ت م",
			title:      "عنوان",
			place:      "جدة",
			source:     "واس",
			dt:         "2023-05-02",
			paragraphs: []string{"عقد المجلس جلسته الأسبوعية."},
			boiler:     []string{"// انتهى //", "14:05 ت م"},
		},
		{
			name:       "date without year completed from the reference date",
			in:         "عنوان\nبيروت، 12 أيار (رويترز) - قال مسؤول إن المحادثات مستمرة.",
			opt:        Options{Ref: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)},
			title:      "عنوان",
			place:      "بيروت",
			source:     "رويترز",
			dt:         "2024-05-12",
			paragraphs: []string{"قال مسؤول إن المحادثات مستمرة."},
		},
		{
			name:       "share row, caption, copyright and read-also dropped",
			in:         "عنوان المقال\nشارك | تويتر | فيسبوك\nصورة أرشيفية\nبدأت المدارس عامها الدراسي.\nاقرأ أيضا: خبر آخر\nوانتظم الطلاب في فصولهم.\nجميع الحقوق محفوظة للصحيفة 2024",
			title:      "عنوان المقال",
			paragraphs: []string{"بدأت المدارس عامها الدراسي.", "وانتظم الطلاب في فصولهم."},
			boiler:     []string{"شارك | تويتر | فيسبوك", "صورة أرشيفية", "اقرأ أيضا: خبر آخر", "جميع الحقوق محفوظة للصحيفة 2024"},
		},
		{
			name:       "font-size row and sign-off",
			in:         "عنوان\nت + ت - الحجم الطبيعي\nقال الرئيس إن بلاده ترحب بالاتفاق. (أ ف ب)",
			title:      "عنوان",
			source:     "أ ف ب",
			paragraphs: []string{"قال الرئيس إن بلاده ترحب بالاتفاق. (أ ف ب)"},
			boiler:     []string{"ت + ت - الحجم الطبيعي"},
			signOff:    "(أ ف ب)",
		},
		{
			name:       "author line after a subtitle",
			in:         "عنوان طويل للخبر\nعنوان فرعي قصير\nلندن: سالم الكاتب\nبدأ المؤتمر أعماله أمس.",
			title:      "عنوان طويل للخبر",
			subtitle:   "عنوان فرعي قصير",
			place:      "لندن",
			author:     "سالم الكاتب",
			paragraphs: []string{"بدأ المؤتمر أعماله أمس."},
		},
		{
			name:       "quote-like subtitle is not a dateline",
			in:         "عنوان\nالوزير: الاقتصاد ينمو بثبات هذا العام\nقال الوزير في مؤتمر صحفي إن الاقتصاد ينمو.",
			title:      "عنوان",
			subtitle:   "الوزير: الاقتصاد ينمو بثبات هذا العام",
			paragraphs: []string{"قال الوزير في مؤتمر صحفي إن الاقتصاد ينمو."},
		},
		{
			name:       "body only",
			in:         "القاهرة - «الشرق الأوسط»: أعلنت الحكومة خطة جديدة للنقل.\nوتشمل الخطة خطوط حافلات.",
			opt:        Options{NoTitle: true},
			place:      "القاهرة",
			source:     "الشرق الأوسط",
			paragraphs: []string{"أعلنت الحكومة خطة جديدة للنقل.", "وتشمل الخطة خطوط حافلات."},
		},
		{
			name:       "CRLF and indentation",
			in:         "\ufeffعنوان\r\n\r\n   \u00a0واشنطن - (د ب أ) - ذكرت وزارة الخارجية أن الوفد وصل.\r\n",
			title:      "عنوان",
			place:      "واشنطن",
			source:     "د ب أ",
			paragraphs: []string{"ذكرت وزارة الخارجية أن الوفد وصل."},
		},
		{
			name:       "single paragraph has no title",
			in:         "هذا نص قصير من فقرة واحدة فقط.",
			paragraphs: []string{"هذا نص قصير من فقرة واحدة فقط."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseText(strings.NewReader(tt.in), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, a)
			if got := spanText(a.Title); got != tt.title {
				t.Errorf("title = %q, want %q", got, tt.title)
			}
			if got := spanText(a.Subtitle); got != tt.subtitle {
				t.Errorf("subtitle = %q, want %q", got, tt.subtitle)
			}
			var d Dateline
			if a.Dateline != nil {
				d = *a.Dateline
			}
			if d.Place != tt.place || d.Source != tt.source || d.Author != tt.author || d.Date != tt.dt {
				t.Errorf("dateline = %+v, want place %q source %q author %q date %q", d, tt.place, tt.source, tt.author, tt.dt)
			}
			var paras []string
			for _, p := range a.Paragraphs {
				paras = append(paras, slice(a.Text, p[0], p[1]))
			}
			if strings.Join(paras, "¶") != strings.Join(tt.paragraphs, "¶") {
				t.Errorf("paragraphs = %q, want %q", paras, tt.paragraphs)
			}
			var bp []string
			for _, b := range a.Boilerplate {
				bp = append(bp, b.Text)
			}
			if strings.Join(bp, "¶") != strings.Join(tt.boiler, "¶") {
				t.Errorf("boilerplate = %q, want %q", bp, tt.boiler)
			}
			if got := spanText(a.SignOff); got != tt.signOff {
				t.Errorf("sign-off = %q, want %q", got, tt.signOff)
			}
		})
	}
}

func spanText(s *Span) string {
	if s == nil {
		return ""
	}
	return s.Text
}

func TestParseTextErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  Options
		want error
		msg  string
	}{
		{"empty", "", Options{}, ErrNoContent, ""},
		{"only white space", " \n\t\n", Options{}, ErrNoContent, ""},
		{"only boilerplate", "news image\nشارك\n", Options{}, ErrNoContent, ""},
		{"invalid UTF-8", "عنوان\xff\xfeنص", Options{}, ErrInvalidUTF8, "byte offset 10"},
		{"too large", strings.Repeat("كلمة ", 100), Options{MaxSize: 64}, ErrTooLarge, "64 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseText(strings.NewReader(tt.in), tt.opt)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v (article %+v)", err, tt.want, a)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not mention %q", err, tt.msg)
			}
		})
	}
}

func TestParseTextRepair(t *testing.T) {
	a, err := ParseText(strings.NewReader("عنوان\nنص\xffصالح."), Options{Repair: true})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a)
	if !strings.Contains(a.Text, "نص\uFFFDصالح.") {
		t.Errorf("text %q lacks the replacement character", a.Text)
	}
	if len(a.Warnings) != 1 || !strings.Contains(a.Warnings[0], "byte offset") {
		t.Errorf("warnings = %q, want one naming the byte offset", a.Warnings)
	}
}

func TestParseSniff(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	record := `{"title":"عنوان السجل","content":"جدة - واس: افتتح المعرض أبوابه.","date":"2020-01-02"}`
	tests := []struct {
		name, ct, in, title string
	}{
		{"html by type", "text/html; charset=utf-8", string(page), "افتتاح مكتبة عامة جديدة في حي النخيل"},
		{"html sniffed", "", string(page), "افتتاح مكتبة عامة جديدة في حي النخيل"},
		{"json by name", "json", record, "عنوان السجل"},
		{"json sniffed", "", "  " + record, "عنوان السجل"},
		{"text", "text/plain", "عنوان نصي\nفقرة أولى.", "عنوان نصي"},
		{"text sniffed", "application/octet-stream", "عنوان نصي\nفقرة أولى.", "عنوان نصي"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(strings.NewReader(tt.in), tt.ct, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, a)
			if got := spanText(a.Title); got != tt.title {
				t.Errorf("title = %q, want %q", got, tt.title)
			}
		})
	}
}
