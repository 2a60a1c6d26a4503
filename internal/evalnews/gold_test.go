package evalnews

import (
	"os"
	"strings"
	"testing"
)

func TestReadGoldFile(t *testing.T) {
	f, err := os.Open("testdata/gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	arts, err := ReadGold(f, "gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 || arts[0].Line != 1 || arts[1].Line != 3 {
		t.Fatalf("read %d articles %+v, want lines 1 and 3", len(arts), arts)
	}
	if q := arts[1].Quotes[0]; q.field() != "content" || q.Source != "الأنباء" || q.SpeakerText != "مصدر مسؤول" {
		t.Errorf("quote %+v", q)
	}
}

func TestReadGoldErrors(t *testing.T) {
	const ok = `{"line": 5, "source": "okaz", "entities": [{"type": "PER", "text": "سالم", "count": 1}], "quotes": []}`
	for _, tc := range []struct {
		name, in, want string
	}{
		{"not JSON", `{"line": 5,`, "g:1:"},
		{"unknown field", `{"line": 5, "source": "okaz", "entitys": []}`, "unknown field"},
		{"no line", `{"source": "okaz"}`, `"line" 0`},
		{"no source", `{"line": 5}`, `empty "source"`},
		{"bad type", `{"line": 5, "source": "okaz", "entities": [{"type": "GPE", "text": "جدة", "count": 1}]}`, `type "GPE"`},
		{"empty text", `{"line": 5, "source": "okaz", "entities": [{"type": "LOC", "text": " ", "count": 1}]}`, "empty text"},
		{"count 0", `{"line": 5, "source": "okaz", "entities": [{"type": "LOC", "text": "جدة", "count": 0}]}`, "count 0"},
		{"twice", `{"line": 5, "source": "okaz", "entities": [{"type": "LOC", "text": "جدة", "count": 1}, {"type": "LOC", "text": " جدة", "count": 2}]}`, "listed twice"},
		{"bad field", `{"line": 5, "source": "okaz", "quotes": [{"field": "author", "start": 1, "end": 4, "speaker": "س"}]}`, `field "author"`},
		{"empty span", `{"line": 5, "source": "okaz", "quotes": [{"start": 4, "end": 4, "speaker": "س"}]}`, "not a span"},
		{"negative", `{"line": 5, "source": "okaz", "quotes": [{"start": -1, "end": 4, "speaker": "س"}]}`, "not a span"},
		{"speaker type", `{"line": 5, "source": "okaz", "quotes": [{"start": 1, "end": 4, "speaker": "س", "speaker_type": "LOC"}]}`, "speaker_type"},
		{"no speaker", `{"line": 5, "source": "okaz", "quotes": [{"start": 1, "end": 4, "speaker": ""}]}`, "neither speaker"},
		{"quotes only with entities", `{"line": 5, "source": "okaz", "quotes_only": true, "entities": [{"type": "LOC", "text": "جدة", "count": 1}]}`, `"quotes_only" with 1 entities`},
		{"entities only with quotes", `{"line": 5, "source": "okaz", "entities_only": true, "quotes": [{"start": 1, "end": 4, "speaker": "س"}]}`, `"entities_only" with 1 quotes`},
		{"entities and quotes only", `{"line": 5, "source": "okaz", "entities_only": true, "quotes_only": true}`, `both "entities_only" and "quotes_only"`},
		{"line twice", ok + "\n\n" + ok, "already given on line 1"},
		{"two values", ok + " {}", "more than one JSON value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadGold(strings.NewReader(tc.in), "g")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}
