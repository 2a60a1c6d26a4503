package link

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/kb"
	"github.com/khabar/khabar/ner"
)

// cluster is one entity being built.
type cluster struct {
	typ   string
	ments []*mention
	link  *kb.Entry
	words []string // normalized name words of the fullest name
}

func (c *cluster) first() int { return c.ments[0].start }

// nameWords splits a name into normalized words, joining عبد to the word
// that follows (عبد العزيز = عبدالعزيز).
func nameWords(name string) []string {
	var out []string
	for _, t := range arabic.Tokenize(name) {
		if t.Kind == arabic.Punct {
			continue
		}
		w := norm(t.Text)
		if n := len(out); n > 0 && out[n-1] == "عبد" {
			out[n-1] += w
			continue
		}
		out = append(out, w)
	}
	return out
}

// linkAll picks the knowledge-base entry of every name mention, when
// there is one clear reading. A weak name (حماس, a small town's name that
// is also a word) links only when the document also names the entry by a
// strong name, or names a city of 300,000 people or more.
func (r *resolver) linkAll() {
	strong := map[*kb.Entry]bool{}
	for _, m := range r.ments {
		if m.src != srcNER && m.src != srcKB {
			continue
		}
		if m.cands == nil {
			m.cands = r.k.LookupCandidates(m.name)
			if head, rest, ok := strings.Cut(m.name, " "); ok && len(m.cands) == 0 && m.typ == "LOC" && ner.PlaceHead(head) {
				// مدينة جدة، جنوب لبنان: the place the head names (or
				// the one it is a part of).
				m.cands = r.k.LookupCandidates(rest)
			}
		}
		for _, c := range m.cands {
			if c.Kind != kb.Weak && c.Kind != kb.Demonym && c.Kind != kb.Generic {
				strong[c.Entry] = true
			}
		}
	}
	named := map[*kb.Entry]bool{} // entries linked by a name of their own
	for _, m := range r.ments {
		if m.src != srcNER && m.src != srcKB {
			continue
		}
		e, kind := choose(m, m.cands)
		if e != nil && r.vetoed(m.tokS, m.tokE) {
			e = nil
		}
		if e != nil && kind == kb.Weak && e.Kind == "club" && m.typ == "ORG" && !strong[e] {
			// A club's bare name (الهلال, الاتحاد) the tagger found as
			// an organization: the club in a sports text.
			if r.isSports() {
				strong[e] = true
			}
		}
		if e != nil && kind == kb.Weak && !strong[e] && !(e.Kind == "city" && e.Population >= 300000) {
			e = nil
		}
		switch {
		case e == nil:
		case m.typ == "ORG" && e.Kind == "city" && !r.k.IsCapital(e.ID):
			// A city the tagger calls an organization is mostly its club
			// (ليفربول); a capital is mostly its government (موسكو).
			e, m.vetoed = nil, true
		case e.Type == "LOC" && r.clubContext(m),
			e.Type == "LOC" && m.tokE-m.tokS == 1 && m.tokS > 0 && r.inPer[m.tokS-1], // ليزا موناكو
			m.typ == "PER" && r.facilityBefore(m.tokS),                               // مركز الملك عبدالله: a place named after the person
			e.Type == "ORG" && r.longerOrgName(m, e):
			e, m.vetoed = nil, true
		}
		m.link = e
		if e != nil && kind != kb.Weak {
			named[e] = true
		}
	}
	r.settle(named)
}

// choose returns the entry a mention refers to and how it was named, or
// nil when the knowledge base has no reading or more than one of equal
// strength. A name that is also a nationality adjective is not linked
// (البرتغالية), nor a generic name by itself (وزارة العدل: see settle).
func choose(m *mention, cands []kb.Candidate) (*kb.Entry, kb.AliasKind) {
	ok := eligible(m, cands, false)
	if len(ok) == 0 {
		return nil, 0
	}
	best := ok[0]
	if len(ok) > 1 {
		next := ok[1]
		if next.Kind.Strength() == best.Kind.Strength() && next.Entry != best.Entry {
			switch {
			case best.Kind == kb.Weak:
				return nil, 0
			case best.Entry.Kind == "city" && next.Entry.Kind == "city":
				// Only a city five times larger than the next wins.
				if next.Entry.Population == 0 || best.Entry.Population < 5*next.Entry.Population {
					return nil, 0
				}
			case best.Entry.Kind == next.Entry.Kind || best.Entry.Type == next.Entry.Type && best.Entry.Type != "LOC":
				return nil, 0
			}
		}
	}
	return best.Entry, best.Kind
}

