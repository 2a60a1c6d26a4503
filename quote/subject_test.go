package quote

import (
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/matchtext"
)

// TestParticipleRegion checks that a phrase opened by a participle and
// its object (what a direct quotation after بأنه may leave as the
// region before it) names no one: the participle's subject is the
// current speaker.
func TestParticipleRegion(t *testing.T) {
	for _, tc := range []struct {
		region string
		kind   int
	}{
		{"واصفا قرار النقل", subjCurrent},
		{"معتبرا الخطوة", subjCurrent},
		{"داعيا الأهالي", subjCurrent},
		{"مصادر طبية", subjUnnamed},
		{"ماجد الزهراني", subjUnnamed}, // a name the entities missed
	} {
		t.Run(tc.region, func(t *testing.T) {
			a := &khabar.Analysis{Text: tc.region}
			f := newFinder(a, matchtext.Prepare(a.Text))
			f.cur = []string{"e1"}
			if got := f.parseRegion(0, len(f.toks), false); got.kind != tc.kind {
				t.Errorf("kind %d, want %d (%+v)", got.kind, tc.kind, got)
			}
		})
	}
}

func TestParticiple(t *testing.T) {
	for w, want := range map[string]bool{"واصفا": true, "معتبرا": true, "داعيا": true, "مطالبا": true,
		"رضا": false, "الرضا": false, "مصطفي": false, "ساره": false} {
		if got := participle(w); got != want {
			t.Errorf("participle(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestPronounCue(t *testing.T) {
	for w, want := range map[string]string{"اكده": "أكد", "ذكرته": "ذكر", "قالها": "قال", "ذكر": "", "مؤكده": "", "كتابه": ""} {
		c := pronounCue(matchtext.FoldWord(w))
		got := ""
		if c != nil {
			got = c.lemma
		}
		if got != want {
			t.Errorf("pronounCue(%q) = %q, want %q", w, got, want)
		}
	}
}
