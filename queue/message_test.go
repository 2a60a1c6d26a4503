package queue

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/khabar/khabar"
)

func TestEncodeDecode(t *testing.T) {
	tests := []struct {
		name string
		doc  khabar.RawDocument
	}{
		{"empty", khabar.RawDocument{}},
		{"plain", khabar.RawDocument{Name: "a.txt", Body: []byte("قطر تشارك في الاجتماع"), ContentType: "text/plain"}},
		{"metadata", khabar.RawDocument{Name: "feed:3", Body: []byte("<p>نص</p>"), ContentType: "text/html",
			URL: "https://example.test/a?b=1", Title: "عنوان\nبسطرين", Source: "قنا", Author: "محرر",
			Date: time.Date(2023, 9, 13, 10, 30, 0, 0, time.FixedZone("AST", 3*3600))}},
		{"binary body", khabar.RawDocument{Body: []byte{0xff, '\n', 0, 0xfe, '\n'}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := Encode(tt.doc)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Body, tt.doc.Body) || got.Name != tt.doc.Name || got.URL != tt.doc.URL ||
				got.Title != tt.doc.Title || got.Source != tt.doc.Source || got.Author != tt.doc.Author ||
				got.ContentType != tt.doc.ContentType || !got.Date.Equal(tt.doc.Date) {
				t.Errorf("round trip:\n got %+v\nwant %+v", got, tt.doc)
			}
		})
	}
}

func TestDecodeBad(t *testing.T) {
	for _, in := range []string{"", "2{}\nx", "1{}", "1{\"date\":\"yesterday\"}\n", "1[1]\n", "1{\"name\":3}\n"} {
		if _, err := Decode([]byte(in)); !errors.Is(err, ErrBadMessage) {
			t.Errorf("Decode(%q) = %v, want ErrBadMessage", in, err)
		}
	}
}

func TestID(t *testing.T) {
	a := khabar.RawDocument{Body: []byte("نص")}
	b := khabar.RawDocument{Body: []byte("نص"), Name: "other name"}
	if ID(a) != ID(b) || !strings.HasPrefix(ID(a), "sha256:") || len(ID(a)) != len("sha256:")+64 {
		t.Errorf("body identity: %q vs %q", ID(a), ID(b))
	}
	if ID(khabar.RawDocument{Body: []byte("نص آخر")}) == ID(a) {
		t.Error("different bodies share an ID")
	}
	if got := ID(khabar.RawDocument{URL: "https://example.test/1", Body: []byte("x")}); got != "https://example.test/1" {
		t.Errorf("URL identity: %q", got)
	}
}

func FuzzDecode(f *testing.F) {
	for _, d := range []khabar.RawDocument{{}, {Body: []byte("x\ny"), URL: "u", Date: time.Unix(0, 0).UTC()}} {
		data, _ := Encode(d)
		f.Add(data)
	}
	f.Add([]byte("1{\"date\":\"\"}\n\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Decode(data)
		if err != nil {
			return
		}
		again, err := Encode(doc)
		if err != nil {
			t.Fatal(err)
		}
		doc2, err := Decode(again)
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if !bytes.Equal(doc.Body, doc2.Body) || doc.URL != doc2.URL || !doc.Date.Equal(doc2.Date) {
			t.Fatalf("not stable: %+v vs %+v", doc, doc2)
		}
	})
}

// TestWireFormat pins the version 1 message format: publishers and
// workers of different releases share a stream.
func TestWireFormat(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "v1.msg"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	want := khabar.RawDocument{Name: "feed:7", ContentType: "text/html", URL: "https://example.test/a",
		Title: "عنوان", Source: "قنا", Author: "محرر", Body: []byte("<p>شاركت دولة قطر.</p>\n"),
		Date: time.Date(2023, 9, 13, 7, 30, 0, 0, time.UTC)}
	if !bytes.Equal(doc.Body, want.Body) || doc.Name != want.Name || doc.ContentType != want.ContentType ||
		doc.URL != want.URL || doc.Title != want.Title || doc.Source != want.Source || doc.Author != want.Author ||
		!doc.Date.Equal(want.Date) {
		t.Errorf("decoded %+v\nwant %+v", doc, want)
	}
	again, err := Encode(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, data) {
		t.Errorf("re-encoded:\n%s\nwant:\n%s", again, data)
	}
}
