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
	"GET /api/v1/commissions/:cid/runs/:rid/panel":   {perm: evaluation.PermRead},
	"POST /api/v1/calc/:method":                      {},

	"POST /api/v1/commissions/:cid/rectifications":            {perm: evaluation.PermRuns},
	"POST /api/v1/commissions/:cid/rectifications/from-run":   {perm: evaluation.PermRuns},
	"GET /api/v1/commissions/:cid/rectifications":             {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/rectifications/:xid":        {perm: evaluation.PermRead},
	"PATCH /api/v1/commissions/:cid/rectifications/:xid":      {perm: evaluation.PermRuns},
	"POST /api/v1/commissions/:cid/rectifications/:xid/close": {perm: evaluation.PermRuns},
	"POST /api/v1/commissions/:cid/rectifications/:xid/audit": {perm: evaluation.PermRuns},
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
	units, err := fx.svc.ListUnits(ctx, owner, cid)
	must(fx.t, err)
	x, err := fx.svc.CreateRectification(ctx, owner, cid, evaluation.RectificationInput{Unit: units[0].Code,
		Source: engine.RectifyFromOpinion, SourceRunID: r.ID, Issue: "窗口服务态度", Owner: "办公室", Deadline: "2017-06-30"})
	must(fx.t, err)
	return map[string]string{"rid": r.ID, "xid": x.ID}
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
