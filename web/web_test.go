package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/web"
)

// request sends a request to h and returns the response.
func request(h http.Handler, method, target string, body io.Reader, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, body)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// upload builds a multipart body of the verify form: files by field name, and the key field.
func upload(t *testing.T, files map[string][]byte, key string) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for name, b := range files {
		fw, err := mw.CreateFormFile(name, name+".json")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(b)
	}
	if key != "" {
		mw.WriteField("key", key)
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

var (
	markerRE = regexp.MustCompile(`%!\(|%!\{|%!\w+\(`) // the catalogue's missing-argument and unknown-id marks
	langRE   = regexp.MustCompile(`<html lang="([^"]+)">`)
	assetRE  = regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`)
)

// checkPage asserts what every page shares: its status, HTML in UTF-8, the security headers, the
// language it was asked for, and no catalogue id or formatting mark in place of a text.
func checkPage(t *testing.T, rec *httptest.ResponseRecorder, status int, lang messages.Language) string {
	t.Helper()
	if rec.Code != status {
		t.Errorf("status %d, want %d", rec.Code, status)
	}
	h := rec.Header()
	if ct := h.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if csp := h.Get("Content-Security-Policy"); csp != web.ContentSecurityPolicy || strings.Contains(csp, "unsafe") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Content-Language": string(lang)} {
		if got := h.Get(k); got != v {
			t.Errorf("%s: %q, want %q", k, got, v)
		}
	}
	body := rec.Body.String()
	want := map[messages.Language]string{messages.Chinese: "zh-CN", messages.English: "en"}[lang]
	if m := langRE.FindStringSubmatch(body); m == nil || m[1] != want {
		t.Errorf("<html lang> is %v, want %q", m, want)
	}
	if m := markerRE.FindString(body); m != "" {
		i := strings.Index(body, m)
		t.Errorf("a catalogue mark %q in the page: …%s…", m, body[max(0, i-80):min(len(body), i+80)])
	}
	for _, id := range messages.IDs() {
		if strings.HasPrefix(string(id), "web.") && strings.Contains(body, string(id)) {
			t.Errorf("the message id %s appears in the page instead of its text", id)
		}
	}
	// No inline script or style: the policy would block them, so they must not be written.
	for _, bad := range []string{"<style", " style=", "<script>", "javascript:", " onclick=", " onload="} {
		if strings.Contains(body, bad) {
			t.Errorf("the page holds %q, which the Content-Security-Policy forbids", bad)
		}
	}
	return body
}

// TestPages renders every page in both languages against a database with the two examples
// published, and checks each page's status, headers, language, texts and assets.
func TestPages(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	envelope, _, err := s.svc.PublishedReportFile(ctx, s.reports[0].ID, engine.ReportEnvelope)
	if err != nil {
		t.Fatal(err)
	}
	bundle, _, err := s.svc.PublishedReportFile(ctx, s.reports[0].ID, engine.ReportJSON)
	if err != nil {
		t.Fatal(err)
	}
	tampered := bytes.Replace(envelope, []byte(`"payload":"`), []byte(`"payload":"AAAA`), 1)

	type page struct {
		name   string
		method string
		target string
		body   func() (io.Reader, string)
		status int
		want   map[messages.Language][]string // texts the page must show
	}
	form := func(files map[string][]byte, key string) func() (io.Reader, string) {
		return func() (io.Reader, string) { return upload(t, files, key) }
	}
	text := func(id messages.ID, kv ...any) map[messages.Language][]string {
		return map[messages.Language][]string{
			messages.Chinese: {messages.For(messages.Chinese).Sprintf(id, kv...)},
			messages.English: {messages.For(messages.English).Sprintf(id, kv...)},
		}
	}
	pages := []page{
		{name: "home", method: "GET", target: "/", status: 200, want: text(messages.WebHomeCount, "count", 2)},
		{name: "verify form", method: "GET", target: "/verify", status: 200, want: text(messages.WebVerifyEnvelope)},
		{name: "verify from the list", method: "GET", target: "/verify?report=" + s.reports[0].ID, status: 200, want: map[messages.Language][]string{
			messages.Chinese: {`/reports/` + s.reports[0].ID + `/report.dsse.json`}, messages.English: {`/reports/` + s.reports[0].ID + `/report.dsse.json`}}},
		{name: "verify pass", method: "POST", target: "/verify", body: form(map[string][]byte{"envelope": envelope, "report": bundle}, ""), status: 200, want: map[messages.Language][]string{
			messages.Chinese: {messages.For(messages.Chinese).Sprintf(messages.WebVerifyPass), "逐字节重现了"},
			messages.English: {messages.For(messages.English).Sprintf(messages.WebVerifyPass), "byte for byte"}}},
		{name: "verify fail", method: "POST", target: "/verify", body: form(map[string][]byte{"envelope": tampered}, ""), status: 200, want: text(messages.WebVerifyFail)},
		{name: "verify nothing", method: "POST", target: "/verify", body: form(nil, ""), status: 400, want: text(messages.WebVerifyMissing)},
		{name: "verify bad key", method: "POST", target: "/verify", body: form(map[string][]byte{"envelope": envelope}, "not-a-key"), status: 400,
			want: text(messages.WebVerifyBadKey, "error", messages.New(messages.KeyBytes, "count", 32))},
		{name: "sign-in form", method: "GET", target: "/signin", status: 200, want: text(messages.WebSigninPassword)},
		{name: "sign-in", method: "POST", target: "/signin", body: func() (io.Reader, string) {
			return strings.NewReader("user=a&password=b"), "application/x-www-form-urlencoded"
		}, status: 403, want: text(messages.WebErrorForbidden)}, // no CSRF token: auth_test.go signs in
		{name: "api docs", method: "GET", target: "/api/docs", status: 200, want: text(messages.WebAPIDocsDownload)},
		{name: "not found", method: "GET", target: "/nothing-here", status: 404, want: text(messages.WebErrorNotFound)},
	}
	assets := map[string]bool{}
	for _, p := range pages {
		for _, lang := range messages.Languages {
			t.Run(p.name+"/"+string(lang), func(t *testing.T) {
				var body io.Reader
				header := []string{"Accept-Language", map[messages.Language]string{messages.Chinese: "zh-CN,zh;q=0.9", messages.English: "en-GB,en;q=0.8"}[lang]}
				if p.body != nil {
					var ct string
					body, ct = p.body()
					header = append(header, "Content-Type", ct)
				}
				html := checkPage(t, request(s.handler, p.method, p.target, body, header...), p.status, lang)
				for _, w := range p.want[lang] {
					if !strings.Contains(html, template(w)) {
						t.Errorf("the page lacks %q", w)
					}
				}
				for _, m := range assetRE.FindAllStringSubmatch(html, -1) {
					assets[m[1]] = true
				}
			})
		}
	}
	if len(assets) < 4 {
		t.Errorf("the pages link %d assets: %v", len(assets), assets)
	}
	for u := range assets {
		rec := request(s.handler, "GET", u, nil)
		if rec.Code != 200 || rec.Body.Len() == 0 || !strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
			t.Errorf("%s: %d, %d bytes, Cache-Control %q", u, rec.Code, rec.Body.Len(), rec.Header().Get("Cache-Control"))
		}
	}
}

// template escapes a text as html/template writes it in an element.
func template(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;")
	return r.Replace(s)
}

// TestHomeListsPublishedReports checks the list's content: each report's title, client, digest
// and its links, the synthetic mark on the synthetic example.
func TestHomeListsPublishedReports(t *testing.T) {
	s := newSite(t)
	html := request(s.handler, "GET", "/", nil).Body.String()
	for _, r := range s.reports {
		for _, want := range []string{r.Digest, "/reports/" + r.ID + "/report.html", "/reports/" + r.ID + "/report.pdf",
			"/reports/" + r.ID + "/report.dsse.json", "/verify?report=" + r.ID} {
			if !strings.Contains(html, want) {
				t.Errorf("the list lacks %q", want)
			}
		}
	}
	for _, want := range []string{"江干区", messages.For(messages.Chinese).Sprintf(messages.WebSynthetic)} {
		if !strings.Contains(html, want) {
			t.Errorf("the list lacks %q", want)
		}
	}
}

// TestLanguage checks the negotiation: ?lang= wins and is remembered in a cookie, then the
// cookie, then Accept-Language; Chinese by default and for anything unknown.
func TestLanguage(t *testing.T) {
	h := web.New(nil, web.DefaultConfig(), nil) // /signin calls no service
	cases := []struct {
		name   string
		target string
		header []string
		want   messages.Language
		cookie string
	}{
		{"default", "/signin", nil, messages.Chinese, ""},
		{"accept-language en", "/signin", []string{"Accept-Language", "en-US,en;q=0.9"}, messages.English, ""},
		{"accept-language zh-TW", "/signin", []string{"Accept-Language", "zh-TW"}, messages.Chinese, ""},
		{"accept-language fr", "/signin", []string{"Accept-Language", "fr-FR"}, messages.Chinese, ""},
		{"query en", "/signin?lang=en", nil, messages.English, "en"},
		{"query zh beats accept-language", "/signin?lang=zh", []string{"Accept-Language", "en"}, messages.Chinese, "zh"},
		{"query unknown", "/signin?lang=fr", []string{"Accept-Language", "en"}, messages.English, ""},
		{"cookie en", "/signin", []string{"Cookie", "lang=en", "Accept-Language", "zh-CN"}, messages.English, ""},
		{"cookie bad", "/signin", []string{"Cookie", "lang=C", "Accept-Language", "zh-CN"}, messages.Chinese, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := request(h, "GET", c.target, nil, c.header...)
			html := checkPage(t, rec, 200, c.want)
			if !strings.Contains(html, messages.For(c.want).Sprintf(messages.WebSigninTitle)) {
				t.Errorf("the page is not in %s", c.want)
			}
			var set string
			for _, ck := range rec.Result().Cookies() {
				if ck.Name == "lang" {
					set = ck.Value
					if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" {
						t.Errorf("cookie %+v", ck)
					}
				}
			}
			if set != c.cookie {
				t.Errorf("lang cookie set to %q, want %q", set, c.cookie)
			}
			if !strings.Contains(html, `hreflang="en"`) || !strings.Contains(html, `href="/signin?lang=en"`) {
				t.Error("no language switch")
			}
		})
	}
}

// TestStatic checks the assets: served under their content hash with a year's immutable cache
// and the right type, 304 for a known ETag, 404 for a stale hash or an unknown file.
func TestStatic(t *testing.T) {
	h := web.New(nil, web.DefaultConfig(), nil)
	html := request(h, "GET", "/signin", nil).Body.String()
	var css string
	for _, m := range assetRE.FindAllStringSubmatch(html, -1) {
		if strings.HasSuffix(m[1], "/app.css") {
			css = m[1]
		}
	}
	if css == "" {
		t.Fatal("no stylesheet linked")
	}
	rec := request(h, "GET", css, nil)
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/css") ||
		rec.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" || rec.Header().Get("Content-Security-Policy") == "" {
		t.Errorf("%s: %d %v", css, rec.Code, rec.Header())
	}
	if rec := request(h, "GET", css, nil, "If-None-Match", rec.Header().Get("ETag")); rec.Code != 304 {
		t.Errorf("If-None-Match: %d", rec.Code)
	}
	for _, u := range []string{"/static/0000000000000000/app.css", css + ".map", "/static/vendor/htmx.org-2.0.11/htmx.min.js"} {
		if rec := request(h, "GET", u, nil); rec.Code != 404 {
			t.Errorf("%s: %d, want 404", u, rec.Code)
		}
	}
	if rec := request(h, "GET", "/favicon.ico", nil); rec.Code != 301 || !strings.HasPrefix(rec.Header().Get("Location"), "/static/") {
		t.Errorf("/favicon.ico: %d %q", rec.Code, rec.Header().Get("Location"))
	}
}

// TestOwns pins the split between the pages and the API.
func TestOwns(t *testing.T) {
	for path, want := range map[string]bool{
		"/": true, "/verify": true, "/api/docs": true, "/signin": true, "/static/abc/app.css": true, "/favicon.ico": true,
		"/api/v1/openapi.json": false, "/api/v1/verify": false, "/healthz": false, "/reports/x/report.html": false,
		"/metrics": false, "/api/docs/x": false, "/api/v1": false,
	} {
		if got := web.Owns(path); got != want {
			t.Errorf("Owns(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestTemplatesUseTheCatalogue reads the templates: outside template actions and tags there is
// no text, and the attributes a person reads (aria-label, title, placeholder, alt) are actions —
// so every text comes from the catalogue, in both languages.
func TestTemplatesUseTheCatalogue(t *testing.T) {
	files, err := filepath.Glob("templates/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("templates: %v %v", files, err)
	}
	actions := regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	tags := regexp.MustCompile(`(?s)<[^>]*>`)
	attrs := regexp.MustCompile(`\b(aria-label|title|placeholder|alt|data-label)="(\{\{.*?\}\}|[^"]*)"`)
	letters := regexp.MustCompile(`[\p{L}\p{N}]`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		for _, m := range attrs.FindAllStringSubmatch(src, -1) {
			if !strings.HasPrefix(m[2], "{{t ") || !strings.HasSuffix(m[2], "}}") {
				t.Errorf("%s: %s=%q is not a catalogue text", f, m[1], m[2])
			}
		}
		rest := tags.ReplaceAllString(actions.ReplaceAllString(src, ""), "")
		for _, line := range strings.Split(rest, "\n") {
			if letters.MatchString(line) {
				t.Errorf("%s: text outside the catalogue: %q", f, strings.TrimSpace(line))
			}
		}
	}
}

