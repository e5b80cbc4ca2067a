package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/reports"
)

// logBuffer is a concurrency-safe buffer a JSON slog handler writes to, read back as lines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// lines returns the logged records whose message is msg.
func (b *logBuffer) lines(t *testing.T, msg string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("a log line is not JSON: %q: %v", l, err)
		}
		if m["msg"] == msg {
			out = append(out, m)
		}
	}
	return out
}

// withLog replaces the fixture's server with one that logs JSON to the returned buffer.
func (fx *fixture) withLog(cfg api.Config) *logBuffer {
	buf := &logBuffer{}
	fx.srv = api.New(fx.svc, cfg, slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	return buf
}

// Every request gets one log line with its method, route pattern, status, duration, request id
// and institute; no token, header or body is ever logged. An import gets a line of its own.
func TestRequestLog(t *testing.T) {
	fx := newFixture(t, noLimits())
	buf := fx.withLog(noLimits())
	tok := fx.tokens[evaluation.RoleEvaluator]
	rec0 := fx.do("GET", "/api/v1/commissions/"+fx.cidA+"?secret-query=1", tok, nil, "Cookie", "session=cookie-secret-value")
	expect(t, rec0, 200)
	rec404 := fx.do("GET", "/api/v1/commissions/"+fx.cidB, tok, nil)
	expect(t, rec404, 404)
	expect(t, fx.do("GET", "/no/such/path/"+tok, "", nil), 404)
	expect(t, fx.do("GET", "/api/v1/me", "not-a-valid-token", nil), 401)
	body := "indicator,unit,period,value\ngdp,caihe,2016,555.79\npm25,caihe,2016,48\n"
	rec := fx.do("POST", "/api/v1/commissions/"+fx.cidA+"/datasets?dry_run=true&filename=d.csv", tok, body, "Content-Type", "text/csv")
	expect(t, rec, 200)
	rec = fx.do("POST", "/api/v1/commissions/"+fx.cidA+"/datasets?filename=bad.csv", tok, "indicator,unit,period,value\nnope,caihe,2016,1\n", "Content-Type", "text/csv")
	expect(t, rec, 422)

	lines := buf.lines(t, "request")
	if len(lines) != 6 {
		t.Fatalf("%d request lines for 6 requests:\n%s", len(lines), buf)
	}
	first := lines[0]
	want := map[string]any{"level": "INFO", "method": "GET", "route": "/api/v1/commissions/:cid", "status": float64(200), "institute": fx.instA,
		"request_id": rec0.Header().Get("X-Request-Id"), "bytes_out": float64(rec0.Body.Len())}
	for k, v := range want {
		if first[k] != v {
			t.Errorf("request line %s = %v, want %v (%v)", k, first[k], v, first)
		}
	}
	if id, _ := first["request_id"].(string); id == "" {
		t.Errorf("request line without a request id: %v", first)
	}
	if d, ok := first["duration"].(float64); !ok || d <= 0 {
		t.Errorf("request line duration %v", first["duration"])
	}
	if lines[1]["request_id"] != rec404.Header().Get("X-Request-Id") || lines[1]["status"] != float64(404) {
		t.Errorf("the 404's line %v; its request id %s", lines[1], rec404.Header().Get("X-Request-Id"))
	}
	if lines[2]["route"] != "unmatched" || lines[3]["status"] != float64(401) || lines[3]["institute"] != "" {
		t.Errorf("unmatched and unauthenticated lines %v / %v", lines[2], lines[3])
	}
	for _, secret := range []string{tok, "not-a-valid-token", "Bearer", "cookie-secret-value", "secret-query", "555.79", "Authorization"} {
		if strings.Contains(buf.String(), secret) {
			t.Errorf("the log holds %q:\n%s", secret, buf)
		}
	}
	imports := buf.lines(t, "import")
	if len(imports) != 2 {
		t.Fatalf("%d import lines:\n%s", len(imports), buf)
	}
	dry, bad := imports[0], imports[1]
	if dry["kind"] != "dataset" || dry["outcome"] != "dry run" || dry["rows"] != float64(2) || dry["bytes"] != float64(len(body)) || dry["commission"] != fx.cidA {
		t.Errorf("import line %v", dry)
	}
	if bad["outcome"] != "invalid" || bad["status"] != float64(422) {
		t.Errorf("refused import line %v", bad)
	}
}

// Workers log each run they claim and finish, with the run, the worker, the attempt and the
// duration, and a run taken over from a dead worker says so.
func TestRunLog(t *testing.T) {
	fx := newFixture(t, noLimits())
	buf := &logBuffer{}
	log := slog.New(slog.NewJSONHandler(buf, nil))
	r := fx.queueRun(t, fx.fixtureRun(t))
	var events []evaluation.RunEvent
	opts := evaluation.WorkerOptions{ID: "worker-7", Log: log, Observe: func(ev evaluation.RunEvent) { events = append(events, ev) }}
	worked, err := fx.svc.WorkOne(context.Background(), opts)
	if err != nil || !worked {
		t.Fatalf("worked %v, %v", worked, err)
	}
	claimed, finished := buf.lines(t, "run claimed"), buf.lines(t, "run finished")
	if len(claimed) != 1 || len(finished) != 1 {
		t.Fatalf("claimed %v, finished %v:\n%s", claimed, finished, buf)
	}
	for _, l := range []map[string]any{claimed[0], finished[0]} {
		if l["run"] != r.ID || l["worker"] != "worker-7" || l["attempt"] != float64(1) || l["commission"] != fx.cidA {
			t.Errorf("run line %v", l)
		}
	}
	if finished[0]["status"] != evaluation.RunSucceeded || finished[0]["duration"] == nil {
		t.Errorf("finished line %v", finished[0])
	}
	if len(events) != 2 || events[0].Kind != evaluation.RunEventClaimed || events[1].Kind != evaluation.RunEventFinished || events[1].Duration <= 0 {
		t.Errorf("events %+v", events)
	}

	// A run whose worker died is taken over, and the line says so with its second attempt.
	r2 := fx.queueRun(t, fx.fixtureRun(t))
	ctx := context.Background()
	must(t, fx.db.Transact(ctx, func(tx evaluation.Tx) error {
		_, err := tx.ClaimRun(ctx, "dead-worker", time.Millisecond)
		return err
	}))
	time.Sleep(20 * time.Millisecond)
	if worked, err := fx.svc.WorkOne(ctx, opts); err != nil || !worked {
		t.Fatalf("worked %v, %v", worked, err)
	}
	over := buf.lines(t, "run taken over")
	if len(over) != 1 || over[0]["run"] != r2.ID || over[0]["attempt"] != float64(2) || over[0]["worker"] != "worker-7" {
		t.Fatalf("taken over lines %v:\n%s", over, buf)
	}
	if f := buf.lines(t, "run finished"); len(f) != 2 || f[1]["run"] != r2.ID || f[1]["attempt"] != float64(2) {
		t.Fatalf("finished lines %v", f)
	}
}

// scrape reads /metrics from the server (with the metrics token) and parses the exposition.
func scrape(t *testing.T, srv *api.Server, token string) map[string]*dto.MetricFamily {
	t.Helper()
	req := httptest.NewRequest("GET", "/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	expect(t, rec, 200)
	if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("metrics Content-Type %q", rec.Header().Get("Content-Type"))
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatalf("the exposition does not parse: %v\n%s", err, rec.Body)
	}
	return fams
}

// value returns the value of the family's series with the given labels (-1 when there is none).
func value(fams map[string]*dto.MetricFamily, name string, labels map[string]string) float64 {
	f := fams[name]
	if f == nil {
		return -1
	}
next:
	for _, m := range f.Metric {
		got := map[string]string{}
		for _, l := range m.Label {
			got[l.GetName()] = l.GetValue()
		}
		for k, v := range labels {
			if got[k] != v {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue()
		case m.Gauge != nil:
			return m.Gauge.GetValue()
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount())
		}
	}
	return -1
}

// /metrics, scraped after some requests, imports and runs, holds request counts and durations by
// route and status, runs by status from the database, run durations, import rows and durations
// and the database pool; it answers only with the metrics token, and not at all without one.
func TestMetrics(t *testing.T) {
	fx := newFixture(t, noLimits())
	cfg := noLimits()
	cfg.MetricsToken = "metrics-secret"
	fx.withLog(cfg)
	tok := fx.tokens[evaluation.RoleEvaluator]
	for range 3 {
		expect(t, fx.do("GET", "/api/v1/commissions/"+fx.cidA, tok, nil), 200)
	}
	expect(t, fx.do("GET", "/api/v1/commissions/"+fx.cidB, tok, nil), 404)
	expect(t, fx.do("POST", "/api/v1/commissions/"+fx.cidA+"/datasets?dry_run=true&filename=d.csv", tok,
		"indicator,unit,period,value\ngdp,caihe,2016,555.79\npm25,caihe,2016,48\n", "Content-Type", "text/csv"), 200)
	r := fx.queueRun(t, fx.fixtureRun(t))
	fx.queueRun(t, fx.fixtureRun(t))
	_, err := fx.svc.WorkOne(context.Background(), evaluation.WorkerOptions{ID: "m", Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Observe: fx.srv.Metrics().ObserveRun})
	must(t, err)

	fams := scrape(t, fx.srv, "metrics-secret")
	checks := []struct {
		name   string
		labels map[string]string
		want   float64 // -2: any value present
	}{
		{"evalbench_http_requests_total", map[string]string{"method": "GET", "route": "/api/v1/commissions/:cid", "status": "200"}, 3},
		{"evalbench_http_requests_total", map[string]string{"method": "GET", "route": "/api/v1/commissions/:cid", "status": "404"}, 1},
		{"evalbench_http_request_duration_seconds", map[string]string{"route": "/api/v1/commissions/:cid", "status": "200"}, 3},
		{"evalbench_http_requests_total", map[string]string{"route": "/api/v1/commissions/:cid/runs", "status": "202"}, 2},
		{"evalbench_import_rows_total", map[string]string{"kind": "dataset", "outcome": "dry run"}, 2},
		{"evalbench_import_duration_seconds", map[string]string{"kind": "dataset", "outcome": "dry run"}, 1},
		{"evalbench_runs", map[string]string{"status": "queued"}, 1},
		{"evalbench_runs", map[string]string{"status": "succeeded"}, 3}, // the fixture's two and the one just worked
		{"evalbench_runs", map[string]string{"status": "failed"}, 0},
		{"evalbench_run_duration_seconds", map[string]string{"status": "succeeded"}, 1},
		{"evalbench_run_events_total", map[string]string{"event": "claimed"}, 1},
		{"go_sql_max_open_connections", map[string]string{"db_name": "evalbench"}, -2},
		{"go_sql_in_use_connections", map[string]string{"db_name": "evalbench"}, -2},
		{"evalbench_build_info", nil, 1},
		{"go_goroutines", nil, -2},
	}
	for _, c := range checks {
		got := value(fams, c.name, c.labels)
		if got == -1 || c.want != -2 && got != c.want {
			t.Errorf("%s%v = %v, want %v", c.name, c.labels, got, c.want)
		}
	}
	_ = r

	// Without the token, or with a wrong one, no metrics; the request was not an API request.
	for _, h := range []string{"", "Bearer wrong", "Bearer " + tok} {
		req := httptest.NewRequest("GET", "/metrics", nil)
		if h != "" {
			req.Header.Set("Authorization", h)
		}
		rec := httptest.NewRecorder()
		fx.srv.Handler().ServeHTTP(rec, req)
		if rec.Code != 401 || strings.Contains(rec.Body.String(), "evalbench_") {
			t.Errorf("/metrics with %q: %d %s", h, rec.Code, rec.Body)
		}
	}
	// A server without a metrics token does not serve /metrics on its address.
	fx.withLog(noLimits())
	rec := fx.do("GET", "/metrics", "", nil)
	if rec.Code != 404 || strings.Contains(rec.Body.String(), "evalbench_") {
		t.Errorf("/metrics without a metrics token configured: %d", rec.Code)
	}
	// Each server counts alone: a new server's registry starts empty.
	fams = scrape(t, api.New(fx.svc, cfg, nil), "metrics-secret")
	if v := value(fams, "evalbench_http_requests_total", nil); v != -1 {
		t.Errorf("a new server counts %v requests", v)
	}
}

// Every response carries nosniff, frame denial, a referrer policy and a Content-Security-Policy;
// a report's HTML is served with a policy that allows only its own styles, by hash, and the report
// needs no script.
func TestSecurityHeaders(t *testing.T) {
	fx := newFixture(t, noLimits())
	repid := fx.objects[fx.cidA]["repid"]
	for _, path := range []string{"/reports/" + repid + "/report.html", "/api/v1/commissions/" + fx.cidA + "/reports/" + repid + "/report.html"} {
		rec := fx.do("GET", path, fx.tokens[evaluation.RoleViewer], nil)
		expect(t, rec, 200)
		h := rec.Header()
		if !strings.HasPrefix(h.Get("Content-Type"), "text/html") || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" ||
			h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s headers %v", path, h)
		}
		csp := h.Get("Content-Security-Policy")
		for _, d := range []string{"default-src 'none'", "frame-ancestors 'none'", "img-src data:", "base-uri 'none'"} {
			if !strings.Contains(csp, d) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, d)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "script-src") || !regexp.MustCompile(`style-src 'sha256-[A-Za-z0-9+/]{43}='`).MatchString(csp) {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if csp != reports.ContentSecurityPolicy(rec.Body.Bytes()) {
			t.Errorf("%s: CSP %q is not the report's own", path, csp)
		}
		body := strings.ToLower(rec.Body.String())
		for _, bad := range []string{"<script", "javascript:", " onload=", " onclick=", " onerror=", " style=", "<iframe", "<link", " src="} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: the report HTML holds %q, which its CSP forbids", path, bad)
			}
		}
	}
	tmpl, err := os.ReadFile("../reports/templates/report.html.tmpl")
	must(t, err)
	if strings.Contains(strings.ToLower(string(tmpl)), "<script") {
		t.Error("the report template holds a <script>")
	}
	// JSON, problem documents and 404s are never sniffed or framed either.
	for _, rec := range []*httptest.ResponseRecorder{
		fx.do("GET", "/healthz", "", nil),
		fx.do("GET", "/api/v1/me", "", nil),
		fx.do("GET", "/nowhere", "", nil),
		fx.do("GET", "/api/v1/commissions/"+fx.cidA+"/datasets/"+fx.objects[fx.cidA]["did"]+"/export", fx.tokens[evaluation.RoleViewer], nil),
	} {
		h := rec.Header()
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" || !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("%d %s: headers %v", rec.Code, h.Get("Content-Type"), h)
		}
	}
}

// ServeMetrics serves the exposition on a listener of its own (the loopback metrics address of
// `evalbench serve`) until its context ends.
func TestMetricsListener(t *testing.T) {
	fx := newFixture(t, noLimits())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- fx.srv.ServeMetrics(ctx, ln) }()
	res, err := http.Get("http://" + ln.Addr().String() + "/metrics")
	must(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "evalbench_runs{status=\"succeeded\"}") ||
		res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("%d %v\n%s", res.StatusCode, res.Header, body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
}
