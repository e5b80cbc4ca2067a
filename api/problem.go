package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation/engine"
)

// Problem is an RFC 9457 problem document (application/problem+json).
type Problem struct {
	Type      string           `json:"type"`
	Title     string           `json:"title"`
	Status    int              `json:"status"`
	Detail    string           `json:"detail,omitempty"`
	Instance  string           `json:"instance,omitempty"`
	RequestID string           `json:"request_id,omitempty"`
	Errors    []engine.Problem `json:"errors,omitempty"`
	Total     int              `json:"total_errors,omitempty"`
	Truncated bool             `json:"errors_truncated,omitempty"`
}

// problemKind is one row of the table from domain error to HTTP status.
type problemKind struct {
	err    error
	status int
	slug   string
	title  string
}

// problemKinds is the one table mapping domain errors onto HTTP statuses. Order matters: the
// first match wins.
var problemKinds = []problemKind{
	{engine.ErrUnauthenticated, http.StatusUnauthorized, "unauthenticated", "Authentication required"},
	{engine.ErrNotFound, http.StatusNotFound, "not-found", "Not found"},
	{engine.ErrForbidden, http.StatusForbidden, "forbidden", "Forbidden"},
	{engine.ErrStale, http.StatusPreconditionFailed, "stale-version", "The resource changed since the version you sent"},
	{engine.ErrVersionRequired, http.StatusPreconditionRequired, "version-required", "If-Match is required"},
	{engine.ErrConflict, http.StatusConflict, "conflict", "Conflict"},
	{engine.ErrInvalid, http.StatusUnprocessableEntity, "validation", "The request is not valid"},
	{engine.ErrUnavailable, http.StatusServiceUnavailable, "unavailable", "Service unavailable"},
}

// notFoundDetail is the detail of every 404 from the domain. It is one text whatever the object
// and whether it does not exist or belongs to someone the caller may not see, so that the answer
// cannot tell an existing id from a missing one.
const notFoundDetail = "there is nothing at this address, or you may not see it"

// kindDetails are the details of problems whose error carries no message for users (a driver
// error the store mapped, see engine.InternalError).
var kindDetails = map[string]string{
	"conflict":    "the request conflicts with the current state of the object",
	"validation":  "the request is not valid",
	"unavailable": "the service cannot reach its database for now; try again in a few seconds",
}

// retryAfter is what a 503 asks clients to wait, in seconds: the database usually answers again
// within seconds of a restart.
const retryAfter = "5"

// problemType returns the stable type URI of a problem slug.
func problemType(slug string) string { return "urn:evalbench:problem:" + slug }

var httpSlugs = map[int]string{
	http.StatusBadRequest:            "bad-request",
	http.StatusUnauthorized:          "unauthenticated",
	http.StatusForbidden:             "forbidden",
	http.StatusNotFound:              "not-found",
	http.StatusMethodNotAllowed:      "method-not-allowed",
	http.StatusRequestEntityTooLarge: "too-large",
	http.StatusUnsupportedMediaType:  "unsupported-media-type",
	http.StatusTooManyRequests:       "rate-limited",
	http.StatusServiceUnavailable:    "unavailable",
}

// errorHandler writes every error as application/problem+json. Domain errors are mapped by
// problemKinds; a 500 never shows its internal text.
func (s *Server) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	rid := c.Response().Header().Get(echo.HeaderXRequestID)
	p := Problem{Instance: c.Request().URL.Path, RequestID: rid}

	var he *echo.HTTPError
	var ve *engine.ValidationError
	switch {
	case errors.As(err, &ve):
		p.Status, p.Type, p.Title = http.StatusUnprocessableEntity, problemType("validation"), "The request is not valid"
		p.Detail, p.Errors, p.Total, p.Truncated = ve.Summary, ve.Problems, ve.Total, ve.Truncated
	case errors.As(err, &he):
		p.Status = he.Code
		slug := httpSlugs[he.Code]
		if slug == "" {
			slug = "http-" + http.StatusText(he.Code)
		}
		p.Type, p.Title = problemType(slug), http.StatusText(he.Code)
		if msg, ok := he.Message.(string); ok && he.Code < 500 {
			p.Detail = msg
		}
	default:
		for _, k := range problemKinds {
			if errors.Is(err, k.err) {
				p.Status, p.Type, p.Title = k.status, problemType(k.slug), k.title
				p.Detail = engine.PublicMessage(err, kindDetails[k.slug])
				if k.err == engine.ErrNotFound {
					p.Detail = notFoundDetail
				}
				break
			}
		}
		// The internal text stays in the log, where the request id finds it.
		var ie *engine.InternalError
		if p.Status != 0 && p.Status < 500 && (errors.As(err, &ie) || p.Status == http.StatusNotFound) {
			s.log.Info("request refused", "request_id", rid, "method", c.Request().Method, "path", c.Path(), slog.Int("status", p.Status), "err", err)
		}
		if p.Status == 0 {
			s.log.Error("internal error", "request_id", rid, "method", c.Request().Method, "path", c.Path(), "err", err)
			p.Status, p.Type, p.Title = http.StatusInternalServerError, problemType("internal"), "Internal server error"
			p.Detail = "the server failed to handle the request; quote the request id when reporting it"
		}
	}
	if p.Status == http.StatusServiceUnavailable && c.Response().Header().Get("Retry-After") == "" {
		c.Response().Header().Set("Retry-After", retryAfter)
	}
	if p.Status >= 500 && p.Status != http.StatusInternalServerError {
		s.log.Warn("server error", slog.Int("status", p.Status), "request_id", rid, "err", err)
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(p.Status)
		return
	}
	body, _ := json.Marshal(p)
	_ = c.Blob(p.Status, "application/problem+json", body)
}
