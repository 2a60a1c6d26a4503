package article

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testdata/datelines.tsv: line <TAB> ok <TAB> place <TAB> source <TAB>
// author <TAB> date. The forms follow those seen in Arabic newspapers and
// agency wires; the names in them are made up.
func TestParseDateline(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "datelines.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for lineNo := 1; sc.Scan(); lineNo++ {
		row := sc.Text()
		if row == "" || strings.HasPrefix(row, "#") {
			continue
		}
		c := strings.Split(row, "\t")
		if len(c) != 6 {
			t.Fatalf("datelines.tsv:%d: %d columns, want 6", lineNo, len(c))
		}
		n++
		t.Run(c[0], func(t *testing.T) {
			d, ok := ParseDateline(c[0])
			if want := c[1] == "yes"; ok != want {
				t.Fatalf("ok = %v, want %v (%+v)", ok, want, d)
			}
			if !ok {
				return
			}
			if d.Place != c[2] || d.Source != c[3] || d.Author != c[4] || d.Date != c[5] {
				t.Errorf("got place %q source %q author %q date %q, want %q %q %q %q",
					d.Place, d.Source, d.Author, d.Date, c[2], c[3], c[4], c[5])
			}
			if got := slice(c[0], d.Start, d.End); got != d.Text {
				t.Errorf("line[%d:%d] = %q, Text = %q", d.Start, d.End, got, d.Text)
			}
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 30 {
		t.Fatalf("only %d cases read", n)
	}
}

func TestSplitPrefix(t *testing.T) {
	ref := time.Date(2015, 7, 21, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		par, dateline, rest string
		place, source       string
	}{
		{"الرياض - واس: قال المتحدث إن الاجتماع انتهى.", "الرياض - واس", "قال المتحدث إن الاجتماع انتهى.", "الرياض", "واس"},
		{"بيروت، 12 أيار (رويترز) - قال مسؤول إن المحادثات مستمرة.", "بيروت، 12 أيار (رويترز)", "قال مسؤول إن المحادثات مستمرة.", "بيروت", "رويترز"},
		{"واشنطن - (د ب أ) - ذكرت الوزارة أن الوفد وصل.", "واشنطن - (د ب أ)", "ذكرت الوزارة أن الوفد وصل.", "واشنطن", "د ب أ"},
		{"سبق - القصيم: افتتح المحافظ المعرض.", "سبق - القصيم", "افتتح المحافظ المعرض.", "القصيم", "سبق"},
		{"القاهرة - «الشرق الأوسط»: أعلنت الحكومة خطة.", "القاهرة - «الشرق الأوسط»", "أعلنت الحكومة خطة.", "القاهرة", "الشرق الأوسط"},
		{"الدوحة – قنا: شاركت دولة قطر في الاجتماع.", "الدوحة – قنا", "شاركت دولة قطر في الاجتماع.", "الدوحة", "قنا"},
		// Not datelines: a quote, a speaker, a colon late in a sentence.
		{"المالكي: قطر تعمل على استضافة مركز.", "", "", "", ""},
		{"وقال الوزير: إن الاقتصاد ينمو.", "", "", "", ""},
		{"أعلنت وزارة الصحة اليوم عن تسجيل حالات جديدة في عدة مناطق من المملكة وهي: الرياض وجدة.", "", "", "", ""},
		{"الرياض - واس:", "", "", "", ""}, // nothing after it
	}
	for _, tt := range tests {
		d, n, ok := splitPrefix(tt.par, ref)
		if ok != (tt.dateline != "") {
			t.Errorf("%q: ok = %v (%+v)", tt.par, ok, d)
			continue
		}
		if !ok {
			continue
		}
		if d.Text != tt.dateline || strings.TrimSpace(tt.par[n:]) != tt.rest || d.Place != tt.place || d.Source != tt.source {
			t.Errorf("%q: got %+v rest %q", tt.par, d, tt.par[n:])
		}
	}
}

func TestSplitSignOff(t *testing.T) {
	tests := []struct{ par, source string }{
		{"وأكد أن الحوار مستمر. (أ ف ب)", "أ ف ب"},
		{"وأكد أن الحوار مستمر (رويترز).", "رويترز"},
		{"وأكد أن الحوار مستمر - (د.ب.أ)", "د.ب.أ"},
		{"وأكد أن الحوار مستمر (انظر الصفحة 3)", ""},
		{"وأكد أن الحوار مستمر.", ""},
	}
	for _, tt := range tests {
		_, src, ok := splitSignOff(tt.par)
		if ok != (tt.source != "") || src != tt.source {
			t.Errorf("%q: got %q %v, want %q", tt.par, src, ok, tt.source)
		}
	}
}

func TestBylineRecordForms(t *testing.T) {
	tests := []struct{ byline, place, source, author string }{
		{"لندن: رنيم حنوش", "لندن", "", "رنيم حنوش"},
		{"الرباط - الرياضية | Tuesday, 11 August 2015 - 16:29 pm", "الرباط", "الرياضية", ""},
		{"بقلم: سالم المحمد", "", "", "سالم المحمد"},
		{"بواسطة : سالم المحمد", "", "", "سالم المحمد"},
		{"سالم المحمد", "", "", "سالم المحمد"},
		{"\u00a0واس (جدة)", "جدة", "واس", ""},
		{"جازان: سالم المحمد،فهد العلي", "جازان", "", "سالم المحمد، فهد العلي"},
		{"سالم المحمد -  الطائف \t تصوير - فهد العلي", "الطائف", "", "سالم المحمد"},
	}
	for _, tt := range tests {
		d, score := parseDateline(tt.byline, time.Time{}, true)
		if score == 0 || d.Place != tt.place || d.Source != tt.source || d.Author != tt.author {
			t.Errorf("%q: got %+v (score %d), want place %q source %q author %q", tt.byline, d, score, tt.place, tt.source, tt.author)
		}
	}
}

// TestSectionNames: testdata/sections.tsv, datelines and bylines with a
// newspaper section name, which must not become the place (nor the
// source or the author).
func TestSectionNames(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "sections.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, row := range strings.Split(string(data), "\n") {
		if row == "" || strings.HasPrefix(row, "#") {
			continue
		}
		c := strings.Split(row, "\t")
		if len(c) != 6 {
			t.Fatalf("sections.tsv:%d: %d columns, want 6", i+1, len(c))
		}
		n++
		var d Dateline
		var ok bool
		switch c[1] {
		case "dateline":
			d, ok = ParseDateline(c[0])
		case "byline":
			var score int
			d, score = parseDateline(c[0], time.Time{}, true)
			ok = score > 0
		default:
			t.Fatalf("sections.tsv:%d: mode %q, want dateline or byline", i+1, c[1])
		}
		if want := c[2] == "yes"; ok != want {
			t.Errorf("sections.tsv:%d: %s %q: ok = %v, want %v (%+v)", i+1, c[1], c[0], ok, want, d)
			continue
		}
		if ok && (d.Place != c[3] || d.Source != c[4] || d.Author != c[5]) {
			t.Errorf("sections.tsv:%d: %s %q: place %q source %q author %q, want %q %q %q",
				i+1, c[1], c[0], d.Place, d.Source, d.Author, c[3], c[4], c[5])
		}
		for _, f := range []string{d.Place, d.Source, d.Author} {
			if f != "" && isSection(f) {
				t.Errorf("sections.tsv:%d: %q kept the section %q", i+1, c[0], f)
			}
		}
	}
	if n < 15 {
		t.Fatalf("only %d cases read", n)
	}
}

// TestSectionListDisjoint: no section name is also a known place or
// source, which would make the list shadow them.
func TestSectionListDisjoint(t *testing.T) {
	l := getLexicon()
	if len(l.sections) < 30 {
		t.Fatalf("only %d section names loaded", len(l.sections))
	}
	for k := range l.sections {
		if l.places[k] || l.sources[k] {
			t.Errorf("section %q is also a place or a source", k)
		}
	}
}
