package server

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/storetest"
	"github.com/khabar/khabar/watch"
)

// browser starts a headless Chromium for one test, or skips the test
// when none is installed (.ci/run installs Debian's chromium).
func browser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("KHABAR_CHROMIUM")
	if path == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		t.Skip("no Chromium installed (apt-get install chromium): browser tests skipped")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return ctx
}

// shot saves a screenshot into $KHABAR_SCREENSHOTS (default: a temp dir).
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("KHABAR_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// text returns the text of the first node matching sel.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(sel))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// do runs browser steps or fails the test.
func steps(t *testing.T, ctx context.Context, what string, a ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, a...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// TestBrowserJourney drives the UI the way a person would: search, apply
// a facet, open an article, follow an entity, analyze a pasted article.
func TestBrowserJourney(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	ts, _ := newTestServer(t, Config{})
	ctx := browser(t)
	steps(t, ctx, "search", chromedp.Navigate(ts.URL+"/"), chromedp.SendKeys(`input[name="q"]`, "الأطلسي"),
		chromedp.Submit(`input[name="q"]`), chromedp.WaitVisible(`.hit`))
	dir, err := chromedp.Run(ctx, chromedp.AttributeValue("html", "dir"))
	if err != nil || dir.Value != "rtl" {
		t.Errorf("page direction %q (%v), want rtl", dir.Value, err)
	}
	if total := text(t, ctx, ".total"); !strings.Contains(total, "٢") {
		t.Errorf("result count %q; want ٢ (two documents mention الأطلسي)", total)
	}
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
	if err != nil || overflow > 0 {
		t.Errorf("search page is %d px wider than the window (%v)", overflow, err)
	}
	shot(t, ctx, "search")
	steps(t, ctx, "facet and article", chromedp.Click(`.facets a.facet`), chromedp.WaitVisible(`.hit`),
		chromedp.Click(`.hit h2 a`), chromedp.WaitVisible(`#article`))
	if title := text(t, ctx, "#article h1.title"); title == "" {
		t.Error("article page has no title")
	}
	shot(t, ctx, "article")
	links, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#article a.ent').length`))
	if err != nil || links == 0 {
		t.Fatalf("no entity links in the article (%v)", err)
	}
	steps(t, ctx, "entity", chromedp.Click(`#article a.ent`), chromedp.WaitVisible(`.entity-page`))
	if name := text(t, ctx, ".entity-page h1"); name == "" {
		t.Error("entity page without a name")
	}
	shot(t, ctx, "entity")
	steps(t, ctx, "speaker's entity page", chromedp.Navigate(ts.URL+"/entity/"+url.PathEscape("PER:المالكي")),
		chromedp.WaitVisible(`.entity-page ul.quotes li`))
	if q := text(t, ctx, ".entity-page ul.quotes li"); !strings.Contains(q, "قطر تدعم الحوار") || !strings.Contains(q, "اجتماع في بروكسل") {
		t.Errorf("the speaker's entity page lists %q; want the quote and its article", q)
	}
	if got := order(t, ctx, ".entity-page ul.quotes li bdi"); got != "ltr" {
		t.Errorf("quote date laid out %s, want ltr", got)
	}
	shot(t, ctx, "entity-quotes")
	steps(t, ctx, "paste", chromedp.Click(`#nav-paste`), chromedp.WaitVisible(`textarea#text`),
		chromedp.SendKeys(`textarea#text`, "الرياض - واس: استقبل وزير الخارجية أمس في الرياض نظيره البلجيكي وبحثا العلاقات الثنائية."),
		chromedp.Click(`#analyze`), chromedp.WaitVisible(`#article`))
	if pasted := text(t, ctx, "#article"); !strings.Contains(pasted, "استقبل وزير الخارجية") {
		t.Errorf("pasted article not shown: %q", pasted)
	}
	shot(t, ctx, "paste")
}

// ltrOrderJS reports, for the first element matching a selector, whether
// its text is laid out left to right on the screen: its first character
// left of its last. A date 2015-07-21 reordered by the right-to-left
// page around it (21-07-2015) fails.
const ltrOrderJS = `((sel) => {
	const el = document.querySelector(sel);
	if (!el) return "missing";
	const t = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode();
	if (!t || t.length < 2) return "no text";
	const r = document.createRange();
	r.setStart(t, 0); r.setEnd(t, 1);
	const first = r.getBoundingClientRect().left;
	r.setStart(t, t.length - 1); r.setEnd(t, t.length);
	return first < r.getBoundingClientRect().left ? "ltr" : "reversed";
})`

// order evaluates ltrOrderJS for sel.
func order(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](ltrOrderJS+"("+strconv.Quote(sel)+")"))
	if err != nil {
		t.Fatalf("layout of %s: %v", sel, err)
	}
	return got
}

