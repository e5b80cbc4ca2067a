package evaluation

import (
	"context"
	"errors"
	"fmt"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// PreviewReport renders the HTML report of a succeeded run as publishing would, without signing,
// storing or publishing anything: the staff read it before they publish. The draft carries the
// next report version of the commission and no signing key or audit checkpoint (those are made
// when the report is published), so its bytes differ from the published report's in those
// places only.
func (s *Service) PreviewReport(ctx context.Context, a Actor, commissionID, runID string) ([]byte, error) {
	var inputs *engine.RunInputs
	var result []byte
	var meta engine.ReportMeta
	err := s.inCommission(ctx, a, commissionID, PermRuns, func(tx Tx) error {
		c, err := tx.GetCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		r, err := s.run(ctx, tx, commissionID, runID)
		if err != nil {
			return err
		}
		if r.Status != RunSucceeded {
			return engine.Refuse(engine.ErrConflict, messages.ConflictRunNotSucceededReport, "number", r.Number, "status", messages.ID("run.status."+r.Status))
		}
		if result, _, err = tx.GetRunResult(ctx, r.ID); err != nil {
			return err
		}
		if inputs, err = s.assemble(ctx, tx, r); err != nil {
			return err
		}
		meta = engine.ReportMeta{ReportID: newUUID(), Version: 1, IssuedAt: s.now(), RunID: r.ID, RunNumber: r.Number,
			InstituteID: c.InstituteID, Illustrative: inputs.Weights.Set.Illustrative}
		latest, err := tx.LatestReport(ctx, commissionID)
		switch {
		case errors.Is(err, engine.ErrNotFound):
		case err != nil:
			return err
		default:
			meta.Version, meta.Supersedes = latest.Version+1, latest.ID
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := s.needReporter(); err != nil {
		return nil, err
	}
	_, html, err := s.reporting.reporter.Build(inputs, result, meta)
	if err != nil {
		return nil, fmt.Errorf("building the report preview: %w", err)
	}
	return html, nil
}