// cluster groups the mentions into entities.
func (r *resolver) cluster() []*cluster {
	var cs []*cluster
	byKey := map[string]*cluster{}
	for _, m := range r.ments {
		if m.src == srcAcronym {
			continue
		}
		words := nameWords(m.name)
		key := m.typ + "\x00" + strings.Join(words, " ")
		if m.link != nil {
			key = "kb\x00" + m.link.ID
		}
		if m.vetoed {
			key = "vetoed\x00" + key
		}
		c := byKey[key]
		if c == nil {
			c = &cluster{typ: m.typ, link: m.link}
			byKey[key] = c
			cs = append(cs, c)
		}
		c.ments = append(c.ments, m)
		if len(words) > len(c.words) {
			c.words = words
		}
	}
	cs = mergeSameNames(cs)
	cs = r.mergePartialNames(cs)
	// Acronyms join the entity of the mention that introduced them.
	owner := map[*mention]*cluster{}
	for _, c := range cs {
		for _, m := range c.ments {
			owner[m] = c
		}
	}
	for _, m := range r.ments {
		if m.src != srcAcronym {
			continue
		}
		p := r.parent[m]
		for p != nil && owner[p] == nil {
			p = r.parent[p]
		}
		if c := owner[p]; c != nil {
			c.ments = append(c.ments, m)
			owner[m] = c
		}
	}
	for _, c := range cs {
		sort.SliceStable(c.ments, func(i, j int) bool { return c.ments[i].start < c.ments[j].start })
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].first() < cs[j].first() })
	return cs
}

