package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/ratelimit"
)

// Access is who may open a page.
type Access string

// The kinds of access a page route requires.
const (
	// Public pages answer everyone.
	Public Access = "public"
	// SignedIn pages answer a signed-in person; anyone else is sent to /signin (303).
	SignedIn Access = "signed-in"
	// Commission pages answer a signed-in person who holds Permission on the commission {id};
	// a commission they hold no role on answers 404 exactly as one that does not exist, and a
	// role without the permission 403. Anonymous readers are sent to /signin.
	Commission Access = "commission"
	// Link pages are opened by a capability in their path (an expert's questionnaire, a rater's
	// form): anyone holding the link, signed in or not. The handler checks the link; an altered,
	// expired, revoked or closed one answers the same 404 page. Their forms carry the link's own
	// token (an HMAC keyed by the link secret) and an Origin check instead of the session's.
	Link Access = "link"
)

// Route is one page route: its method and pattern (net/http, Go 1.22), who may open it, and for
// a POST whether it is exempt from the CSRF check (and why).
type Route struct {
	Method     string
	Pattern    string
	Access     Access
	Permission evaluation.Permission // for Commission
	// NoCSRF says why a POST needs no CSRF token; empty for every other POST, which is refused
	// (403) without a valid token and a same-origin Origin/Referer.
	NoCSRF string
	// Upload marks a POST whose form is multipart with a file: its body may carry up to
	// Config.UploadLimit (not formLimit) and the CSRF field is read from the multipart form.
	Upload bool
	serve  func(*handler, http.ResponseWriter, *http.Request)
}

