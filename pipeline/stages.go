package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"mime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/article"
	"github.com/khabar/khabar/event"
	"github.com/khabar/khabar/internal/matchtext"
	"github.com/khabar/khabar/kb"
	"github.com/khabar/khabar/link"
	"github.com/khabar/khabar/ner"
	"github.com/khabar/khabar/quote"
	"github.com/khabar/khabar/temporal"
)

// stages holds the loaded models of every stage.
type stages struct {
	tagger *ner.Tagger
	kb     *kb.KB
}

func loadStages() (stages, error) {
	t, err := ner.Default()
	if err != nil {
		return stages{}, fmt.Errorf("loading the NER model: %w", err)
	}
	return stages{tagger: t, kb: kb.Default()}, nil
}

// structure turns a raw document into an Analysis holding the article's
// text and structure. Metadata that came with the document fills what
// the article itself does not say.
func (st stages) structure(doc khabar.RawDocument, opt Options) (*khabar.Analysis, error) {
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
		rec := article.Record{Title: doc.Title, Body: string(doc.Body), URL: doc.URL, Source: doc.Source, Author: doc.Author}
		if !doc.Date.IsZero() {
			rec.Date = doc.Date.Format(time.RFC3339)
		}
		art, err = article.ParseFields(rec, aopt)
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

// tokenBufs reuses token slices across documents; maxPooledTokens bounds
// the slices it keeps.
var tokenBufs = sync.Pool{New: func() any { return new([]arabic.Token) }}

const maxPooledTokens = 1 << 16

// matchTexts reuses the quote and event finders' prepared texts, which
// neither finder keeps; maxPooledRunes bounds the texts it keeps.
var matchTexts = sync.Pool{New: func() any { return new(matchtext.Text) }}

const maxPooledRunes = 1 << 18

// finders reuses date finders, and their token buffers, across documents.
var finders = sync.Pool{New: func() any { return new(temporal.Finder) }}

// annotate runs the text-level stages over a.Text.
func (st stages) annotate(ctx context.Context, a *khabar.Analysis, opt Options) {
	a.Sentences = arabic.Sentences(a.Text)
	// About one token per eight bytes of news text: room for all of
	// them in most documents, so that the slice is not grown by copying.
	// No stage keeps the slice, so it goes back to a pool at the end.
	tb := tokenBufs.Get().(*[]arabic.Token)
	toks := arabic.AppendTokens(slices.Grow((*tb)[:0], len(a.Text)/8+16), a.Text)
	defer func() {
		clear(toks) // do not pin the text
		if cap(toks) <= maxPooledTokens {
			*tb = toks[:0]
			tokenBufs.Put(tb)
		}
	}()
	if opt.Tokens {
		a.Tokens = make([]khabar.Token, len(toks))
		for i, t := range toks {
			a.Tokens[i] = khabar.Token{Text: t.Text, Start: t.Start, End: t.End, Kind: t.Kind.String()}
		}
	}
	if ctx.Err() != nil {
		return
	}
	res := link.Resolve(a.Text, toks, st.tagger.Tag(a.Text, toks), st.kb)
	a.Entities = res.Entities
	for _, p := range res.Places {
		a.Places = append(a.Places, khabar.PlaceRef{Text: p.Text, Start: p.Start, End: p.End, Country: p.Country, Kind: p.Kind, Entity: p.Entity})
	}
	if a.Dateline != nil {
		st.datelineSource(a)
		a.Dateline.PlaceEntity = datelinePlace(a)
	}
	ref := refDate(a, opt)
	tf := finders.Get().(*temporal.Finder)
	exprs := tf.Find(a.Text, temporal.Options{Ref: ref})
	finders.Put(tf)
	for _, e := range exprs {
		a.Dates = append(a.Dates, khabar.Date{Text: e.Text, Start: e.Start, End: e.End, Value: e.Value,
			Grain: string(e.Grain), Calendar: e.Calendar, Interval: e.Interval, Note: e.Note})
	}
	if ctx.Err() != nil {
		return
	}
	mt := matchTexts.Get().(*matchtext.Text)
	mt.Reset(a.Text) // one tokenization for quotes and events
	a.Quotes = quote.FindPrepared(a, mt)
	speakerNames(a)
	speakerOrgs(a)
	a.Events = event.FindPrepared(a, mt) // reads a.Quotes
	if len(mt.Runes) <= maxPooledRunes {
		mt.Reset("") // do not pin the text
		matchTexts.Put(mt)
	}
}

// datelineSource makes the dateline's source (an agency or a press
// office: واس, إدارة الإعلام والاتصال) an organization entity when the
// tagger left it out, linked when the knowledge base knows it. A source
// that names a person (an author line) is left alone.
func (st stages) datelineSource(a *khabar.Analysis) {
	d := a.Dateline
	if d.Source == "" || d.End <= d.Start {
		return
	}
	runes := []rune(a.Text)
	if d.End > len(runes) {
		return
	}
	i := strings.Index(string(runes[d.Start:d.End]), d.Source)
	if i < 0 {
		return
	}
	start := d.Start + utf8.RuneCountInString(string(runes[d.Start:d.End])[:i])
	end := start + utf8.RuneCountInString(d.Source)
	for _, e := range a.Entities {
		for _, m := range e.Mentions {
			if m.Start < end && start < m.End {
				return // already an entity
			}
		}
	}
	var ref *khabar.KBRef
	for _, k := range st.kb.Lookup(d.Source) {
		if k.Type == "PER" || k.Type == "LOC" {
			return
		}
		if ref == nil && k.Type == "ORG" {
			ref = &khabar.KBRef{ID: k.ID, Name: k.NameAr, NameEn: k.NameEn, Wikidata: k.Wikidata, Country: k.Country}
		}
	}
	a.Entities = append(a.Entities, khabar.Entity{ID: fmt.Sprintf("e%d", len(a.Entities)+1), Type: "ORG", Name: d.Source, KB: ref,
		Mentions: []khabar.Mention{{Text: d.Source, Start: start, End: end}}})
}

// datelinePlace returns the ID of the entity that is the dateline's
// place: one with a mention inside the dateline, else a place entity
// of the same name.
func datelinePlace(a *khabar.Analysis) string {
	d := a.Dateline
	if d.Place == "" {
		return ""
	}
	place := arabic.Normalize(d.Place, arabic.Match)
	byName := ""
	for _, e := range a.Entities {
		if e.Type != "LOC" {
			continue
		}
		for _, m := range e.Mentions {
			if d.End > d.Start && m.Start >= d.Start && m.End <= d.End && arabic.Normalize(m.Text, arabic.Match) == place {
				return e.ID
			}
		}
		if byName == "" && arabic.Normalize(e.Name, arabic.Match) == place {
			byName = e.ID
		}
	}
	return byName
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
