package server

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestBearerSchemeIsCaseInsensitive(t *testing.T) {
	ts, _ := newTestServer(t, Config{Token: testToken, ProtectReads: true})
	tests := []struct {
		auth   string
		status int
	}{
		{"Bearer " + testToken, 200},
		{"bearer " + testToken, 200},
		{"BEARER  " + testToken, 200},
		{"Basic " + testToken, 401},
		{"Bearer", 401},
		{"bearer wrong", 401},
		{testToken, 401},
	}
	for _, tt := range tests {
		if r := do(t, "GET", ts.URL+"/v1/search?q=x", "", "", "Authorization", tt.auth); r.status != tt.status {
			t.Errorf("Authorization %q: %d; want %d", tt.auth, r.status, tt.status)
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	ts, _ := newTestServer(t, Config{Token: testToken})
	tests := []struct {
		method, path, allow string
	}{
		{"PUT", "/v1/documents", "POST"},
		{"GET", "/v1/documents", "POST"},
		{"DELETE", "/v1/documents/abc", "GET, HEAD"},
		{"POST", "/v1/search", "GET, HEAD"},
		{"PUT", "/paste", "GET, HEAD, POST"},
	}
	for _, tt := range tests {
		r := do(t, tt.method, ts.URL+tt.path, "application/json", "{}", "Authorization", "Bearer "+testToken)
		if r.status != 405 || r.header.Get("Allow") != tt.allow || errCode(t, r) != "method_not_allowed" {
			t.Errorf("%s %s: %d Allow %q %s; want 405 Allow %q", tt.method, tt.path, r.status, r.header.Get("Allow"), r.body, tt.allow)
		}
	}
	if r := do(t, "PUT", ts.URL+"/no/such/thing", "", ""); r.status != 404 {
		t.Errorf("PUT on an unknown path: %d; want 404", r.status)
	}
}

func TestHTMLSecurityHeaders(t *testing.T) {
	ts, _ := newTestServer(t, Config{Token: testToken, ProtectReads: true})
	for _, path := range []string{"/login", "/no/such/page"} {
		r := do(t, "GET", ts.URL+path, "", "", "Accept", "text/html")
		csp := r.header.Get("Content-Security-Policy")
		if !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") || r.header.Get("X-Content-Type-Options") != "nosniff" ||
			!strings.Contains(csp, "frame-ancestors 'none'") || r.header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: %d %v; want HTML with nosniff, frame-ancestors 'none' and X-Frame-Options", path, r.status, r.header)
		}
	}
}

func TestStaticAssets(t *testing.T) {
	ts, _ := newTestServer(t, Config{Token: testToken, ProtectReads: true})
	r := do(t, "GET", ts.URL+"/static/style.css", "", "")
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/css") || r.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("stylesheet without a token: %d %s; want 200 text/css (assets are public)", r.status, r.header.Get("Content-Type"))
	}
	for _, path := range []string{"/static/", "/static/nope.css", "/static/sub/"} {
		if r := do(t, "GET", ts.URL+path, "", ""); r.status != 404 || strings.Contains(r.body, "style.css") {
			t.Errorf("GET %s: %d %.100s; want 404 and no listing", path, r.status, r.body)
		}
	}
}

