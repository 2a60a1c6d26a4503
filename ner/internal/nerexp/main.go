// Command nerexp trains a tagger on a chosen mix of corpora and scores it
// on every NER test set of ../shared/data in one run: the ablation rows
// of the NER figures come from it.
//
//	go run ./ner/internal/nerexp -data ../shared/data -corpora anercorp,wikifane [-groups all,-kb] [-out model.bin]
package main

import (
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/khabar/khabar/ner"
	"github.com/khabar/khabar/wordclass"
)

func main() {
	data := flag.String("data", "../shared/data", "the shared data folder")
	corpora := flag.String("corpora", "anercorp", "training corpora: anercorp, wikifane (its training part), newsfane (sentences not overlapping ANERcorp test)")
	groups := flag.String("groups", "all", "feature groups")
	iter := flag.Int("iter", 10, "training passes")
	minCount := flag.Int("mincount", 2, "feature count cutoff")
	dropout := flag.Float64("dropout", 0.25, "word dropout")
	out := flag.String("out", "", "write the model here")
	model := flag.String("model", "", "score this model instead of training one")
	classes := flag.String("classes", "", "word classes file (instead of the embedded ones)")
	flag.Parse()
	if *classes != "" {
		f, err := os.Open(*classes)
		if err != nil {
			fmt.Fprintln(os.Stderr, "nerexp:", err)
			os.Exit(1)
		}
		var r io.Reader = f
		if strings.HasSuffix(*classes, ".gz") {
			if r, err = gzip.NewReader(f); err != nil {
				fmt.Fprintln(os.Stderr, "nerexp:", err)
				os.Exit(1)
			}
		}
		c, err := wordclass.Read(r)
		if err != nil {
			fmt.Fprintln(os.Stderr, "nerexp:", err)
			os.Exit(1)
		}
		ner.UseWordClasses(c)
	}
	if err := run(*data, *corpora, *groups, *iter, *minCount, *dropout, *out, *model); err != nil {
		fmt.Fprintln(os.Stderr, "nerexp:", err)
		os.Exit(1)
	}
}

func read(path string, fane bool) ([]ner.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fane {
		return ner.ReadFANE(f)
	}
	return ner.ReadCoNLL(f)
}

func run(data, corpora, groups string, iter, minCount int, dropout float64, out, model string) error {
	wiki, err := read(filepath.Join(data, "wikifane-gold/WikiFANE_Gold_2014_500K.clean.conll"), true)
	if err != nil {
		return err
	}
	wikiTrain, wikiTest := ner.SplitFANE(wiki)
	var t *ner.Tagger
	if model != "" {
		f, err := os.Open(model)
		if err != nil {
			return err
		}
		t, err = ner.Load(f)
		f.Close()
		if err != nil {
			return err
		}
	} else {
		var train []ner.Sentence
		for _, c := range strings.Split(corpora, ",") {
			switch c {
			case "anercorp":
				s, err := read(filepath.Join(data, "anercorp/ANERCorp_CamelLab_train.repro.txt"), false)
				if err != nil {
					return err
				}
				train = append(train, s...)
			case "wikifane":
				train = append(train, wikiTrain...)
			case "newsfane":
				nf, err := read(filepath.Join(data, "newsfane-gold/NewsFANE_Gold_2014_170K.clean.conll"), true)
				if err != nil {
					return err
				}
				test, err := read(filepath.Join(data, "anercorp/ANERCorp_CamelLab_test.repro.txt"), false)
				if err != nil {
					return err
				}
				kept, dropped := ner.DropOverlap(nf, test, 5)
				for i := range kept {
					kept[i].Domain = "newsfane"
				}
				fmt.Fprintf(os.Stderr, "newsfane: %d sentences kept, %d dropped for sharing a 5-gram with the ANERcorp test split\n", len(kept), dropped)
				train = append(train, kept...)
			default:
				return fmt.Errorf("unknown corpus %q", c)
			}
		}
		g, err := ner.ParseGroups(groups)
		if err != nil {
			return err
		}
		start := time.Now()
		t, err = ner.Train(context.Background(), train, ner.TrainOptions{Iterations: iter, Groups: g, Seed: 1, MinCount: minCount, WordDropout: dropout})
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "trained on %d sentences in %s, %d features\n", len(train), time.Since(start).Round(time.Second), t.Features())
		if out != "" {
			w, err := os.Create(out)
			if err != nil {
				return err
			}
			if err := t.Save(w); err != nil {
				return err
			}
			if err := w.Close(); err != nil {
				return err
			}
		}
	}
	tests := map[string][]ner.Sentence{"wikifane-test": wikiTest}
	if tests["anercorp-test"], err = read(filepath.Join(data, "anercorp/ANERCorp_CamelLab_test.repro.txt"), false); err != nil {
		return err
	}
	if tests["wojood"], err = read(filepath.Join(data, "wojood-sample/test.txt"), false); err != nil {
		return err
	}
	files, _ := filepath.Glob(filepath.Join(data, "aqmar/articles/*.txt"))
	sort.Strings(files)
	for _, f := range files {
		s, err := read(f, false)
		if err != nil {
			return err
		}
		tests["aqmar"] = append(tests["aqmar"], s...)
	}
	fmt.Printf("corpora=%s groups=%s iter=%d mincount=%d dropout=%g\n", corpora, groups, iter, minCount, dropout)
	for _, name := range []string{"anercorp-test", "aqmar", "wojood", "wikifane-test"} {
		sents := tests[name]
		words := make([][]string, len(sents))
		for i, s := range sents {
			words[i] = s.Words
		}
		preds := t.TagSentences(words)
		var types []string
		if name == "aqmar" || name == "wojood" {
			types = []string{"PER", "ORG", "LOC"}
		}
		sc := ner.Scorer{Types: types}
		for i, s := range sents {
			sc.Add(s.Labels, preds[i])
		}
		r := sc.Score()
		fmt.Printf("%-14s F1 %5.2f P %5.2f R %5.2f | %s\n", name, r.F1, r.Precision, r.Recall, byType(r))
	}
	return nil
}

func byType(r ner.Score) string {
	var b strings.Builder
	for _, k := range ner.Types {
		if s, ok := r.ByType[k]; ok {
			fmt.Fprintf(&b, "%s %5.2f  ", k, s.F1)
		}
	}
	return b.String()
}
