package web

import (
	"context"
	"net/http"

	"evalbench/evaluation"
)

// commissionReq is what a commission's page starts from: the request's context, the reader, the
// commission's id from the path ({id}) and the commission as the reader may see it.
type commissionReq struct {
	ctx context.Context
	a   evaluation.Actor
	id  string
	c   *evaluation.Commission
}

// openCommission reads the path's commission as the reader (Service.GetCommission); ok false
// once the page has answered the service's error.
func (h *handler) openCommission(w http.ResponseWriter, r *http.Request) (commissionReq, bool) {
	a, _ := actorFrom(r)
	q := commissionReq{ctx: r.Context(), a: a, id: r.PathValue("id")}
	c, err := h.svc.GetCommission(q.ctx, a, q.id)
	if h.failed(w, r, err) {
		return q, false
	}
	q.c = c
	return q, true
}

// failed answers a service error with its page (serviceError) and reports whether there was one.
func (h *handler) failed(w http.ResponseWriter, r *http.Request, err error) bool {
	if err != nil {
		h.serviceError(w, r, err)
		return true
	}
	return false
}

// formProblems returns the problems of a validation error by field (problemsOf); any other
// error it answers with the service's error page, and ok false.
func (h *handler) formProblems(w http.ResponseWriter, r *http.Request, err error) (problems, bool) {
	ps, ok := problemsOf(w, r, err)
	if !ok {
		h.serviceError(w, r, err)
	}
	return ps, ok
}
