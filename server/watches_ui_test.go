package server

import (
	"context"
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/watch"
)

// brusselsDoc is a new article about Brussels, one story of its own,
// that a watch for بروكسل matches.
func brusselsDoc(title, body string) store.Document {
	text := title + "\n\n" + body
	n := len([]rune(title))
	return store.Document{URL: "https://example.test/" + url.PathEscape(title), Source: "spa", Analysis: &khabar.Analysis{
		Schema: khabar.Schema, Text: text, Published: "2023-10-02", Title: &khabar.Span{Text: title, Start: 0, End: n},
		Paragraphs: [][2]int{{n + 2, len([]rune(text))}}}}
}

// TestWatchesPages checks /watches and /watches/{id}: the count of new
// matches, the new matches marked on the watch's page, seen after it.
func TestWatchesPages(t *testing.T) {
	ts, db := newTestServer(t, Config{Token: testToken})
	ctx := context.Background()
	ws := db.(store.WatchStore)
	wt, err := ws.AddWatch(ctx, store.Watch{Name: "أخبار بروكسل", Query: "بروكسل -الطقس"})
	if err != nil {
		t.Fatal(err)
	}
	html := []string{"Accept", "text/html"}
	page := func(path string) string {
		t.Helper()
		r := do(t, "GET", ts.URL+path, "", "", html...)
		if r.status != 200 {
			t.Fatalf("%s: status %d %.300s", path, r.status, r.body)
		}
		return r.body
	}
	check := func(step, path string, want, not []string) {
		t.Helper()
		body := page(path)
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: %s lacks %q", step, path, w)
			}
		}
		for _, n := range not {
			if strings.Contains(body, n) {
				t.Errorf("%s: %s has %q", step, path, n)
			}
		}
	}
	list, watchPage := "/watches", "/watches/"+wt.ID
	check("header", "/", []string{`<a href="/watches" id="nav-watches">المتابعات</a>`}, nil)
	check("no matches yet", list, []string{`href="/watches/` + wt.ID + `"`, "أخبار بروكسل", "بروكسل -الطقس",
		`<span class="muted new-count">٠</span>`, `id="watch-login"`, `dir="rtl"`}, []string{`action="/watches"`})
	check("no matches yet", watchPage, []string{`id="no-matches"`, `href="/v1/watches/` + wt.ID + `/feed.atom"`}, nil)

	// Each round stores articles, matches them and visits the pages
	// twice: the list counts the new matches, the watch's page marks
	// them (and only them), the second visit finds none new.
	rounds := []struct {
		docs  []store.Document
		new   []string // titles of the new matches, newest first
		total int
	}{
		{[]store.Document{brusselsDoc("افتتاح معرض الكتاب في بروكسل", "افتتح في بروكسل معرض الكتاب العربي بمشاركة خمسين دار نشر."),
			brusselsDoc("الطقس في بروكسل", "أمطار غزيرة على بروكسل اليوم."),
			brusselsDoc("قمة المناخ تنطلق في بروكسل", "انطلقت في بروكسل قمة المناخ الأوروبية بحضور رؤساء الحكومات.")},
			[]string{"قمة المناخ تنطلق في بروكسل", "افتتاح معرض الكتاب في بروكسل"}, 2},
		{[]store.Document{brusselsDoc("إضراب النقل العام في بروكسل", "شلّ إضراب عمال النقل العام حركة المرور في بروكسل.")},
			[]string{"إضراب النقل العام في بروكسل"}, 3},
	}
	for i, round := range rounds {
		if _, err := db.Put(ctx, round.docs); err != nil {
			t.Fatal(err)
		}
		if n, err := (&watch.Matcher{Store: db.(watch.Store)}).Run(ctx); err != nil || n != len(round.new) {
			t.Fatalf("round %d: %d matches, %v; want %d", i, n, err, len(round.new))
		}
		newCount := `<span class="new-count">` + arabicDigits(len(round.new)) + `</span>`
		check("new matches", list, []string{newCount, `class="watch has-new"`}, nil)
		body := page(watchPage)
		if !strings.Contains(body, arabicDigits(len(round.new))+" جديداً") {
			t.Errorf("round %d: the watch's page does not count %d new", i, len(round.new))
		}
		var got []string
		for _, part := range strings.Split(body, `<span class="new-mark">جديد</span> <a href="/doc/`)[1:] {
			_, title, _ := strings.Cut(part, `">`)
			title, _, _ = strings.Cut(title, "</a>")
			got = append(got, title)
		}
		if strings.Join(got, "|") != strings.Join(round.new, "|") || strings.Count(body, `class="hit match`) != round.total {
			t.Errorf("round %d: marked new %q of %d matches; want %q of %d", i, got, strings.Count(body, `class="hit match`), round.new, round.total)
		}
		if c := strings.Count(page(watchPage), `class="new-mark"`); c != 0 {
			t.Errorf("round %d: second visit: %d matches marked new, want 0", i, c)
		}
		check("after the visit", list, []string{`<span class="muted new-count">٠</span>`}, []string{newCount})
	}
	check("English", watchPage+"?lang=en", []string{`dir="ltr"`, "٠ new since your last visit"}, nil)

	for _, path := range []string{"/watches/nothing", "/watches/" + strings.Repeat("x", 65)} {
		if r := do(t, "GET", ts.URL+path, "", "", html...); r.status != 404 || !strings.Contains(r.body, messages["err_no_watch"][0]) {
			t.Errorf("%s: status %d, want 404 with the no-watch message", path, r.status)
		}
	}
}

