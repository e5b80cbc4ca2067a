package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Problem is an RFC 9457 problem document (application/problem+json). Its texts (title, detail,
// each error's message) are in the language the request's Accept-Language chooses (Chinese by
// default, English for en; the response's Content-Language says which); Code and Type are stable
// machine codes, and TitleID, DetailID and each error's message_id name the texts in the message
// catalogue (package messages) with their arguments, so that a client can show them in its own
// language or match on them.
type Problem struct {
	Type       string           `json:"type"`
	Code       string           `json:"code"`
	Title      string           `json:"title"`
	TitleID    messages.ID      `json:"title_id"`
	Status     int              `json:"status"`
	Detail     string           `json:"detail,omitempty"`
	DetailID   messages.ID      `json:"detail_id,omitempty"`
	DetailArgs messages.Args    `json:"detail_args,omitempty"`
	Instance   string           `json:"instance,omitempty"`
	RequestID  string           `json:"request_id,omitempty"`
	Errors     []engine.Problem `json:"errors,omitempty"`
	Total      int              `json:"total_errors,omitempty"`
	Truncated  bool             `json:"errors_truncated,omitempty"`
}

// problemKind is one row of the table from domain error to HTTP status.
type problemKind struct {
	err    error
	status int
	slug   string
	title  messages.ID
}

// problemKinds is the one table mapping domain errors onto HTTP statuses. Order matters: the
// first match wins.
var problemKinds = []problemKind{
	{engine.ErrUnauthenticated, http.StatusUnauthorized, "unauthenticated", messages.ProblemTitleUnauthenticated},
	{engine.ErrNotFound, http.StatusNotFound, "not-found", messages.ProblemTitleNotFound},
	{engine.ErrForbidden, http.StatusForbidden, "forbidden", messages.ProblemTitleForbidden},
	{engine.ErrStale, http.StatusPreconditionFailed, "stale-version", messages.ProblemTitleStaleVersion},
	{engine.ErrVersionRequired, http.StatusPreconditionRequired, "version-required", messages.ProblemTitleVersionRequired},
	{engine.ErrConflict, http.StatusConflict, "conflict", messages.ProblemTitleConflict},
	{engine.ErrInvalid, http.StatusUnprocessableEntity, "validation", messages.ProblemTitleValidation},
	{engine.ErrUnavailable, http.StatusServiceUnavailable, "unavailable", messages.ProblemTitleUnavailable},
}

// The detail of every 404 (messages.ProblemDetailNotFound) is one text whatever the object and
// whether it does not exist or belongs to someone the caller may not see, so that the answer
// cannot tell an existing id from a missing one.

// kindDetails are the details of problems whose error carries no message for users (a driver
// error the store mapped, see engine.InternalError).
var kindDetails = map[string]messages.ID{
	"conflict":    messages.ProblemDetailConflict,
	"validation":  messages.ProblemDetailValidation,
	"unavailable": messages.ProblemDetailUnavailable,
}

// versionDetails are the details of a 412 or 428 whose error is no catalogued refusal: a
// concurrent update the store caught after the service's If-Match check passed.
var versionDetails = map[string]messages.ID{
	"stale-version":    messages.ProblemDetailStaleVersion,
	"version-required": messages.ProblemDetailVersionRequired,
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

// slugTitle returns the catalogue id of a slug's title: problem.title.<slug with _>, or
// problem.title.http for a status without a slug of its own.
func slugTitle(slug string) messages.ID {
	id := messages.ID("problem.title." + strings.ReplaceAll(slug, "-", "_"))
	if _, ok := messages.Lookup(messages.Default, id); ok {
		return id
	}
	return messages.ProblemTitleHTTP
}

// httpError is an *echo.HTTPError whose message is a catalogue message, rendered in the
// request's language by the error handler.
func httpError(status int, id messages.ID, kv ...any) *echo.HTTPError {
	return echo.NewHTTPError(status, messages.New(id, kv...))
}

// invalid is a 422 naming one field, with a catalogue message.
func invalid(field string, id messages.ID, kv ...any) error {
	m := messages.New(id, kv...)
	return &engine.ValidationError{
		Summary: messages.For(messages.English).Sprintf(messages.ProblemDetailInvalidRequest), SummaryID: string(messages.ProblemDetailInvalidRequest),
		Total: 1, Problems: []engine.Problem{{Field: field, Message: messages.For(messages.English).Render(m), MessageID: string(m.ID), Args: m.Args}},
	}
}

// requestLanguage is the language of the request's Accept-Language (Chinese by default).
func requestLanguage(c echo.Context) messages.Language {
	return messages.FromAcceptLanguage(c.Request().Header.Get("Accept-Language"))
}

// errorHandler writes every error as application/problem+json, its texts in the request's
// language. Domain errors are mapped by problemKinds; a 500 never shows its internal text.
func (s *Server) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	rid := c.Response().Header().Get(echo.HeaderXRequestID)
	lang := requestLanguage(c)
	pr := messages.For(lang)
	p := Problem{Instance: c.Request().URL.Path, RequestID: rid}
	detail := func(id messages.ID, args messages.Args) {
		p.DetailID, p.DetailArgs, p.Detail = id, args, pr.Format(id, args)
	}

	var he *echo.HTTPError
	var ve *engine.ValidationError
	switch {
	case errors.As(err, &ve):
		p.Status, p.Code, p.TitleID = http.StatusUnprocessableEntity, "validation", messages.ProblemTitleValidation
		switch {
		case ve.SummaryID != "":
			detail(messages.ID(ve.SummaryID), ve.SummaryArgs)
		case lang == messages.English:
			p.Detail = ve.Summary // the service's summary, English until its call site is converted
		default:
			detail(messages.ProblemDetailProblems, messages.Args{"total": max(ve.Total, len(ve.Problems))})
		}
		p.Errors, p.Total, p.Truncated = localProblems(pr, ve.Problems), ve.Total, ve.Truncated
	case errors.As(err, &he):
		p.Status = he.Code
		p.Code = httpSlugs[he.Code]
		if p.Code == "" {
			p.Code = "http-" + http.StatusText(he.Code)
		}
		p.TitleID = slugTitle(p.Code)
		if he.Code < 500 || he.Code == http.StatusServiceUnavailable {
			switch msg := he.Message.(type) {
			case messages.Message:
				detail(msg.ID, msg.Args)
			case string:
				// Echo's own errors carry the status text, which the title already says.
				if msg != http.StatusText(he.Code) && he.Code < 500 {
					p.Detail = msg
				}
			}
		}
		if he.Code == http.StatusNotFound {
			detail(messages.ProblemDetailNotFound, nil)
		}
	default:
		for _, k := range problemKinds {
			if errors.Is(err, k.err) {
				p.Status, p.Code, p.TitleID = k.status, k.slug, k.title
				var rf *engine.Refusal
				if id, ok := kindDetails[k.slug]; errors.As(err, &rf) {
					detail(rf.Message.ID, rf.Message.Args)
				} else if ok && engine.PublicMessage(err, "") == "" {
					detail(id, nil)
				} else if id, ok := versionDetails[k.slug]; ok {
					// The store's "changed meanwhile" (a concurrent update won): its English
					// text names no more than the title and this detail say.
					detail(id, nil)
				} else {
					p.Detail = engine.PublicMessage(err, "")
				}
				if k.err == engine.ErrNotFound {
					detail(messages.ProblemDetailNotFound, nil)
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
			p.Status, p.Code, p.TitleID = http.StatusInternalServerError, "internal", messages.ProblemTitleInternal
			detail(messages.ProblemDetailInternal, nil)
		}
	}
	p.Type = problemType(p.Code)
	p.Title = pr.Sprintf(p.TitleID, "status", p.Status)
	if p.Status == http.StatusServiceUnavailable && c.Response().Header().Get("Retry-After") == "" {
		c.Response().Header().Set("Retry-After", retryAfter)
	}
	if p.Status >= 500 && p.Status != http.StatusInternalServerError {
		s.log.Warn("server error", slog.Int("status", p.Status), "request_id", rid, "err", err)
	}
	h := c.Response().Header()
	h.Set("Content-Language", string(lang))
	h.Add("Vary", "Accept-Language")
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(p.Status)
		return
	}
	body, _ := json.Marshal(p)
	_ = c.Blob(p.Status, "application/problem+json", body)
}

// localProblems returns the problems with each message in the printer's language where it is
// catalogued (MessageID), and as the service wrote it otherwise.
func localProblems(pr *messages.Printer, ps []engine.Problem) []engine.Problem {
	if len(ps) == 0 {
		return nil
	}
	out := make([]engine.Problem, len(ps))
	for i, q := range ps {
		q.Message = pr.Or(q.MessageID, q.Args, q.Message)
		out[i] = q
	}
	return out
}
