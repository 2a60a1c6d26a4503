package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/evalentities"
	"github.com/khabar/khabar/kb"
	"github.com/khabar/khabar/pipeline"
)

func kbCommands() map[string]command {
	return map[string]command{
		"lookup": {"print the entries a name may refer to", cmdKBLookup, nil},
		"stats":  {"print what the knowledge base holds", cmdKBStats, nil},
	}
}

func cmdKB(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, args, "khabar kb", "kb command", kbCommands())
}

// cmdKBLookup prints the knowledge-base entries a name may refer to.
func cmdKBLookup(_ context.Context, e *env, args []string) error {
	fs := newFlagCmd(e, "kb lookup", "khabar kb lookup [--json] NAME...")
	fs.jsonHelp("print the entries as JSON")
	if ok, err := fs.parse(args, true); !ok {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("kb lookup needs a NAME")
	}
	name := strings.Join(fs.Args(), " ")
	cands := kb.Default().LookupCandidates(name)
	if len(cands) == 0 {
		return fmt.Errorf("%q: not in the knowledge base", name)
	}
	if fs.json() {
		type out struct {
			Match string    `json:"match"`
			Entry *kb.Entry `json:"entry"`
		}
		var list []out
		for _, c := range cands {
			list = append(list, out{c.Kind.String(), c.Entry})
		}
		return fs.writeJSON(list)
	}
	var b strings.Builder
	for _, c := range cands {
		x := c.Entry
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s (%s)", x.ID, x.Type, x.Kind, x.NameAr, x.NameEn)
		for _, f := range []struct{ k, v string }{{"match", c.Kind.String()}, {"country", x.Country}, {"wikidata", x.Wikidata},
			{"capital", x.Capital}, {"parent", x.Parent}, {"office", x.Office}} {
			if f.v != "" {
				fmt.Fprintf(&b, "\t%s=%s", f.k, f.v)
			}
		}
		b.WriteByte('\n')
	}
	_, err := fmt.Fprint(e.stdout, b.String())
	return err
}

// cmdKBStats prints what the knowledge base holds.
func cmdKBStats(_ context.Context, e *env, args []string) error {
	c := newFlagCmd(e, "kb stats", "khabar kb stats [--json]")
	c.jsonHelp("print the counts as JSON")
	if ok, err := c.parse(args, false); !ok {
		return err
	}
	st := kb.Default().Stats()
	if c.json() {
		return c.writeJSON(struct {
			Countries     int `json:"countries"`
			Cities        int `json:"cities"`
			Organizations int `json:"organizations"`
			People        int `json:"people"`
			Aliases       int `json:"aliases"`
		}{st.Countries, st.Cities, st.Organizations, st.People, st.Aliases})
	}
	_, err := fmt.Fprintln(e.stdout, st)
	return err
}

// analyzeForEval runs the whole analysis for eval entities. It is a
// variable so that the pipeline's options can be chosen in one place.
var analyzeForEval = func(ctx context.Context, name string, body []byte) (*khabar.Analysis, error) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		return nil, err
	}
	return p.Analyze(ctx, khabar.RawDocument{Name: name, Body: body})
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// cmdEvalEntities scores the analysis of articles against gold readings
// of the form of examples/*.gold.json.
func cmdEvalEntities(ctx context.Context, e *env, args []string) error {
	fs := newFlagCmd(e, "eval entities", "khabar eval entities [--json] [-v] (--gold FILE... | --data DIR)")
	var gold listFlag
	fs.Var(&gold, "gold", "gold `FILE` (repeatable; further FILEs may follow the flags)")
	data := fs.String("data", "", "score every *.gold.json in `DIR`")
	verbose := fs.Bool("v", false, "list every error")
	if ok, err := fs.parse(args, true); !ok {
		return err
	}
	files := append([]string(gold), fs.Args()...)
	if *data != "" {
		m, err := filepath.Glob(filepath.Join(*data, "*.gold.json"))
		if err != nil {
			return usagef("--data %q: %v", *data, err)
		}
		if len(m) == 0 {
			return fmt.Errorf("%s: no *.gold.json files", *data)
		}
		sort.Strings(m)
		files = append(files, m...)
	}
	if len(files) == 0 {
		return usagef("eval entities needs --gold FILE or --data DIR")
	}
	var total evalentities.Report
	for _, f := range files {
		rep, err := scoreGoldFile(ctx, f)
		if err != nil {
			return err
		}
		total.Merge(rep)
	}
	if fs.json() {
		if !*verbose {
			total.Errors = nil
		}
		return fs.writeJSON(struct {
			Files int `json:"files"`
			evalentities.Report
		}{len(files), total})
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d gold file(s)\n%s", len(files), total)
	if *verbose {
		for _, s := range total.Errors {
			fmt.Fprintln(&b, "  "+s)
		}
	}
	_, err := e.stdout.Write(b.Bytes())
	return err
}

// scoreGoldFile analyzes the article a gold file names and scores it.
func scoreGoldFile(ctx context.Context, path string) (evalentities.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return evalentities.Report{}, err
	}
	g, err := evalentities.ReadGold(f, path)
	f.Close()
	if err != nil {
		return evalentities.Report{}, err
	}
	if g.File == "" {
		return evalentities.Report{}, fmt.Errorf("%s: no \"file\" naming the article", path)
	}
	article := g.File
	if !filepath.IsAbs(article) {
		article = filepath.Join(filepath.Dir(path), article)
	}
	body, err := os.ReadFile(article)
	if err != nil {
		return evalentities.Report{}, fmt.Errorf("%s: article: %w", path, err)
	}
	if len(body) > maxInput {
		return evalentities.Report{}, fmt.Errorf("%s: %d bytes, over the %d-byte limit", article, len(body), maxInput)
	}
	a, err := analyzeForEval(ctx, article, body)
	if err != nil {
		return evalentities.Report{}, fmt.Errorf("%s: %w", article, err)
	}
	return evalentities.Score(a, g), nil
}
