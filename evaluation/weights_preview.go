package evaluation

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/statistics"
)

// AdjustmentPreview is what adjusting one local weight would do, computed and not stored: the
// units' composite scores, ranks and grades on the current data under the saved version and
// under the proposed weight, and for each neighbouring pair of the proposed ranking the change
// of that weight that would swap them.
type AdjustmentPreview struct {
	Node   string  `json:"node"`
	Child  string  `json:"child"`
	Before float64 `json:"before"` // the child's local weight in the saved version
	After  float64 `json:"after"`  // the proposed local weight
	// Global is how the indicators' global weights move (WeightChange, largest move first).
	Global []WeightChange `json:"global"`
	// Basis says what the units were scored on: the inputs of run RunNumber (its datasets,
	// surveys and configuration, grade bands included) or, when no run has succeeded on this
	// framework, dataset DatasetNumber with the default configuration (no grade bands).
	RunNumber     int           `json:"run_number,omitempty"`
	DatasetNumber int           `json:"dataset_number,omitempty"`
	Units         []PreviewUnit `json:"units"`
	// GradeNames names the grade codes of Units (from the configuration's bands).
	GradeNames map[string]string `json:"grade_names,omitempty"`
	Swaps      []SwapThreshold   `json:"swaps"`
	// Linear reports whether every composite moved on one straight line with the weight (checked
	// on three weights); when not (clipping, missing values renormalised, grade quotas do not
	// matter here), the swap weights are first-order estimates.
	Linear bool `json:"linear"`
	// Note says why there is no ranking: "incomplete" (the set derives no complete weights),
	// "no_data" (the commission has no dataset) or "not_scored" (the engine refused the inputs,
	// NoteDetail saying why); empty otherwise.
	Note       string `json:"note,omitempty"`
	NoteDetail string `json:"note_detail,omitempty"`
	// NoteDetailMessage is NoteDetail as a message of the catalogue, for clients that show it in
	// their reader's language; NoteDetail is its English text.
	NoteDetailMessage *messages.Message `json:"note_detail_message,omitempty"`
}

// PreviewUnit is one unit under the saved and the proposed weights.
type PreviewUnit struct {
	Unit       string   `json:"unit"`
	Name       string   `json:"name"`
	SavedScore *float64 `json:"saved_score"`
	Score      *float64 `json:"score"`
	SavedRank  int      `json:"saved_rank,omitempty"`
	Rank       int      `json:"rank,omitempty"`
	SavedGrade string   `json:"saved_grade,omitempty"`
	Grade      string   `json:"grade,omitempty"`
	Moved      int      `json:"moved"` // places gained (positive) or lost
}

// SwapThreshold is the smallest move of the adjusted weight, from the proposed value, at which
// two neighbours of the proposed ranking would tie (and beyond which they swap).
type SwapThreshold struct {
	Upper     string  `json:"upper"` // the unit ranked higher under the proposed weight
	UpperName string  `json:"upper_name"`
	Lower     string  `json:"lower"`
	LowerName string  `json:"lower_name"`
	Gap       float64 `json:"gap"` // composite of Upper − composite of Lower
	// Delta is the change of the local weight; nil when no weight in [0, 1) swaps them (a tie only
	// at weight 1, where the other children weigh nothing, does not count).
	Delta  *float64 `json:"delta"`
	Weight *float64 `json:"weight,omitempty"` // the local weight at which they tie
}

// probeStep is how far from the saved weight the third computation moves the weight to measure
// each composite's slope.
const probeStep = 0.05

