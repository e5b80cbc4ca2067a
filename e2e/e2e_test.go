// Package e2e drives evalbench's main job end to end, through HTTP against a real PostgreSQL:
// both example commissions are loaded from the files in examples/ with the requests a user would
// send, evaluated, published, and their signed reports verified by the evalbench binary.
package e2e_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
	"evalbench/examples"
	"evalbench/messages"
	"evalbench/reports"
	"evalbench/reports/reportstest"
	"evalbench/store/storetest"
)

var binary string // the evalbench binary, built once

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "evalbench-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "evalbench")
	build := exec.Command("go", "build", "-o", binary, "evalbench/cmd/evalbench")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building evalbench:", err)
		os.Exit(1)
	}
	code := m.Run()
	if testing.Verbose() {
		for tok, ts := range sent.at {
			fmt.Printf("token %.8s…: %d requests in %v; at most %d in any second\n", tok, len(ts), ts[len(ts)-1].Sub(ts[0]).Round(time.Millisecond), peakPerSecond(ts))
		}
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// sent records when each token sent its requests, to size the per-token rate limit from use.
var sent = struct {
	sync.Mutex
	at map[string][]time.Time
}{at: map[string][]time.Time{}}

// peakPerSecond is the most requests of ts (in order) in any one-second window.
func peakPerSecond(ts []time.Time) int {
	peak, j := 0, 0
	for i := range ts {
		for j < len(ts) && ts[j].Sub(ts[i]) < time.Second {
			j++
		}
		peak = max(peak, j-i)
	}
	return peak
}

// client sends requests to the server as one user.
type client struct {
	t       *testing.T
	base    string
	token   string
	ifMatch string
}

// at is the client sending If-Match with a version (an update based on it).
func (c *client) at(version int) *client {
	d := *c
	d.ifMatch = fmt.Sprintf("%q", fmt.Sprint(version))
	return &d
}

func (c *client) do(method, path string, body any, want int) []byte {
	c.t.Helper()
	var r io.Reader
	ct := "application/json"
	switch b := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(b)
	case *multipart.Writer:
		panic("use upload")
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		r = bytes.NewReader(raw)
	}
	return c.send(method, path, r, ct, want)
}

func (c *client) send(method, path string, body io.Reader, contentType string, want int) []byte {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", contentType)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if c.ifMatch != "" {
		req.Header.Set("If-Match", c.ifMatch)
	}
	sent.Lock()
	sent.at[c.token] = append(sent.at[c.token], time.Now())
	sent.Unlock()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	if resp.StatusCode != want {
		c.t.Fatalf("%s %s: %d, want %d: %s", method, path, resp.StatusCode, want, out)
	}
	return out
}

// upload sends an example file as multipart form data, as a browser or curl -F does.
func (c *client) upload(path, file string, want int) []byte {
	c.t.Helper()
	raw, err := fs.ReadFile(examples.Files, file)
	if err != nil {
		c.t.Fatal(err)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	part, err := mw.CreateFormFile("file", filepath.Base(file))
	if err != nil {
		c.t.Fatal(err)
	}
	part.Write(raw)
	mw.Close()
	return c.send("POST", path, &buf, mw.FormDataContentType(), want)
}

func decode[T any](t *testing.T, raw []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("decode %T: %v: %s", v, err, raw)
	}
	return v
}

