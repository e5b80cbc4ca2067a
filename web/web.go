// Package web serves evalbench's pages for people in a browser: server-rendered html/template
// pages in Chinese first and English alongside, every text from the messages catalogue, assets
// embedded and served under content-hash URLs, and a strict Content-Security-Policy (no inline
// script or style). It calls the same evaluation.Service as package api and holds no business
// rule and no SQL. It uses only net/http (Go 1.22 patterns), so Echo stays confined to api.
package web

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"evalbench/evaluation"
	"evalbench/ratelimit"
)

// Config is the web layer's share of evalbench's configuration.
type Config struct {
	// UploadLimit is the most bytes a verification upload may carry (413 above).
	UploadLimit int64
	// PublicURL is the service's public URL (EVALBENCH_BASE_URL): https makes cookies Secure
	// behind a TLS-terminating proxy, and its origin is accepted on forms.
	PublicURL string
	// TrustProxy takes the client address the sign-in throttle counts from X-Forwarded-For
	// when a loopback or private address (the proxy) passed the request on, as api does.
	TrustProxy bool
	// PublicRateLimit and PublicRateBurst limit every page request (not the static assets) per
	// client address (an IPv6 client by its /64), as the API limits its public routes; 429 with
	// Retry-After above. 0 disables (the tests' default; the binary passes
	// EVALBENCH_PUBLIC_RATE_LIMIT and _BURST).
	PublicRateLimit float64
	PublicRateBurst int
	// Stop, when closed, ends the open event streams (a run page's progress), so that a
	// graceful shutdown does not wait for them; the browser reconnects to the next server.
	// Nil: streams end only at their own lifetime.
	Stop <-chan struct{}
	// StreamLifetime is how long an event stream lasts before the browser must reconnect (and
	// its session and role are checked again); 0 means 2 minutes.
	StreamLifetime time.Duration
	// LinkRateLimit and LinkRateBurst limit the answers (POSTs) through one personal capability
	// link — an expert's /q/ link or a rater's personal /r/ link — whatever address they come
	// from: a leaked link cannot be hammered from many addresses. An open survey link is not
	// limited per link (the whole public answers through it) but per address (openAnswers).
	// 0 disables.
	LinkRateLimit float64
	LinkRateBurst int
}

// DefaultConfig returns the limits the pages run with unless configured otherwise.
// An expert's htmx form posts once per changed answer: 120 at once and one a second after that
// is far above a person answering and far below a script.
func DefaultConfig() Config {
	return Config{UploadLimit: 64 << 20, LinkRateLimit: 1, LinkRateBurst: 120}
}

// ContentSecurityPolicy is the policy of every page and asset: scripts, styles, images, fonts
// and fetches from this origin only (data: images for the API viewer's icons), no inline script
// or style, forms posting back here only, no framing, no <base>.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// Owns reports whether the web layer serves path: a page route (routes.go) or a file below
// /static/. The binary routes every other path (/api/v1/…, /healthz, /reports/…) to the API.
func Owns(path string) bool {
	return strings.HasPrefix(path, "/static/") || path == "/favicon.ico" || ownsRoute(path)
}

// handler serves the pages; its methods are one per page.
type handler struct {
	svc    *evaluation.Service
	cfg    Config
	log    *slog.Logger
	pages  *pages
	assets *assets
	list   *publishedList
	opens  *addressLimit  // answers through open survey links, per client address
	limits *ratelimit.Set // page requests per client address
	links  *ratelimit.Set // answers per personal capability link
}

// New returns the handler of the pages and static assets.
func New(svc *evaluation.Service, cfg Config, log *slog.Logger) http.Handler {
	if log == nil {
		log = slog.Default()
	}
	if cfg.UploadLimit <= 0 {
		cfg.UploadLimit = DefaultConfig().UploadLimit
	}
	as := newAssets()
	h := &handler{svc: svc, cfg: cfg, log: log, assets: as, pages: mustParsePages(as), list: newPublishedList(svc), opens: newAddressLimit(openAnswers, openWindow),
		limits: ratelimit.New(cfg.PublicRateLimit, cfg.PublicRateBurst, ratelimit.MaxKeys),
		links:  ratelimit.New(cfg.LinkRateLimit, cfg.LinkRateBurst, ratelimit.MaxKeys)}
	mux := http.NewServeMux()
	for _, rt := range routes {
		mux.HandleFunc(rt.Method+" "+rt.Pattern, h.guard(rt))
	}
	mux.HandleFunc("GET /static/{hash}/{file...}", as.serve)
	mux.HandleFunc("GET /favicon.ico", as.favicon)
	mux.HandleFunc("/", h.notFound)
	return h.logRequests(securityHeaders(h.withSession(mux)))
}

// statusWriter remembers the status and size of a response for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
	n      int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap gives http.ResponseController the writer underneath (to flush a stream).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.n += int64(n)
	return n, err
}

// logRequests writes one "request" line per request, as api's observe middleware does for the
// API: method, route pattern (never the raw path or query), status, duration and bytes out — no
// header, cookie or body.
func (h *handler) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" || route == "/" {
			route = "unmatched"
		}
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelWarn
		}
		h.log.LogAttrs(r.Context(), level, "request", slog.String("layer", "web"), slog.String("method", r.Method),
			slog.String("route", route), slog.Int("status", sw.status), slog.Duration("duration", time.Since(start)),
			slog.Int64("bytes_out", sw.n))
	})
}

// securityHeaders sets, on every response, the headers the API sets on its own (see api's
// securityHeaders) with the pages' policy: no sniffing, no framing, no referrer leaving the site,
// a window of its own, and the Content-Security-Policy.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		next.ServeHTTP(w, r)
	})
}
