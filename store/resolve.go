package store

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/khabar/khabar/kb"
	"github.com/khabar/khabar/search"
)

// EntityLookup is the resolution of one entity reference: a value of an
// entity:, place: or said: filter, the ref of Store.Entity and of an
// EventFilter, or the speaker of a QuoteFilter. A backend finds the stored entities the reference may
// name with their document counts (every stored entity whose key or KB
// ID is Ref, whose normalized name or normalized KB name is Norm, or
// whose KB ID is among KBIDs; for a place, LOC entities only), and
// Resolve chooses among them, so that every backend gives the same
// answer.
//
// A reference names, from the strongest match down:
//  1. the entity whose key it is ("kb:org:isis", "PER:المالكي");
//  2. the entity linked to the knowledge-base entry of that ID;
//  3. an entity linked to a knowledge-base entry that has the reference
//     as a name, as kb.KB.LookupCandidates finds it (canonical names,
//     aliases, acronyms, English names, nationality adjectives, weak
//     names; Arabic normalization and clitics as in khabar kb lookup),
//     stronger kinds of name first;
//  4. an entity stored under the reference as its name (NormalizeName).
//
// Among equally strong matches the entity in most documents is meant,
// then the smallest key. A filter also matches the entities stored
// under exactly the reference's name that are not linked to the
// knowledge base (mentions the linker left unresolved), unless the
// reference is a key or a knowledge-base ID.
type EntityLookup struct {
	Field string // "entity", "said", "speaker", or "place": only LOC entities
	Ref   string // as written
	Norm  string // NormalizeName(Ref)
	// KBIDs are the IDs of the knowledge-base entries Ref is a name of
	// (LOC entries only for a place), strongest kind of name first.
	KBIDs []string
	kinds map[string]kb.AliasKind
	names map[string]string // KB ID → canonical name, for notes
}

// NewEntityLookup prepares the resolution of ref for field ("entity",
// "said", "speaker" or "place"), looking ref up in the embedded knowledge base (kb.Default).
func NewEntityLookup(field, ref string) EntityLookup {
	l := EntityLookup{Field: field, Ref: ref, Norm: NormalizeName(ref)}
	for _, c := range kb.Default().LookupCandidates(ref) {
		if l.LOC() && c.Entry.Type != "LOC" {
			continue
		}
		if _, dup := l.kinds[c.Entry.ID]; dup {
			continue
		}
		if l.kinds == nil {
			l.kinds, l.names = map[string]kb.AliasKind{}, map[string]string{}
		}
		l.KBIDs = append(l.KBIDs, c.Entry.ID)
		l.kinds[c.Entry.ID] = c.Kind
		l.names[c.Entry.ID] = cmp.Or(c.Entry.NameAr, c.Entry.NameEn)
	}
	return l
}

// LOC reports whether only LOC entities may be named (a place: value).
func (l EntityLookup) LOC() bool { return l.Field == "place" }

// EntityCandidate is a stored entity a backend found for an
// EntityLookup.
type EntityCandidate struct {
	ID        int64 // the backend's row id
	Key       string
	Type      string
	Name      string
	Norm      string // NormalizeName of the name it was first stored under
	KBID      string
	KBNorm    string // NormalizeName of its KB name
	Documents int    // documents mentioning it
}

// Resolution tiers, strongest first.
const (
	tierKey = iota
	tierKBID
	tierKB
	tierName
)

type rank struct {
	tier, strength int
	via            string
}

// rank says how l's reference names c, false when it does not.
func (l EntityLookup) rank(c EntityCandidate) (rank, bool) {
	switch {
	case c.Key == l.Ref:
		return rank{tierKey, 0, "key"}, true
	case c.KBID != "" && c.KBID == l.Ref:
		return rank{tierKBID, 0, "kb_id"}, true
	}
	best, ok := rank{}, false
	if k, linked := l.kinds[c.KBID]; linked && c.KBID != "" {
		best, ok = rank{tierKB, k.Strength(), "kb_" + k.String()}, true
	}
	if l.Norm != "" && c.KBNorm == l.Norm && (!ok || best.strength > 0) {
		best, ok = rank{tierKB, 0, "kb_name"}, true
	}
	if !ok && l.Norm != "" && c.Norm == l.Norm {
		best, ok = rank{tierName, 0, "name"}, true
	}
	return best, ok
}