// mergeSameNames joins an unlinked entity to a linked one of the same
// type that has a mention of the same name.
func mergeSameNames(cs []*cluster) []*cluster {
	linked := map[string]*cluster{}
	for _, c := range cs {
		if c.link == nil {
			continue
		}
		for _, m := range c.ments {
			k := c.typ + "\x00" + strings.Join(nameWords(m.name), " ")
			if _, dup := linked[k]; !dup {
				linked[k] = c
			}
		}
	}
	var out []*cluster
	for _, c := range cs {
		if c.link == nil && !c.ments[0].vetoed {
			if t := linked[c.typ+"\x00"+strings.Join(c.words, " ")]; t != nil {
				t.ments = append(t.ments, c.ments...)
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// mergePartialNames joins a person named in part (المالكي, محمد بن
// عبدالرحمن) to the person whose fuller name ends with or begins with
// those words: the nearest one named before, else the nearest after.
func (r *resolver) mergePartialNames(cs []*cluster) []*cluster {
	sort.SliceStable(cs, func(i, j int) bool { return len(cs[i].words) > len(cs[j].words) })
	var out []*cluster
	byWord := map[string][]*cluster{} // PER clusters in out by first and last word
	keep := func(c *cluster) {
		out = append(out, c)
		if c.typ == "PER" && len(c.words) > 0 {
			byWord[c.words[0]] = append(byWord[c.words[0]], c)
			if l := c.words[len(c.words)-1]; l != c.words[0] {
				byWord[l] = append(byWord[l], c)
			}
		}
	}
	for _, c := range cs {
		if c.typ != "PER" || c.link != nil && len(c.words) >= 2 || c.ments[0].vetoed || len(c.words) == 0 {
			keep(c)
			continue
		}
		var target *cluster
		bestDist := -1
		cands := byWord[c.words[len(c.words)-1]]
		if len(c.words) > 1 {
			cands = append(cands[:len(cands):len(cands)], byWord[c.words[0]]...)
		}
		for _, f := range cands {
			if f.typ != "PER" || f.ments[0].vetoed || len(f.words) <= len(c.words) || !partOf(c.words, f.words) {
				continue
			}
			d := c.first() - f.first()
			if d < 0 {
				d = -d + 1<<30 // named after: only when none before
			}
			if bestDist < 0 || d < bestDist {
				target, bestDist = f, d
			}
		}
		if target == nil {
			keep(c)
			continue
		}
		target.ments = append(target.ments, c.ments...)
		if target.link == nil {
			target.link = c.link
		}
	}
	return out
}

// partOf reports whether short is the end of full (a surname, المالكي),
// its beginning when at least two words long, or its first and last
// words when full has a nasab (بن) after its first word.
func partOf(short, full []string) bool {
	if len(short) == 0 || len(short) >= len(full) {
		return false
	}
	suffix := true
	for i := range short {
		if short[len(short)-1-i] != full[len(full)-1-i] {
			suffix = false
			break
		}
	}
	if suffix {
		// سعود alone is not سلمان بن عبدالعزيز آل سعود: a surname
		// after a particle (آل, بن, أبو) is part of a longer name.
		return len(short) > 1 || !nameParticles[full[len(full)-2]]
	}
	if len(short) < 2 {
		return false
	}
	if len(short) == 2 && len(full) >= 4 && short[0] == full[0] && short[1] == full[len(full)-1] && nameParticles[full[1]] &&
		!nasabParticles[full[len(full)-2]] {
		// عبدالرحمن السديس: the first name and the family name of
		// عبدالرحمن بن عبدالعزيز السديس, without the father's name. A
		// last word after بن is a forefather's given name, no family
		// name: محمد عبدالعزيز is not محمد بن نايف بن عبدالعزيز.
		return true
	}
	for i := range short {
		if short[i] != full[i] {
			return false
		}
	}
	return true
}

// nasabParticles link a given name to a forefather's (بن, ابن, بنت).
var nasabParticles = normSet("بن", "ابن", "بنت")

// anaphora adds mentions that refer back: honorific pronouns (سعادته) to
// the last person with that honorific, الحلف to the last alliance, and a
// person's office written alone to its holder.
func (r *resolver) anaphora(cs []*cluster) {
	owner := map[*mention]*cluster{}
	var all []*mention
	for _, c := range cs {
		for _, m := range c.ments {
			owner[m] = c
			all = append(all, m)
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].start < all[j].start })
	// last returns the entity of the last mention before pos whose entity
	// is ok. For each kind of anaphor (key) it first tabulates, once, the
	// last such mention at or before each mention: searching back from
	// every anaphor instead is quadratic in a text that repeats سعادته
	// with no one it can refer to. What ok reads of an entity does not
	// change while anaphors are added.
	lastOK := map[string][]int32{}
	last := func(key string, pos int, ok func(c *cluster) bool) *cluster {
		tab, done := lastOK[key]
		if !done {
			qual := make(map[*cluster]bool, len(cs))
			for _, c := range cs {
				qual[c] = ok(c)
			}
			tab = make([]int32, len(all))
			prev := int32(-1)
			for i, m := range all {
				if qual[owner[m]] {
					prev = int32(i)
				}
				tab[i] = prev
			}
			lastOK[key] = tab
		}
		i := sort.Search(len(all), func(i int) bool { return all[i].start >= pos })
		if i == 0 || tab[i-1] < 0 {
			return nil
		}
		return owner[all[tab[i-1]]]
	}
	taken := make([]bool, len(r.toks)) // tokens inside a mention
	for _, m := range all {
		for i := max(m.tokS, 0); i < min(m.tokE, len(taken)); i++ {
			taken[i] = true
		}
	}
	for i, t := range r.toks {
		if t.Kind != arabic.Word || taken[i] {
			continue
		}
		n := r.norms[i]
		w := stripConj(n)
		skip := 0
		if n != w {
			skip = 1
		}
		if h, ok := honorificPronouns[w]; ok {
			c := last("honorific\x00"+h, t.Start, func(c *cluster) bool { return c.typ == "PER" && hasHonorific(c, h) })
			if c != nil {
				c.ments = append(c.ments, &mention{tokS: i, tokE: i + 1, start: t.Start + skip, end: t.End, typ: "PER", src: srcPronoun})
			}
			continue
		}
		if pre, ok := allianceForms[n]; ok {
			if i+1 < len(r.toks) && strings.HasPrefix(r.norms[i+1], "ال") && !r.lineBreakBefore(i+1) {
				continue // الحلف الأطلسي: a name of its own
			}
			c := last("alliance", t.Start, func(c *cluster) bool { return c.typ == "ORG" && isAlliance(c) })
			if c != nil {
				c.ments = append(c.ments, &mention{tokS: i, tokE: i + 1, start: t.Start + pre, end: t.End, typ: "ORG", src: srcAnaphor})
			}
		}
	}
	r.titleMentions(cs, taken)
	for _, c := range cs {
		sort.SliceStable(c.ments, func(i, j int) bool { return c.ments[i].start < c.ments[j].start })
	}
}

// allianceForms are the written forms of الحلف with their proclitics and
// how many letters of them are left out of the mention (للحلف → حلف, as
// package ner writes ل + ال).
var allianceForms = map[string]int{"الحلف": 0, "والحلف": 1, "فالحلف": 1, "بالحلف": 1, "وبالحلف": 2, "كالحلف": 1,
	"للحلف": 2, "وللحلف": 3, "فللحلف": 3}

// containsWords reports whether the words of b occur in a, in order and
// next to each other.
func containsWords(a, b string) bool {
	aw, bw := nameWords(a), nameWords(b)
	for i := 0; i+len(bw) <= len(aw); i++ {
		ok := len(bw) > 0
		for j := range bw {
			if aw[i+j] != bw[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func hasHonorific(c *cluster, h string) bool {
	for _, m := range c.ments {
		if m.honorific == "" {
			continue
		}
		for _, w := range strings.Fields(norm(m.honorific)) {
			if w == h || w == "ال"+h {
				return true
			}
		}
	}
	return false
}

func isAlliance(c *cluster) bool {
	if c.link != nil && c.link.Kind == "alliance" {
		return true
	}
	return len(c.words) > 0 && c.words[0] == "حلف"
}

// titleMentions adds, as mentions of a person, later occurrences of the
// person's office written alone (وأوضح سفير دولة قطر لدى …). When several
// persons hold the same title (a long text of many stories), each
// occurrence goes to the one named last before it, or else to the first
// named after it: giving every occurrence to every holder would make the
// mentions grow with the square of the text.
func (r *resolver) titleMentions(cs []*cluster, taken []bool) {
	// The persons by title, in the order of cs.
	type holders struct {
		tw []string
		cs []*cluster
	}
	var titles []*holders
	byTitle := map[string]*holders{}
	for _, c := range cs {
		if c.typ != "PER" {
			continue
		}
		title := ""
		for _, m := range c.ments {
			if m.title != "" {
				title = m.title
				break
			}
		}
		tw := nameWords(title)
		if len(tw) < 3 {
			continue
		}
		k := strings.Join(tw, " ")
		h := byTitle[k]
		if h == nil {
			h = &holders{tw: tw}
			byTitle[k] = h
			titles = append(titles, h)
		}
		h.cs = append(h.cs, c)
	}
	if len(titles) == 0 {
		return
	}
	// at maps a word to the tokens that are that word, with or without a
	// conjunction, in text order, so that each title is looked for only
	// where its first word is.
	at := map[string][]int32{}
	for i, n := range r.norms {
		at[n] = append(at[n], int32(i))
		if s := stripConj(n); s != n {
			at[s] = append(at[s], int32(i))
		}
	}
	ends := map[*cluster]map[int]bool{} // token ends of a holder's mentions, for afterName
	found := map[*cluster][]*mention{}
	for _, h := range titles {
		// The holders' mentions by start, to find who was named last.
		type named struct {
			start int
			c     *cluster
		}
		var names []named
		if len(h.cs) > 1 {
			for _, c := range h.cs {
				for _, m := range c.ments {
					names = append(names, named{m.start, c})
				}
			}
			sort.SliceStable(names, func(i, j int) bool { return names[i].start < names[j].start })
		}
		tw := h.tw
		for _, i32 := range at[tw[0]] {
			i := int(i32)
			if i+len(tw) > len(r.toks) || taken[i] || r.titleAt[i] {
				continue
			}
			j, k := i, 0
			for ; j < len(r.toks) && k < len(tw); j++ {
				if r.toks[j].Kind == arabic.Punct {
					break
				}
				w := r.norms[j]
				if k == 0 && w != tw[0] {
					w = stripConj(w)
				}
				if w == "عبد" && j+1 < len(r.toks) {
					j++
					w += r.norms[j]
				}
				if w != tw[k] {
					break
				}
				k++
			}
			if k < len(tw) || i > 0 && r.perStart[i-1] {
				continue
			}
			t := r.toks[i]
			c := h.cs[0]
			if len(names) > 0 {
				n := sort.Search(len(names), func(n int) bool { return names[n].start >= t.Start })
				c = names[max(n-1, 0)].c
			}
			if ends[c] == nil {
				ends[c] = map[int]bool{}
				for _, m := range c.ments {
					ends[c][m.tokE] = true
				}
			}
			if i > 0 && r.afterName(ends[c], i) {
				continue
			}
			start := t.Start
			if r.norms[i] != tw[0] {
				start++
			}
			found[c] = append(found[c], &mention{tokS: i, tokE: j, start: start, end: r.toks[j-1].End, typ: "PER", src: srcTitle})
		}
	}
	for _, c := range cs {
		c.ments = append(c.ments, found[c]...)
	}
}

// afterName reports whether token i follows a mention of an entity whose
// mentions end at the tokens in ends, perhaps after a comma: the office
// written with the name, not alone.
func (r *resolver) afterName(ends map[int]bool, i int) bool {
	return ends[i] || ends[i-1] && (r.toks[i-1].Text == "،" || r.toks[i-1].Text == ",")
}

// entities turns the clusters into the Analysis entities.
func (r *resolver) entities(cs []*cluster) []khabar.Entity {
	var out []khabar.Entity
	for _, c := range cs {
		e := khabar.Entity{ID: "e" + strconv.Itoa(len(out)+1), Type: c.typ}
		best, bestLen := "", -1
		seen := map[[2]int]bool{}
		for _, m := range c.ments {
			if m.src == srcNER || m.src == srcKB {
				n := m.name
				l := utf8.RuneCountInString(n)
				if c.link != nil && norm(n) == norm(c.link.NameAr) {
					l += 1 << 20 // the knowledge base's own name, when the article uses it
				}
				if c.link != nil && c.link.Kind == "country" && l < 1<<20 && containsWords(n, c.link.NameAr) {
					// دولة قطر names قطر: the country's short name.
					n, l = c.link.NameAr, 1<<20
				}
				if l > bestLen {
					best, bestLen = n, l
				}
			}
			if e.Honorific == "" {
				e.Honorific = m.honorific
			}
			if e.Title == "" {
				e.Title = m.title
			}
			k := [2]int{m.start, m.end}
			if seen[k] || m.start >= m.end {
				continue
			}
			seen[k] = true
			e.Mentions = append(e.Mentions, khabar.Mention{Text: r.sub(m.start, m.end), Start: m.start, End: m.end})
		}
		if best == "" {
			continue // only pronouns or acronyms: nothing to name it by
		}
		e.Name = best
		if l := c.link; l != nil {
			e.KB = &khabar.KBRef{ID: l.ID, Name: l.NameAr, NameEn: l.NameEn, Wikidata: l.Wikidata, Country: l.Country}
		}
		out = append(out, e)
	}
	return out
}
