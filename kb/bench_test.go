package kb

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/khabar/khabar/arabic"
)

func BenchmarkLookup(b *testing.B) {
	k := Default()
	names := []string{"الناتو", "حلف شمال الأطلسي", "دولة قطر", "بروكسل", "للأمم المتحدة", "كلمة مجهولة", "NATO", "القطرية"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k.LookupCandidates(names[i%len(names)])
	}
}

func BenchmarkMatch(b *testing.B) {
	text, err := os.ReadFile(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.txt"))
	if err != nil {
		b.Skip(err)
	}
	toks := arabic.Tokenize(string(text))
	k := Default()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k.Match(toks)
	}
}

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(bytesReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