// PreviewAdjustment computes, without storing anything, what setting one child's local weight of
// a weight set would do (the same check as AdjustWeight; the reason is not needed yet). The
// units are scored by the engine on the inputs of the commission's newest succeeded run on the
// set's framework — its datasets, surveys and configuration, with the uncertainty analysis off —
// or, without one, on the newest dataset with the default configuration; three times: under the
// saved version, under the proposed weight, and under a probe weight (saved ± 0.05) that gives
// each composite's slope in the weight. The swap thresholds are WeightCrossing on those lines
// (docs/methods.md, "Adjusting a weight").
func (s *Service) PreviewAdjustment(ctx context.Context, a Actor, commissionID, id string, in AdjustmentInput) (*AdjustmentPreview, error) {
	var out *AdjustmentPreview
	err := s.inCommission(ctx, a, commissionID, PermJudge, func(tx Tx) error {
		c, err := tx.GetCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		ws, err := s.weightSet(ctx, tx, commissionID, id, false)
		if err != nil {
			return err
		}
		f, err := weightFramework(ctx, tx, ws)
		if err != nil {
			return err
		}
		in.Reason = "preview" // the reason is asked for when the adjustment is saved
		if err := checkAdjustment(f, &in); err != nil {
			return err
		}
		js, err := tx.ListJudgments(ctx, ws.ID)
		if err != nil {
			return err
		}
		saved, _, err := s.deriveWeightSet(ctx, tx, c, f, ws, js)
		if err != nil {
			return err
		}
		out = &AdjustmentPreview{Node: in.Node, Child: in.Child, After: *in.Weight, Global: []WeightChange{}, Units: []PreviewUnit{}, Swaps: []SwapThreshold{}}
		if !saved.Complete {
			out.Note = "incomplete"
			return nil
		}
		for _, n := range saved.Nodes {
			if i := slices.Index(n.Children, in.Child); n.Node == in.Node && i >= 0 {
				out.Before = n.Weights[i]
			}
		}
		with := func(w float64) *engine.WeightSet {
			v := *ws
			v.Adjustments = append(slices.Clone(ws.Adjustments), engine.WeightAdjustment{Node: in.Node, Child: in.Child, Weight: w, Reason: "preview"})
			return &v
		}
		proposed, err := engine.DeriveWeights(f, with(out.After), js, nil)
		if err != nil {
			return err
		}
		gk := func(r *engine.WeightResult) ([]weightKey, map[weightKey]float64) {
			var keys []weightKey
			m := map[weightKey]float64{}
			for _, g := range r.Global {
				k := weightKey{"", g.Indicator}
				keys = append(keys, k)
				m[k] = g.Weight
			}
			return keys, m
		}
		fk, fm := gk(saved)
		tk, tm := gk(proposed)
		out.Global, _ = weightChanges(fk, fm, tk, tm)

		base, err := s.previewInputs(ctx, tx, c, f, out)
		if err != nil || base == nil {
			return err
		}
		probe := out.Before + probeStep
		if probe >= 1 {
			probe = out.Before - probeStep
		}
		var results [3]*engine.Result
		for k, set := range []*engine.WeightSet{ws, with(out.After), with(probe)} {
			inp := *base
			inp.Weights = engine.RunWeights{Set: *set, Judgments: js}
			if results[k], err = engine.Compute(&inp); err != nil {
				m := errorReason(err)
				out.Note, out.NoteDetail, out.NoteDetailMessage = "not_scored", messages.For(messages.English).Render(m), &m
				return nil
			}
		}
		previewRanking(out, results[0], results[1], results[2], probe)
		return nil
	})
	return out, err
}

