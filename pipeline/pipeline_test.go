package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/khabar/khabar"
)

func TestMetadataFillsGaps(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	date := time.Date(2015, 7, 21, 0, 0, 0, 0, time.UTC)
	a, err := p.Analyze(context.Background(), khabar.RawDocument{
		Name: "feed item", Body: []byte("أعلنت وزارة الصحة اليوم عن حملة تطعيم جديدة تبدأ غداً في جميع المناطق."),
		Title: "حملة تطعيم جديدة", URL: "https://example.com/a/1", Source: "example", Date: date,
	})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title == nil || a.Title.Text != "حملة تطعيم جديدة" {
		t.Errorf("title = %+v; want the metadata title leading the text", a.Title)
	}
	if a.URL != "https://example.com/a/1" || a.Source != "example" || a.Published != "2015-07-21" {
		t.Errorf("metadata lost: url %q source %q published %q", a.URL, a.Source, a.Published)
	}
	var values []string
	for _, d := range a.Dates {
		values = append(values, d.Text+"="+d.Value)
	}
	if got := strings.Join(values, " "); !strings.Contains(got, "2015-07-21") || !strings.Contains(got, "2015-07-22") {
		t.Errorf("relative dates not resolved against the metadata date: %s", got)
	}
}

func TestLimitsAndCancellation(t *testing.T) {
	p, err := New(Options{MaxBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Analyze(context.Background(), khabar.RawDocument{Name: "big.txt", Body: []byte(strings.Repeat("كلمة ", 100))})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "big.txt") {
		t.Errorf("oversized document: err = %v; want ErrTooLarge naming the file", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Analyze(ctx, khabar.RawDocument{Body: []byte("نص")}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v", err)
	}
	if _, err := p.Analyze(context.Background(), khabar.RawDocument{Name: "empty"}); err == nil {
		t.Error("empty document analyzed without error")
	}
}

func TestStream(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	const n = 50
	in := make(chan khabar.RawDocument)
	go func() {
		defer close(in)
		for i := range n {
			body := fmt.Sprintf("خبر رقم %d عن اجتماع وزراء الخارجية في الرياض.", i)
			if i == 7 {
				body = "\xff\xfe"
			}
			in <- khabar.RawDocument{Name: fmt.Sprint(i), Body: []byte(body)}
		}
	}()
	seen := make(map[int]bool)
	for r := range p.Stream(context.Background(), in, 3) {
		if seen[r.Seq] {
			t.Fatalf("seq %d twice", r.Seq)
		}
		seen[r.Seq] = true
		if r.Doc.Name != fmt.Sprint(r.Seq) {
			t.Errorf("result %d carries document %q", r.Seq, r.Doc.Name)
		}
		if (r.Err != nil) != (r.Seq == 7) {
			t.Errorf("document %d: err = %v", r.Seq, r.Err)
		}
		if r.Err == nil && !strings.Contains(r.Analysis.Text, fmt.Sprint(r.Seq)) {
			t.Errorf("document %d: wrong analysis", r.Seq)
		}
	}
	if len(seen) != n {
		t.Errorf("%d results, want %d", len(seen), n)
	}
}
