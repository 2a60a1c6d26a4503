package event_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/khabar/khabar/event"
	"github.com/khabar/khabar/internal/matchtext"
	"github.com/khabar/khabar/quote"
	"github.com/khabar/khabar/quote/quotetest"
)

// TestFindPrepared checks that a shared, stale or missing tokenization
// gives the events Find gives.
func TestFindPrepared(t *testing.T) {
	g, txt, err := quotetest.Load(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	a := quotetest.Analysis(txt, g)
	mt := matchtext.Prepare(a.Text)
	a.Quotes = quote.FindPrepared(a, mt)
	want := event.Find(a)
	if len(want) == 0 {
		t.Fatal("Find found no events in the example article")
	}
	tests := []struct {
		name string
		mt   *matchtext.Text
	}{
		{"shared with quotes", mt},
		{"nil", nil},
		{"stale", matchtext.Prepare("نص آخر")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := event.FindPrepared(a, tt.mt); !reflect.DeepEqual(got, want) {
				t.Errorf("FindPrepared = %+v\nFind = %+v", got, want)
			}
		})
	}
}
