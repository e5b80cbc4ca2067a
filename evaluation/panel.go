package evaluation

import (
	"context"
	"encoding/json"
	"fmt"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// RunPanel is a run joined with the run of the previous period per unit (score and rank
// changes), with the awards the run computed from the panel and the rectification items of
// earlier periods it carried (plan lines 3452, 3494).
type RunPanel struct {
	RunID          string                     `json:"run_id"`
	RunNumber      int                        `json:"run_number"`
	Period         engine.Period              `json:"period"`
	Panel          *engine.Panel              `json:"panel"`
	Awards         []engine.Award             `json:"awards"`
	Rectifications []engine.RectificationView `json:"rectifications"`
}

// Panel returns the panel of a succeeded run: its result and the result of its previous run
// (previous_run_id), joined per unit by engine.PanelOf. A run without a previous run has a nil
// panel. A run whose result carries the panel answers it as computed.
func (s *Service) Panel(ctx context.Context, a Actor, commissionID, runID string) (*RunPanel, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) (*RunPanel, error) {
		r, err := s.run(ctx, tx, commissionID, runID)
		if err != nil {
			return nil, err
		}
		res, _, err := succeededResult(ctx, tx, r)
		if err != nil {
			return nil, err
		}
		out := &RunPanel{RunID: r.ID, RunNumber: r.Number, Period: r.Period, Panel: res.Panel,
			Awards: res.Awards, Rectifications: res.Rectifications}
		if out.Panel == nil && r.PreviousRunID != "" {
			prev, err := tx.GetRun(ctx, commissionID, r.PreviousRunID)
			if err != nil {
				return nil, err
			}
			pres, digest, err := succeededResult(ctx, tx, prev)
			if err != nil {
				return nil, err
			}
			counts := map[string]int{}
			for _, it := range res.Rectifications {
				counts[it.Unit]++
			}
			out.Panel = engine.PanelOf(engine.PreviousOf(prev.ID, prev.Period, digest, pres), res.Units, counts)
		}
		if out.Awards == nil {
			out.Awards = []engine.Award{}
		}
		if out.Rectifications == nil {
			out.Rectifications = []engine.RectificationView{}
		}
		return out, nil
	})
}

func succeededResult(ctx context.Context, tx Tx, r *Run) (*engine.Result, string, error) {
	if r.Status != RunSucceeded {
		return nil, "", engine.Refuse(engine.ErrConflict, messages.ConflictRunNoResult, "number", r.Number, "status", messages.ID("run.status."+r.Status))
	}
	raw, digest, err := tx.GetRunResult(ctx, r.ID)
	if err != nil {
		return nil, "", err
	}
	var res engine.Result
	if err := json.Unmarshal(raw, &res); err != nil {
		return nil, "", fmt.Errorf("run %d result: %w", r.Number, err)
	}
	return &res, digest, nil
}
