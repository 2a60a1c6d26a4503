package scalebench

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"
)

// series is one line of a panel.
type series struct {
	name string
	ys   []float64 // by step; NaN: no value
}

// panel is one chart of the plot.
type panel struct {
	title  string
	series []series
}

// panels returns the charts of the plot: each measure against size.
func panels(rep *Report) []panel {
	get := func(f func(st Step) float64) []float64 {
		ys := make([]float64, len(rep.Steps))
		for i, st := range rep.Steps {
			ys[i] = f(st)
		}
		return ys
	}
	probe := func(f func(p *ProbeResult) float64) []float64 {
		return get(func(st Step) float64 {
			if st.Probe == nil {
				return math.NaN()
			}
			return f(st.Probe)
		})
	}
	lat := func(q func(r *SetResult) float64) []series {
		var out []series
		for _, s := range []string{SetMixed, SetMixedFacets, SetPhrase, SetPrefix, SetEntity} {
			out = append(out, series{s, probe(func(p *ProbeResult) float64 {
				if r := p.Set(s); r != nil && r.Queries > 0 {
					return q(r)
				}
				return math.NaN()
			})})
		}
		return out
	}
	return []panel{
		{"ingest, documents/s", []series{
			{"pre-analyzed", get(func(st Step) float64 { return st.IngestRate })},
			{"pre-analyzed per CPU-s", get(func(st Step) float64 { return st.IngestCPURate })},
			{"pre-analyzed, concurrent writers", get(func(st Step) float64 {
				if st.WritersN == 0 {
					return math.NaN()
				}
				return st.WritersRate
			})},
			{"full analysis (sample)", get(func(st Step) float64 {
				if st.AnalyzedN == 0 {
					return math.NaN()
				}
				return st.AnalyzedRate
			})},
		}},
		{"disk, MB", []series{{"database + WAL", get(func(st Step) float64 { return st.DiskMB })}}},
		{"memory, MB", []series{
			{"search process peak RSS", probe(func(p *ProbeResult) float64 { return p.PeakRSSMB })},
			{"postings cache", probe(func(p *ProbeResult) float64 { return p.PostingsMB })},
		}},
		{"open, ms", []series{
			{"open to first answer", probe(func(p *ProbeResult) float64 { return p.OpenToFirstMS })},
			{"full warm-up", probe(func(p *ProbeResult) float64 { return p.WarmMS })},
		}},
		{"query p50, ms", lat(func(r *SetResult) float64 { return r.P50MS })},
		{"query p99, ms", lat(func(r *SetResult) float64 { return r.P99MS })},
	}
}

var colours = []string{"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"}

// WriteSVG draws each measure of rep against the number of documents
// (logarithmic axis) as an SVG image of six charts.
func WriteSVG(w io.Writer, rep *Report, title string) error {
	const (
		pw, ph       = 380, 290 // panel size
		cols         = 3
		ml, mr       = 58, 12 // margins inside a panel
		mt, mb       = 28, 118
		top          = 34
		legendHeight = 14
	)
	ps := panels(rep)
	rows := (len(ps) + cols - 1) / cols
	W, H := cols*pw, top+rows*ph
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`+"\n", W, H, W, H)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="white"/>`+"\n", W, H)
	fmt.Fprintf(&b, `<text x="%d" y="20" font-size="14" text-anchor="middle">%s</text>`+"\n", W/2, html.EscapeString(title))
	xs := make([]float64, len(rep.Steps))
	for i, st := range rep.Steps {
		xs[i] = float64(max(st.Size, 1))
	}
	xmin, xmax := bounds(xs)
	lxmin, lxmax := math.Log10(xmin), math.Log10(xmax)
	if lxmax-lxmin < 1e-9 {
		lxmin, lxmax = lxmin-0.5, lxmax+0.5
	}
	for pi, p := range ps {
		ox, oy := (pi%cols)*pw, top+(pi/cols)*ph
		x0, x1 := float64(ox+ml), float64(ox+pw-mr)
		y0, y1 := float64(oy+ph-mb), float64(oy+mt)
		var all []float64
		for _, s := range p.series {
			all = append(all, s.ys...)
		}
		_, ymax := bounds(all)
		ymax = niceCeil(ymax)
		px := func(x float64) float64 { return x0 + (math.Log10(x)-lxmin)/(lxmax-lxmin)*(x1-x0) }
		py := func(y float64) float64 { return y0 - y/ymax*(y0-y1) }
		fmt.Fprintf(&b, `<text x="%.0f" y="%d" font-size="12" font-weight="bold">%s</text>`+"\n", x0, oy+mt-10, html.EscapeString(p.title))
		fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="%.0f" height="%.0f" fill="none" stroke="#999"/>`+"\n", x0, y1, x1-x0, y0-y1)
		for k := 0; k <= 4; k++ {
			y := ymax * float64(k) / 4
			fmt.Fprintf(&b, `<line x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f" stroke="#eee"/><text x="%.0f" y="%.1f" text-anchor="end">%s</text>`+"\n",
				x0, x1, py(y), py(y), x0-4, py(y)+4, axisText(y))
		}
		for _, x := range xs {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" text-anchor="middle">%s</text>`+"\n", px(x), y0+14, count(int(x)))
		}
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="middle" fill="#555">documents (log scale)</text>`+"\n", (x0+x1)/2, y0+28)
		for si, s := range p.series {
			c := colours[si%len(colours)]
			var pts []string
			for i, y := range s.ys {
				if math.IsNaN(y) {
					continue
				}
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", px(xs[i]), py(y)))
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s"/>`+"\n", px(xs[i]), py(y), c)
			}
			if len(pts) > 1 {
				fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="1.5"/>`+"\n", strings.Join(pts, " "), c)
			}
			ly := y0 + 42 + float64(si)*legendHeight
			fmt.Fprintf(&b, `<line x1="%.0f" x2="%.0f" y1="%.0f" y2="%.0f" stroke="%s" stroke-width="2"/><text x="%.0f" y="%.0f">%s</text>`+"\n",
				x0, x0+16, ly-4, ly-4, c, x0+20, ly, html.EscapeString(s.name))
		}
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// bounds returns the least and greatest of the numbers in vs that are
// not NaN, (1, 1) when there are none.
func bounds(vs []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	if math.IsInf(lo, 1) {
		return 1, 1
	}
	return lo, hi
}

// niceCeil rounds v up to 1, 2, 2.5 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	if v <= 0 || math.IsNaN(v) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

func axisText(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%gM", v/1e6)
	case v >= 1e4:
		return fmt.Sprintf("%gk", v/1e3)
	}
	return fmt.Sprintf("%g", v)
}
