package arabic

// resetCaches empties every cache the analysis of a word goes through:
// the process-wide LightStem cache and the word cache of the scratch that
// a's next call will use. Benchmarks call it to measure text no cache has
// seen.
func resetCaches(a *Analyzer) {
	for i := range lightCache.shards {
		sh := &lightCache.shards[i]
		sh.mu.Lock()
		clear(sh.m) // in place, so that refilling allocates nothing
		sh.mu.Unlock()
	}
	sc := a.pool.Get().(*scratch)
	if sc.words != nil {
		clear(sc.words[:])
	}
	a.pool.Put(sc)
}
