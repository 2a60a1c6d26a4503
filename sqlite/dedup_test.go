package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/dedup"
	"github.com/khabar/khabar/store"
)

const newsText = "أعلنت وزارة الطاقة اليوم عن خطة جديدة لتوسيع شبكة الكهرباء في المناطق الشمالية خلال السنوات الخمس المقبلة " +
	"وقال المتحدث باسم الوزارة إن الخطة تشمل بناء محطات توليد تعمل بالطاقة الشمسية وطاقة الرياح " +
	"إلى جانب تحديث خطوط النقل القديمة التي تعاني من أعطال متكررة في فصل الصيف"

func textDoc(url, text string) store.Document {
	return store.Document{URL: url, Analysis: &khabar.Analysis{Schema: khabar.Schema, Text: text,
		Paragraphs: [][2]int{{0, utf8.RuneCountInString(text)}}}}
}

func putOne(t *testing.T, db *DB, d store.Document) store.PutResult {
	t.Helper()
	res, err := db.Put(context.Background(), []store.Document{d})
	if err != nil || res[0].Status != store.Stored {
		t.Fatalf("Put(%s): %v %v", d.URL, res, err)
	}
	return res[0]
}

// The LSH index lives in the database: a reprint stored after a restart
// joins the cluster of the original stored before it.
func TestClustersSurviveRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	first := putOne(t, db, textDoc("https://a.test/1", newsText))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	copyRes := putOne(t, db, textDoc("https://b.test/1", strings.Replace(newsText, "اليوم", "أمس", 1)))
	if copyRes.Cluster != first.ID {
		t.Errorf("reprint after restart: cluster %q, want %q", copyRes.Cluster, first.ID)
	}
	var bands int
	if err := db.sql.QueryRow(`SELECT count(*) FROM lsh`).Scan(&bands); err != nil || bands != 2*dedup.DefaultBands {
		t.Errorf("lsh rows %d (%v), want %d", bands, err, 2*dedup.DefaultBands)
	}
}

// A database whose documents have no cluster rows (written before the
// cluster tables existed) is clustered when opened for writing.
func TestClusterBackfill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := putOne(t, db, textDoc("https://a.test/1", newsText))
	b := putOne(t, db, textDoc("https://b.test/1", strings.Replace(newsText, "الشمالية", "الجنوبية", 1)))
	c := putOne(t, db, textDoc("https://c.test/1", "خبر مختلف تماما عن مباراة كرة القدم التي أقيمت أمس في الملعب الكبير بحضور الجماهير"))
	if _, err := db.sql.Exec(`DELETE FROM lsh; DELETE FROM clusters; DELETE FROM signatures`); err != nil {
		t.Fatal(err)
	}
	if r, err := db.Get(ctx, b.ID); err != nil || r.Cluster != b.ID {
		t.Fatalf("without cluster rows, Get(b).Cluster = %v, %v; want its own ID", r, err)
	}
	db.Close()
	db, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for id, want := range map[string]string{a.ID: a.ID, b.ID: a.ID, c.ID: c.ID} {
		r, err := db.Get(ctx, id)
		if err != nil || r.Cluster != want {
			t.Errorf("after backfill Get(%s).Cluster = %v, %v; want %s", id, r.Cluster, err, want)
		}
	}
}

// Texts without words get no LSH keys, so they never match each other.
func TestBandKeys(t *testing.T) {
	if k := dedup.BandKeys(dedup.Sign("", dedup.Options{})); len(k) != 0 {
		t.Errorf("empty text: %d keys", len(k))
	}
	k1 := dedup.BandKeys(dedup.Sign(newsText, dedup.Options{}))
	k2 := dedup.BandKeys(dedup.Sign(newsText, dedup.Options{}))
	if len(k1) != dedup.DefaultBands || fmt.Sprint(k1) != fmt.Sprint(k2) {
		t.Errorf("keys not stable: %d keys", len(k1))
	}
	seen := map[int64]bool{}
	for _, k := range k1 {
		seen[k] = true
	}
	if len(seen) != len(k1) {
		t.Errorf("band keys collide: %d distinct of %d", len(seen), len(k1))
	}
}
