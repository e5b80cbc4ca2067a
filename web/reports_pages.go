package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// reportsPage is the data of /commissions/{id}/reports: the commission's reports and its
// institute's publication log.
type reportsPage struct {
	*evaluation.Commission
	Reports []evaluation.Report
	Log     *evaluation.PublicationLog
}

// reportsList shows the commission's published reports (Service.ListReports) with their files,
// and the institute's hash-chained publication log (Service.Publications).
func (h *handler) reportsList(w http.ResponseWriter, r *http.Request) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ctx, a, id, c := cr.ctx, cr.a, cr.id, cr.c
	reps, err := h.svc.ListReports(ctx, a, id)
	if h.failed(w, r, err) {
		return
	}
	log, err := h.svc.Publications(ctx, c.InstituteID)
	if h.failed(w, r, err) {
		return
	}
	h.render(w, r, http.StatusOK, "reports", reportsPage{Commission: c, Reports: reps, Log: log})
}

// acceptancePage is the data of /commissions/{id}/acceptance.
type acceptancePage struct {
	*evaluation.Commission
	Acceptance *evaluation.Acceptance
	CanDecide  bool
	Problem    string
	Reasons    string
}

// acceptance shows the acceptance checklist of the current report with each item's evidence, the
// decisions so far and, for a reviewer, the decision form (Service.Acceptance).
func (h *handler) acceptance(w http.ResponseWriter, r *http.Request) {
	h.renderAcceptance(w, r, http.StatusOK, "", "")
}

func (h *handler) renderAcceptance(w http.ResponseWriter, r *http.Request, status int, problem, reasons string) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ctx, a, id, c := cr.ctx, cr.a, cr.id, cr.c
	acc, err := h.svc.Acceptance(ctx, a, id)
	if h.failed(w, r, err) {
		return
	}
	p := acceptancePage{Commission: c, Acceptance: acc, Problem: problem, Reasons: reasons}
	p.CanDecide = h.svc.Authorize(ctx, a, id, evaluation.PermAccept) == nil
	h.render(w, r, status, "acceptance", p)
}

// decide records the reviewer's decision (Service.DecideAcceptance): accept, or return with
// reasons, one a line.
func (h *handler) decide(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	if err := r.ParseForm(); err != nil {
		h.renderAcceptance(w, r, http.StatusBadRequest, string(messages.WebAcceptInvalid), "")
		return
	}
	text := r.PostForm.Get("reasons")
	var reasons []string
	for _, line := range strings.Split(text, "\n") {
		if s := strings.TrimSpace(line); s != "" {
			reasons = append(reasons, s)
		}
	}
	id := r.PathValue("id")
	_, err := h.svc.DecideAcceptance(r.Context(), a, id, evaluation.AcceptanceInput{Decision: r.PostForm.Get("decision"), Reasons: reasons})
	switch {
	case errors.As(err, new(*engine.ValidationError)):
		h.renderAcceptance(w, r, http.StatusUnprocessableEntity, string(messages.WebAcceptInvalid), text)
		return
	case errors.Is(err, engine.ErrConflict):
		h.renderAcceptance(w, r, http.StatusConflict, string(messages.WebAcceptConflict), text)
		return
	case err != nil:
		h.serviceError(w, r, err)
		return
	}
	http.Redirect(w, r, "/commissions/"+id+"/acceptance", http.StatusSeeOther)
}

// auditPageSize is how many audit entries one page lists.
const auditPageSize = 50

// auditPage is the data of /commissions/{id}/audit.
type auditPage struct {
	*evaluation.Commission
	Entries []evaluation.AuditEntry
	Next    string // the URL of the next page; "" on the last
	First   bool
}

// audit lists the commission's audit log, oldest first, a page at a time (?after=seq), through
// Service.ListAudit as GET /api/v1/audit?commission= does.
func (h *handler) audit(w http.ResponseWriter, r *http.Request) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ctx, a, id, c := cr.ctx, cr.a, cr.id, cr.c
	after, err := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	if err != nil || after < 0 {
		after = 0
	}
	es, err := h.svc.ListAudit(ctx, a, evaluation.AuditFilter{CommissionID: id, AfterSeq: after, Limit: auditPageSize})
	if h.failed(w, r, err) {
		return
	}
	p := auditPage{Commission: c, Entries: es, First: after == 0}
	if len(es) == auditPageSize {
		p.Next = "/commissions/" + id + "/audit?after=" + strconv.FormatInt(es[len(es)-1].Seq, 10)
	}
	h.render(w, r, http.StatusOK, "audit", p)
}
