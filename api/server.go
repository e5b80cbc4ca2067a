// Package api maps HTTP onto the evaluation domain: JSON under /api/v1, bearer-token
// authentication, application/problem+json errors (RFC 9457), ETag/If-Match concurrency, body and
// page limits, per-token rate limiting (per client address on the routes that need no token) and
// a generated OpenAPI 3 document. Business rules live in
// package evaluation; handlers bind, call the service and answer.
package api

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/ratelimit"
)

// Config is the API's share of evalbench's configuration.
type Config struct {
	BodyLimit   int64   // bytes a JSON request may carry (413 above)
	UploadLimit int64   // bytes an import may carry
	VerifyLimit int64   // bytes POST /api/v1/verify may carry: it needs no token
	RateLimit   float64 // requests per second per token (429 above); 0 disables
	RateBurst   int
	// PublicRateLimit and PublicRateBurst limit the routes anyone may call (all but /healthz)
	// per client address (an IPv6 client by its /64 network); 0 disables.
	PublicRateLimit float64
	PublicRateBurst int
	// TrustProxy takes the client address from X-Forwarded-For (the address the nearest
	// trusted proxy saw) instead of the connection's remote address. Only set it behind a
	// reverse proxy that sets the header: otherwise a client chooses its own address.
	TrustProxy bool
	BaseURL    string // public URL of the service, for links (empty: derived from the address served)
	// MetricsToken, when set, lets a caller presenting it as a bearer token read GET /metrics on
	// the API's address; when empty, the API's address does not serve /metrics (see Metrics).
	MetricsToken string
}

// DefaultConfig returns the limits evalbench runs with unless configured otherwise. A signed
// report's envelope is under a megabyte for the example commissions (the bundle grows with
// units × indicators), so 16 MiB leaves room for far larger evaluations while bounding what an
// anonymous request holds in memory. Ten public requests a second per address, in bursts of
// fifty, serve a reader opening a report and its files, or a verifier, and stop a scraper.
func DefaultConfig() Config {
	return Config{BodyLimit: 8 << 20, UploadLimit: 512 << 20, VerifyLimit: 16 << 20, RateLimit: 50, RateBurst: 200,
		PublicRateLimit: 10, PublicRateBurst: 50}
}

// Server is the HTTP face of a Service.
type Server struct {
	svc    *evaluation.Service
	cfg    Config
	log    *slog.Logger
	echo   *echo.Echo
	routes []Route

	metrics  *Metrics
	patterns map[string]bool // the route patterns, for the request log and metrics labels

	tokenLimits  *ratelimit.Set      // by token hash
	clientLimits *ratelimit.Set      // by client address, on public routes
	allow        map[string][]string // route path → its methods, for 405's Allow
	files        *fileCache          // public signed report files (reportfiles.go)
}

// New builds the server and registers every route.
func New(svc *evaluation.Service, cfg Config, log *slog.Logger) *Server {
	if log == nil {
		log = slog.Default()
	}
	s := &Server{svc: svc, cfg: cfg, log: log, metrics: newMetrics(svc), patterns: map[string]bool{},
		tokenLimits:  ratelimit.New(cfg.RateLimit, cfg.RateBurst, ratelimit.MaxKeys),
		clientLimits: ratelimit.New(cfg.PublicRateLimit, cfg.PublicRateBurst, ratelimit.MaxKeys),
		files:        newFileCache(reportFileCacheBytes)}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	// c.RealIP() is the remote address unless the operator says a proxy stands in front.
	e.IPExtractor = echo.ExtractIPDirect()
	if cfg.TrustProxy {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	}
	e.HTTPErrorHandler = s.errorHandler
	e.Use(dropBadRequestID)
	e.Use(middleware.RequestIDWithConfig(middleware.RequestIDConfig{
		Generator: func() string { return strconv.FormatInt(time.Now().UnixNano(), 36) + "-" + randomID(6) },
	}))
	e.Use(s.observe, securityHeaders, s.recoverer)
	s.echo = e
	s.routes = s.routeTable()
	s.allow = allowedMethods(s.routes)
	for _, r := range s.routes {
		s.register(r)
		s.patterns[r.Path] = true
	}
	return s
}

