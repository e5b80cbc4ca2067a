package api

import (
	"net/http"

	"evalbench/evaluation"
)

type (
	run        = evaluation.Run
	runRequest = evaluation.RunRequest
	runResult  = evaluation.Result
	runInputs  = evaluation.RunInputs
)

// runRoutes lists the routes of runs, results and calculations.
func (s *Server) runRoutes() []Route {
	const v1 = "/api/v1"
	return []Route{
		{Method: http.MethodPost, Path: v1 + "/commissions/:cid/runs", Summary: "Queue an evaluation run (202); workers compute it", Tag: "runs", Auth: User, Body: runRequest{}, Response: run{}, Status: 202, Handler: s.createRun},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/runs", Summary: "List runs, newest first", Tag: "runs", Auth: User, Query: pageParams, Response: List[run]{}, Status: 200, Handler: s.listRuns},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/runs/:rid", Summary: "A run's status and progress (poll, or follow /events)", Tag: "runs", Auth: User, Response: run{}, Status: 200, Handler: s.getRun},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/runs/:rid/events", Summary: "Server-sent events: the run's progress until it ends", Tag: "runs", Auth: User, Produces: []string{"text/event-stream"}, Status: 200, Errors: []int{http.StatusConflict}, Handler: s.runEvents},
		{Method: http.MethodPost, Path: v1 + "/commissions/:cid/runs/:rid/cancel", Summary: "Cancel a run", Tag: "runs", Auth: User, Response: run{}, Status: 200, Handler: s.cancelRun},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/runs/:rid/result", Summary: "The result document (canonical JSON; X-Result-Digest is its SHA-256)", Tag: "runs", Auth: User, Response: runResult{}, Status: 200, Errors: []int{http.StatusConflict}, Handler: s.runResult},
		{Method: http.MethodGet, Path: v1 + "/commissions/:cid/runs/:rid/inputs", Summary: "The inputs the run computed from (canonical JSON)", Tag: "runs", Auth: User, Response: runInputs{}, Status: 200, Errors: []int{http.StatusConflict}, Handler: s.runInputs},
		{Method: http.MethodPost, Path: v1 + "/calc/:method", Summary: "Compute one statistical method on JSON input (ahp, ahp-group, entropy, critic, topsis, icc, alpha, kendall-w, montecarlo, …)", Tag: "calc", Auth: User, Body: map[string]any{}, Response: map[string]any{}, Status: 200, Handler: s.calc},
	}
}
