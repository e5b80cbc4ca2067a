package web_test

import (
	"bufio"
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
	"evalbench/examples"
	"evalbench/messages"
	"evalbench/reports"
	"evalbench/store"
	"evalbench/store/storetest"
	"evalbench/web"
)

// runSite is the examples installation with the sub-district commission in review and not yet
// published (so a run can be started on it and published), its owner and a reviewer signed in.
type runSite struct {
	db      *store.DB
	svc     *evaluation.Service
	handler http.Handler
	com     *examples.Commission // sub-districts
	owner   evaluation.Actor
	secrets map[string]string // owner, reviewer → session secret
}

// reported is the sub-district example's reported run (its 2017 evaluation, with the direct
// weight set) and that weight set: not the expert panel's alternative run, which is newer.
func (s *runSite) reported(t *testing.T) (*evaluation.Run, *engine.WeightSet) {
	t.Helper()
	run := s.com.Runs[len(s.com.Runs)-1]
	sets, err := s.svc.ListWeightSets(context.Background(), s.owner, s.com.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i := range sets {
		if sets[i].ID == run.WeightSetID {
			return run, &sets[i]
		}
	}
	t.Fatalf("the reported run's weight set %s is not listed", run.WeightSetID)
	return nil, nil
}

func newRunSite(t *testing.T) *runSite {
	t.Helper()
	db, _ := storetest.New(t)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}),
		evaluation.WithReporter(reports.Builder{Browser: &reports.Browser{}}), evaluation.WithMasterKey(testMasterKey))
	ctx := context.Background()
	owner, err := examples.Owner(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := examples.Load(ctx, svc, owner)
	if err != nil {
		t.Fatal(err)
	}
	s := &runSite{db: db, svc: svc, owner: owner, secrets: map[string]string{}}
	for _, c := range cs {
		if c.Key == "subdistricts" {
			s.com = c
		}
	}
	if s.com == nil {
		t.Fatal("no sub-district example")
	}
	for _, to := range []evaluation.Status{evaluation.StatusCollecting, evaluation.StatusWeighting, evaluation.StatusComputing, evaluation.StatusReview} {
		com, err := svc.GetCommission(ctx, owner, s.com.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.TransitionCommission(ctx, owner, s.com.ID, com.Version, to); err != nil {
			t.Fatal(err)
		}
	}
	sys := evaluation.SystemActor("test")
	if err := svc.SetPassword(ctx, sys, owner.UserID, password); err != nil {
		t.Fatal(err)
	}
	rev, err := svc.CreateUser(ctx, sys, evaluation.UserInput{InstituteID: owner.InstituteID, Name: "验收人"})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SetPassword(ctx, sys, rev.ID, password); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Grant(ctx, owner, s.com.ID, rev.ID, evaluation.RoleReviewer); err != nil {
		t.Fatal(err)
	}
	for key, login := range map[string]string{"owner": owner.Name, "reviewer": rev.Name} {
		x, err := svc.SignIn(ctx, evaluation.SigninInput{Login: login, Password: password, Address: "192.0.2.9"})
		if err != nil {
			t.Fatal(err)
		}
		s.secrets[key] = x.Secret
	}
	s.handler = web.New(svc, web.DefaultConfig(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	return s
}

// do sends a request as caller; a POST carries form with the caller's CSRF token (unless csrf is
// false) and this site's Origin.
func (s *runSite) do(caller, method, target string, form url.Values, csrf bool, header ...string) *httptest.ResponseRecorder {
	var body io.Reader
	if method == "POST" {
		if form == nil {
			form = url.Values{}
		}
		if csrf {
			form.Set("csrf", evaluation.CSRFToken(s.secrets[caller]))
		}
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	req.RemoteAddr = "192.0.2.1:1234"
	req.Header.Set("Accept-Language", "zh-CN")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	if method == "POST" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "http://example.com")
	}
	req.AddCookie(&http.Cookie{Name: "evb_session", Value: s.secrets[caller]})
	rec := httptest.NewRecorder()
	s.handler.ServeHTTP(rec, req)
	return rec
}

// TestRunPages walks the pages as the institute's evaluator and the reviewer do: the runs list
// with the start form, a run started from it that a worker computes, the progress fragment, the
// results with the 4E scores and the report's charts, publishing, the reports and publication
// log, the acceptance checklist and decision, and the audit log — every POST refused without
// its CSRF token.
func TestRunPages(t *testing.T) {
	s := newRunSite(t)
	ctx := context.Background()
	base := "/commissions/" + s.com.ID
	msg := messages.For(messages.Chinese)

	rec := s.do("owner", "GET", base+"/runs", nil, false)
	body := checkPage(t, rec, 200, messages.Chinese)
	for _, want := range []string{msg.Sprintf(messages.WebRunsTitle), msg.Sprintf(messages.WebRunsStart), `name="csrf"`, s.com.Runs[len(s.com.Runs)-1].ResultDigest} {
		if !strings.Contains(body, want) {
			t.Errorf("the runs page lacks %q", want)
		}
	}
	// The example's 2017 run: the panel with 2016 (rank changes), the awards and the items carried.
	y2017 := base + "/runs/" + s.com.Runs[len(s.com.Runs)-1].ID
	page17 := checkPage(t, s.do("owner", "GET", y2017, nil, false), 200, messages.Chinese)
	for _, want := range []string{msg.Sprintf(messages.WebRunPanel, "previous", "2016"), msg.Sprintf(messages.WebRunColDeltaRank),
		"<td class=\"num\">↑3</td>", "<td class=\"num\">↑2</td>", msg.Sprintf(messages.AwardRankRise) + " · 凯旋",
		msg.Sprintf(messages.AwardRectification) + " · 九堡", msg.Sprintf(messages.WebRunRectifications, "count", 2, "audited", 1)} {
		if !strings.Contains(page17, want) {
			t.Errorf("the 2017 run page lacks %q", want)
		}
	}
	form := url.Values{}
	for _, m := range regexp.MustCompile(`<select id="weight_set" name="weight_set" required>\s*<option value="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		form.Set("weight_set", m[1])
	}
	for _, m := range regexp.MustCompile(`name="dataset" value="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		form.Add("dataset", m[1])
	}
	if form.Get("weight_set") == "" || len(form["dataset"]) == 0 {
		t.Fatalf("the start form offers no weight set or dataset: %v", form)
	}
	// The reviewer may read the runs but not start one: no form.
	if b := s.do("reviewer", "GET", base+"/runs", nil, false).Body.String(); strings.Contains(b, `action="`+base+`/runs"`) {
		t.Error("the reviewer is offered the start form")
	}
	// Without the CSRF token, nothing starts.
	if rec := s.do("owner", "POST", base+"/runs", form, false); rec.Code != 403 {
		t.Errorf("starting a run without the CSRF token: %d", rec.Code)
	}
	// A request without datasets is refused with the form again.
	rec = s.do("owner", "POST", base+"/runs", url.Values{"weight_set": {form.Get("weight_set")}}, true)
	if b := checkPage(t, rec, 422, messages.Chinese); !strings.Contains(b, msg.Sprintf(messages.WebFormHasProblems)) ||
		!strings.Contains(b, msg.Sprintf(messages.WebRunsFieldDatasets)) {
		t.Error("the refused request does not say why, by field")
	}
	rec = s.do("owner", "POST", base+"/runs", form, true)
	if rec.Code != 303 || !strings.HasPrefix(rec.Header().Get("Location"), base+"/runs/") {
		t.Fatalf("starting a run: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	runURL := rec.Header().Get("Location")

	// Queued: the page follows the run's event stream (htmx's SSE extension), asks for the
	// fragment when the stream says done (and every 5 s should the stream not get through), and
	// without script refreshes itself.
	body = checkPage(t, s.do("owner", "GET", runURL, nil, false), 200, messages.Chinese)
	for _, want := range []string{`sse-connect="` + runURL + `/events"`, `sse-swap="progress"`, `hx-get="` + runURL + `/progress"`,
		`hx-trigger="sse:done, every 5s"`, `<noscript><meta http-equiv="refresh" content="3"></noscript>`, "/htmx-ext-sse-2.2.4/sse.min.js", "<progress"} {
		if !strings.Contains(body, want) {
			t.Errorf("the queued run's page lacks %q", want)
		}
	}
	srv := httptest.NewServer(s.handler)
	defer srv.Close()
	// stream opens the run's event stream as the reviewer; next reads it up to the end of the
	// next event named until and returns that event's data lines.
	stream := func(base string) (next func(until string) []string, stop func()) {
		t.Helper()
		sctx, cancel := context.WithCancel(ctx)
		req, _ := http.NewRequestWithContext(sctx, "GET", base+runURL+"/events", nil)
		req.Header.Set("Accept-Language", "zh-CN")
		req.AddCookie(&http.Cookie{Name: "evb_session", Value: s.secrets["reviewer"]})
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" || resp.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("the event stream: %d %v", resp.StatusCode, resp.Header)
		}
		sc := bufio.NewScanner(resp.Body)
		next = func(until string) []string {
			t.Helper()
			event, data := "", []string{}
			for sc.Scan() {
				line := sc.Text()
				switch {
				case strings.HasPrefix(line, "event: "):
					event, data = strings.TrimPrefix(line, "event: "), nil
				case strings.HasPrefix(line, "data: "):
					data = append(data, strings.TrimPrefix(line, "data: "))
				case line == "" && event == until:
					return data
				}
			}
			if until == "done" && sc.Err() == nil {
				return nil // the stream ended (the caller says whether it should have)
			}
			t.Fatalf("the stream ended without %q: %v", until, sc.Err())
			return nil
		}
		return next, func() { cancel(); resp.Body.Close() }
	}
	// The stream's first event is the page's state box, in the reader's language; the stream
	// stays open while the run is computed and says "done" on the same connection.
	next, stop := stream(srv.URL)
	defer stop()
	if data := strings.Join(next("progress"), "\n"); !strings.Contains(data, msg.Sprintf(messages.RunStatusQueued)) ||
		!strings.Contains(data, "<progress") || strings.Contains(data, "<html") {
		t.Errorf("the queued run's first event: %q", data)
	}
	frag := s.do("owner", "GET", runURL+"/progress", nil, false, "HX-Request", "true")
	if frag.Code != 200 || strings.Contains(frag.Body.String(), "<html") || !strings.Contains(frag.Body.String(), msg.Sprintf(messages.RunStatusQueued)) {
		t.Errorf("the progress fragment: %d %s", frag.Code, frag.Body.String())
	}
	if frag.Header().Get("HX-Refresh") != "" {
		t.Error("a queued run asks for a refresh")
	}
	// The server shutting down (Config.Stop closed) ends its open streams without "done" (with
	// a lifetime of a day, a stream that ignored Stop would hold the test to its timeout).
	stopping := make(chan struct{})
	cfg := web.DefaultConfig()
	cfg.Stop, cfg.StreamLifetime = stopping, 24*time.Hour
	ssrv := httptest.NewServer(web.New(s.svc, cfg, slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer ssrv.Close()
	snext, sstop := stream(ssrv.URL)
	snext("progress")
	close(stopping)
	if data := snext("done"); data != nil {
		t.Errorf("the open stream said done while stopping: %q", data)
	}
	sreq, _ := http.NewRequest("GET", ssrv.URL+runURL+"/events", nil)
	sreq.AddCookie(&http.Cookie{Name: "evb_session", Value: s.secrets["reviewer"]})
	if resp, err := http.DefaultClient.Do(sreq); err != nil {
		t.Fatal(err)
	} else if b, err := io.ReadAll(resp.Body); err != nil || strings.Contains(string(b), "event: done") || !strings.Contains(string(b), "event: progress") {
		t.Errorf("a stream opened while stopping: %v %q", err, b)
	}
	sstop()
	if ok, err := s.svc.WorkOne(ctx, evaluation.WorkerOptions{ID: "test"}); !ok || err != nil {
		t.Fatalf("working the run: %v %v", ok, err)
	}
	if data := next("done"); len(data) != 1 || data[0] != "succeeded" {
		t.Errorf("the open stream's done event: %q", data)
	}
	stop()
	frag = s.do("owner", "GET", runURL+"/progress", nil, false, "HX-Request", "true")
	if frag.Header().Get("HX-Refresh") != "true" || !strings.Contains(frag.Body.String(), msg.Sprintf(messages.RunStatusSucceeded)) {
		t.Errorf("the finished run's fragment: %q %s", frag.Header().Get("HX-Refresh"), frag.Body.String())
	}
	// The stream of a run that has ended says so at once.
	next, stop2 := stream(srv.URL)
	if data := next("done"); len(data) != 1 || data[0] != "succeeded" {
		t.Errorf("the finished run's done event: %q", data)
	}
	stop2()

	// The results in English too.
	if b := checkPage(t, s.do("owner", "GET", runURL, nil, false, "Accept-Language", "en"), 200, messages.English); !strings.Contains(b, "Economy") {
		t.Error("the English results lack the 4E names")
	}
	// Succeeded: the results with the 4E columns and the charts, and the publish form.
	body = checkPage(t, s.do("owner", "GET", runURL, nil, false), 200, messages.Chinese)
	for _, want := range []string{"经济", "效率", "效益", "公正", `<svg class="chart" id="chart-ranking"`, `id="chart-dimension-1"`,
		msg.Sprintf(messages.WebRunIndicators), `action="` + runURL + `/publish"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the run's results lack %q", want)
		}
	}
	if strings.Contains(body, "hx-get") || strings.Contains(body, "sse-connect") || strings.Contains(body, "http-equiv") {
		t.Error("the finished run still follows its progress")
	}
	// A second run, cancelled while it is queued (never without the CSRF token).
	rec = s.do("owner", "POST", base+"/runs", form, true)
	if rec.Code != 303 {
		t.Fatalf("starting a second run: %d", rec.Code)
	}
	second := rec.Header().Get("Location")
	if b := s.do("owner", "GET", second, nil, false).Body.String(); !strings.Contains(b, `action="`+second+`/cancel"`) {
		t.Error("the queued run offers no cancel")
	}
	if rec := s.do("owner", "POST", second+"/cancel", nil, false); rec.Code != 403 {
		t.Errorf("cancelling without the CSRF token: %d", rec.Code)
	}
	if rec := s.do("owner", "POST", second+"/cancel", nil, true); rec.Code != 303 {
		t.Errorf("cancelling: %d", rec.Code)
	}
	if b := checkPage(t, s.do("owner", "GET", second, nil, false), 200, messages.Chinese); !strings.Contains(b, msg.Sprintf(messages.RunStatusCancelled)) {
		t.Error("the cancelled run does not say so")
	}
	checkPage(t, s.do("owner", "POST", second+"/cancel", nil, true), 409, messages.Chinese)
	if rec := s.do("owner", "POST", runURL+"/publish", nil, false); rec.Code != 403 {
		t.Errorf("publishing without the CSRF token: %d", rec.Code)
	}
	if rec := s.do("reviewer", "POST", runURL+"/publish", nil, true); rec.Code != 403 {
		t.Errorf("the reviewer publishing: %d", rec.Code)
	}
	rec = s.do("owner", "POST", runURL+"/publish", nil, true)
	if rec.Code != 303 || rec.Header().Get("Location") != base+"/reports" {
		t.Fatalf("publishing: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	body = checkPage(t, s.do("owner", "GET", base+"/reports", nil, false), 200, messages.Chinese)
	for _, want := range []string{msg.Sprintf(messages.WebReportsLog), msg.Sprintf(messages.WebReportsLogIntact), "/report.html"} {
		if !strings.Contains(body, want) {
			t.Errorf("the reports page lacks %q", want)
		}
	}
	// Published: the run's page says so and offers no second publication.
	body = checkPage(t, s.do("owner", "GET", runURL, nil, false), 200, messages.Chinese)
	if strings.Contains(body, `action="`+runURL+`/publish"`) || !strings.Contains(body, `/report.html"`) {
		t.Error("the published run's page still offers publishing, or does not link its report")
	}

	// The reviewer's checklist and decision.
	body = checkPage(t, s.do("reviewer", "GET", base+"/acceptance", nil, false), 200, messages.Chinese)
	for _, want := range []string{msg.Sprintf(messages.WebAcceptChecklist), `name="decision" value="accept"`, `name="csrf"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the acceptance page lacks %q", want)
		}
	}
	if b := s.do("owner", "GET", base+"/acceptance", nil, false).Body.String(); strings.Contains(b, `name="decision"`) {
		t.Error("the owner is offered the decision form")
	}
	if rec := s.do("reviewer", "POST", base+"/acceptance", url.Values{"decision": {"accept"}}, false); rec.Code != 403 {
		t.Errorf("deciding without the CSRF token: %d", rec.Code)
	}
	checkPage(t, s.do("reviewer", "POST", base+"/acceptance", url.Values{"decision": {"reject"}}, true), 422, messages.Chinese)
	rec = s.do("reviewer", "POST", base+"/acceptance", url.Values{"decision": {"accept"}, "reasons": {"材料齐全"}}, true)
	if rec.Code != 303 {
		t.Fatalf("accepting: %d %s", rec.Code, rec.Body.String())
	}
	body = checkPage(t, s.do("reviewer", "GET", base+"/acceptance", nil, false), 200, messages.Chinese)
	if !strings.Contains(body, msg.Sprintf(messages.WebAcceptDecisionAccept)) || !strings.Contains(body, "材料齐全") {
		t.Error("the decision is not listed")
	}

	// The audit log, paged.
	body = checkPage(t, s.do("owner", "GET", base+"/audit", nil, false), 200, messages.Chinese)
	for _, want := range []string{"run.create", "report.publish", "acceptance"} {
		if !strings.Contains(body, want) {
			t.Errorf("the audit log lacks %q", want)
		}
	}
	if !strings.Contains(body, `rel="next"`) {
		t.Log("the audit log fits on one page")
	}
	checkPage(t, s.do("owner", "GET", base+"/audit?after=1", nil, false), 200, messages.Chinese)
	// The reviewer holds no audit permission.
	if rec := s.do("reviewer", "GET", base+"/audit", nil, false); rec.Code != 403 && rec.Code != 200 {
		t.Errorf("the reviewer's audit log: %d", rec.Code)
	}
}

// TestRunSaysWhyItFailed starts two runs on the sub-district example: one held by a worker in
// its "computing" stage, whose page and event stream name the stage in the reader's language,
// and one with a weight set that has no judgments yet, which the worker fails on that data
// problem — its page then says why, in Chinese and in English, where it said only "failed".
func TestRunSaysWhyItFailed(t *testing.T) {
	s := newRunSite(t)
	ctx := context.Background()
	base := "/commissions/" + s.com.ID
	zh, en := messages.For(messages.Chinese), messages.For(messages.English)
	last := s.com.Runs[len(s.com.Runs)-1]
	req := evaluation.RunRequest{WeightSetID: last.WeightSetID, DatasetIDs: last.DatasetIDs, SurveyIDs: last.SurveyIDs, Config: last.Config}

	// A run a worker holds while it computes: the stage in the page's language, not as stored.
	held, err := s.svc.CreateRun(ctx, s.owner, s.com.ID, req)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Transact(ctx, func(tx evaluation.Tx) error {
		if _, err := tx.ClaimRun(ctx, "held", time.Hour); err != nil {
			return err
		}
		_, err := tx.SetRunProgress(ctx, held.ID, "held", evaluation.RunStageComputing, 0.3)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	heldURL := base + "/runs/" + held.ID
	for _, c := range []struct {
		lang   messages.Language
		header []string
	}{{messages.Chinese, nil}, {messages.English, []string{"Accept-Language", "en"}}} {
		p := messages.For(c.lang)
		body := checkPage(t, s.do("owner", "GET", heldURL, nil, false, c.header...), 200, c.lang)
		frag := s.do("owner", "GET", heldURL+"/progress", nil, false, append([]string{"HX-Request", "true"}, c.header...)...).Body.String()
		for name, b := range map[string]string{"page": body, "fragment": frag} {
			want := `<span class="stage">` + p.Sprintf(messages.RunStageComputing) + `</span>`
			if !strings.Contains(b, want) || !strings.Contains(b, p.Sprintf(messages.RunStatusRunning)) {
				t.Errorf("%s %s lacks the stage %q", c.lang, name, want)
			}
		}
		if c.lang == messages.Chinese && strings.Contains(body, "computing") {
			t.Error("the Chinese page shows the stage as stored")
		}
	}
	// The event stream's first progress event carries the same state box, in Chinese.
	srv := httptest.NewServer(s.handler)
	defer srv.Close()
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sreq, _ := http.NewRequestWithContext(sctx, "GET", srv.URL+heldURL+"/events", nil)
	sreq.Header.Set("Accept-Language", "zh-CN")
	sreq.AddCookie(&http.Cookie{Name: "evb_session", Value: s.secrets["owner"]})
	resp, err := http.DefaultClient.Do(sreq)
	if err != nil {
		t.Fatal(err)
	}
	var event []string
	for sc := bufio.NewScanner(resp.Body); sc.Scan() && (len(event) == 0 || sc.Text() != ""); {
		if strings.HasPrefix(sc.Text(), "event: progress") || len(event) > 0 {
			event = append(event, sc.Text())
		}
	}
	cancel()
	resp.Body.Close()
	if data := strings.Join(event, "\n"); !strings.Contains(data, `<span class="stage">`+zh.Sprintf(messages.RunStageComputing)+`</span>`) {
		t.Errorf("the progress event lacks the Chinese stage: %q", data)
	}

	// A weight set without judgments: the run is accepted, and fails when it is computed.
	ws, err := s.svc.CreateWeightSet(ctx, s.owner, s.com.ID, &engine.WeightSet{Name: "未填判断", FrameworkID: last.FrameworkID, Method: engine.WeightAHP})
	if err != nil {
		t.Fatal(err)
	}
	req.WeightSetID = ws.WeightSet.ID
	failing, err := s.svc.CreateRun(ctx, s.owner, s.com.ID, req)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := s.svc.WorkOne(ctx, evaluation.WorkerOptions{ID: "test", Log: slog.New(slog.NewTextHandler(io.Discard, nil))}); !ok || err != nil {
		t.Fatalf("working the run: %v %v", ok, err)
	}
	r, err := s.svc.GetRun(ctx, s.owner, s.com.ID, failing.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != evaluation.RunFailed || r.ErrorMessage == nil {
		t.Fatalf("run %s: %q %+v", r.Status, r.Error, r.ErrorMessage)
	}
	summary, _ := r.ErrorMessage.Args["summary"].(messages.Message)
	if (r.ErrorMessage.ID != messages.RunErrorProblem && r.ErrorMessage.ID != messages.RunErrorProblems) || summary.ID != messages.RunWeightSetUnusable {
		t.Fatalf("the run's error message: %+v", r.ErrorMessage)
	}
	if want := en.Render(*r.ErrorMessage); !strings.HasPrefix(r.Error, en.Sprintf(messages.RunWeightSetUnusable)) || !strings.HasPrefix(want, en.Sprintf(messages.RunWeightSetUnusable)) {
		t.Errorf("Error %q and its message %q", r.Error, want)
	}
	failURL := base + "/runs/" + failing.ID
	body := checkPage(t, s.do("owner", "GET", failURL, nil, false), 200, messages.Chinese)
	reason := zh.Sprintf(messages.WebRunFailedReason, "reason", *r.ErrorMessage)
	if !strings.Contains(body, `<p class="problem" role="alert" id="run-error">`+html.EscapeString(reason)+`</p>`) || !strings.Contains(reason, "权重集") {
		t.Errorf("the failed run's page does not say why in Chinese: want %q", reason)
	}
	if strings.Contains(body, zh.Sprintf(messages.WebRunFailed)) || strings.Contains(body, html.EscapeString(r.Error)) {
		t.Error("the failed run's page shows the bare failure or the English error")
	}
	if strings.Contains(body, zh.Sprintf(messages.WebRunShowResults)) {
		t.Error("the failed run's page offers results it does not have")
	}
	for _, header := range [][]string{{"Accept-Language", "en"}, nil} {
		target := failURL
		if header == nil {
			target += "?lang=en"
		}
		body = checkPage(t, s.do("owner", "GET", target, nil, false, header...), 200, messages.English)
		if reason := en.Sprintf(messages.WebRunFailedReason, "reason", *r.ErrorMessage); !strings.Contains(body, html.EscapeString(reason)) {
			t.Errorf("the English page (%v) does not say why: want %q", header, reason)
		}
	}
}

// TestWeightSetPages opens the weight sets read-only: the list with the comparison form, each
// set with its dimension weights and experts' consistency, and the comparison of two sets with
// the ranks they give.
func TestWeightSetPages(t *testing.T) {
	s := newRunSite(t)
	ctx := context.Background()
	base := "/commissions/" + s.com.ID
	ws, err := s.svc.ListWeightSets(ctx, s.owner, s.com.ID)
	if err != nil || len(ws) == 0 {
		t.Fatalf("weight sets: %v %v", ws, err)
	}
	msg := messages.For(messages.Chinese)
	body := checkPage(t, s.do("reviewer", "GET", base+"/weight-sets", nil, false), 200, messages.Chinese)
	for _, w := range ws {
		if !strings.Contains(body, base+"/weight-sets/"+w.ID) {
			t.Errorf("the list lacks weight set %d", w.Number)
		}
		page := checkPage(t, s.do("reviewer", "GET", base+"/weight-sets/"+w.ID, nil, false), 200, messages.Chinese)
		if !strings.Contains(page, msg.Sprintf(messages.WebWsDimensions)) {
			t.Errorf("weight set %d: no dimension weights", w.Number)
		}
		if w.Method == "ahp" && !strings.Contains(page, msg.Sprintf(messages.WebWsColCr)) {
			t.Errorf("weight set %d (AHP): no experts' consistency", w.Number)
		}
		// The expert panel's organisations (ahp-panel.json's organisation field) beside the names.
		if w.Method == "ahp" && !strings.Contains(page, `<th scope="row">模拟专家 周文华 · <span class="organisation">高校公共管理学院</span></th>`) {
			t.Errorf("weight set %d (AHP): the experts are not listed with their organisations", w.Number)
		}
		// An excluded matrix says why in the page's language, never as the recorded {id, args}.
		if strings.Contains(page, "ahp.excluded") || strings.Contains(page, "map[") ||
			strings.Contains(page, "<td>"+msg.Sprintf(messages.WebWsExcluded)+" ") && !strings.Contains(page, "不计入群组结果") {
			t.Errorf("weight set %d: the exclusion reason is not rendered", w.Number)
		}
	}
	last := ws[len(ws)-1].ID
	body = checkPage(t, s.do("reviewer", "GET", base+"/weight-sets/compare?from="+ws[0].ID+"&to="+last, nil, false), 200, messages.Chinese)
	if !strings.Contains(body, msg.Sprintf(messages.WebWsRanks)) {
		t.Error("the comparison does not show the ranks")
	}
	if strings.Contains(body, `<th scope="row"><code>`) {
		t.Error("the comparison names an indicator by its code only")
	}
	checkPage(t, s.do("reviewer", "GET", base+"/weight-sets/compare", nil, false), 400, messages.Chinese)
	checkPage(t, s.do("reviewer", "GET", base+"/weight-sets/00000000-0000-4000-8000-000000000002", nil, false), 404, messages.Chinese)
}

// TestOwnJudgmentOrganisationPage: an expert's own matrix lists them on the weight set's page with
// their institute's name as organisation by default, and with the one they give once they give
// one — on every matrix of theirs in the set.
func TestOwnJudgmentOrganisationPage(t *testing.T) {
	s := newRunSite(t)
	expert := s.addExpert(t)
	ctx := context.Background()
	_, reported := s.reported(t)
	d, err := s.svc.CreateWeightSet(ctx, s.owner, s.com.ID, &engine.WeightSet{FrameworkID: reported.FrameworkID, Name: "专家自评AHP", Method: engine.WeightAHP})
	if err != nil {
		t.Fatal(err)
	}
	insts, err := s.svc.ListInstitutes(ctx, s.owner)
	if err != nil || len(insts) != 1 {
		t.Fatalf("institutes %v %v", insts, err)
	}
	ones := func(n int) [][]float64 {
		m := make([][]float64, n)
		for i := range m {
			m[i] = make([]float64, n)
			for j := range m[i] {
				m[i][j] = 1
			}
		}
		return m
	}
	path := "/commissions/" + s.com.ID + "/weight-sets/" + d.WeightSet.ID
	row := func(org string) string {
		return `<th scope="row">` + expert.Name + ` · <span class="organisation">` + org + `</span></th>`
	}
	if _, err := s.svc.SubmitJudgment(ctx, expert, s.com.ID, d.WeightSet.ID, evaluation.JudgmentInput{Node: "root", Matrix: ones(4)}); err != nil {
		t.Fatal(err)
	}
	page := checkPage(t, s.do("reviewer", "GET", path, nil, false), 200, messages.Chinese)
	if strings.Count(page, row(insts[0].Name)) != 1 {
		t.Fatalf("the page does not list the expert with their institute's name %q", insts[0].Name)
	}
	if _, err := s.svc.SubmitJudgment(ctx, expert, s.com.ID, d.WeightSet.ID, evaluation.JudgmentInput{Node: "economy", Matrix: ones(len(firstChildren(t, s, reported.FrameworkID, "economy"))), Organisation: "高校公共管理学院"}); err != nil {
		t.Fatal(err)
	}
	page = checkPage(t, s.do("reviewer", "GET", path, nil, false), 200, messages.Chinese)
	if strings.Count(page, row("高校公共管理学院")) != 2 || strings.Contains(page, row(insts[0].Name)) {
		t.Error("the page does not list both of the expert's matrices with the organisation they gave")
	}
}

// firstChildren returns the codes of a node's children in a framework of the site.
func firstChildren(t *testing.T, s *runSite, frameworkID, node string) []string {
	t.Helper()
	f, err := s.svc.GetFramework(context.Background(), s.owner, s.com.ID, frameworkID)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range f.Dimensions {
		if d.Code == node {
			var out []string
			for _, c := range d.Children {
				out = append(out, c.Code)
			}
			return out
		}
	}
	t.Fatalf("no dimension %s", node)
	return nil
}
