package api

import "net/http"

// surveyRoutes lists the routes of surveys and their responses.
func (s *Server) surveyRoutes() []Route {
	const base = "/api/v1/commissions/:cid/surveys"
	return []Route{
		{Method: http.MethodPost, Path: base, Summary: "Define a survey: scale, items, rater groups with weights and minimums, aggregation options", Tag: "surveys", Auth: User, Body: survey{}, Response: survey{}, Status: 201, Handler: s.createSurvey},
		{Method: http.MethodGet, Path: base, Summary: "List surveys", Tag: "surveys", Auth: User, Response: List[survey]{}, Status: 200, Handler: s.listSurveys},
		{Method: http.MethodGet, Path: base + "/:sid", Summary: "Get a survey", Tag: "surveys", Auth: User, Response: survey{}, Status: 200, Handler: s.getSurvey},
		{Method: http.MethodPut, Path: base + "/:sid", Summary: "Replace a survey's definition (If-Match); once responses are imported only title, kind and options may change (409)", Tag: "surveys", Auth: User, IfMatch: true, Body: survey{}, Response: survey{}, Status: 200, Handler: s.updateSurvey},
		{Method: http.MethodPost, Path: base + "/:sid/responses", Summary: "Import survey responses (all or nothing; every error listed; rater keys stored only as HMAC pseudonyms; comments redacted)", Tag: "surveys", Auth: User, Upload: true, Query: append([]Param{{Name: "dry_run", Type: "boolean", Description: "validate only, store nothing"}}, fileParams...), Response: responseImportResult{}, Status: 201, Also: []int{200}, Handler: s.importResponses},
		{Method: http.MethodGet, Path: base + "/:sid/imports", Summary: "List a survey's response imports", Tag: "surveys", Auth: User, Response: List[responseImport]{}, Status: 200, Handler: s.listResponseImports},
		{Method: http.MethodGet, Path: base + "/:sid/results", Summary: "Aggregate a survey's responses: per unit × group × item statistics, 360 scores with suppression and renormalised weights, self–others gaps, reliability", Tag: "surveys", Auth: User, Response: surveyResult{}, Status: 200, Handler: s.surveyResults},
	}
}
