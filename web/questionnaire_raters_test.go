package web_test

import (
	"context"
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
	"evalbench/store/storetest"
	"evalbench/web"
)

// newRaterLinks makes a 360-degree survey of one unit with two items and issues n peer links;
// it returns the pages' handler, the service, the links' paths (the n personal ones, then one
// open link) and a function reading the survey (with its response counts).
func newRaterLinks(t *testing.T, n int) (http.Handler, *evaluation.Service, []string, func() *engine.Survey) {
	t.Helper()
	db, _ := storetest.New(t)
	ctx := context.Background()
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	sys := evaluation.SystemActor("test")
	inst, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "i", Name: "I"})
	mustOK(t, err)
	u, err := svc.CreateUser(ctx, sys, evaluation.UserInput{InstituteID: inst.ID, Name: "owner"})
	mustOK(t, err)
	a := evaluation.Actor{UserID: u.ID, Name: "owner", InstituteID: inst.ID}
	c, err := svc.CreateCommission(ctx, a, evaluation.CommissionInput{Title: "某区评估", Client: "c", PeriodStart: 2016, PeriodEnd: 2020, EvaluatedPeriod: "2016"})
	mustOK(t, err)
	_, err = svc.UpsertUnits(ctx, a, c.ID, []engine.Unit{{Code: "caihe", Name: "采荷街道", Kind: engine.UnitSubdistrict}})
	mustOK(t, err)
	sv, err := svc.CreateSurvey(ctx, a, c.ID, &engine.Survey{Code: "r360", Title: "360度评价", Kind: engine.Survey360,
		Scale:  engine.Scale{Categories: []engine.ScaleCategory{{Label: "好", Score: 100}, {Label: "较好", Score: 80}, {Label: "一般", Score: 60}, {Label: "差", Score: 0}}},
		Items:  []engine.SurveyItem{{Code: "q1", Text: "履职尽责"}, {Code: "q2", Text: "工作作风"}},
		Groups: []engine.RaterGroup{{Code: engine.GroupPeer, Weight: 1}}})
	mustOK(t, err)
	links, err := svc.IssueRaterLinks(ctx, a, c.ID, sv.ID, evaluation.RaterLinksInput{Unit: "caihe", Group: engine.GroupPeer, Count: n, Deadline: time.Now().Add(time.Hour)})
	mustOK(t, err)
	open, err := svc.IssueRaterLinks(ctx, a, c.ID, sv.ID, evaluation.RaterLinksInput{Unit: "caihe", Group: engine.GroupPeer, Count: 1, Open: true, Deadline: time.Now().Add(time.Hour)})
	mustOK(t, err)
	var paths []string
	for _, l := range append(links, open...) {
		paths = append(paths, l.Path)
	}
	survey := func() *engine.Survey {
		s, err := svc.GetSurvey(ctx, a, c.ID, sv.ID)
		mustOK(t, err)
		return s
	}
	return web.New(svc, web.DefaultConfig(), slog.New(slog.NewTextHandler(io.Discard, nil))), svc, paths, survey
}

func TestRaterForm(t *testing.T) {
	h, _, paths, survey := newRaterLinks(t, 2)
	for _, lang := range []string{"zh", "en"} {
		rec := get(h, paths[0], lang)
		body := rec.Body.String()
		want := map[string][]string{"zh": {"不了解", "采荷街道", "同级", "履职尽责", "较好"}, "en": {"cannot judge", "采荷街道"}}[lang]
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the form lacks %q", lang, w)
			}
		}
		if rec.Code != 200 || rec.Header().Get("Cache-Control") != "no-store" || strings.Contains(body, "%!") || strings.Contains(body, "web.r.") {
			t.Errorf("%s: %d %q", lang, rec.Code, rec.Header().Get("Cache-Control"))
		}
	}
	nf := get(h, "/no/such/page", "zh").Body.String()
	for _, bad := range []string{paths[0][:len(paths[0])-1] + "x", "/r/short"} {
		rec := get(h, bad, "zh")
		if rec.Code != 404 || strings.ReplaceAll(rec.Body.String(), bad, "/no/such/page") != nf {
			t.Errorf("%s: %d", bad, rec.Code)
		}
	}
	token := csrfField.FindStringSubmatch(get(h, paths[0], "zh").Body.String())[1]
	if rec := post(h, paths[0], url.Values{"i|q1": {"80"}}, ""); rec.Code != 403 {
		t.Errorf("no token: %d", rec.Code)
	}
	if rec := post(h, paths[0], url.Values{"csrf": {token}, "i|q1": {"55"}}, ""); rec.Code != 422 {
		t.Errorf("a score off the scale: %d", rec.Code)
	}
	for i := 0; i < 2; i++ {
		rec := post(h, paths[0], url.Values{"csrf": {token}, "i|q1": {"80"}, "i|q2": {""}, "comment": {"很好"}}, "")
		if rec.Code != 200 || !regexp.MustCompile(`评价已于.*提交`).MatchString(rec.Body.String()) {
			t.Fatalf("submit %d: %d", i, rec.Code)
		}
	}
	if s := survey(); s.Responses != 1 || s.Imports != 1 {
		t.Fatalf("responses %d, imports %d", s.Responses, s.Imports)
	}

	// The open link: one answer per device (a signed cookie), each device a rater of its own.
	open := paths[len(paths)-1]
	token = csrfField.FindStringSubmatch(get(h, open, "zh").Body.String())[1]
	answer := func(cookie *http.Cookie) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", open, strings.NewReader(url.Values{"csrf": {token}, "i|q1": {"100"}, "i|q2": {"60"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if cookie != nil {
			req.AddCookie(cookie)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	first := answer(nil)
	var cookies []*http.Cookie // the device's answered cookie (the page may also set the pre-session CSRF cookie)
	for _, c := range first.Result().Cookies() {
		if strings.HasPrefix(c.Name, "answered_") {
			cookies = append(cookies, c)
		}
	}
	if first.Code != 200 || len(cookies) != 1 || !cookies[0].HttpOnly {
		t.Fatalf("open link: %d, cookies %v", first.Code, first.Result().Cookies())
	}
	if again := answer(cookies[0]); again.Code != 200 || !strings.Contains(again.Body.String(), "本设备已提交过") {
		t.Fatalf("the same device again: %d", again.Code)
	}
	forged := *cookies[0]
	forged.Value = "x" + forged.Value
	if rec := answer(&forged); rec.Code != 200 || strings.Contains(rec.Body.String(), "本设备已提交过") {
		t.Fatalf("a forged cookie is taken for an answer: %d", rec.Code)
	}
	if s := survey(); s.Responses != 5 {
		t.Fatalf("responses %d, want 5 (two devices × two items, and the personal link's one)", s.Responses)
	}
	// The address limit: the test requests all come from one address.
	limited := false
	for i := 0; i < 40 && !limited; i++ {
		limited = answer(nil).Code == http.StatusTooManyRequests
	}
	if !limited {
		t.Fatal("no limit per address")
	}
}
