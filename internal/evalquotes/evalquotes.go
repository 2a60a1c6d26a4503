// Package evalquotes scores the quotes of an Analysis against the
// hand-made quotes of khabar's gold files (examples/*.gold.json).
package evalquotes

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/quote"
)

// GoldQuote is one hand-made reference quote, as in the "quotes" list of
// khabar's gold files (examples/*.gold.json).
type GoldQuote struct {
	Speaker string `json:"speaker"` // the speaker's name as in the entity list
	Cue     string `json:"cue"`
	Direct  bool   `json:"direct"`
	Text    string `json:"text"`
}

// GoldFile is the part of a gold file that quote scoring reads.
type GoldFile struct {
	File   string      `json:"file"` // the article, relative to the gold file
	Quotes []GoldQuote `json:"quotes"`
}

// maxGold bounds the size of a gold file.
const maxGold = 8 << 20

// ReadGold reads a gold file. name is used in errors.
func ReadGold(r io.Reader, name string) (*GoldFile, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxGold+1))
	if err != nil {
		return nil, fmt.Errorf("quote: read gold %s: %w", name, err)
	}
	if len(b) > maxGold {
		return nil, fmt.Errorf("quote: gold %s: larger than %d bytes", name, maxGold)
	}
	var g GoldFile
	if err := json.Unmarshal(b, &g); err != nil {
		return nil, fmt.Errorf("quote: gold %s: %w", name, err)
	}
	return &g, nil
}

// Score counts how the quotes of an Analysis agree with gold quotes.
// A found quote matches a gold one when, after normalization, one text is
// a prefix of the other and the shorter has at least three words (gold
// texts of reported speech often stop at the first clause), or when their
// word overlap F1 is at least 0.6. Each gold quote matches at most one
// found quote.
type Score struct {
	Gold    int `json:"gold"`    // gold quotes
	Found   int `json:"found"`   // quotes in the Analysis
	Matched int `json:"matched"` // gold quotes matched by text
	Speaker int `json:"speaker"` // of those, with the right speaker
	Direct  int `json:"direct"`  // of those, with the right direct flag
	// Misses are the gold quotes with no match.
	Misses []GoldQuote `json:"misses,omitempty"`
}

// Add accumulates o into s.
func (s *Score) Add(o Score) {
	s.Gold += o.Gold
	s.Found += o.Found
	s.Matched += o.Matched
	s.Speaker += o.Speaker
	s.Direct += o.Direct
	s.Misses = append(s.Misses, o.Misses...)
}

// Recall is the share of gold quotes matched by text.
func (s Score) Recall() float64 { return ratio(s.Matched, s.Gold) }

// Precision is the share of found quotes that match a gold quote. Gold
// files need not list every quote, so it is a lower bound.
func (s Score) Precision() float64 { return ratio(s.Matched, s.Found) }

// SpeakerAccuracy is the share of matched quotes with the right speaker.
func (s Score) SpeakerAccuracy() float64 { return ratio(s.Speaker, s.Matched) }

// DirectAccuracy is the share of matched quotes with the right direct flag.
func (s Score) DirectAccuracy() float64 { return ratio(s.Direct, s.Matched) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Evaluate scores a.Quotes against gold.
func Evaluate(a *khabar.Analysis, gold []GoldQuote) Score {
	s := Score{Gold: len(gold), Found: len(a.Quotes)}
	used := make([]bool, len(a.Quotes))
	for _, g := range gold {
		gw := strings.Fields(quote.Normalize(g.Text))
		best, bestScore := -1, 0.0
		for i, q := range a.Quotes {
			if used[i] {
				continue
			}
			if sc := textMatch(gw, strings.Fields(quote.Normalize(q.Text))); sc > bestScore {
				best, bestScore = i, sc
			}
		}
		if best < 0 {
			s.Misses = append(s.Misses, g)
			continue
		}
		used[best] = true
		s.Matched++
		q := a.Quotes[best]
		if q.Direct == g.Direct {
			s.Direct++
		}
		if speakerIs(a, q.Speaker, g.Speaker) {
			s.Speaker++
		}
	}
	return s
}

// textMatch scores two word sequences: 1 for a prefix match, the overlap
// F1 when it reaches 0.6, else 0.
func textMatch(a, b []string) float64 {
	n := min(len(a), len(b))
	if n == 0 {
		return 0
	}
	prefix := true
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			prefix = false
			break
		}
	}
	if prefix && n >= min(3, max(len(a), len(b))) {
		return 1
	}
	count := map[string]int{}
	for _, w := range a {
		count[w]++
	}
	common := 0
	for _, w := range b {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	f1 := 2 * float64(common) / float64(len(a)+len(b))
	if f1 >= 0.6 {
		return f1
	}
	return 0
}

// speakerIs reports whether entity id is the gold speaker name: its name,
// one of its non-pronoun mentions or its knowledge-base name.
func speakerIs(a *khabar.Analysis, id, name string) bool {
	want := quote.Normalize(name)
	if id == "" || want == "" {
		return false
	}
	for _, e := range a.Entities {
		if e.ID != id {
			continue
		}
		if quote.Normalize(e.Name) == want {
			return true
		}
		if e.KB != nil && (quote.Normalize(e.KB.Name) == want || quote.Normalize(e.KB.NameEn) == want) {
			return true
		}
		for _, m := range e.Mentions {
			if quote.Normalize(m.Text) == want {
				return true
			}
		}
	}
	return false
}
