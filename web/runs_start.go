package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// The form that starts a run: the weight set, the frozen datasets and the surveys to use, the
// previous period's run, and the configuration — the default, a copy of a previous run's (its
// grade bands, components, bonus rules …) or one edited as JSON. Problems come back by field,
// in the page's language, with the service's own text beside them.

// startForm is the start form as typed (or as proposed when the page opens).
type startForm struct {
	WeightSet  string
	Datasets   []string
	Surveys    []string
	Previous   string
	ConfigFrom string // a run whose configuration is copied; "" for the default
	Config     string // the configuration edited as JSON; when not blank it is used as is
	Problems   []runProblem
}

// runProblem is one problem of the start form: the field the service named, what it means in
// the page's language, and the service's text (English).
type runProblem struct {
	Field  string
	Label  string
	Detail string
}

// Has reports whether the form chose id among ids (for the checkboxes).
func (f startForm) Has(ids []string, id string) bool { return slices.Contains(ids, id) }

// startProposal proposes the start form: the newest weight set, and the datasets, surveys and
// configuration of the newest succeeded run (every frozen dataset and the default configuration
// when none has succeeded); ?edit={run} opens that run's configuration in the editor.
func startProposal(r *http.Request, p *runsPage) *startForm {
	f := &startForm{}
	if len(p.WeightSets) > 0 {
		f.WeightSet = p.WeightSets[0].ID
	}
	for _, d := range p.Datasets {
		f.Datasets = append(f.Datasets, d.ID)
	}
	if len(p.Previous) > 0 {
		last := p.Previous[0]
		f.ConfigFrom = last.ID
		f.Datasets = slices.Clone(last.DatasetIDs)
		f.Surveys = slices.Clone(last.SurveyIDs)
	}
	if edit := r.URL.Query().Get("edit"); edit != "" {
		for _, run := range p.Previous {
			if run.ID == edit {
				raw, _ := json.MarshalIndent(run.Config, "", "  ") // a stored configuration always marshals
				f.Config, f.ConfigFrom = string(raw), run.ID
			}
		}
	}
	return f
}

// startRun starts a run from the form (Service.CreateRun with a RunRequest, as POST …/runs) and
// sends the reader to the run's page to watch it.
func (h *handler) startRun(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	lang := language(w, r)
	p := messages.For(lang)
	if err := r.ParseForm(); err != nil {
		h.renderRuns(w, r, http.StatusBadRequest, string(messages.WebRunsInvalid), &startForm{})
		return
	}
	id := r.PathValue("id")
	f := &startForm{WeightSet: r.PostForm.Get("weight_set"), Datasets: r.PostForm["dataset"], Surveys: r.PostForm["survey"],
		Previous: r.PostForm.Get("previous"), ConfigFrom: r.PostForm.Get("config_from"), Config: r.PostForm.Get("config")}
	req := evaluation.RunRequest{WeightSetID: f.WeightSet, DatasetIDs: f.Datasets, SurveyIDs: f.Surveys, PreviousRunID: f.Previous}
	switch {
	case strings.TrimSpace(f.Config) != "":
		dec := json.NewDecoder(strings.NewReader(f.Config))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req.Config); err != nil {
			f.Problems = append(f.Problems, runProblem{Field: "config", Label: p.Sprintf(messages.WebRunsConfigBadJSON, "detail", jsonProblem(f.Config, err))})
			h.renderRuns(w, r, http.StatusUnprocessableEntity, string(messages.WebFormHasProblems), f)
			return
		}
	case f.ConfigFrom != "":
		from, err := h.svc.GetRun(r.Context(), a, id, f.ConfigFrom)
		if errors.Is(err, engine.ErrNotFound) {
			f.Problems = append(f.Problems, runProblem{Field: "config_from", Label: p.Sprintf(messages.WebRunsFieldPrevious)})
			h.renderRuns(w, r, http.StatusUnprocessableEntity, string(messages.WebFormHasProblems), f)
			return
		}
		if h.failed(w, r, err) {
			return
		}
		req.Config = from.Config
	}
	run, err := h.svc.CreateRun(r.Context(), a, id, req)
	var v *engine.ValidationError
	switch {
	case errors.As(err, &v):
		for _, q := range v.Problems {
			f.Problems = append(f.Problems, runProblem{Field: q.Field, Label: p.Sprintf(runFieldMessage(q.Field)), Detail: p.Or(q.MessageID, q.Args, q.Message)})
		}
		h.renderRuns(w, r, http.StatusUnprocessableEntity, string(messages.WebFormHasProblems), f)
		return
	case errors.Is(err, engine.ErrConflict):
		h.renderRuns(w, r, http.StatusConflict, string(messages.WebRunsConflict), f)
		return
	case err != nil:
		h.serviceError(w, r, err)
		return
	}
	http.Redirect(w, r, "/commissions/"+id+"/runs/"+run.ID, http.StatusSeeOther)
}

// runFieldMessage says in the catalogue's words what is wrong with a field of a run request.
func runFieldMessage(field string) messages.ID {
	switch {
	case field == "weight_set_id", field == "framework_id":
		return messages.WebRunsFieldWeightSet
	case strings.HasPrefix(field, "dataset_ids"):
		return messages.WebRunsFieldDatasets
	case strings.HasPrefix(field, "survey_ids"):
		return messages.WebRunsFieldSurveys
	case field == "previous_run_id":
		return messages.WebRunsFieldPrevious
	case strings.HasPrefix(field, "adjustments"):
		return messages.WebRunsFieldOther
	default: // the configuration's own fields: period, components[0].weight, grades[1].min_score …
		return messages.WebRunsFieldConfig
	}
}

// jsonProblem locates a JSON decoding error in the text: line and column, and what was wrong.
func jsonProblem(text string, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	offset := int64(-1)
	switch {
	case errors.As(err, &syn):
		offset = syn.Offset
	case errors.As(err, &typ):
		offset = typ.Offset
	}
	if offset < 0 || offset > int64(len(text)) {
		return strings.TrimPrefix(err.Error(), "json: ")
	}
	before := text[:offset]
	line := strings.Count(before, "\n") + 1
	col := len([]rune(before[strings.LastIndexByte(before, '\n')+1:]))
	return fmt.Sprintf("%d:%d %s", line, col, strings.TrimPrefix(err.Error(), "json: "))
}
