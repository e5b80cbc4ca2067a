package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// The weight set's page for the experts who own the weights: move one local weight and see,
// before saving, what it does to the units' composites, ranks and grades beside the saved
// version (Service.PreviewAdjustment, live through htmx or by the Preview button without
// JavaScript), with the smallest move that swaps each neighbouring pair; save it with a reason as
// a new version (Service.AdjustWeight); and the versions of the set.

// adjustForm is the adjustment form as typed.
type adjustForm struct {
	Criterion string // node:child
	Weight    string
	Reason    string
}

// criterionOption is one weight the form may move: a child's local weight at a node.
type criterionOption struct {
	Value       string // node:child
	Node, Child string // their names (codes where the framework names none)
	Weight      float64
}

// versionRow is one version of the weight set's history.
type versionRow struct {
	Set     engine.WeightSet
	Last    *engine.WeightAdjustment // the adjustment this version added (none for the original)
	Current bool
}

// adjustView is what the weight set's page adds for adjusting and for the history.
type adjustView struct {
	CanAdjust bool
	Options   []criterionOption
	Form      adjustForm
	Problems  problems
	Problem   string // a message id: why the adjustment could not be saved
	Preview   *evaluation.AdjustmentPreview
	Names     map[string]string // node code → name, for the preview
	History   []versionRow
	CSRF      string // the save form's token (the preview fragment is rendered without the layout)
}

// nodeNames names the framework's nodes in the page's language: dimensions by the catalogue,
// groups and indicators by the framework (its English name on English pages when it has one).
func nodeNames(lang messages.Language, f *engine.Framework) map[string]string {
	p := messages.For(lang)
	out := map[string]string{engine.RootNode: p.Sprintf(messages.WebWsadjRoot)}
	var walk func(n *engine.Node)
	walk = func(n *engine.Node) {
		name := n.Name
		if lang == messages.English && n.NameEN != "" {
			name = n.NameEN
		}
		if n.Kind == engine.KindDimension {
			name = p.Sprintf(messages.ID("dimension." + n.Code))
		}
		out[n.Code] = name
		for _, c := range n.Children {
			walk(c)
		}
	}
	for _, d := range f.Dimensions {
		walk(d)
	}
	return out
}

// weightSetView renders the weight set's page with the adjustment form, a preview when one was
// asked for, and the version history.
func (h *handler) weightSetView(w http.ResponseWriter, r *http.Request, status int, v adjustView, fragment bool) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ctx, a, id, c := cr.ctx, cr.a, cr.id, cr.c
	d, err := h.svc.GetWeightSet(ctx, a, id, r.PathValue("wid"))
	if h.failed(w, r, err) {
		return
	}
	f, err := h.svc.GetFramework(ctx, a, id, d.WeightSet.FrameworkID)
	if h.failed(w, r, err) {
		return
	}
	v.Names = nodeNames(language(w, r), f)
	// The form is offered where saving can succeed: an expert, complete weights, a commission not
	// yet published (AdjustWeight refuses the rest, which a hand-made request still meets).
	v.CanAdjust = h.may(ctx, a, id, evaluation.PermJudge) && d.Result != nil && d.Result.Complete &&
		c.Status != evaluation.StatusPublished && c.Status != evaluation.StatusAccepted
	if v.CanAdjust {
		for _, n := range d.Result.Nodes {
			if len(n.Children) < 2 {
				continue
			}
			for i, ch := range n.Children {
				v.Options = append(v.Options, criterionOption{Value: n.Node + ":" + ch, Node: v.Names[n.Node], Child: v.Names[ch], Weight: n.Weights[i]})
			}
		}
		if v.Form.Criterion == "" && len(v.Options) > 0 {
			v.Form.Criterion = v.Options[0].Value
		}
		if v.Form.Weight == "" {
			for _, o := range v.Options {
				if o.Value == v.Form.Criterion {
					v.Form.Weight = strconv.FormatFloat(o.Weight, 'f', 4, 64)
				}
			}
		}
	}
	sets, err := h.svc.ListWeightSets(ctx, a, id)
	if h.failed(w, r, err) {
		return
	}
	v.History = versionHistory(sets, d.WeightSet.ID)
	v.CSRF = h.csrfToken(w, r)
	p := weightSetPage{Commission: c, Set: d, Adjust: v}
	if fragment {
		h.renderFragment(w, r, "weightset", "preview", p)
		return
	}
	h.render(w, r, status, "weightset", p)
}

// versionHistory returns the versions connected to the set id by BasedOn (its ancestors and
// descendants), oldest first.
func versionHistory(sets []engine.WeightSet, id string) []versionRow {
	byID := map[string]engine.WeightSet{}
	for _, s := range sets {
		byID[s.ID] = s
	}
	root := id
	for seen := 0; byID[root].BasedOn != "" && seen < len(sets); seen++ {
		if _, ok := byID[byID[root].BasedOn]; !ok {
			break
		}
		root = byID[root].BasedOn
	}
	in := map[string]bool{root: true}
	for changed := true; changed; {
		changed = false
		for _, s := range sets {
			if !in[s.ID] && in[s.BasedOn] {
				in[s.ID], changed = true, true
			}
		}
	}
	var out []versionRow
	for _, s := range sets {
		if !in[s.ID] {
			continue
		}
		row := versionRow{Set: s, Current: s.ID == id}
		if s.BasedOn != "" && len(s.Adjustments) > 0 {
			row.Last = &s.Adjustments[len(s.Adjustments)-1]
		}
		out = append(out, row)
	}
	slices.SortFunc(out, func(x, y versionRow) int { return x.Set.Number - y.Set.Number })
	return out
}

