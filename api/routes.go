package api

import (
	"net/http"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/reports"
)

type (
	run        = evaluation.Run
	runRequest = evaluation.RunRequest
	runResult  = engine.Result
	runInputs  = engine.RunInputs
	runPanel   = evaluation.RunPanel
)

type (
	rectification         = evaluation.RectificationItem
	rectificationInput    = evaluation.RectificationInput
	rectificationsFromRun = evaluation.RectificationsFromRun
	rectificationUpdate   = evaluation.RectificationUpdate
	rectificationClose    = evaluation.RectificationClose
)

type (
	report             = evaluation.Report
	publishInput       = evaluation.PublishInput
	verification       = engine.Verification
	signingKey         = engine.SigningKey
	publicationLog     = evaluation.PublicationLog
	acceptance         = evaluation.Acceptance
	acceptanceInput    = evaluation.AcceptanceInput
	acceptanceDecision = evaluation.AcceptanceDecision
)

type auditCheckpoint = engine.Checkpoint

// routeTable lists every route of the API in one place: the API surface in one screen.
func (s *Server) routeTable() []Route {
	const v1 = "/api/v1"
	const surveys = v1 + "/commissions/:cid/surveys"
	const weightSets = v1 + "/commissions/:cid/weight-sets"
	const rep = v1 + "/commissions/:cid/reports/:repid"
	const rounds = weightSets + "/:wid/rounds"
	const raterLinks = surveys + "/:sid/rater-links"
	const rects = v1 + "/commissions/:cid/rectifications"
	return []Route{
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

		{Method: http.MethodPost, Path: surveys, Summary: "Define a survey: scale, items, rater groups with weights and minimums, aggregation options", Tag: "surveys", Auth: User, Body: survey{}, Response: survey{}, Status: 201, Handler: s.createSurvey},
		{Method: http.MethodGet, Path: surveys, Summary: "List surveys", Tag: "surveys", Auth: User, Response: List[survey]{}, Status: 200, Handler: s.listSurveys},
		{Method: http.MethodGet, Path: surveys + "/:sid", Summary: "Get a survey", Tag: "surveys", Auth: User, Response: survey{}, Status: 200, Handler: s.getSurvey},
		{Method: http.MethodPut, Path: surveys + "/:sid", Summary: "Replace a survey's definition (If-Match); once responses are imported only title, kind and options may change (409)", Tag: "surveys", Auth: User, IfMatch: true, Body: survey{}, Response: survey{}, Status: 200, Handler: s.updateSurvey},
		{Method: http.MethodPost, Path: surveys + "/:sid/responses", Summary: "Import survey responses (all or nothing; every error listed; rater keys stored only as HMAC pseudonyms; comments redacted)", Tag: "surveys", Auth: User, Upload: true, Query: append([]Param{{Name: "dry_run", Type: "boolean", Description: "validate only, store nothing"}}, fileParams...), Response: responseImportResult{}, Status: 201, Also: []int{200}, Handler: s.importResponses},
		{Method: http.MethodGet, Path: surveys + "/:sid/imports", Summary: "List a survey's response imports", Tag: "surveys", Auth: User, Response: List[responseImport]{}, Status: 200, Handler: s.listResponseImports},
		{Method: http.MethodGet, Path: surveys + "/:sid/results", Summary: "Aggregate a survey's responses: per unit × group × item statistics, 360 scores with suppression and renormalised weights, self–others gaps, reliability", Tag: "surveys", Auth: User, Response: surveyResult{}, Status: 200, Handler: s.surveyResults},
		{Method: http.MethodPost, Path: weightSets, Summary: "Create a weight set on a framework version (default: the newest) with its method and configuration", Tag: "weights", Auth: User, Body: weightSet{}, Response: weightSetDetail{}, Status: 201, Handler: s.createWeightSet},
		{Method: http.MethodGet, Path: weightSets, Summary: "List weight sets, newest first", Tag: "weights", Auth: User, Response: List[weightSet]{}, Status: 200, Handler: s.listWeightSets},
		{Method: http.MethodGet, Path: weightSets + "/compare", Summary: "Compare two weight sets: the local and global weights that moved, largest first", Tag: "weights", Auth: User, Query: []Param{{Name: "from", Type: "string", Format: "uuid", Required: true, Description: "weight set id"}, {Name: "to", Type: "string", Format: "uuid", Required: true, Description: "weight set id"}}, Response: weightComparison{}, Status: 200, Handler: s.compareWeightSets},
		{Method: http.MethodGet, Path: weightSets + "/:wid", Summary: "Get a weight set with its judgments and derived weights: completeness, each expert's CR and suggestions, exclusions", Tag: "weights", Auth: User, Response: weightSetDetail{}, Status: 200, Handler: s.getWeightSet},
		{Method: http.MethodPut, Path: weightSets + "/:wid", Summary: "Replace a weight set's name and configuration (If-Match) while no run has used it", Tag: "weights", Auth: User, IfMatch: true, Body: weightSet{}, Response: weightSetDetail{}, Status: 200, Handler: s.updateWeightSet},
		{Method: http.MethodGet, Path: weightSets + "/:wid/judgments", Summary: "List a weight set's judgments by node and expert", Tag: "weights", Auth: User, Response: List[judgment]{}, Status: 200, Handler: s.listJudgments},
		{Method: http.MethodPost, Path: weightSets + "/:wid/judgments", Summary: "Submit your own pairwise matrix for one node (experts; replaces your earlier one); answers its CR, suggestions and effect at once", Tag: "weights", Auth: User, Body: judgmentInput{}, Response: judgmentReceipt{}, Status: 201, Also: []int{200}, Handler: s.submitJudgment},
		{Method: http.MethodPost, Path: weightSets + "/:wid/judgments/survey", Summary: "Import an AHP questionnaire exported by a survey tool (CSV, TSV or XLSX; one row per respondent, a column per pair on the signed scale −9…9 or verbal labels such as 左稍微重要), read through the column map: matrices per respondent and node, blank pairs completed by Harker's method, optional revision of inconsistent matrices by Harker's derivatives (the answers kept beside); all or nothing, every problem by row and column", Tag: "weights", Auth: User, Upload: true, Query: append([]Param{{Name: "map", Type: "string", Required: true, Description: `the column map as JSON: {"respondent": heading, "name": heading, "organisation": heading, "columns": [{"column": heading, "node": code, "left": code, "right": code}], "labels": {label: signed value}, "revise": {"max": n, "round": bool}, "illustrative": bool, "note": text}`}}, fileParams...), Response: surveyIntake{}, Status: 200, Handler: s.importSurveyJudgments},
		{Method: http.MethodPost, Path: weightSets + "/:wid/judgments/import", Summary: "Import a panel's matrices on behalf of named experts (all or nothing; every problem listed by field path)", Tag: "weights", Auth: User, Body: judgmentPanel{}, Response: judgmentImport{}, Status: 200, Handler: s.importJudgments},
		{Method: http.MethodPost, Path: weightSets + "/:wid/adjustments", Summary: "Adjust one local weight with a written reason: makes a new weight-set version (the old one stays)", Tag: "weights", Auth: User, Body: adjustmentInput{}, Response: weightSetDetail{}, Status: 201, Handler: s.adjustWeight},
		{Method: http.MethodPost, Path: v1 + "/commissions/:cid/runs", Summary: "Queue an evaluation run (202); workers compute it", Tag: "runs", Auth: User, Body: runRequest{}, Response: run{}, Status: 202, Handler: s.createRun},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/runs", Summary: "List runs, newest first", Tag: "runs", Auth: User, Query: pageParams, Response: List[run]{}, Status: 200, Handler: s.listRuns},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/runs/:rid", Summary: "A run's status and progress (poll, or follow /events)", Tag: "runs", Auth: User, Response: run{}, Status: 200, Handler: s.getRun},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/runs/:rid/events", Summary: "Server-sent events: the run's progress until it ends", Tag: "runs", Auth: User, Produces: []string{"text/event-stream"}, Status: 200, Errors: []int{http.StatusConflict}, Handler: s.runEvents},
		{Method: http.MethodPost, Path: v1 + "/commissions/:cid/runs/:rid/cancel", Summary: "Cancel a run", Tag: "runs", Auth: User, Response: run{}, Status: 200, Handler: s.cancelRun},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/runs/:rid/result", Summary: "The result document (canonical JSON; X-Result-Digest is its SHA-256)", Tag: "runs", Auth: User, Response: runResult{}, Status: 200, Errors: []int{http.StatusConflict}, Handler: s.runResult},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/runs/:rid/inputs", Summary: "The inputs the run computed from (canonical JSON)", Tag: "runs", Auth: User, Response: runInputs{}, Status: 200, Errors: []int{http.StatusConflict}, Handler: s.runInputs},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/runs/:rid/panel", Summary: "The panel of a succeeded run and its previous period's run (previous_run_id): per unit both composites, ranks and grades with Δscore and Δrank (places gained), the awards computed from it and the rectification items carried from earlier periods", Tag: "runs", Auth: User, Response: runPanel{}, Status: 200, Errors: []int{http.StatusConflict}, Handler: s.runPanel},
		{Method: http.MethodPost, Path: rects, Summary: "Raise a rectification item (整改事项) for a unit: source fail_grade, flag, social_opinion or other, issue, owner and deadline (限期); audited", Tag: "rectifications", Auth: User, Body: rectificationInput{}, Response: rectification{}, Status: 201, Handler: s.createRectification},
		{Method: http.MethodPost, Path: rects + "/from-run", Summary: "Raise the items a succeeded run calls for: every unit graded fail (限期整改) and every flagged unit, with one deadline; a unit's item of the same source is not raised twice", Tag: "rectifications", Auth: User, Body: rectificationsFromRun{}, Response: List[rectification]{}, Status: 201, Handler: s.rectificationsFromRun},
		{Method: http.MethodGet, Path: rects, Summary: "List a commission's rectification items by number", Tag: "rectifications", Auth: User, Query: []Param{{Name: "unit", Type: "string", Description: "unit code"}, {Name: "period", Type: "string", Description: "the period that raised the items"}, {Name: "status", Type: "string", Enum: []string{"open", "closed", "audited"}, Description: "open, closed or audited"}}, Response: List[rectification]{}, Status: 200, Handler: s.listRectifications},
		{Method: http.MethodGet, Path: rects + "/:xid", Summary: "A rectification item", Tag: "rectifications", Auth: User, Response: rectification{}, Status: 200, Handler: s.getRectification},
		{Method: http.MethodPatch, Path: rects + "/:xid", Summary: "Change an open item's owner, deadline or issue (If-Match); audited", Tag: "rectifications", Auth: User, IfMatch: true, Body: rectificationUpdate{}, Response: rectification{}, Status: 200, Handler: s.updateRectification},
		{Method: http.MethodPost, Path: rects + "/:xid/close", Summary: "Close an open item with its evidence and the date it was completed (If-Match); audited", Tag: "rectifications", Auth: User, IfMatch: true, Body: rectificationClose{}, Response: rectification{}, Status: 200, Handler: s.closeRectification},
		{Method: http.MethodPost, Path: rects + "/:xid/audit", Summary: "Audit a closed item's closure: the date and what the audit found (If-Match); audited", Tag: "rectifications", Auth: User, IfMatch: true, Body: rectificationClose{}, Response: rectification{}, Status: 200, Handler: s.auditRectification},
		{Method: http.MethodPost, Path: v1 + "/calc/:method", Summary: "Compute one statistical method on JSON input (ahp, ahp-group, entropy, critic, topsis, icc, alpha, kendall-w, montecarlo, …)", Tag: "calc", Auth: User, Body: map[string]any{}, Response: map[string]any{}, Status: 200, Handler: s.calc},
		{Method: http.MethodPost, Path: v1 + "/commissions/:cid/runs/:rid/publish", Summary: "Publish a succeeded run's signed report (the commission must be in review or published; a later report supersedes the previous one)", Tag: "reports", Auth: User, Body: publishInput{}, BodyOptional: true, Response: report{}, Status: 201, Handler: s.publishReport},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/reports", Summary: "List a commission's published reports, newest first", Tag: "reports", Auth: User, Response: List[report]{}, Status: 200, Handler: s.listReports},
		{Method: http.MethodGet, Path: rep, Summary: "Get a published report", Tag: "reports", Auth: User, Response: report{}, Status: 200, Handler: s.getReport},
		{Method: http.MethodGet, Path: rep + "/report.json", Summary: "The canonical bundle (RFC 8785): manifest, inputs, results, results_digest — the signed payload", Tag: "reports", Auth: User, Produces: []string{"application/json"}, RawSchema: reports.Bundle{}, Status: 200, Handler: s.reportFile(engine.ReportJSON)},
		{Method: http.MethodGet, Path: rep + "/report.dsse.json", Summary: "The DSSE envelope holding the bundle and its Ed25519 signature (what `evalbench verify` checks)", Tag: "reports", Auth: User, Produces: []string{"application/json"}, RawSchema: reports.Envelope{}, Status: 200, Handler: s.reportFile(engine.ReportEnvelope)},
		{Method: http.MethodGet, Path: rep + "/report.html", Summary: "The HTML report (byte-identical for the same bundle)", Tag: "reports", Auth: User, Produces: []string{"text/html"}, Status: 200, Handler: s.reportFile(engine.ReportHTML)},
		{Method: http.MethodGet, Path: rep + "/report.pdf", Summary: "The PDF of the HTML report, printed by headless Chromium (content-identical; not signed)", Tag: "reports", Auth: User, Produces: []string{"application/pdf"}, Status: 200, Handler: s.reportFile(engine.ReportPDF)},
		{Method: http.MethodGet, Path: rep + "/results.csv", Summary: "A result table as UTF-8 CSV: units (rank, composite, grade, 4E scores) or indicators (values, targets, scores)", Tag: "reports", Auth: User, Query: []Param{{Name: "table", Type: "string", Enum: []string{"units", "indicators"}, Default: "units", Description: "units (default) or indicators"}}, Produces: []string{"text/csv"}, Status: 200, Handler: s.resultsCSV},
		{Method: http.MethodGet, Path: rep + "/results.xlsx", Summary: "The result tables as an XLSX workbook (sheets units and indicators)", Tag: "reports", Auth: User, Produces: []string{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}, Status: 200, Handler: s.resultsXLSX},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/acceptance", Summary: "The acceptance checklist of the current report, each item pass/fail with evidence, and the decisions so far", Tag: "acceptance", Auth: User, Response: acceptance{}, Status: 200, Handler: s.getAcceptance},
		{Method: http.MethodPost, Path: v1 + "/commissions/:cid/acceptance/decision", Summary: "Record the acceptance decision: accept (the commission becomes accepted) or reject with reasons (back to review)", Tag: "acceptance", Auth: User, Body: acceptanceInput{}, Response: acceptanceDecision{}, Status: 201, Handler: s.decideAcceptance},
		{Method: http.MethodGet, Path: v1 + "/institutes/:iid/keys", Summary: "An institute's report signing keys (public keys and fingerprints, active and retired)", Tag: "reports", Auth: Public, Response: List[signingKey]{}, Status: 200, Handler: s.listSigningKeys},
		{Method: http.MethodPost, Path: v1 + "/institutes/:iid/keys", Summary: "Rotate the institute's signing key: a new active key; the old one is retired and still verifies its reports (institute admin)", Tag: "reports", Auth: User, Response: signingKey{}, Status: 201, Handler: s.rotateSigningKey},
		{Method: http.MethodGet, Path: v1 + "/institutes/:iid/publications", Summary: "An institute's hash-chained publication log, with the result of checking the chain", Tag: "reports", Auth: Public, Response: publicationLog{}, Status: 200, Handler: s.listPublications},
		{Method: http.MethodGet, Path: "/reports/:repid/report.html", Summary: "A published report's HTML, public: publication makes results, methods and standards public (plan line 3420)", Tag: "reports", Auth: Public, Produces: []string{"text/html"}, Status: 200, Immutable: true, Handler: s.publicSignedFile(engine.ReportHTML)},
		{Method: http.MethodHead, Path: "/reports/:repid/report.html", Summary: "A published report's HTML: the headers alone", Tag: "reports", Auth: Public, Produces: []string{"text/html"}, Status: 200, Immutable: true, Handler: s.publicSignedFile(engine.ReportHTML)},
		{Method: http.MethodGet, Path: "/reports/:repid/report.pdf", Summary: "A published report's PDF, public", Tag: "reports", Auth: Public, Produces: []string{"application/pdf"}, Status: 200, Handler: s.publicReportFile(engine.ReportPDF)},
		{Method: http.MethodGet, Path: "/reports/:repid/report.json", Summary: "A published report's bundle, public", Tag: "reports", Auth: Public, Produces: []string{"application/json"}, RawSchema: reports.Bundle{}, Status: 200, Immutable: true, Handler: s.publicSignedFile(engine.ReportJSON)},
		{Method: http.MethodHead, Path: "/reports/:repid/report.json", Summary: "A published report's bundle: the headers alone", Tag: "reports", Auth: Public, Produces: []string{"application/json"}, RawSchema: reports.Bundle{}, Status: 200, Immutable: true, Handler: s.publicSignedFile(engine.ReportJSON)},
		{Method: http.MethodGet, Path: "/reports/:repid/report.dsse.json", Summary: "A published report's signed envelope, public (verify it with evalbench verify)", Tag: "reports", Auth: Public, Produces: []string{"application/json"}, RawSchema: reports.Envelope{}, Status: 200, Immutable: true, Handler: s.publicSignedFile(engine.ReportEnvelope)},
		{Method: http.MethodHead, Path: "/reports/:repid/report.dsse.json", Summary: "A published report's signed envelope: the headers alone", Tag: "reports", Auth: Public, Produces: []string{"application/json"}, RawSchema: reports.Envelope{}, Status: 200, Immutable: true, Handler: s.publicSignedFile(engine.ReportEnvelope)},
		{Method: http.MethodPost, Path: v1 + "/verify", Summary: "Verify a signed report offline: the DSSE envelope as the body, or multipart with envelope, optional report (report.json) and key (public key)", Tag: "reports", Auth: Public, Upload: true, MaxBody: s.cfg.VerifyLimit, Response: verification{}, Status: 200, Handler: s.verifyReport},
		{Method: http.MethodGet, Path: v1 + "/audit/checkpoints", Summary: "Export signed checkpoints of the audit chain (Ed25519 over {log, seq, hash, time}), oldest first: of a commission's institute (audit role), one's institute (institute admin) or all (platform admin) — keep them to check the chain with `evalbench audit verify --checkpoints`", Tag: "audit", Auth: User, Query: []Param{{Name: "commission", Type: "string", Format: "uuid", Description: "commission id"}, {Name: "institute", Type: "string", Format: "uuid", Description: "institute id (platform admin)"}}, Response: List[auditCheckpoint]{}, Status: 200, Handler: s.listCheckpoints},
		{Method: http.MethodPost, Path: v1 + "/audit/checkpoints", Summary: "Sign a checkpoint of the audit chain's current head with the institute's key (institute admin); publication makes one for every report", Tag: "audit", Auth: User, Query: []Param{{Name: "institute", Type: "string", Format: "uuid", Description: "institute id (default: one's own)"}}, Response: auditCheckpoint{}, Status: 201, Handler: s.createCheckpoint},
		{Method: http.MethodPost, Path: rounds, Summary: "Open a judgment round: the nodes to judge (default: every node with two children or more), the experts (name, organisation, optional weight) and the deadline; answers each expert's personal link, shown once", Tag: "rounds", Auth: User, Body: roundInput{}, Response: openedRound{}, Status: 201, Handler: s.openRound},
		{Method: http.MethodGet, Path: rounds, Summary: "List a weight set's judgment rounds, newest first", Tag: "rounds", Auth: User, Response: List[round]{}, Status: 200, Handler: s.listRounds},
		{Method: http.MethodGet, Path: rounds + "/:jrid", Summary: "A round's progress: who has submitted, each expert's answered pairs and each complete matrix's CR", Tag: "rounds", Auth: User, Response: roundProgress{}, Status: 200, Handler: s.roundProgress},
		{Method: http.MethodPost, Path: rounds + "/:jrid/experts/:eid/link", Summary: "Reissue an expert's link (shown once; the old link stops working, a revocation is lifted)", Tag: "rounds", Auth: User, Response: roundLink{}, Status: 200, Handler: s.reissueLink},
		{Method: http.MethodDelete, Path: rounds + "/:jrid/experts/:eid/link", Summary: "Revoke an expert's link", Tag: "rounds", Auth: User, Status: 204, Handler: s.revokeLink},
		{Method: http.MethodPost, Path: rounds + "/:jrid/reminders", Summary: "Reissue the links of the experts who have not submitted and export them as CSV for mail merge or SMS (links are stored only as hashes, so the old ones stop working)", Tag: "rounds", Auth: User, Produces: []string{"text/csv; charset=utf-8"}, Status: 200, Handler: s.remindRound},
		{Method: http.MethodPost, Path: raterLinks, Summary: "Issue personal rater links for one evaluated unit and one rater group of a survey (shown once; the group is bound to the link, the rater known only by a pseudonym)", Tag: "rounds", Auth: User, Body: raterLinksInput{}, Response: List[issuedRaterLink]{}, Status: 201, Handler: s.issueRaterLinks},
		{Method: http.MethodGet, Path: raterLinks, Summary: "List a survey's rater links with their state (never the secrets)", Tag: "rounds", Auth: User, Response: List[raterLink]{}, Status: 200, Handler: s.listRaterLinks},
		{Method: http.MethodGet, Path: raterLinks + "/board", Summary: "A survey's response-rate board: per unit × rater group the links issued and submitted, the raters with responses, the anonymity threshold and whether the cell would be suppressed today", Tag: "rounds", Auth: User, Response: raterBoard{}, Status: 200, Handler: s.raterBoard},
		{Method: http.MethodPost, Path: raterLinks + "/reminders", Summary: "Reissue the survey's unanswered personal rater links (of one unit and/or rater group, or all) and export them as CSV for mail merge or SMS: unit, group, link_id, replaces, named_rater, link, expires_at (links are stored only as hashes, so the old ones are revoked)", Tag: "rounds", Auth: User, Query: []Param{{Name: "unit", Type: "string", Description: "an evaluated unit's code; default all units"}, {Name: "group", Type: "string", Description: "a rater group's code; default all groups"}, {Name: "deadline", Type: "string", Format: "date-time", Description: "a new deadline for the reissued links (then expired unanswered links are reissued too); default each link keeps its own"}}, Produces: []string{"text/csv; charset=utf-8"}, Status: 200, Handler: s.remindRaterLinks},
		{Method: http.MethodDelete, Path: raterLinks + "/:lid", Summary: "Revoke a rater link", Tag: "rounds", Auth: User, Status: 204, Handler: s.revokeRaterLink},
		{Method: http.MethodPost, Path: rounds + "/:jrid/close", Summary: "Close a round: the submitted matrices become the weight set's judgments through the panel checks, with the experts' weights; links stop working", Tag: "rounds", Auth: User, Response: roundClosed{}, Status: 200, Handler: s.closeRound},
	}
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
