package evaluation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// The evaluation–rectification–feedback loop (评价—整改—反馈, plan line 3452; 限期整改 of units
// graded fail, line 3482; 社会评价意见整改, line 3454). An evaluation raises rectification items
// for units — from a fail grade, a flag (last two places two periods running) or an opinion of
// the social evaluation; the item's owner closes it with evidence by a date; a second step audits
// the closure. The next period's run carries the items of earlier periods as they stood when it
// was created (engine.RunInputs.Rectifications): its report shows them with their status at the
// end of its period, and the award for effective rectification is computed from them. Every
// change is written to the audit log in the same transaction.

// RectificationItem is a stored rectification item: the engine's record with its bookkeeping.
type RectificationItem struct {
	engine.Rectification
	CommissionID string    `json:"commission_id"`
	Version      int       `json:"version"`
	CreatedBy    string    `json:"created_by,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// RectificationInput raises one item.
type RectificationInput struct {
	Unit        string        `json:"unit"`
	Period      engine.Period `json:"period"` // default: the source run's period, else the commission's
	Source      string        `json:"source"`
	SourceRunID string        `json:"source_run_id,omitempty"`
	Reference   string        `json:"reference,omitempty"`
	Issue       string        `json:"issue"`
	Owner       string        `json:"owner"`
	Deadline    string        `json:"deadline"`
}

// RectificationsFromRun raises one item per unit graded fail (the grade codes in FailGrades,
// default ["fail"]) and per flagged unit of a succeeded run, with one owner rule and deadline.
type RectificationsFromRun struct {
	RunID      string   `json:"run_id"`
	FailGrades []string `json:"fail_grades,omitempty"`
	Owner      string   `json:"owner,omitempty"` // default: the unit's name
	Deadline   string   `json:"deadline"`
}

// RectificationUpdate changes an open item's owner, deadline or issue (omitted fields stay).
type RectificationUpdate struct {
	Owner    *string `json:"owner,omitempty"`
	Deadline *string `json:"deadline,omitempty"`
	Issue    *string `json:"issue,omitempty"`
}

// RectificationClose closes an open item with its evidence, or audits a closed one.
type RectificationClose struct {
	Evidence string `json:"evidence,omitempty"` // close: required
	On       string `json:"on"`                 // the date closed (close) or audited (audit)
	Note     string `json:"note,omitempty"`     // audit: what the audit found
}

// RectificationFilter narrows a listing.
type RectificationFilter struct {
	Unit   string
	Period engine.Period
	Status string
}

// maxRectificationText bounds every text of an item.
const maxRectificationText = 4000

func checkDate(v *engine.ValidationError, field, s string, required bool) time.Time {
	if s == "" {
		if required {
			v.Add(engine.Catalogued(field, "", messages.RectDateRequired))
		}
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Year() < 1900 || t.Year() > 2200 {
		v.Add(engine.Catalogued(field, s, messages.RectDateFormat))
		return time.Time{}
	}
	return t
}

func checkRectText(v *engine.ValidationError, field, s string, required bool) {
	switch {
	case required && s == "":
		v.Add(engine.Catalogued(field, "", messages.RectRequired))
	case len(s) > maxRectificationText:
		v.Add(engine.Catalogued(field, "", messages.RectTextLong, "max", maxRectificationText))
	case s != "" && engine.TextProblem(s) != "":
		v.Add(engine.CataloguedMessage(field, "", engine.TextProblemMessage(s)))
	}
}

// CreateRectification raises one item.
func (s *Service) CreateRectification(ctx context.Context, a Actor, commissionID string, in RectificationInput) (*RectificationItem, error) {
	var out *RectificationItem
	err := s.inCommission(ctx, a, commissionID, PermRuns, func(tx Tx) error {
		var err error
		out, err = s.createRectification(ctx, tx, a, commissionID, in, "")
		return err
	})
	return out, err
}

func (s *Service) createRectification(ctx context.Context, tx Tx, a Actor, commissionID string, in RectificationInput, field string) (*RectificationItem, error) {
	v := engine.NewValidation(messages.ValidationRectification)
	switch in.Source {
	case engine.RectifyFromFail, engine.RectifyFromFlag, engine.RectifyFromOpinion, engine.RectifyFromOther:
	default:
		v.Add(engine.Catalogued(field+"source", in.Source, messages.RectSource))
	}
	checkRectText(v, field+"issue", in.Issue, true)
	checkRectText(v, field+"owner", in.Owner, true)
	checkRectText(v, field+"reference", in.Reference, false)
	checkDate(v, field+"deadline", in.Deadline, true)
	units, err := tx.ListUnits(ctx, commissionID)
	if err != nil {
		return nil, err
	}
	known := false
	for _, u := range units {
		known = known || u.Code == in.Unit
	}
	if !known {
		v.Add(engine.Catalogued(field+"unit", in.Unit, messages.RectNoUnit))
	}
	if in.SourceRunID != "" {
		r, err := s.run(ctx, tx, commissionID, in.SourceRunID)
		if errors.Is(err, engine.ErrNotFound) {
			v.Add(engine.Catalogued(field+"source_run_id", in.SourceRunID, messages.RectNoRun))
		} else if err != nil {
			return nil, err
		} else if in.Period == "" {
			in.Period = r.Period
		}
	}
	if in.Period == "" {
		c, err := tx.GetCommission(ctx, commissionID)
		if err != nil {
			return nil, err
		}
		in.Period = c.EvaluatedPeriod
	}
	if p, err := engine.ParsePeriod(string(in.Period)); err != nil {
		v.Add(engine.Catalogued(field+"period", string(in.Period), messages.RunConfigPeriod, "period", strings.TrimSpace(string(in.Period))))
	} else {
		in.Period = p
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	it := &RectificationItem{CommissionID: commissionID, CreatedBy: a.UserID, Rectification: engine.Rectification{
		Unit: in.Unit, Period: in.Period, Source: in.Source, SourceRunID: in.SourceRunID, Reference: in.Reference,
		Issue: in.Issue, Owner: in.Owner, Deadline: in.Deadline, Status: engine.RectifyOpen}}
	if err := tx.CreateRectification(ctx, it); err != nil {
		return nil, err
	}
	return it, s.audit(ctx, tx, a, commissionID, "rectification.create", "rectification", it.ID,
		map[string]any{"number": it.Number, "item": it.Rectification})
}

// OpenRectificationsFromRun raises an item for every unit of a succeeded run graded fail (限期整改,
// plan line 3482) and every flagged unit (last two places two periods running). A unit that
// already has an item of the same source from this run gets no second one.
func (s *Service) OpenRectificationsFromRun(ctx context.Context, a Actor, commissionID string, req RectificationsFromRun) ([]RectificationItem, error) {
	var out []RectificationItem
	err := s.inCommission(ctx, a, commissionID, PermRuns, func(tx Tx) error {
		v := engine.NewValidation(messages.ProblemDetailInvalidRequest)
		checkDate(v, "deadline", req.Deadline, true)
		checkRectText(v, "owner", req.Owner, false)
		if err := v.Err(); err != nil {
			return err
		}
		r, err := s.run(ctx, tx, commissionID, req.RunID)
		if errors.Is(err, engine.ErrNotFound) {
			return engine.Invalid("run_id", messages.RectNoRun)
		} else if err != nil {
			return err
		}
		if r.Status != RunSucceeded {
			return engine.Refuse(engine.ErrConflict, messages.ConflictRunNoResult, "number", r.Number, "status", messages.ID("run.status."+r.Status))
		}
		raw, _, err := tx.GetRunResult(ctx, r.ID)
		if err != nil {
			return err
		}
		var res engine.Result
		if err := json.Unmarshal(raw, &res); err != nil {
			return fmt.Errorf("run %d result: %w", r.Number, err)
		}
		fail := map[string]bool{"fail": true}
		if len(req.FailGrades) > 0 {
			fail = map[string]bool{}
			for _, g := range req.FailGrades {
				fail[g] = true
			}
		}
		existing, err := tx.ListRectifications(ctx, commissionID, RectificationFilter{Period: r.Period})
		if err != nil {
			return err
		}
		have := map[string]bool{}
		for _, it := range existing {
			if it.SourceRunID == r.ID {
				have[it.Unit+"/"+it.Source] = true
			}
		}
		for _, u := range res.Units {
			owner := req.Owner
			if owner == "" {
				owner = u.Name
			}
			raise := func(source, ref, issue string) error {
				if have[u.Code+"/"+source] {
					return nil
				}
				it, err := s.createRectification(ctx, tx, a, commissionID, RectificationInput{Unit: u.Code, Period: r.Period,
					Source: source, SourceRunID: r.ID, Reference: ref, Issue: issue, Owner: owner, Deadline: req.Deadline}, "")
				if err != nil {
					return err
				}
				out = append(out, *it)
				return nil
			}
			if fail[u.Grade] {
				if err := raise(engine.RectifyFromFail, "grade "+u.Grade,
					fmt.Sprintf("限期整改：%s评定等次为不合格（规划第3482行） / rectify by the deadline: graded %s", r.Period, u.Grade)); err != nil {
					return err
				}
			}
			if u.Flagged {
				if err := raise(engine.RectifyFromFlag, "bottom_two_twice",
					fmt.Sprintf("连续两年排名后两位（%s）（规划第3482行） / in the last two places two periods running (%s)", r.Period, r.Period)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if out == nil {
		out = []RectificationItem{}
	}
	return out, err
}

// ListRectifications lists a commission's items by number.
func (s *Service) ListRectifications(ctx context.Context, a Actor, commissionID string, f RectificationFilter) ([]RectificationItem, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) ([]RectificationItem, error) {
		return tx.ListRectifications(ctx, commissionID, f)
	})
}

// GetRectification returns one item.
func (s *Service) GetRectification(ctx context.Context, a Actor, commissionID, id string) (*RectificationItem, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) (*RectificationItem, error) {
		return s.rectification(ctx, tx, commissionID, id)
	})
}

func (s *Service) rectification(ctx context.Context, tx Tx, commissionID, id string) (*RectificationItem, error) {
	if !validID(id) {
		return nil, fmt.Errorf("rectification %q: %w", id, engine.ErrNotFound)
	}
	return tx.GetRectification(ctx, commissionID, id)
}

// change loads an item, checks its version, applies fn and stores and audits it.
func (s *Service) changeRectification(ctx context.Context, a Actor, commissionID, id, action string, version int,
	fn func(it *RectificationItem) (map[string]any, error)) (*RectificationItem, error) {
	var out *RectificationItem
	err := s.inCommission(ctx, a, commissionID, PermRuns, func(tx Tx) error {
		it, err := s.rectification(ctx, tx, commissionID, id)
		if err != nil {
			return err
		}
		if version == 0 {
			return errVersionRequired
		}
		if version != it.Version {
			return staleVersion(it.Version, version)
		}
		changes, err := fn(it)
		if err != nil {
			return err
		}
		if err := tx.UpdateRectification(ctx, it); err != nil {
			return err
		}
		changes["number"] = it.Number
		out = it
		return s.audit(ctx, tx, a, commissionID, action, "rectification", it.ID, changes)
	})
	return out, err
}

// UpdateRectification changes an open item's owner, deadline or issue.
// version is the item's version the change is based on (If-Match): 0 is refused as missing, a
// stale one as stale.
func (s *Service) UpdateRectification(ctx context.Context, a Actor, commissionID, id string, version int, u RectificationUpdate) (*RectificationItem, error) {
	return s.changeRectification(ctx, a, commissionID, id, "rectification.update", version, func(it *RectificationItem) (map[string]any, error) {
		if it.Status != engine.RectifyOpen {
			return nil, engine.Refuse(engine.ErrConflict, messages.ConflictRectNotOpen, "number", it.Number, "status", string(it.Status))
		}
		v := engine.NewValidation(messages.ValidationRectificationUpdate)
		changes := map[string]any{}
		if u.Owner != nil {
			checkRectText(v, "owner", *u.Owner, true)
			changes["owner"] = [2]string{it.Owner, *u.Owner}
			it.Owner = *u.Owner
		}
		if u.Issue != nil {
			checkRectText(v, "issue", *u.Issue, true)
			changes["issue"] = [2]string{it.Issue, *u.Issue}
			it.Issue = *u.Issue
		}
		if u.Deadline != nil {
			checkDate(v, "deadline", *u.Deadline, true)
			changes["deadline"] = [2]string{it.Deadline, *u.Deadline}
			it.Deadline = *u.Deadline
		}
		if len(changes) == 0 {
			v.Add(engine.Catalogued("owner", "", messages.RectNothingChanges))
		}
		return changes, v.Err()
	})
}

// CloseRectification closes an open item with its evidence and the date it was completed.
func (s *Service) CloseRectification(ctx context.Context, a Actor, commissionID, id string, version int, c RectificationClose) (*RectificationItem, error) {
	return s.changeRectification(ctx, a, commissionID, id, "rectification.close", version, func(it *RectificationItem) (map[string]any, error) {
		if it.Status != engine.RectifyOpen {
			return nil, engine.Refuse(engine.ErrConflict, messages.ConflictRectAlready, "number", it.Number, "status", string(it.Status))
		}
		v := engine.NewValidation(messages.ValidationClosure)
		checkRectText(v, "evidence", c.Evidence, true)
		on := checkDate(v, "on", c.On, true)
		if !on.IsZero() && on.After(s.now()) {
			v.Add(engine.Catalogued("on", c.On, messages.RectClosureFuture))
		}
		if err := v.Err(); err != nil {
			return nil, err
		}
		it.Status, it.Evidence, it.ClosedOn = engine.RectifyClosed, c.Evidence, c.On
		return map[string]any{"status": it.Status, "evidence": it.Evidence, "closed_on": it.ClosedOn,
			"late": it.ClosedOn > it.Deadline}, nil
	})
}

// AuditRectification records the audit of a closed item (the closure checked).
func (s *Service) AuditRectification(ctx context.Context, a Actor, commissionID, id string, version int, c RectificationClose) (*RectificationItem, error) {
	return s.changeRectification(ctx, a, commissionID, id, "rectification.audit", version, func(it *RectificationItem) (map[string]any, error) {
		if it.Status != engine.RectifyClosed {
			return nil, engine.Refuse(engine.ErrConflict, messages.ConflictRectNotClosed, "number", it.Number, "status", string(it.Status))
		}
		v := engine.NewValidation(messages.ValidationAudit)
		checkRectText(v, "note", c.Note, false)
		on := checkDate(v, "on", c.On, true)
		if !on.IsZero() && on.After(s.now()) {
			v.Add(engine.Catalogued("on", c.On, messages.RectAuditFuture))
		}
		if !on.IsZero() && c.On < it.ClosedOn {
			v.Add(engine.Catalogued("on", c.On, messages.RectAuditBeforeClosure, "closed", it.ClosedOn))
		}
		if err := v.Err(); err != nil {
			return nil, err
		}
		it.Status, it.AuditedOn, it.AuditNote = engine.RectifyAudited, c.On, c.Note
		return map[string]any{"status": it.Status, "audited_on": it.AuditedOn, "note": it.AuditNote}, nil
	})
}

// rectificationsBefore is the snapshot a run of period p takes: the items of earlier periods.
func rectificationsBefore(ctx context.Context, tx Tx, commissionID string, p engine.Period) ([]engine.Rectification, error) {
	items, err := tx.ListRectifications(ctx, commissionID, RectificationFilter{})
	if err != nil {
		return nil, err
	}
	out := []engine.Rectification{}
	for _, it := range items {
		if it.Period < p {
			out = append(out, it.Rectification)
		}
	}
	return out, nil
}

// RectificationTx is the storage of rectification items and of the runs' snapshots of them.
type RectificationTx interface {
	// CreateRectification numbers the item after the commission's newest and stores it.
	CreateRectification(ctx context.Context, it *RectificationItem) error
	GetRectification(ctx context.Context, commissionID, id string) (*RectificationItem, error)
	ListRectifications(ctx context.Context, commissionID string, f RectificationFilter) ([]RectificationItem, error)
	// UpdateRectification stores the item's changes and raises its version.
	UpdateRectification(ctx context.Context, it *RectificationItem) error
	SetRunRectifications(ctx context.Context, runID string, items []engine.Rectification) error
	RunRectifications(ctx context.Context, runID string) ([]engine.Rectification, error)
}
