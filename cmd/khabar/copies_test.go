package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Near-duplicate reprints are folded into one search hit that says how
// many copies it stands for; --copies lists them.
func TestSearchCopies(t *testing.T) {
	story := "أعلنت وزارة الطاقة اليوم عن خطة جديدة لتوسيع شبكة الكهرباء في المناطق الشمالية خلال السنوات الخمس المقبلة. " +
		"وقال المتحدث باسم الوزارة إن الخطة تشمل بناء محطات توليد تعمل بالطاقة الشمسية وطاقة الرياح " +
		"إلى جانب تحديث خطوط النقل القديمة التي تعاني من أعطال متكررة في فصل الصيف."
	dir := t.TempDir()
	src := filepath.Join(dir, "wire.jsonl")
	f, err := os.Create(src)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	enc.Encode(map[string]string{"url": "https://agency.test/1", "title": "خطة لتوسيع شبكة الكهرباء", "content": story, "date": "2024-01-10"})
	enc.Encode(map[string]string{"url": "https://paper.test/1", "title": "خطة لتوسيع شبكة الكهرباء", "content": strings.Replace(story, "اليوم", "أمس", 1), "date": "2024-01-11"})
	enc.Encode(map[string]string{"url": "https://paper.test/2", "title": "مباراة", "content": "فاز المنتخب الوطني لكرة القدم في مباراة أمس.", "date": "2024-01-11"})
	f.Close()
	data := filepath.Join(dir, "data")
	if code, _, errOut := runCLI(t, "", "ingest", "--data", data, src); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	code, out, errOut := runCLI(t, "", "search", "--data", data, "الكهرباء")
	if code != 0 || !strings.Contains(out, "1 results") || !strings.Contains(out, "and 1 copy") {
		t.Errorf("search: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", "search", "--data", data, "--copies", "الكهرباء")
	if code != 0 || !strings.Contains(out, "2 results") || strings.Contains(out, "copy") {
		t.Errorf("search --copies: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = runCLI(t, "", "search", "--data", data, "--json", "الكهرباء")
	if code != 0 || !strings.Contains(out, `"copies": 1`) || !strings.Contains(out, `"copy_ids"`) {
		t.Errorf("search --json: %s", out)
	}
}