// Handler returns the HTTP handler: the API, and /metrics when a metrics token is configured.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.serveMetrics(w, r) {
			s.echo.ServeHTTP(w, r)
		}
	})
}

// Metrics returns the server's metrics (for a separate metrics listener and the run workers).
func (s *Server) Metrics() *Metrics { return s.metrics }

// Echo returns the router (for tests that enumerate its routes).
func (s *Server) Echo() *echo.Echo { return s.echo }

// Routes returns the route table.
func (s *Server) Routes() []Route { return s.routes }

// Start serves on addr until ctx ends, then shuts down gracefully.
func (s *Server) Start(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx ends, then shuts down gracefully.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	return serveHTTP(ctx, s.log, "api", ln, s.Handler())
}

// ServeMetrics serves the metrics without any access check on ln (a private address: loopback by
// default) until ctx ends.
func (s *Server) ServeMetrics(ctx context.Context, ln net.Listener) error {
	return s.metrics.Serve(ctx, s.log, ln)
}

// serveHTTP serves h on ln until ctx ends, then shuts down gracefully, logging both.
func serveHTTP(ctx context.Context, log *slog.Logger, name string, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		log.Error("listener failed", "listener", name, "addr", ln.Addr().String(), "err", err)
		return err
	case <-ctx.Done():
		log.Info("shutting down", "listener", name, "addr", ln.Addr().String())
		sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		err := srv.Shutdown(sctx)
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("shutdown", "listener", name, "err", err)
			return err
		}
		log.Info("stopped", "listener", name)
		return nil
	}
}

// Auth says who may call a route.
type Auth int

// Auth levels.
const (
	Public Auth = iota // anyone (health, the OpenAPI document, verification)
	User               // any authenticated user; the service checks commission roles
)

// Route is one row of the API: how it is matched, who may call it, how it is documented, and
// its handler.
type Route struct {
	Method       string
	Path         string // Echo form, /api/v1/commissions/:cid
	Summary      string
	Description  string // more than the summary says, for the OpenAPI document
	Tag          string
	Auth         Auth
	Body         any   // request body type, for the OpenAPI document (nil: none)
	BodyOptional bool  // the body may be empty
	Response     any   // response body type (nil: none)
	Status       int   // success status
	Also         []int // other success statuses answering the same body (a dry run's 200, …)
	Errors       []int // error statuses beyond those the route's shape implies (see errorStatuses)
	Upload       bool  // the body is a file (multipart or raw), with the upload size limit
	Query        []Param
	IfMatch      bool // the route requires If-Match
	Handler      echo.HandlerFunc
	Produces     []string // non-JSON (or raw JSON) success media types: text/html, text/csv, …
	RawSchema    any      // the Go type of a raw application/json output, when it has one
	MaxBody      int64    // bytes the body may carry when not BodyLimit or UploadLimit
	// Immutable marks a file that never changes (a published report's signed files): served with
	// a strong ETag, Cache-Control: public, max-age=31536000, immutable, gzip when accepted, and
	// 304 for a matching If-None-Match; the document says so.
	Immutable bool
}

// Param documents a query parameter: its JSON-schema type and the limits the handler enforces.
type Param struct {
	Name, Type, Description string
	Enum                    []string
	Min, Max                *int
	Default                 any
	Pattern, Format         string
	Required                bool
}

func (s *Server) register(r Route) {
	var mw []echo.MiddlewareFunc
	limit := s.cfg.BodyLimit
	if r.Upload {
		limit = s.cfg.UploadLimit
	}
	if r.MaxBody > 0 {
		limit = r.MaxBody
	}
	if r.Auth == Public && r.Path != "/healthz" {
		// Health checks come from the operator's probes, often many from one address.
		mw = append(mw, s.publicRateLimit)
	}
	mw = append(mw, s.knownPathOtherMethod, bodyLimit(limit))
	if r.Auth == User {
		mw = append(mw, s.authenticate, s.rateLimit)
	}
	mw = append(mw, checkText(r.Body != nil && !r.Upload))
	s.echo.Add(r.Method, r.Path, r.Handler, mw...)
}

