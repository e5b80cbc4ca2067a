package evaluation

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Status is a commission's place in its lifecycle.
type Status string

// Lifecycle: draft → collecting → weighting → computing → review → published → accepted.
const (
	StatusDraft      Status = "draft"
	StatusCollecting Status = "collecting"
	StatusWeighting  Status = "weighting"
	StatusComputing  Status = "computing"
	StatusReview     Status = "review"
	StatusPublished  Status = "published"
	StatusAccepted   Status = "accepted"
)

// transitions lists the moves a user may make by hand, with the moves back that rework needs.
// Publishing and acceptance happen through their own operations (a signed report; a reviewer's
// decision), never by a bare status change.
var transitions = map[Status][]Status{
	StatusDraft:      {StatusCollecting},
	StatusCollecting: {StatusWeighting},
	StatusWeighting:  {StatusCollecting, StatusComputing},
	StatusComputing:  {StatusWeighting, StatusReview},
	StatusReview:     {StatusComputing},
	StatusPublished:  {StatusReview},
	StatusAccepted:   {},
}

// CheckTransition explains why a commission cannot move from one status to another, or returns
// nil when it can.
func CheckTransition(from, to Status) error {
	if _, ok := transitions[to]; !ok {
		return engine.Invalid("to", messages.CommissionUnknownStatus, "status", string(to))
	}
	if slices.Contains(transitions[from], to) {
		return nil
	}
	switch {
	case to == StatusPublished:
		return engine.Refuse(engine.ErrConflict, messages.ConflictPublishedBySigning)
	case to == StatusAccepted:
		return engine.Refuse(engine.ErrConflict, messages.ConflictAcceptedByReviewer)
	case from == StatusAccepted:
		return engine.Refuse(engine.ErrConflict, messages.ConflictAcceptedClosed)
	case from == to:
		return engine.Refuse(engine.ErrConflict, messages.ConflictAlreadyStatus, "status", statusID(to))
	}
	return engine.Refuse(engine.ErrConflict, messages.ConflictTransition, "from", statusID(from), "to", statusID(to), "allowed", statusNames(transitions[from]))
}

// Commission is a commissioned evaluation.
type Commission struct {
	ID              string        `json:"id"`
	InstituteID     string        `json:"institute_id"`
	Title           string        `json:"title"`
	Client          string        `json:"client"`
	Description     string        `json:"description"`
	PeriodStart     int           `json:"period_start"`
	PeriodEnd       int           `json:"period_end"`
	EvaluatedPeriod engine.Period `json:"evaluated_period"`
	Status          Status        `json:"status"`
	Synthetic       bool          `json:"synthetic"`
	Version         int           `json:"version"`
	CreatedBy       string        `json:"created_by,omitempty"`
	CreatedAt       time.Time     `json:"created_at"`
	UpdatedAt       time.Time     `json:"updated_at"`
}

// CommissionInput creates a commission or, in CommissionPatch, changes it.
type CommissionInput struct {
	Title           string `json:"title"`
	Client          string `json:"client"`
	Description     string `json:"description,omitempty"`
	PeriodStart     int    `json:"period_start"`
	PeriodEnd       int    `json:"period_end"`
	EvaluatedPeriod string `json:"evaluated_period"`
	Synthetic       bool   `json:"synthetic,omitempty"`
}

func (in *CommissionInput) validate() (engine.Period, error) {
	v := engine.NewValidation(messages.ValidationCommission)
	in.Title, in.Client = strings.TrimSpace(in.Title), strings.TrimSpace(in.Client)
	if in.Title == "" {
		v.Add(engine.Catalogued("title", "", messages.CommissionTitleRequired))
	}
	if in.Client == "" {
		v.Add(engine.Catalogued("client", "", messages.CommissionClientRequired))
	}
	if in.PeriodStart < 1900 || in.PeriodStart > 2200 {
		v.Add(engine.Catalogued("period_start", "", messages.CommissionPeriodStart))
	}
	if in.PeriodEnd < in.PeriodStart || in.PeriodEnd > 2200 {
		v.Add(engine.Catalogued("period_end", "", messages.CommissionPeriodEnd))
	}
	p, err := engine.ParsePeriod(in.EvaluatedPeriod)
	if err != nil {
		v.Add(engine.Catalogued("evaluated_period", in.EvaluatedPeriod, messages.RunConfigPeriod, "period", strings.TrimSpace(in.EvaluatedPeriod)))
	} else if p.Year() < in.PeriodStart-1 || p.Year() > in.PeriodEnd {
		v.Add(engine.Catalogued("evaluated_period", in.EvaluatedPeriod, messages.CommissionEvaluatedPeriodOutside))
	}
	return p, v.Err()
}

