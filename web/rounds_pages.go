package web

import (
	"bytes"
	"encoding/csv"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// The owner's pages of judgment rounds: a weight set's rounds with the form opening one, a
// round's progress (who submitted, each expert's answered pairs and each complete matrix's CR),
// reissuing and revoking a link, the reminders CSV of the unanswered experts, and closing. They
// call the service as the API's round routes do (api/handlers_rounds.go).

// roundsPage is the data of /commissions/{id}/weight-sets/{wid}/rounds.
type roundsPage struct {
	*evaluation.Commission
	Set      *engine.WeightSet
	Rounds   []evaluation.Round
	CanOpen  bool
	Experts  string // the open form's experts as typed: name, organisation[, weight] per line
	Deadline string
	Problems problems
	Links    []shownLink // links just issued, shown once
}

// shownLink is an expert's link shown once.
type shownLink struct {
	Name, Organisation, URL string
	ExpiresAt               time.Time
}

func (h *handler) weightSetOf(w http.ResponseWriter, r *http.Request, cr commissionReq) (*engine.WeightSet, bool) {
	d, err := h.svc.GetWeightSet(cr.ctx, cr.a, cr.id, r.PathValue("wid"))
	if h.failed(w, r, err) {
		return nil, false
	}
	return d.WeightSet, true
}

// rounds lists a weight set's judgment rounds with the form opening one (Service.ListRounds).
func (h *handler) rounds(w http.ResponseWriter, r *http.Request) {
	h.renderRounds(w, r, http.StatusOK, roundsPage{Deadline: time.Now().UTC().AddDate(0, 0, 14).Format("2006-01-02")})
}

func (h *handler) renderRounds(w http.ResponseWriter, r *http.Request, status int, p roundsPage) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ws, ok := h.weightSetOf(w, r, cr)
	if !ok {
		return
	}
	rs, err := h.svc.ListRounds(cr.ctx, cr.a, cr.id, ws.ID)
	if h.failed(w, r, err) {
		return
	}
	p.Commission, p.Set, p.Rounds = cr.c, ws, rs
	p.CanOpen = ws.Method == engine.WeightAHP && h.may(cr.ctx, cr.a, cr.id, evaluation.PermWeights)
	h.render(noStore{w}, r, status, "rounds", p)
}

// parseExperts reads the experts typed one per line as "name, organisation, weight, key" (a
// comma, a Chinese comma or a tab between the parts; everything after the name optional, empty
// parts allowed: "王教授,,2"). A weight that is not a number, or a fifth part, is a problem of the
// experts field; the service checks the rest (names, weights, keys).
func parseExperts(text string) ([]evaluation.RoundExpertInput, bool) {
	var out []evaluation.RoundExpertInput
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		parts := strings.Split(strings.NewReplacer("，", ",", "\t", ",").Replace(line), ",")
		if len(parts) > 4 {
			return nil, false
		}
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		parts = append(parts, "", "", "")
		e := evaluation.RoundExpertInput{Name: parts[0], Organisation: parts[1], Key: parts[3]}
		if parts[2] != "" {
			x, err := strconv.ParseFloat(parts[2], 64)
			if err != nil {
				return nil, false
			}
			e.Weight = &x
		}
		out = append(out, e)
	}
	return out, true
}

// openRound opens a judgment round (Service.OpenRound) and shows each expert's link once.
func (h *handler) openRound(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	p := roundsPage{Experts: r.PostFormValue("experts"), Deadline: r.PostFormValue("deadline")}
	experts, ok := parseExperts(p.Experts)
	if !ok {
		p.Problems = problems{"experts": {messages.For(language(w, r)).Sprintf(messages.WebRoundsExpertsHint)}}
		h.renderRounds(w, r, http.StatusBadRequest, p)
		return
	}
	opened, err := h.svc.OpenRound(r.Context(), a, r.PathValue("id"), r.PathValue("wid"), evaluation.RoundInput{Experts: experts, Deadline: endOfDay(p.Deadline)})
	if err != nil {
		ps, ok := h.formProblems(w, r, err)
		if !ok {
			return
		}
		p.Problems = ps
		h.renderRounds(w, r, http.StatusBadRequest, p)
		return
	}
	shown := roundsPage{Deadline: p.Deadline}
	for _, l := range opened.Links {
		shown.Links = append(shown.Links, shownLink{Name: l.Name, Organisation: l.Organisation, URL: h.origin(r) + l.Path, ExpiresAt: l.ExpiresAt})
	}
	h.renderRounds(w, r, http.StatusOK, shown)
}

