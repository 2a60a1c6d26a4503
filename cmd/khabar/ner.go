package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/khabar/khabar/ner"
)

// readFANEFile reads one FANE corpus file (see ner.ReadFANE).
func readFANEFile(path string) ([]ner.Sentence, error) { return readCorpus(path, ner.ReadFANE) }

// readCoNLLFile reads one CoNLL file for train/eval.
func readCoNLLFile(path string) ([]ner.Sentence, error) { return readCorpus(path, ner.ReadCoNLL) }

// readCorpus opens path and reads its sentences with read, naming the
// file in errors.
func readCorpus(path string, read func(io.Reader) ([]ner.Sentence, error)) ([]ner.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// cmdTrainNER trains the NER tagger:
//
//	khabar train ner --train FILE [--train-fane FILE [--exclude-overlap FILE]] [--dev FILE | --dev-frac F] --out MODEL [--iter N] [--groups LIST] [--mincount N] [--dropout P]
func cmdTrainNER(ctx context.Context, e *env, args []string) error {
	fs := newFlagCmd(e, "train ner", "khabar train ner --train FILE [--train-fane FILE [--exclude-overlap FILE]] [--dev FILE | --dev-frac F] --out MODEL [--iter N] [--groups LIST] [--mincount N] [--dropout P]")
	train := fs.required("train", "CoNLL training `FILE` (ANERcorp/AQMAR/Wojood layout)")
	var fane stringList
	overlap := fs.String("exclude-overlap", "", "leave out every --train-fane sentence that shares a 5-gram with this CoNLL `FILE` (NewsFANE re-annotates ANERcorp's text: give the test split)")
	fs.Var(&fane, "train-fane", "also train on the training part of this FANE corpus `FILE` (WikiFANE/NewsFANE layout: fine classes mapped, clitics joined, the held-out tail left out); repeatable")
	dev := fs.String("dev", "", "CoNLL dev file: report dev F1 after each pass")
	devFrac := fs.Float64("dev-frac", 0, "hold out this last fraction of --train as dev (instead of --dev)")
	out := fs.required("out", "where to write the `MODEL`")
	iter := fs.Int("iter", 10, "training passes")
	groups := fs.String("groups", "all", "feature groups, e.g. all or all,-gazetteer")
	seed := fs.Uint64("seed", 1, "shuffling seed")
	minCount := fs.Int("mincount", 2, "drop features seen fewer times in training")
	dropout := fs.Float64("dropout", 0.25, "word dropout: probability of hiding a token's own-word features in a training pass")
	fs.jsonHelp("print the training summary as JSON")
	if ok, err := fs.parse(args, false); !ok {
		return err
	}
	if *dropout < 0 || *dropout >= 1 {
		return usagef("--dropout %g: want a probability in [0, 1)", *dropout)
	}
	g, err := ner.ParseGroups(*groups)
	if err != nil {
		return usagef("%v", err)
	}
	sents, err := readCoNLLFile(*train)
	if err != nil {
		return err
	}
	var devSents []ner.Sentence
	switch {
	case *dev != "":
		if devSents, err = readCoNLLFile(*dev); err != nil {
			return err
		}
	case *devFrac > 0 && *devFrac < 1:
		cut := len(sents) - int(float64(len(sents))**devFrac)
		sents, devSents = sents[:cut], sents[cut:]
	}
	var exclude []ner.Sentence
	if *overlap != "" {
		if exclude, err = readCoNLLFile(*overlap); err != nil {
			return err
		}
	}
	for _, path := range fane {
		extra, err := readFANEFile(path)
		if err != nil {
			return err
		}
		part, _ := ner.SplitFANE(extra)
		if exclude != nil {
			var dropped int
			part, dropped = ner.DropOverlap(part, exclude, 5)
			fmt.Fprintf(e.stderr, "%s: %d sentences left out for sharing a 5-gram with %s\n", path, dropped, *overlap)
		}
		sents = append(sents, part...)
	}
	start := time.Now()
	t, err := ner.Train(ctx, sents, ner.TrainOptions{Iterations: *iter, Groups: g, Seed: *seed, MinCount: *minCount, WordDropout: *dropout, Dev: devSents, Log: e.stderr})
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := t.Save(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	el := time.Since(start)
	if fs.json() {
		return fs.writeJSON(struct {
			Sentences int     `json:"sentences"`
			Features  int     `json:"features"`
			Seconds   float64 `json:"seconds"`
			Model     string  `json:"model"`
		}{len(sents), t.Features(), el.Seconds(), *out})
	}
	fmt.Fprintf(e.stderr, "trained on %d sentences in %s; %d features; wrote %s\n", len(sents), el.Round(time.Millisecond), t.Features(), *out)
	return nil
}

// nerEvalResult is the JSON printed by khabar eval ner --json.
type nerEvalResult struct {
	ner.Score
	Sentences       int     `json:"sentences"`
	Tokens          int     `json:"tokens"`
	TokensPerSecond float64 `json:"tokens_per_second"`
}

// cmdEvalNER scores the tagger on a CoNLL file:
//
//	khabar eval ner --data FILE [--fane] [--model MODEL] [--types PER,ORG,LOC] [--json]
func cmdEvalNER(ctx context.Context, e *env, args []string) error {
	fs := newFlagCmd(e, "eval ner", "khabar eval ner --data FILE [--fane] [--doc N] [--model MODEL] [--types PER,ORG,LOC] [--json]")
	data := fs.required("data", "CoNLL `FILE` to score (ANERcorp/AQMAR/Wojood layout)")
	model := fs.String("model", "", "model file (default: the embedded model)")
	types := fs.String("types", "", "score only these types, comma-separated (e.g. PER,ORG,LOC)")
	fane := fs.Bool("fane", false, "--data is a FANE corpus (WikiFANE layout): score its held-out tail, which training leaves out")
	doc := fs.Int("doc", 0, "tag as analysis does, with the document passes, in documents of `N` sentences (0: the model's labels alone, the file as one stream)")
	if ok, err := fs.parse(args, false); !ok {
		return err
	}
	if *doc < 0 {
		return fmt.Errorf("--doc %d: want 0 or more sentences", *doc)
	}
	var t *ner.Tagger
	var err error
	if *model != "" {
		f, err := os.Open(*model)
		if err != nil {
			return err
		}
		t, err = ner.Load(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", *model, err)
		}
	} else if t, err = ner.Default(); err != nil {
		return err
	}
	var sents []ner.Sentence
	if *fane {
		all, err := readFANEFile(*data)
		if err != nil {
			return err
		}
		_, sents = ner.SplitFANE(all)
	} else if sents, err = readCoNLLFile(*data); err != nil {
		return err
	}
	var only []string
	for _, s := range strings.Split(*types, ",") {
		if s = strings.TrimSpace(s); s != "" {
			only = append(only, s)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	words := make([][]string, len(sents))
	tokens := 0
	for i, s := range sents {
		words[i] = s.Words
		tokens += len(s.Words)
	}
	// The file is tagged as one document stream, so that the tagger's
	// document features see the neighbouring sentences.
	start := time.Now()
	var preds [][]string
	if *doc == 0 {
		preds = t.TagSentences(words)
	} else {
		for i := 0; i < len(words); i += *doc {
			preds = append(preds, t.TagDocument(words[i:min(i+*doc, len(words))])...)
		}
	}
	el := time.Since(start)
	sc := ner.Scorer{Types: only}
	for i, s := range sents {
		sc.Add(s.Labels, preds[i])
	}
	res := nerEvalResult{Score: sc.Score(), Sentences: len(sents), Tokens: tokens}
	if el > 0 {
		res.TokensPerSecond = float64(tokens) / el.Seconds()
	}
	if fs.json() {
		return fs.writeJSON(res)
	}
	io.WriteString(e.stdout, res.Score.String())
	_, err = fmt.Fprintf(e.stdout, "%d sentences, %d tokens, %.0f tokens/s\n", res.Sentences, res.Tokens, res.TokensPerSecond)
	return err
}
