package server

import (
	"fmt"
	"html/template"
	"sort"
	"strings"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/store"
)

// segment is a run of article text, plain or marked.
type segment struct {
	Text  string
	Class string // "ent PER", "date", ... ; empty for plain text
	Href  string // entity page
	Title string // hover text
}

// paragraph is one rendered paragraph.
type paragraph struct {
	Class    string // "title", "subtitle", "dateline" or ""
	Segments []segment
}

// mark is an annotation over a range of the text.
type mark struct {
	start, end int
	seg        segment
}

// renderArticle splits an analysis into paragraphs of segments with its
// entity mentions and dates marked. Overlapping marks keep the first.
func renderArticle(a *khabar.Analysis) []paragraph {
	runes := []rune(a.Text)
	var marks []mark
	for _, e := range a.Entities {
		kbID := ""
		hover := e.Type
		if e.KB != nil {
			kbID = e.KB.ID
			if e.KB.NameEn != "" {
				hover += " · " + e.KB.NameEn
			}
		}
		href := "/entity/" + pathEscape(store.EntityKey(e.Type, e.Name, kbID))
		for _, m := range e.Mentions {
			marks = append(marks, mark{m.Start, m.End, segment{Class: "ent " + e.Type, Href: href, Title: e.Name + " (" + hover + ")"}})
		}
	}
	for _, d := range a.Dates {
		v := d.Value
		if v == "" {
			v = "?"
		}
		if d.Interval != "" {
			v += " · " + d.Interval
		}
		marks = append(marks, mark{d.Start, d.End, segment{Class: "date", Title: v}})
	}
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].start < marks[j].start })

	type block struct {
		start, end int
		class      string
	}
	var blocks []block
	if a.Title != nil {
		blocks = append(blocks, block{a.Title.Start, a.Title.End, "title"})
	}
	if a.Subtitle != nil {
		blocks = append(blocks, block{a.Subtitle.Start, a.Subtitle.End, "subtitle"})
	}
	if a.Dateline != nil && a.Dateline.End > a.Dateline.Start {
		blocks = append(blocks, block{a.Dateline.Start, a.Dateline.End, "dateline"})
	}
	for _, p := range a.Paragraphs {
		blocks = append(blocks, block{p[0], p[1], ""})
	}
	if len(blocks) == 0 && len(runes) > 0 {
		blocks = append(blocks, block{0, len(runes), ""})
	}
	sort.SliceStable(blocks, func(i, j int) bool { return blocks[i].start < blocks[j].start })

	var out []paragraph
	mi := 0
	last := 0
	for _, b := range blocks {
		if b.start < last || b.end > len(runes) || b.start >= b.end {
			continue // overlapping or bad block: skip rather than repeat text
		}
		last = b.end
		p := paragraph{Class: b.class}
		pos := b.start
		for mi < len(marks) && marks[mi].start < b.start {
			mi++
		}
		for j := mi; j < len(marks) && marks[j].start < b.end; j++ {
			m := marks[j]
			if m.start < pos || m.end > b.end || m.end <= m.start {
				continue
			}
			if m.start > pos {
				p.Segments = append(p.Segments, segment{Text: string(runes[pos:m.start])})
			}
			seg := m.seg
			seg.Text = string(runes[m.start:m.end])
			p.Segments = append(p.Segments, seg)
			pos = m.end
		}
		if pos < b.end {
			p.Segments = append(p.Segments, segment{Text: string(runes[pos:b.end])})
		}
		out = append(out, p)
	}
	return out
}

// pathEscape escapes an entity key for a URL path segment.
func pathEscape(s string) string {
	return strings.NewReplacer("%", "%25", "/", "%2F", "?", "%3F", "#", "%23", " ", "%20").Replace(s)
}

// timelineSVG draws mentions per day as a bar chart, oldest on the right
// (the page is right-to-left).
func timelineSVG(days []store.DayCount) template.HTML {
	if len(days) == 0 {
		return ""
	}
	var sorted []store.DayCount
	for _, d := range days {
		if _, err := time.Parse("2006-01-02", d.Day); err == nil {
			sorted = append(sorted, d)
		}
	}
	if len(sorted) == 0 {
		return ""
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Day < sorted[j].Day })
	first, err1 := time.Parse("2006-01-02", sorted[0].Day)
	lastDay, err2 := time.Parse("2006-01-02", sorted[len(sorted)-1].Day)
	if err1 != nil || err2 != nil {
		return ""
	}
	span := int(lastDay.Sub(first).Hours()/24) + 1
	if span < 30 { // at least a month, so that a few days do not fill the chart
		first = lastDay.AddDate(0, 0, -29)
		span = 30
	}
	peak := 1
	for _, d := range sorted {
		if d.Count > peak {
			peak = d.Count
		}
	}
	const w, h = 600.0, 120.0
	bw := w / float64(span)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="timeline" viewBox="0 0 %.0f %.0f" role="img" aria-label="mentions per day">`, w, h+20)
	for _, d := range sorted {
		t, err := time.Parse("2006-01-02", d.Day)
		if err != nil {
			continue
		}
		i := int(t.Sub(first).Hours() / 24)
		bh := h * float64(d.Count) / float64(peak)
		x := w - float64(i+1)*bw
		fmt.Fprintf(&b, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f"><title>%s: %d</title></rect>`,
			x, h-bh, max(bw-1, 1), bh, template.HTMLEscapeString(d.Day), d.Count)
	}
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="end">%s</text><text x="0" y="%.0f" text-anchor="start">%s</text></svg>`,
		w, h+16, first.Format("2006-01-02"), h+16, sorted[len(sorted)-1].Day)
	return template.HTML(b.String())
}
