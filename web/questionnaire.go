package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// The expert questionnaire of a judgment round: /q/{link}, reached by the expert's personal
// link alone (no account). Every form carries a CSRF token derived from the link's secret, and a
// cross-origin POST is refused; an altered, expired, revoked or unknown link answers the same 404
// page as any unknown address. Without JavaScript each form POST saves a draft and renders the
// page again; with htmx a change posts the form and swaps in the matrices with their CR, as
// the server's statistics compute it.

// qFormLimit bounds a questionnaire form's body.
const qFormLimit = 256 << 10

// csrfToken is the form token of a link: HMAC-SHA256 keyed by the link's secret, so that only a
// page opened with the link can post to it.
func csrfToken(secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("evalbench questionnaire form"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// sameOrigin reports whether a POST comes from this site: its Origin (when the browser sends
// one) is this host, and Sec-Fetch-Site (when sent) is same-origin.
func sameOrigin(r *http.Request) bool {
	if o := r.Header.Get("Origin"); o != "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		if o != scheme+"://"+r.Host {
			return false
		}
	}
	if s := r.Header.Get("Sec-Fetch-Site"); s != "" && s != "same-origin" {
		return false
	}
	return true
}

// qPage is the data of questionnaire.html.
type qPage struct {
	Action, CSRF string
	Intro        string
	Submitted    string // the submission's text, once submitted
	Notice       string // a message id: what the last POST did
	Problem      string // rendered text of a problem with the last POST
	Nodes        []qNode
}

// qNode is one matrix as the page shows it.
type qNode struct {
	ID, Title, Progress string
	CR                  string // the CR line, when the matrix is complete
	Consistent          bool
	Advice              string // the suggestion, when CR exceeds the threshold
	Take, Keep          string // the values of the take and keep buttons
	Kept                bool
	Rows                []qRow
}

// qRow is one pair: a select of the 17 steps of the signed scale (one line at 375 px; a native
// control, so it works without JavaScript and the phone's own picker shows the long labels).
type qRow struct {
	ID, Name, SeenName, Legend string
	Seen                       int
	Options                    []qOption
}

// qOption is one step of the scale, labelled in the page's language with the other alongside.
type qOption struct {
	ID, Value      string
	Label, Other   string
	OtherLang      string
	Checked, Equal bool
}

// scaleLabel names a signed scale value: "X more important (level)" or "equally important".
func scaleLabel(p *messages.Printer, v int, left, right string) string {
	if v == 1 {
		return p.Sprintf(messages.WebQScale1)
	}
	item, lv := left, v
	if v < 0 {
		item, lv = right, -v
	}
	return p.Sprintf(messages.WebQPrefers, "item", item, "level", p.Sprintf(messages.ID("web.q.scale."+strconv.Itoa(lv))))
}

func itemName(lang messages.Language, it evaluation.QuestionItem) string {
	if it.Code == engine.RootNode {
		return messages.For(lang).Sprintf(messages.WebQRoot)
	}
	if lang == messages.English && it.NameEN != "" {
		return it.NameEN
	}
	return it.Name
}

