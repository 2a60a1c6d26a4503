package story

import (
	"strings"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/store"
)

// FromAnalysis returns the Article for an analyzed document: its title,
// text, source, entities (people, organizations and other names, less
// those named only in the dateline: its outlet and reporter), places
// (places named as entities, the dateline's place and countries referred
// to by adjectives) and its events' actors, keyed by store.EntityKey.
// published is used when the analysis has no date of its own.
func FromAnalysis(id string, a *khabar.Analysis, published time.Time) Article {
	out := Article{ID: id, Published: published, Names: make(map[string]string)}
	if a == nil {
		return out
	}
	out.Source = a.Source
	out.Text = a.Text
	if a.Title != nil {
		out.Title = a.Title.Text
		if i, ok := runeOffset(a.Text, a.Title.End); ok {
			out.Text = a.Text[i:]
		}
	}
	if out.Published.IsZero() && a.Published != "" {
		if t, err := time.Parse(time.RFC3339, a.Published); err == nil {
			out.Published = t
		} else if t, err := time.Parse("2006-01-02", a.Published); err == nil {
			out.Published = t
		}
	}
	head := headEnd(a)
	keys := make(map[string]string, len(a.Entities))
	for _, e := range a.Entities {
		kbID := ""
		if e.KB != nil {
			kbID = e.KB.ID
		}
		k := store.EntityKey(e.Type, e.Name, kbID)
		keys[e.ID] = k
		out.Names[k] = e.Name
		if e.Type == "LOC" {
			out.Places = append(out.Places, k)
			if e.KB != nil && strings.HasPrefix(e.KB.ID, "city:") {
				if inHead(a, e.Mentions, head) {
					out.LeadPlaces = append(out.LeadPlaces, k)
				}
			}
		} else if !onlyDateline(a, e.Mentions) {
			out.Entities = append(out.Entities, k)
		}
	}
	if d := a.Dateline; d != nil {
		if k := keys[d.PlaceEntity]; k != "" {
			out.Places = append(out.Places, k)
		} else if d.Place != "" {
			k := store.EntityKey("LOC", d.Place, "")
			out.Names[k] = d.Place
			out.Places = append(out.Places, k)
		}
	}
	for _, p := range a.Places {
		if p.Country != "" {
			k := "country:" + p.Country
			out.Names[k] = p.Country
			out.Places = append(out.Places, k)
		}
	}
	for _, ev := range a.Events {
		for _, id := range ev.Actors {
			if k := keys[id]; k != "" {
				out.Actors = append(out.Actors, k)
			}
		}
	}
	return out
}

// headEnd returns the offset (in code points) in a.Text where the
// article's head ends: the end of the first sentence of the body, after
// the headline and the dateline.
func headEnd(a *khabar.Analysis) int {
	start := 0
	if a.Title != nil {
		start = a.Title.End
	}
	if d := a.Dateline; d != nil && d.End > start {
		start = d.End
	}
	for _, s := range a.Sentences {
		if s[1] > start+1 {
			return s[1]
		}
	}
	return start
}

// inHead reports whether one of the mentions is in the head (before
// end) and not the dateline's.
func inHead(a *khabar.Analysis, ms []khabar.Mention, end int) bool {
	for _, m := range ms {
		if m.Start >= end {
			continue
		}
		if d := a.Dateline; d != nil && m.Start >= d.Start && m.Start < d.End {
			continue
		}
		return true
	}
	return false
}

// onlyDateline reports whether every one of the mentions is in the
// dateline: the outlet and the reporter a dateline names ("عين اليوم –
// الرياض", "نواف الغضوري-سبق- تبوك:") say who wrote an article, not
// what it reports, and would make an outlet's articles alike.
func onlyDateline(a *khabar.Analysis, ms []khabar.Mention) bool {
	d := a.Dateline
	if d == nil || len(ms) == 0 {
		return false
	}
	for _, m := range ms {
		if m.Start < d.Start || m.Start >= d.End {
			return false
		}
	}
	return true
}

// FromStored returns the Article of a stored document: FromAnalysis
// with the document's stored title and source when it has them, and its
// near-duplicate cluster (store.PutResult.Cluster) as Duplicate. The
// time is the analysis's own publication date.
func FromStored(id, cluster, title, source string, a *khabar.Analysis) Article {
	out := FromAnalysis(id, a, time.Time{})
	if title != "" {
		out.Title = title
	}
	if source != "" {
		out.Source = source
	}
	out.Duplicate = cluster
	return out
}

// runeOffset returns the byte offset in s of the code point numbered n,
// which is len(s) when n is the number of code points, and false when s
// has fewer or n is negative.
func runeOffset(s string, n int) (int, bool) {
	if n < 0 {
		return 0, false
	}
	for i := range s {
		if n == 0 {
			return i, true
		}
		n--
	}
	return len(s), n == 0
}
