package dedup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func example(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// wireCopy rewrites text the way a paper reprints agency copy: its own
// dateline, hamza and taa-marbuta spelling, a paragraph dropped, a line added.
func wireCopy(text string) string {
	paras := strings.Split(text, "\n\n")
	paras = append(paras[:5], paras[6:]...)
	s := strings.Join(paras, "\n\n")
	s = strings.NewReplacer("إسطنبول", "اسطنبول", "الأطلسي", "الاطلسي", "أكد", "اكد", "٢٠٢٣", "2023").Replace(s)
	return "الدوحة - قنا:\n\n" + s + "\n\nاقرأ أيضاً: أخبار أخرى من الخليج"
}

const unrelated = `أعلنت وزارة الصحة السعودية اليوم تسجيل انخفاض في عدد الحالات الجديدة، وقالت في بيان إن فرقها الميدانية
زارت أكثر من ألف منزل في منطقة القصيم خلال الأسبوع الماضي لتقديم اللقاحات الموسمية للأطفال وكبار السن، ودعت المواطنين
والمقيمين إلى الالتزام بالإرشادات الوقائية ومراجعة المراكز الصحية عند ظهور الأعراض. وأوضح المتحدث الرسمي أن الحملة
ستستمر حتى نهاية الشهر المقبل في جميع مناطق المملكة.`

func TestSimilarity(t *testing.T) {
	text := example(t)
	a := Sign(text, Options{})
	tests := []struct {
		name     string
		other    string
		min, max float64
	}{
		{"identical", text, 1, 1},
		{"wire copy", wireCopy(text), 0.6, 1},
		{"unrelated", unrelated, 0, 0.05},
		{"first half", text[:len(text)/2], 0.3, 0.7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Similarity(a, Sign(tt.other, Options{}))
			if err != nil {
				t.Fatal(err)
			}
			if s < tt.min || s > tt.max {
				t.Errorf("similarity = %.2f, want in [%.2f, %.2f]", s, tt.min, tt.max)
			}
		})
	}
}

func TestIndexClusters(t *testing.T) {
	text := example(t)
	x := NewIndex(Options{})
	add := func(id, s string) (string, *Match) {
		c, m, err := x.Add(id, Sign(s, Options{}))
		if err != nil {
			t.Fatal(err)
		}
		return c, m
	}
	if c, m := add("qna", text); c != "qna" || m != nil {
		t.Fatalf("first document: cluster %q, match %v; want its own cluster", c, m)
	}
	if c, _ := add("health", unrelated); c != "health" {
		t.Errorf("unrelated document joined cluster %q", c)
	}
	c, m := add("paper", wireCopy(text))
	if c != "qna" || m == nil || m.ID != "qna" {
		t.Errorf("wire copy: cluster %q, match %+v; want cluster qna", c, m)
	}
	if c, _ := add("paper2", wireCopy(text)+"\n\nتعليق إضافي"); c != "qna" {
		t.Errorf("second copy joined %q, want qna", c)
	}
	if x.Len() != 4 {
		t.Errorf("Len = %d", x.Len())
	}
	if m := x.Query(Sign(unrelated, Options{})); m == nil || m.ID != "health" {
		t.Errorf("Query(unrelated) = %+v", m)
	}
	if _, _, err := x.Add("bad", Signature{1, 2, 3}); err == nil {
		t.Error("Add accepted a signature of the wrong length")
	}
}

func TestSignatureBytes(t *testing.T) {
	s := Sign(example(t), Options{})
	back, err := ParseSignature(s.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if sim, _ := Similarity(s, back); sim != 1 || len(back) != len(s) {
		t.Errorf("round trip changed the signature")
	}
	if _, err := ParseSignature([]byte{1, 2, 3}); err == nil {
		t.Error("ParseSignature accepted 3 bytes")
	}
	if _, err := Similarity(s, s[:10]); err == nil {
		t.Error("Similarity accepted signatures of different lengths")
	}
}

func TestShortAndEmpty(t *testing.T) {
	empty := Sign("", Options{})
	if s, _ := Similarity(empty, empty); s != 0 {
		t.Errorf("two empty texts have similarity %.2f; want 0 (nothing to compare)", s)
	}
	a, b := Sign("قمة الرياض", Options{}), Sign("قمة الرياض", Options{})
	if s, _ := Similarity(a, b); s != 1 {
		t.Errorf("short identical texts: %.2f", s)
	}
	Sign("\xff\xfe\x00 نص", Options{}) // must not panic
}

func BenchmarkSign(b *testing.B) {
	text := example(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Sign(text, Options{})
	}
}

// TestKeys checks the precomputed hash keys against key.
func TestKeys(t *testing.T) {
	for _, n := range []int{0, 1, DefaultBands * DefaultRows, DefaultBands*DefaultRows + 7} {
		ks := keys(n)
		if len(ks) != n {
			t.Fatalf("keys(%d): %d keys", n, len(ks))
		}
		for j, k := range ks {
			if k != key(j) {
				t.Errorf("keys(%d)[%d] = %x, want %x", n, j, k, key(j))
			}
		}
	}
}
