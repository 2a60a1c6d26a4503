package arabic

import (
	"hash/maphash"
	"strings"
	"sync"
)

// stemCache memoizes LightStem, whose lexicon analysis costs a few
// microseconds a word: news vocabulary is Zipfian, so a modest cache
// answers most calls. It is sharded to keep lock contention low, and a
// full shard is simply emptied.
type stemCache struct {
	seed   maphash.Seed
	shards [64]stemShard
}

type stemShard struct {
	mu sync.RWMutex
	m  map[string]string
}

const (
	stemShardSize  = 4096 // entries a shard holds before it is emptied
	maxCachedBytes = 64   // longer words are not cached
)

var lightCache = stemCache{seed: maphash.MakeSeed()}

func (c *stemCache) shard(w string) *stemShard {
	return &c.shards[maphash.String(c.seed, w)%uint64(len(c.shards))]
}

func (c *stemCache) get(w string) (string, bool) {
	sh := c.shard(w)
	sh.mu.RLock()
	s, ok := sh.m[w]
	sh.mu.RUnlock()
	return s, ok
}

func (c *stemCache) put(w, stem string) {
	if len(w) > maxCachedBytes {
		return
	}
	sh := c.shard(w)
	sh.mu.Lock()
	if sh.m == nil || len(sh.m) >= stemShardSize {
		sh.m = make(map[string]string, stemShardSize)
	}
	// Clone so that the cache does not pin the caller's text in memory.
	sh.m[strings.Clone(w)] = strings.Clone(stem)
	sh.mu.Unlock()
}

// cachedLightStem is lightStem through the cache.
func cachedLightStem(w string) string {
	if s, ok := lightCache.get(w); ok {
		return s
	}
	s := lightStem(w)
	lightCache.put(w, s)
	return s
}
