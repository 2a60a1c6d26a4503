package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"mime"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/article"
	"github.com/khabar/khabar/temporal"
)

// stages holds the loaded models of every stage.
type stages struct{}

func loadStages() (stages, error) { return stages{}, nil }

// structure turns a raw document into an Analysis holding the article's
// text and structure. Metadata that came with the document fills what
// the article itself does not say.
func (st stages) structure(doc Document, opt Options) (*khabar.Analysis, error) {
	ref := doc.Date
	if ref.IsZero() {
		ref = opt.RefDate
	}
	aopt := article.Options{MaxSize: int64(opt.MaxBytes), Ref: ref}
	var art *article.Article
	var err error
	if doc.Title != "" && isPlainText(doc.ContentType) {
		// A body with its title in metadata (a feed item, an API call):
		// read it as a record so that the title leads the text.
		rec := map[string]string{"title": doc.Title, "content": string(doc.Body), "url": doc.URL, "source": doc.Source, "author": doc.Author}
		if !doc.Date.IsZero() {
			rec["date"] = doc.Date.Format(time.RFC3339)
		}
		data, _ := json.Marshal(rec)
		art, err = article.ParseRecord(data, aopt)
	} else {
		art, err = article.Parse(bytes.NewReader(doc.Body), doc.ContentType, aopt)
	}
	if err != nil {
		return nil, err
	}
	a := art.Analysis()
	if a.URL == "" {
		a.URL = doc.URL
	}
	if a.Source == "" {
		a.Source = doc.Source
	}
	if a.Author == "" {
		a.Author = doc.Author
	}
	if a.Published == "" && !doc.Date.IsZero() {
		a.Published = doc.Date.Format("2006-01-02")
	}
	return a, nil
}

func isPlainText(ct string) bool {
	mt, _, _ := mime.ParseMediaType(ct)
	return ct == "" || mt == "text/plain"
}

// annotate runs the text-level stages over a.Text.
func (st stages) annotate(ctx context.Context, a *khabar.Analysis, opt Options) {
	a.Sentences = arabic.Sentences(a.Text)
	toks := arabic.Tokenize(a.Text)
	if opt.Tokens {
		a.Tokens = make([]khabar.Token, len(toks))
		for i, t := range toks {
			a.Tokens[i] = khabar.Token{Text: t.Text, Start: t.Start, End: t.End, Kind: t.Kind.String()}
		}
	}
	ref := refDate(a, opt)
	for _, e := range temporal.Find(a.Text, temporal.Options{Ref: ref}) {
		a.Dates = append(a.Dates, khabar.Date{Text: e.Text, Start: e.Start, End: e.End, Value: e.Value,
			Grain: string(e.Grain), Calendar: e.Calendar, Interval: e.Interval, Note: e.Note})
	}
}

// refDate picks the reference date for relative expressions: the
// dateline's date, else the published date, else the configured one.
func refDate(a *khabar.Analysis, opt Options) time.Time {
	for _, s := range []string{dlDate(a), a.Published} {
		if t, err := time.Parse("2006-01-02", s); err == nil {
			return t
		}
	}
	return opt.RefDate
}

func dlDate(a *khabar.Analysis) string {
	if a.Dateline == nil {
		return ""
	}
	return a.Dateline.Date
}
