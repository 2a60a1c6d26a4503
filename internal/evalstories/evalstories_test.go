package evalstories

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestScore(t *testing.T) {
	gold := map[int]string{1: "a", 2: "a", 3: "a", 4: "b", 5: "b", 6: "c"}
	tests := []struct {
		name          string
		pred          map[int]string
		p, r, f1, b3p float64
	}{
		{"perfect", map[int]string{1: "x", 2: "x", 3: "x", 4: "y", 5: "y", 6: "z"}, 1, 1, 1, 1},
		{"singletons", map[int]string{}, 1, 0, 0, 1},
		{"one cluster", map[int]string{1: "x", 2: "x", 3: "x", 4: "x", 5: "x", 6: "x"}, 4.0 / 15, 1, 2 * (4.0 / 15) / (4.0/15 + 1), (3*0.5 + 2*(2.0/6) + 1.0/6) / 6},
		{"split a", map[int]string{1: "x", 2: "x", 4: "y", 5: "y"}, 1, 0.5, 2.0 / 3, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Score(gold, tt.pred)
			for _, c := range []struct {
				name      string
				got, want float64
			}{{"P", s.P, tt.p}, {"R", s.R, tt.r}, {"F1", s.F1, tt.f1}, {"B3 P", s.BCubedP, tt.b3p}} {
				if math.Abs(c.got-c.want) > 1e-9 {
					t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
				}
			}
		})
	}
}

func TestReadGold(t *testing.T) {
	got, err := ReadGold(strings.NewReader("# header\n10\t14:00\ta\n\n11\t14:00\ts11\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != (Gold{10, "14:00", "a"}) || got[1].Story != "s11" {
		t.Errorf("ReadGold = %+v", got)
	}
	for _, bad := range []string{"x\t14\ta\n", "1\t14\n", "1\t14\ta\n1\t14\tb\n", "0\t1\ta\n"} {
		if _, err := ReadGold(strings.NewReader(bad)); !errors.Is(err, ErrFormat) {
			t.Errorf("ReadGold(%q) error %v, want ErrFormat", bad, err)
		}
	}
}
