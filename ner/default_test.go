package ner

import (
	"os"
	"strings"
	"testing"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/internal/cputime"
	"github.com/khabar/khabar/internal/shareddata"
)

func readShared(t testing.TB, rel ...string) []Sentence {
	t.Helper()
	path := shareddata.Path(t, strings.Join(rel, "/"))
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("%s: %v", path, err)
	}
	defer f.Close()
	s, err := ReadCoNLL(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// minTestF1 is a loose floor on the entity-level F1 of the embedded model
// on the ANERcorp CAMeL-split test file (reproduced), low enough to catch
// only a broken model (lost features, shifted labels). It is not the
// quality gate: the gate, one point below the shipped model's figure,
// lives in .ci/run ("ner F1 (ANERcorp test, 2,219 mentions)") and nowhere
// else.
const minTestF1 = 69.39

func TestDefaultModelANERcorpTest(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: tags the 25k-token test split")
	}
	test := readShared(t, "anercorp", "ANERCorp_CamelLab_test.repro.txt")
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sc := Evaluate(tg, test, nil)
	t.Logf("ANERcorp test (reproduced CAMeL split):\n%s", sc)
	if sc.F1 < minTestF1 {
		t.Errorf("F1 %.2f below %.2f", sc.F1, float64(minTestF1))
	}
}

func TestDefaultLoadsOnce(t *testing.T) {
	a, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Default()
	if a != b || a.m2 == nil || a.Features() == 0 {
		t.Errorf("Default: %p %p, two stages %v, %d features", a, b, a.m2 != nil, a.Features())
	}
}

func BenchmarkTag(b *testing.B) {
	test := readShared(b, "anercorp", "ANERCorp_CamelLab_test.repro.txt")
	tg, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	words := make([][]string, len(test))
	tokens, bytes := 0, 0
	for i, s := range test {
		words[i] = s.Words
		tokens += len(s.Words)
		for _, w := range s.Words {
			bytes += len(w) + 1
		}
	}
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	cpu := cputime.Process().Seconds()
	for i := 0; i < b.N; i++ {
		tg.TagSentences(words)
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if c := cputime.Process().Seconds() - cpu; c > 0 {
		// Per CPU-second of this process: the figure that matters on a
		// shared machine (run with -cpu 1).
		b.ReportMetric(float64(tokens)*float64(b.N)/c, "tokens/cpu-s")
	}
}

func BenchmarkTagText(b *testing.B) {
	tg, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	text := "وقال وزير الخارجية الفرنسي جان إيف لودريان في باريس إن الاتحاد الأوروبي سيعقد اجتماعا في بروكسل مع الأمين العام لحلف شمال الأطلسي.\n"
	toks := arabic.Tokenize(text)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tg.Tag(text, toks)
	}
	b.ReportMetric(float64(len(toks))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// TestDefaultUnknownNamesKeepFirstLetter checks the embedded model on
// names whose first letter is also a proclitic (و ف ب ل ك): after a title
// the letter belongs to the name.
func TestDefaultUnknownNamesKeepFirstLetter(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ text, name string }{
		{"قال المدرب فلوريان باوتستش إن الفريق جاهز.", "فلوريان باوتستش"},
		{"وقال وزير الخارجية الإيطالي باولو جينتيلوني إن المحادثات مستمرة.", "باولو جينتيلوني"},
		{"وقال وزير الداخلية كريم سنجاري إن الوضع مستقر.", "كريم سنجاري"},
		{"وصرح المدير الفني كارلوس بوكيلي بأن المباراة صعبة.", "كارلوس بوكيلي"},
	} {
		toks := arabic.Tokenize(c.text)
		var got []string
		for _, sp := range tg.Tag(c.text, toks) {
			if sp.Type == "PER" {
				got = append(got, sp.Name)
			}
		}
		if len(got) != 1 || got[0] != c.name {
			t.Errorf("%s: persons %q, want [%s]", c.text, got, c.name)
		}
	}
}