// CreateCommission creates a commission in the actor's institute, with the actor as owner.
func (s *Service) CreateCommission(ctx context.Context, a Actor, in CommissionInput) (*Commission, error) {
	return s.createCommission(ctx, a, in, nil)
}

// CreateExampleCommission creates a commission as CreateCommission does and records, in the same
// transaction, that the example loader made it for example; ExampleCommission finds it again.
// Only the loader calls it.
func (s *Service) CreateExampleCommission(ctx context.Context, a Actor, example string, in CommissionInput) (*Commission, error) {
	return s.createCommission(ctx, a, in, func(tx Tx, c *Commission) error {
		return tx.MarkExampleCommission(ctx, example, c.ID)
	})
}

// ExampleCommission returns the commission the example loader created for example, when the actor
// may read it; ErrNotFound when the loader made none. A commission a user made, whatever its
// title, is never an example's.
func (s *Service) ExampleCommission(ctx context.Context, a Actor, example string) (*Commission, error) {
	var id string
	err := s.store.Transact(ctx, func(tx Tx) error {
		var err error
		id, err = tx.ExampleCommission(ctx, example)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.GetCommission(ctx, a, id)
}

func (s *Service) createCommission(ctx context.Context, a Actor, in CommissionInput, mark func(Tx, *Commission) error) (*Commission, error) {
	if a.InstituteID == "" {
		return nil, engine.Refuse(engine.ErrForbidden, messages.ForbiddenNoInstitute)
	}
	p, err := in.validate()
	if err != nil {
		return nil, err
	}
	c := &Commission{InstituteID: a.InstituteID, Title: in.Title, Client: in.Client, Description: in.Description,
		PeriodStart: in.PeriodStart, PeriodEnd: in.PeriodEnd, EvaluatedPeriod: p, Status: StatusDraft,
		Synthetic: in.Synthetic, CreatedBy: a.UserID}
	err = s.store.Transact(ctx, func(tx Tx) error {
		if err := tx.CreateCommission(ctx, c); err != nil {
			return err
		}
		if err := tx.GrantRole(ctx, Member{CommissionID: c.ID, UserID: a.UserID, Role: RoleOwner, GrantedBy: a.UserID}); err != nil {
			return err
		}
		if mark != nil {
			if err := mark(tx, c); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, a, c.ID, "commission.create", "commission", c.ID, c)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// GetCommission returns a commission the actor may read.
func (s *Service) GetCommission(ctx context.Context, a Actor, id string) (*Commission, error) {
	var c *Commission
	err := s.inCommission(ctx, a, id, PermRead, func(tx Tx) error {
		var err error
		c, err = tx.GetCommission(ctx, id)
		return err
	})
	return c, err
}

// ListCommissions lists the commissions the actor holds a role on (all, for a platform admin).
func (s *Service) ListCommissions(ctx context.Context, a Actor, p Page) ([]Commission, error) {
	if err := p.Check(); err != nil {
		return nil, err
	}
	uid := a.UserID
	if a.PlatformAdmin {
		uid = ""
	}
	var out []Commission
	err := s.store.Transact(ctx, func(tx Tx) error {
		var err error
		out, err = tx.ListCommissions(ctx, uid, p)
		return err
	})
	return out, err
}

// CommissionPatch changes some of a commission's fields; nil fields stay.
type CommissionPatch struct {
	Title           *string `json:"title,omitempty"`
	Client          *string `json:"client,omitempty"`
	Description     *string `json:"description,omitempty"`
	PeriodStart     *int    `json:"period_start,omitempty"`
	PeriodEnd       *int    `json:"period_end,omitempty"`
	EvaluatedPeriod *string `json:"evaluated_period,omitempty"`
}

// UpdateCommission applies patch when version is the commission's current version (ErrStale
// otherwise; ErrVersionRequired when version is 0).
func (s *Service) UpdateCommission(ctx context.Context, a Actor, id string, version int, patch CommissionPatch) (*Commission, error) {
	var c *Commission
	err := s.inCommission(ctx, a, id, PermManage, func(tx Tx) error {
		if version == 0 {
			return errVersionRequired
		}
		old, err := tx.GetCommission(ctx, id)
		if err != nil {
			return err
		}
		if old.Version != version {
			return staleVersion(old.Version, version)
		}
		if old.Status == StatusPublished || old.Status == StatusAccepted {
			return engine.Refuse(engine.ErrConflict, messages.ConflictCommissionNotEditable, "status", statusID(old.Status))
		}
		in := CommissionInput{Title: old.Title, Client: old.Client, Description: old.Description,
			PeriodStart: old.PeriodStart, PeriodEnd: old.PeriodEnd, EvaluatedPeriod: string(old.EvaluatedPeriod)}
		set(&in.Title, patch.Title)
		set(&in.Client, patch.Client)
		set(&in.Description, patch.Description)
		set(&in.PeriodStart, patch.PeriodStart)
		set(&in.PeriodEnd, patch.PeriodEnd)
		set(&in.EvaluatedPeriod, patch.EvaluatedPeriod)
		p, err := in.validate()
		if err != nil {
			return err
		}
		c = new(Commission)
		*c = *old
		c.Title, c.Client, c.Description, c.PeriodStart, c.PeriodEnd, c.EvaluatedPeriod = in.Title, in.Client, in.Description, in.PeriodStart, in.PeriodEnd, p
		c.Version++
		c.UpdatedAt = s.now()
		if err := tx.UpdateCommission(ctx, c); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, id, "commission.update", "commission", id, map[string]any{"old": old, "new": c})
	})
	return c, err
}

func set[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

// TransitionCommission moves a commission along its lifecycle. version, when not 0, must be
// the current version.
func (s *Service) TransitionCommission(ctx context.Context, a Actor, id string, version int, to Status) (*Commission, error) {
	var c *Commission
	err := s.inCommission(ctx, a, id, PermManage, func(tx Tx) error {
		var err error
		c, err = tx.GetCommission(ctx, id)
		if err != nil {
			return err
		}
		if version != 0 && c.Version != version {
			return staleVersion(c.Version, version)
		}
		if err := CheckTransition(c.Status, to); err != nil {
			return err
		}
		return s.setStatus(ctx, tx, a, c, to)
	})
	return c, err
}

// setStatus moves c to status to inside tx, without checking the manual transition table.
func (s *Service) setStatus(ctx context.Context, tx Tx, a Actor, c *Commission, to Status) error {
	from := c.Status
	c.Status = to
	c.Version++
	c.UpdatedAt = s.now()
	if err := tx.UpdateCommission(ctx, c); err != nil {
		return err
	}
	return s.audit(ctx, tx, a, c.ID, "commission.transition", "commission", c.ID, map[string]any{"from": from, "to": to})
}

// UpsertResult counts what a bulk upsert did.
type UpsertResult struct {
	Created int           `json:"created"`
	Updated int           `json:"updated"`
	Units   []engine.Unit `json:"units"`
}

// UpsertUnits creates or updates units by code, all or nothing.
func (s *Service) UpsertUnits(ctx context.Context, a Actor, commissionID string, units []engine.Unit) (*UpsertResult, error) {
	v := engine.NewValidation(messages.ValidationUnits)
	seen := map[string]bool{}
	for i, u := range units {
		f := fmt.Sprintf("units[%d]", i)
		if !engine.ValidCode(u.Code) {
			v.Add(engine.Catalogued(f+".code", u.Code, messages.UnitCodeFormat))
		} else if seen[u.Code] {
			v.Add(engine.Catalogued(f+".code", u.Code, messages.UnitCodeTwice))
		}
		seen[u.Code] = true
		if strings.TrimSpace(u.Name) == "" {
			v.Add(engine.Catalogued(f+".name", "", messages.FieldNameRequired))
		}
		switch u.Kind {
		case engine.UnitDistrict, engine.UnitDepartment, engine.UnitSubdistrict, engine.UnitOther:
		case "":
			units[i].Kind = engine.UnitOther
		default:
			v.Add(engine.Catalogued(f+".kind", string(u.Kind), messages.UnitKind))
		}
	}
	res := &UpsertResult{}
	err := s.inCommission(ctx, a, commissionID, PermUnits, func(tx Tx) error {
		if len(units) == 0 {
			v.Add(engine.Catalogued("units", "", messages.UnitsNone))
		}
		if err := v.Err(); err != nil {
			return err
		}
		var err error
		res.Created, res.Updated, err = tx.UpsertUnits(ctx, commissionID, units)
		if err != nil {
			return err
		}
		if res.Units, err = tx.ListUnits(ctx, commissionID); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, commissionID, "units.upsert", "commission", commissionID, map[string]any{"units": units})
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// ListUnits lists a commission's units ordered by code.
func (s *Service) ListUnits(ctx context.Context, a Actor, commissionID string) ([]engine.Unit, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) ([]engine.Unit, error) {
		return tx.ListUnits(ctx, commissionID)
	})
}

// Member is one role a user holds on a commission.
type Member struct {
	CommissionID string    `json:"commission_id"`
	UserID       string    `json:"user_id"`
	UserName     string    `json:"user_name,omitempty"`
	Role         Role      `json:"role"`
	GrantedBy    string    `json:"granted_by,omitempty"`
	GrantedAt    time.Time `json:"granted_at,omitzero"`
}

// Grant gives a user a role on a commission.
func (s *Service) Grant(ctx context.Context, a Actor, commissionID, userID string, role Role) (*Member, error) {
	m := &Member{CommissionID: commissionID, UserID: userID, Role: role, GrantedBy: a.UserID}
	err := s.store.Transact(ctx, func(tx Tx) error {
		acc, err := s.access(ctx, tx, a, commissionID, PermManage)
		if err != nil {
			return err
		}
		if !ValidRole(role) {
			return engine.Invalid("role", messages.MemberRole, "roles", roleNames())
		}
		if !validID(userID) {
			return engine.Invalid("user_id", messages.MemberNoUser)
		}
		// Roles go to users of the commission's institute: another institute's user is refused
		// exactly as a missing one is.
		u, err := tx.GetUser(ctx, userID)
		if errors.Is(err, engine.ErrNotFound) || (err == nil && u.InstituteID != acc.InstituteID) {
			return engine.Invalid("user_id", messages.MemberNoUser)
		} else if err != nil {
			return err
		}
		m.UserName = u.Name
		if err := tx.GrantRole(ctx, *m); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, commissionID, "member.grant", "member", userID, map[string]any{"role": role})
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// Revoke takes a role away. The last owner cannot be removed.
func (s *Service) Revoke(ctx context.Context, a Actor, commissionID, userID string, role Role) error {
	return s.inCommission(ctx, a, commissionID, PermManage, func(tx Tx) error {
		if !validID(userID) || !ValidRole(role) {
			return fmt.Errorf("member %s/%s: %w", userID, role, engine.ErrNotFound)
		}
		if role == RoleOwner {
			ms, err := tx.ListMembers(ctx, commissionID)
			if err != nil {
				return err
			}
			owners := 0
			for _, m := range ms {
				if m.Role == RoleOwner {
					owners++
				}
			}
			if owners <= 1 {
				return engine.Refuse(engine.ErrConflict, messages.ConflictLastOwner)
			}
		}
		if err := tx.RevokeRole(ctx, commissionID, userID, role); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, commissionID, "member.revoke", "member", userID, map[string]any{"role": role})
	})
}

// ListMembers lists who holds which role on a commission.
func (s *Service) ListMembers(ctx context.Context, a Actor, commissionID string) ([]Member, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) ([]Member, error) {
		return tx.ListMembers(ctx, commissionID)
	})
}

// CommissionTx is the storage of commissions, their units and members' roles.
type CommissionTx interface {
	CreateCommission(ctx context.Context, c *Commission) error
	GetCommission(ctx context.Context, id string) (*Commission, error)
	// ListCommissions lists the commissions userID holds a role on, or all when userID is empty.
	ListCommissions(ctx context.Context, userID string, p Page) ([]Commission, error)
	// UpdateCommission stores c when the stored version is c.Version-1 (c.Version already
	// incremented by the caller), and answers ErrStale otherwise.
	UpdateCommission(ctx context.Context, c *Commission) error
	// CommissionAccess returns the commission's institute and the roles userID holds on it; a
	// commission that does not exist answers ErrNotFound.
	CommissionAccess(ctx context.Context, commissionID, userID string) (Access, error)
	UpsertUnits(ctx context.Context, commissionID string, units []engine.Unit) (created, updated int, err error)
	ListUnits(ctx context.Context, commissionID string) ([]engine.Unit, error)
	GrantRole(ctx context.Context, m Member) error
	RevokeRole(ctx context.Context, commissionID, userID string, role Role) error
	ListMembers(ctx context.Context, commissionID string) ([]Member, error)

	// MarkExampleCommission records that the example loader created the commission for example.
	MarkExampleCommission(ctx context.Context, example, commissionID string) error
	// ExampleCommission returns the id of the commission the example loader created for example
	// (ErrNotFound if none).
	ExampleCommission(ctx context.Context, example string) (string, error)

	// LockCommission locks the commission's row until the transaction ends (to number versions
	// of its frameworks, datasets and runs without races) and returns it.
	LockCommission(ctx context.Context, id string) (*Commission, error)
}

// statusID is the catalogue message naming commission status st, for the messages that quote it.
func statusID(st Status) messages.ID { return messages.ID("commission.status." + string(st)) }

// statusNames lists statuses by their codes, for the messages that list them.
func statusNames(sts []Status) []string {
	out := make([]string, len(sts))
	for i, st := range sts {
		out[i] = string(st)
	}
	return out
}

// roleNames lists the roles by their codes.
func roleNames() []string { return roleCodes(Roles) }

// roleCodes lists roles by their codes, for the messages that list them.
func roleCodes(rs []Role) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}
