package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// The rectification loop's pages (评价—整改—反馈): a commission's rectification items by unit,
// status and deadline with the overdue ones marked; raising an item by hand or from a run's fail
// grades and flags; closing an open item with its evidence; auditing a closed one. Every change is
// the service's (evaluation/rectifications.go: its rules, its audit log, its version check); the
// forms carry the item's version as the API's If-Match does.

// rectRow is one item as listed; Overdue is an open item past its deadline (today, UTC).
type rectRow struct {
	evaluation.RectificationItem
	Overdue bool
}

// rectForm is the raise-an-item form as typed.
type rectForm struct {
	Unit, Source, Issue, Owner, Deadline string
}

// rectPage is the data of /commissions/{id}/rectifications.
type rectPage struct {
	*evaluation.Commission
	Items     []rectRow
	Units     []engine.Unit
	UnitNames map[string]string
	Runs      []evaluation.Run // succeeded, for raising items from a run
	Unit      string           // the filter
	Status    string
	CanChange bool
	Today     string
	Done      string   // what the last change did (a message id)
	Raised    int      // items raised from a run
	Problem   string   // why the last change was refused (a message id)
	Problems  problems // by field
	For       string   // the form the problems belong to: "raise", "from-run" or an item's id
	Form      rectForm
}

// rectifications lists the commission's items (Service.ListRectifications), filtered by unit and
// status, by deadline (then number), with the forms for a caller who may change them.
func (h *handler) rectifications(w http.ResponseWriter, r *http.Request) {
	p := &rectPage{}
	switch r.URL.Query().Get("done") {
	case "raised":
		p.Done = string(messages.WebRectRaised)
	case "closed":
		p.Done = string(messages.WebRectClosedDone)
	case "audited":
		p.Done = string(messages.WebRectAuditedDone)
	case "from-run":
		p.Done = string(messages.WebRectFromRunDone)
		p.Raised, _ = strconv.Atoi(r.URL.Query().Get("count"))
	}
	h.renderRectifications(w, r, http.StatusOK, p)
}

func (h *handler) renderRectifications(w http.ResponseWriter, r *http.Request, status int, p *rectPage) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ctx, a, id := cr.ctx, cr.a, cr.id
	p.Commission = cr.c
	p.Unit, p.Status = r.URL.Query().Get("unit"), r.URL.Query().Get("status")
	switch p.Status {
	case "", engine.RectifyOpen, engine.RectifyClosed, engine.RectifyAudited:
	default:
		p.Status = ""
	}
	items, err := h.svc.ListRectifications(ctx, a, id, evaluation.RectificationFilter{Unit: p.Unit, Status: p.Status})
	if h.failed(w, r, err) {
		return
	}
	units, err := h.svc.ListUnits(ctx, a, id)
	if h.failed(w, r, err) {
		return
	}
	p.Units, p.UnitNames = units, map[string]string{}
	for _, u := range units {
		p.UnitNames[u.Code] = u.Name
	}
	p.Today = time.Now().UTC().Format(time.DateOnly)
	for _, it := range items {
		p.Items = append(p.Items, rectRow{RectificationItem: it, Overdue: it.Status == engine.RectifyOpen && it.Deadline < p.Today})
	}
	slices.SortStableFunc(p.Items, func(x, y rectRow) int {
		if c := strings.Compare(x.Deadline, y.Deadline); c != 0 {
			return c
		}
		return x.Number - y.Number
	})
	p.CanChange = h.svc.Authorize(ctx, a, id, evaluation.PermRuns) == nil
	if p.CanChange {
		runs, err := h.svc.ListRuns(ctx, a, id, evaluation.Page{Limit: 50})
		if h.failed(w, r, err) {
			return
		}
		for _, run := range runs {
			if run.Status == evaluation.RunSucceeded {
				p.Runs = append(p.Runs, run)
			}
		}
	}
	h.render(w, r, status, "rectifications", p)
}

// rectDone redirects to the list after a change, saying what it did.
func rectDone(w http.ResponseWriter, r *http.Request, done string) {
	http.Redirect(w, r, "/commissions/"+r.PathValue("id")+"/rectifications?done="+done, http.StatusSeeOther)
}