// questionnairePage builds the page's data in lang.
func questionnairePage(lang messages.Language, secret string, q *evaluation.Questionnaire) qPage {
	p := messages.For(lang)
	other := messages.English
	if lang == messages.English {
		other = messages.Chinese
	}
	po := messages.For(other)
	pg := qPage{Action: evaluation.QuestionnairePath(secret), CSRF: csrfToken(secret),
		Intro: p.Sprintf(messages.WebQIntro, "expert", q.ExpertName, "commission", q.Commission, "round", q.RoundNumber,
			"deadline", q.Deadline.UTC().Format("2006-01-02 15:04 UTC"))}
	if q.SubmittedAt != nil {
		pg.Submitted = p.Sprintf(messages.WebQSubmitted, "at", q.SubmittedAt.UTC().Format("2006-01-02 15:04 UTC"))
	}
	for k, n := range q.Nodes {
		qn := qNode{ID: fmt.Sprintf("node-%d", k), Title: p.Sprintf(messages.WebQLevel, "node", itemName(lang, n.QuestionItem)),
			Progress: p.Sprintf(messages.WebQProgress, "answered", n.Answered, "pairs", len(n.Pairs))}
		names := map[string]string{}
		for _, pr := range n.Pairs {
			left, right := itemName(lang, pr.Left), itemName(lang, pr.Right)
			lo, ro := itemName(other, pr.Left), itemName(other, pr.Right)
			names[pr.Left.Code], names[pr.Right.Code] = left, right
			key := fmt.Sprintf("%s|%d|%d", n.Code, pr.I, pr.J)
			row := qRow{ID: fmt.Sprintf("%s-%d-%d", qn.ID, pr.I, pr.J), Name: "a|" + key, SeenName: "s|" + key, Seen: pr.Value,
				Legend: p.Sprintf(messages.WebQPair, "left", left, "right", right)}
			for v := 9; v >= -9; v-- {
				if v == 0 || v == -1 {
					continue
				}
				row.Options = append(row.Options, qOption{ID: fmt.Sprintf("%s-v%d", row.ID, v+9), Value: strconv.Itoa(v),
					Label: scaleLabel(p, v, left, right), Other: scaleLabel(po, v, lo, ro), OtherLang: string(other),
					Checked: pr.Value == v, Equal: v == 1})
			}
			if pr.Choice == evaluation.ChoiceKept {
				qn.Kept = true
			}
			qn.Rows = append(qn.Rows, row)
		}
		if n.CR != nil {
			qn.CR = p.Sprintf(messages.WebQCR, "cr", fmt.Sprintf("%.3f", *n.CR), "threshold", fmt.Sprintf("%.2f", q.Threshold))
			qn.Consistent = n.Consistent
		}
		if s := n.Suggestion; s != nil {
			left, right := names[s.Left], names[s.Right]
			qn.Advice = p.Sprintf(messages.WebQCRHigh, "left", left, "right", right, "current", scaleLabel(p, s.Current, left, right),
				"suggested", scaleLabel(p, s.Suggested, left, right), "cr", fmt.Sprintf("%.3f", s.CR))
			qn.Take = fmt.Sprintf("%s|%d|%d|%d|%d", n.Code, s.I, s.J, s.Suggested, s.Current)
			qn.Keep = fmt.Sprintf("%s|%d|%d|%d", n.Code, s.I, s.J, s.Current)
		}
		pg.Nodes = append(pg.Nodes, qn)
	}
	return pg
}

// questionnaire serves GET /q/{link}.
func (h *handler) questionnaire(w http.ResponseWriter, r *http.Request) {
	secret, q, ok := openLink(h, w, r, h.svc.OpenQuestionnaire)
	if !ok {
		return
	}
	h.renderQuestionnaire(w, r, http.StatusOK, secret, q, "", "")
}

func (h *handler) renderQuestionnaire(w http.ResponseWriter, r *http.Request, status int, secret string, q *evaluation.Questionnaire, notice messages.ID, problem string) {
	pg := questionnairePage(language(w, r), secret, q)
	pg.Notice, pg.Problem = string(notice), problem
	if r.Header.Get("HX-Request") == "true" && status >= 400 {
		// htmx swaps only successful answers: the problem is shown in the swapped part instead.
		status = http.StatusOK
	}
	h.render(noStore{w}, r, status, "questionnaire", pg)
}

// noStore makes a response uncacheable, whatever the renderer set: a questionnaire page holds
// its link's form token and the expert's answers.
type noStore struct{ http.ResponseWriter }

func (w noStore) WriteHeader(code int) {
	w.Header().Set("Cache-Control", "no-store")
	w.ResponseWriter.WriteHeader(code)
}

// openLink reads what the path's link ({link}) opens, through open; ok false once a failure has
// been answered (linkFailed).
func openLink[T any](h *handler, w http.ResponseWriter, r *http.Request, open func(context.Context, string) (T, error)) (string, T, bool) {
	secret := r.PathValue("link")
	v, err := open(r.Context(), secret)
	if err != nil {
		h.linkFailed(w, r, err)
		return secret, v, false
	}
	return secret, v, true
}

// linkFailed answers a failed service call of a link page: a bad link is the site's 404 page.
func (h *handler) linkFailed(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, engine.ErrNotFound) {
		h.notFound(w, r)
		return
	}
	h.fail(w, r, err)
}

// linkAllowed takes an answer of a personal link from its bucket (Config.LinkRateLimit), keyed by
// the link's hash so that the limiter holds no secret; above it the page answers 429 with
// Retry-After and the ordinary "too many requests" page.
func (h *handler) linkAllowed(w http.ResponseWriter, r *http.Request, secret string) bool {
	sum := sha256.Sum256([]byte(secret))
	wait, ok := h.links.Allow("link:"+base64.RawURLEncoding.EncodeToString(sum[:]), time.Now())
	if !ok {
		w.Header().Set("Retry-After", strconv.FormatInt(max(1, int64((wait+time.Second-1)/time.Second)), 10))
		h.render(noStore{w}, r, http.StatusTooManyRequests, "error", errorPage{Message: string(messages.WebErrorTooMany)})
	}
	return ok
}

