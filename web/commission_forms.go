package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// uploadMemory is how much of an uploaded form is held in memory; the rest waits in temporary
// files that the guard removes once the page is served.
const uploadMemory = 8 << 20

// problems are a form's validation problems by field, each in the page's language (the
// service's catalogue message, or the form's short text for it).
type problems map[string][]string

// formTexts are the short texts a form shows beside its field in place of the service's own
// message (both from the catalogue): "必填" reads better under an input than a sentence.
var formTexts = map[messages.ID]messages.ID{
	messages.CommissionTitleRequired:          messages.WebFormRequired,
	messages.CommissionClientRequired:         messages.WebFormRequired,
	messages.FieldNameRequired:                messages.WebFormRequired,
	messages.CommissionPeriodStart:            messages.WebFormYear,
	messages.CommissionPeriodEnd:              messages.WebFormPeriodEnd,
	messages.CommissionEvaluatedPeriodOutside: messages.WebFormEvaluatedOutside,
	messages.UnitCodeFormat:                   messages.WebFormCode,
	messages.MemberNoUser:                     messages.WebFormNoUser,
}

// problemsOf returns the problems of a validation error by field (a field's last dotted part:
// units[0].code is code), and ok false for any other error.
func problemsOf(w http.ResponseWriter, r *http.Request, err error) (problems, bool) {
	var ve *engine.ValidationError
	if !errors.As(err, &ve) {
		return nil, false
	}
	p := messages.For(language(w, r))
	out := problems{}
	for _, q := range ve.Problems {
		field := q.Field
		if i := strings.LastIndexByte(field, '.'); i >= 0 {
			field = field[i+1:]
		}
		text := p.Or(q.MessageID, q.Args, q.Message)
		if id, ok := formTexts[messages.ID(q.MessageID)]; ok {
			text = p.Sprintf(id)
		}
		out[field] = append(out[field], text)
	}
	if len(ve.Problems) == 0 {
		out[""] = append(out[""], ve.Summary)
	}
	return out, true
}

// commissionForm is the create-a-commission form as typed.
type commissionForm struct {
	Title, Client, Description, PeriodStart, PeriodEnd, EvaluatedPeriod string
}

// createCommission creates a commission through Service.CreateCommission (as POST
// /api/v1/commissions) and opens it; problems come back on the list's form, by field.
func (h *handler) createCommission(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	f := commissionForm{Title: r.PostFormValue("title"), Client: r.PostFormValue("client"), Description: r.PostFormValue("description"),
		PeriodStart: r.PostFormValue("period_start"), PeriodEnd: r.PostFormValue("period_end"), EvaluatedPeriod: r.PostFormValue("evaluated_period")}
	year := func(s string) int { n, _ := strconv.Atoi(strings.TrimSpace(s)); return n } // not a number: 0, which the service refuses as no year
	c, err := h.svc.CreateCommission(r.Context(), a, evaluation.CommissionInput{Title: f.Title, Client: f.Client, Description: f.Description,
		PeriodStart: year(f.PeriodStart), PeriodEnd: year(f.PeriodEnd), EvaluatedPeriod: strings.TrimSpace(f.EvaluatedPeriod)})
	if err != nil {
		ps, ok := h.formProblems(w, r, err)
		if !ok {
			return
		}
		cs, err := h.svc.ListCommissions(r.Context(), a, evaluation.Page{Limit: evaluation.MaxPageSize})
		if err != nil {
			h.serviceError(w, r, err)
			return
		}
		h.render(w, r, http.StatusBadRequest, "commissions", commissionsPage{Commissions: cs, Form: f, Problems: ps})
		return
	}
	http.Redirect(w, r, "/commissions/"+c.ID, http.StatusSeeOther)
}

// commissionForms is what the overview adds for those who may change the commission: the unit
// form, the members form and their problems.
type commissionForms struct {
	CanUnits, CanManage bool
	Users               []evaluation.User // the reader's institute, to grant a role to
	Unit                engine.Unit       // the unit form as typed
	UnitProblems        problems
	GrantProblems       problems
	Done                string // a message id: what the last form did
}

