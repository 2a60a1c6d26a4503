package scalebench

import (
	"fmt"
	"io"
	"strings"
)

// Set names of the query sets that DefaultSets makes, in table order.
const (
	SetMixed       = "mixed"        // the 100 mixed queries, no facets
	SetMixedFacets = "mixed+facets" // the same with 5 values per facet
	SetPhrase      = "phrase"
	SetPrefix      = "prefix"
	SetEntity      = "entity"
)

// Set returns the result of the named set, or nil.
func (p *ProbeResult) Set(name string) *SetResult {
	if p == nil {
		return nil
	}
	for i := range p.Sets {
		if p.Sets[i].Name == name {
			return &p.Sets[i]
		}
	}
	return nil
}

// stepLine is the one-line progress report of a step.
func stepLine(st Step) string {
	s := fmt.Sprintf("%s documents (%d synthetic): ingest %.0f docs/s (%.0f per CPU-s), disk %.0f MB",
		count(st.Size), st.Synthetic, st.IngestRate, st.IngestCPURate, st.DiskMB)
	if st.WritersN > 0 {
		s += fmt.Sprintf(", %d writers %.0f docs/s", st.Writers, st.WritersRate)
	}
	if st.AnalyzedN > 0 {
		s += fmt.Sprintf(", analyzed %.0f docs/s", st.AnalyzedRate)
	}
	if st.StoryN > 0 {
		s += fmt.Sprintf(", stories %.0f µs/doc (%d open)", st.StoryUS, st.OpenStories)
	}
	if p := st.Probe; p != nil {
		s += fmt.Sprintf(", serve RSS %.0f MB, first answer %.0f ms", p.PeakRSSMB, p.OpenToFirstMS)
		if m := p.Set(SetMixedFacets); m != nil {
			s += fmt.Sprintf(", mixed+facets p50 %.2f p99 %.1f ms", m.P50MS, m.P99MS)
		}
	}
	return s
}

// count writes n as 2k, 30k, 1.5m or 999.
func count(n int) string {
	switch {
	case n >= 1e6 && n%100000 == 0:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/1e6), ".0") + "m"
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

// WriteTable writes the report as a Markdown table, one row per size.
// The concurrent writers' column, and the story clustering columns
// (µs per document, of which the writer's, and open stories), are there
// when a step measured them.
func WriteTable(w io.Writer, rep *Report) error {
	writers, stories := 0, false
	for _, st := range rep.Steps {
		writers = max(writers, st.Writers)
		stories = stories || st.StoryN > 0
	}
	var b strings.Builder
	b.WriteString("| documents | synthetic | ingest docs/s (per CPU-s) |")
	cols := 8
	if writers > 0 {
		fmt.Fprintf(&b, " %d writers docs/s (per CPU-s) |", writers)
		cols++
	}
	if stories {
		b.WriteString(" story µs/doc (writer's) | open stories |")
		cols += 2
	}
	b.WriteString(" analyzed docs/s | disk MB | serve peak RSS MB | open → first answer ms | warm ms |")
	sets := []string{SetMixed, SetMixedFacets, SetPhrase, SetPrefix, SetEntity}
	for _, s := range sets {
		fmt.Fprintf(&b, " %s p50 / p99 ms |", s)
	}
	b.WriteString("\n|" + strings.Repeat("---|", cols+len(sets)) + "\n")
	for _, st := range rep.Steps {
		fmt.Fprintf(&b, "| %s | %s | %.0f (%.0f) |", count(st.Size), count(st.Synthetic), st.IngestRate, st.IngestCPURate)
		if writers > 0 {
			if st.WritersN > 0 {
				fmt.Fprintf(&b, " %.0f (%.0f) |", st.WritersRate, st.WritersCPURate)
			} else {
				b.WriteString(" — |")
			}
		}
		if stories {
			if st.StoryN > 0 {
				fmt.Fprintf(&b, " %.0f (%.0f) | %d |", st.StoryUS, st.StoryClusterUS+st.StoryRecordUS, st.OpenStories)
			} else {
				b.WriteString(" — | — |")
			}
		}
		analyzed := "—"
		if st.AnalyzedN > 0 {
			analyzed = fmt.Sprintf("%.0f", st.AnalyzedRate)
		}
		fmt.Fprintf(&b, " %s | %.0f |", analyzed, st.DiskMB)
		p := st.Probe
		if p == nil {
			b.WriteString(strings.Repeat(" — |", 3+len(sets)) + "\n")
			continue
		}
		warm := fmt.Sprintf("%.0f", p.WarmMS)
		if rep.Backend == "postgres" {
			warm = "—" // nothing to warm
		}
		fmt.Fprintf(&b, " %.0f | %.0f | %s |", p.PeakRSSMB, p.OpenToFirstMS, warm)
		for _, s := range sets {
			if r := p.Set(s); r != nil && r.Queries > 0 {
				fmt.Fprintf(&b, " %s / %s |", msText(r.P50MS), msText(r.P99MS))
			} else {
				b.WriteString(" — |")
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func msText(v float64) string {
	switch {
	case v < 10:
		return fmt.Sprintf("%.2f", v)
	case v < 100:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.0f", v)
}