// Resolve chooses the entity l's reference names among the candidates a
// backend found, and returns what a search reports about it and the row
// ids a filter matches: the entity meant first, then the unlinked
// entities of the same name (Resolution.Also). No candidate gives no
// ids and a Resolution whose Note says why.
func (l EntityLookup) Resolve(cands []EntityCandidate) (search.Resolution, []int64) {
	res := search.Resolution{Field: l.Field, Value: l.Ref}
	type ranked struct {
		c EntityCandidate
		r rank
	}
	var rs []ranked
	for _, c := range cands {
		if r, ok := l.rank(c); ok && (!l.LOC() || c.Type == "LOC") {
			rs = append(rs, ranked{c, r})
		}
	}
	if len(rs) == 0 {
		res.Note = l.note()
		return res, nil
	}
	slices.SortFunc(rs, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(a.r.tier, b.r.tier), cmp.Compare(a.r.strength, b.r.strength),
			cmp.Compare(b.c.Documents, a.c.Documents), cmp.Compare(a.c.Key, b.c.Key), cmp.Compare(a.c.ID, b.c.ID))
	})
	best := rs[0]
	res.Entity, res.Via = resolved(best.c), best.r.via
	ids := []int64{best.c.ID}
	if best.r.tier <= tierKBID {
		return res, ids
	}
	for _, x := range rs[1:] {
		switch {
		case x.c.KBID == "" && x.c.Norm == l.Norm:
			ids = append(ids, x.c.ID)
			res.Also = append(res.Also, x.c.Key)
		case len(res.Alternatives) < search.MaxAlternatives:
			res.Alternatives = append(res.Alternatives, *resolved(x.c))
		}
	}
	return res, ids
}

func resolved(c EntityCandidate) *search.ResolvedEntity {
	return &search.ResolvedEntity{Key: c.Key, Type: c.Type, Name: c.Name, KBID: c.KBID, Documents: c.Documents}
}

// kbName returns the canonical name of the first knowledge-base entry
// the reference names, "" when none.
func (l EntityLookup) kbName() string {
	if len(l.KBIDs) == 0 {
		return ""
	}
	return l.names[l.KBIDs[0]]
}

// note explains a reference that names no stored entity.
func (l EntityLookup) note() string {
	what := "entity"
	if l.LOC() {
		what = "place"
	}
	var s string
	if len(l.KBIDs) > 0 {
		s = fmt.Sprintf("the knowledge base knows %q as %s (%s), but no stored document mentions it", l.Ref, l.kbName(), l.KBIDs[0])
	} else {
		s = fmt.Sprintf("no stored %s is named %q, and the knowledge base does not know the name", what, l.Ref)
	}
	if l.LOC() {
		s += "; only datelines naming it are matched"
	}
	return s
}

// FilterEntities is a query's entity:, place: and said: filters
// resolved to stored entities, as a backend filters by them.
type FilterEntities struct {
	HasEntities bool    // the query has an entity: filter
	Entities    []int64 // row ids of the entities it matches (any of them)
	HasPlaces   bool    // the query has a place: filter
	Places      []int64 // row ids of the LOC entities it matches...
	// ...or a document's dateline place among these (normalized: each
	// value, the name of the entity it names and the name of the
	// knowledge-base entry it names first)
	PlaceNorms []string
	HasSaid    bool                // the query has a said: filter
	Said       []int64             // row ids of the entities it matches as speakers (any of them)
	Resolved   []search.Resolution // one per value: entity: values, then place:, then said:
}

// ResolveFilters resolves the entity:, place: and said: values of q with find,
// a backend's lookup of the candidates of an EntityLookup.
func ResolveFilters(q search.Query, find func(EntityLookup) ([]EntityCandidate, error)) (*FilterEntities, error) {
	f := &FilterEntities{HasEntities: len(q.Entities) > 0, HasPlaces: len(q.Places) > 0, HasSaid: len(q.Said) > 0}
	resolve := func(field string, vals []string, ids *[]int64) error {
		for _, v := range vals {
			l := NewEntityLookup(field, v)
			cands, err := find(l)
			if err != nil {
				return fmt.Errorf("%s:%s: %w", field, v, err)
			}
			res, got := l.Resolve(cands)
			f.Resolved = append(f.Resolved, res)
			for _, id := range got {
				if !slices.Contains(*ids, id) {
					*ids = append(*ids, id)
				}
			}
			if field != "place" {
				continue
			}
			for _, n := range []string{l.Norm, placeNorm(res.Entity), NormalizeName(l.kbName())} {
				if n != "" && !slices.Contains(f.PlaceNorms, n) {
					f.PlaceNorms = append(f.PlaceNorms, n)
				}
			}
		}
		return nil
	}
	if err := resolve("entity", q.Entities, &f.Entities); err != nil {
		return nil, err
	}
	if err := resolve("place", q.Places, &f.Places); err != nil {
		return nil, err
	}
	if err := resolve("said", q.Said, &f.Said); err != nil {
		return nil, err
	}
	return f, nil
}

func placeNorm(e *search.ResolvedEntity) string {
	if e == nil {
		return ""
	}
	return NormalizeName(e.Name)
}
