package arabic

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

//go:embed data/stopwords.txt
var stopwordsText string

var (
	stopOnce sync.Once
	stopSet  map[string]struct{}
	stopList []string
)

func loadStopwords() {
	stopSet = make(map[string]struct{}, 160)
	for line := range strings.SplitSeq(stopwordsText, "\n") {
		w := strings.TrimSpace(line)
		if w == "" || w[0] == '#' {
			continue
		}
		if _, dup := stopSet[w]; !dup {
			stopSet[w] = struct{}{}
			stopList = append(stopList, w)
		}
	}
	slices.Sort(stopList)
}

// IsStopword reports whether normalized, a Search-normalized word, is a
// search stop word: a preposition, particle, pronoun, demonstrative,
// relative pronoun or form of كان, alone or with a common clitic.
func IsStopword(normalized string) bool {
	stopOnce.Do(loadStopwords)
	_, ok := stopSet[normalized]
	return ok
}

// Stopwords returns the stop-word list, sorted, Search-normalized. The
// caller may modify the returned slice.
func Stopwords() []string {
	stopOnce.Do(loadStopwords)
	return slices.Clone(stopList)
}