func TestLogin(t *testing.T) {
	ts, _ := newTestServer(t, Config{Token: testToken, ProtectReads: true})
	r := do(t, "GET", ts.URL+"/?q="+url.QueryEscape("قطر"), "", "", "Accept", "text/html")
	if r.status != 303 || r.header.Get("Location") != "/login?next="+url.QueryEscape("/?q="+url.QueryEscape("قطر")) {
		t.Fatalf("UI page without a token: %d Location %q; want 303 to the login page", r.status, r.header.Get("Location"))
	}
	if r := do(t, "GET", ts.URL+"/v1/search?q=x", "", ""); r.status != 401 || errCode(t, r) != "unauthorized" {
		t.Errorf("API without a token: %d; want JSON 401", r.status)
	}
	r = do(t, "GET", ts.URL+r.header.Get("Location"), "", "")
	if r.status != 200 || !strings.Contains(r.body, `type="password"`) || !strings.Contains(r.body, labels["login"][0]) {
		t.Fatalf("login page: %d", r.status)
	}
	form := func(token, next string) string {
		return url.Values{"token": {token}, "next": {next}}.Encode()
	}
	r = do(t, "POST", ts.URL+"/login", "application/x-www-form-urlencoded", form("wrong", "/"))
	if r.status != 401 || r.header.Get("Set-Cookie") != "" || !strings.Contains(r.body, messages["err_bad_token"][0]) {
		t.Errorf("wrong token: %d cookie %q; want 401 with the Arabic message and no cookie", r.status, r.header.Get("Set-Cookie"))
	}
	tests := []struct {
		next, proto, location string
		secure                bool
	}{
		{"/doc/x?lang=en", "", "/doc/x?lang=en", false},
		{"//evil.example/", "", "/", false},
		{"https://evil.example/", "https", "/", true},
		{"/\\evil.example", "", "/", false},
	}
	for _, tt := range tests {
		r := do(t, "POST", ts.URL+"/login", "application/x-www-form-urlencoded", form(testToken, tt.next), "X-Forwarded-Proto", tt.proto)
		c := cookieNamed(r.header, TokenCookie)
		if r.status != 303 || r.header.Get("Location") != tt.location || c == nil {
			t.Fatalf("login next=%q: %d Location %q cookie %v; want 303 to %q with the cookie", tt.next, r.status, r.header.Get("Location"), c, tt.location)
		}
		if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Secure != tt.secure || c.Path != "/" {
			t.Errorf("cookie %+v; want HttpOnly, SameSite=Strict, Path=/, Secure=%v", c, tt.secure)
		}
		page := do(t, "GET", ts.URL+"/", "", "", "Cookie", c.Name+"="+c.Value)
		if page.status != 200 || !strings.Contains(page.body, `id="nav-logout"`) {
			t.Errorf("UI with the cookie: %d; want the search page with a logout button", page.status)
		}
		if api := do(t, "GET", ts.URL+"/v1/search?q=x", "", "", "Cookie", c.Name+"="+c.Value); api.status != 200 {
			t.Errorf("API with the cookie: %d", api.status)
		}
	}
	r = do(t, "POST", ts.URL+"/logout", "", "")
	if c := cookieNamed(r.header, TokenCookie); r.status != 303 || c == nil || c.MaxAge >= 0 {
		t.Errorf("logout: %d cookie %+v; want the cookie removed", r.status, c)
	}
	if r := do(t, "GET", ts.URL+"/", "", "", "Cookie", TokenCookie+"=not-the-token"); r.status != 303 {
		t.Errorf("wrong cookie: %d; want 303 to the login page", r.status)
	}
}

func cookieNamed(h http.Header, name string) *http.Cookie {
	for _, c := range (&http.Response{Header: h}).Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func TestUIDetails(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	accept := []string{"Accept", "text/html"}
	id := firstHit(t, ts.URL, "المالكي") // published 2023-09-13
	r := do(t, "GET", ts.URL+"/doc/"+id, "", "", accept...)
	for _, want := range []string{`<bdi dir="ltr">2023-09-13</bdi>`, `id="original" href="https://example.test/`, `rel="noopener noreferrer"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("article page lacks %s", want)
		}
	}
	r = do(t, "GET", ts.URL+"/entity/"+url.PathEscape("kb:Q7184"), "", "", accept...)
	if !strings.Contains(r.body, `<bdi dir="ltr">2023-09-13</bdi>`) {
		t.Errorf("entity page: event date not in an LTR isolate")
	}
	r = do(t, "GET", ts.URL+"/?q="+url.QueryEscape(`"حلف شمال" قطر`)+"&limit=5", "", "", accept...)
	m := regexp.MustCompile(`<a href="([^"]*)" class="lang"`).FindStringSubmatch(r.body)
	if m == nil {
		t.Fatal("search page without a language link")
	}
	u, err := url.Parse(html.UnescapeString(m[1]))
	if q := u.Query(); err != nil || u.Path != "/" || q.Get("q") != `"حلف شمال" قطر` || q.Get("limit") != "5" || q.Get("lang") != "en" {
		t.Errorf("English link %s does not keep the query (%v)", m[1], err)
	}
	tests := []struct {
		method, path, ctype, body string
		status                    int
		message                   string
	}{
		{"GET", "/doc/nope", "", "", 404, "err_no_doc"},
		{"GET", "/entity/nobody", "", "", 404, "err_no_entity"},
		{"GET", "/no/such/page", "", "", 404, "err_no_page"},
		{"POST", "/paste", "application/x-www-form-urlencoded", "text=" + url.QueryEscape("نص") + "&date=2024-13-45", 400, "err_bad_date"},
		{"POST", "/paste", "application/x-www-form-urlencoded", "text=", 400, "err_empty"},
		{"GET", "/?q=" + url.QueryEscape(strings.Repeat("ك", 2000)), "", "", 200, "err_query"},
	}
	for _, tt := range tests {
		for i, lang := range []string{"ar", "en"} {
			r := do(t, tt.method, ts.URL+tt.path, tt.ctype, tt.body, "Accept", "text/html", "Cookie", "lang="+lang)
			if r.status != tt.status || !strings.Contains(r.body, messages[tt.message][i]) {
				t.Errorf("%s %s in %s: %d; want %d with %q", tt.method, tt.path, lang, r.status, tt.status, messages[tt.message][i])
			}
		}
	}
	r = do(t, "POST", ts.URL+"/paste", "application/x-www-form-urlencoded", "text="+url.QueryEscape("نص المقال")+"&date=2024-13-45", accept...)
	if !strings.Contains(r.body, "نص المقال") || !strings.Contains(r.body, `value="2024-13-45"`) {
		t.Errorf("paste with a bad date does not keep what was typed")
	}
}