// TestStackedTablesLabelEveryCell reads the templates: a "checks" table becomes a stack of blocks
// at phone width with its header hidden (app.css), so each data cell carries its column's name in
// data-label, shown before the value. A cell without one would show a bare value on a phone.
func TestStackedTablesLabelEveryCell(t *testing.T) {
	files, err := filepath.Glob("templates/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("templates: %v %v", files, err)
	}
	tables := regexp.MustCompile(`(?s)<table class="checks[^"]*"[^>]*>.*?</table>`)
	bodies := regexp.MustCompile(`(?s)<tbody>.*?</tbody>`)
	cells := regexp.MustCompile(`<td\b[^>]*>`)
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, table := range tables.FindAllString(string(b), -1) {
			for _, body := range bodies.FindAllString(table, -1) {
				for _, td := range cells.FindAllString(body, -1) {
					n++
					if !strings.Contains(td, `data-label="{{t `) {
						t.Errorf("%s: a cell of a stacked table has no label: %s", f, td)
					}
				}
			}
		}
	}
	if n < 40 {
		t.Fatalf("only %d cells of stacked tables found: the pattern no longer matches the templates", n)
	}
}

// TestRequestLog checks the request line: the route pattern, never the path's query or a cookie.
func TestRequestLog(t *testing.T) {
	var buf bytes.Buffer
	h := web.New(nil, web.DefaultConfig(), slog.New(slog.NewTextHandler(&buf, nil)))
	request(h, "GET", "/signin?lang=en&secret=x", nil, "Cookie", "lang=en")
	request(h, "GET", "/no/such/page", nil)
	out := buf.String()
	for _, want := range []string{`msg=request layer=web method=GET route="GET /signin" status=200`, `route=unmatched status=404`} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "secret") || strings.Contains(out, "lang=en") {
		t.Errorf("the log holds the query or a cookie:\n%s", out)
	}
}