// routes is the one table of pages: New registers exactly these, Owns answers from them, and
// the authorization-matrix test walks every one of them for every role.
var routes = []Route{
	{Method: "GET", Pattern: "/{$}", Access: Public, serve: (*handler).home},
	{Method: "GET", Pattern: "/verify", Access: Public, serve: (*handler).verifyForm},
	{Method: "POST", Pattern: "/verify", Access: Public, serve: (*handler).verify,
		NoCSRF: "checks an uploaded bundle: it changes nothing, reads no session and answers the same to everyone"},
	{Method: "GET", Pattern: "/api/docs", Access: Public, serve: (*handler).apiDocs},
	{Method: "GET", Pattern: "/signin", Access: Public, serve: (*handler).signinForm},
	{Method: "POST", Pattern: "/signin", Access: Public, serve: (*handler).signin},
	{Method: "POST", Pattern: "/signout", Access: Public, serve: (*handler).signout},
	{Method: "GET", Pattern: "/signin/link/{token}", Access: Public, serve: (*handler).signinLink},
	{Method: "GET", Pattern: "/set-password/{token}", Access: Public, serve: (*handler).setPasswordForm},
	{Method: "POST", Pattern: "/set-password/{token}", Access: Public, serve: (*handler).setPassword},
	{Method: "GET", Pattern: "/commissions", Access: SignedIn, serve: (*handler).commissions},
	{Method: "GET", Pattern: "/commissions/{id}", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).commission},
	{Method: "GET", Pattern: "/q/{link}", Access: Link, serve: (*handler).questionnaire},
	{Method: "POST", Pattern: "/q/{link}", Access: Link, serve: (*handler).answer,
		NoCSRF: "the form carries the link's own token (an HMAC keyed by the link secret), checked with the Origin by the handler"},
	{Method: "GET", Pattern: "/r/{link}", Access: Link, serve: (*handler).raterForm},
	{Method: "POST", Pattern: "/r/{link}", Access: Link, serve: (*handler).rate,
		NoCSRF: "the form carries the link's own token (an HMAC keyed by the link secret), checked with the Origin by the handler"},
	// The commission workbench: creating a commission, units, members, frameworks, datasets
	// (commission_*.go).
	{Method: "POST", Pattern: "/commissions", Access: SignedIn, serve: (*handler).createCommission},
	{Method: "POST", Pattern: "/commissions/{id}/units", Access: Commission, Permission: evaluation.PermUnits, serve: (*handler).addUnit},
	{Method: "POST", Pattern: "/commissions/{id}/members", Access: Commission, Permission: evaluation.PermManage, serve: (*handler).grant},
	{Method: "POST", Pattern: "/commissions/{id}/members/revoke", Access: Commission, Permission: evaluation.PermManage, serve: (*handler).revoke},
	{Method: "GET", Pattern: "/commissions/{id}/frameworks", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).frameworks},
	{Method: "POST", Pattern: "/commissions/{id}/frameworks", Access: Commission, Permission: evaluation.PermFramework, Upload: true, serve: (*handler).importFramework},
	{Method: "GET", Pattern: "/commissions/{id}/frameworks/{fid}", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).framework},
	{Method: "GET", Pattern: "/commissions/{id}/datasets", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).datasets},
	{Method: "POST", Pattern: "/commissions/{id}/datasets", Access: Commission, Permission: evaluation.PermData, Upload: true, serve: (*handler).importDataset},
	{Method: "GET", Pattern: "/commissions/{id}/datasets/compare", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).compareDatasets},
	{Method: "GET", Pattern: "/commissions/{id}/datasets/{did}", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).dataset},
	{Method: "POST", Pattern: "/commissions/{id}/datasets/{did}/freeze", Access: Commission, Permission: evaluation.PermData, serve: (*handler).freezeDataset},
	// Runs, reports, acceptance and the audit log (runs_pages.go, reports_pages.go).
	{Method: "GET", Pattern: "/commissions/{id}/runs", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).runs},
	{Method: "POST", Pattern: "/commissions/{id}/runs", Access: Commission, Permission: evaluation.PermRuns, serve: (*handler).startRun},
	{Method: "GET", Pattern: "/commissions/{id}/runs/{rid}", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).run},
	{Method: "GET", Pattern: "/commissions/{id}/runs/{rid}/progress", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).runProgress},
	{Method: "GET", Pattern: "/commissions/{id}/runs/{rid}/events", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).runEvents},
	{Method: "GET", Pattern: "/commissions/{id}/runs/{rid}/report", Access: Commission, Permission: evaluation.PermRuns, serve: (*handler).previewReport},
	{Method: "POST", Pattern: "/commissions/{id}/runs/{rid}/publish", Access: Commission, Permission: evaluation.PermPublish, serve: (*handler).publishRun},
	{Method: "POST", Pattern: "/commissions/{id}/runs/{rid}/cancel", Access: Commission, Permission: evaluation.PermRuns, serve: (*handler).cancelRun},
	{Method: "GET", Pattern: "/commissions/{id}/reports", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).reportsList},
	{Method: "GET", Pattern: "/commissions/{id}/acceptance", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).acceptance},
	{Method: "POST", Pattern: "/commissions/{id}/acceptance", Access: Commission, Permission: evaluation.PermAccept, serve: (*handler).decide},
	{Method: "GET", Pattern: "/commissions/{id}/audit", Access: Commission, Permission: evaluation.PermAudit, serve: (*handler).audit},
	// Weight sets, read-only (weights_pages.go).
	{Method: "GET", Pattern: "/commissions/{id}/weight-sets", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).weightSets},
	{Method: "GET", Pattern: "/commissions/{id}/weight-sets/compare", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).compareWeightSets},
	{Method: "GET", Pattern: "/commissions/{id}/weight-sets/{wid}", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).weightSet},
	// Adjusting a weight: the preview (computed, not stored) and saving it as a new version
	// (weights_adjust.go).
	{Method: "GET", Pattern: "/commissions/{id}/weight-sets/{wid}/preview", Access: Commission, Permission: evaluation.PermJudge, serve: (*handler).previewAdjustment},
	{Method: "POST", Pattern: "/commissions/{id}/weight-sets/{wid}/adjust", Access: Commission, Permission: evaluation.PermJudge, serve: (*handler).adjust},
	// Judgment rounds of an AHP weight set (rounds_pages.go).
	{Method: "GET", Pattern: "/commissions/{id}/weight-sets/{wid}/rounds", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).rounds},
	{Method: "POST", Pattern: "/commissions/{id}/weight-sets/{wid}/rounds", Access: Commission, Permission: evaluation.PermWeights, serve: (*handler).openRound},
	{Method: "GET", Pattern: "/commissions/{id}/weight-sets/{wid}/rounds/{jrid}", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).round},
	{Method: "POST", Pattern: "/commissions/{id}/weight-sets/{wid}/rounds/{jrid}/experts/{eid}/reissue", Access: Commission, Permission: evaluation.PermWeights, serve: (*handler).reissueLink},
	{Method: "POST", Pattern: "/commissions/{id}/weight-sets/{wid}/rounds/{jrid}/experts/{eid}/revoke", Access: Commission, Permission: evaluation.PermWeights, serve: (*handler).revokeLink},
	{Method: "POST", Pattern: "/commissions/{id}/weight-sets/{wid}/rounds/{jrid}/reminders", Access: Commission, Permission: evaluation.PermWeights, serve: (*handler).roundReminders},
	{Method: "POST", Pattern: "/commissions/{id}/weight-sets/{wid}/rounds/{jrid}/close", Access: Commission, Permission: evaluation.PermWeights, serve: (*handler).closeRound},
	// Surveys: the rater-link board with QR codes for open links, and enumerator mode (survey_pages.go).
	{Method: "GET", Pattern: "/commissions/{id}/surveys", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).surveys},
	{Method: "GET", Pattern: "/commissions/{id}/surveys/{sid}/links", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).raterBoard},
	{Method: "POST", Pattern: "/commissions/{id}/surveys/{sid}/links", Access: Commission, Permission: evaluation.PermSurveys, serve: (*handler).issueLinks},
	{Method: "POST", Pattern: "/commissions/{id}/surveys/{sid}/links/reminders", Access: Commission, Permission: evaluation.PermSurveys, serve: (*handler).raterReminders},
	{Method: "POST", Pattern: "/commissions/{id}/surveys/{sid}/links/{lid}/revoke", Access: Commission, Permission: evaluation.PermSurveys, serve: (*handler).revokeRaterLink},
	{Method: "GET", Pattern: "/commissions/{id}/surveys/{sid}/enumerate", Access: Commission, Permission: evaluation.PermSurveys, serve: (*handler).enumerateForm},
	{Method: "POST", Pattern: "/commissions/{id}/surveys/{sid}/enumerate", Access: Commission, Permission: evaluation.PermSurveys, serve: (*handler).enumerate},
	// The rectification loop: items by unit, status and deadline; raising, closing with evidence
	// and auditing them, with the API's permission for changes (rectifications.go).
	{Method: "GET", Pattern: "/commissions/{id}/rectifications", Access: Commission, Permission: evaluation.PermRead, serve: (*handler).rectifications},
	{Method: "POST", Pattern: "/commissions/{id}/rectifications", Access: Commission, Permission: evaluation.PermRuns, serve: (*handler).raiseRectification},
	{Method: "POST", Pattern: "/commissions/{id}/rectifications/from-run", Access: Commission, Permission: evaluation.PermRuns, serve: (*handler).rectificationsFromRun},
	{Method: "POST", Pattern: "/commissions/{id}/rectifications/{xid}/close", Access: Commission, Permission: evaluation.PermRuns, serve: (*handler).closeRectification},
	{Method: "POST", Pattern: "/commissions/{id}/rectifications/{xid}/audit", Access: Commission, Permission: evaluation.PermRuns, serve: (*handler).auditRectification},
}