// TestBrowserUIDetails checks in a real browser what a person sees: dates
// laid out as written in the right-to-left pages, the language link
// keeping the search, the link to the original article, errors in the
// page's language, and the login page of a server with protected reads.
func TestBrowserUIDetails(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	ts, _ := newTestServer(t, Config{Token: testToken, ProtectReads: true})
	ctx := browser(t)

	// Without the token the browser lands on the login page, styled.
	q := "الناتو"
	steps(t, ctx, "login page", chromedp.Navigate(ts.URL+"/?q="+url.QueryEscape(q)), chromedp.WaitVisible(`#token`))
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(loc, "/login?next=") {
		t.Errorf("without a token the UI went to %s; want the login page", loc)
	}
	bg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
	if err != nil || bg != "rgb(250, 251, 252)" {
		t.Errorf("login page background %q (%v): the stylesheet did not load without a token", bg, err)
	}
	steps(t, ctx, "wrong token", chromedp.SendKeys(`#token`, "wrong"), chromedp.Click(`#login`), chromedp.WaitVisible(`#login-error`))
	if msg := text(t, ctx, "#login-error"); msg != messages["err_bad_token"][0] {
		t.Errorf("wrong token message %q; want %q", msg, messages["err_bad_token"][0])
	}
	shot(t, ctx, "login")
	steps(t, ctx, "log in", chromedp.SendKeys(`#token`, testToken), chromedp.Click(`#login`), chromedp.WaitVisible(`.hit`))
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(loc, "q="+url.QueryEscape(q)) {
		t.Errorf("after the login the browser is at %s; want the search it asked for", loc)
	}
	if cookies, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.cookie`)); strings.Contains(cookies, TokenCookie) {
		t.Errorf("the token cookie is readable by scripts: %q", cookies)
	}

	// Dates in the results and on the article keep their order.
	if got := order(t, ctx, ".hit .meta bdi"); got != "ltr" {
		t.Errorf("result date: %s", got)
	}
	steps(t, ctx, "English", chromedp.Click(`#nav-lang`), chromedp.WaitVisible(`.hit`))
	if v, _ := chromedp.Run(ctx, chromedp.Value(`input[name="q"]`)); v != q {
		t.Errorf("English page search box %q; want the query %q", v, q)
	}
	if dir, _ := chromedp.Run(ctx, chromedp.AttributeValue("html", "dir")); dir.Value != "ltr" {
		t.Errorf("English page direction %q", dir.Value)
	}
	steps(t, ctx, "Arabic", chromedp.Click(`#nav-lang`), chromedp.WaitVisible(`.hit`),
		chromedp.Click(`.hit h2 a`), chromedp.WaitVisible(`#article`))
	for _, sel := range []string{"#published bdi", ".panel .dates code bdi"} {
		if got := order(t, ctx, sel); got != "ltr" {
			t.Errorf("article page %s: %s", sel, got)
		}
	}
	href, err := chromedp.Run(ctx, chromedp.AttributeValue(`#original`, "href"))
	if err != nil || !strings.HasPrefix(href.Value, "https://example.test/") {
		t.Errorf("article page links the original at %q (%v)", href.Value, err)
	}
	shot(t, ctx, "article-details")

	// The check above can fail: a bare date after Arabic words is reordered.
	steps(t, ctx, "control", chromedp.Evaluate[chromedp.Void](`(() => { const p = document.createElement("p");
		p.id = "control"; p.textContent = "نشر في 2015-07-21"; document.querySelector("#article").append(p); })()`))
	if got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const t = document.querySelector("#control").firstChild;
		const r = document.createRange(); const i = t.data.indexOf("2015");
		r.setStart(t, i); r.setEnd(t, i + 1); const first = r.getBoundingClientRect().left;
		r.setStart(t, t.length - 1); r.setEnd(t, t.length);
		return first < r.getBoundingClientRect().left ? "ltr" : "reversed"; })()`)); err != nil || got != "reversed" {
		t.Errorf("a bare date after Arabic words was %q (%v); the layout check cannot tell", got, err)
	}

	// Errors speak the page's language.
	steps(t, ctx, "missing article", chromedp.Navigate(ts.URL+"/doc/nope"), chromedp.WaitVisible(`.error-page`))
	if msg := text(t, ctx, ".error-page .error"); msg != messages["err_no_doc"][0] {
		t.Errorf("missing article page says %q; want %q", msg, messages["err_no_doc"][0])
	}
	shot(t, ctx, "error")
	steps(t, ctx, "missing page in English", chromedp.Navigate(ts.URL+"/no/such/page?lang=en"), chromedp.WaitVisible(`.error-page`))
	if msg := text(t, ctx, ".error-page .error"); msg != messages["err_no_page"][1] {
		t.Errorf("missing page in English says %q; want %q", msg, messages["err_no_page"][1])
	}
}

// count returns the number of nodes matching sel.
func count(t *testing.T, ctx context.Context, sel string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
	if err != nil {
		t.Fatalf("count of %s: %v", sel, err)
	}
	return n
}

// TestBrowserStoryAndWatch follows a story from a search hit to the
// story page, and a watch from new articles to its page: the count of
// new matches on /watches, the new ones marked, none new on a second
// visit.
func TestBrowserStoryAndWatch(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	ts, db := newTestServer(t, Config{})
	bg := context.Background()
	if _, err := db.Put(bg, storetest.StoryDocs()); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)

	// Search, open a hit about the seizure, follow its story link: the
	// story page lists both write-ups, one from each source.
	steps(t, ctx, "story", chromedp.Navigate(ts.URL+"/"), chromedp.SendKeys(`input[name="q"]`, "كبتاجون"),
		chromedp.Submit(`input[name="q"]`), chromedp.WaitVisible(`.hit`),
		chromedp.Click(`.hit h2 a`), chromedp.WaitVisible(`#article`),
		chromedp.Click(`#story`), chromedp.WaitVisible(`.story-page`))
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".story-timeline tr")].map(
		r => r.cells[1].textContent + ":" + r.cells[2].textContent).sort()`))
	want := []string{"p:الجمارك تحبط تهريب 320 ألف حبة كبتاجون في منفذ الحديثة", "q:إحباط تهريب حبوب كبتاجون بجمرك الحديثة"}
	if err != nil || strings.Join(rows, "|") != strings.Join(want, "|") {
		t.Errorf("story page lists %q (%v); want %q", rows, err, want)
	}
	if n := count(t, ctx, ".story-timeline a[href^='/doc/']"); n != 2 {
		t.Errorf("story page links %d articles, want 2", n)
	}
	shot(t, ctx, "story")

	// A watch, then new articles it matches (and one it excludes).
	wt, err := db.(store.WatchStore).AddWatch(bg, store.Watch{Name: "بروكسل", Query: "بروكسل -الطقس"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Put(bg, []store.Document{
		brusselsDoc("افتتاح معرض الكتاب في بروكسل", "افتتح في بروكسل معرض الكتاب العربي بمشاركة خمسين دار نشر."),
		brusselsDoc("الطقس في بروكسل", "أمطار غزيرة على بروكسل اليوم."),
		brusselsDoc("قمة المناخ تنطلق في بروكسل", "انطلقت في بروكسل قمة المناخ الأوروبية بحضور رؤساء الحكومات."),
	}); err != nil {
		t.Fatal(err)
	}
	if n, err := (&watch.Matcher{Store: db.(watch.Store)}).Run(bg); n != 2 || err != nil {
		t.Fatalf("matching: %d matches, %v; want 2", n, err)
	}
	row := "#watch-" + wt.ID
	steps(t, ctx, "watches", chromedp.Click(`#nav-watches`), chromedp.WaitVisible(row))
	if n := text(t, ctx, row+" .new-count"); n != "٢" {
		t.Errorf("watches page: %q new, want ٢", n)
	}
	shot(t, ctx, "watches")
	steps(t, ctx, "watch", chromedp.Click(row+" .watch-link"), chromedp.WaitVisible(`.watch-page`))
	titles, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".match.new h2 a")].map(a => a.textContent)`))
	if want := []string{"قمة المناخ تنطلق في بروكسل", "افتتاح معرض الكتاب في بروكسل"}; err != nil || strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("watch page marks %q new (%v); want %q, newest first", titles, err, want)
	}
	shot(t, ctx, "watch")
	steps(t, ctx, "watch again", chromedp.Reload(), chromedp.WaitVisible(`.watch-page`))
	if n, all := count(t, ctx, ".match.new"), count(t, ctx, ".match"); n != 0 || all != 2 {
		t.Errorf("second visit: %d of %d matches new, want 0 of 2", n, all)
	}
	steps(t, ctx, "watches again", chromedp.Click(`#nav-watches`), chromedp.WaitVisible(row))
	if n := text(t, ctx, row+" .new-count"); n != "٠" {
		t.Errorf("watches page after the visit: %q new, want ٠", n)
	}
}
