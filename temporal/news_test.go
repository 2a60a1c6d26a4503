package temporal

import (
	"bufio"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khabar/khabar/internal/shareddata"
)

// newsGold is one hand-annotated expression of testdata/news-dates.tsv.
type newsGold struct {
	start, end   int
	value, grain string // "-" for words that are not a date
}

// newsScore counts how Find does on the annotated expressions.
type newsScore struct {
	gold    int // annotated dates
	right   int // found with the annotated value and grain
	wrong   int // found with another value or grain
	missed  int // not found
	notDate int // found where the annotation says there is no date
	extra   int // found where nothing is annotated
}

func readNewsGold(t *testing.T, name string) map[int][]newsGold {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold := map[int][]newsGold{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) != 5 {
			t.Fatalf("%s:%d: %d fields, want 5", name, n, len(fs))
		}
		var nums [3]int
		for i := range nums {
			if nums[i], err = strconv.Atoi(fs[i]); err != nil {
				t.Fatalf("%s:%d: %v", name, n, err)
			}
		}
		gold[nums[0]] = append(gold[nums[0]], newsGold{nums[1], nums[2], fs[3], fs[4]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return gold
}

// score adds the expressions found in one record to s.
func (s *newsScore) score(gold []newsGold, found []Expr) {
	used := make([]bool, len(found))
	for _, g := range gold {
		hit := -1
		for i, x := range found {
			if x.Start < g.end && g.start < x.End {
				used[i] = true
				if hit < 0 || (x.Value == g.value && string(x.Grain) == g.grain) {
					hit = i
				}
			}
		}
		if g.value == "?" {
			continue // a date whose value the text does not fix
		}
		if g.value == "-" {
			if hit >= 0 {
				s.notDate++
			}
			continue
		}
		s.gold++
		switch {
		case hit < 0:
			s.missed++
		case found[hit].Value == g.value && string(found[hit].Grain) == g.grain:
			s.right++
		default:
			s.wrong++
		}
	}
	for _, u := range used {
		if !u {
			s.extra++
		}
	}
}

// TestNewsDates scores Find on dates annotated by hand in SaudiNewsNet
// records: the value and the grain must both be right. news-dates.tsv was
// looked at while developing, news-dates-test.tsv was not. The test fails
// when a figure drops below what was measured when the annotations were
// made.
func TestNewsDates(t *testing.T) {
	for _, tt := range []struct {
		file string
		min  int // percent of the annotated dates right
	}{
		{"testdata/news-dates.tsv", 95},
		{"testdata/news-dates-test.tsv", 85},
	} {
		t.Run(tt.file, func(t *testing.T) {
			s := scoreNews(t, readNewsGold(t, tt.file))
			found := s.right + s.wrong + s.notDate
			t.Logf("%s: %d/%d right (%d wrong value or grain, %d missed); %d found where there is no date; %d not annotated; precision %.3f recall %.3f",
				tt.file, s.right, s.gold, s.wrong, s.missed, s.notDate, s.extra, float64(s.right)/float64(max(found, 1)), float64(s.right)/float64(max(s.gold, 1)))
			if s.right*100 < tt.min*s.gold {
				t.Errorf("%d/%d right, want at least %d%%", s.right, s.gold, tt.min)
			}
		})
	}
}

// scoreNews runs Find over the annotated records, each resolved against
// its date_extracted.
func scoreNews(t *testing.T, gold map[int][]newsGold) newsScore {
	t.Helper()
	last := 0
	for n := range gold {
		last = max(last, n)
	}
	sc := shareddata.SaudiNewsNet(t)
	var s newsScore
	var f Finder
	seen := 0
	for n := 1; n <= last && sc.Scan(); n++ {
		g, ok := gold[n]
		if !ok {
			continue
		}
		var rec struct {
			Content string `json:"content"`
			Date    string `json:"date_extracted"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("record %d: %v", n, err)
		}
		ref, err := time.Parse(time.DateOnly, rec.Date[:min(len(rec.Date), 10)])
		if err != nil {
			t.Fatalf("record %d: date: %v", n, err)
		}
		s.score(g, f.Find(rec.Content, Options{Ref: ref}))
		seen++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if seen != len(gold) {
		t.Fatalf("read %d of the %d annotated records", seen, len(gold))
	}
	return s
}
