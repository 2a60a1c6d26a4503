package store

import (
	"slices"
	"strings"
	"testing"

	"github.com/khabar/khabar/search"
)

// stored is a small set of stored entities, as a backend would find
// them, with row ids 1….
var stored = []EntityCandidate{
	{ID: 1, Key: "kb:org:isis", Type: "ORG", Name: "تنظيم الدولة الإسلامية", Norm: `تنظيم "داعش`, KBID: "org:isis", KBNorm: "تنظيم الدوله الاسلاميه", Documents: 906},
	{ID: 2, Key: "ORG:داعش", Type: "ORG", Name: "داعش", Norm: "داعش", Documents: 19},
	{ID: 3, Key: "kb:per:salman-bin-abdulaziz", Type: "PER", Name: "سلمان بن عبدالعزيز آل سعود", Norm: "سلمان بن عبد العزيز",
		KBID: "per:salman-bin-abdulaziz", KBNorm: "سلمان بن عبدالعزيز ال سعود", Documents: 725},
	{ID: 4, Key: "PER:الملك سلمان", Type: "PER", Name: "الملك سلمان", Norm: "الملك سلمان", Documents: 25},
	{ID: 5, Key: "ORG:الملك سلمان", Type: "ORG", Name: "الملك سلمان", Norm: "الملك سلمان", Documents: 19},
	{ID: 6, Key: "PER:سلمان", Type: "PER", Name: "سلمان", Norm: "سلمان", Documents: 24},
	{ID: 7, Key: "LOC:سلمان", Type: "LOC", Name: "سلمان", Norm: "سلمان", Documents: 5},
	{ID: 8, Key: "kb:per:other-salman", Type: "PER", Name: "سلمان آخر", Norm: "سلمان", KBID: "per:other-salman", KBNorm: "سلمان اخر", Documents: 3},
	{ID: 9, Key: "kb:city:SA:riyadh", Type: "LOC", Name: "الرياض", Norm: "الرياض", KBID: "city:SA:riyadh", KBNorm: "الرياض", Documents: 50},
	{ID: 10, Key: "ORG:الرياض", Type: "ORG", Name: "الرياض", Norm: "الرياض", Documents: 7},
}

// candidates returns the stored entities a backend must find for l.
func candidates(l EntityLookup) []EntityCandidate {
	var out []EntityCandidate
	for _, c := range stored {
		if l.LOC() && c.Type != "LOC" {
			continue
		}
		if c.Key == l.Ref || (c.KBID != "" && c.KBID == l.Ref) || (l.Norm != "" && (c.Norm == l.Norm || c.KBNorm == l.Norm)) ||
			(c.KBID != "" && slices.Contains(l.KBIDs, c.KBID)) {
			out = append(out, c)
		}
	}
	return out
}

func TestEntityLookupResolve(t *testing.T) {
	tests := []struct {
		field, ref string
		key, via   string  // the entity meant; "" for none
		ids        []int64 // what the filter matches
		alts       []string
		note       string
	}{
		{"entity", "داعش", "kb:org:isis", "kb_alias", []int64{1, 2}, nil, ""},
		{"entity", "لداعش", "kb:org:isis", "kb_alias", []int64{1}, nil, ""}, // clitic: the unlinked داعش is another name
		{"entity", "ISIS", "kb:org:isis", "kb_acronym", []int64{1}, nil, ""},
		{"entity", "تنظيم الدولة الإسلامية", "kb:org:isis", "kb_name", []int64{1}, nil, ""},
		{"entity", "الملك سلمان", "kb:per:salman-bin-abdulaziz", "kb_alias", []int64{3, 4, 5}, nil, ""},
		{"entity", "kb:org:isis", "kb:org:isis", "key", []int64{1}, nil, ""},
		{"entity", "org:isis", "kb:org:isis", "kb_id", []int64{1}, nil, ""},
		{"entity", "ORG:داعش", "ORG:داعش", "key", []int64{2}, nil, ""},
		// No KB entry: the name in most documents, the unlinked ones of
		// that name along, a linked one as an alternative.
		{"entity", "سلمان", "PER:سلمان", "name", []int64{6, 7}, []string{"kb:per:other-salman"}, ""},
		{"place", "سلمان", "LOC:سلمان", "name", []int64{7}, nil, ""},
		{"place", "Riyadh", "kb:city:SA:riyadh", "kb_english", []int64{9}, nil, ""},
		{"place", "الرياض", "kb:city:SA:riyadh", "kb_name", []int64{9}, nil, ""},
		{"entity", "الرياض", "kb:city:SA:riyadh", "kb_name", []int64{9, 10}, nil, ""},
		{"entity", "حلف شمال الأطلسي", "", "", nil, nil, "the knowledge base knows"},
		{"entity", "لا أحد بهذا الاسم", "", "", nil, nil, "no stored entity is named"},
		{"place", "لا مكان", "", "", nil, nil, "only datelines naming it are matched"},
	}
	for _, tc := range tests {
		l := NewEntityLookup(tc.field, tc.ref)
		res, ids := l.Resolve(candidates(l))
		key := ""
		if res.Entity != nil {
			key = res.Entity.Key
		}
		var alts []string
		for _, a := range res.Alternatives {
			alts = append(alts, a.Key)
		}
		if key != tc.key || res.Via != tc.via || !slices.Equal(ids, tc.ids) || !slices.Equal(alts, tc.alts) ||
			res.Field != tc.field || res.Value != tc.ref || !strings.Contains(res.Note, tc.note) || (tc.note == "") != (res.Note == "") {
			t.Errorf("%s:%s = %s via %q, ids %v, alternatives %v, note %q; want %s via %q, ids %v, alternatives %v, note %q",
				tc.field, tc.ref, key, res.Via, ids, alts, res.Note, tc.key, tc.via, tc.ids, tc.alts, tc.note)
		}
		if len(res.Also) != max(0, len(ids)-1) {
			t.Errorf("%s:%s: Also %v for ids %v", tc.field, tc.ref, res.Also, ids)
		}
	}
}

func TestResolveFilters(t *testing.T) {
	q, err := search.Parse(`entity:داعش entity:ISIS place:Riyadh place:"لا مكان" اجتماع`)
	if err != nil {
		t.Fatal(err)
	}
	f, err := ResolveFilters(q, func(l EntityLookup) ([]EntityCandidate, error) { return candidates(l), nil })
	if err != nil {
		t.Fatal(err)
	}
	if !f.HasEntities || !slices.Equal(f.Entities, []int64{1, 2}) || !f.HasPlaces || !slices.Equal(f.Places, []int64{9}) ||
		!slices.Equal(f.PlaceNorms, []string{"riyadh", "الرياض", "لا مكان"}) || len(f.Resolved) != 4 ||
		f.Resolved[2].Field != "place" || f.Resolved[3].Entity != nil {
		t.Errorf("ResolveFilters = %+v", f)
	}
}
