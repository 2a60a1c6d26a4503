package matchtext

import (
	"os"
	"path/filepath"
	"testing"
)

// example is the canonical example article (examples/ at the module root).
func example(b *testing.B) string {
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", "qatar-nato-ici-2023-09-13.txt"))
	if err != nil {
		b.Skipf("example article: %v", err)
	}
	return string(data)
}

func BenchmarkTokenize(b *testing.B) {
	text := example(b)
	rs := []rune(text)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Tokenize(rs, text)
	}
}

func BenchmarkNormalize(b *testing.B) {
	text := example(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Normalize(text)
	}
}
