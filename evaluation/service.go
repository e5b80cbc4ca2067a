package evaluation

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Service carries out every use case of evalbench. It is safe for concurrent use.
type Service struct {
	store     Store
	codec     Codec
	reporting reporting // report builder and master key (WithReporter, WithMasterKey)
	now       func() time.Time
	signin    signinState // sign-in policy and per-address failures (sessions.go)
	// responseKeyPairs bounds the key sets of a response import (WithResponseKeyPairs).
	responseKeyPairs int
}

// NewService returns a Service over st.
func NewService(st Store, opts ...Option) *Service {
	s := &Service{store: st, now: func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Store returns the service's store (for tools such as the audit verifier).
func (s *Service) Store() Store { return s.store }

// access resolves what actor may do on commission id. A commission the actor has no role on
// answers ErrNotFound, whether it exists or not, so that ids of other tenants do not leak.
func (s *Service) access(ctx context.Context, tx Tx, a Actor, commissionID string, p Permission) (Access, error) {
	if !validID(commissionID) {
		return Access{}, fmt.Errorf("commission %q: %w", commissionID, engine.ErrNotFound)
	}
	acc, err := tx.CommissionAccess(ctx, commissionID, a.UserID)
	if err != nil {
		return Access{}, err
	}
	acc.Platform = a.PlatformAdmin
	if len(acc.Roles) == 0 && !acc.Platform {
		return Access{}, fmt.Errorf("commission %s: %w", commissionID, engine.ErrNotFound)
	}
	if err := acc.Require(p); err != nil {
		return Access{}, err
	}
	return acc, nil
}

// Authorize checks that the actor holds permission p on the commission, in its own transaction.
// Operations that must read a large upload before they open their transaction call it first, so
// that a caller without the permission learns nothing from the file's problems.
func (s *Service) Authorize(ctx context.Context, a Actor, commissionID string, p Permission) error {
	return s.inCommission(ctx, a, commissionID, p, func(Tx) error { return nil })
}

// inCommission runs fn in one transaction, once the actor is known to hold permission p on the
// commission: the opening of every operation on one commission's things.
func (s *Service) inCommission(ctx context.Context, a Actor, commissionID string, p Permission, fn func(tx Tx) error) error {
	return s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, p); err != nil {
			return err
		}
		return fn(tx)
	})
}

// readCommission loads something of a commission in a transaction, once the actor is known to
// hold permission p on it.
func readCommission[T any](ctx context.Context, s *Service, a Actor, commissionID string, p Permission, load func(tx Tx) (T, error)) (T, error) {
	var out T
	err := s.inCommission(ctx, a, commissionID, p, func(tx Tx) error {
		var err error
		out, err = load(tx)
		return err
	})
	return out, err
}

// audit appends one entry to the audit chain inside tx.
func (s *Service) audit(ctx context.Context, tx Tx, a Actor, commissionID, action, objectType, objectID string, changes any) error {
	raw, err := json.Marshal(changes)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	if string(raw) == "null" {
		raw = []byte("{}")
	}
	e := &AuditEntry{
		At:           s.now(),
		ActorID:      a.UserID,
		ActorName:    a.Name,
		InstituteID:  a.InstituteID,
		CommissionID: commissionID,
		Action:       action,
		ObjectType:   objectType,
		ObjectID:     objectID,
		RequestID:    a.RequestID,
		Changes:      raw,
	}
	return tx.AppendAudit(ctx, e)
}

// validID reports whether s looks like a UUID, the form of every stored id. Anything else cannot
// exist and answers not found without a query.
func validID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// Page bounds a listing.
type Page struct {
	Limit  int
	Offset int
}

// MaxPageSize is the largest page any listing returns.
const MaxPageSize = 500

// Check validates the page, defaulting Limit to 100.
func (p *Page) Check() error {
	if p.Limit == 0 {
		p.Limit = 100
	}
	if p.Limit < 1 || p.Limit > MaxPageSize {
		return engine.Invalid("limit", messages.PageLimit, "max", MaxPageSize)
	}
	if p.Offset < 0 {
		return engine.Invalid("offset", messages.PageOffset)
	}
	return nil
}

// Option configures a Service.
type Option func(*Service)

// WithClock makes the service read the time from now (tests that move time forward).
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }
