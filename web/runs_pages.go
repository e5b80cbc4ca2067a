package web

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/reports"
)

// runsPage is the data of /commissions/{id}/runs: the runs, and the form that starts one.
type runsPage struct {
	*evaluation.Commission
	Runs       []evaluation.Run
	CanStart   bool
	WeightSets []engine.WeightSet
	Datasets   []evaluation.Dataset // frozen ones
	Previous   []evaluation.Run     // succeeded ones
	Surveys    []engine.Survey
	Problem    string    // a message id when starting failed
	Start      startForm // the start form as typed or proposed, with its problems (runs_start.go)
}

// runs lists a commission's runs (Service.ListRuns, as GET …/runs) with the form that starts one.
func (h *handler) runs(w http.ResponseWriter, r *http.Request) {
	h.renderRuns(w, r, http.StatusOK, "", nil)
}

// renderRuns renders the runs with the start form: start as typed (nil: the form proposed from
// the newest succeeded run, startProposal).
func (h *handler) renderRuns(w http.ResponseWriter, r *http.Request, status int, problem string, start *startForm) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ctx, a, id, c := cr.ctx, cr.a, cr.id, cr.c
	rs, err := h.svc.ListRuns(ctx, a, id, evaluation.Page{Limit: evaluation.MaxPageSize})
	if h.failed(w, r, err) {
		return
	}
	p := runsPage{Commission: c, Runs: rs, Problem: problem}
	p.CanStart = h.svc.Authorize(ctx, a, id, evaluation.PermRuns) == nil
	if p.CanStart {
		if p.WeightSets, err = h.svc.ListWeightSets(ctx, a, id); err != nil {
			h.serviceError(w, r, err)
			return
		}
		ds, err := h.svc.ListDatasets(ctx, a, id)
		if err != nil {
			h.serviceError(w, r, err)
			return
		}
		for _, d := range ds {
			if d.Frozen {
				p.Datasets = append(p.Datasets, d)
			}
		}
		for _, run := range rs {
			if run.Status == evaluation.RunSucceeded {
				p.Previous = append(p.Previous, run)
			}
		}
		if p.Surveys, err = h.svc.ListSurveys(ctx, a, id); err != nil {
			h.serviceError(w, r, err)
			return
		}
		if start == nil {
			start = startProposal(r, &p)
		}
		p.Start = *start
	}
	h.render(w, r, status, "runs", p)
}

// runPage is the data of a run's page: its state and, once it succeeded, its results.
type runPage struct {
	*evaluation.Commission
	Run        *evaluation.Run
	Percent    int
	Result     *engine.Result
	Ranked     []engine.UnitResult // the units by rank, unranked last
	Grades     map[string]string   // grade code → name
	Charts     []template.HTML
	CanPublish bool
	CanCancel  bool                // a queued or running run not yet asked to stop, and a role that may cancel it
	CanPreview bool                // a succeeded run, and a role that may open its draft report (report_preview.go)
	Reports    []evaluation.Report // the reports published of this run
	Problem    string
	// Panel is the comparison with the previous period's run (rank order), Awards the awards
	// the run computed from it, Audited the carried rectification items audited by the period's end.
	Panel   []panelLine
	Awards  []awardLine
	Audited int
}

// panelLine is one unit of the panel with its changes formatted (sign, arrow).
type panelLine struct {
	Name, PrevComposite, Composite, DeltaScore, PrevRank, Rank, DeltaRank string
}

// awardLine is an award: its message id, the unit's name and the rule's basis.
type awardLine struct{ ID, Unit, Basis string }

// panelLines formats the panel of a result in rank order.
func panelLines(res *engine.Result) []panelLine {
	if res.Panel == nil {
		return nil
	}
	names := map[string]string{}
	for _, u := range res.Units {
		names[u.Code] = u.Name
	}
	rows := slices.Clone(res.Panel.Rows)
	slices.SortStableFunc(rows, func(x, y engine.PanelRow) int {
		if (x.Rank == 0) != (y.Rank == 0) {
			return cmp.Compare(y.Rank, x.Rank)
		}
		return cmp.Compare(x.Rank, y.Rank)
	})
	rank := func(r int) string {
		if r == 0 {
			return "—"
		}
		return strconv.Itoa(r)
	}
	var out []panelLine
	for _, r := range rows {
		l := panelLine{Name: names[r.Unit], PrevComposite: formatScore(r.PreviousComposite), Composite: formatScore(r.Composite),
			DeltaScore: "—", PrevRank: rank(r.PreviousRank), Rank: rank(r.Rank), DeltaRank: "—"}
		if r.DeltaScore != nil {
			l.DeltaScore = strconv.FormatFloat(*r.DeltaScore, 'f', 2, 64)
			if *r.DeltaScore > 0 {
				l.DeltaScore = "+" + l.DeltaScore
			}
		}
		if d := r.DeltaRank; d != nil {
			l.DeltaRank = strconv.Itoa(*d)
			if *d > 0 {
				l.DeltaRank = "↑" + l.DeltaRank
			} else if *d < 0 {
				l.DeltaRank = "↓" + strconv.Itoa(-*d)
			}
		}
		out = append(out, l)
	}
	return out
}