func example(t *testing.T, path string) []byte {
	t.Helper()
	raw, err := fs.ReadFile(examples.Files, path)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

type server struct {
	svc   *evaluation.Service
	admin *client
	user  *client
	inst  string
}

// start serves a fresh database over HTTP with run workers, and returns an institute admin's
// client (made through the API by the platform admin).
func start(t *testing.T) *server {
	db, _ := storetest.New(t)
	key := []byte("e2e-test-master-key-of-32-bytes!")
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}), evaluation.WithReporter(reports.Builder{}), evaluation.WithMasterKey(key))
	// The default limits: this flow is the API's heaviest single-token client (a whole commission
	// from import to publication, polling its runs every 100 ms), and the per-token default must
	// not refuse it (README, configuration; `go test -v ./e2e` prints each token's peak).
	cfg := api.DefaultConfig()
	srv := httptest.NewServer(api.New(svc, cfg, slog.New(slog.NewTextHandler(io.Discard, nil))).Handler())
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	for i := range 2 {
		go svc.Work(ctx, evaluation.WorkerOptions{ID: fmt.Sprintf("e2e-%d", i), Poll: 50 * time.Millisecond, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	}
	adm, err := svc.BootstrapAdmin(context.Background(), "admin")
	if err != nil {
		t.Fatal(err)
	}
	s := &server{svc: svc, admin: &client{t: t, base: srv.URL, token: adm.Secret}}
	inst := decode[evaluation.Institute](t, s.admin.do("POST", "/api/v1/institutes", map[string]string{"code": "zju-ccpe", "name": "浙江大学公共政策评估中心"}, 201))
	user := decode[evaluation.User](t, s.admin.do("POST", "/api/v1/users", map[string]any{"institute_id": inst.ID, "name": "王评估", "institute_admin": true}, 201))
	tok := decode[evaluation.NewToken](t, s.admin.do("POST", "/api/v1/tokens", map[string]string{"user_id": user.ID}, 201))
	s.user = &client{t: t, base: srv.URL, token: tok.Secret}
	s.inst = inst.ID
	return s
}

// load loads one example commission through the API and returns its id, the weight set and the
// frozen datasets, and the survey ids by code.
func (s *server) load(key string, dataFiles ...string) (cid, ws string, datasets []string, surveys map[string]string) {
	c := s.user
	t := c.t
	com := decode[evaluation.Commission](t, c.do("POST", "/api/v1/commissions", json.RawMessage(example(t, key+"/commission.json")), 201))
	cid = com.ID
	base := "/api/v1/commissions/" + cid
	c.do("POST", base+"/units", json.RawMessage(example(t, key+"/units.json")), 200)
	fw := decode[engine.Framework](t, c.upload(base+"/frameworks/import", key+"/framework.json", 201))
	for _, f := range dataFiles {
		res := decode[evaluation.ImportResult](t, c.upload(base+"/datasets?framework="+fw.ID, key+"/"+f, 201))
		c.do("POST", base+"/datasets/"+res.Dataset.ID+"/freeze", nil, 200)
		datasets = append(datasets, res.Dataset.ID)
	}
	set := decode[evaluation.WeightSetDetail](t, c.do("POST", base+"/weight-sets", json.RawMessage(example(t, key+"/weights.json")), 201))
	ws = set.WeightSet.ID
	if set.WeightSet.Method == engine.WeightAHP {
		c.do("POST", base+"/weight-sets/"+ws+"/judgments/import", json.RawMessage(example(t, key+"/ahp-panel.json")), 200)
	}
	surveys = map[string]string{}
	matches, _ := fs.Glob(examples.Files, key+"/responses-*.csv")
	for _, m := range matches {
		code := strings.TrimSuffix(strings.TrimPrefix(m, key+"/responses-"), ".csv")
		sv := decode[engine.Survey](t, c.do("POST", base+"/surveys", json.RawMessage(example(t, key+"/"+code+".json")), 201))
		c.upload(base+"/surveys/"+sv.ID+"/responses", m, 201)
		surveys[code] = sv.ID
	}
	return cid, ws, datasets, surveys
}

// run queues a run from an example's run file and waits for it.
func (s *server) run(cid, ws string, datasets []string, surveys map[string]string, file string) (evaluation.Run, *engine.Result) {
	c := s.user
	t := c.t
	var req evaluation.RunRequest
	if err := json.Unmarshal(example(t, file), &req); err != nil {
		t.Fatal(err)
	}
	req.WeightSetID, req.DatasetIDs = ws, datasets
	for _, comp := range req.Config.Components {
		if code, ok := strings.CutPrefix(comp.Source, "survey:"); ok {
			req.SurveyIDs = append(req.SurveyIDs, surveys[code])
		}
	}
	base := "/api/v1/commissions/" + cid + "/runs/"
	r := decode[evaluation.Run](t, c.do("POST", "/api/v1/commissions/"+cid+"/runs", req, 202))
	deadline := time.Now().Add(2 * time.Minute)
	for !r.Terminal() {
		if time.Now().After(deadline) {
			t.Fatalf("run %d not done: %+v", r.Number, r)
		}
		time.Sleep(100 * time.Millisecond)
		r = decode[evaluation.Run](t, c.do("GET", base+r.ID, nil, 200))
	}
	if r.Status != evaluation.RunSucceeded {
		t.Fatalf("run %d %s: %s", r.Number, r.Status, r.Error)
	}
	res := decode[engine.Result](t, c.do("GET", base+r.ID+"/result", nil, 200))
	return r, &res
}

// publish moves the commission to review, publishes the run and returns the signed envelope as
// the public download gives it.
func (s *server) publish(cid, runID string) (evaluation.Report, []byte) {
	c := s.user
	t := c.t
	for _, to := range []string{"collecting", "weighting", "computing", "review"} {
		c.do("POST", "/api/v1/commissions/"+cid+"/transitions", map[string]string{"to": to}, 200)
	}
	rep := decode[evaluation.Report](t, c.do("POST", "/api/v1/commissions/"+cid+"/runs/"+runID+"/publish", map[string]any{}, 201))
	anonymous := &client{t: t, base: c.base}
	env := anonymous.do("GET", "/reports/"+rep.ID+"/report.dsse.json", nil, 200)
	html := anonymous.do("GET", "/reports/"+rep.ID+"/report.html", nil, 200)
	if !bytes.Contains(html, []byte("江干")) {
		t.Fatal("the public HTML report lacks the district's name")
	}
	// The report prints names in Chinese and English, never a raw status, message id or an
	// indicator code without its name (issue 12).
	bundle, err := reports.ParseBundle(anonymous.do("GET", "/reports/"+rep.ID+"/report.json", nil, 200))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range reportstest.RawCodes(string(html), bundle.Inputs) {
		t.Errorf("the report of %s prints %s", bundle.Manifest.Commission.Title, p)
	}
	return rep, env
}

// verify runs `evalbench verify` on an envelope with the institute's published keys and returns
// its exit status and output.
func (s *server) verify(env []byte) (int, string) {
	t := s.user.t
	dir := t.TempDir()
	envFile, keyFile := filepath.Join(dir, "report.dsse.json"), filepath.Join(dir, "keys.json")
	keys := (&client{t: t, base: s.user.base}).do("GET", "/api/v1/institutes/"+s.inst+"/keys", nil, 200)
	if err := os.WriteFile(envFile, env, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, keys, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary, "verify", envFile, "--key-file", keyFile)
	cmd.Env = append(os.Environ(), "DATABASE_URL=") // no database needed
	out, err := cmd.CombinedOutput()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), string(out)
		}
		t.Fatal(err)
	}
	return 0, string(out)
}

