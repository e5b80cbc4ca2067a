package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/web"
)

// TestBrowserRunPublishAccept does the evaluator's and the reviewer's part of the job in the
// package's headless Chromium, on the sub-district example in review: sign in, start a run from
// the form and watch its progress reach done (a worker computes it beside the server), read the
// results, publish; then as the reviewer open the acceptance checklist and accept; sign out.
// Every step is checked and photographed at phone (375 px, Chinese) and desktop (1280 px)
// widths, under the strict policy, with no serious or critical axe-core violation.
func TestBrowserRunPublishAccept(t *testing.T) {
	bctx := browser(t)
	s := newRunSite(t)
	// The pages run with the binary's default rate limit (10 requests/s, burst 50, per person
	// once signed in): the whole job, two people from one address, gets no 429. The event
	// streams and progress requests the run's page makes are counted.
	cfg := web.DefaultConfig()
	defaults := api.DefaultConfig()
	cfg.PublicRateLimit, cfg.PublicRateBurst = defaults.PublicRateLimit, defaults.PublicRateBurst
	pages := web.New(s.svc, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	var streams, polls, limited atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/events"):
			streams.Add(1)
		case strings.HasSuffix(r.URL.Path, "/progress"):
			polls.Add(1)
		}
		sw := &statusRecorder{ResponseWriter: w}
		pages.ServeHTTP(sw, r)
		if sw.status == http.StatusTooManyRequests {
			limited.Add(1)
		}
	}))
	defer srv.Close()
	wctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.svc.Work(wctx, evaluation.WorkerOptions{ID: "browser-test", Poll: 100 * time.Millisecond})
	}()
	defer func() { stop(); wg.Wait() }()
	pg := newPages(t)
	tab, cancel := newTab(t, bctx)
	defer cancel()
	ctx, cancel2 := context.WithTimeout(tab, 300*time.Second)
	defer cancel2()
	base := srv.URL + "/commissions/" + s.com.ID

	// step checks the page at both widths, runs axe-core and writes a screenshot of each; it
	// leaves the phone width in place.
	step := func(name string) {
		t.Helper()
		pg.bothWidths(t, ctx, func(w int64) (string, string, string) {
			return name, fmt.Sprintf(" at %d px", w), fmt.Sprintf("runs-%s-%d", name, w)
		})
	}
	signin := func(target, login, wait string) {
		t.Helper()
		if err := chromedp.Do(ctx, signingIn(target, login, wait)...); err != nil {
			t.Fatalf("signing in as %s to %s: %v", login, target, err)
		}
	}
	signout := func(name string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("form.signout button")), chromedp.WaitVisible(chromedp.CSS("p.note[role=status]"))); err != nil {
			t.Fatalf("signing out: %v", err)
		}
		step(name)
	}

	start := time.Now()
	signin(base+"/runs?lang=zh", s.owner.Name, "form.start-run")
	step("list")
	// The Jianggan example's AHP weight set: each expert's consistency ratio, one expert
	// excluded (CR above 0.10).
	var jg string
	cs, err := s.svc.ListCommissions(context.Background(), s.owner, evaluation.Page{Limit: 10})
	for _, c := range cs {
		if c.ID != s.com.ID {
			jg = c.ID
		}
	}
	wss, err2 := s.svc.ListWeightSets(context.Background(), s.owner, jg)
	if err != nil || err2 != nil || len(wss) == 0 {
		t.Fatalf("the Jianggan example's weight sets: %v %v %v", wss, err, err2)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/commissions/"+jg+"/weight-sets/"+wss[0].ID), chromedp.WaitVisible(chromedp.CSS("table.experts tr.fail"))); err != nil {
		t.Fatalf("opening the weight set: %v", err)
	}
	step("weights")
	docShot(t, ctx, "05-weights")
	// The sub-district example's expert panel (ahp-panel.json): each expert with the
	// organisation the panel file gives in its own field.
	own, err := s.svc.ListWeightSets(context.Background(), s.owner, s.com.ID)
	if err != nil {
		t.Fatal(err)
	}
	var ahp string
	for _, w := range own {
		if w.Method == engine.WeightAHP {
			ahp = w.ID
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/weight-sets/"+ahp), chromedp.WaitVisible(chromedp.CSS("table.experts th .organisation"))); err != nil {
		t.Fatalf("opening the expert panel's weight set: %v", err)
	}
	experts, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("table.experts tbody th[scope=row]")].map(th => th.innerText)`))
	// Five experts × five nodes, every row with its organisation.
	if err != nil || len(experts) != 25 || !slices.Contains(experts, "模拟专家 周文华 · 高校公共管理学院") || !slices.Contains(experts, "模拟专家 王志刚 · 街道党工委") ||
		slices.ContainsFunc(experts, func(e string) bool { return !strings.Contains(e, " · ") }) {
		t.Fatalf("the experts listed: %q %v", experts, err)
	}
	step("weights-organisation")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/runs"), chromedp.WaitVisible(chromedp.CSS("form.start-run"))); err != nil {
		t.Fatalf("back to the runs: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("form.start-run button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatalf("starting a run: %v", err)
	}
	// The page follows the run's event stream and reloads once the run is done, showing the
	// results: the finished state, reached through the stream (htmx's SSE extension).
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#chart-ranking"))); err != nil {
		t.Fatalf("the run's progress did not reach done: %v", err)
	}
	if streams.Load() == 0 {
		t.Errorf("the run's page opened no event stream (%d progress requests)", polls.Load())
	}
	t.Logf("the run's page opened %d event streams and made %d progress requests", streams.Load(), polls.Load())
	step("results")
	docShot(t, ctx, "06-run")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("form.publish button")), chromedp.WaitVisible(chromedp.CSS("h2#log"))); err != nil {
		t.Fatalf("publishing: %v", err)
	}
	step("published")
	docShot(t, ctx, "07-reports")
	signout("owner-signed-out")

	signin(base+"/acceptance", "验收人", "ol.checklist")
	step("checklist")
	// A comment goes with the decision (reasons are needed when an item failed).
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#reasons"), "材料齐全，同意验收"),
		chromedp.Click(chromedp.CSS("form.decide button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("ul.decisions"))); err != nil {
		text, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector("main").innerText`))
		t.Fatalf("accepting: %v\n%s", err, text)
	}
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main").innerText`))
	if err != nil || !strings.Contains(text, "已验收") && !strings.Contains(text, "验收通过") {
		t.Errorf("after accepting: %v %q", err, text)
	}
	step("accepted")
	docShot(t, ctx, "08-acceptance")
	signout("reviewer-signed-out")
	com, err := s.svc.GetCommission(context.Background(), s.owner, s.com.ID)
	if err != nil || com.Status != evaluation.StatusAccepted {
		t.Errorf("the commission after the browser's acceptance: %v %v", com, err)
	}
	if n := limited.Load(); n != 0 {
		t.Errorf("%d requests of the job were refused by the rate limit (429)", n)
	}
	t.Logf("run, publish and acceptance in the browser in %v", time.Since(start).Round(time.Millisecond))
}

