package web_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"evalbench/evaluation/engine"
	"evalbench/web"
)

// TestOwnerPagesBrowser: the owner, signed in on the phone, opens a judgment round (experts typed
// one per line) and sees the links once, an expert answers on the phone through the compact
// questionnaire and submits, the owner sees the round's progress with the CR; on the survey
// board the owner issues an open link and gets its printable QR code; an enumerator types in
// two respondents one after the other. Every step at desktop and phone width: the strict
// policy, no overflow, no serious or critical axe-core violation, a screenshot.
func TestOwnerPagesBrowser(t *testing.T) {
	bctx := browser(t)
	p := newPeople(t, web.DefaultConfig())
	ctx0 := context.Background()
	owner := p.actor("owner")
	fw, err := p.svc.CreateFramework(ctx0, owner, p.own.ID, roundFramework())
	mustOK(t, err)
	ws, err := p.svc.CreateWeightSet(ctx0, owner, p.own.ID, &engine.WeightSet{FrameworkID: fw.ID, Name: "专家判断", Method: engine.WeightAHP})
	mustOK(t, err)
	sv, err := p.svc.CreateSurvey(ctx0, owner, p.own.ID, &engine.Survey{Code: "sat", Title: "公众满意度调查", Kind: engine.SurveySocial,
		Scale:  engine.Scale{Categories: []engine.ScaleCategory{{Label: "满意", Score: 100}, {Label: "基本满意", Score: 60}, {Label: "不满意", Score: 0}}},
		Items:  []engine.SurveyItem{{Code: "q1", Text: "办事效率"}, {Code: "q2", Text: "服务态度"}},
		Groups: []engine.RaterGroup{{Code: engine.GroupPublic, Name: "公众", Weight: 1, MinRaters: 3}}})
	mustOK(t, err)
	srv := httptest.NewServer(p.handler)
	defer srv.Close()
	pg := newPages(t)
	tab, cancel := newTab(t, bctx)
	defer cancel()
	ctx, cancel2 := context.WithTimeout(tab, 3*time.Minute)
	defer cancel2()
	n := 0
	page := func(name string) {
		t.Helper()
		n++
		pg.bothWidths(t, ctx, func(w int64) (string, string, string) {
			full := fmt.Sprintf("owner-%02d-%s-%d", n, name, w)
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
	rounds := srv.URL + "/commissions/" + p.own.ID + "/weight-sets/" + ws.WeightSet.ID + "/rounds"
	do("signing in", signingIn(rounds+"?lang=zh", "user-owner", "#experts")...)
	page("rounds")
	do("opening a round", chromedp.SendKeys(chromedp.CSS("#experts"), "张专家，浙江大学\n李专家，省社科院"),
		chromedp.Click(chromedp.CSS("form[action$='/rounds'] button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("section.issued")))
	page("round-opened")
	links := strings.Fields(text("section.issued tbody"))
	var first string
	for _, f := range links {
		if strings.Contains(f, "/q/") {
			first = f
			break
		}
	}
	if first == "" {
		t.Fatalf("no link shown: %q", links)
	}

	// The expert answers on the phone: three selects, consistent, then submits (a full POST).
	do("the expert's questionnaire", chromedp.EmulateViewport(375, 812), chromedp.Navigate(first), chromedp.WaitVisible(chromedp.CSS("#node-0-0-1-s")))
	// Choosing without the change event (no htmx round trip): the submit posts all three.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { for (const [id, v] of [["node-0-0-1-s", "2"], ["node-0-0-2-s", "4"], ["node-0-1-2-s", "2"]]) document.getElementById(id).value = v; return true })()`)); err != nil {
		t.Fatal(err)
	}
	pg.page(t, ctx, fmt.Sprintf("owner-%02d-expert-answered-375", n+1), 375)
	do("submitting", chromedp.Click(chromedp.CSS("button[name=submit]")), chromedp.WaitVisible(chromedp.CSS("fieldset.pair[disabled]")))

	do("the round's progress", chromedp.Navigate(rounds), chromedp.Click(chromedp.CSS("table.checks tbody a")), chromedp.WaitVisible(chromedp.CSS("table.round")))
	page("round-progress")
	if s := text("main"); !strings.Contains(s, "2位专家中已有1位提交") || !strings.Contains(s, "一致性比率CR 0.000") {
		t.Errorf("the progress: %q", s)
	}

	// The survey board: issue an open link with its QR code.
	do("the board", chromedp.Navigate(srv.URL+"/commissions/"+p.own.ID+"/surveys"), chromedp.Click(chromedp.CSS("table.checks tbody a")), chromedp.WaitVisible(chromedp.CSS("table.board")))
	page("board")
	do("issuing an open link", chromedp.Click(chromedp.CSS("#open")), chromedp.Click(chromedp.CSS("form[action$='/links'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("figure.qr svg")))
	page("open-link-qr")

	// Enumerator mode: two respondents in a row.
	do("enumerator mode", chromedp.Navigate(srv.URL+"/commissions/"+p.own.ID+"/surveys/"+sv.ID+"/enumerate"), chromedp.WaitVisible(chromedp.CSS("form.enumerate")))
	page("enumerate")
	for i := range 2 {
		do(fmt.Sprintf("respondent %d", i+1), chromedp.Click(chromedp.CSS(fmt.Sprintf("#item-0-%d", i))), chromedp.Click(chromedp.CSS("#item-1-0")),
			chromedp.Click(chromedp.CSS("form.enumerate button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("p.note[role=status]")))
	}
	page("enumerated")
	s, err := p.svc.GetSurvey(ctx0, owner, p.own.ID, sv.ID)
	mustOK(t, err)
	if s.Responses != 4 || s.Imports != 2 {
		t.Errorf("after two enumerated respondents: %d responses, %d imports; want 4 and 2", s.Responses, s.Imports)
	}
}
