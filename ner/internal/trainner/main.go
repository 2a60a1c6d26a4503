// Command trainner trains the NER model from a CoNLL file and writes it;
// it is what `khabar train ner` does, without the rest of the CLI, so the
// shipped model can be rebuilt while other stages are unfinished:
//
//	go run ./ner/internal/trainner -train ../shared/data/anercorp/ANERCorp_CamelLab_train.repro.txt -out ner/model.bin
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/khabar/khabar/ner"
)

func main() {
	train := flag.String("train", "", "CoNLL training file")
	out := flag.String("out", "", "model file to write")
	iter := flag.Int("iter", 10, "training passes")
	groups := flag.String("groups", "all", "feature groups")
	minCount := flag.Int("mincount", 2, "drop features seen fewer times in training")
	dropout := flag.Float64("dropout", 0.25, "word dropout probability")
	flag.Parse()
	if err := run(*train, *out, *iter, *groups, *minCount, *dropout); err != nil {
		fmt.Fprintln(os.Stderr, "trainner:", err)
		os.Exit(1)
	}
}

func run(train, out string, iter int, groups string, minCount int, dropout float64) error {
	g, err := ner.ParseGroups(groups)
	if err != nil {
		return err
	}
	f, err := os.Open(train)
	if err != nil {
		return err
	}
	sents, err := ner.ReadCoNLL(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", train, err)
	}
	t, err := ner.Train(context.Background(), sents, ner.TrainOptions{Iterations: iter, Groups: g, Seed: 1, MinCount: minCount, WordDropout: dropout, Log: os.Stderr})
	if err != nil {
		return err
	}
	w, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := t.Save(w); err != nil {
		w.Close()
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%d sentences, %d features, wrote %s\n", len(sents), t.Features(), out)
	return nil
}
