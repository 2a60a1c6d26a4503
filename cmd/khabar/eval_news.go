package main

import (
	"context"
	"path/filepath"

	"github.com/khabar/khabar/internal/evalnews"
	"github.com/khabar/khabar/internal/shareddata"
)

// defaultNewsData is the corpus of the real-news gold set, as the shared
// data directory beside the repository holds it.
func defaultNewsData() string {
	if dir, err := shareddata.Dir(); err == nil {
		return filepath.Join(dir, filepath.FromSlash(shareddata.SaudiNewsNetName))
	}
	return filepath.Join("..", "shared", "data", filepath.FromSlash(shareddata.SaudiNewsNetName))
}

// cmdEvalNews scores entities and quotes on the real-news gold set:
// khabar eval news --gold FILE... [--data FILE] [--json] [--errors].
func cmdEvalNews(ctx context.Context, e *env, args []string) error {
	const usage = "khabar eval news --gold FILE... [--data CORPUS.jsonl.gz] [--json] [--errors]"
	c := newFlagCmd(e, "eval news", usage)
	c.jsonHelp("print the report as JSON: totals, each file, each article with its errors")
	var golds stringList
	c.Var(&golds, "gold", "gold `FILE` in the format of docs/news-gold/GUIDE.md (repeatable; further files may follow the flags)")
	data := c.String("data", defaultNewsData(), "the saudinewsnet corpus `FILE` the gold line numbers refer to")
	errs := c.Bool("errors", false, "also print each article's score and every missed or extra mention and quote, wrong speaker and wrong source")
	if ok, err := c.parse(args, true); !ok {
		return err
	}
	golds = append(golds, c.Args()...)
	if len(golds) == 0 {
		return usagef("want at least one --gold FILE (usage: %s)", usage)
	}
	rep, err := evalnews.Run(ctx, evalnews.Options{Gold: golds, Data: *data})
	if err != nil {
		return err
	}
	if c.json() {
		return rep.WriteJSON(e.stdout)
	}
	return rep.WriteText(e.stdout, *errs)
}
