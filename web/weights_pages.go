package web

import (
	"errors"
	"net/http"
	"strconv"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// weightSetsPage is the data of /commissions/{id}/weight-sets: the sets, and the form comparing two.
type weightSetsPage struct {
	*evaluation.Commission
	WeightSets []engine.WeightSet
}

// weightSets lists a commission's weight sets (Service.ListWeightSets, as GET …/weight-sets).
func (h *handler) weightSets(w http.ResponseWriter, r *http.Request) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ctx, a, id, c := cr.ctx, cr.a, cr.id, cr.c
	ws, err := h.svc.ListWeightSets(ctx, a, id)
	if h.failed(w, r, err) {
		return
	}
	h.render(w, r, http.StatusOK, "weightsets", weightSetsPage{Commission: c, WeightSets: ws})
}

// weightSetPage is the data of a weight set's page.
type weightSetPage struct {
	*evaluation.Commission
	Set    *evaluation.WeightSetDetail
	Adjust adjustView // the adjustment form, its preview and the version history (weights_adjust.go)
}

// weightSet shows a weight set: its dimension and indicator weights and, for AHP, each expert's
// consistency ratio and exclusion (Service.GetWeightSet); for an expert the adjustment form; and
// the set's versions (weights_adjust.go).
func (h *handler) weightSet(w http.ResponseWriter, r *http.Request) {
	h.weightSetView(w, r, http.StatusOK, adjustView{}, false)
}

// weightComparePage is the data of the comparison of two weight sets.
type weightComparePage struct {
	*evaluation.Commission
	Comparison *evaluation.WeightComparison
}

// compareWeightSets compares two weight sets (?from=&to=): the weights that moved and the ranks
// each gives on the current data (Service.CompareWeightSets).
func (h *handler) compareWeightSets(w http.ResponseWriter, r *http.Request) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ctx, a, id, c := cr.ctx, cr.a, cr.id, cr.c
	q := r.URL.Query()
	cmp, err := h.svc.CompareWeightSets(ctx, a, id, q.Get("from"), q.Get("to"))
	if errors.As(err, new(*engine.ValidationError)) {
		h.render(w, r, http.StatusBadRequest, "error", errorPage{Message: string(messages.WebWsChooseTwo)})
		return
	}
	if h.failed(w, r, err) {
		return
	}
	h.render(w, r, http.StatusOK, "weightcompare", weightComparePage{Commission: c, Comparison: cmp})
}

// formatWeight prints a weight with four decimals, or a dash when there is none.
func formatWeight(x *float64) string {
	if x == nil {
		return "—"
	}
	return strconv.FormatFloat(*x, 'f', 4, 64)
}
