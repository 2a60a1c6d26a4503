package temporal

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// render gives the expressions in the testdata notation.
func render(xs []Expr) string {
	if len(xs) == 0 {
		return "-"
	}
	var parts []string
	for _, x := range xs {
		s := x.Text + "=" + x.Value + "|" + string(x.Grain)
		if x.Interval != "" {
			s += "|" + x.Interval
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ; ")
}

func TestFindTable(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "find.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 3 {
			t.Fatalf("find.tsv:%d: want 3 fields, have %d", n, len(fields))
		}
		var opt Options
		if fields[0] != "none" {
			ref, err := time.Parse(time.DateOnly, fields[0])
			if err != nil {
				t.Fatalf("find.tsv:%d: %v", n, err)
			}
			opt.Ref = ref
		}
		got := Find(fields[1], opt)
		if r := render(got); r != fields[2] {
			t.Errorf("find.tsv:%d: Find(%q)\n got %s\nwant %s", n, fields[1], r, fields[2])
		}
		checkOffsets(t, fields[1], got)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// checkOffsets asserts that every expression's offsets select its text.
func checkOffsets(t *testing.T, text string, xs []Expr) {
	t.Helper()
	runes := []rune(text)
	for _, x := range xs {
		if x.Start < 0 || x.End > len(runes) || x.Start >= x.End {
			t.Errorf("%q: bad offsets [%d,%d) for %q", text, x.Start, x.End, x.Text)
			continue
		}
		if s := string(runes[x.Start:x.End]); s != x.Text && utf8.ValidString(text) {
			t.Errorf("%q: offsets [%d,%d) select %q, Text is %q", text, x.Start, x.End, s, x.Text)
		}
	}
}

func TestExampleArticle(t *testing.T) {
	base := filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13")
	text, err := os.ReadFile(base + ".txt")
	if err != nil {
		t.Skipf("example article not found: %v", err)
	}
	gold, err := os.ReadFile(base + ".gold.json")
	if err != nil {
		t.Skipf("example gold not found: %v", err)
	}
	var g struct {
		Dates []struct {
			Text, Value, Grain, Interval string
		}
	}
	if err := json.Unmarshal(gold, &g); err != nil {
		t.Fatal(err)
	}
	got := Find(string(text), Options{Ref: time.Date(2023, 9, 13, 0, 0, 0, 0, time.UTC)})
	if len(got) != len(g.Dates) {
		t.Errorf("found %d dates, gold has %d: %s", len(got), len(g.Dates), render(got))
	}
	for _, w := range g.Dates {
		ok := false
		for _, x := range got {
			if x.Text == w.Text && x.Value == w.Value && string(x.Grain) == w.Grain && x.Interval == w.Interval {
				ok = true
			}
		}
		if !ok {
			t.Errorf("gold date %q = %s (%s) %s not found in %s", w.Text, w.Value, w.Grain, w.Interval, render(got))
		}
	}
	checkOffsets(t, string(text), got)
}

func TestPrefer(t *testing.T) {
	ref := time.Date(2013, 2, 12, 0, 0, 0, 0, time.UTC) // a Tuesday
	tests := []struct {
		in     string
		prefer Prefer
		want   string
	}{
		{"الخميس", PreferNews, "2013-02-07"},
		{"الخميس", PreferFuture, "2013-02-14"},
		{"الثلاثاء", PreferNews, "2013-02-12"},
		{"الثلاثاء", PreferFuture, "2013-02-19"},
		{"1 مارس", PreferPast, "2012-03-01"},
		{"1 مارس", PreferFuture, "2013-03-01"},
		{"الاول من شباط", PreferFuture, "2013-02-01"},
	}
	for _, tt := range tests {
		x, ok := ParseDate(tt.in, Options{Ref: ref, Prefer: tt.prefer})
		if !ok || x.Value != tt.want {
			t.Errorf("ParseDate(%q, prefer %d) = %q, %v; want %q", tt.in, tt.prefer, x.Value, ok, tt.want)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"١٣ سبتمبر ٢٠٢٣", "05 شوال 1436 هـ الموافق 21 يوليو 2015 م", "13/9/2023", "خلال العامين الماضيين",
		"الساعة 3:15 مساء", "من 10 إلى 12 مارس", "بين عامي 2010 و2015", "\xff\xfe 29 يوليو", "عام 99999999999999999999"} {
		f.Add(s)
	}
	ref := time.Date(2023, 9, 13, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		for _, opt := range []Options{{}, {Ref: ref}, {Ref: ref, Prefer: PreferFuture}} {
			xs := Find(s, opt)
			n := utf8.RuneCountInString(s)
			last := 0
			for _, x := range xs {
				if x.Start < last || x.End > n || x.Start >= x.End {
					t.Fatalf("Find(%q): bad offsets [%d,%d) after %d, %d runes", s, x.Start, x.End, last, n)
				}
				last = x.End
				if x.Grain == "" {
					t.Fatalf("Find(%q): empty grain in %+v", s, x)
				}
				if v := x.Value; x.Grain == Day && v != "" {
					if _, err := time.Parse(time.DateOnly, v); err != nil {
						t.Fatalf("Find(%q): day value %q: %v", s, v, err)
					}
				}
			}
			if utf8.ValidString(s) {
				checkOffsets(t, s, xs)
			}
		}
	})
}

// TestClock reads testdata/clock.tsv: times of day, ranges of them and
// tonight, under a reference with a time of day and zone.
func TestClock(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "clock.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) != 4 {
			t.Fatalf("clock.tsv:%d: want 4 fields, have %d", n, len(fs))
		}
		var opt Options
		if fs[0] != "none" {
			if opt.Ref, err = time.Parse(time.RFC3339, fs[0]); err != nil {
				t.Fatalf("clock.tsv:%d: %v", n, err)
			}
		}
		switch fs[1] {
		case "news":
		case "future":
			opt.Prefer = PreferFuture
		default:
			t.Fatalf("clock.tsv:%d: preference %q", n, fs[1])
		}
		got := Find(fs[2], opt)
		if r := render(got); r != fs[3] {
			t.Errorf("clock.tsv:%d: Find(%q)\n got %s\nwant %s", n, fs[2], r, fs[3])
		}
		checkOffsets(t, fs[2], got)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}