// readAdjustment reads the form into the service's input; problems by field when it is not one.
func readAdjustment(p *messages.Printer, f adjustForm) (evaluation.AdjustmentInput, problems) {
	ps := problems{}
	in := evaluation.AdjustmentInput{Reason: f.Reason}
	node, child, ok := strings.Cut(f.Criterion, ":")
	if !ok || node == "" || child == "" {
		ps["criterion"] = append(ps["criterion"], p.Sprintf(messages.WebWsadjFieldCriterion))
	}
	in.Node, in.Child = node, child
	x, err := strconv.ParseFloat(strings.TrimSpace(f.Weight), 64)
	if err != nil || !(x >= 0 && x < 1) {
		ps["weight"] = append(ps["weight"], p.Sprintf(messages.WebWsadjFieldWeight))
	} else {
		in.Weight = &x
	}
	return in, ps
}

// adjustProblems turns the service's validation problems of an adjustment into the form's
// fields, in the page's language.
func adjustProblems(p *messages.Printer, err error) (problems, bool) {
	var ve *engine.ValidationError
	if !errors.As(err, &ve) {
		return nil, false
	}
	ps := problems{}
	for _, q := range ve.Problems {
		switch q.Field {
		case "weight":
			ps["weight"] = append(ps["weight"], p.Sprintf(messages.WebWsadjFieldWeight))
		case "reason":
			ps["reason"] = append(ps["reason"], p.Sprintf(messages.WebWsadjFieldReason))
		default:
			ps["criterion"] = append(ps["criterion"], p.Sprintf(messages.WebWsadjFieldCriterion))
		}
	}
	return ps, true
}

// previewAdjustment answers GET …/weight-sets/{wid}/preview: the page with the preview of the
// typed adjustment, or only the preview's fragment for htmx.
func (h *handler) previewAdjustment(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	q := r.URL.Query()
	f := adjustForm{Criterion: q.Get("criterion"), Weight: q.Get("weight"), Reason: q.Get("reason")}
	fragment := r.Header.Get("HX-Request") == "true"
	v := adjustView{Form: f}
	in, ps := readAdjustment(messages.For(language(w, r)), f)
	status := http.StatusOK
	if len(ps) > 0 {
		v.Problems, status = ps, http.StatusUnprocessableEntity
		if fragment {
			status = http.StatusOK // htmx swaps only successful answers; the problems are the fragment
		}
		h.weightSetView(w, r, status, v, fragment)
		return
	}
	pv, err := h.svc.PreviewAdjustment(r.Context(), a, r.PathValue("id"), r.PathValue("wid"), in)
	if ps, ok := adjustProblems(messages.For(language(w, r)), err); ok {
		v.Problems = ps
		if !fragment {
			status = http.StatusUnprocessableEntity
		}
		h.weightSetView(w, r, status, v, fragment)
		return
	}
	if errors.Is(err, engine.ErrConflict) {
		v.Problem = string(messages.WebWsadjConflict)
		status = http.StatusConflict
		if fragment {
			status = http.StatusOK // as above: the fragment says why
		}
		h.weightSetView(w, r, status, v, fragment)
		return
	}
	if h.failed(w, r, err) {
		return
	}
	v.Preview = pv
	h.weightSetView(w, r, status, v, fragment)
}

// adjust answers POST …/weight-sets/{wid}/adjust: it saves the adjustment with its reason as a new
// version of the set (Service.AdjustWeight, audited) and opens the new version.
func (h *handler) adjust(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	f := adjustForm{Criterion: r.PostFormValue("criterion"), Weight: r.PostFormValue("weight"), Reason: r.PostFormValue("reason")}
	p := messages.For(language(w, r))
	in, ps := readAdjustment(p, f)
	if strings.TrimSpace(f.Reason) == "" {
		ps["reason"] = append(ps["reason"], p.Sprintf(messages.WebWsadjFieldReason))
	}
	if len(ps) > 0 {
		h.weightSetView(w, r, http.StatusUnprocessableEntity, adjustView{Form: f, Problems: ps}, false)
		return
	}
	id := r.PathValue("id")
	d, err := h.svc.AdjustWeight(r.Context(), a, id, r.PathValue("wid"), in)
	if ps, ok := adjustProblems(p, err); ok {
		h.weightSetView(w, r, http.StatusUnprocessableEntity, adjustView{Form: f, Problems: ps}, false)
		return
	}
	if errors.Is(err, engine.ErrConflict) {
		h.weightSetView(w, r, http.StatusConflict, adjustView{Form: f, Problem: string(messages.WebWsadjConflict)}, false)
		return
	}
	if h.failed(w, r, err) {
		return
	}
	http.Redirect(w, r, "/commissions/"+id+"/weight-sets/"+d.WeightSet.ID+"#history", http.StatusSeeOther)
}
