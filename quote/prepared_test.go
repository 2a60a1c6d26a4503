package quote_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/khabar/khabar/internal/matchtext"
	"github.com/khabar/khabar/quote"
	"github.com/khabar/khabar/quote/quotetest"
)

// TestFindPrepared checks that a shared, stale or missing tokenization
// gives the quotes Find gives.
func TestFindPrepared(t *testing.T) {
	g, txt, err := quotetest.Load(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	a := quotetest.Analysis(txt, g)
	want := quote.Find(a)
	if len(want) == 0 {
		t.Fatal("Find found no quotes in the example article")
	}
	tests := []struct {
		name string
		mt   *matchtext.Text
	}{
		{"prepared", matchtext.Prepare(a.Text)},
		{"nil", nil},
		{"stale", matchtext.Prepare("نص آخر")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := quote.FindPrepared(a, tt.mt); !reflect.DeepEqual(got, want) {
				t.Errorf("FindPrepared = %+v\nFind = %+v", got, want)
			}
		})
	}
}