// TestPagesAreRateLimitedPerAddress: every page route (public, capability link, or signed in
// when the request carries no live session) takes its request from the client address's bucket, as the API's public routes do; above it
// the page answers 429 with Retry-After, in the reader's language, while another address is
// still served. Static assets are not limited (a page pulls several at once).
func TestPagesAreRateLimitedPerAddress(t *testing.T) {
	cfg := web.DefaultConfig()
	cfg.PublicRateLimit, cfg.PublicRateBurst = 0.01, 3
	h := web.New(nil, cfg, nil) // /signin and a bad /q/ link call no service
	from := func(addr, target string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", target, nil)
		req.RemoteAddr = addr
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for i := range 3 {
		if rec := from("198.51.100.7:4000", "/signin"); rec.Code != 200 {
			t.Fatalf("request %d within the burst: %d", i+1, rec.Code)
		}
	}
	for _, target := range []string{"/signin", "/q/" + strings.Repeat("A", 43), "/signin?lang=en"} {
		rec := from("198.51.100.7:4001", target)
		if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" {
			t.Fatalf("%s beyond the burst: %d, Retry-After %q; want 429 with Retry-After", target, rec.Code, rec.Header().Get("Retry-After"))
		}
		if !strings.Contains(rec.Body.String(), template(messages.For(messages.Chinese).Sprintf(messages.WebErrorTooMany))) &&
			!strings.Contains(rec.Body.String(), template(messages.For(messages.English).Sprintf(messages.WebErrorTooMany))) {
			t.Errorf("%s: the 429 page does not say why", target)
		}
	}
	if rec := from("203.0.113.9:4000", "/signin"); rec.Code != 200 {
		t.Fatalf("another address: %d, want 200", rec.Code)
	}
	if rec := from("[2001:db8::1]:4000", "/signin"); rec.Code != 200 {
		t.Fatal(rec.Code)
	}
	for i := range 3 { // the same /64: one subscriber, one bucket
		from("[2001:db8::"+strconv.Itoa(i+2)+"]:4000", "/signin")
	}
	if rec := from("[2001:db8::99]:4000", "/signin"); rec.Code != http.StatusTooManyRequests {
		t.Fatalf("another address of the same IPv6 /64 escaped the limit: %d", rec.Code)
	}
}