// tamper changes one value inside an envelope's payload (re-encoded, signature kept).
func tamper(t *testing.T, env []byte, from, to string) []byte {
	var e map[string]any
	if err := json.Unmarshal(env, &e); err != nil {
		t.Fatal(err)
	}
	payload, err := base64.StdEncoding.DecodeString(e["payload"].(string))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(payload, []byte(from)) {
		t.Fatalf("the payload does not contain %s", from)
	}
	e["payload"] = base64.StdEncoding.EncodeToString(bytes.Replace(payload, []byte(from), []byte(to), 1))
	out, _ := json.Marshal(e)
	return out
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func cell(t *testing.T, res *engine.Result, indicator, unit string) engine.IndicatorCell {
	t.Helper()
	for _, ir := range res.Indicators {
		if ir.Code == indicator {
			for _, c := range ir.Cells {
				if c.Unit == unit {
					return c
				}
			}
		}
	}
	t.Fatalf("no cell %s/%s", indicator, unit)
	return engine.IndicatorCell{}
}

func TestJiangganMidTermEvaluation(t *testing.T) {
	s := start(t)
	cid, ws, datasets, _ := s.load("jianggan", "data-plan.csv", "data-workreport.csv")

	// The expert panel: expert C's circular root matrix is excluded, with its reason.
	wsd := decode[evaluation.WeightSetDetail](t, s.user.do("GET", "/api/v1/commissions/"+cid+"/weight-sets/"+ws, nil, 200))
	var excluded []engine.ExpertResult
	for _, e := range wsd.Result.Experts {
		if e.Excluded {
			excluded = append(excluded, e)
		}
	}
	if len(excluded) != 1 || excluded[0].Expert != "expert-c" || excluded[0].Node != "root" || !near(excluded[0].CR, 1.1775, 1e-3) ||
		excluded[0].Reason == nil ||
		!strings.Contains(messages.For(messages.English).Render(*excluded[0].Reason), "exceeds the threshold 0.10") || len(excluded[0].Suggestions) == 0 {
		t.Fatalf("excluded matrices %+v", excluded)
	}

	run, res := s.run(cid, ws, datasets, nil, "jianggan/run.json")

	// 2016 GDP: 555.79 亿元 (the plan's figure, dataset 1) against the plan's compound path from
	// 495 (2015) to 723 (2020): 495·(723/495)^(1/5) = 533.964 → ratio 1.0409, score 100 (capped).
	gdp := cell(t, res, "gdp", "jianggan")
	if *gdp.Value != 555.79 || gdp.Dataset != 1 || !near(*gdp.Target, 533.9638, 1e-4) || !near(*gdp.Ratio, 555.79/533.9638043, 1e-6) || *gdp.Score != 100 {
		t.Errorf("gdp %+v", gdp)
	}
	// The work report's "about 550" is the second source: reported, not used.
	var disagree bool
	for _, w := range res.Warnings {
		if w.Code == "sources_disagree" && w.Indicator == "gdp" && strings.Contains(messages.For(messages.English).Render(w.Message), "555.79") &&
			strings.Contains(messages.For(messages.Chinese).Render(w.Message), "550") {
			disagree = true
		}
	}
	if !disagree {
		t.Error("no warning that the two documents disagree on 2016 GDP")
	}
	// Doctors per 1,000 residents: 5.13 against 5.7·(6/5.7)^(1/5) = 5.7588 → 89.08.
	if d := cell(t, res, "doctors_per_1000", "jianggan"); !near(*d.Score, 100*5.13/(5.7*math.Pow(6/5.7, 0.2)), 1e-9) {
		t.Errorf("doctors %+v", d)
	}
	// 4E dimension scores: weighted means of the indicator scores with the panel's local weights.
	// Efficiency (issue 12): electricity intensity is worded "完成市下达指标" but the plan gives
	// numeric yearly milestones (2016: 2.8 %, plan line 2105), so the work report's 5 % reduction
	// (line 8) is scored against 2.8 → 100; one_visit_share has no milestone and no rubric label,
	// so Efficiency's score is electricity's, 100. (Before, Efficiency had no score at all.)
	u := res.Units[0]
	dims := map[engine.Dimension]*float64{}
	for _, d := range u.Dimensions {
		dims[d.Dimension] = d.Score
	}
	if el := cell(t, res, "electricity_intensity_reduction", "jianggan"); el.Target == nil || *el.Target != 2.8 || el.Score == nil || *el.Score != 100 {
		t.Errorf("electricity intensity %+v", el)
	}
	if dims[engine.Efficiency] == nil || *dims[engine.Efficiency] != 100 {
		t.Errorf("efficiency score %v, want 100 from the electricity milestone", dims[engine.Efficiency])
	}
	for _, d := range []engine.Dimension{engine.Economy, engine.Effectiveness, engine.Equity} {
		if dims[d] == nil || *dims[d] < 80 || *dims[d] > 100 {
			t.Errorf("%s score %v", d, dims[d])
		}
	}
	// Equity: all its scored indicators reach 100 but doctors (89.08), so its score is
	// 100 − w·(100 − 89.08) with w doctors' share of the scored equity weight.
	var doctorsW, equityW float64
	for _, ir := range res.Indicators {
		if ir.Dimension == engine.Equity && ir.Cells[0].Score != nil {
			equityW += ir.Weight
			if ir.Code == "doctors_per_1000" {
				doctorsW = ir.Weight
			}
		}
	}
	if want := 100 - doctorsW/equityW*(100-*cell(t, res, "doctors_per_1000", "jianggan").Score); !near(*dims[engine.Equity], want, 1e-9) {
		t.Errorf("equity %v, want %v", *dims[engine.Equity], want)
	}
	// Early warnings: off track in 2016 against the plan.
	off := map[string]bool{}
	for _, m := range res.Monitoring {
		if m.Status == "off_track" {
			off[m.Indicator] = true
		}
	}
	for _, code := range []string{"invention_patents", "doctors_per_1000", "overseas_investment"} {
		if !off[code] {
			t.Errorf("%s is not flagged off track; off track: %v", code, off)
		}
	}
	// Issue 12: relocation_housing_starts (31 against the plan's own 2016 step of 30, not a fifth
	// of the total, 40) and no_illegal_construction (1 of 8 sub-districts, the plan's 2016 row
	// "成功创建1个“无违建街道”", not a 0 → 100 interpolation) were false "off track" flags.
	for _, code := range []string{"gdp", "pm25", "new_urban_jobs", "relocation_housing_starts", "no_illegal_construction"} {
		if off[code] {
			t.Errorf("%s is flagged off track", code)
		}
	}
	for _, m := range res.Monitoring {
		if m.Indicator == "relocation_housing_starts" && (m.Schedule != "annual_schedule" || m.Years[0].Expected == nil || *m.Years[0].Expected != 30) {
			t.Errorf("relocation_housing_starts monitored on %q, expected %v", m.Schedule, m.Years[0].Expected)
		}
	}
	// Local fiscal revenue's baseline and targets are on the restated caliber (营改增); the work
	// report's 2016 actual, 87.5, does not state its caliber, and the result says so.
	var caliberWarned bool
	for _, w := range res.Warnings {
		caliberWarned = caliberWarned || w.Code == "caliber_not_stated" && w.Indicator == "local_fiscal_revenue"
	}
	if !caliberWarned {
		t.Error("no caliber_not_stated warning for local_fiscal_revenue 2016")
	}
	// The composite with Efficiency scored (was 93.30 with Efficiency missing).
	if u.Composite == nil || !near(*u.Composite, 95.74, 0.005) || u.Grade != "excellent" {
		t.Errorf("composite %v grade %s", u.Composite, u.Grade)
	}

	// Published and verified offline; one changed value fails.
	rep, env := s.publish(cid, run.ID)
	if rep.ResultsDigest != run.ResultDigest || !rep.Illustrative {
		t.Errorf("report %+v (run digest %s)", rep, run.ResultDigest)
	}
	// The summary says how much the composite rests on, and every actual points to its source.
	cov := res.Coverage
	t.Logf("coverage: %d of %d indicators, weight %.4f, provisional %v; %+v", cov.Scored, cov.Indicators, cov.Weight, cov.Provisional, cov.Dimensions)
	if cov.Scored != 23 || cov.Indicators != 38 || !near(cov.Weight, 0.7484, 5e-5) || !cov.Provisional {
		t.Errorf("coverage %d of %d, weight %.4f, provisional %v", cov.Scored, cov.Indicators, cov.Weight, cov.Provisional)
	}
	html := string((&client{t: t, base: s.user.base}).do("GET", "/reports/"+rep.ID+"/report.html", nil, 200))
	for _, want := range []string{
		fmt.Sprintf("已评分指标 %d/%d 项", cov.Scored, cov.Indicators),
		"“2016年,全区实现地区生产总值555.79亿元,同比增长10.5%”", "line 585",
		"暂定结果 — PROVISIONAL", "占权重 74.8%（阈值 80.0%）", "8 of 27 actuals are preliminary",
		"“预计单位GDP电耗下降5%”", "002_624effdf9f417dae.txt 江干区政府工作报告 (2017-02-07)", "初步 preliminary</span>",
		"《杭州市江干区“十三五”绩效管理规划》第3368行",
		// Issue 12: the Economy dimension holds revenue and investment as inputs, and why.
		"作为“投入”", "the opposite of the usual cost-side meaning",
		// Machine text in Chinese with English alongside, warnings by indicator name (issue 12).
		"进度滞后 Off track", "最近一个有数据的年度进度滞后 off track in the latest year with data",
		"口径未说明 Caliber not stated", "监测基准 monitoring basis: 规划年度安排（逐年目标累加）",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the Jianggan report lacks %q", want)
		}
	}
	if i := strings.Index(html, "初步数据"); i < 0 {
		t.Error("the summary does not count the preliminary values")
	} else {
		t.Logf("%s", html[i:i+strings.Index(html[i:], "</p>")])
	}
	if code, out := s.verify(env); code != 0 || !strings.Contains(out, "PASS") {
		t.Fatalf("verify: exit %d\n%s", code, out)
	}
	if code, out := s.verify(tamper(t, env, `"value":555.79`, `"value":555.78`)); code == 0 || !strings.Contains(out, "FAIL") {
		t.Fatalf("verify of a changed value: exit %d\n%s", code, out)
	}
}