// showCommission renders the overview with the forms the reader may use.
func (h *handler) showCommission(w http.ResponseWriter, r *http.Request, status int, forms commissionForms) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ctx, a, id, c := cr.ctx, cr.a, cr.id, cr.c
	units, err := h.svc.ListUnits(ctx, a, id)
	if h.failed(w, r, err) {
		return
	}
	members, err := h.svc.ListMembers(ctx, a, id)
	if h.failed(w, r, err) {
		return
	}
	forms.CanUnits = h.may(ctx, a, id, evaluation.PermUnits)
	forms.CanManage = h.may(ctx, a, id, evaluation.PermManage)
	if forms.CanManage && a.InstituteID != "" {
		forms.Users, _ = h.svc.ListUsers(ctx, a, a.InstituteID) // without the list the form cannot be offered: it is left out
	}
	if forms.Unit.Kind == "" {
		forms.Unit.Kind = engine.UnitDepartment
	}
	switch r.URL.Query().Get("done") {
	case "unit":
		forms.Done = string(messages.WebCommissionUnitSaved)
	case "grant":
		forms.Done = string(messages.WebCommissionGranted)
	case "revoke":
		forms.Done = string(messages.WebCommissionRevoked)
	}
	h.render(w, r, status, "commission", commissionPage{Commission: c, Units: units, Members: members, commissionForms: forms})
}

// may reports whether the reader holds permission p on the commission (Service.Authorize), to
// offer only the forms they may use; the service checks again when a form is sent.
func (h *handler) may(ctx context.Context, a evaluation.Actor, id string, p evaluation.Permission) bool {
	return h.svc.Authorize(ctx, a, id, p) == nil
}

// addUnit adds or updates one evaluated unit through Service.UpsertUnits (as PUT
// /api/v1/commissions/{cid}/units).
func (h *handler) addUnit(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	id := r.PathValue("id")
	u := engine.Unit{Code: strings.TrimSpace(r.PostFormValue("code")), Name: strings.TrimSpace(r.PostFormValue("name")), Kind: engine.UnitKind(r.PostFormValue("kind"))}
	if _, err := h.svc.UpsertUnits(r.Context(), a, id, []engine.Unit{u}); err != nil {
		ps, ok := h.formProblems(w, r, err)
		if !ok {
			return
		}
		h.showCommission(w, r, http.StatusBadRequest, commissionForms{Unit: u, UnitProblems: ps})
		return
	}
	http.Redirect(w, r, "/commissions/"+id+"?done=unit#units", http.StatusSeeOther)
}

// grant gives a user of the institute a role through Service.Grant (as POST
// /api/v1/commissions/{cid}/members).
func (h *handler) grant(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	id := r.PathValue("id")
	if _, err := h.svc.Grant(r.Context(), a, id, r.PostFormValue("user_id"), evaluation.Role(r.PostFormValue("role"))); err != nil {
		ps, ok := h.formProblems(w, r, err)
		if !ok {
			return
		}
		h.showCommission(w, r, http.StatusBadRequest, commissionForms{GrantProblems: ps})
		return
	}
	http.Redirect(w, r, "/commissions/"+id+"?done=grant#members", http.StatusSeeOther)
}

// revoke takes a role away through Service.Revoke (as DELETE
// /api/v1/commissions/{cid}/members/{uid}/{role}).
func (h *handler) revoke(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	id := r.PathValue("id")
	if err := h.svc.Revoke(r.Context(), a, id, r.PostFormValue("user_id"), evaluation.Role(r.PostFormValue("role"))); err != nil {
		if errors.Is(err, engine.ErrConflict) { // the last owner stays
			p := messages.For(language(w, r))
			h.showCommission(w, r, http.StatusConflict, commissionForms{GrantProblems: problems{"": {p.Sprintf(messages.WebCommissionLastOwner)}}})
			return
		}
		ps, ok := h.formProblems(w, r, err)
		if !ok {
			return
		}
		h.showCommission(w, r, http.StatusBadRequest, commissionForms{GrantProblems: ps})
		return
	}
	http.Redirect(w, r, "/commissions/"+id+"?done=revoke#members", http.StatusSeeOther)
}