// Routes returns the page route table (for the authorization-matrix test and documentation).
func Routes() []Route { return append([]Route(nil), routes...) }

// ownMux matches paths against the page routes for Owns.
var ownMux = func() *http.ServeMux {
	m := http.NewServeMux()
	for _, rt := range routes {
		m.HandleFunc(rt.Method+" "+rt.Pattern, func(http.ResponseWriter, *http.Request) {})
	}
	return m
}()

// ownsRoute reports whether a page route matches path for some method.
func ownsRoute(path string) bool {
	for _, method := range []string{"GET", "POST"} {
		r := &http.Request{Method: method, URL: &url.URL{Path: path}, Host: "x"}
		if _, pattern := ownMux.Handler(r); pattern != "" {
			return true
		}
	}
	return false
}

// guard wraps a route's handler with the rate limit, its access rule and, for a POST, the CSRF
// check. The rate limit counts a signed-in person's requests in a bucket of their own (all their
// sessions together), and everyone else's per client address: the staff of an office behind one
// address (NAT, a proxy) do not share one bucket, while the anonymous — and anyone guessing
// session cookies, which resolve to no one — stay limited per address.
func (h *handler) guard(rt Route) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := ratelimit.ClientKey(h.clientAddress(r))
		if a, ok := actorFrom(r); ok {
			key = "user " + a.UserID
		}
		if wait, ok := h.limits.Allow(key, time.Now()); !ok {
			w.Header().Set("Retry-After", strconv.FormatInt(max(1, int64((wait+time.Second-1)/time.Second)), 10))
			h.render(w, r, http.StatusTooManyRequests, "error", errorPage{Message: string(messages.WebErrorTooMany)})
			return
		}
		if r.Method == http.MethodPost && rt.NoCSRF == "" {
			limit := int64(formLimit)
			if rt.Upload {
				limit = h.cfg.UploadLimit
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
			if rt.Upload {
				if _, ok := actorFrom(r); !ok && rt.Access != Public { // no file is read for the anonymous
					h.toSignin(w, r)
					return
				}
				// Files above 8 MiB wait in temporary files, removed when the page is served.
				err := r.ParseMultipartForm(uploadMemory)
				if r.MultipartForm != nil {
					defer r.MultipartForm.RemoveAll()
				}
				if tooBig := new(http.MaxBytesError); errors.As(err, &tooBig) {
					h.render(w, r, http.StatusRequestEntityTooLarge, "error", errorPage{Message: string(messages.WebUploadTooLarge)})
					return
				}
			}
			if !h.csrfOK(r) {
				h.forbidden(w, r)
				return
			}
		}
		if field, bad := badText(w, r); bad {
			h.render(w, r, http.StatusUnprocessableEntity, "error", errorPage{Message: string(messages.WebErrorBadText), Field: field})
			return
		}
		switch rt.Access {
		case SignedIn, Commission:
			if _, ok := actorFrom(r); !ok {
				h.toSignin(w, r)
				return
			}
		}
		if rt.Access == Commission {
			a, _ := actorFrom(r)
			if err := h.svc.Authorize(r.Context(), a, r.PathValue("id"), rt.Permission); err != nil {
				h.serviceError(w, r, err)
				return
			}
		}
		rt.serve(h, w, r)
	}
}

