package web_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"evalbench/messages"
	"evalbench/web"
)

// TestBrowserWorkbench does an institute's first job in headless Chromium, on the phone
// (375×812) in Chinese: sign in; create a commission; add its unit; import the Jianggan
// framework and read its tree; attach a bad CSV and see its problems with row and column in
// Chinese; check and import the plan's and the work report's data; compare the two versions;
// sign out. Every step is also shown at desktop width (1280×800): each page under the strict
// policy, within the window's width, with no serious or critical axe-core violation, and a
// screenshot of each step and size in testdata/out.
func TestBrowserWorkbench(t *testing.T) {
	bctx := browser(t)
	p := newPeople(t, web.DefaultConfig())
	srv := httptest.NewServer(p.handler)
	defer srv.Close()
	pg := newPages(t)
	out := pg.out
	dir := t.TempDir()
	files := map[string]string{}
	for name, b := range map[string][]byte{"framework.json": jianggan(t, "framework.json"), "data-plan.csv": jianggan(t, "data-plan.csv"),
		"data-workreport.csv": jianggan(t, "data-workreport.csv"), "bad.csv": badCSV(t)} {
		files[name] = filepath.Join(dir, name)
		if err := os.WriteFile(files[name], b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tab, cancel := newTab(t, bctx) // the tab shares the browser's cookies: it signs out at the end
	defer cancel()
	ctx, cancel2 := context.WithTimeout(tab, 3*time.Minute)
	defer cancel2()

	// page checks the page shown at the phone's width and the desktop's, with a screenshot of each.
	n := 0
	page := func(name string) {
		t.Helper()
		n++
		pg.bothWidths(t, ctx, func(w int64) (string, string, string) {
			full := fmt.Sprintf("workbench-%02d-%s-%d", n, name, w)
			return full, "", full
		})
	}
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(`+"`"+sel+"`"+`).innerText`))
		if err != nil {
			t.Fatalf("reading %s: %v", sel, err)
		}
		return s
	}
	start := time.Now()
	do("signing in", signingIn(srv.URL+"/commissions?lang=zh", "user-owner", "form[action='/commissions'] #title")...)
	page("commissions")
	docShot(t, ctx, "01-commissions")
	// A form with a problem first: it comes back by field, in Chinese, with what was typed.
	do("creating with a problem", chromedp.SendKeys(chromedp.CSS("#title"), "江干区“十三五”规划中期评估"), chromedp.SendKeys(chromedp.CSS("#client"), "江干区人民政府"),
		chromedp.SendKeys(chromedp.CSS("#period_start"), "2016"), chromedp.SendKeys(chromedp.CSS("#period_end"), "2015"), chromedp.SendKeys(chromedp.CSS("#evaluated_period"), "2018"),
		chromedp.Click(chromedp.CSS("form[action='/commissions'] button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#period_end[aria-invalid=true]")))
	if s := text("#period_end-problem"); !strings.Contains(s, "起始年") {
		t.Errorf("the period's problem: %q", s)
	}
	page("create-problem")
	do("creating", chromedp.SetValue(chromedp.CSS("#period_end"), "2020"), chromedp.Click(chromedp.CSS("form[action='/commissions'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("h2#members")))
	page("commission")
	do("adding the unit", chromedp.SendKeys(chromedp.CSS("#unit-code"), "jianggan"), chromedp.SendKeys(chromedp.CSS("#unit-name"), "江干区"),
		chromedp.SetValue(chromedp.CSS("#unit-kind"), "district"), chromedp.Click(chromedp.CSS("form[action$='/units'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("p.note[role=status]")))
	page("unit-added")
	docShot(t, ctx, "02-commission")
	do("importing the framework", chromedp.Click(chromedp.CSS("nav.sub a[href$='/frameworks']")), chromedp.WaitVisible(chromedp.CSS("input#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{files["framework.json"]}), chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".tree")))
	if s := text(".tree"); !strings.Contains(s, "经济") || !strings.Contains(s, "公正") || !strings.Contains(s, "财政总收入") {
		t.Errorf("the framework tree: %.300q", s)
	}
	page("framework")
	docShot(t, ctx, "03-framework")
	do("attaching a bad CSV", chromedp.Click(chromedp.CSS("nav.sub a[href$='/datasets']")), chromedp.WaitVisible(chromedp.CSS("input#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{files["bad.csv"]}), chromedp.Click(chromedp.CSS("form[action$='/datasets'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("table.problems")))
	if s := text("table.problems"); !strings.Contains(s, "第3行") || !strings.Contains(s, "问题") || !strings.Contains(s, "五百亿") || !strings.Contains(s, zh.Sprintf(messages.IngestUnitUnknown, "hint", "")) {
		t.Errorf("the problems table: %.300q", s)
	}
	page("bad-csv")
	docShot(t, ctx, "04-dataset-problems")
	for i, name := range []string{"data-plan.csv", "data-workreport.csv"} {
		do("checking "+name, chromedp.Click(chromedp.CSS("nav.sub a[href$='/datasets']")), chromedp.WaitVisible(chromedp.CSS("input#file")),
			chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{files[name]}), chromedp.Click(chromedp.CSS("section[aria-labelledby=upload] button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("#confirm-file")))
		page(fmt.Sprintf("checked-%d", i+1))
		do("importing "+name, chromedp.SetUploadFiles(chromedp.CSS("#confirm-file"), []string{files[name]}), chromedp.Click(chromedp.CSS("section.checked button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("table.observations")))
		page(fmt.Sprintf("dataset-%d", i+1))
	}
	do("comparing", chromedp.Click(chromedp.CSS("nav.sub a[href$='/datasets']")), chromedp.WaitVisible(chromedp.CSS("form.compare")),
		chromedp.Click(chromedp.CSS("form.compare button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("table.compare")))
	page("compare")
	do("signing out", chromedp.Click(chromedp.CSS("form.signout button")), chromedp.WaitVisible(chromedp.CSS("p.note[role=status]")))
	t.Logf("the workbench's first job in %v (screenshots in %s)", time.Since(start).Round(time.Millisecond), out)
}
