package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/messages/messagestest"
	"evalbench/reports"
)

func f64(x float64) *float64 { return &x }

// signedReport writes report.json, report.dsse.json and the institute's keys.json (as GET
// /api/v1/institutes/{id}/keys answers) of a small evaluation into dir.
func signedReport(t *testing.T, dir string) { signedReportWith(t, dir, nil) }

// signedReportWith is signedReport with the run configuration changed by configure.
func signedReportWith(t *testing.T, dir string, configure func(*engine.RunConfig)) {
	t.Helper()
	f := &engine.Framework{Title: "小型", PlanStart: 2016, PlanEnd: 2020}
	for _, d := range engine.Dimensions {
		f.Dimensions = append(f.Dimensions, &engine.Node{Code: string(d), Kind: engine.KindDimension, Name: engine.DimensionNames[d][0],
			Children: []*engine.Node{{Code: "i" + string(d), Kind: engine.KindIndicator, Name: "指标" + string(d), Indicator: &engine.Indicator{
				Unit: "%", ValueKind: engine.ValuePercent, Polarity: engine.PolarityHigher, TargetKind: engine.TargetLevel, FinalTarget: f64(100),
				AnnualTargets: []engine.AnnualTarget{{Year: 2016, Basis: engine.BasisLevel, Value: f64(80)}}}}}})
	}
	in := &engine.RunInputs{Commission: engine.RunCommission{Title: "命令行测试", Client: "某区", Institute: "某院", PeriodStart: 2016, PeriodEnd: 2020, EvaluatedPeriod: "2016"},
		Framework: f, Weights: engine.RunWeights{Set: engine.WeightSet{Name: "等权", Method: engine.WeightEqual}},
		Config: engine.RunConfig{MonteCarlo: engine.MonteCarloConfig{Samples: 50}}}
	d := engine.RunDataset{Number: 1, FileName: "d.csv", SHA256: strings.Repeat("ab", 32), Importer: "甲", ImportedAt: time.Date(2017, 1, 2, 3, 4, 5, 0, time.UTC)}
	for k, u := range []string{"a", "b", "c"} {
		in.Units = append(in.Units, engine.Unit{Code: u, Name: "单位" + u, Kind: engine.UnitOther})
		for _, dim := range engine.Dimensions {
			d.Observations = append(d.Observations, engine.Observation{Indicator: "i" + string(dim), Unit: u, Period: "2016", Value: f64(70 + 5*float64(k))})
		}
	}
	in.Datasets = []engine.RunDataset{d}
	if configure != nil {
		configure(&in.Config)
	}
	in.Config.Defaults("2016")
	res, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := engine.Canonical(res)
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32))
	pub := priv.Public().(ed25519.PublicKey)
	id := engine.KeyFingerprint(pub)
	cp := &engine.Checkpoint{Format: engine.CheckpointFormat, Log: strings.Repeat("ab", 32), InstituteID: "6f0c2d4e-0000-4000-8000-000000000012",
		Seq: 3, Hash: strings.Repeat("cd", 32), Time: "1970-01-01T00:00:00.000000Z", KeyID: id}
	if _, _, err := cp.Sign(priv); err != nil {
		t.Fatal(err)
	}
	bundle, _, err := reports.Builder{}.Build(in, raw, engine.ReportMeta{ReportID: "r1", Version: 1, IssuedAt: time.Unix(0, 0), KeyID: id, PublicKey: pub,
		InstituteID: cp.InstituteID, Checkpoint: cp})
	if err != nil {
		t.Fatal(err)
	}
	env, err := reports.SignEnvelope(bundle, id, priv)
	if err != nil {
		t.Fatal(err)
	}
	keys, _ := json.Marshal(map[string]any{"items": []engine.SigningKey{{ID: id, Algorithm: "ed25519", PublicKey: pub, PublicKeyPEM: engine.PublicKeyPEM(pub)}}})
	for name, data := range map[string][]byte{"report.json": bundle, "report.dsse.json": env, "keys.json": keys, "key.pem": []byte(engine.PublicKeyPEM(pub))} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// run runs evalbench with args and returns its output and exit status.
func run(t *testing.T, args ...string) (string, int) {
	t.Helper()
	root := newRoot(args...)
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs(args)
	err := root.Execute()
	var ee *exitError
	switch {
	case err == nil:
		return out.String(), 0
	case errors.As(err, &ee):
		return out.String(), ee.code
	}
	return out.String() + err.Error(), -1
}

