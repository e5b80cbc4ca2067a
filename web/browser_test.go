package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"evalbench/api"
	"evalbench/evaluation/engine"
	"evalbench/reports"
	"evalbench/web"
)

// axeVersion is the axe-core vendored by scripts/vendor-web.sh into testdata (tests only).
const axeVersion = "4.14.1"

// One headless Chromium serves every browser test of the package: TestMain makes its context,
// the first test that needs it starts it, and each test opens tabs in it.
var (
	browserCtx   context.Context
	browserOnce  sync.Once
	browserErr   error
	browserStart time.Duration
)

func TestMain(m *testing.M) {
	os.Exit(func() int {
		dir, err := os.MkdirTemp("", "evalbench-web-chromium-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(reports.DefaultChromium),
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.UserDataDir(filepath.Join(dir, "profile")),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-sync", true),
		)
		actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
		defer acancel()
		bctx, bcancel := chromedp.NewContext(actx)
		defer bcancel()
		browserCtx = bctx
		return m.Run()
	}())
}

// browser returns the package's browser, started on first use.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := exec.LookPath(reports.DefaultChromium); err != nil {
		t.Fatalf("Chromium is missing (%v): run scripts/setup.sh (make test does) to install Debian's chromium", err)
	}
	browserOnce.Do(func() {
		start := time.Now()
		_, browserErr = chromedp.Run(browserCtx, chromedp.Evaluate[string](`navigator.userAgent`))
		browserStart = time.Since(start)
	})
	if browserErr != nil {
		t.Fatalf("starting Chromium: %v", browserErr)
	}
	return browserCtx
}

// outDir is where the screenshots go: $EVALBENCH_WEB_OUT, or testdata/out (gitignored).
func outDir(t *testing.T) string {
	dir := os.Getenv("EVALBENCH_WEB_OUT")
	if dir == "" {
		dir = filepath.Join("testdata", "out")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// violation is an axe-core violation, reduced to what a failure message needs.
type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// recordCSP makes every document the tab opens record its Content-Security-Policy violations in
// window.__csp (a DevTools script: the page's own policy does not apply to it).
func recordCSP(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
	_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__csp = []; document.addEventListener("securitypolicyviolation",
			e => window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber));`,
	})
	return chromedp.Void{}, err
}

// TestBrowser opens the pages in headless Chromium against a real server (the pages beside the
// API, as the binary serves them, on a database with the two examples published), at phone
// (375×812) and desktop (1280×800) sizes, in Chinese and English: each page renders with its
// stylesheet and scripts under the strict Content-Security-Policy (no violation, no exception),
// nothing overflows the phone's width, axe-core finds no serious or critical violation, and a
// bundle uploaded on /verify passes. A screenshot of each step goes to testdata/out.
func TestBrowser(t *testing.T) {
	bctx := browser(t)
	start := time.Now()
	s := newSite(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	apiHandler := api.New(s.svc, api.DefaultConfig(), log).Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if web.Owns(r.URL.Path) {
			s.handler.ServeHTTP(w, r)
			return
		}
		apiHandler.ServeHTTP(w, r)
	}))
	defer srv.Close()
	pg := newPages(t)
	out := pg.out

	tab, cancel := newTab(t, bctx)
	defer cancel()
	var mu sync.Mutex
	var console []string
	go func() {
		for m, err := range chromedp.Console(tab) {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				mu.Lock()
				console = append(console, fmt.Sprintf("%s %s (%s)", m.Type, m.Text, m.URL))
				mu.Unlock()
			}
		}
	}()

	// step opens a page at a size and checks it; wait is a selector that shows the page is ready.
	step := func(name string, width, height int64, path, wait string, runAxe bool) {
		t.Helper()
		stepStart := time.Now()
		ctx, cancel := context.WithTimeout(tab, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height), chromedp.Navigate(srv.URL+path),
			chromedp.WaitVisible(chromedp.CSS(wait))); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		check(t, ctx, name, width)
		if runAxe {
			pg.runAxe(t, ctx, name, "")
		}
		pg.shot(t, ctx, name)
		t.Logf("%s: %v", name, time.Since(stepStart).Round(time.Millisecond))
	}

	for _, size := range []struct {
		name          string
		width, height int64
	}{{"375", 375, 812}, {"1280", 1280, 800}} {
		// The list in both languages at both sizes; the forms in Chinese at both sizes and in
		// English (longer words) on the phone. ?lang= is remembered in a cookie.
		for _, lang := range []string{"en", "zh"} {
			step("home-"+lang+"-"+size.name, size.width, size.height, "/?lang="+lang, "ul.reports article.report", true)
			if lang == "zh" || size.width < 400 {
				step("verify-"+lang+"-"+size.name, size.width, size.height, "/verify?report="+s.reports[0].ID, "form input#envelope", true)
				step("signin-"+lang+"-"+size.name, size.width, size.height, "/signin", "form input#password", true)
			}
		}
	}
	// Swagger UI is a vendored viewer whose markup is not ours to fix: it is checked for
	// rendering the document under the policy, not by axe-core.
	step("apidocs-1280", 1280, 800, "/api/docs", "#swagger-ui .opblock", false)

	// Verify a published report by uploading its envelope and report.json, as a reviewer does.
	dir := t.TempDir()
	for name, file := range map[string]string{"report.dsse.json": engine.ReportEnvelope, "report.json": engine.ReportJSON} {
		b, _, err := s.svc.PublishedReportFile(context.Background(), s.reports[0].ID, file)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel2 := context.WithTimeout(tab, 30*time.Second)
	defer cancel2()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 812), chromedp.Navigate(srv.URL+"/verify?lang=zh"),
		chromedp.SetUploadFiles(chromedp.CSS("#envelope"), []string{filepath.Join(dir, "report.dsse.json")}),
		chromedp.SetUploadFiles(chromedp.CSS("#report"), []string{filepath.Join(dir, "report.json")}),
		chromedp.Click(chromedp.CSS("form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".verdict.pass"))); err != nil {
		t.Fatalf("verifying by upload: %v", err)
	}
	check(t, ctx, "verify-upload-375", 375)
	pg.shot(t, ctx, "verify-upload-375")

	mu.Lock()
	defer mu.Unlock()
	for _, m := range console {
		t.Errorf("console: %s", m)
	}
	t.Logf("Chromium started in %v; the pages took %v (screenshots in %s)", browserStart.Round(time.Millisecond),
		time.Since(start).Round(time.Millisecond), out)
}

// check asserts what holds on every page once it is shown: no policy violation, the stylesheet
// and htmx loaded, and nothing wider than the window.
func check(t *testing.T, ctx context.Context, name string, width int64) {
	t.Helper()
	csp, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__csp || ["the CSP recorder did not run"]`))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, v := range csp {
		t.Errorf("%s: Content-Security-Policy violation: %s", name, v)
	}
	const state = `({
		css: getComputedStyle(document.querySelector("header.site")).display,
		htmx: typeof htmx === "object" ? htmx.version : "",
		scroll: document.documentElement.scrollWidth,
		lang: document.documentElement.lang,
		skip: document.querySelector("a.skip") !== null && document.querySelector("main#main") !== null
	})`
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](state))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var st struct {
		CSS, HTMX, Lang string
		Scroll          int64
		Skip            bool
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	if st.CSS != "flex" {
		t.Errorf("%s: the stylesheet is not applied (header display %q)", name, st.CSS)
	}
	if st.HTMX != "2.0.11" {
		t.Errorf("%s: htmx not loaded (%q)", name, st.HTMX)
	}
	if st.Scroll > width {
		t.Errorf("%s: the page is %d px wide in a %d px window", name, st.Scroll, width)
	}
	if st.Lang == "" || !st.Skip {
		t.Errorf("%s: lang %q, skip link and main landmark %v", name, st.Lang, st.Skip)
	}
}

