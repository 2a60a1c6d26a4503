package server

import (
	"bytes"
	"embed"
	"errors"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// ui holds the parsed templates and the static files.
type ui struct {
	pages  map[string]*template.Template
	assets fs.FS
}

func newUI() (*ui, error) {
	funcs := template.FuncMap{
		"t":         translate,
		"arabicNum": arabicDigits,
		"pathEsc":   pathEscape,
		"add":       func(a, b int) int { return a + b },
		"highlight": highlight,
		"msg":       message,
		"ltr":       ltr,
	}
	u := &ui{pages: make(map[string]*template.Template)}
	for _, name := range []string{"search", "document", "entity", "story", "watches", "watch", "paste", "error", "login"} {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		u.pages[name] = t
	}
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	u.assets = sub
	return u, nil
}

// static serves the embedded assets, to anyone: they hold nothing
// private, and the login page needs its stylesheet. Directories are not
// listed.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	if st, err := fs.Stat(s.ui.assets, name); name == "" || err != nil || st.IsDir() {
		s.notFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.ServeFileFS(w, r, s.ui.assets, name)
}

// ltr wraps s (a date, a number with separators, a URL) in a
// left-to-right isolate, so that the right-to-left page around it does
// not reorder its parts: 2015-07-21 stays 2015-07-21, never 21-07-2015.
func ltr(s string) template.HTML {
	if s == "" {
		return ""
	}
	return template.HTML(`<bdi dir="ltr">` + template.HTMLEscapeString(s) + `</bdi>`)
}

// page is what every template gets.
type page struct {
	Lang     string // "ar" or "en"
	Dir      string // "rtl" or "ltr"
	Title    string
	Query    string
	LangURL  string // this page in the other language
	Login    bool   // offer the login link (reads are protected and the browser has no token)
	LoggedIn bool   // the browser holds the token: offer to log out
	Data     any
}

// lang returns the UI language of a request: ?lang=, else the lang
// cookie, else Arabic.
func lang(r *http.Request) string {
	switch r.URL.Query().Get("lang") {
	case "en":
		return "en"
	case "ar":
		return "ar"
	}
	if c, err := r.Cookie("lang"); err == nil && c.Value == "en" {
		return "en"
	}
	return "ar"
}

// otherLangURL is the current page with its query kept and lang set to
// the other language.
func otherLangURL(r *http.Request, lang string) string {
	q := r.URL.Query()
	if lang == "en" {
		q.Set("lang", "ar")
	} else {
		q.Set("lang", "en")
	}
	return r.URL.Path + "?" + q.Encode()
}

