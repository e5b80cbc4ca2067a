package api_test

import (
	"context"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// matrixRuns holds the authorization rows of the run, result and calculation routes.
var matrixRuns = map[string]access{
	"POST /api/v1/commissions/:cid/runs":             {perm: evaluation.PermRuns},
	"GET /api/v1/commissions/:cid/runs":              {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/runs/:rid":         {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/runs/:rid/events":  {perm: evaluation.PermRead},
	"POST /api/v1/commissions/:cid/runs/:rid/cancel": {perm: evaluation.PermRuns},
	"GET /api/v1/commissions/:cid/runs/:rid/result":  {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/runs/:rid/inputs":  {perm: evaluation.PermRead},
	"POST /api/v1/calc/:method":                      {},
}

// populateRuns computes a run in each commission and names it :rid. It uses a framework and an
// equal weight set of its own, so the fixture's framework (:fid) and weight set (:wid) stay
// unlocked for the tests that edit them.
func populateRuns(fx *fixture, owner evaluation.Actor, cid string, objs map[string]string) map[string]string {
	ctx := context.Background()
	fw, err := fx.svc.CreateFramework(ctx, owner, cid, smallFramework())
	must(fx.t, err)
	ws, err := fx.svc.CreateWeightSet(ctx, owner, cid, &engine.WeightSet{FrameworkID: fw.ID, Name: "等权", Method: engine.WeightEqual})
	must(fx.t, err)
	_, err = fx.svc.FreezeDataset(ctx, owner, cid, objs["did"])
	must(fx.t, err)
	r, err := fx.svc.CreateRun(ctx, owner, cid, evaluation.RunRequest{WeightSetID: ws.WeightSet.ID, DatasetIDs: []string{objs["did"]},
		Config: engine.RunConfig{MonteCarlo: engine.MonteCarloConfig{Samples: 100}}})
	must(fx.t, err)
	fx.runAll()
	return map[string]string{"rid": r.ID}
}

// runAll works the run queue until it is empty.
func (fx *fixture) runAll() {
	for {
		worked, err := fx.svc.WorkOne(context.Background(), evaluation.WorkerOptions{ID: "fixture"})
		must(fx.t, err)
		if !worked {
			return
		}
	}
}
