package pipeline

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/temporal"
)

// stages holds the loaded models of every stage.
type stages struct{}

func loadStages() (stages, error) { return stages{}, nil }

// structure turns a raw document into an Analysis holding the article's
// text and structure.
func (st stages) structure(doc Document, opt Options) (*khabar.Analysis, error) {
	text := strings.TrimSpace(strings.ReplaceAll(string(doc.Body), "\r\n", "\n"))
	a := &khabar.Analysis{Schema: khabar.Schema, Text: text, URL: doc.URL, Source: doc.Source, Author: doc.Author, Lang: "ar"}
	if text != "" {
		a.Paragraphs = [][2]int{{0, utf8.RuneCountInString(text)}}
	}
	if !doc.Date.IsZero() {
		a.Published = doc.Date.Format("2006-01-02")
	}
	return a, nil
}

// annotate runs the text-level stages over a.Text.
func (st stages) annotate(ctx context.Context, a *khabar.Analysis, opt Options) {
	a.Sentences = arabic.Sentences(a.Text)
	toks := arabic.Tokenize(a.Text)
	if opt.Tokens {
		a.Tokens = make([]khabar.Token, len(toks))
		for i, t := range toks {
			a.Tokens[i] = khabar.Token{Text: t.Text, Start: t.Start, End: t.End, Kind: kindName(t.Kind)}
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

func kindName(k arabic.TokenKind) string {
	names := [...]string{"word", "number", "latin", "punct", "url", "email", "hashtag", "handle", "emoji", "symbol"}
	if int(k) < len(names) {
		return names[k]
	}
	return "other"
}