// roundPage is the data of a round's progress page.
type roundPage struct {
	*evaluation.Commission
	Set       *engine.WeightSet
	Progress  *evaluation.RoundProgress
	Threshold float64
	CanManage bool
	Links     []shownLink // a link just reissued, shown once
	Problem   string      // a message id: why the last action was refused
}

// roundFailed answers a refused round action (a closed round, nothing submitted to close) on the
// round's page with the reason, and any other error with its page; false when err is nil.
func (h *handler) roundFailed(w http.ResponseWriter, r *http.Request, err error) bool {
	if errors.Is(err, engine.ErrConflict) || errors.As(err, new(*engine.ValidationError)) {
		h.renderRound(w, r, http.StatusConflict, roundPage{Problem: string(messages.WebRoundRefused)})
		return true
	}
	return h.failed(w, r, err)
}

// round shows a round's progress (Service.GetRoundProgress).
func (h *handler) round(w http.ResponseWriter, r *http.Request) {
	h.renderRound(w, r, http.StatusOK, roundPage{})
}

func (h *handler) renderRound(w http.ResponseWriter, r *http.Request, status int, p roundPage) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ws, ok := h.weightSetOf(w, r, cr)
	if !ok {
		return
	}
	pr, err := h.svc.GetRoundProgress(cr.ctx, cr.a, cr.id, ws.ID, r.PathValue("jrid"))
	if h.failed(w, r, err) {
		return
	}
	p.Commission, p.Set, p.Progress = cr.c, ws, pr
	p.Threshold = ws.AHP.Threshold()
	p.CanManage = pr.Round.ClosedAt == nil && h.may(cr.ctx, cr.a, cr.id, evaluation.PermWeights)
	h.render(noStore{w}, r, status, "round", p)
}

// roundPath is the address of a round's page.
func roundPath(r *http.Request) string {
	return "/commissions/" + r.PathValue("id") + "/weight-sets/" + r.PathValue("wid") + "/rounds/" + r.PathValue("jrid")
}

// reissueLink gives an expert a new link (Service.ReissueLink) and shows it once.
func (h *handler) reissueLink(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	l, err := h.svc.ReissueLink(r.Context(), a, r.PathValue("id"), r.PathValue("wid"), r.PathValue("jrid"), r.PathValue("eid"))
	if h.roundFailed(w, r, err) {
		return
	}
	h.renderRound(w, r, http.StatusOK, roundPage{Links: []shownLink{{Name: l.Name, Organisation: l.Organisation, URL: h.origin(r) + l.Path, ExpiresAt: l.ExpiresAt}}})
}

// revokeLink stops an expert's link (Service.RevokeLink) and returns to the round.
func (h *handler) revokeLink(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	if h.roundFailed(w, r, h.svc.RevokeLink(r.Context(), a, r.PathValue("id"), r.PathValue("wid"), r.PathValue("jrid"), r.PathValue("eid"))) {
		return
	}
	http.Redirect(w, r, roundPath(r), http.StatusSeeOther)
}

// roundReminders downloads the unanswered experts' new links as CSV for mail merge or SMS:
// key, name, organisation, link, expires_at (Service.UnansweredLinks, as the API's reminders).
// Links are stored only as hashes, so a reminder reissues them: the old links stop working.
func (h *handler) roundReminders(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	links, err := h.svc.UnansweredLinks(r.Context(), a, r.PathValue("id"), r.PathValue("wid"), r.PathValue("jrid"))
	if h.roundFailed(w, r, err) {
		return
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	_ = cw.Write([]string{"key", "name", "organisation", "link", "expires_at"})
	for _, l := range links {
		_ = cw.Write([]string{l.Key, l.Name, l.Organisation, h.origin(r) + l.Path, l.ExpiresAt.Format(time.RFC3339)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		h.fail(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/csv; charset=utf-8")
	hd.Set("Content-Disposition", `attachment; filename="reminders.csv"`)
	hd.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(buf.Bytes())
}

// closeRound closes a round (Service.CloseRound): the submitted matrices become the weight set's
// judgments; the weight set's page shows the group result.
func (h *handler) closeRound(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	_, err := h.svc.CloseRound(r.Context(), a, r.PathValue("id"), r.PathValue("wid"), r.PathValue("jrid"))
	if h.roundFailed(w, r, err) {
		return
	}
	http.Redirect(w, r, "/commissions/"+r.PathValue("id")+"/weight-sets/"+r.PathValue("wid"), http.StatusSeeOther)
}
