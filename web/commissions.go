package web

import (
	"net/http"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// commissionsPage is the data of /commissions.
type commissionsPage struct {
	Commissions []evaluation.Commission
	Form        commissionForm // the create form as typed (commission_forms.go)
	Problems    problems
}

// commissions lists the commissions the reader holds a role on (all, for a platform admin),
// through Service.ListCommissions as GET /api/v1/commissions does.
func (h *handler) commissions(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	cs, err := h.svc.ListCommissions(r.Context(), a, evaluation.Page{Limit: evaluation.MaxPageSize})
	if err != nil {
		h.serviceError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "commissions", commissionsPage{Commissions: cs})
}

// commissionPage is the data of /commissions/{id}: the overview.
type commissionPage struct {
	*evaluation.Commission
	Units   []engine.Unit
	Members []evaluation.Member
	commissionForms
}

// commission shows a commission's overview: title, client, period, status, units and members,
// with the forms to add units and grant roles for those who may (commission_forms.go).
func (h *handler) commission(w http.ResponseWriter, r *http.Request) {
	h.showCommission(w, r, http.StatusOK, commissionForms{})
}
