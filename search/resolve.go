package search

// Orders of a result, as Result.Order names them.
const (
	// OrderRelevance ranks by BM25 score (times the recency boost of
	// Request.Recency), then newest publication day, then latest stored:
	// the order of every query with words to search.
	OrderRelevance = "relevance"
	// OrderNewest lists the newest publication day first (documents
	// without a date last), then the latest stored: the order of a query
	// with no words to rank by, only filters or exclusions. Hit scores
	// are then 0, or with Request.Recency the recency boost minus one
	// (which falls with age, so that the order is the same).
	OrderNewest = "newest"
)

// OrderOf returns the order of a result whose query has (positive) or
// has not words to rank by.
func OrderOf(positive bool) string {
	if positive {
		return OrderRelevance
	}
	return OrderNewest
}

// Resolution says which stored entity a filter value (of entity:,
// place: or said:, or the speaker of a quote search) was taken to name. Backends resolve every value the same way
// (see store.EntityLookup): an entity key or knowledge-base ID names
// that entity; a name is looked up in the knowledge base (canonical
// names, aliases, acronyms, English names, nationality adjectives, with
// Arabic normalization and clitics) and among the names entities were
// stored under, and the entity in most documents among the strongest
// matches is meant.
type Resolution struct {
	Field string `json:"field"` // "entity", "place", "said" or "speaker"
	Value string `json:"value"` // as written in the query
	// Entity is the entity meant; nil when no stored entity has the
	// name (Note then says so).
	Entity *ResolvedEntity `json:"entity,omitempty"`
	// Via says how Value names Entity: "key", "kb_id", "name" (the name
	// Entity is stored under), or "kb_" and the kind of knowledge-base
	// name of the entry Entity is linked to: "kb_name", "kb_alias",
	// "kb_acronym", "kb_english", "kb_demonym" or "kb_weak".
	Via string `json:"via,omitempty"`
	// Also holds the keys of the other stored entities the filter
	// matches: those stored under exactly the name searched that are
	// not linked to the knowledge base (mentions the linker left
	// unresolved). Empty when Value is a key or knowledge-base ID.
	Also []string `json:"also,omitempty"`
	// Alternatives are other stored entities Value may name, best
	// matches first (at most MaxAlternatives); they are not searched:
	// search one by its key instead.
	Alternatives []ResolvedEntity `json:"alternatives,omitempty"`
	// Note explains, for people, why no entity was found.
	Note string `json:"note,omitempty"`
}

// MaxAlternatives bounds Resolution.Alternatives.
const MaxAlternatives = 5

// ResolvedEntity is a stored entity named by a filter value.
type ResolvedEntity struct {
	Key       string `json:"key"` // "kb:ID" or "TYPE:normalized name"
	Type      string `json:"type"`
	Name      string `json:"name"`
	KBID      string `json:"kb_id,omitempty"`
	Documents int    `json:"documents"` // stored documents mentioning it
}
