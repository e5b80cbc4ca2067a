package api

import (
	"net/http"

	"evalbench/evaluation"
)

// routeTable lists every route of the API in one place.
func (s *Server) routeTable() []Route {
	const v1 = "/api/v1"
	rs := []Route{
		{Method: http.MethodGet, Path: "/healthz", Summary: "Liveness and database reachability", Tag: "service", Auth: Public, Response: Health{}, Status: 200, Also: []int{503}, Handler: s.health},
		{Method: http.MethodGet, Path: v1 + "/openapi.json", Summary: "This API's OpenAPI 3 document", Tag: "service", Auth: Public, Produces: []string{"application/json"}, Status: 200, Handler: s.openAPI},

		{Method: http.MethodGet, Path: v1 + "/me", Summary: "The authenticated user", Tag: "accounts", Auth: User, Response: evaluationUser{}, Status: 200, Handler: s.me},
		{Method: http.MethodPost, Path: v1 + "/institutes", Summary: "Create an institute (platform admin)", Tag: "accounts", Auth: User, Body: instituteInput{}, Response: evaluationInstitute{}, Status: 201, Handler: s.createInstitute},
		{Method: http.MethodGet, Path: v1 + "/institutes", Summary: "List institutes (all for a platform admin, one's own otherwise)", Tag: "accounts", Auth: User, Response: List[evaluationInstitute]{}, Status: 200, Handler: s.listInstitutes},
		{Method: http.MethodPost, Path: v1 + "/users", Summary: "Create a user (institute or platform admin)", Tag: "accounts", Auth: User, Body: userInput{}, Response: evaluationUser{}, Status: 201, Handler: s.createUser},
		{Method: http.MethodGet, Path: v1 + "/users", Summary: "List the users of an institute", Tag: "accounts", Auth: User, Query: []Param{{Name: "institute", Type: "string", Format: "uuid", Description: "institute id (platform admin); default one's own"}}, Response: List[evaluationUser]{}, Status: 200, Handler: s.listUsers},
		{Method: http.MethodPost, Path: v1 + "/tokens", Summary: "Issue an API token (shown once)", Tag: "accounts", Auth: User, Body: tokenInput{}, Response: newToken{}, Status: 201, Handler: s.createToken},
		{Method: http.MethodGet, Path: v1 + "/tokens", Summary: "List tokens (never their secrets)", Tag: "accounts", Auth: User, Query: []Param{{Name: "user", Type: "string", Format: "uuid", Description: "user id; default oneself"}}, Response: List[evaluationToken]{}, Status: 200, Handler: s.listTokens},
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
		{Method: http.MethodGet, Path: v1 + "/audit", Summary: "List audit entries of a commission (or all, for admins)", Tag: "audit", Auth: User, Query: []Param{{Name: "commission", Type: "string", Format: "uuid", Description: "commission id (admins may leave it out)"}, {Name: "after", Type: "integer", Min: intp(0), Description: "list entries after this sequence number"}, {Name: "limit", Type: "integer", Min: intp(1), Max: intp(evaluation.MaxPageSize), Default: 100, Description: "page size, 1–500 (default 100)"}}, Response: List[auditEntry]{}, Status: 200, Handler: s.listAudit},

		{Method: http.MethodPost, Path: v1 + "/commissions/:cid/frameworks", Summary: "Create a framework version from JSON", Tag: "frameworks", Auth: User, Body: framework{}, Response: framework{}, Status: 201, Handler: s.createFramework},
		{Method: http.MethodPost, Path: v1 + "/commissions/:cid/frameworks/import", Summary: "Import a framework file (JSON, CSV or XLSX: one row per indicator, a column per annual target)", Tag: "frameworks", Auth: User, Upload: true, Query: fileParams, Response: framework{}, Status: 201, Handler: s.importFramework},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/frameworks", Summary: "List framework versions", Tag: "frameworks", Auth: User, Response: List[frameworkSummary]{}, Status: 200, Handler: s.listFrameworks},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/frameworks/:fid", Summary: "Get a framework version with its tree (fid may be latest)", Tag: "frameworks", Auth: User, Response: framework{}, Status: 200, Handler: s.getFramework},
		{Method: http.MethodPut, Path: v1 + "/commissions/:cid/frameworks/:fid", Summary: "Replace a framework's tree (If-Match); a locked framework yields a new version (201)", Tag: "frameworks", Auth: User, IfMatch: true, Body: framework{}, Response: framework{}, Status: 200, Also: []int{201}, Handler: s.updateFramework},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/frameworks/:fid/export", Summary: "Export a framework as json, csv or xlsx", Tag: "frameworks", Auth: User, Query: []Param{{Name: "format", Type: "string", Enum: exportFormats, Default: "json", Description: "json (default), csv, tsv or xlsx"}}, Produces: exportMediaTypes(), RawSchema: framework{}, Status: 200, Handler: s.exportFramework},

		{Method: http.MethodPost, Path: v1 + "/commissions/:cid/datasets", Summary: "Import observations as a new dataset version (all or nothing; every error listed)", Tag: "datasets", Auth: User, Upload: true, Query: append([]Param{{Name: "framework", Type: "string", Format: "uuid", Description: "framework id (default: the newest)"}, {Name: "dry_run", Type: "boolean", Description: "validate only, store nothing"}, {Name: "label", Type: "string", Description: "a label for the version"}}, fileParams...), Response: importResult{}, Status: 201, Also: []int{200}, Handler: s.importDataset},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/datasets", Summary: "List dataset versions", Tag: "datasets", Auth: User, Response: List[dataset]{}, Status: 200, Handler: s.listDatasets},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/datasets/compare", Summary: "Compare two dataset versions by indicator, unit and period", Tag: "datasets", Auth: User, Query: []Param{{Name: "from", Type: "string", Format: "uuid", Required: true, Description: "dataset id"}, {Name: "to", Type: "string", Format: "uuid", Required: true, Description: "dataset id"}}, Response: datasetComparison{}, Status: 200, Handler: s.compareDatasets},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/datasets/:did", Summary: "Get a dataset version", Tag: "datasets", Auth: User, Response: dataset{}, Status: 200, Handler: s.getDataset},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/datasets/:did/observations", Summary: "List a dataset's observations in file order", Tag: "datasets", Auth: User, Query: pageParams, Response: List[observation]{}, Status: 200, Handler: s.listObservations},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/datasets/:did/export", Summary: "Export a dataset as csv, tsv, xlsx or json", Tag: "datasets", Auth: User, Query: []Param{{Name: "format", Type: "string", Enum: exportFormats, Default: "csv", Description: "csv (default), tsv, xlsx or json"}}, Produces: exportMediaTypes(), RawSchema: observationsExport{}, Status: 200, Handler: s.exportDataset},
		{Method: http.MethodPost, Path: v1 + "/commissions/:cid/datasets/:did/freeze", Summary: "Freeze a dataset version so runs may use it (one-way)", Tag: "datasets", Auth: User, Response: dataset{}, Status: 200, Handler: s.freezeDataset},
	}
	rs = append(rs, s.surveyRoutes()...)
	rs = append(rs, s.weightRoutes()...)
	rs = append(rs, s.runRoutes()...)
	rs = append(rs, s.reportRoutes()...)
	rs = append(rs, s.auditRoutes()...)
	rs = append(rs, s.roundRoutes()...)
	return rs
}

