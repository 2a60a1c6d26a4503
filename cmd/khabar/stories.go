package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// cmdStories lists the stored stories, the latest first, or with "show
// ID" prints one story's page.
func cmdStories(ctx context.Context, e *env, args []string) error {
	c := newFlagCmd(e, "stories", "khabar stories [--data DIR | --db URL] [--json] [--since DATE] [--until DATE] [--limit N] [--offset N] [QUERY]\n"+
		"       khabar stories show [--data DIR | --db URL] [--json] ID")
	c.jsonHelp("print the stories (or the story's page) as JSON")
	lf := addListFlags(c, "stories", "since", "stories last seen on or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)",
		"until", "stories first seen on or before `DATE` (inclusive)", store.DefaultStoryLimit, store.MaxStoryLimit)
	show := len(args) > 0 && args[0] == "show"
	if show {
		args = args[1:]
	}
	if ok, err := c.parse(args, true); !ok {
		return err
	}
	open := func() (store.Store, error) { return lf.open(ctx) }
	if show {
		if c.NArg() != 1 {
			return usagef("stories show needs one story ID (usage: %s)", c.usage)
		}
		return showStory(ctx, e, c, open, c.Arg(0))
	}
	offset, limit, err := lf.page()
	if err != nil {
		return err
	}
	f := store.StoryFilter{Limit: limit, Offset: offset}
	if q := strings.TrimSpace(strings.Join(c.Args(), " ")); q != "" {
		parsed, err := search.Parse(q)
		if err != nil {
			return usagef("query: %v", err)
		}
		f.Query = parsed
	}
	first, last, err := lf.dates()
	if err != nil {
		return err
	}
	if first != nil {
		f.Since = *first
	}
	if last != nil {
		f.Until = last.AddDate(0, 0, 1)
	}
	db, err := open()
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := db.Stories(ctx, f)
	var qe *search.QueryError
	if errors.As(err, &qe) || errors.Is(err, search.ErrEmptyQuery) {
		return usagef("%v", err)
	}
	if err != nil {
		return err
	}
	if c.json() {
		return c.writeJSON(struct {
			Stories []store.StoryInfo `json:"stories"`
		}{list})
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s, latest first\n", len(list), plural(len(list), "story", "stories"))
	for _, s := range list {
		fmt.Fprintf(&b, "\n%s  %s  %d %s, %d %s\n  %s\n", s.ID, storySpan(s), s.Articles, plural(s.Articles, "article", "articles"),
			s.Sources, plural(s.Sources, "source", "sources"), s.Label)
	}
	_, err = io.WriteString(e.stdout, b.String())
	return err
}

// storySpan is a story's first and last day.
func storySpan(s store.StoryInfo) string {
	first, last := s.First.Format("2006-01-02"), s.Last.Format("2006-01-02")
	if first == last {
		return first
	}
	return first + " – " + last
}

// showStory prints one story's page.
func showStory(ctx context.Context, e *env, c *flagCmd, open func() (store.Store, error), id string) error {
	db, err := open()
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := db.Story(ctx, id)
	if err != nil {
		return err
	}
	if c.json() {
		return c.writeJSON(p)
	}
	var b strings.Builder
	s := p.Story
	fmt.Fprintf(&b, "%s\n%s  %s, %d %s, %d %s\n", s.Label, s.ID, storySpan(s), s.Articles, plural(s.Articles, "article", "articles"),
		s.Sources, plural(s.Sources, "source", "sources"))
	names := func(title string, list []store.EntityCount) {
		if len(list) == 0 {
			return
		}
		var parts []string
		for _, x := range list {
			parts = append(parts, fmt.Sprintf("%s (%d)", x.Entity.Name, x.Count))
		}
		fmt.Fprintf(&b, "%s: %s\n", title, strings.Join(parts, ", "))
	}
	names("entities", p.Entities)
	names("places", p.Places)
	if len(p.Dates) > 0 {
		var parts []string
		for _, d := range p.Dates {
			parts = append(parts, fmt.Sprintf("%s (%d)", d.Value, d.Count))
		}
		fmt.Fprintf(&b, "dates: %s\n", strings.Join(parts, ", "))
	}
	for _, ev := range p.Events {
		fmt.Fprintf(&b, "event: %s %s %s\n", ev.Type, ev.Date, ev.DocID)
	}
	b.WriteString("\n")
	for _, a := range p.Articles {
		day := a.Published
		if day == "" {
			day = "undated"
		}
		fmt.Fprintf(&b, "%s  %s  %s  %s\n", day, a.Source, a.Title, a.ID)
	}
	_, err = io.WriteString(e.stdout, b.String())
	return err
}
