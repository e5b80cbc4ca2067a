package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// TestBrowserAdjustWeightsAndRun does issue 13's weight-set, framework, run and report steps in
// the package's headless Chromium, on the sub-district example in review: as the expert, open the
// weight set, move the economy dimension's weight and watch the preview (htmx) show the ranks
// that change and the swap thresholds, save it with a reason and find the new version in the
// history; as the owner, read the framework's differences from the previous version, start a run
// with the configuration copied from the example's run (its grade bands) and see the grades in
// its results, and open the report's preview before publishing. Every step is checked and
// photographed at phone (375 px) and desktop (1280 px) widths, under the strict policy (the
// report under its own), with no serious or critical axe-core violation.
func TestBrowserAdjustWeightsAndRun(t *testing.T) {
	bctx := browser(t)
	s := newRunSite(t)
	s.addExpert(t)
	ctx0 := context.Background()
	example, ws := s.reported(t)
	// The example's composite is 15 % targets: a run on the targets alone (the surveys read but
	// not weighed) is the preview's basis, where moving a dimension's weight reorders units.
	cfg := example.Config
	cfg.Components, cfg.Constraints, cfg.MonteCarlo = nil, nil, engine.MonteCarloConfig{Off: true}
	if _, err := s.svc.CreateRun(ctx0, s.owner, s.com.ID, evaluation.RunRequest{WeightSetID: ws.ID, DatasetIDs: example.DatasetIDs,
		SurveyIDs: example.SurveyIDs, Config: cfg}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.WorkOne(ctx0, evaluation.WorkerOptions{ID: "setup"}); err != nil {
		t.Fatal(err)
	}
	// A second framework version, as an import would make it: one indicator's polarity changes.
	fw, err := s.svc.GetFramework(ctx0, s.owner, s.com.ID, ws.FrameworkID)
	if err != nil {
		t.Fatal(err)
	}
	var edited engine.Framework
	raw, _ := json.Marshal(fw)
	if err := json.Unmarshal(raw, &edited); err != nil {
		t.Fatal(err)
	}
	// The first indicator without challenge targets: flipping the polarity of one with them
	// would put its challenge target short of its annual target, which the framework refuses.
	var ind *engine.Node
	var find func(ns []*engine.Node)
	find = func(ns []*engine.Node) {
		for _, n := range ns {
			if ind != nil {
				return
			}
			if n.Indicator != nil && len(n.Indicator.ChallengeTargets) == 0 {
				ind = n
			}
			find(n.Children)
		}
	}
	for _, d := range edited.Dimensions {
		find(d.Children)
	}
	if ind == nil {
		t.Fatal("the example framework has no indicator without challenge targets")
	}
	if ind.Indicator.Polarity == engine.PolarityHigher {
		ind.Indicator.Polarity = engine.PolarityLower
	} else {
		ind.Indicator.Polarity = engine.PolarityHigher
	}
	fw2, created, err := s.svc.UpdateFramework(ctx0, s.owner, s.com.ID, fw.ID, fw.Version, &edited)
	if err != nil || !created {
		t.Fatalf("the second framework version: %v %v", created, err)
	}

	srv := httptest.NewServer(s.handler)
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

	n := 0
	step := func(name string) {
		t.Helper()
		n++
		pg.bothWidths(t, ctx, func(w int64) (string, string, string) {
			full := fmt.Sprintf("weights-%02d-%s-%d", n, name, w)
			return full, "", full
		})
	}
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			text, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 600) : ""`))
			t.Fatalf("%s: %v\n%s", what, err, text)
		}
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(`+"`"+sel+"`"+`).innerText`))
		if err != nil {
			t.Fatalf("reading %s: %v", sel, err)
		}
		return v
	}
	count := func(sel string) int {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+"`"+sel+"`"+`).length`))
		if err != nil {
			t.Fatalf("counting %s: %v", sel, err)
		}
		return v
	}
	start := time.Now()

	// The expert moves a weight and sees the preview before saving.
	do("signing in as the expert", signingIn(base+"/weight-sets/"+ws.ID+"?lang=zh", "权重专家", "form.adjust-form")...)
	step("weight-set")
	do("moving the economy weight", chromedp.SetValue(chromedp.CSS("#criterion"), "root:economy"), chromedp.SetValue(chromedp.CSS("#weight"), ""),
		chromedp.SendKeys(chromedp.CSS("#weight"), "0.4"),
		chromedp.Poll[chromedp.Void](`(document.querySelector("#preview p.moves") || {innerText: ""}).innerText.includes("→ 0.4000")`),
		chromedp.WaitVisible(chromedp.CSS("#preview table.swaps")))
	if s := text("#preview p.moves"); !strings.Contains(s, "0.2000 → 0.4000") {
		t.Errorf("the preview's weight: %q", s)
	}
	if count("#preview table.preview-ranking tr.moved") == 0 {
		t.Error("moving the economy weight to 0.4 changes no rank in the preview")
	}
	if count("#preview td.swap-delta") == 0 {
		t.Error("the preview gives no swap threshold")
	}
	step("preview")
	do("saving with a reason", chromedp.SendKeys(chromedp.CSS("#reason"), "经济维度在考核中分量偏低，按专家组意见上调"),
		// The weight set's own page lists its history too: the new version's lists two rows.
		chromedp.Click(chromedp.CSS("form.save-adjustment button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("table.history tbody tr:nth-child(2)")))
	if rows := count("table.history tbody tr"); rows != 2 {
		t.Errorf("the history lists %d versions, want 2", rows)
	}
	if s := text("table.history"); !strings.Contains(s, "按专家组意见上调") {
		t.Errorf("the history lacks the reason: %q", s)
	}
	step("saved")
	do("signing out", chromedp.Click(chromedp.CSS("form.signout button")), chromedp.WaitVisible(chromedp.CSS("p.note[role=status]")))

	// The owner reads the framework's differences, starts a run with a copied configuration and
	// previews its report.
	do("signing in as the owner", signingIn(base+"/frameworks/"+fw2.ID, s.owner.Name, "section.framework-diff table.diff")...)
	if s := text("section.framework-diff"); !strings.Contains(s, ind.Name) || !strings.Contains(s, "极性") {
		t.Errorf("the framework diff: %q", s)
	}
	step("framework-diff")
	do("opening the runs", chromedp.Navigate(base+"/runs"), chromedp.WaitVisible(chromedp.CSS("form.start-run")))
	step("run-form")
	do("starting with the example run's configuration", chromedp.SetValue(chromedp.CSS("#config_from"), example.ID),
		chromedp.Click(chromedp.CSS("form.start-run button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#chart-ranking")))
	res := text("table.results")
	for _, g := range example.Config.Grades[:2] {
		if !strings.Contains(res, g.Name) {
			t.Errorf("the run's results show no grade %s", g.Name)
		}
	}
	step("run-results")
	do("previewing the report", chromedp.Click(chromedp.CSS("p.report-preview a")), chromedp.WaitVisible(chromedp.CSS("p.preview-banner")))
	for _, size := range []struct{ w, h int64 }{{1280, 800}, {375, 812}} {
		name := fmt.Sprintf("weights-%02d-report-preview-%d", n+1, size.w)
		do("sizing", chromedp.EmulateViewport(size.w, size.h))
		csp, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__csp || ["the CSP recorder did not run"]`))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range csp {
			t.Errorf("%s: Content-Security-Policy violation: %s", name, v)
		}
		pg.runAxe(t, ctx, name, "")
		pg.shot(t, ctx, name)
	}
	reps, err := s.svc.ListReports(ctx0, s.owner, s.com.ID)
	if err != nil || len(reps) != 0 {
		t.Errorf("the preview published something: %d reports, %v", len(reps), err)
	}
	t.Logf("adjusting, framework diff, run and report preview in the browser in %v", time.Since(start).Round(time.Millisecond))
}
