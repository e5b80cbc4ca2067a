package web_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestQuestionnaireBrowser has an expert answer a small hierarchy in headless Chromium at phone
// (375×812) and desktop (1280×800) sizes: the radios post with htmx and the matrix's CR comes
// back from the server; the inconsistent answers bring the CR warning naming the judgment that
// contributes most, the expert takes the suggestion (a full form POST) and submits. Each step is
// checked like the other pages (CSP, stylesheet, htmx, no overflow), axe-core finds no serious
// or critical violation, and a screenshot goes to testdata/out.
func TestQuestionnaireBrowser(t *testing.T) {
	bctx := browser(t)
	h, _, paths := newRoundExperts(t, 2)
	srv := httptest.NewServer(h)
	defer srv.Close()
	pg := newPages(t)
	tab, cancel := newTab(t, bctx)
	defer cancel()
	// progress waits until the root matrix shows want (the htmx swap is done).
	progress := func(ctx context.Context, name, want string) {
		t.Helper()
		for {
			got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("#node-0 .progress") || {}).textContent || ""`))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if strings.Contains(got, want) {
				return
			}
			select {
			case <-ctx.Done():
				t.Fatalf("%s: the progress shows %q, want %q", name, got, want)
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
	for k, size := range []struct {
		name          string
		width, height int64
	}{{"375", 375, 812}, {"1280", 1280, 800}} {
		ctx, cancel := context.WithTimeout(tab, 60*time.Second)
		name := "questionnaire-zh-" + size.name
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.width, size.height), chromedp.Navigate(srv.URL+paths[k]+"?lang=zh"),
			chromedp.WaitVisible(chromedp.CSS("form.questionnaire fieldset.pair"))); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		pg.page(t, ctx, name, size.width)

		// A > B moderately, B > C moderately, but C > A moderately: inconsistent. Each pair is
		// a select (node-0-I-J-s) of the signed scale; choosing fires change as a tap would.
		for n, a := range []struct{ id, value string }{{"#node-0-0-1-s", "3"}, {"#node-0-1-2-s", "3"}, {"#node-0-0-2-s", "-3"}} {
			_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const s = document.querySelector("`+a.id+`"); s.value = "`+a.value+`"; `+
				`return s.dispatchEvent(new Event("change", {bubbles: true})); })()`))
			if err != nil {
				t.Fatalf("%s: answering %s: %v", name, a.id, err)
			}
			progress(ctx, name, []string{"1/3", "2/3", "3/3"}[n])
		}
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#node-0 .advice button[name=take]"))); err != nil {
			t.Fatalf("%s: no CR warning: %v", name, err)
		}
		warn := "questionnaire-warning-" + size.name
		pg.page(t, ctx, warn, size.width)

		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#node-0 .advice button[name=take]")),
			chromedp.WaitVisible(chromedp.CSS("#node-0 .cr.ok"))); err != nil {
			t.Fatalf("%s: taking the suggestion: %v", name, err)
		}
		took := "questionnaire-suggestion-taken-" + size.name
		check(t, ctx, took, size.width)
		pg.shot(t, ctx, took)

		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("button[name=submit]")),
			chromedp.WaitVisible(chromedp.CSS("fieldset.pair[disabled]"))); err != nil {
			t.Fatalf("%s: submitting: %v", name, err)
		}
		done := "questionnaire-submitted-" + size.name
		pg.page(t, ctx, done, size.width)
		cancel()
	}
}

// TestRaterFormBrowser has a peer rater answer a 360-degree survey at phone and desktop sizes:
// one item rated, one "cannot judge", a comment, submitted; checked like the other pages, with
// axe-core and screenshots.
func TestRaterFormBrowser(t *testing.T) {
	bctx := browser(t)
	h, _, paths, survey := newRaterLinks(t, 2)
	srv := httptest.NewServer(h)
	defer srv.Close()
	pg := newPages(t)
	tab, cancel := newTab(t, bctx)
	defer cancel()
	for k, size := range []struct {
		name          string
		width, height int64
	}{{"375", 375, 812}, {"1280", 1280, 800}} {
		ctx, cancel := context.WithTimeout(tab, 30*time.Second)
		name := "rater-zh-" + size.name
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.width, size.height), chromedp.Navigate(srv.URL+paths[k]+"?lang=zh"),
			chromedp.WaitVisible(chromedp.CSS("form.rater fieldset.pair"))); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		pg.page(t, ctx, name, size.width)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#item-0-1")), chromedp.SendKeys(chromedp.CSS("#comment"), "服务热情"),
			chromedp.Click(chromedp.CSS("form.rater button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("p.note[role=status]"))); err != nil {
			t.Fatalf("%s: answering: %v", name, err)
		}
		done := "rater-submitted-" + size.name
		check(t, ctx, done, size.width)
		pg.shot(t, ctx, done)
		cancel()
	}
	if s := survey(); s.Responses != 2 {
		t.Errorf("responses %d, want 2 (one rated item per rater)", s.Responses)
	}
}
