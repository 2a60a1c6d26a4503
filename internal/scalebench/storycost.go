package scalebench

import (
	"time"

	"github.com/khabar/khabar/sqlite"
)

// StoryCoster is a store that counts what clustering its documents into
// stories costs (the SQLite store does).
type StoryCoster interface {
	StoryStats() sqlite.StoryStats
}

// storyCost is the story clustering cost of some batches: the
// difference of two sqlite.StoryStats.
type storyCost struct {
	articles                 int64
	prepare, cluster, record time.Duration
}

// since returns the cost from before to after.
func since(after, before sqlite.StoryStats) storyCost {
	return storyCost{
		articles: after.Articles - before.Articles,
		prepare:  after.Prepare - before.Prepare,
		cluster:  after.Cluster - before.Cluster,
		record:   after.Record - before.Record,
	}
}

func (c *storyCost) add(o storyCost) {
	c.articles += o.articles
	c.prepare += o.prepare
	c.cluster += o.cluster
	c.record += o.record
}

// setStory fills the story measures of st from the cost of the batches
// of its ingest window and the stats at the end of the step.
func (st *Step) setStory(c storyCost, after sqlite.StoryStats) {
	if c.articles <= 0 {
		return
	}
	us := func(d time.Duration) float64 { return d.Seconds() * 1e6 / float64(c.articles) }
	st.StoryN = int(c.articles)
	st.StoryPrepareUS, st.StoryClusterUS, st.StoryRecordUS = us(c.prepare), us(c.cluster), us(c.record)
	st.StoryUS = st.StoryPrepareUS + st.StoryClusterUS + st.StoryRecordUS
	st.Stories, st.OpenStories = after.Stories, after.Open
}