// previewInputs assembles the inputs the preview scores on (see PreviewAdjustment), with the
// uncertainty analysis off; nil with out.Note set when there is no data.
func (s *Service) previewInputs(ctx context.Context, tx Tx, c *Commission, f *engine.Framework, out *AdjustmentPreview) (*engine.RunInputs, error) {
	runs, err := tx.ListRuns(ctx, c.ID, Page{Limit: MaxPageSize})
	if err != nil {
		return nil, err
	}
	for i := range runs {
		r := &runs[i]
		if r.Status != RunSucceeded || r.FrameworkID != f.ID {
			continue
		}
		in, err := s.assemble(ctx, tx, r)
		if err != nil {
			return nil, err
		}
		in.Config.MonteCarlo = engine.MonteCarloConfig{Off: true}
		out.RunNumber = r.Number
		return in, nil
	}
	ds, err := tx.ListDatasets(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		out.Note = "no_data"
		return nil, nil
	}
	d := ds[0]
	out.DatasetNumber = d.Number
	rd := engine.RunDataset{ID: d.ID, Number: d.Number, SHA256: d.SHA256, FileName: d.FileName}
	if err := tx.WalkObservations(ctx, d.ID, func(o *engine.Observation) error {
		rd.Observations = append(rd.Observations, *o)
		return nil
	}); err != nil {
		return nil, err
	}
	units, err := tx.ListUnits(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	in := &engine.RunInputs{Commission: engine.RunCommission{ID: c.ID, EvaluatedPeriod: c.EvaluatedPeriod, PeriodStart: c.PeriodStart, PeriodEnd: c.PeriodEnd},
		Framework: f, Units: units, Datasets: []engine.RunDataset{rd}, Config: engine.RunConfig{MonteCarlo: engine.MonteCarloConfig{Off: true}}}
	in.Config.Defaults(c.EvaluatedPeriod)
	return in, nil
}

// previewRanking fills the units and the swap thresholds of out from the results under the saved
// weight (out.Before), the proposed one (out.After) and the probe.
func previewRanking(out *AdjustmentPreview, saved, proposed, probe *engine.Result, probeWeight float64) {
	out.GradeNames = map[string]string{}
	for _, r := range []*engine.Result{saved, proposed} {
		for _, g := range r.Grades {
			out.GradeNames[g.Code] = g.Name
		}
	}
	slope := make([]float64, len(saved.Units))
	out.Linear = true
	for i, u := range saved.Units {
		p, q := proposed.Units[i], probe.Units[i]
		pu := PreviewUnit{Unit: u.Code, Name: u.Name, SavedScore: u.Composite, Score: p.Composite, SavedRank: u.Rank, Rank: p.Rank,
			SavedGrade: u.Grade, Grade: p.Grade}
		if u.Rank > 0 && p.Rank > 0 {
			pu.Moved = u.Rank - p.Rank
		}
		out.Units = append(out.Units, pu)
		if u.Composite == nil || q.Composite == nil {
			continue
		}
		slope[i] = (*q.Composite - *u.Composite) / (probeWeight - out.Before)
		if p.Composite != nil {
			predicted := *u.Composite + slope[i]*(out.After-out.Before)
			if math.Abs(predicted-*p.Composite) > 1e-6 {
				out.Linear = false
			}
		}
	}
	order := make([]int, 0, len(out.Units))
	for i, u := range out.Units {
		if u.Rank > 0 && u.Score != nil {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(x, y int) bool { return out.Units[order[x]].Rank < out.Units[order[y]].Rank })
	for k := 1; k < len(order); k++ {
		a, b := order[k-1], order[k]
		ua, ub := out.Units[a], out.Units[b]
		st := SwapThreshold{Upper: ua.Unit, UpperName: ua.Name, Lower: ub.Unit, LowerName: ub.Name, Gap: *ua.Score - *ub.Score}
		if d, ok := statistics.WeightCrossing(*ua.Score, slope[a], *ub.Score, slope[b]); ok && out.After+d >= 0 && out.After+d < 1-1e-9 {
			w := out.After + d
			st.Delta, st.Weight = &d, &w
		}
		out.Swaps = append(out.Swaps, st)
	}
	sort.SliceStable(out.Units, func(i, j int) bool {
		a, b := out.Units[i], out.Units[j]
		if (a.Rank == 0) != (b.Rank == 0) {
			return b.Rank == 0
		}
		return a.Rank < b.Rank
	})
}

// String describes a swap threshold for logs and tests.
func (t SwapThreshold) String() string {
	if t.Delta == nil {
		return fmt.Sprintf("%s>%s: no swap", t.Upper, t.Lower)
	}
	return fmt.Sprintf("%s>%s: Δ %+.4f (w %.4f)", t.Upper, t.Lower, *t.Delta, *t.Weight)
}
