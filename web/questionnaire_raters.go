package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// The rater form of a survey's rater link: /r/{link}, one evaluated unit rated as one rater
// group (both bound to the link), every item on the survey's scale with "不了解 / cannot judge",
// and an optional comment. The form is protected like the expert questionnaire (a token from the
// link's secret and an Origin check), and a bad link is the site's 404.

// An open link (public satisfaction) takes one answer per device: after an answer the page sets
// a cookie holding a random device id signed with the link's secret, and the form then shows
// the thanks. Answers through open links are also limited per client address.
const (
	openAnswers = 30               // answers per address and window
	openWindow  = 10 * time.Minute // the window
)

// deviceCookie names the cookie that marks an open link answered on this device (a hash of the
// secret, so the cookie does not carry the link).
func deviceCookie(secret string) string {
	sum := sha256.Sum256([]byte("device " + secret))
	return "answered_" + hex.EncodeToString(sum[:6])
}

func deviceSignature(secret, id string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("evalbench device " + id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// answeredHere reports whether the request carries this link's signed device cookie.
func answeredHere(r *http.Request, secret string) bool {
	c, err := r.Cookie(deviceCookie(secret))
	if err != nil {
		return false
	}
	id, sig, ok := strings.Cut(c.Value, ".")
	return ok && hmac.Equal([]byte(sig), []byte(deviceSignature(secret, id)))
}

// newDevice returns a random device id.
func newDevice() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// addressLimit allows n events per client address in each fixed window.
type addressLimit struct {
	mu     sync.Mutex
	n      int
	window time.Duration
	start  time.Time
	counts map[string]int
}

func newAddressLimit(n int, window time.Duration) *addressLimit {
	return &addressLimit{n: n, window: window, counts: map[string]int{}}
}

// allow counts an event of the request's address and reports whether it is within the limit.
func (l *addressLimit) allow(r *http.Request, now time.Time) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.start) >= l.window {
		l.start, l.counts = now, map[string]int{}
	}
	l.counts[host]++
	return l.counts[host] <= l.n
}

// rPage is the data of rater.html.
type rPage struct {
	Action, CSRF, Intro string
	Submitted           string
	Problem             string
	Items               []rItem
	Comment             string
	CommentLimit        int
}

// rItem is one survey item with its choices.
type rItem struct {
	ID, Name, Text string
	Options        []rOption
	Number         bool // a numeric scale too fine for radios: a number field
	Min, Max       string
}

// rOption is one choice of an item.
type rOption struct {
	ID, Value, Label string
	Checked          bool
}

// scaleSteps returns the radio choices of a scale: its categories, or each whole number of a
// range of at most 11 of them; nil when the scale needs a number field.
func scaleSteps(p *messages.Printer, sc engine.Scale) []rOption {
	if len(sc.Categories) > 0 {
		var out []rOption
		for _, c := range sc.Categories {
			out = append(out, rOption{Value: strconv.FormatFloat(c.Score, 'f', -1, 64), Label: c.Label})
		}
		return out
	}
	if sc.Min != math.Trunc(sc.Min) || sc.Max != math.Trunc(sc.Max) || sc.Max-sc.Min > 10 {
		return nil
	}
	var out []rOption
	for x := sc.Max; x >= sc.Min; x-- {
		v := strconv.FormatFloat(x, 'f', -1, 64)
		out = append(out, rOption{Value: v, Label: p.Sprintf(messages.WebRScore, "score", v)})
	}
	return out
}

func raterPage(lang messages.Language, secret string, f *evaluation.RaterForm, answers map[string]string, comment string) rPage {
	p := messages.For(lang)
	group := f.Group.Name
	if group == "" {
		group = f.Group.Code
	}
	pg := rPage{Action: evaluation.RaterLinkPath(secret), CSRF: csrfToken(secret), Comment: comment, CommentLimit: engine.MaxResponseComment,
		Intro: p.Sprintf(messages.WebRIntro, "group", group, "unit", f.Unit.Name, "survey", f.SurveyTitle, "commission", f.Commission,
			"deadline", f.Deadline.UTC().Format("2006-01-02 15:04 UTC"))}
	if f.SubmittedAt != nil {
		pg.Submitted = p.Sprintf(messages.WebRThanks, "at", f.SubmittedAt.UTC().Format("2006-01-02 15:04 UTC"))
	}
	pg.Items = raterItems(p, f.Scale, f.Items, answers)
	return pg
}

