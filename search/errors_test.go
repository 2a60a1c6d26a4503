package search

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseErrorMessages(t *testing.T) {
	tests := []struct{ in, want string }{
		{`ا*`, "the prefix ا* is too short: give at least 2 letters"},
		{`*`, "empty query: give a word"},
		{`entity:`, "entity: needs a value"},
	}
	for _, tc := range tests {
		_, err := Parse(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want an error saying %q", tc.in, err, tc.want)
		}
	}
}

func TestUnsearchable(t *testing.T) {
	an := DefaultAnalyzer()
	tests := []struct{ in, want string }{
		{`في`, "في is a word too common to be indexed"},
		{`الا*`, "the prefix الا* is a word too common"},
		{`"في من"`, `the phrase "في من" has only words too common`},
		{`في OR من`, "في is a word too common to be indexed; من is a word too common"},
		{`-في`, "في is a word too common"},
	}
	for _, tc := range tests {
		q, err := Parse(tc.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.in, err)
		}
		err = Unsearchable(an, q.Text)
		if !errors.Is(err, ErrEmptyQuery) || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "nothing to search for: ") {
			t.Errorf("Unsearchable(%q) = %v, want ErrEmptyQuery saying %q", tc.in, err, tc.want)
		}
	}
	if err := Unsearchable(an, nil); !errors.Is(err, ErrEmptyQuery) || !strings.Contains(err.Error(), "give a word") {
		t.Errorf("Unsearchable(nil) = %v", err)
	}
}

func TestParseRecency(t *testing.T) {
	good := []struct {
		in   string
		want time.Duration
	}{
		{"30d", 30 * 24 * time.Hour},
		{"30", 30 * 24 * time.Hour},
		{"0.5d", 12 * time.Hour},
		{" 7d ", 7 * 24 * time.Hour},
		{"72h", 72 * time.Hour},
		{"1h", time.Hour},
		{"36500d", MaxRecency},
	}
	for _, tc := range good {
		if d, err := ParseRecency(tc.in); err != nil || d != tc.want {
			t.Errorf("ParseRecency(%q) = %v, %v; want %v", tc.in, d, err, tc.want)
		}
	}
	bad := []struct{ in, why string }{
		{"NaNd", "not a number"},
		{"NaN", "not a number"},
		{"Infd", "not a number"},
		{"-Inf", "not a number"},
		{"-5d", "negative"},
		{"-72h", "negative"},
		{"0d", "too short"},
		{"0", "too short"},
		{"1e-300d", "too short"},
		{"30m", "too short"},
		{"36501d", "too long"},
		{"1e308d", "too long"},
		{"876600h1s", "too long"},
		{"soon", "not a duration"},
		{"xd", "not a number of days"},
		{"", "not a duration"},
	}
	for _, tc := range bad {
		d, err := ParseRecency(tc.in)
		var qe *QueryError
		if !errors.Is(err, ErrBadRecency) || !errors.As(err, &qe) || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("ParseRecency(%q) = %v, %v; want ErrBadRecency saying %q", tc.in, d, err, tc.why)
		}
	}
}

func TestRequestValidate(t *testing.T) {
	for _, r := range []time.Duration{0, time.Minute, MaxRecency} {
		if err := (Request{Recency: r}).Validate(); err != nil {
			t.Errorf("Validate(recency %v) = %v", r, err)
		}
	}
	long := &Or{}
	for range MaxNodes {
		long.Nodes = append(long.Nodes, &Word{Text: "w"})
	}
	if err := (Request{Query: Query{Text: long}}).Validate(); !errors.Is(err, ErrQueryTooLong) {
		t.Errorf("Validate(%d nodes) = %v, want ErrQueryTooLong", NodeCount(long), err)
	}
	for _, r := range []time.Duration{-time.Hour, MaxRecency + 1} {
		if err := (Request{Recency: r}).Validate(); !errors.Is(err, ErrBadRecency) {
			t.Errorf("Validate(recency %v) = %v, want ErrBadRecency", r, err)
		}
	}
}

func TestOrderOf(t *testing.T) {
	if OrderOf(true) != OrderRelevance || OrderOf(false) != OrderNewest {
		t.Errorf("OrderOf = %q, %q", OrderOf(true), OrderOf(false))
	}
}