func TestVerifyCommand(t *testing.T) {
	dir := t.TempDir()
	signedReport(t, dir)
	p := func(name string) string { return filepath.Join(dir, name) }

	out, code := run(t, "--lang", "en", "verify", p("report.dsse.json"), "--key-file", p("keys.json"))
	if code != 0 || !strings.HasSuffix(out, "PASS\n") || !strings.Contains(out, "ok   recompute") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	out, code = run(t, "--lang", "en", "verify", p("report.json"), "--key-file", p("key.pem"))
	if code != 0 || !strings.Contains(out, "ok   report_file") {
		t.Fatalf("report.json beside its envelope: exit %d:\n%s", code, out)
	}
	out, code = run(t, "--lang", "en", "verify", p("report.dsse.json"))
	if code != 0 || !strings.Contains(out, "embedded key") || !strings.Contains(out, "compare its fingerprint") {
		t.Fatalf("with the embedded key: exit %d:\n%s", code, out)
	}

	// A changed value in report.json: the file differs from the signed payload.
	raw, _ := os.ReadFile(p("report.json"))
	os.WriteFile(p("report.json"), bytes.Replace(raw, []byte(`"单位a"`), []byte(`"单位x"`), 1), 0o644)
	out, code = run(t, "--lang", "en", "verify", p("report.json"), "--key-file", p("keys.json"))
	if code != 1 || !strings.Contains(out, "FAIL report_file") || !strings.HasSuffix(out, "FAIL\n") {
		t.Fatalf("tampered report.json: exit %d:\n%s", code, out)
	}
	// Another key.
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{8}, 32)).Public().(ed25519.PublicKey)
	out, code = run(t, "--lang", "en", "verify", p("report.dsse.json"), "--key", engine.PublicKeyPEM(other))
	if code != 1 || !strings.Contains(out, "FAIL signature") {
		t.Fatalf("a stranger's key: exit %d:\n%s", code, out)
	}
	out, code = run(t, "verify", p("report.dsse.json"), "--json")
	var v engine.Verification
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil || v.Verdict != "PASS" {
		t.Fatalf("--json: exit %d:\n%s", code, out)
	}
	if _, code = run(t, "verify", p("missing.dsse.json")); code != 2 {
		t.Errorf("a missing file: exit %d, want 2", code)
	}
	if _, code = run(t, "verify", p("report.dsse.json"), "--key", "not a key"); code != 2 {
		t.Errorf("a malformed key: exit %d, want 2", code)
	}
}

// A report whose run aggregates by TOPSIS passes the "aggregation" check: evalbench calc
// recomputes the recorded values; a changed recorded value fails it (and the recomputation).
func TestVerifyRecomputesTheAggregationWithCalc(t *testing.T) {
	dir := t.TempDir()
	signedReportWith(t, dir, func(c *engine.RunConfig) { c.Aggregation = engine.AggregationConfig{Method: "topsis"} })
	p := func(name string) string { return filepath.Join(dir, name) }
	out, code := run(t, "--lang", "en", "verify", p("report.dsse.json"), "--key-file", p("keys.json"))
	if code != 0 || !strings.Contains(out, "ok   aggregation     Aggregation recomputed by evalbench calc: evalbench calc topsis on the recorded request gives the 3 recorded closeness values") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	// Without an aggregation, no such check.
	plain := t.TempDir()
	signedReport(t, plain)
	if out, _ := run(t, "verify", filepath.Join(plain, "report.dsse.json")); strings.Contains(out, "aggregation") {
		t.Errorf("a weighted-sum report has an aggregation check:\n%s", out)
	}
	// The recorded values changed (report.json alone, beside the untouched envelope): the
	// aggregation check fails on its own.
	raw, _ := os.ReadFile(p("report.json"))
	var b map[string]any
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Fatal(err)
	}
	agg := b["results"].(map[string]any)["aggregation"].(map[string]any)
	vals := agg["values"].([]any)
	vals[0] = vals[0].(float64) + 0.25
	changed, _ := json.Marshal(b)
	v := &engine.Verification{OK: true, Verdict: "PASS"}
	verifyAggregation(v, nil, changed)
	if c := v.Check("aggregation"); c == nil || c.Status != engine.CheckFail || v.OK || c.Where != "results.aggregation.values[0]" {
		t.Fatalf("changed values: %+v", v)
	}
	messagestest.Valid(t, v.Check("aggregation").Message)
	if zh := messages.For(messages.Chinese).Render(v.Check("aggregation").Message); !strings.Contains(zh, "结果记录为") {
		t.Errorf("the Chinese detail: %s", zh)
	}
}
