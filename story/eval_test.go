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

// The story evaluation (testdata/GUIDE.md): every article of two crawl
// batches of each of two days is labelled: the 14:00 and 18:00 batches of
// 2015-08-08, a day dominated by one event (the Asir mosque bombing), and
// the 19:00 and 22:00 batches of 2015-07-31, an ordinary day. For each day
// the clusterer reads the whole stream from the day's first batch (which
// warms up the document frequencies and opens stories) in crawl order, up
// to its last labelled batch; pairs are scored per labelled batch, per day
// and over both days. Thresholds are chosen on each day's first labelled
// batch; the other is held out.
type evalSet struct {
	day        string // the crawl day, as date_extracted begins
	gold       string // the labels
	tune, held string // the batches (the hour of date_extracted)
}

var evalSets = []evalSet{
	{day: "2015-08-08", gold: "testdata/saudinewsnet-2015-08-08.tsv", tune: "14:00", held: "18:00"},
	{day: "2015-07-31", gold: "testdata/saudinewsnet-2015-07-31.tsv", tune: "19:00", held: "22:00"},
}

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
//
// The ordinary day, 2015-07-31, scored P 0.581 R 0.676 F1 0.625 on its
// tuning batch with those settings: an outlet's byline entity ("عين
// اليوم") made its articles alike, market reports gathered into one story
// across days, and anchors paired cities with the names of other places
// ("Washington" with "the United States"). Choices on both tuning
// batches, within one build (08-08 / 07-31 pairwise P R F1):
//
//	2f83143 settings            0.986 0.905 0.944 / 0.581 0.676 0.625
//	+ no dateline entities      0.985 0.854 0.915 / 0.714 0.676 0.694
//	+ no place names in anchors 0.985 0.854 0.915 / 0.794 0.730 0.761
//	+ threshold 0.22 → 0.32     1.000 0.741 0.851 / 0.963 0.703 0.812
//	+ headlines 0.35 (final)    0.993 0.873 0.929 / 0.929 0.703 0.800
//
// Threshold 0.31 to 0.32 and headline 0.30 to 0.40 give the same figures;
// at 0.30 a dollar report joins the gold reports (07-31 P 0.867). At the final
// threshold and headline the two filters change neither tuning batch;
// they stay for the errors they remove at lower similarities. Tried and
// left out: a least member cosine before the centroid counts (0.1 to
// 0.2: no gain), a least idf per anchor term (3 to 4: removes all the
// 08-08 anchors, whose words the event makes common), stories of 2 or 3
// outlets only for anchors (no change), a higher similarity to join a
// story of one's own outlet (0.4 to 0.7: loses a pair), entity weight 0.4
// to 1.0 (no gain). Held out, once, at the final settings: 08-08 18:00 P
// 1.000 R 0.913 F1 0.955, 07-31 22:00 P 1.000 R 0.714 F1 0.833. The gates
// are about one error below those figures.
var gates = []struct {
	scope string  // a row of the table
	p, f1 float64 // least pairwise precision and F1
}{
	{"08-08 14:00 (tuning)", 0.95, 0.88},
	{"08-08 18:00 (held out)", 0.95, 0.90},
	{"07-31 19:00 (tuning)", 0.85, 0.75},
	{"07-31 22:00 (held out)", 0.90, 0.78},
}

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
	headlineW = flag.Float64("story.headline", 0, "least headline cosine for TestEvalStories (0: the default, negative: off)")
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

