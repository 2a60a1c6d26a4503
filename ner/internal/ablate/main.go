// Command ablate trains the NER tagger on the first part of a CoNLL file
// and reports dev F1 with all feature groups and with each group removed
// (an ablation table), with the training defaults of khabar train ner.
// From the module root (-folds 3 pools three cross-validation folds):
//
//	go run ./ner/internal/ablate -train ../shared/data/anercorp/ANERCorp_CamelLab_train.repro.txt -folds 3
//
// With -predict FILE -dump OUT it instead tags FILE with the embedded
// model and writes word, gold and predicted labels for error analysis.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/khabar/khabar/ner"
)

func main() {
	train := flag.String("train", "", "CoNLL training file")
	frac := flag.Float64("dev-frac", 0.1, "last fraction of the file used as dev")
	folds := flag.Int("folds", 0, "instead of one dev part, pool K contiguous cross-validation folds")
	iter := flag.Int("iter", 10, "training passes")
	only := flag.String("groups", "", "train once with these groups instead of the ablation")
	verbose := flag.Bool("v", false, "print per-pass dev F1")
	biases := flag.String("bias", "", "instead of ablation rows, score these comma-separated recall biases (all groups)")
	flag.Float64Var(&dropout, "dropout", 0.25, "word dropout probability (TrainOptions.WordDropout)")
	flag.IntVar(&minCount, "mincount", 2, "drop features seen fewer times in training (TrainOptions.MinCount)")
	flag.StringVar(&dumpPath, "dump", "", "write the dev sentences of the last row as word, gold and predicted label columns to this file")
	predict := flag.String("predict", "", "instead of training, tag this CoNLL file with the embedded model and write it to -dump")
	flag.Parse()
	if *predict != "" {
		if err := predictFile(*predict); err != nil {
			fmt.Fprintln(os.Stderr, "ablate:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*train, *frac, *folds, *iter, *only, *verbose, *biases); err != nil {
		fmt.Fprintln(os.Stderr, "ablate:", err)
		os.Exit(1)
	}
}

func run(path string, frac float64, folds, iter int, only string, verbose bool, biases string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	sents, err := ner.ReadCoNLL(f)
	f.Close()
	if err != nil {
		return err
	}
	var splits []fold
	if folds > 1 {
		for k := 0; k < folds; k++ {
			a, b := k*len(sents)/folds, (k+1)*len(sents)/folds
			tr := append(append([]ner.Sentence(nil), sents[:a]...), sents[b:]...)
			splits = append(splits, fold{tr, sents[a:b]})
		}
	} else {
		cut := len(sents) - int(float64(len(sents))*frac)
		splits = []fold{{sents[:cut], sents[cut:]}}
	}
	type row struct {
		name   string
		groups uint32
	}
	rows := []row{{"all", ner.FeatAll}}
	if only != "" {
		g, err := ner.ParseGroups(only)
		if err != nil {
			return err
		}
		rows = []row{{only, g}}
	} else {
		names := make([]string, 0, len(ner.FeatureGroups))
		for n := range ner.FeatureGroups {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			rows = append(rows, row{"-" + n, ner.FeatAll &^ ner.FeatureGroups[n]})
		}
	}
	if biases != "" {
		return biasTable(splits, iter, biases)
	}
	fmt.Printf("| features | dev F1 | PER | ORG | LOC | MISC | train s |\n|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		start := time.Now()
		var scorer ner.Scorer
		for _, sp := range splits {
			opt := ner.TrainOptions{Iterations: iter, Groups: r.groups, Seed: 1, MinCount: minCount, WordDropout: dropout}
			if verbose {
				opt.Dev, opt.Log = sp.dev, os.Stderr
			}
			t, err := ner.Train(context.Background(), sp.tr, opt)
			if err != nil {
				return err
			}
			words := make([][]string, len(sp.dev))
			for i, s := range sp.dev {
				words[i] = s.Words
			}
			pred := t.TagSentences(words)
			for i, p := range pred {
				scorer.Add(sp.dev[i].Labels, p)
			}
			if dumpPath != "" && len(splits) == 1 {
				if err := dump(sp.dev, pred); err != nil {
					return err
				}
			}
		}
		el := time.Since(start)
		sc := scorer.Score()
		fmt.Printf("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f |\n", r.name, sc.F1,
			sc.ByType["PER"].F1, sc.ByType["ORG"].F1, sc.ByType["LOC"].F1, sc.ByType["MISC"].F1, el.Seconds())
	}
	return nil
}

// dumpPath is where -dump writes dev predictions ("" for nowhere).
var dumpPath string

// minCount is TrainOptions.MinCount for every model trained.
var minCount int

// dropout is TrainOptions.WordDropout for every model trained.
var dropout float64

// dump writes words with their gold and predicted labels, one token a
// line, sentences separated by blank lines.
func dump(sents []ner.Sentence, pred [][]string) error {
	var b strings.Builder
	for i, s := range sents {
		for j, w := range s.Words {
			fmt.Fprintf(&b, "%s %s %s\n", w, s.Labels[j], pred[i][j])
		}
		b.WriteByte('\n')
	}
	return os.WriteFile(dumpPath, []byte(b.String()), 0o644)
}

// predictFile tags the CoNLL file at path with the embedded model and
// dumps it (see dump) for error analysis.
func predictFile(path string) error {
	if dumpPath == "" {
		return fmt.Errorf("-predict needs -dump")
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	sents, err := ner.ReadCoNLL(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	t, err := ner.Default()
	if err != nil {
		return err
	}
	words := make([][]string, len(sents))
	for i, s := range sents {
		words[i] = s.Words
	}
	return dump(sents, t.TagSentences(words))
}

// fold is one train/dev split.
type fold struct{ tr, dev []ner.Sentence }

// biasTable trains each fold once and scores several recall biases.
func biasTable(folds []fold, iter int, list string) error {
	var bs []float32
	for _, f := range strings.Split(list, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 32)
		if err != nil {
			return err
		}
		bs = append(bs, float32(v))
	}
	scorers := make([]ner.Scorer, len(bs))
	for _, sp := range folds {
		t, err := ner.Train(context.Background(), sp.tr, ner.TrainOptions{Iterations: iter, Seed: 1, MinCount: minCount, WordDropout: dropout})
		if err != nil {
			return err
		}
		words := make([][]string, len(sp.dev))
		for i, s := range sp.dev {
			words[i] = s.Words
		}
		for k, b := range bs {
			for i, p := range t.WithRecallBias(b).TagSentences(words) {
				scorers[k].Add(sp.dev[i].Labels, p)
			}
		}
	}
	fmt.Printf("| recall bias | P | R | F1 |\n|---|---|---|---|\n")
	for k, b := range bs {
		sc := scorers[k].Score()
		fmt.Printf("| %g | %.2f | %.2f | %.2f |\n", b, sc.Precision, sc.Recall, sc.F1)
	}
	return nil
}