// dropBadRequestID removes an X-Request-Id the client sent that is not a short token of printable
// ASCII, so that one is generated instead. The request id goes into the audit log and the server
// log: a client's NUL, invalid UTF-8 or megabyte there would fail the audited write (a 500) or
// forge log lines.
func dropBadRequestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Request().Header
		if id := h.Get(echo.HeaderXRequestID); id != "" && !goodRequestID(id) {
			h.Del(echo.HeaderXRequestID)
		}
		return next(c)
	}
}

func goodRequestID(id string) bool {
	if len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] >= 0x7f {
			return false
		}
	}
	return true
}

// checkText refuses, with one 422 that names every bad field, a request whose path parameters,
// query parameters or JSON body (when jsonBody) hold text that evalbench cannot store: NUL,
// invalid UTF-8 or control characters (engine.TextProblem). It is the one boundary check of
// request text: handlers and the service never see such text, so no NUL reaches PostgreSQL (a
// 500) and no invalid UTF-8 is silently turned into U+FFFD by encoding/json. Uploaded files are
// checked cell by cell where they are read (package ingest), and their names in upload.
func checkText(jsonBody bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			v := &engine.ValidationError{Summary: messages.For(messages.English).Sprintf(messages.ProblemDetailText), SummaryID: string(messages.ProblemDetailText)}
			add := func(field, s string) {
				if m := engine.TextProblemMessage(s); m.ID != "" {
					v.Add(engine.CataloguedMessage(field, "", m))
				}
			}
			for i, name := range c.ParamNames() {
				if vals := c.ParamValues(); i < len(vals) {
					add(name, vals[i])
				}
			}
			q := c.QueryParams()
			names := make([]string, 0, len(q))
			for name := range q {
				names = append(names, name)
			}
			sort.Strings(names)
			for _, name := range names {
				field := name
				if m := engine.TextProblemMessage(name); m.ID != "" {
					field = strconv.QuoteToASCII(name)
					v.Add(engine.Catalogued(field, "", messages.TextParamName, "problem", m))
				}
				for _, val := range q[name] {
					add(field, val)
				}
			}
			if jsonBody {
				req := c.Request()
				body, err := io.ReadAll(req.Body)
				if err != nil {
					return err
				}
				req.Body = io.NopCloser(bytes.NewReader(body))
				engine.CheckJSONText(body, v)
			}
			if err := v.Err(); err != nil {
				return err
			}
			return next(c)
		}
	}
}

// bodyLimit answers 413 for a request body over n bytes, whether or not it declares its length.
func bodyLimit(n int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if req.ContentLength > n {
				return httpError(http.StatusRequestEntityTooLarge, messages.ProblemDetailTooLarge, "limit", n)
			}
			req.Body = &limitedBody{r: http.MaxBytesReader(c.Response(), req.Body, n), n: n}
			return next(c)
		}
	}
}

type limitedBody struct {
	r interface {
		Read([]byte) (int, error)
		Close() error
	}
	n int64
}

func (l *limitedBody) Read(p []byte) (int, error) {
	k, err := l.r.Read(p)
	if err != nil && strings.Contains(err.Error(), "request body too large") {
		return k, httpError(http.StatusRequestEntityTooLarge, messages.ProblemDetailTooLarge, "limit", l.n)
	}
	return k, err
}

func (l *limitedBody) Close() error { return l.r.Close() }

// actor returns the authenticated actor of the request.
func actor(c echo.Context) evaluation.Actor {
	a, _ := c.Get("actor").(evaluation.Actor)
	a.RequestID = c.Response().Header().Get(echo.HeaderXRequestID)
	return a
}