// statusRecorder remembers the status a handler answered, passing the response (and its
// flushes, for the event stream) through.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// TestBrowserFailedRunSaysWhy opens, in the package's headless Chromium, the page of a run that
// failed on a data problem (its weight set has no judgments yet): the reason is announced
// (role="alert") in the page's language — Chinese at phone width, English after ?lang=en — with
// no serious or critical axe-core violation, photographed at 375 and 1280 px.
func TestBrowserFailedRunSaysWhy(t *testing.T) {
	bctx := browser(t)
	s := newRunSite(t)
	bg := context.Background()
	last := s.com.Runs[len(s.com.Runs)-1]
	ws, err := s.svc.CreateWeightSet(bg, s.owner, s.com.ID, &engine.WeightSet{Name: "未填判断", FrameworkID: last.FrameworkID, Method: engine.WeightAHP})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.svc.CreateRun(bg, s.owner, s.com.ID, evaluation.RunRequest{WeightSetID: ws.WeightSet.ID, DatasetIDs: last.DatasetIDs, SurveyIDs: last.SurveyIDs, Config: last.Config})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := s.svc.WorkOne(bg, evaluation.WorkerOptions{ID: "browser-test", Log: slog.New(slog.NewTextHandler(io.Discard, nil))}); !ok || err != nil {
		t.Fatalf("working the run: %v %v", ok, err)
	}
	if r, err = s.svc.GetRun(bg, s.owner, s.com.ID, r.ID); err != nil || r.ErrorMessage == nil {
		t.Fatalf("the failed run: %v %+v", err, r)
	}
	srv := httptest.NewServer(web.New(s.svc, web.DefaultConfig(), slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	pg := newPages(t)
	tab, cancel := newTab(t, bctx)
	defer cancel()
	ctx, cancel2 := context.WithTimeout(tab, 120*time.Second)
	defer cancel2()
	runURL := srv.URL + "/commissions/" + s.com.ID + "/runs/" + r.ID
	if err := chromedp.Do(ctx, signingIn(runURL+"?lang=zh", s.owner.Name, "#run-error[role=alert]")...); err != nil {
		t.Fatalf("signing in to the failed run: %v", err)
	}
	for _, c := range []struct {
		lang messages.Language
		name string
	}{{messages.Chinese, "failed"}, {messages.English, "failed-en"}} {
		if c.lang == messages.English {
			if err := chromedp.Do(ctx, chromedp.Navigate(runURL+"?lang=en"), chromedp.WaitVisible(chromedp.CSS("#run-error[role=alert]"))); err != nil {
				t.Fatalf("the English page: %v", err)
			}
		}
		text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#run-error").innerText`))
		if want := messages.For(c.lang).Sprintf(messages.WebRunFailedReason, "reason", *r.ErrorMessage); err != nil || strings.TrimSpace(text) != want {
			t.Errorf("%s: the reason reads %q (%v), want %q", c.lang, text, err, want)
		}
		name := c.name
		pg.bothWidths(t, ctx, func(w int64) (string, string, string) {
			return name, fmt.Sprintf(" at %d px", w), fmt.Sprintf("runs-%s-%d", name, w)
		})
	}
}