// dimensions are the 4E dimensions in the order the tables show them.
var dimensions = []engine.Dimension{engine.Economy, engine.Efficiency, engine.Effectiveness, engine.Equity}

// Score returns a unit's score on dimension d (nil: none).
func dimScore(u engine.UnitResult, d engine.Dimension) *float64 {
	for _, ds := range u.Dimensions {
		if ds.Dimension == d {
			return ds.Score
		}
	}
	return nil
}

func (h *handler) loadRun(w http.ResponseWriter, r *http.Request) (*runPage, bool) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return nil, false
	}
	ctx, a, id, c := cr.ctx, cr.a, cr.id, cr.c
	run, err := h.svc.GetRun(ctx, a, id, r.PathValue("rid"))
	if h.failed(w, r, err) {
		return nil, false
	}
	return &runPage{Commission: c, Run: run, Percent: int(run.Progress*100 + 0.5)}, true
}

// run shows a run: its progress while it is queued or running (the fragment below, polled), and
// its results once it succeeded: the units with rank, composite, grade and 4E scores, the
// indicators, and the report's charts.
func (h *handler) run(w http.ResponseWriter, r *http.Request) {
	p, ok := h.loadRun(w, r)
	if !ok {
		return
	}
	h.renderRun(w, r, http.StatusOK, p)
}

func (h *handler) renderRun(w http.ResponseWriter, r *http.Request, status int, p *runPage) {
	a, _ := actorFrom(r)
	ctx := r.Context()
	// A running run whose cancellation was requested says so (in its state) instead of offering
	// the cancel again: it stops at the worker's next checkpoint.
	p.CanCancel = !p.Run.Terminal() && !p.Run.CancelRequested && h.svc.Authorize(ctx, a, p.ID, evaluation.PermRuns) == nil
	if p.Run.Status == evaluation.RunSucceeded {
		raw, _, err := h.svc.RunResult(ctx, a, p.ID, p.Run.ID)
		if err != nil {
			h.serviceError(w, r, err)
			return
		}
		var res engine.Result
		if err := json.Unmarshal(raw, &res); err != nil {
			h.fail(w, r, err)
			return
		}
		p.Result = &res
		p.Ranked = slices.Clone(res.Units)
		slices.SortStableFunc(p.Ranked, func(x, y engine.UnitResult) int {
			if (x.Rank == 0) != (y.Rank == 0) {
				return cmp.Compare(y.Rank, x.Rank) // the unranked (0) last
			}
			return cmp.Compare(x.Rank, y.Rank)
		})
		p.Grades = map[string]string{}
		for _, g := range res.Grades {
			p.Grades[g.Code] = g.Name
		}
		p.Charts = reports.ResultCharts(&res)
		p.Panel = panelLines(&res)
		for _, aw := range res.Awards {
			name := aw.Unit
			for _, u := range res.Units {
				if u.Code == aw.Unit {
					name = u.Name
				}
			}
			p.Awards = append(p.Awards, awardLine{ID: "award." + aw.Code, Unit: name, Basis: aw.Basis})
		}
		for _, it := range res.Rectifications {
			if it.StatusAtEnd == engine.RectifyAudited {
				p.Audited++
			}
		}
		p.CanPublish = h.svc.Authorize(ctx, a, p.ID, evaluation.PermPublish) == nil
		p.CanPreview = h.svc.Authorize(ctx, a, p.ID, evaluation.PermRuns) == nil
		reps, err := h.svc.ListReports(ctx, a, p.ID)
		if err != nil {
			h.serviceError(w, r, err)
			return
		}
		for _, rep := range reps {
			if rep.RunID == p.Run.ID {
				p.Reports = append(p.Reports, rep)
			}
		}
	}
	h.render(w, r, status, "run", p)
}

// runProgress answers the progress fragment; the run page asks for it when the event stream
// says the run is done, and every 5 s as a fallback should the stream not get through (a proxy
// that buffers it). Once the run has ended it asks htmx to reload the page, which then shows the
// results.
func (h *handler) runProgress(w http.ResponseWriter, r *http.Request) {
	p, ok := h.loadRun(w, r)
	if !ok {
		return
	}
	if p.Run.Terminal() && r.Header.Get("HX-Request") == "true" {
		w.Header().Set("HX-Refresh", "true")
	}
	h.renderFragment(w, r, "run", "progress", p)
}

// Event stream of a run's page. It polls the run (Service.GetRun, as the API's …/events does)
// every eventPoll and sends a "progress" event carrying the page's state fragment (status,
// stage, progress bar) in the reader's language when it changed, then "done" once the run has
// ended. A stream lasts at most eventLifetime: the browser's EventSource then reconnects (after
// the retry delay sent), and the guard checks the session and the role again, so a revoked or
// expired session stops getting progress within that time.
const (
	eventPoll     = 500 * time.Millisecond
	eventLifetime = 2 * time.Minute // unless Config.StreamLifetime says otherwise
	eventRetry    = 2 * time.Second
)

