// Package api maps HTTP onto the evaluation domain: JSON under /api/v1, bearer-token
// authentication, application/problem+json errors (RFC 9457), ETag/If-Match concurrency, body and
// page limits, per-token rate limiting and a generated OpenAPI 3 document. Business rules live in
// package evaluation; handlers bind, call the service and answer.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"evalbench/evaluation"
)

// Config is the API's share of evalbench's configuration.
type Config struct {
	BodyLimit   int64   // bytes a JSON request may carry (413 above)
	UploadLimit int64   // bytes an import may carry
	RateLimit   float64 // requests per second per token (429 above); 0 disables
	RateBurst   int
	BaseURL     string // public URL of the service, for links
}

// DefaultConfig returns the limits evalbench runs with unless configured otherwise.
func DefaultConfig() Config {
	return Config{BodyLimit: 8 << 20, UploadLimit: 512 << 20, RateLimit: 50, RateBurst: 200, BaseURL: "http://localhost:8080"}
}

// Server is the HTTP face of a Service.
type Server struct {
	svc    *evaluation.Service
	cfg    Config
	log    *slog.Logger
	echo   *echo.Echo
	routes []Route

	limiters sync.Map            // token hash → *rate.Limiter
	allow    map[string][]string // route path → its methods, for 405's Allow
}

// New builds the server and registers every route.
func New(svc *evaluation.Service, cfg Config, log *slog.Logger) *Server {
	if log == nil {
		log = slog.Default()
	}
	s := &Server{svc: svc, cfg: cfg, log: log}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.errorHandler
	e.Use(middleware.RequestIDWithConfig(middleware.RequestIDConfig{
		Generator: func() string { return strconv.FormatInt(time.Now().UnixNano(), 36) + "-" + randomID(6) },
	}))
	e.Use(s.recoverer)
	s.echo = e
	s.routes = s.routeTable()
	s.allow = allowedMethods(s.routes)
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
	mw = append(mw, s.knownPathOtherMethod, bodyLimit(limit))
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
		if s.cfg.RateLimit <= 0 {
			return next(c)
		}
		key, _ := c.Get("token").(string)
		l, _ := s.limiters.LoadOrStore(key, rate.NewLimiter(rate.Limit(s.cfg.RateLimit), s.cfg.RateBurst))
		if !l.(*rate.Limiter).Allow() {
			c.Response().Header().Set("Retry-After", "1")
			return echo.NewHTTPError(http.StatusTooManyRequests, "too many requests for this token; slow down")
		}
		return next(c)
	}
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
				return echo.NewHTTPError(http.StatusMethodNotAllowed, "this path answers "+strings.Join(s.allow[other], ", "))
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
