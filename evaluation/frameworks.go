package evaluation

import (
	"context"
	"fmt"
	"io"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// FrameworkSummary describes a framework version without its tree.
type FrameworkSummary struct {
	ID         string `json:"id"`
	Number     int    `json:"number"`
	Version    int    `json:"version"`
	Locked     bool   `json:"locked"`
	BasedOn    string `json:"based_on,omitempty"`
	Title      string `json:"title"`
	PlanStart  int    `json:"plan_start"`
	PlanEnd    int    `json:"plan_end"`
	Digest     string `json:"digest"`
	Indicators int    `json:"indicators"`
}

// CreateFramework stores f as the commission's next framework version.
func (s *Service) CreateFramework(ctx context.Context, a Actor, commissionID string, f *engine.Framework) (*engine.Framework, error) {
	err := s.inCommission(ctx, a, commissionID, PermFramework, func(tx Tx) error {
		return s.createFramework(ctx, tx, a, commissionID, f, "")
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

func (s *Service) createFramework(ctx context.Context, tx Tx, a Actor, commissionID string, f *engine.Framework, basedOn string) error {
	content, err := f.Prepare()
	if err != nil {
		return err
	}
	c, err := tx.LockCommission(ctx, commissionID)
	if err != nil {
		return err
	}
	if c.Status == StatusPublished || c.Status == StatusAccepted {
		return engine.Refuse(engine.ErrConflict, messages.ConflictFrameworkClosed, "status", statusID(c.Status))
	}
	f.CommissionID, f.BasedOn, f.Locked, f.Version = commissionID, basedOn, false, 1
	if err := tx.CreateFramework(ctx, f, content, a.UserID); err != nil {
		return err
	}
	return s.audit(ctx, tx, a, commissionID, "framework.create", "framework", f.ID,
		map[string]any{"number": f.Number, "digest": f.Digest, "based_on": basedOn, "indicators": len(f.Indicators())})
}

// ListFrameworks lists a commission's framework versions, newest first.
func (s *Service) ListFrameworks(ctx context.Context, a Actor, commissionID string) ([]FrameworkSummary, error) {
	var out []FrameworkSummary
	err := s.inCommission(ctx, a, commissionID, PermRead, func(tx Tx) error {
		fs, err := tx.ListFrameworks(ctx, commissionID)
		if err != nil {
			return err
		}
		for _, f := range fs {
			out = append(out, FrameworkSummary{ID: f.ID, Number: f.Number, Version: f.Version, Locked: f.Locked,
				BasedOn: f.BasedOn, Title: f.Title, PlanStart: f.PlanStart, PlanEnd: f.PlanEnd, Digest: f.Digest,
				Indicators: len(f.Indicators())})
		}
		return nil
	})
	return out, err
}

// GetFramework returns one framework version with its tree. An empty frameworkID or "latest"
// names the newest.
func (s *Service) GetFramework(ctx context.Context, a Actor, commissionID, frameworkID string) (*engine.Framework, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) (*engine.Framework, error) {
		return s.framework(ctx, tx, commissionID, frameworkID)
	})
}

func (s *Service) framework(ctx context.Context, tx Tx, commissionID, frameworkID string) (*engine.Framework, error) {
	if frameworkID == "" || frameworkID == "latest" {
		fs, err := tx.ListFrameworks(ctx, commissionID)
		if err != nil {
			return nil, err
		}
		if len(fs) == 0 {
			return nil, engine.Refuse(engine.ErrConflict, messages.ConflictNoFrameworkYet)
		}
		frameworkID = fs[0].ID
	}
	if !validID(frameworkID) {
		return nil, fmt.Errorf("framework %q: %w", frameworkID, engine.ErrNotFound)
	}
	return tx.GetFramework(ctx, commissionID, frameworkID)
}

// UpdateFramework replaces a framework's tree. The version must be the framework's current
// version. A locked framework (used by a run) is not changed: the edit becomes a new framework
// version based on it, and created reports that.
func (s *Service) UpdateFramework(ctx context.Context, a Actor, commissionID, frameworkID string, version int, f *engine.Framework) (out *engine.Framework, created bool, err error) {
	err = s.inCommission(ctx, a, commissionID, PermFramework, func(tx Tx) error {
		if !validID(frameworkID) {
			return fmt.Errorf("framework %q: %w", frameworkID, engine.ErrNotFound)
		}
		old, err := tx.GetFramework(ctx, commissionID, frameworkID)
		if err != nil {
			return err
		}
		if version == 0 {
			return errVersionRequired
		}
		if version != old.Version {
			return staleVersion(old.Version, version)
		}
		if old.Locked {
			created = true
			return s.createFramework(ctx, tx, a, commissionID, f, old.ID)
		}
		content, err := f.Prepare()
		if err != nil {
			return err
		}
		f.ID, f.CommissionID, f.Number, f.BasedOn, f.CreatedAt = old.ID, commissionID, old.Number, old.BasedOn, old.CreatedAt
		f.Version = old.Version + 1
		f.UpdatedAt = s.now()
		if err := tx.UpdateFramework(ctx, f, content); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, commissionID, "framework.update", "framework", f.ID,
			map[string]any{"number": f.Number, "old_digest": old.Digest, "new_digest": f.Digest, "version": f.Version})
	})
	if err != nil {
		return nil, false, err
	}
	return f, created, nil
}

// ImportFramework reads a framework file (JSON, CSV or XLSX) and stores it as the commission's
// next framework version. The plan period defaults to the commission's evaluation period.
func (s *Service) ImportFramework(ctx context.Context, a Actor, commissionID string, opts FileOptions, body io.Reader) (*engine.Framework, error) {
	if err := s.needCodec(); err != nil {
		return nil, err
	}
	if err := s.Authorize(ctx, a, commissionID, PermFramework); err != nil {
		return nil, err
	}
	c, err := s.GetCommission(ctx, a, commissionID)
	if err != nil {
		return nil, err
	}
	f, err := s.codec.ReadFramework(body, opts, c.PeriodStart, c.PeriodEnd)
	if err != nil {
		return nil, err
	}
	return s.CreateFramework(ctx, a, commissionID, f)
}

// ExportFramework writes a framework version as json, csv or xlsx — a file that imports back to
// an identical framework.
func (s *Service) ExportFramework(ctx context.Context, a Actor, commissionID, frameworkID, format string, w io.Writer) error {
	if err := s.needCodec(); err != nil {
		return err
	}
	f, err := s.GetFramework(ctx, a, commissionID, frameworkID)
	if err != nil {
		return err
	}
	if err := s.codec.WriteFramework(w, f, format); err != nil {
		return exportError(err)
	}
	return nil
}

// FrameworkTx is the storage of indicator frameworks. ListFrameworks returns newest first.
type FrameworkTx interface {
	CreateFramework(ctx context.Context, f *engine.Framework, content []byte, createdBy string) error
	GetFramework(ctx context.Context, commissionID, id string) (*engine.Framework, error)
	ListFrameworks(ctx context.Context, commissionID string) ([]engine.Framework, error)
	// UpdateFramework stores f when the stored version is f.Version-1 (ErrStale otherwise).
	UpdateFramework(ctx context.Context, f *engine.Framework, content []byte) error
	LockFramework(ctx context.Context, id string) error
}
