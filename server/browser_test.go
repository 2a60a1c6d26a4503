package server

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
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
	steps(t, ctx, "paste", chromedp.Click(`#nav-paste`), chromedp.WaitVisible(`textarea#text`),
		chromedp.SendKeys(`textarea#text`, "الرياض - واس: استقبل وزير الخارجية أمس في الرياض نظيره البلجيكي وبحثا العلاقات الثنائية."),
		chromedp.Click(`#analyze`), chromedp.WaitVisible(`#article`))
	if pasted := text(t, ctx, "#article"); !strings.Contains(pasted, "استقبل وزير الخارجية") {
		t.Errorf("pasted article not shown: %q", pasted)
	}
	shot(t, ctx, "paste")
}
