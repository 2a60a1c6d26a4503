package event_test

import (
	"strings"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/event"
)

// TestEventDateGrains puts a date of each form over أمس in a meeting
// sentence: coarse values (a Hijri month or year, a quarter, a week) give
// the event the Gregorian month or year that holds them.
func TestEventDateGrains(t *testing.T) {
	var base *khabar.Analysis
	var text string
	for _, c := range loadCases(t) {
		if c.Name == "bilateral meeting" {
			base, text = c.Analysis(), c.Text
		}
	}
	if base == nil {
		t.Fatal("no case \"bilateral meeting\" in testdata/cases.json")
	}
	at := len([]rune(text[:strings.Index(text, "أمس")]))
	for _, tt := range []struct {
		value, grain, interval, want string
	}{
		{"2015-08-10", "day", "", "2015-08-10"},
		{"2015-08-12T21:00", "time", "", "2015-08-12"},
		{"1436-09H", "month", "2015-06-18/2015-07-16", "2015"},
		{"1436-10H", "month", "2015-07-17/2015-08-14", "2015"},
		{"1436H", "year", "2014-10-25/2015-10-13", ""},
		{"2016-Q3", "quarter", "2016-07/2016-09", "2016"},
		{"2015-W30", "week", "", "2015-07"},
		{"2015-W31", "week", "", "2015"},
		{"2015-W99", "week", "", ""},
		{"2015-03", "month", "2015-03-21/2015-03-31", "2015-03"},
		{"P2D", "duration", "", ""},
		{"T17:18", "time", "", ""},
	} {
		a := *base
		a.Published = ""
		a.Dates = []khabar.Date{{Text: "أمس", Start: at, End: at + 3, Value: tt.value, Grain: tt.grain, Interval: tt.interval}}
		evs := event.Extract(&a)
		if len(evs) != 1 || evs[0].Date != tt.want {
			t.Errorf("%s %s: events %+v, want one dated %q", tt.value, tt.grain, evs, tt.want)
		}
	}
}