// raterItems are a survey's items as a form shows them: radios of the scale's steps with "cannot
// judge", or a number field for a fine scale; answers are the values to show chosen.
func raterItems(p *messages.Printer, sc engine.Scale, items []engine.SurveyItem, answers map[string]string) []rItem {
	var out []rItem
	steps := scaleSteps(p, sc)
	for k, it := range items {
		ri := rItem{ID: fmt.Sprintf("item-%d", k), Name: "i|" + it.Code, Text: it.Text}
		if steps == nil {
			ri.Number = true
			ri.Min, ri.Max = strconv.FormatFloat(sc.Min, 'f', -1, 64), strconv.FormatFloat(sc.Max, 'f', -1, 64)
			ri.Options = []rOption{{ID: ri.ID + "-n", Value: answers[it.Code], Label: p.Sprintf(messages.WebRNumberHint, "min", ri.Min, "max", ri.Max)}}
		} else {
			for n, s := range steps {
				s.ID, s.Checked = fmt.Sprintf("%s-%d", ri.ID, n), answers[it.Code] == s.Value
				ri.Options = append(ri.Options, s)
			}
			ri.Options = append(ri.Options, rOption{ID: ri.ID + "-x", Value: "", Label: p.Sprintf(messages.WebRCannotJudge), Checked: answers[it.Code] == ""})
		}
		out = append(out, ri)
	}
	return out
}

// raterForm serves GET /r/{link}.
func (h *handler) raterForm(w http.ResponseWriter, r *http.Request) {
	secret, f, ok := openLink(h, w, r, h.svc.OpenRaterForm)
	if !ok {
		return
	}
	pg := raterPage(language(w, r), secret, f, nil, "")
	if f.Open && answeredHere(r, secret) {
		pg.Submitted = messages.For(language(w, r)).Sprintf(messages.WebRAnsweredHere)
	}
	h.render(noStore{w}, r, http.StatusOK, "rater", pg)
}

// rate serves POST /r/{link}: the rater's answers, stored as a response import of the survey.
func (h *handler) rate(w http.ResponseWriter, r *http.Request) {
	secret, f, ok := openLink(h, w, r, h.svc.OpenRaterForm)
	if !ok || !f.Open && !h.linkAllowed(w, r, secret) {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, qFormLimit)
	lang := language(w, r)
	p := messages.For(lang)
	again := func(status int, problem string, answers map[string]string, comment string) {
		pg := raterPage(lang, secret, f, answers, comment)
		pg.Problem = problem
		h.render(noStore{w}, r, status, "rater", pg)
	}
	if err := r.ParseForm(); err != nil {
		again(http.StatusBadRequest, p.Sprintf(messages.WebRInvalid), nil, "")
		return
	}
	if !sameOrigin(r) || !hmac.Equal([]byte(r.PostForm.Get("csrf")), []byte(csrfToken(secret))) {
		again(http.StatusForbidden, p.Sprintf(messages.WebQCSRF), nil, "")
		return
	}
	device := ""
	if f.Open {
		if answeredHere(r, secret) {
			pg := raterPage(lang, secret, f, nil, "")
			pg.Submitted = p.Sprintf(messages.WebRAnsweredHere)
			h.render(noStore{w}, r, http.StatusOK, "rater", pg)
			return
		}
		if !h.opens.allow(r, time.Now()) {
			w.Header().Set("Retry-After", strconv.Itoa(int(openWindow.Seconds())))
			again(http.StatusTooManyRequests, p.Sprintf(messages.WebRTooMany), nil, "")
			return
		}
		var err error
		if device, err = newDevice(); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	raw := map[string]string{}
	in := evaluation.RaterAnswers{Scores: map[string]float64{}, Comment: r.PostForm.Get("comment"), Respondent: device}
	valid := true
	for _, it := range f.Items {
		v := strings.TrimSpace(r.PostForm.Get("i|" + it.Code))
		raw[it.Code] = v
		if v == "" {
			continue
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			valid = false
			continue
		}
		in.Scores[it.Code] = x
	}
	if !valid {
		again(http.StatusUnprocessableEntity, p.Sprintf(messages.WebRInvalid), raw, in.Comment)
		return
	}
	f2, err := h.svc.SubmitRaterForm(r.Context(), secret, in)
	switch {
	case errors.Is(err, engine.ErrInvalid):
		again(http.StatusUnprocessableEntity, p.Sprintf(messages.WebRInvalid), raw, in.Comment)
		return
	case err != nil:
		h.linkFailed(w, r, err)
		return
	}
	if f.Open {
		http.SetCookie(w, &http.Cookie{Name: deviceCookie(secret), Value: device + "." + deviceSignature(secret, device), Path: "/r/",
			Expires: f.Deadline, HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	}
	h.render(noStore{w}, r, http.StatusOK, "rater", raterPage(lang, secret, f2, raw, ""))
}