var fileParams = []Param{
	{Name: "filename", Type: "string", Description: "the file's name, when the body is raw (its extension names the format)"},
	{Name: "format", Type: "string", Enum: exportFormats, Description: "csv, tsv, xlsx or json (default: from the name or the content)"},
	{Name: "encoding", Type: "string", Enum: []string{"utf-8", "utf8", "gbk", "cp936", "gb2312", "gb18030"}, Description: "utf-8, gbk or gb18030 for CSV (default: detected)"},
	{Name: "sheet", Type: "string", Description: "XLSX worksheet (default: the first)"},
}

var pageParams = []Param{
	{Name: "limit", Type: "integer", Min: intp(1), Max: intp(evaluation.MaxPageSize), Default: 100, Description: "page size, 1–500 (default 100)"},
	{Name: "offset", Type: "integer", Min: intp(0), Default: 0, Description: "items to skip"},
}

// observationsExport is a dataset exported as JSON.
type observationsExport struct {
	Observations []observation `json:"observations"`
}

// exportFormats are the formats of exports and imports (see exportTypes).
var exportFormats = []string{"csv", "tsv", "xlsx", "json"}

// exportMediaTypes lists the media types exports answer, one per format.
func exportMediaTypes() []string {
	out := make([]string, 0, len(exportFormats))
	for _, f := range exportFormats {
		out = append(out, exportTypes[f])
	}
	return out
}
