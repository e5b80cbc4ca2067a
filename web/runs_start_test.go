package web_test

import (
	"context"
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// TestStartRunWithConfiguration starts runs from the form: the proposal copies the newest
// succeeded run's configuration, datasets and surveys, and the run it starts has the copied grade
// bands in its result; a configuration edited as JSON is used as typed; bad JSON, a missing dataset
// and an invalid missing-data policy come back by field in Chinese.
func TestStartRunWithConfiguration(t *testing.T) {
	s := newRunSite(t)
	ctx := context.Background()
	msg := messages.For(messages.Chinese)
	base := "/commissions/" + s.com.ID
	runs, err := s.svc.ListRuns(ctx, s.owner, s.com.ID, evaluation.Page{Limit: 10})
	if err != nil || len(runs) == 0 {
		t.Fatalf("runs: %v %v", runs, err)
	}
	last := runs[0]
	if len(last.Config.Grades) == 0 || len(last.SurveyIDs) == 0 {
		t.Fatalf("the example's newest run has %d grade bands and %d surveys", len(last.Config.Grades), len(last.SurveyIDs))
	}

	// The proposed form: every field as the newest run had it.
	body := checkPage(t, s.do("owner", "GET", base+"/runs", nil, false), 200, messages.Chinese)
	form := url.Values{}
	for _, re := range []string{`name="dataset" value="([^"]+)" checked`, `name="survey" value="([^"]+)" checked`} {
		for _, m := range regexp.MustCompile(re).FindAllStringSubmatch(body, -1) {
			form.Add(strings.Split(re, `"`)[1], m[1])
		}
	}
	if m := regexp.MustCompile(`<option value="([^"]+)" selected>[^<]*` + regexp.QuoteMeta(msg.Sprintf(messages.WebRunsConfigCopy, "number", last.Number))).FindStringSubmatch(body); m == nil || m[1] != last.ID {
		t.Fatalf("the form does not propose copying run %d's configuration", last.Number)
	}
	if len(form["dataset"]) != len(last.DatasetIDs) || len(form["survey"]) != len(last.SurveyIDs) {
		t.Fatalf("the form proposes %d datasets and %d surveys, the newest run used %d and %d", len(form["dataset"]), len(form["survey"]), len(last.DatasetIDs), len(last.SurveyIDs))
	}
	form.Set("weight_set", last.WeightSetID)
	form.Set("config_from", last.ID)
	rec := s.do("owner", "POST", base+"/runs", form, true)
	if rec.Code != 303 {
		t.Fatalf("starting with the copied configuration: %d %s", rec.Code, rec.Body.String())
	}
	if _, err := s.svc.WorkOne(ctx, evaluation.WorkerOptions{ID: "test"}); err != nil {
		t.Fatal(err)
	}
	runs, err = s.svc.ListRuns(ctx, s.owner, s.com.ID, evaluation.Page{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	started := runs[0]
	if started.Status != evaluation.RunSucceeded || !strings.HasSuffix(rec.Header().Get("Location"), started.ID) {
		t.Fatalf("the started run: %s %q", started.Status, started.Error)
	}
	a, _ := json.Marshal(started.Config)
	b, _ := json.Marshal(last.Config)
	if string(a) != string(b) || !sameSet(started.SurveyIDs, last.SurveyIDs) {
		t.Errorf("the started run's configuration or surveys differ from the copied run's:\n%s\n%s", a, b)
	}
	page := checkPage(t, s.do("owner", "GET", base+"/runs/"+started.ID, nil, false), 200, messages.Chinese)
	if !strings.Contains(page, last.Config.Grades[0].Name) {
		t.Errorf("the run's page shows no grade %q", last.Config.Grades[0].Name)
	}

	// ?edit= opens a configuration in the editor; edited, it is used as typed.
	body = checkPage(t, s.do("owner", "GET", base+"/runs?edit="+last.ID, nil, false), 200, messages.Chinese)
	if !strings.Contains(body, "&#34;grades&#34;") {
		t.Error("the editor does not hold the run's configuration")
	}
	cfg := last.Config
	cfg.Grades = []engine.GradeBand{{Code: "a", Name: "甲等", MinScore: 85}, {Code: "b", Name: "乙等", MinScore: 0}}
	cfg.MonteCarlo = engine.MonteCarloConfig{Off: true}
	raw, _ := json.Marshal(cfg)
	form.Set("config", string(raw))
	if rec := s.do("owner", "POST", base+"/runs", form, true); rec.Code != 303 {
		t.Fatalf("starting with an edited configuration: %d", rec.Code)
	}
	runs, _ = s.svc.ListRuns(ctx, s.owner, s.com.ID, evaluation.Page{Limit: 1})
	if len(runs[0].Config.Grades) != 2 || runs[0].Config.Grades[0].Name != "甲等" {
		t.Errorf("the edited configuration was not used: %+v", runs[0].Config.Grades)
	}

	// Problems by field, in Chinese.
	form.Set("config", `{"grades": [}`)
	b2 := checkPage(t, s.do("owner", "POST", base+"/runs", form, true), 422, messages.Chinese)
	if !strings.Contains(b2, "运行配置不是有效的 JSON") || !strings.Contains(b2, "1:13") {
		t.Error("bad JSON is not located in Chinese")
	}
	form.Set("config", `{"period": "2017", "missing": "sometimes"}`)
	form.Del("dataset")
	b2 = checkPage(t, s.do("owner", "POST", base+"/runs", form, true), 422, messages.Chinese)
	for _, want := range []string{msg.Sprintf(messages.WebFormHasProblems), msg.Sprintf(messages.WebRunsFieldDatasets), "<code>dataset_ids</code>"} {
		if !strings.Contains(b2, want) {
			t.Errorf("the refused request lacks %q", want)
		}
	}
	form.Set("dataset", last.DatasetIDs[0])
	b2 = checkPage(t, s.do("owner", "POST", base+"/runs", form, true), 422, messages.Chinese)
	if !strings.Contains(b2, msg.Sprintf(messages.WebRunsFieldConfig)) || !strings.Contains(b2, "<code>missing</code>") {
		t.Error("the invalid missing-data policy is not named by field")
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
