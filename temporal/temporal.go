// Package temporal finds date expressions in Arabic text and normalizes
// them to values.
package temporal

import "time"

// Grain is the precision of a normalized value.
type Grain string

// Grains.
const (
	Day      Grain = "day"
	Week     Grain = "week"
	Month    Grain = "month"
	Year     Grain = "year"
	Time     Grain = "time"
	Duration Grain = "duration"
)

// Options controls how expressions are resolved.
type Options struct {
	// Ref is the reference date for relative expressions; zero means none,
	// and relative expressions are reported unresolved.
	Ref time.Time
}

// Expr is one date expression found in text.
type Expr struct {
	Text     string
	Start    int // code points
	End      int
	Value    string // "2023-09-13", "2023-03", "P2Y"; empty when unresolved
	Grain    Grain
	Calendar string // "gregorian" or "hijri"
	Interval string // ISO 8601 interval for durations and ranges
	Note     string
}

// Find returns the date expressions in text. PLACEHOLDER until the real finder lands.
func Find(text string, opt Options) []Expr { return nil }