// shot writes a full-page PNG screenshot.
func shot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil && len(png) < 1000 {
		err = errors.New("empty screenshot")
	}
	if err != nil {
		t.Errorf("screenshot %s: %v", path, err)
		return
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Error(err)
	}
}

// pages is what the browser tests check pages with: the vendored axe-core and the folder the
// screenshots go to.
type pages struct {
	axe string
	out string
}

// newPages reads the vendored axe-core (scripts/vendor-web.sh) and makes the screenshots' folder.
func newPages(t *testing.T) *pages {
	t.Helper()
	axe, err := os.ReadFile(filepath.Join("testdata", "vendor", "axe-core-"+axeVersion, "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is not vendored (run scripts/vendor-web.sh): %v", err)
	}
	return &pages{axe: string(axe), out: outDir(t)}
}

// newTab opens a tab in the browser bctx that records the policy's violations (recordCSP).
func newTab(t *testing.T, bctx context.Context) (context.Context, context.CancelFunc) {
	t.Helper()
	tab, cancel := chromedp.NewContext(bctx)
	if err := chromedp.Do(tab, recordCSP); err != nil {
		cancel()
		t.Fatal(err)
	}
	return tab, cancel
}

// runAxe runs axe-core on the page shown and reports its serious and critical violations, each
// as name+at.
func (p *pages) runAxe(t *testing.T, ctx context.Context, name, at string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](p.axe+";true")); err != nil {
		t.Fatalf("%s: injecting axe-core: %v", name, err)
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](`axe.run(document, {resultTypes: ["violations"]}).then(r =>
		r.violations.filter(v => v.impact === "serious" || v.impact === "critical").map(v =>
			({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))})))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: running axe-core: %v", name, err)
	}
	for _, v := range vs {
		t.Errorf("%s%s: axe-core %s (%s): %s — %v", name, at, v.ID, v.Impact, v.Help, v.Nodes)
	}
}

// shot writes the page's screenshot as name.png in the screenshots' folder.
func (p *pages) shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shot(t, ctx, filepath.Join(p.out, name+".png"))
}

// page checks the page shown at width (check), runs axe-core on it and writes its screenshot.
func (p *pages) page(t *testing.T, ctx context.Context, name string, width int64) {
	t.Helper()
	check(t, ctx, name, width)
	p.runAxe(t, ctx, name, "")
	p.shot(t, ctx, name)
}

// bothWidths shows the page at the desktop's width and then the phone's, which stays, and at
// each checks it (check), runs axe-core and writes its screenshot; label gives a width's name
// in the messages, what follows it in axe-core's, and the screenshot's name.
func (p *pages) bothWidths(t *testing.T, ctx context.Context, label func(width int64) (name, at, file string)) {
	t.Helper()
	for _, size := range []struct{ w, h int64 }{{1280, 800}, {375, 812}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.w, size.h)); err != nil {
			t.Fatal(err)
		}
		name, at, file := label(size.w)
		check(t, ctx, name, size.w)
		p.runAxe(t, ctx, name, at)
		p.shot(t, ctx, file)
	}
}

// signingIn opens target on the phone (375×812), which asks to sign in, and signs in as login
// with the test password; wait is a selector that shows the page after.
func signingIn(target, login, wait string) []chromedp.Action[chromedp.Void] {
	return []chromedp.Action[chromedp.Void]{chromedp.EmulateViewport(375, 812),
		chromedp.Navigate(target), chromedp.WaitVisible(chromedp.CSS("form input#password")),
		chromedp.SendKeys(chromedp.CSS("#user"), login), chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(wait))}
}
