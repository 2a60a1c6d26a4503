package story

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/dedup"
	"github.com/khabar/khabar/internal/evalstories"
	"github.com/khabar/khabar/internal/shareddata"
	"github.com/khabar/khabar/pipeline"
)

// The story evaluation (testdata/GUIDE.md): every article of the 14:00
// and 18:00 crawl batches of 2015-08-08 is labelled. The clusterer reads
// the whole stream from the day's first batches (06:00 and 07:00, which
// warm up the document frequencies and open stories) in crawl order;
// pairs are scored per labelled batch. Thresholds are chosen on the 14:00
// batch; the 18:00 batch is held out.
const (
	evalDay   = "2015-08-08"
	goldFile  = "testdata/saudinewsnet-2015-08-08.tsv"
	tuneBatch = "14:00"
	heldBatch = "18:00"
)

// Gates on the held-out batch, and on the tuning batch, a little under
// the figures measured when they were set (see README). When the
// tagger's document passes changed the entities the clusterer compares,
// the tuning batch's F1 fell from 0.762 to 0.704; the threshold was tuned
// again on it (0.20 → 0.22: F1 0.748, P 0.990; held out 0.558 both times).
// When the tagger's multi-word places and competition names (ner
// d43974d, 8bbc1cc) changed them again, it fell to 0.702; the entity
// weight was tuned on it (0.6 → 0.8, on a plateau from 0.75: F1 0.748, P
// 0.990; 0.9 gave 0.755 at P 0.980, 1.0 0.752 at P 0.970; the threshold
// alone gave at most 0.705 at P 0.893): held out 0.575, P 0.974; after the
// tagger's listed organizations (386e347 …) held out 0.558, P 0.973, with
// the tuning batch unchanged; at the session's final tagger (92b9e10)
// tuning P 0.980 R 0.614 F1 0.755, held out P 0.974 R 0.408 F1 0.575.
// Anchors (anchor.go; Anchor 5 on a plateau from 4 to 6, 0.877 at 8 and
// 0.865 at 10; AnchorCount 3, 0.908 at 2 before places were limited to
// the knowledge base's cities) gather the Asir bombing's coverage into
// one story: tuning P 0.986 R 0.899 F1 0.940, held out P 0.988 R 0.913
// F1 0.949.
var (
	gateHeldF1 = 0.88
	gateHeldP  = 0.93
	gateTuneF1 = 0.88
	gateTuneP  = 0.93
)

var (
	threshold = flag.Float64("story.threshold", 0, "similarity threshold for TestEvalStories (0: the default)")
	pairsW    = flag.Float64("story.pairs", 0, "weight of term pairs for TestEvalStories (0: the default)")
	maxTerms  = flag.Int("story.terms", 0, "terms kept per article for TestEvalStories (0: the default)")
	leadWords = flag.Int("story.lead", 0, "words of the lead for TestEvalStories (0: the default)")
	mergeW    = flag.Float64("story.merge", 0, "merge threshold for TestEvalStories (0: no merging)")
	entityW   = flag.Float64("story.entity", 0, "weight of entities for TestEvalStories (0: the default)")
	anchorW   = flag.Float64("story.anchor", 0, "least anchor weight for TestEvalStories (0: the default, negative: no anchors)")
	anchorN   = flag.Int("story.anchorterms", 0, "least anchor terms shared for TestEvalStories (0: the default)")
	ancCount  = flag.Int("story.anchorcount", 0, "recent members holding a story's anchors for TestEvalStories (0: the default)")
	headW     = flag.Int("story.head", 0, "lead terms making anchors for TestEvalStories (0: the default)")
)

// evalRecord is one article of the evaluation stream.
type evalRecord struct {
	line    int
	crawled time.Time
	art     Article
	sig     dedup.Signature
}

type corpusRecord struct {
	Source  string `json:"source"`
	URL     string `json:"url"`
	Date    string `json:"date_extracted"`
	Title   string `json:"title"`
	Author  string `json:"author"`
	Content string `json:"content"`
}

// loadStream reads the day's articles up to the last labelled batch and
// analyzes them with the pipeline.
func loadStream(t *testing.T) []evalRecord {
	t.Helper()
	sc := shareddata.SaudiNewsNet(t)
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var recs []evalRecord
	for line := 1; sc.Scan(); line++ {
		b := sc.Bytes()
		if !strings.Contains(string(b[:min(len(b), 4096)]), evalDay) {
			continue
		}
		var r corpusRecord
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("record %d: %v", line, err)
		}
		if !strings.HasPrefix(r.Date, evalDay) || r.Date[11:13] > "18" {
			continue
		}
		crawled, err := time.Parse(time.DateTime, r.Date)
		if err != nil {
			t.Fatalf("record %d: %v", line, err)
		}
		a, err := p.Analyze(context.Background(), khabar.RawDocument{
			Name: strconv.Itoa(line), Body: []byte(r.Content), Title: r.Title,
			Source: r.Source, Author: r.Author, URL: r.URL, Date: crawled,
		})
		art := Article{ID: strconv.Itoa(line), Title: r.Title, Text: r.Content, Source: r.Source, Published: crawled}
		if err == nil {
			art = FromAnalysis(art.ID, a, crawled)
			art.Title, art.Text = r.Title, r.Content
		}
		recs = append(recs, evalRecord{line: line, crawled: crawled, art: art,
			sig: dedup.Sign(r.Title+"\n"+r.Content, dedup.Options{})})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].crawled.Before(recs[j].crawled) })
	return recs
}

