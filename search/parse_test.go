package search

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		text string // Query.Text.String(), "" for nil
	}{
		{`اجتماع`, `اجتماع`},
		{`اجتماع الوزراء`, `اجتماع الوزراء`},
		{`"حلف شمال الأطلسي"`, `"حلف شمال الأطلسي"`},
		{`a -b -"c d"`, `a -b -"c d"`},
		{`a OR b c`, `a OR b c`},
		{`a | b | c`, `a OR b OR c`},
		{`قطر أو الكويت`, `قطر OR الكويت`},
		{`اجتما*`, `اجتما*`},
		{`OR a OR`, `a`},
		{`* - ( ) x`, `x`},
		{`"unbalanced quote`, `"unbalanced quote"`},
		{`ab"cd ef"`, `ab "cd ef"`},
		{`NEAR(a b)`, `NEAR(a b)`},
		{`title:x`, `title:x`},
		{`-a`, `-a`},
		{`--a`, `-a`},
		{`"a" "*" "b`, `"a" "b"`},
		{`source:qna`, ``},
		{`الرياض AND جدة`, `الرياض جدة`},
		{`a OR b AND c`, `a OR b c`},
		{`a AND b OR c`, `a b OR c`},
		{`AND a AND`, `a`},
		{`a -AND`, `a -AND`},
		{`a "AND"`, `a "AND"`},
		{`a and b`, `a and b`},
		{`اب*`, `اب*`},
	}
	for _, tc := range tests {
		q, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		got := ""
		if q.Text != nil {
			got = q.Text.String()
		}
		if got != tc.text {
			t.Errorf("Parse(%q).Text = %q, want %q", tc.in, got, tc.text)
		}
	}
}

func TestParseFilters(t *testing.T) {
	q, err := Parse(`entity:"حلف شمال الأطلسي" place:بروكسل said:"عادل الجبير" SAID:kb:per:x source:QNA type:consult from:2015-07 to:٢٠١٦ اجتماع`)
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	if len(q.Entities) != 1 || q.Entities[0] != "حلف شمال الأطلسي" || q.Places[0] != "بروكسل" ||
		q.Sources[0] != "QNA" || q.Types[0] != "CONSULT" || !q.From.Equal(day("2015-07-01")) ||
		!q.To.Equal(day("2016-12-31")) || q.Text.String() != "اجتماع" ||
		len(q.Said) != 2 || q.Said[0] != "عادل الجبير" || q.Said[1] != "kb:per:x" {
		t.Errorf("Parse filters = %+v", q)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error // nil: a *SyntaxError
	}{
		{``, ErrEmptyQuery},
		{`   `, ErrEmptyQuery},
		{`*`, ErrEmptyQuery},
		{`"`, ErrEmptyQuery},
		{`OR`, ErrEmptyQuery},
		{`AND`, ErrEmptyQuery},
		{`ا*`, nil},
		{`x* y`, nil},
		{strings.Repeat("ا", MaxQueryBytes), ErrQueryTooLong},
		{strings.Repeat("a ", MaxClauses+1), ErrQueryTooLong},
		{"a\xffb", nil},
		{`-source:x`, nil},
		{`a OR -b`, nil},
		{`-a OR b`, nil},
		{`from:yesterday`, nil},
		{`to:2010 from:2020`, nil},
		{`entity:`, nil},
		{`said:`, nil},
		{`-said:x`, nil},
		{`"` + strings.Repeat("w ", MaxPhrase+1) + `"`, nil},
	}
	for _, tc := range tests {
		_, err := Parse(tc.in)
		var se *SyntaxError
		switch {
		case err == nil:
			t.Errorf("Parse(%.30q) succeeded, want an error", tc.in)
		case tc.want != nil && !errors.Is(err, tc.want):
			t.Errorf("Parse(%.30q) = %v, want %v", tc.in, err, tc.want)
		case tc.want == nil && !errors.As(err, &se):
			t.Errorf("Parse(%.30q) = %v, want a SyntaxError", tc.in, err)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, first, last string }{
		{"2015", "2015-01-01", "2015-12-31"},
		{"2016-02", "2016-02-01", "2016-02-29"},
		{"2015-07-21", "2015-07-21", "2015-07-21"},
		{"٢٠١٥-٠٧", "2015-07-01", "2015-07-31"},
	}
	for _, tc := range tests {
		f, l, err := ParseDate(tc.in)
		if err != nil || f.Format("2006-01-02") != tc.first || l.Format("2006-01-02") != tc.last {
			t.Errorf("ParseDate(%s) = %v %v %v", tc.in, f, l, err)
		}
	}
	for _, bad := range []string{"", "15", "2015-13", "2015-02-30", "abcd", "2015/07/01"} {
		if _, _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) succeeded", bad)
		}
	}
}

func TestExactForm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"الأطلسي", "الاطلسي"},
		{"إِنَّ", "ان"},
		{"مـــصر", "مصر"},
		{"NATO", "nato"},
		{"الاجتماعات", "الاجتماعات"},
	}
	for _, tc := range tests {
		if got := ExactForm(tc.in); got != tc.want {
			t.Errorf("ExactForm(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestRequestPage(t *testing.T) {
	tests := []struct{ off, lim, wantOff, wantLim int }{
		{0, 0, 0, DefaultLimit},
		{-5, -1, 0, DefaultLimit},
		{20, 5, 20, 5},
		{MaxOffset + 1, MaxLimit + 1, MaxOffset, MaxLimit},
	}
	for _, tc := range tests {
		o, l := Request{Offset: tc.off, Limit: tc.lim}.Page()
		if o != tc.wantOff || l != tc.wantLim {
			t.Errorf("Page(%d, %d) = %d, %d", tc.off, tc.lim, o, l)
		}
	}
}

// FuzzParse checks that Parse never panics, that what it accepts is
// non-empty, bounded and valid UTF-8, and that printing a parsed query
// and parsing it again gives the same text.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`اجتماع`, `"a b" -c OR d*`, `entity:"x y" from:2015`, `NEAR(`, `"`, `a OR -b`, "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			return
		}
		if q.Empty() {
			t.Fatalf("Parse(%q) accepted an empty query", s)
		}
		if q.Text == nil {
			return
		}
		printed := q.Text.String()
		if !utf8.ValidString(printed) {
			t.Fatalf("Parse(%q) printed invalid UTF-8", s)
		}
		q2, err := Parse(printed)
		if err != nil {
			t.Fatalf("reparse of %q (from %q): %v", printed, s, err)
		}
		if q2.Text == nil || q2.Text.String() != printed {
			t.Fatalf("reparse of %q gave %v", printed, q2.Text)
		}
	})
}
