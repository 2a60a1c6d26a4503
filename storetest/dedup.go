package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// wire is an agency story reprinted by several papers with small edits.
const wire = "أعلنت وزارة الطاقة اليوم عن خطة جديدة لتوسيع شبكة الكهرباء في المناطق الشمالية خلال السنوات الخمس المقبلة " +
	"وقال المتحدث باسم الوزارة إن الخطة تشمل بناء محطات توليد تعمل بالطاقة الشمسية وطاقة الرياح " +
	"إلى جانب تحديث خطوط النقل القديمة التي تعاني من أعطال متكررة في فصل الصيف " +
	"وأضاف أن تكلفة المشروع تقدر بمليارات الريالات وأن التمويل سيأتي من الميزانية العامة ومن شراكات مع القطاع الخاص " +
	"وأشار إلى أن المرحلة الأولى ستبدأ مطلع العام المقبل وستغطي ثلاث محافظات رئيسية " +
	"ومن المتوقع أن يوفر المشروع آلاف فرص العمل للمهندسين والفنيين من أبناء المنطقة"

// nearDoc returns a document with text and the given identity.
func nearDoc(url, source, published, title, text string) store.Document {
	full := title + "\n\n" + text
	n := utf8.RuneCountInString(title)
	return store.Document{URL: url, Source: source, Title: title, ContentType: "text/plain", Analysis: &khabar.Analysis{
		Schema: khabar.Schema, Lang: "ar", URL: url, Source: source, Text: full, Published: published,
		Title:      &khabar.Span{Text: title, End: n},
		Paragraphs: [][2]int{{0, n}, {n + 2, utf8.RuneCountInString(full)}}}}
}

// testNearDuplicates checks near-duplicate clusters: the cluster of a
// reprint is its original's, searches fold copies into one hit with
// Copies and CopyIDs, and ShowCopies shows them all.
func testNearDuplicates(t *testing.T, s store.Store) {
	ctx := context.Background()
	original := nearDoc("https://agency.test/energy", "wire", "2024-01-10", "خطة لتوسيع شبكة الكهرباء", wire)
	reprint := nearDoc("https://paper-a.test/energy", "paper-a", "2024-01-11", "الطاقة: خطة لتوسيع الشبكة",
		strings.Replace(wire, "اليوم", "أمس", 1)+" وتابع قائلا إن الوزارة ملتزمة بالجدول الزمني")
	unrelated := nearDoc("https://paper-a.test/football", "paper-a", "2024-01-11", "فوز المنتخب",
		"فاز المنتخب الوطني لكرة القدم على نظيره بثلاثة أهداف مقابل هدف في المباراة التي أقيمت مساء أمس "+
			"ضمن التصفيات المؤهلة لكأس العالم وقال المدرب إن الفريق قدم أداء جيدا رغم غياب عدد من اللاعبين بسبب الإصابة")
	res, err := s.Put(ctx, []store.Document{original, unrelated, reprint})
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	for i, r := range res {
		if r.Status != store.Stored {
			t.Fatalf("Put[%d]: %v, want stored", i, r.Status)
		}
	}
	orig, other, rep := res[0].ID, res[1].ID, res[2].ID
	if res[0].Cluster != orig || res[1].Cluster != other || res[2].Cluster != orig {
		t.Errorf("clusters %q %q %q; want %q %q %q", res[0].Cluster, res[1].Cluster, res[2].Cluster, orig, other, orig)
	}
	// A later reprint, in another transaction, joins the same cluster.
	late := nearDoc("https://paper-b.test/e", "paper-b", "2024-01-12", "شبكة الكهرباء",
		strings.Replace(wire, "الشمالية", "الشمالية والشرقية", 1))
	res2, err := s.Put(ctx, []store.Document{late})
	if err != nil || res2[0].Status != store.Stored {
		t.Fatalf("Put late reprint: %v %v", res2, err)
	}
	lateID := res2[0].ID
	if res2[0].Cluster != orig {
		t.Errorf("late reprint cluster %q, want %q", res2[0].Cluster, orig)
	}
	for id, want := range map[string]string{orig: orig, rep: orig, lateID: orig, other: other} {
		r, err := s.Get(ctx, id)
		if err != nil {
			t.Fatalf("Get(%s): %v", id, err)
		}
		if r.Cluster != want {
			t.Errorf("Get(%s).Cluster = %q, want %q", id, r.Cluster, want)
		}
	}

	run := func(query string, req search.Request) *search.Result {
		t.Helper()
		q, err := search.Parse(query)
		if err != nil {
			t.Fatal(err)
		}
		req.Query = q
		r, err := s.Search(ctx, req)
		if err != nil {
			t.Fatalf("Search(%q): %v", query, err)
		}
		return r
	}
	r := run("الكهرباء", search.Request{Facets: 5})
	if r.Total != 1 || len(r.Hits) != 1 {
		t.Fatalf("collapsed search: Total %d, %d hits; want one hit for the cluster", r.Total, len(r.Hits))
	}
	h := r.Hits[0]
	all := []string{orig, rep, lateID}
	if !slices.Contains(all, h.ID) || h.Copies != 2 || len(h.CopyIDs) != 2 {
		t.Fatalf("hit %s with %d copies %v; want one of %v with the 2 others", h.ID, h.Copies, h.CopyIDs, all)
	}
	got := append([]string{h.ID}, h.CopyIDs...)
	slices.Sort(got)
	slices.Sort(all)
	if !slices.Equal(got, all) {
		t.Errorf("hit and copies %v; want %v", got, all)
	}
	if n := facet(r.Facets.Sources, h.Source); n != 1 {
		t.Errorf("facets count %d documents of %s; want clusters (1)", n, h.Source)
	}

	r = run("الكهرباء", search.Request{ShowCopies: true})
	if r.Total != 3 || len(r.Hits) != 3 {
		t.Fatalf("ShowCopies: Total %d, %d hits; want 3", r.Total, len(r.Hits))
	}
	for _, h := range r.Hits {
		if h.Copies != 0 || len(h.CopyIDs) != 0 {
			t.Errorf("ShowCopies hit %s has copies %d %v", h.ID, h.Copies, h.CopyIDs)
		}
	}
	// A word only the first reprint has: that reprint alone, no copies.
	r = run("ملتزمة", search.Request{})
	if len(r.Hits) != 1 || r.Hits[0].ID != rep || r.Hits[0].Copies != 0 {
		t.Errorf("search for the reprint's own word: %+v", r.Hits)
	}
	// Documents of different clusters are not folded.
	r = run("أمس", search.Request{})
	if r.Total != 2 {
		t.Errorf("أمس: Total %d; want 2 (the reprint and the football story)", r.Total)
	}
}
