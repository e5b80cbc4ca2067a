package api

import (
	"net/http"

	"evalbench/evaluation"
	"evalbench/reports"
)

type (
	report             = evaluation.Report
	publishInput       = evaluation.PublishInput
	verification       = evaluation.Verification
	signingKey         = evaluation.SigningKey
	publicationLog     = evaluation.PublicationLog
	acceptance         = evaluation.Acceptance
	acceptanceInput    = evaluation.AcceptanceInput
	acceptanceDecision = evaluation.AcceptanceDecision
)

// reportRoutes lists the routes of signed reports, signing keys, verification and acceptance.
func (s *Server) reportRoutes() []Route {
	const v1 = "/api/v1"
	const rep = v1 + "/commissions/:cid/reports/:repid"
	return []Route{
		{Method: http.MethodPost, Path: v1 + "/commissions/:cid/runs/:rid/publish", Summary: "Publish a succeeded run's signed report (the commission must be in review or published; a later report supersedes the previous one)", Tag: "reports", Auth: User, Body: publishInput{}, BodyOptional: true, Response: report{}, Status: 201, Handler: s.publishReport},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/reports", Summary: "List a commission's published reports, newest first", Tag: "reports", Auth: User, Response: List[report]{}, Status: 200, Handler: s.listReports},
		{Method: http.MethodGet, Path: rep, Summary: "Get a published report", Tag: "reports", Auth: User, Response: report{}, Status: 200, Handler: s.getReport},
		{Method: http.MethodGet, Path: rep + "/report.json", Summary: "The canonical bundle (RFC 8785): manifest, inputs, results, results_digest — the signed payload", Tag: "reports", Auth: User, Produces: []string{"application/json"}, RawSchema: reports.Bundle{}, Status: 200, Handler: s.reportFile(evaluation.ReportJSON)},
		{Method: http.MethodGet, Path: rep + "/report.dsse.json", Summary: "The DSSE envelope holding the bundle and its Ed25519 signature (what `evalbench verify` checks)", Tag: "reports", Auth: User, Produces: []string{"application/json"}, RawSchema: reports.Envelope{}, Status: 200, Handler: s.reportFile(evaluation.ReportEnvelope)},
		{Method: http.MethodGet, Path: rep + "/report.html", Summary: "The HTML report (byte-identical for the same bundle)", Tag: "reports", Auth: User, Produces: []string{"text/html"}, Status: 200, Handler: s.reportFile(evaluation.ReportHTML)},
		{Method: http.MethodGet, Path: rep + "/report.pdf", Summary: "The PDF of the HTML report, printed by headless Chromium (content-identical; not signed)", Tag: "reports", Auth: User, Produces: []string{"application/pdf"}, Status: 200, Handler: s.reportFile(evaluation.ReportPDF)},
		{Method: http.MethodGet, Path: rep + "/results.csv", Summary: "A result table as UTF-8 CSV: units (rank, composite, grade, 4E scores) or indicators (values, targets, scores)", Tag: "reports", Auth: User, Query: []Param{{Name: "table", Type: "string", Enum: []string{"units", "indicators"}, Default: "units", Description: "units (default) or indicators"}}, Produces: []string{"text/csv"}, Status: 200, Handler: s.resultsCSV},
		{Method: http.MethodGet, Path: rep + "/results.xlsx", Summary: "The result tables as an XLSX workbook (sheets units and indicators)", Tag: "reports", Auth: User, Produces: []string{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}, Status: 200, Handler: s.resultsXLSX},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/acceptance", Summary: "The acceptance checklist of the current report, each item pass/fail with evidence, and the decisions so far", Tag: "acceptance", Auth: User, Response: acceptance{}, Status: 200, Handler: s.getAcceptance},
		{Method: http.MethodPost, Path: v1 + "/commissions/:cid/acceptance/decision", Summary: "Record the acceptance decision: accept (the commission becomes accepted) or reject with reasons (back to review)", Tag: "acceptance", Auth: User, Body: acceptanceInput{}, Response: acceptanceDecision{}, Status: 201, Handler: s.decideAcceptance},
		{Method: http.MethodGet, Path: v1 + "/institutes/:iid/keys", Summary: "An institute's report signing keys (public keys and fingerprints, active and retired)", Tag: "reports", Auth: Public, Response: List[signingKey]{}, Status: 200, Handler: s.listSigningKeys},
		{Method: http.MethodPost, Path: v1 + "/institutes/:iid/keys", Summary: "Rotate the institute's signing key: a new active key; the old one is retired and still verifies its reports (institute admin)", Tag: "reports", Auth: User, Response: signingKey{}, Status: 201, Handler: s.rotateSigningKey},
		{Method: http.MethodGet, Path: v1 + "/institutes/:iid/publications", Summary: "An institute's hash-chained publication log, with the result of checking the chain", Tag: "reports", Auth: Public, Response: publicationLog{}, Status: 200, Handler: s.listPublications},
		{Method: http.MethodGet, Path: "/reports/:repid/report.html", Summary: "A published report's HTML, public: publication makes results, methods and standards public (plan line 3420)", Tag: "reports", Auth: Public, Produces: []string{"text/html"}, Status: 200, Handler: s.publicReportFile(evaluation.ReportHTML)},
		{Method: http.MethodGet, Path: "/reports/:repid/report.pdf", Summary: "A published report's PDF, public", Tag: "reports", Auth: Public, Produces: []string{"application/pdf"}, Status: 200, Handler: s.publicReportFile(evaluation.ReportPDF)},
		{Method: http.MethodGet, Path: "/reports/:repid/report.json", Summary: "A published report's bundle, public", Tag: "reports", Auth: Public, Produces: []string{"application/json"}, RawSchema: reports.Bundle{}, Status: 200, Handler: s.publicReportFile(evaluation.ReportJSON)},
		{Method: http.MethodGet, Path: "/reports/:repid/report.dsse.json", Summary: "A published report's signed envelope, public (verify it with evalbench verify)", Tag: "reports", Auth: Public, Produces: []string{"application/json"}, RawSchema: reports.Envelope{}, Status: 200, Handler: s.publicReportFile(evaluation.ReportEnvelope)},
		{Method: http.MethodPost, Path: v1 + "/verify", Summary: "Verify a signed report offline: the DSSE envelope as the body, or multipart with envelope, optional report (report.json) and key (public key)", Tag: "reports", Auth: Public, Upload: true, MaxBody: s.cfg.VerifyLimit, Response: verification{}, Status: 200, Handler: s.verifyReport},
	}
}
