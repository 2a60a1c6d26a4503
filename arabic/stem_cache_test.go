package arabic

import (
	"fmt"
	"sync"
	"testing"
)

// TestStemCache checks that cached LightStem answers match the uncached
// analysis, also while many goroutines fill and empty the shards.
func TestStemCache(t *testing.T) {
	words := []string{"والمسؤولين", "للتعاون", "لبنان", "الكبيره", "مشروبات", "كتابهم", "English", ""}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 3 * stemShardSize {
				w := words[i%len(words)]
				if got, want := Stem(w, LightStem), lightStem(w); got != want {
					t.Errorf("Stem(%q, LightStem) = %q, uncached %q", w, got, want)
					return
				}
				// Unique filler words force shards to fill and reset.
				_ = Stem(fmt.Sprintf("كلمه%d_%d", g, i), LightStem)
			}
		}()
	}
	wg.Wait()
	long := string(make([]rune, maxCachedBytes)) // not cached, still stemmed
	if got := Stem(long, LightStem); got != lightStem(long) {
		t.Errorf("long word: %q", got)
	}
}
