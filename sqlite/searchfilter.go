package sqlite

import (
	"encoding/json"
	"strings"

	"github.com/ncruces/go-sqlite3"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// docFilter is a query's field filters with entity names (see
// store.EntityLookup) and event types resolved in the search's
// snapshot. All filters must hold; several values of one field are
// alternatives (as in filterSQL).
type docFilter struct {
	entities    map[uint32]bool // entity: any of these, when hasEntities
	placeEnts   map[uint32]bool // place: any of these LOC entities...
	placeNorms  []string        // ... or a dateline place among these
	places      bool            // place: filter present
	sources     []string        // source: ASCII case-insensitive (SQLite NOCASE)
	types       []uint64        // type: bitset of row ids with such an event; nil when not filtered
	said        []uint64        // said: bitset of row ids quoting such a speaker; nil when not filtered
	from, to    int32           // yyyymmdd, 0 when open
	hasEntities bool
	resolved    []search.Resolution // what the entity: and place: values name
}

// resolveFilters looks up the entities and events q's filters name.
func resolveFilters(c *sqlite3.Conn, q search.Query) (*docFilter, error) {
	f := &docFilter{sources: q.Sources}
	ents, err := store.ResolveFilters(q, func(l store.EntityLookup) ([]store.EntityCandidate, error) {
		return findEntities(c, l)
	})
	if err != nil {
		return nil, err
	}
	f.resolved = ents.Resolved
	set := func(ids []int64) map[uint32]bool {
		m := make(map[uint32]bool, len(ids))
		for _, id := range ids {
			if id > 0 && id < maxIndexedRowID {
				m[uint32(id)] = true
			}
		}
		return m
	}
	f.hasEntities, f.entities = ents.HasEntities, set(ents.Entities)
	f.places, f.placeEnts, f.placeNorms = ents.HasPlaces, set(ents.Places), ents.PlaceNorms
	if len(q.Types) > 0 {
		types := make([]any, len(q.Types))
		for i, t := range q.Types {
			types[i] = strings.ToUpper(t)
		}
		if f.types, err = docSet(c, `SELECT DISTINCT doc FROM events WHERE type IN (`+placeholders(len(types))+`)`, types); err != nil {
			return nil, err
		}
	}
	if ents.HasSaid {
		if f.said, err = saidDocs(c, ents.Said); err != nil {
			return nil, err
		}
	}
	if !q.From.IsZero() {
		f.from = dayOf(q.From.Year(), int(q.From.Month()), q.From.Day())
	}
	if !q.To.IsZero() {
		f.to = dayOf(q.To.Year(), int(q.To.Month()), q.To.Day())
	}
	return f, nil
}

func dayOf(y, m, d int) int32 { return int32(y*10000 + m*100 + d) }

// compile returns the filter as a predicate on row ids of ix; the
// caller holds ix.mu for reading while it uses it.
func (f *docFilter) compile(ix *docIndex) func(id uint32) bool {
	var sources map[uint32]bool
	if len(f.sources) > 0 {
		sources = map[uint32]bool{}
		for id, s := range ix.sources {
			for _, v := range f.sources {
				if asciiEqualFold(s, v) {
					sources[uint32(id)] = true
				}
			}
		}
	}
	var places map[uint32]bool
	if f.places {
		places = map[uint32]bool{}
		for _, p := range f.placeNorms {
			if id, ok := ix.placeID[p]; ok && p != "" {
				places[id] = true
			}
		}
	}
	if !f.hasEntities && !f.places && sources == nil && f.types == nil && f.said == nil && f.from == 0 && f.to == 0 {
		return func(uint32) bool { return true }
	}
	// Entity sets as bitsets: a filter-only query tests every stored
	// document's entities, and a map lookup for each took most of an
	// entity: query's time on large stores.
	bits := func(set map[uint32]bool) []uint64 {
		b := make([]uint64, (len(ix.entities)+63)/64)
		for e := range set {
			if int(e) < len(ix.entities) {
				b[e/64] |= 1 << (e % 64)
			}
		}
		return b
	}
	var entBits, placeBits []uint64
	if f.hasEntities {
		entBits = bits(f.entities)
	}
	if f.places {
		placeBits = bits(f.placeEnts)
	}
	anyOf := func(ents []uint32, set []uint64) bool {
		for _, e := range ents {
			if set[e/64]&(1<<(e%64)) != 0 {
				return true
			}
		}
		return false
	}
	return func(id uint32) bool {
		d := &ix.docs[id]
		switch {
		case sources != nil && !sources[d.source]:
			return false
		case f.from != 0 && (d.day == 0 || d.day < f.from):
			return false
		case f.to != 0 && (d.day == 0 || d.day > f.to):
			return false
		case f.types != nil && !hasBit(f.types, int64(id)):
			return false
		case f.said != nil && !hasBit(f.said, int64(id)):
			return false
		case f.hasEntities && !anyOf(ix.entitiesOf(id), entBits):
			return false
		case f.places && !places[d.place] && !anyOf(ix.entitiesOf(id), placeBits):
			return false
		}
		return true
	}
}

// asciiEqualFold compares as SQLite's NOCASE collation: only ASCII
// letters fold.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// docSet runs q, which returns document row ids, and returns them as a
// bitset (never nil).
func docSet(c *sqlite3.Conn, q string, args []any) ([]uint64, error) {
	set := []uint64{}
	err := each(c, q, args, func(st *sqlite3.Stmt) error {
		if id := st.ColumnInt64(0); id > 0 && id < maxIndexedRowID {
			for int64(len(set)) <= id/64 {
				set = append(set, 0)
			}
			set[id/64] |= 1 << (id % 64)
		}
		return nil
	})
	return set, err
}

// saidDocs returns the bitset of the documents quoting one of the
// entities ids as a speaker.
func saidDocs(c *sqlite3.Conn, ids []int64) ([]uint64, error) {
	js, err := json.Marshal(nonNil(ids))
	if err != nil {
		return nil, err
	}
	return docSet(c, `SELECT DISTINCT doc FROM quote_speakers WHERE entity IN (SELECT value FROM json_each(?))`, []any{string(js)})
}
