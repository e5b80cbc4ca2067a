package api

import (
	"net/http"
)

// routeTable lists every route of the API in one place.
func (s *Server) routeTable() []Route {
	const v1 = "/api/v1"
	rs := []Route{
		{Method: http.MethodGet, Path: "/healthz", Summary: "Liveness and database reachability", Tag: "service", Auth: Public, Response: Health{}, Status: 200, Handler: s.health},
		{Method: http.MethodGet, Path: v1 + "/openapi.json", Summary: "This API's OpenAPI 3 document", Tag: "service", Auth: Public, Status: 200, Handler: s.openAPI},

		{Method: http.MethodGet, Path: v1 + "/me", Summary: "The authenticated user", Tag: "accounts", Auth: User, Response: evaluationUser{}, Status: 200, Handler: s.me},
		{Method: http.MethodPost, Path: v1 + "/institutes", Summary: "Create an institute (platform admin)", Tag: "accounts", Auth: User, Body: instituteInput{}, Response: evaluationInstitute{}, Status: 201, Handler: s.createInstitute},
		{Method: http.MethodGet, Path: v1 + "/institutes", Summary: "List institutes (all for a platform admin, one's own otherwise)", Tag: "accounts", Auth: User, Response: List[evaluationInstitute]{}, Status: 200, Handler: s.listInstitutes},
		{Method: http.MethodPost, Path: v1 + "/users", Summary: "Create a user (institute or platform admin)", Tag: "accounts", Auth: User, Body: userInput{}, Response: evaluationUser{}, Status: 201, Handler: s.createUser},
		{Method: http.MethodGet, Path: v1 + "/users", Summary: "List the users of an institute", Tag: "accounts", Auth: User, Query: []Param{{"institute", "string", "institute id (platform admin); default one's own"}}, Response: List[evaluationUser]{}, Status: 200, Handler: s.listUsers},
		{Method: http.MethodPost, Path: v1 + "/tokens", Summary: "Issue an API token (shown once)", Tag: "accounts", Auth: User, Body: tokenInput{}, Response: newToken{}, Status: 201, Handler: s.createToken},
		{Method: http.MethodGet, Path: v1 + "/tokens", Summary: "List tokens (never their secrets)", Tag: "accounts", Auth: User, Query: []Param{{"user", "string", "user id; default oneself"}}, Response: List[evaluationToken]{}, Status: 200, Handler: s.listTokens},
		{Method: http.MethodDelete, Path: v1 + "/tokens/:tid", Summary: "Revoke a token", Tag: "accounts", Auth: User, Status: 204, Handler: s.revokeToken},

		{Method: http.MethodPost, Path: v1 + "/commissions", Summary: "Create a commission (you become its owner)", Tag: "commissions", Auth: User, Body: commissionInput{}, Response: commission{}, Status: 201, Handler: s.createCommission},
		{Method: http.MethodGet, Path: v1 + "/commissions", Summary: "List the commissions you hold a role on", Tag: "commissions", Auth: User, Query: pageParams, Response: List[commission]{}, Status: 200, Handler: s.listCommissions},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid", Summary: "Get a commission", Tag: "commissions", Auth: User, Response: commission{}, Status: 200, Handler: s.getCommission},
		{Method: http.MethodPatch, Path: v1 + "/commissions/:cid", Summary: "Change a commission (If-Match)", Tag: "commissions", Auth: User, IfMatch: true, Body: commissionPatch{}, Response: commission{}, Status: 200, Handler: s.updateCommission},
		{Method: http.MethodPost, Path: v1 + "/commissions/:cid/transitions", Summary: "Move a commission along its lifecycle", Tag: "commissions", Auth: User, Body: transitionInput{}, Response: commission{}, Status: 200, Handler: s.transitionCommission},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/units", Summary: "List evaluated units", Tag: "commissions", Auth: User, Response: List[unit]{}, Status: 200, Handler: s.listUnits},
		{Method: http.MethodPost, Path: v1 + "/commissions/:cid/units", Summary: "Create or update units by code (all or nothing)", Tag: "commissions", Auth: User, Body: unitsInput{}, Response: upsertResult{}, Status: 200, Handler: s.upsertUnits},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/members", Summary: "List who holds which role", Tag: "commissions", Auth: User, Response: List[member]{}, Status: 200, Handler: s.listMembers},
		{Method: http.MethodPost, Path: v1 + "/commissions/:cid/members", Summary: "Grant a role", Tag: "commissions", Auth: User, Body: grantInput{}, Response: member{}, Status: 201, Handler: s.grant},
		{Method: http.MethodDelete, Path: v1 + "/commissions/:cid/members/:uid/:role", Summary: "Revoke a role", Tag: "commissions", Auth: User, Status: 204, Handler: s.revoke},
		{Method: http.MethodGet, Path: v1 + "/audit", Summary: "List audit entries of a commission (or all, for admins)", Tag: "audit", Auth: User, Query: []Param{{"commission", "string", "commission id"}, {"after", "integer", "list entries after this sequence number"}, {"limit", "integer", "page size (≤ 500)"}}, Response: List[auditEntry]{}, Status: 200, Handler: s.listAudit},
	}
	return rs
}

var pageParams = []Param{{"limit", "integer", "page size, 1–500 (default 100)"}, {"offset", "integer", "items to skip"}}
