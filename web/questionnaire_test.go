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
	"evalbench/store/storetest"
	"evalbench/web"
)

// roundFramework has three dimensions with an indicator each, so the root compares three items.
func roundFramework() *engine.Framework {
	ind := func(code, name, en string) *engine.Node {
		return &engine.Node{Code: code, Kind: engine.KindIndicator, Name: name, NameEN: en, Indicator: &engine.Indicator{
			Unit: "%", ValueKind: engine.ValueQuantity, Polarity: engine.PolarityHigher, TargetKind: engine.TargetLevel}}
	}
	dims := make([]*engine.Node, 4)
	for i, d := range engine.Dimensions {
		n := engine.DimensionNames[d]
		dims[i] = &engine.Node{Code: string(d), Kind: engine.KindDimension, Name: n[0], NameEN: n[1]}
	}
	dims[0].Children = []*engine.Node{ind("a1", "指标甲", "A1")}
	dims[1].Children = []*engine.Node{ind("b1", "指标乙", "B1")}
	dims[2].Children = []*engine.Node{ind("c1", "指标丙", "C1")}
	return &engine.Framework{Title: "轮次", PlanStart: 2016, PlanEnd: 2020, Dimensions: dims}
}

// newRound opens a one-expert round on the root of a small framework and returns the pages'
// handler and the expert's link path.
func newRound(t *testing.T) (http.Handler, *evaluation.Service, string) {
	t.Helper()
	h, svc, paths := newRoundExperts(t, 1)
	return h, svc, paths[0]
}

// newRoundExperts opens a round with n experts and returns their link paths.
func newRoundExperts(t *testing.T, n int) (http.Handler, *evaluation.Service, []string) {
	t.Helper()
	db, _ := storetest.New(t)
	ctx := context.Background()
	svc := evaluation.NewService(db)
	sys := evaluation.SystemActor("test")
	inst, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "i", Name: "I"})
	mustOK(t, err)
	u, err := svc.CreateUser(ctx, sys, evaluation.UserInput{InstituteID: inst.ID, Name: "owner"})
	mustOK(t, err)
	a := evaluation.Actor{UserID: u.ID, Name: "owner", InstituteID: inst.ID}
	c, err := svc.CreateCommission(ctx, a, evaluation.CommissionInput{Title: "某区评估", Client: "c", PeriodStart: 2016, PeriodEnd: 2020, EvaluatedPeriod: "2016"})
	mustOK(t, err)
	fw, err := svc.CreateFramework(ctx, a, c.ID, roundFramework())
	mustOK(t, err)
	ws, err := svc.CreateWeightSet(ctx, a, c.ID, &engine.WeightSet{FrameworkID: fw.ID, Name: "专家", Method: engine.WeightAHP})
	mustOK(t, err)
	var experts []evaluation.RoundExpertInput
	for i := 0; i < n; i++ {
		experts = append(experts, evaluation.RoundExpertInput{Name: "张专家", Organisation: "大学"})
	}
	open, err := svc.OpenRound(ctx, a, c.ID, ws.WeightSet.ID, evaluation.RoundInput{Deadline: time.Now().Add(time.Hour), Experts: experts})
	mustOK(t, err)
	var paths []string
	for _, l := range open.Links {
		paths = append(paths, l.Path)
	}
	return web.New(svc, web.DefaultConfig(), slog.New(slog.NewTextHandler(io.Discard, nil))), svc, paths
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func get(h http.Handler, path, lang string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Accept-Language", lang)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func post(h http.Handler, path string, form url.Values, origin string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func TestQuestionnaire(t *testing.T) {
	h, _, path := newRound(t)
	zh := get(h, path, "zh-CN")
	if zh.Code != 200 {
		t.Fatalf("GET %d", zh.Code)
	}
	if cc := zh.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q", cc)
	}
	body := zh.Body.String()
	for _, want := range []string{"同等重要", "稍微重要", "明显重要", "强烈重要", "极端重要", "介于强烈重要与极端重要之间", "extremely more important", "经济", "张专家"} {
		if !strings.Contains(body, want) {
			t.Errorf("the Chinese page lacks %q", want)
		}
	}
	if en := get(h, path, "en").Body.String(); !strings.Contains(en, "moderately more important") || !strings.Contains(en, "稍微重要") {
		t.Error("the English page lacks the scale in English with the Chinese alongside")
	}
	if strings.Contains(body, "%!") || strings.Contains(body, "web.q.") {
		t.Error("a message id or a formatting mark in the page")
	}

	// Bad links: the same 404 page as any unknown address.
	nf := get(h, "/no/such/page", "zh").Body.String()
	for _, bad := range []string{path[:len(path)-1] + "x", "/q/short", path + "A"} {
		rec := get(h, bad, "zh")
		// The page differs only by the address in its language switch.
		if rec.Code != 404 || strings.ReplaceAll(rec.Body.String(), bad, "/no/such/page") != nf {
			t.Errorf("%s: %d", bad, rec.Code)
		}
	}

	token := csrfField.FindStringSubmatch(body)[1]
	form := url.Values{"csrf": {token}, "a|root|0|1": {"9"}, "a|root|1|2": {"9"}, "a|root|0|2": {"-9"}}
	// CSRF: a missing token, a token of another link, a foreign origin.
	for name, f := range map[string]url.Values{"no token": {"a|root|0|1": {"9"}}, "wrong token": {"csrf": {"x" + token}, "a|root|0|1": {"9"}}} {
		if rec := post(h, path, f, ""); rec.Code != 403 {
			t.Errorf("%s: %d", name, rec.Code)
		}
	}
	if rec := post(h, path, form, "https://evil.example"); rec.Code != 403 {
		t.Errorf("a foreign origin: %d", rec.Code)
	}
	rec := post(h, path, form, "http://example.com")
	if rec.Code != 200 {
		t.Fatalf("save: %d %s", rec.Code, rec.Body)
	}
	page := rec.Body.String()
	if !strings.Contains(page, "一致性比率CR") || !strings.Contains(page, "采用建议") || !strings.Contains(page, "最影响一致性的是") {
		t.Fatalf("no CR warning with a suggestion:\n%s", page)
	}
	take := regexp.MustCompile(`name="take" value="([^"]+)"`).FindStringSubmatch(page)[1]
	rec = post(h, path, url.Values{"csrf": {token}, "take": {take}}, "")
	if rec.Code != 200 {
		t.Fatalf("take: %d", rec.Code)
	}
	// Submit twice: the second answers the same.
	for i := 0; i < 2; i++ {
		rec = post(h, path, url.Values{"csrf": {token}, "submit": {"1"}}, "")
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "答案已锁定") {
			t.Fatalf("submit %d: %d %s", i, rec.Code, rec.Body)
		}
	}
	if rec = post(h, path, url.Values{"csrf": {token}, "a|root|0|1": {"3"}, "s|root|0|1": {"9"}}, ""); rec.Code != 409 {
		t.Fatalf("a change after submitting: %d", rec.Code)
	}
}
