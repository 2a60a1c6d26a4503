package store

import (
	"fmt"
	"slices"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/search"
)

// Defaults and bounds of QuoteFilter.
const (
	DefaultQuoteLimit = 20
	MaxQuoteLimit     = 1000
)

// QuoteFilter selects stored quotes for Store.Quotes.
type QuoteFilter struct {
	// Speaker, when set, keeps the quotes that entity said (alone or in
	// a joint statement): an entity key, a KB ID or a name, resolved as
	// an entity: value is (see EntityLookup), unlinked entities of the
	// name included. Its Resolution has Field "speaker".
	Speaker string
	// Query restricts the quotes: its full-text part must match the
	// quote's text (see search.TextFilter), and its filters (entity:,
	// place:, said:, source:, type:, from:, to:) must hold for the
	// quote's document, as in a search. The zero Query keeps every quote.
	Query  search.Query
	Offset int // quotes to skip, at most search.MaxOffset
	Limit  int // quotes to return; 0 means DefaultQuoteLimit, at most MaxQuoteLimit
}

// WithDefaults returns f with its page made valid, as every
// Store.Quotes reads it.
func (f QuoteFilter) WithDefaults() QuoteFilter {
	if f.Limit <= 0 {
		f.Limit = DefaultQuoteLimit
	}
	f.Limit = min(f.Limit, MaxQuoteLimit)
	f.Offset = min(max(f.Offset, 0), search.MaxOffset)
	return f
}

// Validate checks the size of f's query (see search.Request.Validate).
func (f QuoteFilter) Validate() error {
	return search.Request{Query: f.Query}.Validate()
}

// QuoteResult is the answer to Store.Quotes: the matching quotes, newest
// document first (documents without a date last, then the latest stored
// first), in their order in the document.
type QuoteResult struct {
	Total  int        `json:"total"` // matching quotes
	Offset int        `json:"offset"`
	Quotes []QuoteHit `json:"quotes"`
	// Resolved says which stored entity the speaker (Field "speaker")
	// and then each entity:, place: and said: value of the query were
	// taken to name.
	Resolved []search.Resolution `json:"resolved,omitempty"`
}

// QuoteHit is one stored quote with the article it is in.
type QuoteHit struct {
	Text   string `json:"text"`
	Start  int    `json:"start"` // code-point offsets into the article's text
	End    int    `json:"end"`
	Cue    string `json:"cue,omitempty"`
	Direct bool   `json:"direct"`
	// Speaker is the entity the quote is attributed to first; nil when
	// no entity is named (SpeakerText may then say who spoke).
	Speaker *QuoteSpeaker `json:"speaker,omitempty"`
	// Speakers are all the entities of the quote: every speaker of a
	// joint statement, or the organizations an unnamed speaker is said
	// to speak for. Speaker, when set, is the first.
	Speakers []QuoteSpeaker `json:"speakers"`
	// SpeakerText is the phrase standing for a speaker no entity names
	// (khabar.Quote.SpeakerText).
	SpeakerText string `json:"speaker_text,omitempty"`
	// Source is the outlet or agency the quote was reported through
	// (khabar.Quote.Source), not the article's publisher.
	Source  string       `json:"source,omitempty"`
	Article QuoteArticle `json:"article"`
}

// QuoteSpeaker is a stored entity that speaks a quote.
type QuoteSpeaker struct {
	Key  string `json:"key"`
	Type string `json:"type"`
	Name string `json:"name"`
}

// QuoteArticle is the document a quote is in.
type QuoteArticle struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD
	Source    string `json:"source,omitempty"`    // publisher or agency
}

// QuoteRow is an Analysis quote as the quote tables keep it.
type QuoteRow struct {
	Seq         int // index in Analysis.Quotes
	Speaker     any // row id of Quote.Speaker's entity, or nil (see NullID)
	Speakers    []int64
	Text        string
	Start, End  int
	Cue         string
	Direct      bool
	SpeakerText string
	Source      string
}