// authenticate resolves the bearer token; anything else answers 401.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Request().Header.Get(echo.HeaderAuthorization)
		secret, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || secret == "" {
			c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="evalbench"`)
			return engine.Refuse(engine.ErrUnauthenticated, messages.AuthBearerRequired)
		}
		a, err := s.svc.Authenticate(c.Request().Context(), strings.TrimSpace(secret))
		if err != nil {
			if errors.Is(err, engine.ErrUnauthenticated) {
				c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="evalbench", error="invalid_token"`)
			}
			return err
		}
		c.Set("actor", a)
		c.Set("token", string(evaluation.TokenHash(secret)))
		return next(c)
	}
}

// rateLimit allows each token RateLimit requests per second with bursts of RateBurst.
func (s *Server) rateLimit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		key, _ := c.Get("token").(string)
		if wait, ok := s.tokenLimits.Allow(key, time.Now()); !ok {
			return tooManyRequests(c, wait, messages.ProblemDetailRateLimitedToken)
		}
		return next(c)
	}
}

// publicRateLimit allows each client address PublicRateLimit requests per second with bursts of
// PublicRateBurst on the routes that need no token.
func (s *Server) publicRateLimit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if wait, ok := s.clientLimits.Allow(ratelimit.ClientKey(c.RealIP()), time.Now()); !ok {
			return tooManyRequests(c, wait, messages.ProblemDetailRateLimitedClient)
		}
		return next(c)
	}
}

// tooManyRequests answers 429 with Retry-After: the whole seconds until a request is allowed.
func tooManyRequests(c echo.Context, wait time.Duration, msg messages.ID) error {
	secs := max(1, int64((wait+time.Second-1)/time.Second))
	c.Response().Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	return httpError(http.StatusTooManyRequests, msg)
}

// recoverer turns a panic into a 500 without leaking its text.
func (s *Server) recoverer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("panic", "request_id", c.Response().Header().Get(echo.HeaderXRequestID), "panic", p)
				err = errPanic
			}
		}()
		return next(c)
	}
}

var errPanic = &panicError{}

type panicError struct{}

func (*panicError) Error() string { return "internal panic" }

// allowedMethods maps each route path to the methods it serves.
func allowedMethods(routes []Route) map[string][]string {
	out := map[string][]string{}
	for _, r := range routes {
		out[r.Path] = append(out[r.Path], r.Method)
	}
	return out
}

// knownPathOtherMethod answers 404 for a path with an empty parameter, and 405 with Allow when
// the router matched a route with a parameter where another route names the segment literally
// but does not serve the method: PUT …/weight-sets/compare would otherwise reach
// PUT …/weight-sets/:wid (and answer about a weight set named "compare").
func (s *Server) knownPathOtherMethod(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		for _, v := range c.ParamValues() {
			if v == "" { // an empty segment (…/frameworks//export) names nothing
				return echo.ErrNotFound
			}
		}
		if tmpl := c.Path(); strings.Contains(tmpl, ":") {
			if other, ok := s.literalRoute(tmpl, echo.GetPath(c.Request())); ok {
				c.Response().Header().Set(echo.HeaderAllow, strings.Join(append([]string{http.MethodOptions}, s.allow[other]...), ", "))
				return httpError(http.StatusMethodNotAllowed, messages.ProblemDetailMethodNotAllowed, "methods", strings.Join(s.allow[other], ", "))
			}
		}
		return next(c)
	}
}

// literalRoute finds a route path matching path that is literal in a segment where tmpl has a
// parameter.
func (s *Server) literalRoute(tmpl, path string) (string, bool) {
	ts, ps := strings.Split(tmpl, "/"), strings.Split(path, "/")
	for other := range s.allow {
		segs := strings.Split(other, "/")
		if other == tmpl || len(segs) != len(ps) {
			continue
		}
		match, moreLiteral := true, false
		for i := range segs {
			switch {
			case strings.HasPrefix(segs[i], ":"):
				if !strings.HasPrefix(ts[i], ":") {
					match = false
				}
			case segs[i] != ps[i]:
				match = false
			case strings.HasPrefix(ts[i], ":"):
				moreLiteral = true
			}
		}
		if match && moreLiteral {
			return other, true
		}
	}
	return "", false
}