// runEvents streams the run's progress to its page (htmx's SSE extension swaps each "progress"
// event into the state box; "done" makes the page reload with the results).
func (h *handler) runEvents(w http.ResponseWriter, r *http.Request) {
	p, ok := h.loadRun(w, r)
	if !ok {
		return
	}
	a, _ := actorFrom(r)
	ctx := r.Context()
	lang := language(w, r)
	tmpl := h.pages.byLang[lang]["run"]
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Accel-Buffering", "no")
	hd.Set("Content-Language", string(lang))
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	fmt.Fprintf(w, "retry: %d\n\n", eventRetry.Milliseconds())
	last := ""
	lifetime := h.cfg.StreamLifetime
	if lifetime <= 0 {
		lifetime = eventLifetime
	}
	deadline := time.NewTimer(lifetime)
	defer deadline.Stop()
	for {
		if p.Run.Terminal() {
			fmt.Fprintf(w, "event: done\ndata: %s\n\n", p.Run.Status)
			rc.Flush()
			return
		}
		var buf bytes.Buffer
		if err := tmpl.ExecuteTemplate(&buf, "state", view{Lang: lang, Page: "run", Path: r.URL.Path, Version: engine.BuildVersion, Data: p}); err != nil {
			h.log.Error("rendering a progress event", "err", err)
			return
		}
		if state := buf.String(); state != last {
			var ev strings.Builder
			ev.WriteString("event: progress\n")
			for _, line := range strings.Split(strings.TrimSpace(state), "\n") {
				ev.WriteString("data: " + strings.TrimRight(line, "\r") + "\n")
			}
			ev.WriteString("\n")
			if _, err := io.WriteString(w, ev.String()); err != nil {
				return
			}
			if rc.Flush() != nil {
				return
			}
			last = state
		}
		select {
		case <-ctx.Done():
			return
		case <-deadline.C:
			return
		case <-h.cfg.Stop:
			return
		case <-time.After(eventPoll):
		}
		run, err := h.svc.GetRun(ctx, a, p.ID, p.Run.ID)
		if err != nil {
			return // the browser reconnects, and the guard answers what changed
		}
		p.Run, p.Percent = run, int(run.Progress*100+0.5)
	}
}

// publishRun publishes the report of a succeeded run (Service.PublishReport, as POST
// …/runs/{rid}/publish) and sends the reader to the commission's reports.
func (h *handler) publishRun(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	id := r.PathValue("id")
	_, err := h.svc.PublishReport(r.Context(), a, id, r.PathValue("rid"), evaluation.PublishInput{})
	if errors.Is(err, engine.ErrConflict) || errors.As(err, new(*engine.ValidationError)) {
		p, ok := h.loadRun(w, r)
		if !ok {
			return
		}
		p.Problem = string(messages.WebRunPublishConflict)
		h.renderRun(w, r, http.StatusConflict, p)
		return
	}
	if h.failed(w, r, err) {
		return
	}
	http.Redirect(w, r, "/commissions/"+id+"/reports", http.StatusSeeOther)
}

// renderFragment writes one named template of a page, without the layout, for htmx.
func (h *handler) renderFragment(w http.ResponseWriter, r *http.Request, page, name string, data any) {
	lang := language(w, r)
	v := view{Lang: lang, Page: page, Path: r.URL.Path, Version: engine.BuildVersion, Data: data}
	var buf bytes.Buffer
	if err := h.pages.byLang[lang][page].ExecuteTemplate(&buf, name, v); err != nil {
		h.log.Error("rendering a fragment", "page", page, "fragment", name, "err", err)
		http.Error(w, messages.For(lang).Sprintf(messages.WebErrorInternal), http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Language", string(lang))
	hd.Set("Cache-Control", "no-store")
	hd.Add("Vary", "Accept-Language, Cookie")
	w.Write(buf.Bytes())
}

// formatScore prints a score with two decimals, or a dash when there is none.
func formatScore(x *float64) string {
	if x == nil {
		return "—"
	}
	return strconv.FormatFloat(*x, 'f', 2, 64)
}

// cancelRun cancels a queued run, or asks a running one to stop (Service.CancelRun, as POST
// …/runs/{rid}/cancel), and shows the run again.
func (h *handler) cancelRun(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	id, rid := r.PathValue("id"), r.PathValue("rid")
	_, err := h.svc.CancelRun(r.Context(), a, id, rid)
	if errors.Is(err, engine.ErrConflict) {
		p, ok := h.loadRun(w, r)
		if !ok {
			return
		}
		p.Problem = string(messages.WebRunCancelConflict)
		h.renderRun(w, r, http.StatusConflict, p)
		return
	}
	if h.failed(w, r, err) {
		return
	}
	http.Redirect(w, r, "/commissions/"+id+"/runs/"+rid, http.StatusSeeOther)
}
