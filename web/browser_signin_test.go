package web_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"evalbench/web"
)

// TestBrowserSignin signs in through the form in headless Chromium at phone (375×812) and
// desktop (1280×800) sizes, sees the commissions and a commission's overview, and signs out —
// each page under the strict policy, within the window's width, with no serious or critical
// axe-core violation, and a screenshot of each step in testdata/out.
func TestBrowserSignin(t *testing.T) {
	bctx := browser(t)
	p := newPeople(t, web.DefaultConfig())
	srv := httptest.NewServer(p.handler)
	defer srv.Close()
	pg := newPages(t)

	for _, size := range []struct {
		name          string
		width, height int64
		lang          string
	}{{"375", 375, 812, "zh"}, {"1280", 1280, 800, "en"}} {
		t.Run(size.name, func(t *testing.T) {
			tab, cancel := newTab(t, bctx) // a fresh tab shares the browser's cookies: sign out at the end
			defer cancel()
			ctx, cancel2 := context.WithTimeout(tab, 60*time.Second)
			defer cancel2()
			start := time.Now()
			// A signed-in page sends the reader to sign in and back.
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.width, size.height),
				chromedp.Navigate(srv.URL+"/commissions?lang="+size.lang), chromedp.WaitVisible(chromedp.CSS("form input#password"))); err != nil {
				t.Fatalf("opening /commissions: %v", err)
			}
			pg.page(t, ctx, fmt.Sprintf("signin-needed-%s-%s", size.lang, size.name), size.width)
			// A wrong password first.
			if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#user"), "user-reviewer"),
				chromedp.SendKeys(chromedp.CSS("#password"), "not the password"),
				chromedp.Click(chromedp.CSS("main form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("p.problem"))); err != nil {
				t.Fatalf("a wrong password: %v", err)
			}
			pg.page(t, ctx, fmt.Sprintf("signin-failed-%s-%s", size.lang, size.name), size.width)
			// The name typed stays in the form after a failure; the password does not.
			if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#password"), password),
				chromedp.Click(chromedp.CSS("main form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("table.commissions"))); err != nil {
				t.Fatalf("signing in: %v", err)
			}
			pg.page(t, ctx, fmt.Sprintf("commissions-%s-%s", size.lang, size.name), size.width)
			html, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main").innerText`))
			if err != nil || !strings.Contains(html, p.own.Title) || strings.Contains(html, p.foreign.Title) {
				t.Errorf("the list: %q %v", html, err)
			}
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`table.commissions a`)), chromedp.WaitVisible(chromedp.CSS("h2#members"))); err != nil {
				t.Fatalf("opening the commission: %v", err)
			}
			pg.page(t, ctx, fmt.Sprintf("commission-%s-%s", size.lang, size.name), size.width)
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("form.signout button")), chromedp.WaitVisible(chromedp.CSS("p.note[role=status]"))); err != nil {
				t.Fatalf("signing out: %v", err)
			}
			pg.page(t, ctx, fmt.Sprintf("signed-out-%s-%s", size.lang, size.name), size.width)
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/commissions"), chromedp.WaitVisible(chromedp.CSS("form input#password"))); err != nil {
				t.Fatalf("after signing out, /commissions does not ask to sign in: %v", err)
			}
			t.Logf("signed in, browsed and signed out in %v", time.Since(start).Round(time.Millisecond))
		})
	}
}