// rectRefused shows the list again with why a change was refused: 422 with the problems by field
// of a validation error, 409 for a stale version or a state that forbids it; any other error is
// the service's error page.
func (h *handler) rectRefused(w http.ResponseWriter, r *http.Request, p *rectPage, err error) {
	switch {
	case errors.Is(err, engine.ErrStale), errors.Is(err, engine.ErrVersionRequired):
		p.Problem = string(messages.WebRectStale)
		h.renderRectifications(w, r, http.StatusConflict, p)
	case errors.Is(err, engine.ErrConflict):
		p.Problem = string(messages.WebRectConflict)
		h.renderRectifications(w, r, http.StatusConflict, p)
	default:
		ps, ok := h.formProblems(w, r, err)
		if !ok {
			return
		}
		p.Problem, p.Problems = string(messages.WebFormHasProblems), ps
		h.renderRectifications(w, r, http.StatusUnprocessableEntity, p)
	}
}

// raiseRectification raises one item by hand (Service.CreateRectification, as POST
// /api/v1/commissions/{cid}/rectifications).
func (h *handler) raiseRectification(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	f := rectForm{Unit: r.PostFormValue("unit"), Source: r.PostFormValue("source"), Issue: strings.TrimSpace(r.PostFormValue("issue")),
		Owner: strings.TrimSpace(r.PostFormValue("owner")), Deadline: strings.TrimSpace(r.PostFormValue("deadline"))}
	_, err := h.svc.CreateRectification(r.Context(), a, r.PathValue("id"), evaluation.RectificationInput{Unit: f.Unit, Source: f.Source,
		Issue: f.Issue, Owner: f.Owner, Deadline: f.Deadline})
	if err != nil {
		h.rectRefused(w, r, &rectPage{For: "raise", Form: f}, err)
		return
	}
	rectDone(w, r, "raised")
}

// rectificationsFromRun raises the items a succeeded run calls for (Service.OpenRectificationsFromRun,
// as POST /api/v1/commissions/{cid}/rectifications/from-run).
func (h *handler) rectificationsFromRun(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	f := rectForm{Owner: strings.TrimSpace(r.PostFormValue("owner")), Deadline: strings.TrimSpace(r.PostFormValue("deadline"))}
	items, err := h.svc.OpenRectificationsFromRun(r.Context(), a, r.PathValue("id"), evaluation.RectificationsFromRun{RunID: r.PostFormValue("run"),
		Owner: f.Owner, Deadline: f.Deadline})
	if err != nil {
		h.rectRefused(w, r, &rectPage{For: "from-run", Form: f}, err)
		return
	}
	http.Redirect(w, r, "/commissions/"+r.PathValue("id")+"/rectifications?done=from-run&count="+strconv.Itoa(len(items)), http.StatusSeeOther)
}

// closeRectification closes an open item with its evidence (Service.CloseRectification); the
// form's version is the API's If-Match.
func (h *handler) closeRectification(w http.ResponseWriter, r *http.Request) {
	h.changeRectification(w, r, "closed", func(a evaluation.Actor, version int) error {
		_, err := h.svc.CloseRectification(r.Context(), a, r.PathValue("id"), r.PathValue("xid"), version,
			evaluation.RectificationClose{Evidence: strings.TrimSpace(r.PostFormValue("evidence")), On: strings.TrimSpace(r.PostFormValue("on"))})
		return err
	})
}

// auditRectification records the audit of a closed item (Service.AuditRectification).
func (h *handler) auditRectification(w http.ResponseWriter, r *http.Request) {
	h.changeRectification(w, r, "audited", func(a evaluation.Actor, version int) error {
		_, err := h.svc.AuditRectification(r.Context(), a, r.PathValue("id"), r.PathValue("xid"), version,
			evaluation.RectificationClose{Note: strings.TrimSpace(r.PostFormValue("note")), On: strings.TrimSpace(r.PostFormValue("on"))})
		return err
	})
}

// changeRectification reads the form's version (0, which the service refuses as missing, when it
// is not a number) and makes the change.
func (h *handler) changeRectification(w http.ResponseWriter, r *http.Request, done string, change func(evaluation.Actor, int) error) {
	a, _ := actorFrom(r)
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	if err := change(a, version); err != nil {
		h.rectRefused(w, r, &rectPage{For: r.PathValue("xid")}, err)
		return
	}
	rectDone(w, r, done)
}
