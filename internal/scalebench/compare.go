package scalebench

import (
	"fmt"
	"io"
	"strings"
)

// WriteComparison writes, as a Markdown table, the query p50 and p99 of
// two reports side by side at every size both measured, with the ratio
// of a's p50 to b's: how the backend of a compares with b's on the same
// queries. Sizes measured by only one report are left out.
func WriteComparison(w io.Writer, a, b *Report) error {
	var sb strings.Builder
	fmt.Fprintf(&sb, "| documents | query set | %[1]s p50 ms | %[2]s p50 ms | %[1]s ÷ %[2]s p50 | %[1]s p99 ms | %[2]s p99 ms |\n", a.Backend, b.Backend)
	sb.WriteString("|---|---|---|---|---|---|---|\n")
	for _, sa := range a.Steps {
		var pb *ProbeResult
		for _, sb := range b.Steps {
			if sb.Size == sa.Size {
				pb = sb.Probe
			}
		}
		if sa.Probe == nil || pb == nil {
			continue
		}
		for _, name := range []string{SetMixed, SetMixedFacets, SetPhrase, SetPrefix, SetEntity} {
			ra, rb := sa.Probe.Set(name), pb.Set(name)
			if ra == nil || rb == nil || ra.Queries == 0 || rb.Queries == 0 {
				continue
			}
			ratio := "—"
			if rb.P50MS > 0 {
				ratio = fmt.Sprintf("%.1f×", ra.P50MS/rb.P50MS)
			}
			fmt.Fprintf(&sb, "| %s | %s | %s | %s | %s | %s | %s |\n", count(sa.Size), name,
				msText(ra.P50MS), msText(rb.P50MS), ratio, msText(ra.P99MS), msText(rb.P99MS))
		}
	}
	_, err := io.WriteString(w, sb.String())
	return err
}