func TestSubdistrictComprehensiveEvaluation(t *testing.T) {
	s := start(t)
	cid, ws, datasets, surveys := s.load("subdistricts", "data.csv")
	com := decode[evaluation.Commission](t, s.user.do("GET", "/api/v1/commissions/"+cid, nil, 200))
	if !com.Synthetic {
		t.Fatal("the synthetic commission is not labelled synthetic")
	}
	run16, _ := s.run(cid, ws, datasets, surveys, "subdistricts/run-2016.json")
	// The evaluation–rectification–feedback loop through the API: the items of
	// rectifications.json raised on the 2016 run, closed with evidence and audited, each
	// change in the audit log; then the 2017 run, which carries them.
	var rf examples.RectificationsFile
	if err := json.Unmarshal(example(t, "subdistricts/rectifications.json"), &rf); err != nil {
		t.Fatal(err)
	}
	rects := "/api/v1/commissions/" + cid + "/rectifications"
	for _, f := range rf.Items {
		in := f.RectificationInput
		in.SourceRunID = run16.ID
		it := decode[evaluation.RectificationItem](t, s.user.do("POST", rects, in, 201))
		if it.Period != "2016" || it.Status != engine.RectifyOpen {
			t.Errorf("raised item %+v", it)
		}
		// A closure without evidence is refused, naming the field.
		if p := string(s.user.at(it.Version).do("POST", rects+"/"+it.ID+"/close", map[string]any{"on": f.Close.On}, 422)); !strings.Contains(p, "evidence") {
			t.Errorf("closure without evidence: %s", p)
		}
		// A closure without If-Match is refused (428).
		s.user.do("POST", rects+"/"+it.ID+"/close", f.Close, 428)
		it = decode[evaluation.RectificationItem](t, s.user.at(it.Version).do("POST", rects+"/"+it.ID+"/close", f.Close, 200))
		// An audit based on the item's old version is stale (412).
		s.user.at(it.Version-1).do("POST", rects+"/"+it.ID+"/audit", f.Audit, 412)
		it = decode[evaluation.RectificationItem](t, s.user.at(it.Version).do("POST", rects+"/"+it.ID+"/audit", f.Audit, 200))
		if it.Status != engine.RectifyAudited || it.ClosedOn != f.Close.On || it.AuditedOn != f.Audit.On {
			t.Errorf("audited item %+v", it)
		}
	}
	audit := string(s.user.do("GET", "/api/v1/audit?commission="+cid, nil, 200))
	for _, action := range []string{"rectification.create", "rectification.close", "rectification.audit"} {
		if strings.Count(audit, `"`+action+`"`) != len(rf.Items) {
			t.Errorf("the audit log holds %d %s entries, want %d", strings.Count(audit, `"`+action+`"`), action, len(rf.Items))
		}
	}
	run, res := s.run(cid, ws, datasets, surveys, "subdistricts/run.json")
	if !res.Synthetic {
		t.Error("the result is not labelled synthetic")
	}
	// The scores of examples/subdistricts/README.md (2017).
	want := map[string]struct {
		composite   float64
		rank        int
		grade, base string
		lifted      bool
		flagged     bool
	}{
		"sijiqing":   {93.08, 1, "excellent", "excellent", false, false},
		"kaixuan":    {92.65, 2, "excellent", "good", true, false},
		"caihe":      {91.37, 3, "excellent", "excellent", false, false},
		"jianqiao":   {89.73, 4, "good", "good", false, false},
		"zhanongkou": {87.32, 5, "good", "good", false, false},
		"jiubao":     {84.17, 6, "good", "good", false, false},
		"pengbu":     {79.34, 7, "pass", "pass", false, false},
		"dinglan":    {77.73, 8, "pass", "pass", false, true},
	}
	for _, u := range res.Units {
		w, ok := want[u.Code]
		if !ok || u.Composite == nil || !near(*u.Composite, w.composite, 0.0051) || u.Rank != w.rank || u.Grade != w.grade ||
			u.BaseGrade != w.base || u.LiftedByBonus != w.lifted || u.Flagged != w.flagged {
			t.Errorf("%s: composite %v rank %d grade %s (base %s, lifted %v, flagged %v); want %+v",
				u.Code, *u.Composite, u.Rank, u.Grade, u.BaseGrade, u.LiftedByBonus, u.Flagged, w)
		}
	}
	// The excellent band's quota of 2 is not squeezed by the lifted unit: 3 units, 1 lifted.
	if g := res.Grades[0]; g.Code != "excellent" || g.Count != 3 || g.Quota != 2 || g.Lifted != 1 {
		t.Errorf("excellent band %+v", g)
	}
	// Jiubao's subordinates (3 raters, minimum 5) are suppressed: no statistics, weights
	// renormalised over superiors (0.625) and peers (0.375).
	var leadership *engine.SurveyResult
	for _, sr := range res.Surveys {
		if sr.Code == "leadership" {
			leadership = sr.Result
		}
	}
	var suppressed []string
	for _, us := range leadership.Units {
		for _, g := range us.Groups {
			if g.Suppressed {
				suppressed = append(suppressed, us.Unit+"/"+g.Group)
				if g.Stats != nil || len(g.Items) > 0 {
					t.Errorf("a suppressed group shows statistics: %+v", g)
				}
			}
		}
		if us.Unit == "jiubao" {
			for _, w := range us.Weights {
				if w.Group == "superior" && !near(w.Effective, 0.625, 1e-12) || w.Group == "peer" && !near(w.Effective, 0.375, 1e-12) {
					t.Errorf("jiubao %s effective weight %v", w.Group, w.Effective)
				}
			}
		}
	}
	if len(suppressed) != 1 || suppressed[0] != "jiubao/subordinate" {
		t.Errorf("suppressed groups %v, want jiubao/subordinate", suppressed)
	}
	// Public satisfaction weighs 0.70 of the composite (plan line 3424).
	if c := res.Constraints[0]; !c.Met || !near(c.Share, 0.70, 1e-12) {
		t.Errorf("constraint %+v", c)
	}

	// The panel 2016 → 2017 (GET …/panel): rank changes, the awards and the carried items.
	panel := decode[evaluation.RunPanel](t, s.user.do("GET", "/api/v1/commissions/"+cid+"/runs/"+run.ID+"/panel", nil, 200))
	if panel.Panel == nil || panel.Panel.PreviousRunID != run16.ID || len(panel.Panel.Rows) != 8 {
		t.Fatalf("panel %+v", panel.Panel)
	}
	rise := map[string]int{"sijiqing": 0, "caihe": -1, "jianqiao": -1, "zhanongkou": -1, "kaixuan": 3, "pengbu": -1, "dinglan": -1, "jiubao": 2}
	for _, r := range panel.Panel.Rows {
		if r.DeltaRank == nil || *r.DeltaRank != rise[r.Unit] || r.DeltaScore == nil {
			t.Errorf("panel %s: Δrank %v Δscore %v, want Δrank %d", r.Unit, r.DeltaRank, r.DeltaScore, rise[r.Unit])
		}
	}
	var awards []string
	for _, a := range panel.Awards {
		awards = append(awards, a.Code+":"+a.Unit)
	}
	if !slices.Equal(awards, []string{"rank_rise:kaixuan", "rectification:jiubao"}) {
		t.Errorf("awards %v, want 进位显著奖 凯旋 and 意见整改成效显著奖 九堡", awards)
	}
	if len(panel.Rectifications) != 2 {
		t.Errorf("carried items %+v", panel.Rectifications)
	}

	rep, env := s.publish(cid, run.ID)
	html := string((&client{t: t, base: s.user.base}).do("GET", "/reports/"+rep.ID+"/report.html", nil, 200))
	for _, want := range []string{
		"跨期面板", "Δ名次 Δrank", "凯旋", "↑3", "↑2",
		"进位显著奖 Award for marked rank improvement", "意见整改成效显著奖 Award for effective rectification",
		"以往评价期整改事项", "按月公开辖区安置房建设和交付进度", "已整改并验收 closed and audited", "2017-11-15",
		"建立夜间施工审批公示和噪音投诉快速处置机制", "已整改待验收 closed, not audited",
		"实现程度 Achievement", "绩效测度 Measurement", "挑战目标 Challenge",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the 2017 report lacks %q", want)
		}
	}
	if code, out := s.verify(env); code != 0 || !strings.Contains(out, "PASS") {
		t.Fatalf("verify: exit %d\n%s", code, out)
	}
	// The report shows the global sensitivity section with its rank-interval chart, and the data
	// diagnostics in the methods appendix.
	page := string((&client{t: t, base: s.user.base}).do("GET", "/reports/"+rep.ID+"/report.html", nil, 200))
	for _, want := range []string{`id="sensitivity"`, `id="chart-sensitivity-intervals"`, "全局敏感性分析", "Sobol", `id="diagnostics"`, "Cronbach α", "PC1"} {
		if !strings.Contains(page, want) {
			t.Errorf("the sub-district report lacks %q", want)
		}
	}
	if code, out := s.verify(tamper(t, env, `"points":3`, `"points":2`)); code == 0 || !strings.Contains(out, "FAIL") {
		t.Fatalf("verify of a changed bonus: exit %d\n%s", code, out)
	}
}
