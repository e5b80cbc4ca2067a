package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"evalbench/evaluation"
	"evalbench/evaluation/ingest"
	"evalbench/messages"
	"evalbench/store/storetest"
	"evalbench/web"
)

// TestRunPageCancelledWhileComputing cancels a run from its page while a worker computes it
// (held at the computing stage by storetest.PauseAtStage): the page then says the cancellation
// was requested instead of offering it again, and once the worker stops, shows the run cancelled
// with the reason in the reader's language, no results and no cancel; cancelling it again is a
// 409 page; the worker then computes the next run.
func TestRunPageCancelledWhileComputing(t *testing.T) {
	s := newRunSite(t)
	ctx := context.Background()
	base := "/commissions/" + s.com.ID
	zh, en := messages.For(messages.Chinese), messages.For(messages.English)
	last := s.com.Runs[len(s.com.Runs)-1]
	req := evaluation.RunRequest{WeightSetID: last.WeightSetID, DatasetIDs: last.DatasetIDs, SurveyIDs: last.SurveyIDs, Config: last.Config}
	r, err := s.svc.CreateRun(ctx, s.owner, s.com.ID, req)
	if err != nil {
		t.Fatal(err)
	}
	runURL := base + "/runs/" + r.ID
	cancelForm := `action="` + runURL + `/cancel"`

	pause := storetest.PauseAtStage(s.db, evaluation.RunStageComputing)
	t.Cleanup(pause.Release)
	worker := evaluation.NewService(pause, evaluation.WithCodec(ingest.Codec{}))
	held := pause.Work(t, worker, evaluation.WorkerOptions{ID: "held"})

	computing := `<span class="stage">` + zh.Sprintf(messages.RunStageComputing) + `</span>`
	body := checkPage(t, s.do("owner", "GET", runURL, nil, false), 200, messages.Chinese)
	if !strings.Contains(body, computing) || !strings.Contains(body, cancelForm) || strings.Contains(body, `id="cancel-requested"`) {
		t.Fatalf("the computing run's page: stage %v, cancel offered %v", strings.Contains(body, computing), strings.Contains(body, cancelForm))
	}
	if rec := s.do("owner", "POST", runURL+"/cancel", nil, true); rec.Code != 303 || rec.Header().Get("Location") != runURL {
		t.Fatalf("cancelling: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	// Still computing, and the page says the cancellation is under way instead of offering it
	// again — the page, and the state box the progress fragment and the event stream carry.
	requested := `<p class="note" id="cancel-requested">` + html.EscapeString(zh.Sprintf(messages.WebRunCancelRequested)) + `</p>`
	body = checkPage(t, s.do("owner", "GET", runURL, nil, false), 200, messages.Chinese)
	frag := s.do("owner", "GET", runURL+"/progress", nil, false, "HX-Request", "true").Body.String()
	for name, b := range map[string]string{"page": body, "fragment": frag} {
		if !strings.Contains(b, requested) || !strings.Contains(b, computing) || !strings.Contains(b, zh.Sprintf(messages.RunStatusRunning)) {
			t.Errorf("the %s of the run being cancelled lacks the note %q or the stage", name, requested)
		}
	}
	if strings.Contains(body, cancelForm) {
		t.Error("the run being cancelled still offers the cancel")
	}
	if b := s.do("owner", "GET", runURL, nil, false, "Accept-Language", "en").Body.String(); !strings.Contains(b, html.EscapeString(en.Sprintf(messages.WebRunCancelRequested))) {
		t.Error("the English page lacks the note that the cancellation was requested")
	}

	if o := held.Finish(); !o.Worked || o.Err != nil {
		t.Fatalf("the worker: worked %v, %v", o.Worked, o.Err)
	}
	got, err := s.svc.GetRun(ctx, s.owner, s.com.ID, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != evaluation.RunCancelled || got.ErrorMessage == nil || got.ErrorMessage.ID != messages.RunErrorCancelled {
		t.Fatalf("the run after the worker stopped: %s %+v", got.Status, got.ErrorMessage)
	}
	for _, c := range []struct {
		lang   messages.Language
		header []string
		reason string
	}{{messages.Chinese, nil, "运行已取消：已按请求取消"}, {messages.English, []string{"Accept-Language", "en"}, "The run was cancelled: cancelled on request"}} {
		p := messages.For(c.lang)
		body := checkPage(t, s.do("owner", "GET", runURL, nil, false, c.header...), 200, c.lang)
		if want := `<p class="note" role="status" id="run-error">` + html.EscapeString(c.reason) + `</p>`; !strings.Contains(body, want) {
			t.Errorf("the %s page of the cancelled run lacks %q", c.lang, want)
		}
		if !strings.Contains(body, `<span class="tag">`+p.Sprintf(messages.RunStatusCancelled)+`</span>`) {
			t.Errorf("the %s page does not show the status cancelled", c.lang)
		}
		for _, not := range []string{cancelForm, `id="cancel-requested"`, `action="` + runURL + `/publish"`, `id="chart-ranking"`, "sse-connect", p.Sprintf(messages.WebRunShowResults)} {
			if strings.Contains(body, not) {
				t.Errorf("the %s page of the cancelled run shows %q", c.lang, not)
			}
		}
	}
	if frag := s.do("owner", "GET", runURL+"/progress", nil, false, "HX-Request", "true"); frag.Header().Get("HX-Refresh") != "true" {
		t.Error("the cancelled run's fragment does not ask for the page again")
	}
	if b := checkPage(t, s.do("owner", "POST", runURL+"/cancel", nil, true), 409, messages.Chinese); !strings.Contains(b, html.EscapeString(zh.Sprintf(messages.WebRunCancelConflict))) {
		t.Error("cancelling the cancelled run again does not say it has ended")
	}

	// The worker is free for the next run, which succeeds and shows its results.
	next, err := s.svc.CreateRun(ctx, s.owner, s.com.ID, req)
	if err != nil {
		t.Fatal(err)
	}
	if worked, err := worker.WorkOne(ctx, evaluation.WorkerOptions{ID: "held"}); !worked || err != nil {
		t.Fatalf("the next run: %v %v", worked, err)
	}
	if b := checkPage(t, s.do("owner", "GET", base+"/runs/"+next.ID, nil, false), 200, messages.Chinese); !strings.Contains(b, `id="chart-ranking"`) {
		t.Error("the next run's page shows no results")
	}
}

// TestBrowserRunCancelledWhileComputing cancels, in the package's headless Chromium, a run a
// worker is computing (held at the computing stage): the page says the cancellation was
// requested, and once the worker stops it reloads by itself (event stream, then the fragment's
// HX-Refresh) and says the run was cancelled and why — each state photographed at 375 and 1280 px
// with no serious or critical axe-core violation.
func TestBrowserRunCancelledWhileComputing(t *testing.T) {
	bctx := browser(t)
	s := newRunSite(t)
	bg := context.Background()
	last := s.com.Runs[len(s.com.Runs)-1]
	r, err := s.svc.CreateRun(bg, s.owner, s.com.ID, evaluation.RunRequest{WeightSetID: last.WeightSetID, DatasetIDs: last.DatasetIDs, SurveyIDs: last.SurveyIDs, Config: last.Config})
	if err != nil {
		t.Fatal(err)
	}
	pause := storetest.PauseAtStage(s.db, evaluation.RunStageComputing)
	t.Cleanup(pause.Release)
	worker := evaluation.NewService(pause, evaluation.WithCodec(ingest.Codec{}))
	held := pause.Work(t, worker, evaluation.WorkerOptions{ID: "held"})
	srv := httptest.NewServer(web.New(s.svc, web.DefaultConfig(), slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	pg := newPages(t)
	tab, cancel := newTab(t, bctx)
	defer cancel()
	ctx, cancel2 := context.WithTimeout(tab, 120*time.Second)
	defer cancel2()
	runURL := srv.URL + "/commissions/" + s.com.ID + "/runs/" + r.ID
	if err := chromedp.Do(ctx, signingIn(runURL+"?lang=zh", s.owner.Name, "form.cancel button")...); err != nil {
		t.Fatalf("signing in to the computing run: %v", err)
	}
	step := func(name string) {
		t.Helper()
		pg.bothWidths(t, ctx, func(w int64) (string, string, string) {
			return name, fmt.Sprintf(" at %d px", w), fmt.Sprintf("runs-%s-%d", name, w)
		})
	}
	step("computing")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("form.cancel button")), chromedp.WaitVisible(chromedp.CSS("#cancel-requested"))); err != nil {
		t.Fatalf("cancelling: %v", err)
	}
	zh := messages.For(messages.Chinese)
	if text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#cancel-requested").innerText`)); err != nil || strings.TrimSpace(text) != zh.Sprintf(messages.WebRunCancelRequested) {
		t.Errorf("the note reads %q (%v)", text, err)
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("form.cancel").length`)); err != nil || n != 0 {
		t.Errorf("the run being cancelled offers the cancel again (%d forms, %v)", n, err)
	}
	step("cancel-requested")
	if err := held.Finish().Err; err != nil {
		t.Fatalf("the worker: %v", err)
	}
	// No navigation: the page learns the run ended from its event stream and reloads.
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#run-error[role=status]"))); err != nil {
		t.Fatalf("the page did not show the cancelled run: %v", err)
	}
	if text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#run-error").innerText`)); err != nil || strings.TrimSpace(text) != "运行已取消：已按请求取消" {
		t.Errorf("the reason reads %q (%v)", text, err)
	}
	step("cancelled")
}