// TestWatchesForms checks adding and removing a watch from the UI:
// only with the token, only from the same origin, bad input answered.
func TestWatchesForms(t *testing.T) {
	ts, db := newTestServer(t, Config{Token: testToken})
	cookie := []string{"Accept", "text/html", "Cookie", TokenCookie + "=" + base64.RawURLEncoding.EncodeToString([]byte(testToken))}
	form := "application/x-www-form-urlencoded"
	add := url.Values{"name": {"الناتو"}, "query": {"الناتو"}}.Encode()

	if r := do(t, "GET", ts.URL+"/watches", "", "", cookie...); !strings.Contains(r.body, `action="/watches"`) || strings.Contains(r.body, `id="watch-login"`) {
		t.Errorf("logged in, the watches page offers no add form: %.500s", r.body)
	}
	tests := []struct {
		name   string
		body   string
		hdr    []string
		status int
		want   string // in the body
	}{
		{"no token", add, []string{"Accept", "text/html"}, 401, messages["err_login"][0]},
		{"cross origin", add, append([]string{"Sec-Fetch-Site", "cross-site"}, cookie...), 403, messages["err_cross_origin"][0]},
		{"other origin", add, append([]string{"Origin", "https://evil.example"}, cookie...), 403, messages["err_cross_origin"][0]},
		{"no name", url.Values{"query": {"الناتو"}}.Encode(), cookie, 400, messages["err_bad_watch"][0]},
		{"bad query", url.Values{"name": {"x"}, "query": {"from:2015-13"}}.Encode(), cookie, 400, `value="from:2015-13"`},
		{"added", add, append([]string{"Sec-Fetch-Site", "same-origin"}, cookie...), 303, ""},
	}
	var added string // where the added watch's page is
	for _, tc := range tests {
		r := do(t, "POST", ts.URL+"/watches", form, tc.body, tc.hdr...)
		if r.status != tc.status || !strings.Contains(r.body, tc.want) {
			t.Errorf("%s: status %d, want %d with %q: %.300s", tc.name, r.status, tc.status, tc.want, r.body)
		}
		if r.status == 303 {
			added = r.header.Get("Location")
		}
	}
	list, err := db.(store.WatchStore).Watches(context.Background())
	if err != nil || len(list) != 1 || list[0].Name != "الناتو" {
		t.Fatalf("watches after the forms: %+v, %v; want the one added", list, err)
	}
	id := list[0].ID
	if added != "/watches/"+id {
		t.Errorf("adding went to %q; want the watch's page /watches/%s", added, id)
	}
	remove := ts.URL + "/watches/" + id + "/remove"
	if r := do(t, "POST", remove, form, "", "Accept", "text/html"); r.status != 401 {
		t.Errorf("remove without token: %d", r.status)
	}
	if r := do(t, "POST", remove, form, "", cookie...); r.status != 303 || r.header.Get("Location") != "/watches" {
		t.Errorf("remove: %d to %q", r.status, r.header.Get("Location"))
	}
	if r := do(t, "POST", remove, form, "", cookie...); r.status != 404 {
		t.Errorf("remove again: %d, want 404", r.status)
	}
	if r := do(t, "GET", ts.URL+"/watches/"+id, "", "", cookie...); r.status != 404 {
		t.Errorf("removed watch's page: %d, want 404", r.status)
	}
}
