package article

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

const (
	pageTitle = "افتتاح مكتبة عامة جديدة في حي النخيل"
	pagePara1 = "افتتحت أمانة المدينة صباح اليوم مكتبة عامة جديدة في حي النخيل تضم أكثر من عشرين ألف كتاب في مختلف المجالات، إلى جانب قاعة للقراءة ومساحة مخصصة للأطفال."
)

func readPage(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseHTML(t *testing.T) {
	a, err := ParseHTML(bytes.NewReader(readPage(t, "page.html")), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a)
	if spanText(a.Title) != pageTitle {
		t.Errorf("title = %q, want the og:title %q", spanText(a.Title), pageTitle)
	}
	if a.Published != "2024-03-05" || a.Lang != "ar" || a.URL != "https://example.com/news/library-opening" {
		t.Errorf("published %q lang %q url %q", a.Published, a.Lang, a.URL)
	}
	if a.Dateline == nil || a.Dateline.Place != "الرياض" || a.Dateline.Source != "واس" {
		t.Errorf("dateline = %+v", a.Dateline)
	}
	if len(a.Paragraphs) != 3 || slice(a.Text, a.Paragraphs[0][0], a.Paragraphs[0][1]) != pagePara1 {
		t.Errorf("paragraphs %v in %q", a.Paragraphs, a.Text)
	}
	for _, junk := range []string{"الرئيسية", "اقرأ أيضاً", "جميع الحقوق", "تويتر"} {
		if strings.Contains(a.Text, junk) {
			t.Errorf("text keeps page furniture %q", junk)
		}
	}
	if strings.Count(a.Text, pageTitle) != 1 {
		t.Errorf("title appears %d times in text, want once", strings.Count(a.Text, pageTitle))
	}
}

// encodePage re-encodes testdata/page.html into enc, with the charset
// declaration replaced by decl (empty: none).
func encodePage(t *testing.T, enc encoding.Encoding, decl string) []byte {
	t.Helper()
	page := string(readPage(t, "page.html"))
	page = strings.Replace(page, `<meta charset="utf-8">`, decl, 1)
	page = strings.ReplaceAll(page, "©", "(c)") // not in ISO-8859-6
	out, err := enc.NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestParseHTMLEncodings(t *testing.T) {
	tests := []struct {
		name        string
		data        []byte
		contentType string
		warn        bool
	}{
		{"windows-1256 meta charset", encodePage(t, charmap.Windows1256, `<meta charset="windows-1256">`), "", false},
		{"windows-1256 http-equiv", encodePage(t, charmap.Windows1256, `<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">`), "", false},
		{"iso-8859-6 meta charset", encodePage(t, charmap.ISO8859_6, `<meta charset="iso-8859-6">`), "", false},
		{"windows-1256 from Content-Type only", encodePage(t, charmap.Windows1256, ""), "text/html; charset=windows-1256", false},
		{"Content-Type wins over a wrong meta", encodePage(t, charmap.Windows1256, `<meta charset="utf-8">`), "text/html; charset=windows-1256", false},
		{"undeclared windows-1256 guessed", encodePage(t, charmap.Windows1256, ""), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if bytes.Contains(tt.data, []byte(pageTitle)) {
				t.Fatal("test page is still UTF-8")
			}
			var a *Article
			var err error
			if tt.contentType != "" {
				a, err = ParseResponse(bytes.NewReader(tt.data), "https://example.com/x", tt.contentType, Options{})
			} else {
				a, err = ParseHTML(bytes.NewReader(tt.data), "", Options{})
			}
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, a)
			if spanText(a.Title) != pageTitle || !strings.Contains(a.Text, pagePara1) {
				t.Errorf("mangled: title %q, text %.80q…", spanText(a.Title), a.Text)
			}
			if got := len(a.Warnings) > 0; got != tt.warn {
				t.Errorf("warnings = %q, want some: %v", a.Warnings, tt.warn)
			}
		})
	}
}

