package store

// Defaults and bounds of EntityOptions and EventFilter.
const (
	DefaultEntityDays        = 365
	DefaultEntityCoOccurring = 20
	DefaultEntityQuotes      = 20
	DefaultEventLimit        = 50
	MaxEventLimit            = 1000
)

// WithDefaults returns o with its zero (or negative) fields set to
// their defaults, as every Store.Entity reads it.
func (o EntityOptions) WithDefaults() EntityOptions {
	if o.Days <= 0 {
		o.Days = DefaultEntityDays
	}
	if o.CoOccurring <= 0 {
		o.CoOccurring = DefaultEntityCoOccurring
	}
	if o.Quotes <= 0 {
		o.Quotes = DefaultEntityQuotes
	}
	return o
}

// WithDefaults returns f with its page made valid, as every
// Store.Events reads it: Limit defaults to DefaultEventLimit and is at
// most MaxEventLimit, Offset is at least 0.
func (f EventFilter) WithDefaults() EventFilter {
	if f.Limit <= 0 {
		f.Limit = DefaultEventLimit
	}
	f.Limit = min(f.Limit, MaxEventLimit)
	f.Offset = max(f.Offset, 0)
	return f
}