// contentSecurityPolicy lets pages load only their own assets and be
// framed by no one.
const contentSecurityPolicy = "default-src 'self'; style-src 'self'; img-src 'self' data:; script-src 'self'; " +
	"frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	l := lang(r)
	if v := r.URL.Query().Get("lang"); v == "en" || v == "ar" {
		http.SetCookie(w, &http.Cookie{Name: "lang", Value: v, Path: "/", SameSite: http.SameSiteLaxMode})
	}
	dir := "rtl"
	if l == "en" {
		dir = "ltr"
	}
	loggedIn := s.cfg.Token != "" && s.authorized(r)
	p := page{Lang: l, Dir: dir, Title: title, Query: r.URL.Query().Get("q"), LangURL: otherLangURL(r, l),
		Login: s.cfg.ProtectReads && !loggedIn && name != "login", LoggedIn: loggedIn, Data: data}
	var buf bytes.Buffer
	if err := s.ui.pages[name].Execute(&buf, p); err != nil {
		s.cfg.Logger.Error("template", "page", name, "err", err, "request_id", requestID(r))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// errorView is the error page's data.
type errorView struct {
	Status    int
	Message   string // a messages key
	Detail    string // technical detail, in English; may be empty
	RequestID string
}

// uiError renders the error page in the UI's language: the message of
// key, with detail (English, technical) folded under it.
func (s *Server) uiError(w http.ResponseWriter, r *http.Request, status int, key, detail string) {
	s.render(w, r, status, "error", strconv.Itoa(status), errorView{Status: status, Message: key, Detail: detail, RequestID: requestID(r)})
}

// searchView is the search page's data.
type searchView struct {
	Result  *search.Result
	Error   string   // a messages key
	Detail  string   // what was wrong, in English
	Filters []string // active field filters, for removal links
	Prev    string   // the URLs (/?…) of the neighbour pages; empty when none
	Next    string
	Stats   store.Stats
	Stories map[string]string // hit ID → story ID
	Grouped bool              // the hits are grouped by story
	Toggle  string            // the URL (/?…) of the first page grouped the other way
}

func (s *Server) uiSearch(w http.ResponseWriter, r *http.Request) {
	v := searchView{}
	status := http.StatusOK
	q := r.URL.Query()
	if st, err := s.cfg.Store.Stats(r.Context()); err == nil {
		v.Stats = st
	}
	if strings.TrimSpace(q.Get("q")) != "" {
		req, err := searchRequest(q)
		if err == nil {
			req.ShowCopies = q.Get("copies") != ""
			v.Result, err = s.cfg.Store.Search(r.Context(), req)
		}
		if errors.Is(err, store.ErrUnavailable) {
			status, v.Error = uiStoreStatus(w, err)
			s.cfg.Logger.Error("search page", "request_id", requestID(r), "err", err)
		} else if err != nil {
			v.Error, v.Detail = "err_query", err.Error()
		} else {
			off, lim := req.Page()
			if off > 0 {
				v.Prev = pageQuery(q, max(off-lim, 0))
			}
			if off+lim < v.Result.Total {
				v.Next = pageQuery(q, off+lim)
			}
			v.Stories = s.hitStories(r, v.Result.Hits)
			v.Grouped = req.GroupStories
			v.Toggle = groupToggle(q, !req.GroupStories)
		}
	}
	s.render(w, r, status, "search", q.Get("q"), v)
}

// groupToggle returns the URL of the first page of q's search grouped
// by story or not.
func groupToggle(q url.Values, group bool) string {
	c := url.Values{}
	for k, v := range q {
		c[k] = v
	}
	c.Del("offset")
	c.Del("group")
	if group {
		c.Set("group", "story")
	}
	return "/?" + c.Encode()
}

func pageQuery(q url.Values, offset int) string {
	c := url.Values{}
	for k, v := range q {
		c[k] = v
	}
	c.Set("offset", strconv.Itoa(offset))
	return "/?" + c.Encode()
}

// documentView is the article page's data.
type articleView struct {
	ID         string
	Record     *store.Record
	Analysis   *khabar.Analysis
	Paragraphs []paragraph
	Speakers   map[string]string // entity id → name
	Stored     bool
	Original   string // the article's URL when it is a web address
}

func newArticleView(a *khabar.Analysis) articleView {
	v := articleView{Analysis: a, Paragraphs: renderArticle(a), Speakers: map[string]string{}}
	for _, e := range a.Entities {
		v.Speakers[e.ID] = e.Name
	}
	return v
}

func (s *Server) uiDocument(w http.ResponseWriter, r *http.Request) {
	rec, err := s.cfg.Store.Get(r.Context(), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		s.uiError(w, r, http.StatusNotFound, "err_no_doc", "")
		return
	}
	if err != nil {
		s.cfg.Logger.Error("document page", "request_id", requestID(r), "err", err)
		status, key := uiStoreStatus(w, err)
		s.uiError(w, r, status, key, "")
		return
	}
	v := newArticleView(rec.Analysis)
	v.ID, v.Record, v.Stored, v.Original = rec.ID, rec, true, webURL(rec.URL)
	title := rec.Title
	if title == "" && rec.Analysis.Title != nil {
		title = rec.Analysis.Title.Text
	}
	s.render(w, r, http.StatusOK, "document", title, v)
}

// entityView is the entity page's data.
type entityView struct {
	Page     *store.EntityPage
	Timeline template.HTML
	Events   []store.EventRecord
	Quotes   *store.QuoteResult // what the entity said, newest first
}

// entityQuotes is the number of quotes an entity page lists.
const entityQuotes = 20

func (s *Server) uiEntity(w http.ResponseWriter, r *http.Request) {
	p, err := s.cfg.Store.Entity(r.Context(), r.PathValue("id"), store.EntityOptions{})
	if errors.Is(err, store.ErrNotFound) {
		s.uiError(w, r, http.StatusNotFound, "err_no_entity", "")
		return
	}
	if err != nil {
		s.cfg.Logger.Error("entity page", "request_id", requestID(r), "err", err)
		status, key := uiStoreStatus(w, err)
		s.uiError(w, r, status, key, "")
		return
	}
	evs, _ := s.cfg.Store.Events(r.Context(), store.EventFilter{Actor: p.Entity.Key, Limit: 20})
	quotes, err := s.cfg.Store.Quotes(r.Context(), store.QuoteFilter{Speaker: p.Entity.Key, Limit: entityQuotes})
	if err != nil {
		s.cfg.Logger.Error("entity page quotes", "request_id", requestID(r), "err", err)
	}
	s.render(w, r, http.StatusOK, "entity", p.Entity.Name, entityView{Page: p, Timeline: timelineSVG(p.PerDay), Events: evs, Quotes: quotes})
}

// webURL returns u when it is an absolute http or https URL, else "".
func webURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return u
}

