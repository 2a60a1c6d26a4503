package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar/store"
)

// resumeWords is the vocabulary of the generated stories.
var resumeWords = strings.Fields(`أعلن وزير الخارجية اليوم عن زيارة رسمية إلى العاصمة لبحث التعاون الاقتصادي والتجاري بين البلدين
	وقال المتحدث باسم الحكومة إن الاجتماع تناول القضايا الإقليمية والدولية ذات الاهتمام المشترك وأكد الجانبان أهمية تعزيز
	العلاقات في مجالات الطاقة والتعليم والصحة والنقل والاستثمار كما ناقش الوفدان خطط التنمية المستدامة ومشروعات البنية
	التحتية وأشار البيان الختامي إلى توقيع مذكرات تفاهم جديدة في قطاعات الزراعة والسياحة والثقافة والرياضة والإعلام
	وفي سياق متصل استقبل أمير المنطقة رئيس الغرفة التجارية ورجال الأعمال والمستثمرين في مقر الإمارة بحضور عدد من المسؤولين`)

// resumeDocs returns stories and their near-duplicate copies, in the
// order they are stored: an original and its copy on either side of
// the middle, and chains (a copy of a copy) whose ends are not similar
// enough to each other, so that the cluster a document joins depends on
// what is stored before it.
func resumeDocs() []store.Document {
	r := rand.New(rand.NewPCG(7, 11))
	story := func() []string {
		w := make([]string, 80)
		for i := range w {
			w[i] = resumeWords[r.IntN(len(resumeWords))]
		}
		return w
	}
	edit := func(w []string, n int) []string {
		out := append([]string(nil), w...)
		for range n {
			out[r.IntN(len(out))] = fmt.Sprintf("كلمة%d", r.IntN(1_000_000))
		}
		return out
	}
	const groups = 40
	var first, second []store.Document
	for g := range groups {
		a := story()
		b := edit(a, 4)
		c := edit(b, 4)
		doc := func(half *[]store.Document, kind string, w []string) {
			*half = append(*half, textDoc(fmt.Sprintf("https://%s.test/%d", kind, g), strings.Join(w, " ")))
		}
		doc(&first, "a", a)
		switch g % 4 {
		case 0: // the copy after the split
			doc(&second, "b", b)
		case 1: // a chain across the split
			doc(&first, "c", c)
			doc(&second, "b", b)
		case 2: // a chain, its link first
			doc(&first, "b", b)
			doc(&second, "c", c)
		case 3: // an unrelated story after the split
			doc(&second, "x", story())
		}
	}
	// Interleave the halves' groups a little, as a real feed does.
	r.Shuffle(len(first), func(i, j int) { first[i], first[j] = first[j], first[i] })
	r.Shuffle(len(second), func(i, j int) { second[i], second[j] = second[j], second[i] })
	return append(first, second...)
}

// storeClusters stores docs in batches, closing and reopening the
// database before document split (none when split is 0 or len(docs)),
// and returns every document's cluster by URL, as Put reported it and
// as Get reads it back.
func storeClusters(t *testing.T, docs []store.Document, split int) (put, got map[string]string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { db.Close() }()
	put, got = map[string]string{}, map[string]string{}
	ids := map[string]string{}
	const batch = 7
	for i := 0; i < len(docs); {
		if i == split && split > 0 {
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			if db, err = Open(ctx, path, Options{}); err != nil {
				t.Fatal(err)
			}
		}
		end := min(i+batch, len(docs))
		if i < split {
			end = min(end, split)
		}
		res, err := db.Put(ctx, docs[i:end])
		if err != nil {
			t.Fatal(err)
		}
		for k, r := range res {
			if r.Status != store.Stored {
				t.Fatalf("%s: %v", docs[i+k].URL, r.Status)
			}
			put[docs[i+k].URL], ids[docs[i+k].URL] = r.Cluster, r.ID
		}
		i = end
	}
	for url, id := range ids {
		rec, err := db.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		got[url] = rec.Cluster
	}
	return put, got
}

// TestClustersAfterResume stores documents in one run and in two runs
// with the database reopened in between (as an ingest resumed after a
// kill does): every document must get the same cluster.
func TestClustersAfterResume(t *testing.T) {
	docs := resumeDocs()
	cleanPut, clean := storeClusters(t, docs, 0)
	for _, split := range []int{len(docs) / 2, len(docs)/2 + 3, 1} {
		t.Run(fmt.Sprint("split at ", split), func(t *testing.T) {
			resumedPut, resumed := storeClusters(t, docs, split)
			for _, d := range docs {
				if resumed[d.URL] != clean[d.URL] || resumedPut[d.URL] != cleanPut[d.URL] {
					t.Errorf("%s: cluster %s (Put %s) after the reopen, %s (Put %s) in one run",
						d.URL, resumed[d.URL], resumedPut[d.URL], clean[d.URL], cleanPut[d.URL])
				}
			}
		})
	}
	// The documents must make clusters for the comparison to mean
	// anything: copies straddling the split join their original.
	byURL := map[string]string{}
	clusters := map[string]int{}
	for url, c := range clean {
		byURL[url] = c
		clusters[c]++
	}
	joined := 0
	for g := 0; g < 40; g += 4 {
		a, b := fmt.Sprintf("https://a.test/%d", g), fmt.Sprintf("https://b.test/%d", g)
		if byURL[a] == byURL[b] {
			joined++
		}
	}
	if joined < 8 || len(clusters) >= len(docs)-20 {
		t.Errorf("%d of 10 copies after the split joined their original, %d clusters of %d documents: the test data makes too few near-duplicates",
			joined, len(clusters), len(docs))
	}
}
