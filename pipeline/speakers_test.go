package pipeline

import (
	"strings"
	"testing"

	"github.com/khabar/khabar"
)

func TestSpeakerNames(t *testing.T) {
	for _, tt := range []struct {
		name     string
		text     string
		speakers []string // speaker_text of each quote, in order
		existing []string // PER entities already found
		want     []string // the speaker entity's name of each quote ("" for none)
	}{
		{
			name:     "an office and a name the tagger missed",
			text:     "وقال قائد مقاتلي العشائر غسان العيثاوي إن القوات تتقدم. وأضاف العيثاوي أن الطريق مفتوح.",
			speakers: []string{"قائد مقاتلي العشائر غسان العيثاوي", "العيثاوي"},
			want:     []string{"غسان العيثاوي", "غسان العيثاوي"},
		},
		{
			name:     "a foreign name after a role",
			text:     "وقال وكيل اللاعبين ميركو بوليديكا إن العرض مرفوض.",
			speakers: []string{"وكيل اللاعبين ميركو بوليديكا"},
			want:     []string{"ميركو بوليديكا"},
		},
		{
			name:     "a family name alone resolves to a person already found",
			text:     "التقى الوزير سامر الخطيب بالوفد. وقال الخطيب إن اللقاء مثمر.",
			speakers: []string{"الخطيب"},
			existing: []string{"سامر الخطيب"},
			want:     []string{"سامر الخطيب"},
		},
		{
			name:     "unnamed sources stay unnamed",
			text:     "وقال مصدر أمني إن الهجوم فشل. وذكرت وزارة الخارجية الأمريكية أن الوضع هادئ. وقال مسؤول في مطار عدن الدولي إن الرحلات مستمرة.",
			speakers: []string{"مصدر أمني", "وزارة الخارجية الأمريكية", "مسؤول في مطار عدن الدولي"},
			want:     []string{"", "", ""},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := &khabar.Analysis{Text: tt.text}
			for i, n := range tt.existing {
				a.Entities = append(a.Entities, khabar.Entity{ID: "e" + string(rune('1'+i)), Type: "PER", Name: n})
			}
			runes := []rune(tt.text)
			from := 0
			for _, s := range tt.speakers {
				// The quote starts right after its speaker phrase.
				i := strings.Index(string(runes[from:]), s)
				if i < 0 {
					t.Fatalf("%q not in the text", s)
				}
				start := from + len([]rune(string(runes[from:])[:i])) + len([]rune(s))
				a.Quotes = append(a.Quotes, khabar.Quote{Start: start, End: start + 5, SpeakerText: s})
				from = start
			}
			speakerNames(a)
			names := map[string]khabar.Entity{}
			for _, e := range a.Entities {
				names[e.ID] = e
			}
			for i, q := range a.Quotes {
				got := names[q.Speaker].Name
				if got != tt.want[i] {
					t.Errorf("quote %d: speaker %q, want %q", i, got, tt.want[i])
				}
				if got != "" && q.SpeakerText != "" {
					t.Errorf("quote %d: named speaker keeps speaker_text %q", i, q.SpeakerText)
				}
			}
			for _, e := range a.Entities {
				for _, m := range e.Mentions {
					if r := []rune(tt.text); string(r[m.Start:m.End]) != m.Text {
						t.Errorf("mention %q at %d:%d reads %q", m.Text, m.Start, m.End, string(r[m.Start:m.End]))
					}
				}
			}
		})
	}
}
