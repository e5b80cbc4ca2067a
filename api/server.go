// Package api maps HTTP onto the evaluation domain: JSON under /api/v1, bearer-token
// authentication, application/problem+json errors (RFC 9457), ETag/If-Match concurrency, body and
// page limits, per-token rate limiting (per client address on the routes that need no token) and
// a generated OpenAPI 3 document. Business rules live in
// package evaluation; handlers bind, call the service and answer.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"evalbench/evaluation"
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
	BaseURL    string // public URL of the service, for links
}

// DefaultConfig returns the limits evalbench runs with unless configured otherwise. A signed
// report's envelope is under a megabyte for the example commissions (the bundle grows with
// units × indicators), so 16 MiB leaves room for far larger evaluations while bounding what an
// anonymous request holds in memory. Ten public requests a second per address, in bursts of
// fifty, serve a reader opening a report and its files, or a verifier, and stop a scraper.
func DefaultConfig() Config {
	return Config{BodyLimit: 8 << 20, UploadLimit: 512 << 20, VerifyLimit: 16 << 20, RateLimit: 50, RateBurst: 200,
		PublicRateLimit: 10, PublicRateBurst: 50, BaseURL: "http://localhost:8080"}
}

// Server is the HTTP face of a Service.
type Server struct {
	svc    *evaluation.Service
	cfg    Config
	log    *slog.Logger
	echo   *echo.Echo
	routes []Route

	tokenLimits  *limiterSet // by token hash
	clientLimits *limiterSet // by client address, on public routes
}

// New builds the server and registers every route.
func New(svc *evaluation.Service, cfg Config, log *slog.Logger) *Server {
	if log == nil {
		log = slog.Default()
	}
	s := &Server{svc: svc, cfg: cfg, log: log,
		tokenLimits:  newLimiterSet(cfg.RateLimit, cfg.RateBurst, maxLimiterKeys),
		clientLimits: newLimiterSet(cfg.PublicRateLimit, cfg.PublicRateBurst, maxLimiterKeys)}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	// c.RealIP() is the remote address unless the operator says a proxy stands in front.
	e.IPExtractor = echo.ExtractIPDirect()
	if cfg.TrustProxy {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	}
	e.HTTPErrorHandler = s.errorHandler
	e.Use(middleware.RequestIDWithConfig(middleware.RequestIDConfig{
		Generator: func() string { return strconv.FormatInt(time.Now().UnixNano(), 36) + "-" + randomID(6) },
	}))
	e.Use(s.recoverer)
	s.echo = e
	s.routes = s.routeTable()
	for _, r := range s.routes {
		s.register(r)
	}
	return s
}

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler { return s.echo }

// Echo returns the router (for tests that enumerate its routes).
func (s *Server) Echo() *echo.Echo { return s.echo }

// Routes returns the route table.
func (s *Server) Routes() []Route { return s.routes }

// Start serves on addr until ctx ends, then shuts down gracefully.
func (s *Server) Start(ctx context.Context, addr string) error {
	srv := &http.Server{Addr: addr, Handler: s.echo, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
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
	Method    string
	Path      string // Echo form, /api/v1/commissions/:cid
	Summary   string
	Tag       string
	Auth      Auth
	Body      any  // request body type, for the OpenAPI document (nil: none)
	Response  any  // response body type (nil: none)
	Status    int  // success status
	Upload    bool // the body is a file (multipart or raw), with the upload size limit
	Query     []Param
	IfMatch   bool // the route requires If-Match
	Handler   echo.HandlerFunc
	RawOutput string // a non-JSON success media type (text/html, text/csv, …)
	MaxBody   int64  // bytes the body may carry when not BodyLimit or UploadLimit
}

// Param documents a query parameter.
type Param struct {
	Name, Type, Description string
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
	mw = append(mw, bodyLimit(limit))
	if r.Auth == User {
		mw = append(mw, s.authenticate, s.rateLimit)
	}
	s.echo.Add(r.Method, r.Path, r.Handler, mw...)
}

// bodyLimit answers 413 for a request body over n bytes, whether or not it declares its length.
func bodyLimit(n int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if req.ContentLength > n {
				return echo.NewHTTPError(http.StatusRequestEntityTooLarge, "the request body exceeds "+strconv.FormatInt(n, 10)+" bytes")
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
		return k, echo.NewHTTPError(http.StatusRequestEntityTooLarge, "the request body exceeds "+strconv.FormatInt(l.n, 10)+" bytes")
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
			return evaluation.ErrUnauthenticated
		}
		a, err := s.svc.Authenticate(c.Request().Context(), strings.TrimSpace(secret))
		if err != nil {
			c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="evalbench", error="invalid_token"`)
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
		if wait, ok := s.tokenLimits.allow(key, time.Now()); !ok {
			return tooManyRequests(c, wait, "too many requests for this token; slow down")
		}
		return next(c)
	}
}

// publicRateLimit allows each client address PublicRateLimit requests per second with bursts of
// PublicRateBurst on the routes that need no token.
func (s *Server) publicRateLimit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if wait, ok := s.clientLimits.allow(clientKey(c.RealIP()), time.Now()); !ok {
			return tooManyRequests(c, wait, "too many requests from this address; slow down")
		}
		return next(c)
	}
}

// tooManyRequests answers 429 with Retry-After: the whole seconds until a request is allowed.
func tooManyRequests(c echo.Context, wait time.Duration, msg string) error {
	secs := max(1, int64((wait+time.Second-1)/time.Second))
	c.Response().Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	return echo.NewHTTPError(http.StatusTooManyRequests, msg)
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