// serviceError answers a service error with its page: 404 for not found (which includes a
// commission of another tenant), 403 for a missing permission, 500 otherwise.
func (h *handler) serviceError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, engine.ErrNotFound):
		h.notFound(w, r)
	case errors.Is(err, engine.ErrForbidden):
		h.render(w, r, http.StatusForbidden, "error", errorPage{Message: "web.error.no_permission"})
	case errors.Is(err, engine.ErrUnauthenticated):
		h.toSignin(w, r)
	default:
		h.fail(w, r, err)
	}
}

// badText checks the text a page request carries — its path, query and, for a form post, its
// fields — by the one text rule of the API (engine.TextProblem: no NUL, invalid UTF-8 or control
// characters but tab and newline), and names the first offending field. Text is refused at the
// boundary, so nothing behind the pages meets it (a NUL would fail the database write). Multipart
// uploads are left to their handlers, which check file names and contents as imports do.
func badText(w http.ResponseWriter, r *http.Request) (field string, bad bool) {
	if engine.TextProblem(r.URL.Path) != "" {
		return "path", true
	}
	check := func(vals url.Values) (string, bool) {
		for k, vs := range vals {
			if engine.TextProblem(k) != "" {
				return "?", true
			}
			for _, v := range vs {
				if engine.TextProblem(v) != "" {
					return k, true
				}
			}
		}
		return "", false
	}
	if f, bad := check(r.URL.Query()); bad {
		return f, true
	}
	if r.Method == http.MethodPost && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		r.Body = http.MaxBytesReader(w, r.Body, formLimit)
		if err := r.ParseForm(); err != nil {
			return "", false // the handler answers a body it cannot read
		}
		return check(r.PostForm)
	}
	return "", false
}
