package article

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkParseText(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(moduleRoot, "examples", "qatar-nato-ici-2023-09-13.txt"))
	if err != nil {
		b.Skipf("example article not available: %v", err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseText(bytes.NewReader(data), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseHTML(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "page.html"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseHTML(bytes.NewReader(data), "https://example.com/news/library-opening", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseDateline(b *testing.B) {
	line := "الرياض 05 شوال 1436 هـ الموافق 21 يوليو 2015 م واس"
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := ParseDateline(line); !ok {
			b.Fatal("not a dateline")
		}
	}
}