// QuoteRows returns the rows of a's quotes, ids mapping Analysis entity
// IDs to row ids. Speakers holds the row ids of the quote's Speaker and
// then of its Speakers, each once, leaving out IDs not in ids.
func QuoteRows(a *khabar.Analysis, ids map[string]int64) []QuoteRow {
	if len(a.Quotes) == 0 {
		return nil
	}
	rows := make([]QuoteRow, len(a.Quotes))
	for i := range a.Quotes {
		q := &a.Quotes[i]
		r := QuoteRow{Seq: i, Speaker: NullID(ids, q.Speaker), Text: q.Text, Start: q.Start, End: q.End,
			Cue: q.Cue, Direct: q.Direct, SpeakerText: q.SpeakerText, Source: q.Source}
		for _, ref := range append([]string{q.Speaker}, q.Speakers...) {
			if id, ok := ids[ref]; ok && !slices.Contains(r.Speakers, id) {
				r.Speakers = append(r.Speakers, id)
			}
		}
		rows[i] = r
	}
	return rows
}

// QuoteKey names a stored quote: its document's row id and its index in
// the document's Analysis.Quotes.
type QuoteKey struct {
	Doc int64
	Seq int
}

// QuotePager pages the quotes a backend reads in the order of a
// QuoteResult, keeping those whose text matches the query: every
// backend counts and pages them the same way.
type QuotePager struct {
	text          *search.TextFilter
	offset, limit int
	Total         int        // quotes matched so far
	Page          []QuoteKey // those of the page, in order
}

// NewQuotePager prepares the paging of f (with defaults applied) with
// an, the backend's analyzer. It returns an error wrapping
// search.ErrEmptyQuery when f's query has words but none to search for
// and no filter, as a search does.
func NewQuotePager(an search.Analyzer, f QuoteFilter) (*QuotePager, error) {
	p := &QuotePager{offset: f.Offset, limit: f.Limit}
	if f.Query.Text != nil {
		p.text = search.NewTextFilter(an, f.Query.Text)
		if !p.text.Searchable() {
			if !f.Query.HasFilters() && f.Speaker == "" {
				return nil, search.Unsearchable(an, f.Query.Text)
			}
			p.text = nil
		}
	}
	return p, nil
}

// FiltersText reports whether the quotes' texts must be passed to Add;
// when not, a backend may count and page the quotes itself.
func (p *QuotePager) FiltersText() bool { return p.text != nil }

// Add offers the next quote read, with its text.
func (p *QuotePager) Add(k QuoteKey, text string) {
	if p.text != nil && !p.text.Match(text) {
		return
	}
	if p.Total >= p.offset && len(p.Page) < p.limit {
		p.Page = append(p.Page, k)
	}
	p.Total++
}

// QuoteFilters resolves what f names: the speaker (nil ids and a
// Resolution with a Note when it names no stored entity) and the
// query's entity:, place: and said: filters, with find, a backend's
// lookup of the candidates of an EntityLookup. speaker is nil when f has
// no Speaker.
func QuoteFilters(f QuoteFilter, find func(EntityLookup) ([]EntityCandidate, error)) (speaker []int64, ents *FilterEntities, err error) {
	var res []search.Resolution
	if f.Speaker != "" {
		l := NewEntityLookup("speaker", f.Speaker)
		cands, err := find(l)
		if err != nil {
			return nil, nil, fmt.Errorf("speaker %s: %w", f.Speaker, err)
		}
		r, ids := l.Resolve(cands)
		res = append(res, r)
		speaker = append([]int64{}, ids...)
	}
	if ents, err = ResolveFilters(f.Query, find); err != nil {
		return nil, nil, err
	}
	ents.Resolved = append(res, ents.Resolved...)
	return speaker, ents, nil
}

// SpeakerIDs maps the Analysis entity IDs of a's quote speakers to the
// row ids of their stored entities, for QuoteRows over an analysis
// stored before: lookup returns the row id of the entity stored under
// a key (EntityRowOf), false when there is none.
func SpeakerIDs(a *khabar.Analysis, lookup func(key string) (int64, bool, error)) (map[string]int64, error) {
	ids := map[string]int64{}
	want := map[string]bool{}
	for _, q := range a.Quotes {
		want[q.Speaker] = true
		for _, s := range q.Speakers {
			want[s] = true
		}
	}
	for i := range a.Entities {
		e := &a.Entities[i]
		if _, done := ids[e.ID]; done || !want[e.ID] || e.ID == "" {
			continue
		}
		r := EntityRowOf(e)
		id, ok, err := lookup(r.Key)
		if err != nil {
			return nil, fmt.Errorf("entity %s: %w", r.Key, err)
		}
		if ok {
			ids[e.ID] = id
		}
	}
	return ids, nil
}
