package web

import (
	"errors"
	"net/http"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// signinPage is the data of /signin.
type signinPage struct {
	Next    string // where to go after signing in
	Login   string // the name typed, kept after a failure
	Problem string // a message id
	Notice  string // a message id: signed out, password set, please sign in
}

// signinForm serves the sign-in form.
func (h *handler) signinForm(w http.ResponseWriter, r *http.Request) {
	p := signinPage{Next: r.URL.Query().Get("next")}
	switch {
	case r.URL.Query().Get("done") == "password":
		p.Notice = string(messages.WebSigninPasswordSet)
	case r.URL.Query().Get("done") == "signout":
		p.Notice = string(messages.WebSigninSignedOut)
	case p.Next != "":
		p.Notice = string(messages.WebSigninNeeded)
	}
	if p.Next != "" {
		p.Next = localPath(p.Next)
	}
	h.render(w, r, http.StatusOK, "signin", p)
}

// signin checks the name and password (Service.SignIn: throttled per address, locked per
// account, one answer for every failure), sets the session cookie and goes on to next.
func (h *handler) signin(w http.ResponseWriter, r *http.Request) {
	login, next := r.PostFormValue("user"), r.PostFormValue("next")
	x, err := h.svc.SignIn(r.Context(), evaluation.SigninInput{Login: login, Password: r.PostFormValue("password"),
		Address: h.clientAddress(r), UserAgent: r.UserAgent(), RequestID: "web"})
	switch {
	case errors.Is(err, evaluation.ErrSigninThrottled):
		h.render(w, r, http.StatusTooManyRequests, "signin", signinPage{Next: next, Login: login, Problem: string(messages.WebSigninThrottled)})
		return
	case errors.Is(err, engine.ErrUnauthenticated):
		h.render(w, r, http.StatusUnauthorized, "signin", signinPage{Next: next, Login: login, Problem: string(messages.WebSigninFailed)})
		return
	case err != nil:
		h.fail(w, r, err)
		return
	}
	// A session the browser held before ends: one browser, one session (and no fixation).
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := h.svc.SignOut(r.Context(), c.Value); err != nil {
			h.log.Warn("ending the previous session at sign-in", "err", err)
		}
	}
	h.setSession(w, r, x.Secret)
	http.Redirect(w, r, localPath(next), http.StatusSeeOther)
}

// signinLink opens a one-time sign-in link (Service.SignInWithLink: the link is spent, a
// session opened) and lands on the commissions: the link `make run` prints opens the workbench
// in one click. It is a GET with an effect, as a link opened from a terminal must be; the link
// is a 256-bit capability that works once, only an admin issues one, and a set-password link
// (which a mail scanner may fetch) does not sign in. A used, expired or unknown link answers 404.
func (h *handler) signinLink(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	x, err := h.svc.SignInWithLink(r.Context(), evaluation.SigninLinkInput{Secret: r.PathValue("token"),
		Address: h.clientAddress(r), UserAgent: r.UserAgent(), RequestID: "web"})
	switch {
	case errors.Is(err, evaluation.ErrSigninThrottled):
		h.render(w, r, http.StatusTooManyRequests, "error", errorPage{Message: string(messages.WebSigninThrottled)})
		return
	case errors.Is(err, engine.ErrUnauthenticated):
		h.render(w, r, http.StatusNotFound, "error", errorPage{Message: string(messages.WebSigninLinkGone)})
		return
	case err != nil:
		h.fail(w, r, err)
		return
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := h.svc.SignOut(r.Context(), c.Value); err != nil {
			h.log.Warn("ending the previous session at sign-in", "err", err)
		}
	}
	h.setSession(w, r, x.Secret)
	http.Redirect(w, r, "/commissions", http.StatusSeeOther)
}

// signout ends the session (its CSRF token was checked by guard) and clears the cookie.
func (h *handler) signout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := h.svc.SignOut(r.Context(), c.Value); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.clearSession(w, r)
	http.Redirect(w, r, "/signin?done=signout", http.StatusSeeOther)
}

// setPasswordPage is the data of /set-password/{token}.
type setPasswordPage struct {
	Name    string // the user's name
	Problem string // a message id
}

// setPasswordForm serves the form of a one-time set-password link; a used, expired or unknown
// link answers 404 with what to do.
func (h *handler) setPasswordForm(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	u, err := h.svc.PasswordLinkUser(r.Context(), r.PathValue("token"))
	if errors.Is(err, engine.ErrNotFound) {
		h.render(w, r, http.StatusNotFound, "error", errorPage{Message: string(messages.WebSetpwGone)})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "setpassword", setPasswordPage{Name: u.Name})
}

// setPassword sets the password through the link and sends the user to sign in.
func (h *handler) setPassword(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	token := r.PathValue("token")
	u, err := h.svc.PasswordLinkUser(r.Context(), token)
	if errors.Is(err, engine.ErrNotFound) {
		h.render(w, r, http.StatusNotFound, "error", errorPage{Message: string(messages.WebSetpwGone)})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pw := r.PostFormValue("password")
	if pw != r.PostFormValue("confirm") {
		h.render(w, r, http.StatusBadRequest, "setpassword", setPasswordPage{Name: u.Name, Problem: string(messages.WebSetpwMismatch)})
		return
	}
	err = h.svc.UsePasswordLink(r.Context(), token, pw)
	switch {
	case errors.Is(err, engine.ErrInvalid):
		h.render(w, r, http.StatusBadRequest, "setpassword", setPasswordPage{Name: u.Name, Problem: string(messages.WebSetpwInvalid)})
		return
	case errors.Is(err, engine.ErrNotFound):
		h.render(w, r, http.StatusNotFound, "error", errorPage{Message: string(messages.WebSetpwGone)})
		return
	case err != nil:
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/signin?done=password", http.StatusSeeOther)
}
