package evaluation

import (
	"slices"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Actor is who performs an operation: a user authenticated by a token, with the request it came
// in on (for the audit log).
type Actor struct {
	UserID         string
	Name           string
	InstituteID    string // empty for a platform admin without an institute
	PlatformAdmin  bool
	InstituteAdmin bool
	RequestID      string
}

// Role is what a user may do on one commission. Roles are granted per commission.
type Role string

// Roles.
const (
	RoleOwner     Role = "owner"     // runs the commission for the institute
	RoleEvaluator Role = "evaluator" // institute staff: frameworks, data, weights, surveys, runs
	RoleExpert    Role = "expert"    // expert-pool member: submits AHP judgments, adjusts weights
	RoleReviewer  Role = "reviewer"  // procurement acceptance reviewer
	RoleViewer    Role = "viewer"    // the client (委托方) and evaluated units: read only
)

// Roles lists every role in a stable order.
var Roles = []Role{RoleOwner, RoleEvaluator, RoleExpert, RoleReviewer, RoleViewer}

// ValidRole reports whether r names a role.
func ValidRole(r Role) bool { return slices.Contains(Roles, r) }

// Permission is one kind of action on a commission.
type Permission string

// Permissions.
const (
	PermRead      Permission = "read"      // see the commission and everything in it
	PermManage    Permission = "manage"    // edit the commission, move its lifecycle, grant roles
	PermUnits     Permission = "units"     // add and edit evaluated units
	PermFramework Permission = "framework" // build and edit indicator frameworks
	PermData      Permission = "data"      // import and freeze datasets
	PermWeights   Permission = "weights"   // create weight sets and configure their method
	PermJudge     Permission = "judge"     // submit one's own AHP judgments; adjust weights with a reason
	PermSurveys   Permission = "surveys"   // define surveys and import responses
	PermRuns      Permission = "runs"      // start and cancel evaluation runs
	PermPublish   Permission = "publish"   // publish a signed report
	PermAccept    Permission = "accept"    // record the acceptance decision
	PermAudit     Permission = "audit"     // read the commission's audit log
)

// RolePermissions is the one table of what each role may do on a commission. The README shows it;
// the API's authorization-matrix test checks every route against it.
var RolePermissions = map[Role][]Permission{
	RoleOwner:     {PermRead, PermManage, PermUnits, PermFramework, PermData, PermWeights, PermSurveys, PermRuns, PermPublish, PermAudit},
	RoleEvaluator: {PermRead, PermUnits, PermFramework, PermData, PermWeights, PermSurveys, PermRuns, PermAudit},
	RoleExpert:    {PermRead, PermJudge},
	RoleReviewer:  {PermRead, PermAccept, PermAudit},
	RoleViewer:    {PermRead},
}

// Allows reports whether any of roles carries permission p.
func Allows(roles []Role, p Permission) bool {
	for _, r := range roles {
		if slices.Contains(RolePermissions[r], p) {
			return true
		}
	}
	return false
}

// Access is what an actor may do on one commission.
type Access struct {
	CommissionID string
	InstituteID  string
	Roles        []Role
	Platform     bool // the actor is a platform admin (may do everything but judge and accept)
}

// Can reports whether the access carries permission p.
func (a Access) Can(p Permission) bool {
	if a.Platform && p != PermJudge && p != PermAccept {
		return true
	}
	return Allows(a.Roles, p)
}

// Require returns nil when the access carries p, and ErrForbidden otherwise.
func (a Access) Require(p Permission) error {
	if a.Can(p) {
		return nil
	}
	return engine.Refuse(engine.ErrForbidden, messages.ForbiddenPermission, "permission", string(p), "roles", roleCodes(a.Roles))
}