// answer serves POST /q/{link}: it saves the changed answers (and a taken or kept suggestion)
// as a draft, and submits when the submit button was pressed.
func (h *handler) answer(w http.ResponseWriter, r *http.Request) {
	secret, q, ok := openLink(h, w, r, h.svc.OpenQuestionnaire)
	if !ok || !h.linkAllowed(w, r, secret) {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, qFormLimit)
	lang := language(w, r)
	p := messages.For(lang)
	if err := r.ParseForm(); err != nil {
		h.renderQuestionnaire(w, r, http.StatusBadRequest, secret, q, "", p.Sprintf(messages.WebQInvalid))
		return
	}
	if !sameOrigin(r) || !hmac.Equal([]byte(r.PostForm.Get("csrf")), []byte(csrfToken(secret))) {
		h.renderQuestionnaire(w, r, http.StatusForbidden, secret, q, "", p.Sprintf(messages.WebQCSRF))
		return
	}
	in, ok := formAnswers(r)
	if !ok {
		h.renderQuestionnaire(w, r, http.StatusUnprocessableEntity, secret, q, "", p.Sprintf(messages.WebQInvalid))
		return
	}
	q2, err := h.svc.SaveAnswers(r.Context(), secret, in)
	switch {
	case errors.Is(err, engine.ErrConflict):
		h.renderQuestionnaire(w, r, http.StatusConflict, secret, q, "", p.Sprintf(messages.WebQLocked))
		return
	case errors.Is(err, engine.ErrInvalid):
		h.renderQuestionnaire(w, r, http.StatusUnprocessableEntity, secret, q, "", p.Sprintf(messages.WebQInvalid))
		return
	case err != nil:
		h.linkFailed(w, r, err)
		return
	}
	notice := messages.WebQSaved
	if r.PostForm.Has("submit") {
		q2, err = h.svc.SubmitQuestionnaire(r.Context(), secret)
		if err != nil {
			h.linkFailed(w, r, err)
			return
		}
		if len(q2.Missing) > 0 {
			h.renderQuestionnaire(w, r, http.StatusUnprocessableEntity, secret, q2, "", p.Sprintf(messages.WebQMissing, "count", len(q2.Missing)))
			return
		}
		notice = ""
	}
	h.renderQuestionnaire(w, r, http.StatusOK, secret, q2, notice, "")
}

// formAnswers reads the answers of a questionnaire form: a|NODE|I|J (the chosen value) with
// s|NODE|I|J (the value the form showed), and the take or keep button of a suggestion.
func formAnswers(r *http.Request) ([]evaluation.AnswerInput, bool) {
	var out []evaluation.AnswerInput
	for name, vs := range r.PostForm {
		parts := strings.Split(name, "|")
		if len(parts) != 4 || parts[0] != "a" || len(vs) != 1 || vs[0] == "" {
			continue // not an answer, or a pair left unanswered ("choose")
		}
		i, e1 := strconv.Atoi(parts[2])
		j, e2 := strconv.Atoi(parts[3])
		v, e3 := strconv.Atoi(vs[0])
		seen, e4 := strconv.Atoi(r.PostForm.Get("s|" + parts[1] + "|" + parts[2] + "|" + parts[3]))
		if e4 != nil {
			seen = 0
		}
		if e1 != nil || e2 != nil || e3 != nil {
			return nil, false
		}
		out = append(out, evaluation.AnswerInput{Node: parts[1], I: i, J: j, Value: v, Seen: seen})
	}
	for _, b := range []struct {
		name, choice string
		n            int
	}{{"take", evaluation.ChoiceSuggestion, 5}, {"keep", evaluation.ChoiceKept, 4}} {
		val := r.PostForm.Get(b.name)
		if val == "" {
			continue
		}
		parts := strings.Split(val, "|")
		if len(parts) != b.n {
			return nil, false
		}
		nums := make([]int, b.n-1)
		for k := range nums {
			x, err := strconv.Atoi(parts[k+1])
			if err != nil {
				return nil, false
			}
			nums[k] = x
		}
		a := evaluation.AnswerInput{Node: parts[0], I: nums[0], J: nums[1], Value: nums[2], Seen: nums[2], Choice: b.choice}
		// The button's pair replaces what the radios sent for it.
		out = slicesDeletePair(out, a)
		out = append(out, a)
	}
	return out, true
}

func slicesDeletePair(in []evaluation.AnswerInput, a evaluation.AnswerInput) []evaluation.AnswerInput {
	out := in[:0]
	for _, x := range in {
		if x.Node != a.Node || x.I != a.I || x.J != a.J {
			out = append(out, x)
		}
	}
	return out
}
