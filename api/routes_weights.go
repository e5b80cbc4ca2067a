package api

import "net/http"

// weightRoutes lists the routes of weight sets and expert judgments.
func (s *Server) weightRoutes() []Route {
	const base = "/api/v1/commissions/:cid/weight-sets"
	return []Route{
		{Method: http.MethodPost, Path: base, Summary: "Create a weight set on a framework version (default: the newest) with its method and configuration", Tag: "weights", Auth: User, Body: weightSet{}, Response: weightSetDetail{}, Status: 201, Handler: s.createWeightSet},
		{Method: http.MethodGet, Path: base, Summary: "List weight sets, newest first", Tag: "weights", Auth: User, Response: List[weightSet]{}, Status: 200, Handler: s.listWeightSets},
		{Method: http.MethodGet, Path: base + "/compare", Summary: "Compare two weight sets: the local and global weights that moved, largest first", Tag: "weights", Auth: User, Query: []Param{{Name: "from", Type: "string", Format: "uuid", Required: true, Description: "weight set id"}, {Name: "to", Type: "string", Format: "uuid", Required: true, Description: "weight set id"}}, Response: weightComparison{}, Status: 200, Handler: s.compareWeightSets},
		{Method: http.MethodGet, Path: base + "/:wid", Summary: "Get a weight set with its judgments and derived weights: completeness, each expert's CR and suggestions, exclusions", Tag: "weights", Auth: User, Response: weightSetDetail{}, Status: 200, Handler: s.getWeightSet},
		{Method: http.MethodPut, Path: base + "/:wid", Summary: "Replace a weight set's name and configuration (If-Match) while no run has used it", Tag: "weights", Auth: User, IfMatch: true, Body: weightSet{}, Response: weightSetDetail{}, Status: 200, Handler: s.updateWeightSet},
		{Method: http.MethodGet, Path: base + "/:wid/judgments", Summary: "List a weight set's judgments by node and expert", Tag: "weights", Auth: User, Response: List[judgment]{}, Status: 200, Handler: s.listJudgments},
		{Method: http.MethodPost, Path: base + "/:wid/judgments", Summary: "Submit your own pairwise matrix for one node (experts; replaces your earlier one); answers its CR, suggestions and effect at once", Tag: "weights", Auth: User, Body: judgmentInput{}, Response: judgmentReceipt{}, Status: 201, Also: []int{200}, Handler: s.submitJudgment},
		{Method: http.MethodPost, Path: base + "/:wid/judgments/import", Summary: "Import a panel's matrices on behalf of named experts (all or nothing; every problem listed by field path)", Tag: "weights", Auth: User, Body: judgmentPanel{}, Response: judgmentImport{}, Status: 200, Handler: s.importJudgments},
		{Method: http.MethodPost, Path: base + "/:wid/adjustments", Summary: "Adjust one local weight with a written reason: makes a new weight-set version (the old one stays)", Tag: "weights", Auth: User, Body: adjustmentInput{}, Response: weightSetDetail{}, Status: 201, Handler: s.adjustWeight},
	}
}