// errDeep stands for the HTML parser's refusal of over-deep pages.
var errDeep = errors.New("open stack of elements")

func TestParseHTMLHostile(t *testing.T) {
	tests := []struct {
		name  string
		page  string
		title string
		err   error
	}{
		{"head only", `<html><head><title>عنوان فقط</title></head></html>`, "عنوان فقط", nil},
		{"no body no title", `<html><head></head></html>`, "", ErrNoContent},
		{"empty", ``, "", ErrNoContent},
		{"control bytes", "\x00\x01\x02", "", ErrNoContent},
		{"broken markup", `<html><head><title>عنوان</title><body><div><p>فقرة <b>غير مغلقة<p>فقرة ثانية<table><tr><td>خلية</div></span></html>`, "عنوان", nil},
		{"deep nesting", "<title>عميق</title>" + strings.Repeat("<div>", 5000) + "نص" + strings.Repeat("</div>", 5000), "", errDeep},
		{"script only", `<html><head><title>ت</title><script>var x = "<p>لا</p>";</script></head></html>`, "ت", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseHTML(strings.NewReader(tt.page), "", Options{})
			if tt.err == errDeep {
				if err == nil || !strings.Contains(err.Error(), errDeep.Error()) || !strings.Contains(err.Error(), "article: HTML page") {
					t.Fatalf("err = %v, want the parser's depth error, named", err)
				}
				return
			}
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, a)
			if spanText(a.Title) != tt.title {
				t.Errorf("title = %q, want %q", spanText(a.Title), tt.title)
			}
			if strings.Contains(a.Text, "var x") {
				t.Errorf("script text leaked: %q", a.Text)
			}
		})
	}
}

// hugeReader yields n bytes of HTML-looking filler without holding them.
type hugeReader struct{ n int64 }

func (h *hugeReader) Read(p []byte) (int, error) {
	if h.n <= 0 {
		return 0, io.EOF
	}
	m := min(int64(len(p)), h.n)
	for i := range p[:m] {
		p[i] = "<p>x</p>"[i%8]
	}
	h.n -= m
	return int(m), nil
}

func TestParseHTMLTooLarge(t *testing.T) {
	_, err := ParseHTML(&hugeReader{n: 100 << 20}, "", Options{})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("100 MB page: err = %v, want ErrTooLarge", err)
	}
	if !strings.Contains(err.Error(), "16777216 bytes") {
		t.Errorf("error %q does not name the limit", err)
	}
}

func TestParseHTMLTitleElement(t *testing.T) {
	a, err := ParseHTML(bytes.NewReader(readPage(t, "page2.html")), "https://example.com/gold", Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a)
	want := "ارتفاع أسعار الذهب في الأسواق الخليجية"
	if spanText(a.Title) != want || strings.Count(a.Text, want) != 1 {
		t.Errorf("title = %q (in text %d times), want the <h1> %q once", spanText(a.Title), strings.Count(a.Text, want), want)
	}
	if spanText(a.Subtitle) != "المحللون يتوقعون استمرار الصعود حتى نهاية العام" {
		t.Errorf("subtitle = %q", spanText(a.Subtitle))
	}
	if d := a.Dateline; d == nil || d.Place != "دبي" || d.Source != "وام" || slice(a.Text, d.Start, d.End) != "دبي - وام" {
		t.Errorf("dateline = %+v", a.Dateline)
	}
	if spanText(a.SignOff) != "(رويترز)" || a.Published != "2023-11-02" || a.URL != "https://example.com/gold" || len(a.Paragraphs) != 3 {
		t.Errorf("sign-off %q published %q url %q paragraphs %d", spanText(a.SignOff), a.Published, a.URL, len(a.Paragraphs))
	}
	if strings.Contains(a.Text, "الرئيسية") || strings.Contains(a.Text, "©") {
		t.Errorf("menu or footer in text: %q", a.Text)
	}
}
