package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/examples"
	"evalbench/messages"
	"evalbench/reports"
	"evalbench/web"
)

// TestBrowserJourney is issue 13's whole job as its users do it, in order, in one session of the
// package's headless Chromium: the owner signs in, creates a commission, adds its unit and gives
// an expert and a reviewer their roles (the members form), imports the Jianggan framework, drags
// in a bad CSV and reads its problems in Chinese, checks and imports the plan's and the work
// report's data (dry run → confirm) and freezes them; the expert moves a weight and sees the
// composites and ranks change in the preview before saving it; the owner starts a run and sees
// its progress reach done, and publishes; the reviewer opens the checklist and accepts; everyone
// signs out. Every page is checked at desktop (1280 px) and phone (375 px) widths, under the
// strict policy, with no serious or critical axe-core violation, and photographed into
// testdata/out (journey-NN-step-width.png).
//
// Two steps have no page and are done through evaluation.Service, as an administrator or the
// institute's tooling would: creating the weight set with the experts' AHP judgments (the
// Jianggan example's weights.json and ahp-panel.json; the workbench has no page that creates a
// weight set) and moving the commission through its statuses to review before publishing (no
// page transitions a commission).
func TestBrowserJourney(t *testing.T) {
	bctx := browser(t)
	cfg := web.DefaultConfig()
	defaults := api.DefaultConfig()
	cfg.PublicRateLimit, cfg.PublicRateBurst = defaults.PublicRateLimit, defaults.PublicRateBurst
	// Publishing signs the report and prints its PDF: the service gets a master key for the
	// institute's signing key and a browser to print with.
	p := newPeople(t, cfg, evaluation.WithReporter(reports.Builder{Browser: &reports.Browser{}}), evaluation.WithMasterKey(testMasterKey))
	svc := p.svc
	srv := httptest.NewServer(p.handler)
	defer srv.Close()
	wctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		svc.Work(wctx, evaluation.WorkerOptions{ID: "journey", Poll: 100 * time.Millisecond})
	}()
	defer func() { stop(); wg.Wait() }()

	pg := newPages(t)
	dir := t.TempDir()
	files := map[string]string{}
	for name, b := range map[string][]byte{"framework.json": jianggan(t, "framework.json"), "data-plan.csv": jianggan(t, "data-plan.csv"),
		"data-workreport.csv": jianggan(t, "data-workreport.csv"), "bad.csv": badCSV(t)} {
		files[name] = filepath.Join(dir, name)
		if err := os.WriteFile(files[name], b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tab, cancel := newTab(t, bctx)
	defer cancel()
	ctx, cancel2 := context.WithTimeout(tab, 8*time.Minute)
	defer cancel2()

	n := 0
	start := time.Now()
	step := func(name string) {
		t.Helper()
		n++
		pg.bothWidths(t, ctx, func(w int64) (string, string, string) {
			full := fmt.Sprintf("journey-%02d-%s-%d", n, name, w)
			return full, "", full
		})
		t.Logf("step %02d %s at %v", n, name, time.Since(start).Round(time.Millisecond))
	}
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			text, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 800) : ""`))
			t.Fatalf("%s: %v\n%s", what, err, text)
		}
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector(`+"`"+sel+"`"+`) || {innerText: ""}).innerText`))
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
	signout := func() {
		t.Helper()
		do("signing out", chromedp.Click(chromedp.CSS("form.signout button")), chromedp.WaitVisible(chromedp.CSS("p.note[role=status]")))
		step("signed-out")
	}

	// The owner: a commission, its unit and its people.
	do("signing in as the owner", signingIn(srv.URL+"/commissions?lang=zh", "user-owner", "form[action='/commissions'] #title")...)
	step("commissions")
	do("creating the commission", chromedp.SendKeys(chromedp.CSS("#title"), "江干区“十三五”规划中期评估（全程）"), chromedp.SendKeys(chromedp.CSS("#client"), "江干区人民政府"),
		chromedp.SendKeys(chromedp.CSS("#period_start"), "2016"), chromedp.SendKeys(chromedp.CSS("#period_end"), "2020"), chromedp.SendKeys(chromedp.CSS("#evaluated_period"), "2016"),
		chromedp.Click(chromedp.CSS("form[action='/commissions'] button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("h2#members")))
	path, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil || !strings.HasPrefix(path, "/commissions/") {
		t.Fatalf("the new commission's page: %q %v", path, err)
	}
	cid := strings.TrimPrefix(path, "/commissions/")
	base := srv.URL + path
	step("commission")
	do("adding the unit", chromedp.SendKeys(chromedp.CSS("#unit-code"), "jianggan"), chromedp.SendKeys(chromedp.CSS("#unit-name"), "江干区"),
		chromedp.SetValue(chromedp.CSS("#unit-kind"), "district"), chromedp.Click(chromedp.CSS("form[action$='/units'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("p.note[role=status]")))
	for _, g := range []struct{ user, role string }{{"expert", "expert"}, {"reviewer", "reviewer"}} {
		// The page before the grant is marked, so that the wait is for the page after it.
		do("granting "+g.role, chromedp.SetValue(chromedp.CSS("#grant-user"), p.users[g.user].ID), chromedp.SetValue(chromedp.CSS("#grant-role"), g.role),
			chromedp.SetAttributeValue(chromedp.CSS("body"), "data-before", "grant"),
			chromedp.Click(chromedp.CSS("form[action$='/members'] button[type=submit]")),
			chromedp.WaitNotPresent(chromedp.CSS("body[data-before]")), chromedp.WaitVisible(chromedp.CSS("p.note[role=status]")))
	}
	if s := text("table[aria-labelledby=members]"); !strings.Contains(s, "user-expert") || !strings.Contains(s, "user-reviewer") {
		t.Errorf("the members after granting: %q", s)
	}
	step("members")

	// The framework, a bad file, and the two data files through the dry run.
	do("importing the framework", chromedp.Click(chromedp.CSS("nav.sub a[href$='/frameworks']")), chromedp.WaitVisible(chromedp.CSS("input#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{files["framework.json"]}), chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".tree")))
	if s := text(".tree"); !strings.Contains(s, "经济") || !strings.Contains(s, "财政总收入") {
		t.Errorf("the framework tree: %.300q", s)
	}
	step("framework")
	do("attaching a bad CSV", chromedp.Click(chromedp.CSS("nav.sub a[href$='/datasets']")), chromedp.WaitVisible(chromedp.CSS("input#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{files["bad.csv"]}), chromedp.Click(chromedp.CSS("form[action$='/datasets'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("table.problems")))
	if s := text("table.problems"); !strings.Contains(s, "第3行") || !strings.Contains(s, zh.Sprintf(messages.IngestUnitUnknown, "hint", "")) {
		t.Errorf("the problems table: %.300q", s)
	}
	step("bad-csv")
	for i, name := range []string{"data-plan.csv", "data-workreport.csv"} {
		do("checking "+name, chromedp.Click(chromedp.CSS("nav.sub a[href$='/datasets']")), chromedp.WaitVisible(chromedp.CSS("input#file")),
			chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{files[name]}), chromedp.Click(chromedp.CSS("section[aria-labelledby=upload] button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("#confirm-file")))
		step(fmt.Sprintf("checked-%d", i+1))
		do("importing "+name, chromedp.SetUploadFiles(chromedp.CSS("#confirm-file"), []string{files[name]}), chromedp.Click(chromedp.CSS("section.checked button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("table.observations")))
		do("freezing "+name, chromedp.Click(chromedp.CSS("form[action$='/freeze'] button[type=submit]")), chromedp.WaitNotPresent(chromedp.CSS("form[action$='/freeze']")))
		step(fmt.Sprintf("dataset-%d", i+1))
	}

	// No page creates a weight set: the experts' AHP panel of the Jianggan example goes in
	// through the service, on the framework the browser imported.
	owner := evaluation.Actor{UserID: p.users["owner"].ID, Name: p.users["owner"].Name, InstituteID: p.users["owner"].InstituteID}
	ctx0 := context.Background()
	var ws engine.WeightSet
	var panel evaluation.JudgmentPanel
	for f, v := range map[string]any{"jianggan/weights.json": &ws, "jianggan/ahp-panel.json": &panel} {
		raw, err := examples.Files.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, v); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	wsd, err := svc.CreateWeightSet(ctx0, owner, cid, &ws)
	if err != nil {
		t.Fatalf("the weight set: %v", err)
	}
	if _, err := svc.ImportJudgments(ctx0, owner, cid, wsd.WeightSet.ID, panel); err != nil {
		t.Fatalf("the experts' judgments: %v", err)
	}
	signout()

	// The expert moves the economy dimension's weight and sees the preview before saving.
	do("signing in as the expert", signingIn(base+"/weight-sets/"+wsd.WeightSet.ID+"?lang=zh", "user-expert", "form.adjust-form")...)
	step("weight-set")
	do("moving the economy weight", chromedp.SetValue(chromedp.CSS("#criterion"), "root:economy"), chromedp.SetValue(chromedp.CSS("#weight"), ""),
		chromedp.SendKeys(chromedp.CSS("#weight"), "0.6"),
		chromedp.Poll[chromedp.Void](`(document.querySelector("#preview p.moves") || {innerText: ""}).innerText.includes("→ 0.6000")`),
		chromedp.WaitVisible(chromedp.CSS("#preview table.preview-ranking")))
	// Jianggan is one district: its rank stays 1 whatever the weights; its composite moves.
	cells, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#preview table.preview-ranking tbody tr td")].map(td => td.innerText)`))
	if err != nil || len(cells) < 4 {
		t.Fatalf("the preview's row: %v %v", cells, err)
	}
	if cells[0] == cells[1] || cells[0] == "—" || cells[1] == "—" {
		t.Errorf("moving the economy weight to 0.6 leaves the composite at %q → %q", cells[0], cells[1])
	}
	if cells[2] != "1" || cells[3] != "1" {
		t.Errorf("the district's saved and proposed ranks: %q %q", cells[2], cells[3])
	}
	step("preview")
	do("saving with a reason", chromedp.SendKeys(chromedp.CSS("#reason"), "经济维度在考核中分量偏低，按专家组意见上调"),
		chromedp.Click(chromedp.CSS("form.save-adjustment button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("table.history tbody tr:nth-child(2)")))
	if s := text("table.history"); !strings.Contains(s, "按专家组意见上调") {
		t.Errorf("the history lacks the reason: %q", s)
	}
	step("saved")
	signout()

	// The owner runs it, watches the progress reach done, and publishes.
	do("signing in as the owner", signingIn(base+"/runs", "user-owner", "form.start-run")...)
	step("runs")
	// The run's page follows its event stream and reloads once the run is done.
	do("starting a run and waiting for it to be done", chromedp.Click(chromedp.CSS("form.start-run button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#chart-ranking")))
	if s := text("table.results"); !strings.Contains(s, "江干区") {
		t.Errorf("the run's results: %.300q", s)
	}
	step("run-done")
	// The rectification loop: an opinion of the public becomes an item, raised by hand, with a
	// deadline already past, so the list marks it overdue.
	runURL, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
	if err != nil {
		t.Fatal(err)
	}
	do("raising a rectification item", chromedp.Navigate(base+"/rectifications"), chromedp.WaitVisible(chromedp.CSS("form.rect-raise")),
		chromedp.SendKeys(chromedp.CSS("#raise-issue"), "群众反映背街小巷保洁不到位"), chromedp.SendKeys(chromedp.CSS("#raise-owner"), "区城管局"),
		chromedp.SetValue(chromedp.CSS("#raise-deadline"), "2017-06-30"),
		chromedp.Click(chromedp.CSS("form.rect-raise button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("table.rectifications tr.overdue")))
	if s := text("table.rectifications"); !strings.Contains(s, "区城管局") || !strings.Contains(s, "已逾期") {
		t.Errorf("the rectification items: %q", s)
	}
	step("rectification")
	// No page moves a commission through its statuses: the owner's tooling takes it to review.
	for _, to := range []evaluation.Status{evaluation.StatusCollecting, evaluation.StatusWeighting, evaluation.StatusComputing, evaluation.StatusReview} {
		com, err := svc.GetCommission(ctx0, owner, cid)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.TransitionCommission(ctx0, owner, cid, com.Version, to); err != nil {
			t.Fatalf("to %s: %v", to, err)
		}
	}
	do("back to the run", chromedp.Navigate(runURL), chromedp.WaitVisible(chromedp.CSS("form.publish button")))
	do("publishing", chromedp.SetAttributeValue(chromedp.CSS("body"), "data-before", "publish"), chromedp.Click(chromedp.CSS("form.publish button")),
		chromedp.WaitNotPresent(chromedp.CSS("body[data-before]")), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if count("h2#log") == 0 {
		t.Fatalf("publishing did not lead to the reports: %.600q", text("main"))
	}
	step("published")
	signout()

	// The reviewer reads the checklist and accepts.
	do("signing in as the reviewer", signingIn(base+"/acceptance", "user-reviewer", "ol.checklist")...)
	step("checklist")
	do("accepting", chromedp.SendKeys(chromedp.CSS("#reasons"), "材料齐全，同意验收"),
		chromedp.Click(chromedp.CSS("form.decide button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("ul.decisions")))
	step("accepted")
	signout()

	com, err := svc.GetCommission(ctx0, owner, cid)
	if err != nil || com.Status != evaluation.StatusAccepted {
		t.Errorf("the commission at the end of the journey: %v %v", com, err)
	}
	if c := count("form.signout"); c != 0 {
		t.Errorf("still signed in at the end (%d sign-out forms)", c)
	}
	t.Logf("the whole job in the browser in %v, %d steps at two widths (screenshots in %s)", time.Since(start).Round(time.Millisecond), n, pg.out)
}
