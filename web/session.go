package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net"
	"net/http"
	"net/url"
	"strings"

	"evalbench/evaluation"
	"evalbench/messages"
)

// Cookies. The session cookie holds the session secret (the database keeps its SHA-256); the
// pre-session cookie holds the double-submit CSRF token of the forms shown before sign-in.
const (
	sessionCookie = "evb_session"
	preCSRFCookie = "evb_csrf"
	csrfField     = "csrf"
	formLimit     = 64 << 10 // the largest urlencoded form a page accepts
)

// session is what the request's cookies resolved to.
type session struct {
	actor  evaluation.Actor
	secret string
}

type sessionKey struct{}

// actorFrom returns the signed-in actor of a request.
func actorFrom(r *http.Request) (evaluation.Actor, bool) {
	s, ok := r.Context().Value(sessionKey{}).(*session)
	if !ok {
		return evaluation.Actor{}, false
	}
	return s.actor, true
}

// withSession resolves the session cookie to its actor for the handlers below (through
// Service.SessionActor, which also records the use). A cookie whose session has ended is
// cleared. Static assets skip it.
func (h *handler) withSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") || h.svc == nil {
			next.ServeHTTP(w, r)
			return
		}
		if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			a, err := h.svc.SessionActor(r.Context(), c.Value)
			if err != nil {
				h.clearSession(w, r)
			} else {
				a.RequestID = "web"
				r = r.WithContext(context.WithValue(r.Context(), sessionKey{}, &session{actor: a, secret: c.Value}))
			}
		}
		next.ServeHTTP(w, r)
	})
}

// secure reports whether cookies must be Secure: the request came over TLS, or the configured
// public URL is https (TLS ends at a proxy in front).
func (h *handler) secure(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(h.cfg.PublicURL, "https://")
}

func (h *handler) setSession(w http.ResponseWriter, r *http.Request, secret string) {
	// A browser-session cookie (no Max-Age): it ends with the browser, and the server ends it
	// earlier at the idle or absolute expiry.
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: secret, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: h.secure(r)})
}

func (h *handler) clearSession(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: h.secure(r)})
}

// csrfToken returns the token the request's forms carry: the session's synchronizer token when
// signed in, else the pre-session double-submit token, which it sets in a cookie when the
// browser has none yet.
func (h *handler) csrfToken(w http.ResponseWriter, r *http.Request) string {
	if s, ok := r.Context().Value(sessionKey{}).(*session); ok {
		return evaluation.CSRFToken(s.secret)
	}
	if c, err := r.Cookie(preCSRFCookie); err == nil && len(c.Value) == 43 {
		return c.Value
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("web: " + err.Error()) // crypto/rand does not fail on supported systems
	}
	tok := base64.RawURLEncoding.EncodeToString(b[:])
	http.SetCookie(w, &http.Cookie{Name: preCSRFCookie, Value: tok, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: h.secure(r)})
	// Later calls in this request (the layout's sign-out form) see the same token.
	r.AddCookie(&http.Cookie{Name: preCSRFCookie, Value: tok})
	return tok
}

// csrfOK checks a POST: its Origin (or, without one, its Referer) is this site, and its csrf
// field equals the token of the request's session, or without a session the pre-session
// cookie's, compared in constant time.
func (h *handler) csrfOK(r *http.Request) bool {
	if !h.sameOrigin(r) {
		return false
	}
	var want string
	if s, ok := r.Context().Value(sessionKey{}).(*session); ok {
		want = evaluation.CSRFToken(s.secret)
	} else if c, err := r.Cookie(preCSRFCookie); err == nil && len(c.Value) == 43 {
		want = c.Value // only a token of the form the server makes
	}
	got := r.PostFormValue(csrfField)
	return want != "" && len(got) == len(want) && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// sameOrigin accepts a request whose Origin header, or lacking one its Referer, names this site
// (the request's host, or the configured public URL). A request with neither relies on the
// token alone.
func (h *handler) sameOrigin(r *http.Request) bool {
	src := r.Header.Get("Origin")
	if src == "" {
		src = r.Header.Get("Referer")
	}
	if src == "" {
		return true
	}
	if src == "null" {
		return false
	}
	u, err := url.Parse(src)
	if err != nil || u.Host == "" {
		return false
	}
	scheme := "http"
	if h.secure(r) {
		scheme = "https"
	}
	if u.Scheme == scheme && strings.EqualFold(u.Host, r.Host) {
		return true
	}
	if h.cfg.PublicURL != "" {
		if p, err := url.Parse(h.cfg.PublicURL); err == nil && u.Scheme == p.Scheme && strings.EqualFold(u.Host, p.Host) {
			return true
		}
	}
	return false
}

// forbidden answers a refused form (CSRF) with 403 and what to do.
func (h *handler) forbidden(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusForbidden, "error", errorPage{Message: string(messages.WebErrorForbidden)})
}

// toSignin sends an anonymous reader of a signed-in page to the sign-in form, to come back.
func (h *handler) toSignin(w http.ResponseWriter, r *http.Request) {
	language(w, r) // remember a ?lang= of the page asked for
	q := url.Values{"next": {r.URL.Path}}
	http.Redirect(w, r, "/signin?"+q.Encode(), http.StatusSeeOther)
}

// localPath returns next when it is a path on this site (not //host or a URL), else the
// commissions page.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return "/commissions"
	}
	return next
}

// clientAddress is the address the per-address sign-in throttle counts: the peer's IP, or with
// TrustProxy and a loopback or private peer, the nearest address in X-Forwarded-For that is not
// loopback or private (as echo.ExtractIPFromXFFHeader does for the API).
func (h *handler) clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	trusted := func(s string) bool {
		ip := net.ParseIP(strings.TrimSpace(s))
		return ip != nil && (ip.IsLoopback() || ip.IsPrivate())
	}
	if !h.cfg.TrustProxy || !trusted(host) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		if net.ParseIP(hop) == nil {
			break
		}
		if !trusted(hop) || i == 0 {
			return hop
		}
	}
	return host
}