// TestSignedInPagesAreRateLimitedPerPerson: a signed-in person's page requests count in their own
// bucket, not their address's: beyond it they get 429 while a colleague and an anonymous reader
// at the same address (an office behind one NAT) are still served.
func TestSignedInPagesAreRateLimitedPerPerson(t *testing.T) {
	cfg := web.DefaultConfig()
	cfg.PublicRateLimit, cfg.PublicRateBurst = 0.01, 3
	p := newPeople(t, cfg)
	for i := range 3 {
		if rec := p.do("owner", "GET", "/commissions", nil); rec.Code != 200 {
			t.Fatalf("request %d within the burst: %d", i+1, rec.Code)
		}
	}
	if rec := p.do("owner", "GET", "/commissions", nil); rec.Code != http.StatusTooManyRequests {
		t.Fatalf("beyond the person's burst: %d, want 429", rec.Code)
	}
	for _, caller := range []string{"viewer", "anonymous"} { // the same address, 192.0.2.1
		target := "/commissions"
		if caller == "anonymous" {
			target = "/signin"
		}
		if rec := p.do(caller, "GET", target, nil); rec.Code != 200 {
			t.Errorf("%s at the same address: %d, want 200", caller, rec.Code)
		}
	}
}

// TestPagesRefuseBadText: a NUL, invalid UTF-8 or a control character in a page's path, query or
// form field answers 422 naming the field, before any handler or the service sees it (a NUL
// would otherwise fail the database write: a 500).
func TestPagesRefuseBadText(t *testing.T) {
	h := web.New(nil, web.DefaultConfig(), nil)
	send := func(method, target, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, target, strings.NewReader(body))
		if method == "POST" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", "http://example.com")
			req.AddCookie(&http.Cookie{Name: "evb_csrf", Value: strings.Repeat("T", 43)})
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for _, c := range []struct{ method, target, body, field string }{
		{"GET", "/signin?next=%00", "", "next"},
		{"GET", "/signin?lang=%ff", "", "lang"},
		{"GET", "/q/AAAA%01AAAA", "", "path"},
		{"POST", "/signin", "csrf=" + strings.Repeat("T", 43) + "&user=li%00wei&password=x", "user"},
		{"POST", "/signin", "csrf=" + strings.Repeat("T", 43) + "&user=li&password=%c3%28", "password"},
	} {
		rec := send(c.method, c.target, c.body)
		want := template(messages.For(messages.Chinese).Sprintf(messages.WebErrorBadText, "field", c.field))
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%s %s %q: %d, want 422 naming %q", c.method, c.target, c.body, rec.Code, c.field)
		}
	}
	if rec := send("GET", "/signin?next=%2Fcommissions%09x", ""); rec.Code != 200 {
		t.Errorf("a tab is text: %d", rec.Code)
	}
}
