package api

import (
	"context"
	"crypto/subtle"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// Metrics holds the server's Prometheus registry — its own, not the process-wide default, so that
// every server (and every test) counts alone — and the series evalbench exports:
//
//	evalbench_http_requests_total{method,route,status}           requests by route pattern
//	evalbench_http_request_duration_seconds{method,route,status} their durations
//	evalbench_runs{status}                                       runs by status, read from the database at scrape time
//	evalbench_run_events_total{event}                            claims, takeovers, ends and lost leases seen by this process's workers
//	evalbench_run_duration_seconds{status}                       claim-to-end durations of the runs this process's workers finished
//	evalbench_import_rows_total{kind,outcome}                    rows of imported files
//	evalbench_import_bytes_total{kind,outcome}                   bytes of imported files
//	evalbench_import_duration_seconds{kind,outcome}              import durations
//	go_sql_*{db_name="evalbench"}                                the database pool (sql.DBStats)
//	go_*, process_*                                              the Go runtime and the process
type Metrics struct {
	reg             *prometheus.Registry
	requests        *prometheus.CounterVec
	requestDuration *prometheus.HistogramVec
	runEvents       *prometheus.CounterVec
	runDuration     *prometheus.HistogramVec
	importRows      *prometheus.CounterVec
	importBytes     *prometheus.CounterVec
	importDuration  *prometheus.HistogramVec
}

// NewMetrics returns metrics of their own for a process that serves no API (`evalbench worker`):
// its runs' events and durations, the runs by status, the pool and the runtime.
func NewMetrics(svc *evaluation.Service) *Metrics { return newMetrics(svc) }

// Serve serves the metrics without any access check on ln (a private address) until ctx ends.
func (m *Metrics) Serve(ctx context.Context, log *slog.Logger, ln net.Listener) error {
	return serveHTTP(ctx, log, "metrics", ln, m.Handler())
}

func newMetrics(svc *evaluation.Service) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "evalbench_http_requests_total",
			Help: "HTTP requests answered, by method, route pattern and status."}, []string{"method", "route", "status"}),
		requestDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "evalbench_http_request_duration_seconds",
			Help: "Time to answer HTTP requests, by method, route pattern and status.", Buckets: prometheus.DefBuckets},
			[]string{"method", "route", "status"}),
		runEvents: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "evalbench_run_events_total",
			Help: "Run events of this process's workers: claimed, taken over (a dead worker's run), finished, lost (lease lost)."}, []string{"event"}),
		runDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "evalbench_run_duration_seconds",
			Help:    "Claim-to-end duration of the runs this process's workers finished, by final status.",
			Buckets: prometheus.ExponentialBuckets(0.05, 2, 14)}, []string{"status"}),
		importRows: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "evalbench_import_rows_total",
			Help: "Rows of imported files (datasets, survey responses, frameworks, judgments), by kind and outcome."}, []string{"kind", "outcome"}),
		importBytes: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "evalbench_import_bytes_total",
			Help: "Bytes of imported files, by kind and outcome."}, []string{"kind", "outcome"}),
		importDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "evalbench_import_duration_seconds",
			Help: "Time to import a file, by kind and outcome.", Buckets: prometheus.ExponentialBuckets(0.01, 2, 14)}, []string{"kind", "outcome"}),
	}
	m.reg.MustRegister(m.requests, m.requestDuration, m.runEvents, m.runDuration, m.importRows, m.importBytes, m.importDuration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		&runsCollector{svc: svc, desc: prometheus.NewDesc("evalbench_runs", "Runs by status (all commissions), read from the database at scrape time.", []string{"status"}, nil)},
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "evalbench_build_info", Help: "The running build.",
			ConstLabels: prometheus.Labels{"version": engine.BuildVersion, "commit": engine.BuildCommit}}, func() float64 { return 1 }))
	if p, ok := svc.Store().(interface{ SQL() *sqlx.DB }); ok {
		m.reg.MustRegister(collectors.NewDBStatsCollector(p.SQL().DB, "evalbench"))
	}
	return m
}

// Registry returns the registry, for a process that adds collectors of its own.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the registry in the Prometheus text exposition format, without any access check:
// Server.Handler guards it on the API's address; a separate metrics listener must be private.
func (m *Metrics) Handler() http.Handler {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(echo.HeaderXContentTypeOptions, "nosniff")
		h.ServeHTTP(w, r)
	})
}

// ObserveRun counts a worker's run event (evaluation.WorkerOptions.Observe).
func (m *Metrics) ObserveRun(ev evaluation.RunEvent) {
	m.runEvents.WithLabelValues(ev.Kind).Inc()
	if ev.Kind == evaluation.RunEventFinished {
		m.runDuration.WithLabelValues(ev.Status).Observe(ev.Duration.Seconds())
	}
}

// runsCollector reads the runs' statuses from the database at each scrape, so that the gauges
// hold whichever process queued, claimed or finished the runs.
type runsCollector struct {
	svc  *evaluation.Service
	desc *prometheus.Desc
}

func (c *runsCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *runsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.svc.RunCounts(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	for _, st := range []string{evaluation.RunQueued, evaluation.RunRunning, evaluation.RunSucceeded, evaluation.RunFailed, evaluation.RunCancelled} {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(counts[st]), st)
	}
}

// metricsPath is where the API's own address serves the metrics when a metrics token is set.
const metricsPath = "/metrics"

