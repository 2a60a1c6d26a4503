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
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// ui holds the parsed templates and the static file server.
type ui struct {
	pages  map[string]*template.Template
	assets http.Handler
}

func newUI() (*ui, error) {
	funcs := template.FuncMap{
		"t":         translate,
		"arabicNum": arabicDigits,
		"pathEsc":   pathEscape,
		"add":       func(a, b int) int { return a + b },
		"highlight": highlight,
	}
	u := &ui{pages: make(map[string]*template.Template)}
	for _, name := range []string{"search", "document", "entity", "paste", "error"} {
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
	u.assets = http.StripPrefix("/static/", http.FileServer(http.FS(sub)))
	return u, nil
}

func (u *ui) static(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=3600")
	u.assets.ServeHTTP(w, r)
}

// page is what every template gets.
type page struct {
	Lang  string // "ar" or "en"
	Dir   string // "rtl" or "ltr"
	Title string
	Query string
	Data  any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	lang := "ar"
	if r.URL.Query().Get("lang") == "en" {
		lang = "en"
	} else if c, err := r.Cookie("lang"); err == nil && c.Value == "en" && r.URL.Query().Get("lang") != "ar" {
		lang = "en"
	}
	if l := r.URL.Query().Get("lang"); l == "en" || l == "ar" {
		http.SetCookie(w, &http.Cookie{Name: "lang", Value: l, Path: "/", SameSite: http.SameSiteLaxMode})
	}
	dir := "rtl"
	if lang == "en" {
		dir = "ltr"
	}
	p := page{Lang: lang, Dir: dir, Title: title, Query: r.URL.Query().Get("q"), Data: data}
	var buf bytes.Buffer
	if err := s.ui.pages[name].Execute(&buf, p); err != nil {
		s.cfg.Logger.Error("template", "page", name, "err", err, "request_id", requestID(r))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self'; img-src 'self' data:; script-src 'self'")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) uiError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, "error", strconv.Itoa(status), map[string]any{"Status": status, "Message": msg})
}

// searchView is the search page's data.
type searchView struct {
	Result  *search.Result
	Error   string
	Filters []string // active field filters, for removal links
	Prev    string   // query strings of the neighbour pages; empty when none
	Next    string
	Stats   store.Stats
}

func (s *Server) uiSearch(w http.ResponseWriter, r *http.Request) {
	v := searchView{}
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
		if err != nil {
			v.Error = err.Error()
		} else {
			off, lim := req.Page()
			if off > 0 {
				v.Prev = pageQuery(q, max(off-lim, 0))
			}
			if off+lim < v.Result.Total {
				v.Next = pageQuery(q, off+lim)
			}
		}
	}
	s.render(w, r, http.StatusOK, "search", q.Get("q"), v)
}

func pageQuery(q url.Values, offset int) string {
	c := url.Values{}
	for k, v := range q {
		c[k] = v
	}
	c.Set("offset", strconv.Itoa(offset))
	return c.Encode()
}

// documentView is the article page's data.
type articleView struct {
	ID         string
	Record     *store.Record
	Analysis   *khabar.Analysis
	Paragraphs []paragraph
	Speakers   map[string]string // entity id → name
	Stored     bool
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
		s.uiError(w, r, http.StatusNotFound, "no such document")
		return
	}
	if err != nil {
		s.uiError(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	v := newArticleView(rec.Analysis)
	v.ID, v.Record, v.Stored = rec.ID, rec, true
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
}

func (s *Server) uiEntity(w http.ResponseWriter, r *http.Request) {
	p, err := s.cfg.Store.Entity(r.Context(), r.PathValue("id"), store.EntityOptions{})
	if errors.Is(err, store.ErrNotFound) {
		s.uiError(w, r, http.StatusNotFound, "no such entity")
		return
	}
	if err != nil {
		s.uiError(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	evs, _ := s.cfg.Store.Events(r.Context(), store.EventFilter{Actor: p.Entity.Key, Limit: 20})
	s.render(w, r, http.StatusOK, "entity", p.Entity.Name, entityView{Page: p, Timeline: timelineSVG(p.PerDay), Events: evs})
}

// uiPaste shows the paste form and, on POST, the analysis of the pasted
// or uploaded article (not stored).
func (s *Server) uiPaste(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		s.render(w, r, http.StatusOK, "paste", "", map[string]any{})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	if err := r.ParseMultipartForm(s.cfg.MaxBody); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		s.render(w, r, http.StatusRequestEntityTooLarge, "paste", "", map[string]any{"Error": "the article is too large or the form is broken: " + err.Error()})
		return
	}
	text := r.FormValue("text")
	doc := pipeline.Document{Name: "pasted article", Body: []byte(text), ContentType: "text/plain"}
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
	if d := r.FormValue("date"); d != "" {
		if t, err := parseDate(d); err == nil {
			doc.Date = t
		}
	}
	if len(bytes.TrimSpace(doc.Body)) == 0 {
		s.render(w, r, http.StatusBadRequest, "paste", "", map[string]any{"Error": "paste an article or choose a file"})
		return
	}
	a, err := s.cfg.Analyzer.Analyze(r.Context(), doc)
	if err != nil {
		s.render(w, r, http.StatusUnprocessableEntity, "paste", "", map[string]any{"Error": err.Error(), "Text": text})
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

// labels are the UI's words; Arabic first.
var labels = map[string][2]string{
	"khabar":      {"خبر", "khabar"},
	"search":      {"بحث", "Search"},
	"paste":       {"حلّل مقالاً", "Analyze an article"},
	"results":     {"نتيجة", "results"},
	"noresults":   {"لا نتائج", "No results"},
	"entities":    {"الكيانات", "Entities"},
	"places":      {"الأماكن", "Places"},
	"sources":     {"المصادر", "Sources"},
	"months":      {"الأشهر", "Months"},
	"next":        {"التالي", "Next"},
	"prev":        {"السابق", "Previous"},
	"quotes":      {"الاقتباسات", "Quotes"},
	"events":      {"الأحداث", "Events"},
	"dates":       {"التواريخ", "Dates"},
	"download":    {"تنزيل التحليل (JSON)", "Download the analysis (JSON)"},
	"dateline":    {"سطر التاريخ", "Dateline"},
	"published":   {"تاريخ النشر", "Published"},
	"mentions":    {"إشارة", "mentions"},
	"documents":   {"مقال", "articles"},
	"cooccurring": {"كيانات مرتبطة", "Co-occurring entities"},
	"timeline":    {"الإشارات يوماً بيوم", "Mentions per day"},
	"analyze":     {"حلّل", "Analyze"},
	"pastehelp":   {"الصق نص مقال إخباري أو اختر ملفاً (نص أو HTML)", "Paste a news article or choose a file (text or HTML)"},
	"refdate":     {"التاريخ المرجعي (اختياري)", "Reference date (optional)"},
	"said":        {"قال", "said"},
	"direct":      {"مباشر", "direct"},
	"reported":    {"منقول", "reported"},
	"copies":      {"نسخ أخرى", "more copies"},
	"and":         {"و", "and"},
	"lang":        {"English", "العربية"},
	"stats":       {"مقالاً في الفهرس", "articles indexed"},
	"error":       {"خطأ", "Error"},
	"help":        {`كلمات، "عبارة"، -استبعاد، OR، entity: place: source: from: to:`, `words, "phrase", -exclude, OR, entity: place: source: from: to:`},
}

func translate(lang, key string) string {
	l, ok := labels[key]
	if !ok {
		return key
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}
