package pipeline

import (
	"context"
	"testing"
	"time"

	"github.com/khabar/khabar"
)

// TestRelativeDatesReference checks what relative dates resolve against:
// the date the text states in its dateline wins over the record's date,
// which is used when the text states none.
func TestRelativeDatesReference(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	record := time.Date(2015, 8, 20, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, body string
		want       string // the value of أمس
	}{
		{"dateline date wins", "الرياض 11 أغسطس 2015 (واس) - افتتح وزير الصحة أمس مستشفى جديدا في شمال المدينة.", "2015-08-10"},
		{"record date without a dateline", "افتتح وزير الصحة أمس مستشفى جديدا في شمال المدينة.", "2015-08-19"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := p.Analyze(context.Background(), khabar.RawDocument{Name: "item", Body: []byte(tt.body), Date: record})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, d := range a.Dates {
				if d.Text == "أمس" {
					got = d.Value
				}
			}
			if got != tt.want {
				t.Errorf("أمس = %q, want %q (dateline %+v, dates %+v)", got, tt.want, a.Dateline, a.Dates)
			}
		})
	}
}