// cluster runs the clusterer over the stream and returns each article's
// story and its near-duplicate cluster.
func cluster(t *testing.T, recs []evalRecord, opt Options) (stories, dups map[int]string) {
	t.Helper()
	c := New(opt)
	idx := dedup.NewIndex(dedup.Options{})
	stories, dups = make(map[int]string), make(map[int]string)
	for _, r := range recs {
		d, _, err := idx.Add(r.art.ID, r.sig)
		if err != nil {
			t.Fatal(err)
		}
		dups[r.line] = d
		a := r.art
		a.Duplicate = d
		as, err := c.Add(a)
		if err != nil {
			t.Fatal(err)
		}
		stories[r.line] = as.Story
	}
	// Stories merged after an article joined them stand for the story
	// they were merged into.
	for line, id := range stories {
		st, ok := c.Story(id)
		if !ok {
			t.Fatalf("story %s of record %d is lost", id, line)
		}
		stories[line] = st.ID
	}
	return stories, dups
}

func TestEvalStories(t *testing.T) {
	if testing.Short() {
		t.Skip("story evaluation analyzes about 1,300 articles")
	}
	f, err := os.Open(goldFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	labels, err := evalstories.ReadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	recs := loadStream(t)
	opt := Options{Threshold: *threshold, Pairs: *pairsW, MaxTerms: *maxTerms, LeadWords: *leadWords, Entity: *entityW, Merge: *mergeW,
		Anchor: *anchorW, AnchorTerms: *anchorN, HeadWords: *headW, AnchorCount: *ancCount}
	exploring := *threshold != 0 || *pairsW != 0 || *maxTerms != 0 || *leadWords != 0 || *entityW != 0 || *mergeW != 0 ||
		*anchorW != 0 || *anchorN != 0 || *headW != 0 || *ancCount != 0
	stories, dups := cluster(t, recs, opt)

	halves := map[string]map[int]string{tuneBatch: {}, heldBatch: {}, "all": {}}
	for _, g := range labels {
		if _, ok := stories[g.Line]; !ok {
			t.Fatalf("labelled record %d is not in the stream", g.Line)
		}
		halves[g.Batch][g.Line] = g.Story
		halves["all"][g.Line] = g.Story
	}
	var b strings.Builder
	fmt.Fprintln(&b, evalstories.Header)
	results := make(map[string]evalstories.Scores)
	for _, h := range []string{tuneBatch, heldBatch, "all"} {
		gold := halves[h]
		name := map[string]string{tuneBatch: "14:00 (tuning)", heldBatch: "18:00 (held out)", "all": "afternoon (both)"}[h]
		fmt.Fprintln(&b, evalstories.Row(name+" singletons", evalstories.Score(gold, map[int]string{})))
		fmt.Fprintln(&b, evalstories.Row(name+" dedup", evalstories.Score(gold, dups)))
		s := evalstories.Score(gold, stories)
		results[h] = s
		fmt.Fprintln(&b, evalstories.Row(name+" story", s))
	}
	t.Logf("story clustering, %d articles in the stream:\n%s", len(recs), b.String())
	if testing.Verbose() {
		// Only the tuning batch's errors are listed: looking at the
		// held-out batch's would tune on it.
		var tune []evalstories.Gold
		for _, g := range labels {
			if g.Batch == tuneBatch {
				tune = append(tune, g)
			}
		}
		logErrors(t, tune, stories, recs)
	}
	if exploring {
		return // exploring parameters: no gates
	}
	for _, g := range []struct {
		half  string
		f1, p float64
	}{{tuneBatch, gateTuneF1, gateTuneP}, {heldBatch, gateHeldF1, gateHeldP}} {
		s := results[g.half]
		if s.F1 < g.f1 || s.P < g.p {
			t.Errorf("%s: pairwise P %.3f F1 %.3f, gates P %.2f F1 %.2f", g.half, s.P, s.F1, g.p, g.f1)
		}
	}
}

// logErrors lists wrong merges and missed pairs of labelled articles.
func logErrors(t *testing.T, labels []evalstories.Gold, stories map[int]string, recs []evalRecord) {
	title := make(map[int]string)
	for _, r := range recs {
		title[r.line] = r.art.Title
	}
	byPred := make(map[string][]evalstories.Gold)
	byGold := make(map[string][]evalstories.Gold)
	for _, g := range labels {
		byPred[stories[g.Line]] = append(byPred[stories[g.Line]], g)
		byGold[g.Story] = append(byGold[g.Story], g)
	}
	for id, gs := range byPred {
		stories := make(map[string]bool)
		for _, g := range gs {
			stories[g.Story] = true
		}
		if len(stories) > 1 {
			var lines []string
			for _, g := range gs {
				lines = append(lines, fmt.Sprintf("  %d %s %s", g.Line, g.Story, title[g.Line]))
			}
			t.Logf("merged %s:\n%s", id, strings.Join(lines, "\n"))
		}
	}
	for story, gs := range byGold {
		preds := make(map[string]bool)
		for _, g := range gs {
			preds[stories[g.Line]] = true
		}
		if len(preds) > 1 {
			var lines []string
			for _, g := range gs {
				lines = append(lines, fmt.Sprintf("  %d %s %s", g.Line, stories[g.Line], title[g.Line]))
			}
			t.Logf("split %s:\n%s", story, strings.Join(lines, "\n"))
		}
	}
}