// pasteView is the paste page's data.
type pasteView struct {
	Error  string // a messages key
	Detail string // what was wrong, in English
	Text   string
	Date   string
}

// uiPaste shows the paste form and, on POST, the analysis of the pasted
// or uploaded article (not stored), within the server's analysis limits.
func (s *Server) uiPaste(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		s.render(w, r, http.StatusOK, "paste", "", pasteView{})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	if err := r.ParseMultipartForm(s.cfg.MaxBody); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		s.render(w, r, http.StatusRequestEntityTooLarge, "paste", "", pasteView{Error: "err_too_large", Detail: err.Error()})
		return
	}
	v := pasteView{Text: r.FormValue("text"), Date: strings.TrimSpace(r.FormValue("date"))}
	doc := khabar.RawDocument{Name: "pasted article", Body: []byte(v.Text), ContentType: "text/plain"}
	if f, hdr, err := r.FormFile("file"); err == nil {
		body, rerr := io.ReadAll(io.LimitReader(f, s.cfg.MaxBody))
		f.Close()
		if rerr == nil && len(body) > 0 {
			doc.Name, doc.Body, doc.ContentType = hdr.Filename, body, ""
			if ext := strings.ToLower(hdr.Filename); strings.HasSuffix(ext, ".html") || strings.HasSuffix(ext, ".htm") {
				doc.ContentType = "text/html"
			}
		}
	}
	if v.Date != "" {
		t, err := parseDate(v.Date)
		if err != nil {
			v.Error, v.Detail = "err_bad_date", err.Error()
			s.render(w, r, http.StatusBadRequest, "paste", "", v)
			return
		}
		doc.Date = t
	}
	if len(bytes.TrimSpace(doc.Body)) == 0 {
		v.Error = "err_empty"
		s.render(w, r, http.StatusBadRequest, "paste", "", v)
		return
	}
	a, err := s.analyzeLimited(r.Context(), doc, false)
	if err != nil {
		var be *budgetError
		status, key := http.StatusUnprocessableEntity, "err_unprocessable"
		switch {
		case errors.Is(err, errBusy):
			w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
			status, key = http.StatusServiceUnavailable, "err_busy"
		case errors.As(err, &be):
			status, key = http.StatusGatewayTimeout, "err_timeout"
		}
		v.Error, v.Detail = key, err.Error()
		s.render(w, r, status, "paste", "", v)
		return
	}
	s.render(w, r, http.StatusOK, "document", "", newArticleView(a))
}

// highlight splits a snippet into plain and highlighted parts.
func highlight(sn search.Snippet) []segment {
	runes := []rune(sn.Text)
	var out []segment
	pos := 0
	for _, h := range sn.Highlights {
		if h[0] < pos || h[1] > len(runes) || h[0] >= h[1] {
			continue
		}
		out = append(out, segment{Text: string(runes[pos:h[0]])}, segment{Text: string(runes[h[0]:h[1]]), Class: "hit"})
		pos = h[1]
	}
	return append(out, segment{Text: string(runes[pos:])})
}

// arabicDigits writes n with Arabic-Indic digits.
func arabicDigits(n int) string {
	s := []rune(strconv.Itoa(n))
	for i, r := range s {
		if r >= '0' && r <= '9' {
			s[i] = '٠' + (r - '0')
		}
	}
	return string(s)
}