// serveMetrics answers GET /metrics on the API's address for a caller presenting the metrics token
// (Config.MetricsToken) as a bearer token; without a configured token the path is not served
// there (404).
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) bool {
	if r.URL.Path != metricsPath || s.cfg.MetricsToken == "" {
		return false
	}
	secret, _ := strings.CutPrefix(r.Header.Get(echo.HeaderAuthorization), "Bearer ")
	if subtle.ConstantTimeCompare([]byte(secret), []byte(s.cfg.MetricsToken)) != 1 {
		w.Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="evalbench metrics"`)
		w.Header().Set(echo.HeaderXContentTypeOptions, "nosniff")
		http.Error(w, "the metrics need the metrics token (EVALBENCH_METRICS_TOKEN)", http.StatusUnauthorized)
		return true
	}
	s.metrics.Handler().ServeHTTP(w, r)
	return true
}

// Keys of what handlers tell the request log about an import (see noteImport).
const (
	ctxImportRows    = "evalbench.import.rows"
	ctxImportOutcome = "evalbench.import.outcome"
)

// noteImport records the rows of the file a handler imported and what the import did (created,
// existing, dry run), for the import log line and metrics.
func noteImport(c echo.Context, rows int, outcome string) {
	c.Set(ctxImportRows, rows)
	c.Set(ctxImportOutcome, outcome)
}

// countingBody counts the bytes a handler reads from the request body.
type countingBody struct {
	io.ReadCloser
	n int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	k, err := b.ReadCloser.Read(p)
	b.n += int64(k)
	return k, err
}

// importKinds names the routes that import a file (method and pattern) and what they import, for
// the import log line and metrics.
var importKinds = map[string]string{
	"POST /api/v1/commissions/:cid/datasets":                          "dataset",
	"POST /api/v1/commissions/:cid/frameworks/import":                 "framework",
	"POST /api/v1/commissions/:cid/surveys/:sid/responses":            "survey responses",
	"POST /api/v1/commissions/:cid/weight-sets/:wid/judgments/import": "judgments",
}

// standardMethods bounds the method label: anything else counts as OTHER.
var standardMethods = map[string]bool{http.MethodGet: true, http.MethodHead: true, http.MethodPost: true, http.MethodPut: true,
	http.MethodPatch: true, http.MethodDelete: true, http.MethodOptions: true}

// observe writes one log line per request — method, route pattern, status, duration, request id
// and the caller's institute; never a header, a token, a cookie, a query or a body — and counts
// the request in the metrics. An import route also gets an import line. It answers the handler's
// error itself, so that the status it logs is the one sent.
func (s *Server) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		req := c.Request()
		body := &countingBody{ReadCloser: req.Body}
		if req.Body != nil && req.Body != http.NoBody {
			req.Body = body
		}
		if err := next(c); err != nil {
			c.Error(err)
		}
		d := time.Since(start)
		res := c.Response()
		route := c.Path()
		if !s.patterns[route] {
			route = "unmatched" // not a route of ours: the raw path would be unbounded
		}
		method := req.Method
		if !standardMethods[method] {
			method = "OTHER"
		}
		status := strconv.Itoa(res.Status)
		s.metrics.requests.WithLabelValues(method, route, status).Inc()
		s.metrics.requestDuration.WithLabelValues(method, route, status).Observe(d.Seconds())

		a, _ := c.Get("actor").(evaluation.Actor)
		rid := res.Header().Get(echo.HeaderXRequestID)
		level := slog.LevelInfo
		if res.Status >= 500 {
			level = slog.LevelWarn
		}
		s.log.LogAttrs(req.Context(), level, "request",
			slog.String("method", method), slog.String("route", route), slog.Int("status", res.Status),
			slog.Duration("duration", d), slog.String("request_id", rid), slog.String("institute", a.InstituteID),
			slog.Int64("bytes_in", body.n), slog.Int64("bytes_out", res.Size))

		if kind := importKinds[req.Method+" "+c.Path()]; kind != "" {
			rows, _ := c.Get(ctxImportRows).(int)
			outcome, _ := c.Get(ctxImportOutcome).(string)
			switch {
			case outcome != "":
			case res.Status == http.StatusUnprocessableEntity:
				outcome = "invalid"
			case res.Status == http.StatusRequestEntityTooLarge:
				outcome = "too large"
			case res.Status >= 500:
				outcome = "error"
			default:
				outcome = "refused"
			}
			s.metrics.importRows.WithLabelValues(kind, outcome).Add(float64(rows))
			s.metrics.importBytes.WithLabelValues(kind, outcome).Add(float64(body.n))
			s.metrics.importDuration.WithLabelValues(kind, outcome).Observe(d.Seconds())
			s.log.LogAttrs(req.Context(), slog.LevelInfo, "import",
				slog.String("kind", kind), slog.String("outcome", outcome), slog.Int("rows", rows), slog.Int64("bytes", body.n),
				slog.Duration("duration", d), slog.Int("status", res.Status), slog.String("request_id", rid),
				slog.String("institute", a.InstituteID), slog.String("commission", c.Param("cid")))
		}
		return nil
	}
}

// contentSecurityPolicy is the policy of every response but a report's HTML (which allows its own
// styles by hash, see reports.ContentSecurityPolicy): nothing may load, run or frame it.
const contentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// securityHeaders sets on every response: X-Content-Type-Options: nosniff, so that no browser
// reads a JSON, CSV or problem document as HTML; a Content-Security-Policy and X-Frame-Options that
// deny framing (clickjacking); and Referrer-Policy: no-referrer, so that report ids in URLs do not
// leak to other sites. The report HTML handler narrows the policy to what the report needs.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set(echo.HeaderXContentTypeOptions, "nosniff")
		h.Set(echo.HeaderXFrameOptions, "DENY")
		h.Set(echo.HeaderReferrerPolicy, "no-referrer")
		h.Set(echo.HeaderContentSecurityPolicy, contentSecurityPolicy)
		return next(c)
	}
}