// loadStream reads each set's day up to its last labelled batch, in one
// pass over the corpus, and analyzes the articles with the pipeline; it
// returns each day's records in crawl order.
func loadStream(t *testing.T, sets []evalSet) map[string][]evalRecord {
	t.Helper()
	last := make(map[string]string) // day → the hour of its last batch
	for _, e := range sets {
		last[e.day] = max(e.tune[:2], e.held[:2])
	}
	sc := shareddata.SaudiNewsNet(t)
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string][]evalRecord)
	for line := 1; sc.Scan(); line++ {
		b := sc.Bytes()
		head := string(b[:min(len(b), 4096)])
		day := ""
		for d := range last {
			if strings.Contains(head, d) {
				day = d
			}
		}
		if day == "" {
			continue
		}
		var r corpusRecord
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("record %d: %v", line, err)
		}
		if len(r.Date) < 13 || !strings.HasPrefix(r.Date, day) || r.Date[11:13] > last[day] {
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
		out[day] = append(out[day], evalRecord{line: line, crawled: crawled, art: art,
			sig: dedup.Sign(r.Title+"\n"+r.Content, dedup.Options{})})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, recs := range out {
		sort.SliceStable(recs, func(i, j int) bool { return recs[i].crawled.Before(recs[j].crawled) })
	}
	return out
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
		t.Skip("story evaluation analyzes about 3,600 articles")
	}
	opt := Options{Threshold: *threshold, Pairs: *pairsW, MaxTerms: *maxTerms, LeadWords: *leadWords, Entity: *entityW, Merge: *mergeW,
		Anchor: *anchorW, AnchorTerms: *anchorN, HeadWords: *headW, AnchorCount: *ancCount, Headline: *headlineW}
	exploring := *threshold != 0 || *pairsW != 0 || *maxTerms != 0 || *leadWords != 0 || *entityW != 0 || *mergeW != 0 ||
		*anchorW != 0 || *anchorN != 0 || *headW != 0 || *ancCount != 0 || *headlineW != 0
	streams := loadStream(t, evalSets)

	// Line numbers are unique in the corpus, so the days' labels and
	// clusterings pool into one map each; story keys carry their day.
	const tuning, heldOut, all = "tuning batches", "held-out batches", "all four batches"
	var scopes []string
	for _, e := range evalSets {
		scopes = append(scopes, batchScope(e, e.tune), batchScope(e, e.held), daysScope(e))
	}
	scopes = append(scopes, tuning, heldOut, all)
	gold := make(map[string]map[int]string) // scope → line → story
	for _, sc := range scopes {
		gold[sc] = make(map[int]string)
	}
	stories, dups := make(map[int]string), make(map[int]string)
	title := make(map[int]string)
	var tune []evalstories.Gold
	articles := 0
	for _, e := range evalSets {
		labels := readGold(t, e.gold)
		recs := streams[e.day]
		articles += len(recs)
		st, du := cluster(t, recs, opt)
		for line, id := range st {
			stories[line] = e.day + "/" + id
		}
		for line, id := range du {
			dups[line] = e.day + "/" + id
		}
		for _, r := range recs {
			title[r.line] = r.art.Title
		}
		for _, g := range labels {
			if _, ok := st[g.Line]; !ok {
				t.Fatalf("%s: labelled record %d is not in the stream", e.gold, g.Line)
			}
			half := heldOut
			switch g.Batch {
			case e.tune:
				half = tuning
				tune = append(tune, g)
			case e.held:
			default:
				t.Fatalf("%s: record %d is in batch %q, neither %s nor %s", e.gold, g.Line, g.Batch, e.tune, e.held)
			}
			key := e.day + "/" + g.Story
			for _, sc := range []string{batchScope(e, g.Batch), daysScope(e), half, all} {
				gold[sc][g.Line] = key
			}
		}
	}

	var b strings.Builder
	fmt.Fprintln(&b, evalstories.Header)
	results := make(map[string]evalstories.Scores)
	for _, scope := range scopes {
		g := gold[scope]
		fmt.Fprintln(&b, evalstories.Row(scope+" singletons", evalstories.Score(g, map[int]string{})))
		fmt.Fprintln(&b, evalstories.Row(scope+" dedup", evalstories.Score(g, dups)))
		s := evalstories.Score(g, stories)
		results[scope] = s
		fmt.Fprintln(&b, evalstories.Row(scope+" story", s))
	}
	t.Logf("story clustering, %d articles in the streams:\n%s", articles, b.String())
	if testing.Verbose() {
		// Only the tuning batches' errors are listed: looking at the
		// held-out batches' would tune on them.
		logErrors(t, tune, stories, title)
	}
	if exploring {
		return // exploring parameters: no gates
	}
	for _, g := range gates {
		s, ok := results[g.scope]
		if !ok {
			t.Errorf("gate on %q: no such batch", g.scope)
			continue
		}
		if s.F1 < g.f1 || s.P < g.p {
			t.Errorf("%s: pairwise P %.3f F1 %.3f, gates P %.2f F1 %.2f", g.scope, s.P, s.F1, g.p, g.f1)
		}
	}
}

// batchScope names one labelled batch of a set in the table.
func batchScope(e evalSet, batch string) string {
	role := "held out"
	if batch == e.tune {
		role = "tuning"
	}
	return fmt.Sprintf("%s %s (%s)", e.day[5:], batch, role)
}

// daysScope names a set's two batches together in the table.
func daysScope(e evalSet) string { return e.day[5:] + " (both batches)" }

// readGold reads a set's labels.
func readGold(t *testing.T, name string) []evalstories.Gold {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	labels, err := evalstories.ReadGold(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return labels
}

// logErrors lists wrong merges and missed pairs of labelled articles.
func logErrors(t *testing.T, labels []evalstories.Gold, stories, title map[int]string) {
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
