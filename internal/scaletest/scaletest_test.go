package scaletest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var sink [][]byte

func TestGrowth(t *testing.T) {
	tests := []struct {
		name      string
		f         func(s string)
		wantBelow bool // growth within MaxGrowth
	}{
		{"linear", func(s string) { sink = [][]byte{[]byte(s)} }, true},
		{"one buffer per line", func(s string) {
			sink = nil
			for line := range strings.Lines(s) {
				sink = append(sink, []byte(line))
			}
		}, true},
		{"a copy of the rest at each line", func(s string) {
			sink = nil
			for i := 0; i < len(s); i++ {
				if s[i] == '\n' {
					sink = append(sink, []byte(s[i:]))
				}
			}
		}, false},
	}
	c := Repeat("lines", "قال الوزير.\n")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Run(c, 4<<10, tc.f)
			allocs, bytes := r.Growth()
			if got := allocs <= MaxGrowth && bytes <= MaxGrowth; got != tc.wantBelow {
				t.Errorf("growth per doubling %.2f (allocations), %.2f (bytes): within %.1f = %v, want %v; %v",
					allocs, bytes, MaxGrowth, got, tc.wantBelow, r.Work)
			}
		})
	}
	sink = nil
}

func TestCases(t *testing.T) {
	for _, c := range Pathological() {
		for _, n := range []int{1 << 10, 64 << 10} {
			s := c.Gen(n)
			if len(s) < n/2 || len(s) > n+1024 || !utf8.ValidString(s) {
				t.Errorf("%s: %d bytes (valid UTF-8: %v) for %d asked", c.Name, len(s), utf8.ValidString(s), n)
			}
		}
	}
	if a, b := Varied(10000, 7), Varied(10000, 7); a != b {
		t.Error("Varied: two texts from one seed differ")
	}
	if a, b := Varied(10000, 7), Varied(10000, 8); a == b {
		t.Error("Varied: two seeds give one text")
	}
}
