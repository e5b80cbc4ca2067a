package api_test

import (
	"context"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// matrixWeights holds the authorization rows of the weight-set routes: everyone with a role reads;
// owners and evaluators create, configure and import panels; experts submit their own matrices
// and adjust weights.
var matrixWeights = map[string]access{
	"POST /api/v1/commissions/:cid/weight-sets":                       {perm: evaluation.PermWeights},
	"GET /api/v1/commissions/:cid/weight-sets":                        {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/weight-sets/compare":                {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/weight-sets/:wid":                   {perm: evaluation.PermRead},
	"PUT /api/v1/commissions/:cid/weight-sets/:wid":                   {perm: evaluation.PermWeights},
	"GET /api/v1/commissions/:cid/weight-sets/:wid/judgments":         {perm: evaluation.PermRead},
	"POST /api/v1/commissions/:cid/weight-sets/:wid/judgments":        {perm: evaluation.PermJudge},
	"POST /api/v1/commissions/:cid/weight-sets/:wid/judgments/import": {perm: evaluation.PermWeights},
	"POST /api/v1/commissions/:cid/weight-sets/:wid/judgments/survey": {perm: evaluation.PermWeights},
	"POST /api/v1/commissions/:cid/weight-sets/:wid/adjustments":      {perm: evaluation.PermJudge},
}

// populateWeights creates, in each commission, an AHP weight set on the fixture framework with a
// one-expert panel judging the effectiveness indicators, and names it :wid.
func populateWeights(fx *fixture, owner evaluation.Actor, cid string, objs map[string]string) map[string]string {
	ctx := context.Background()
	ws, err := fx.svc.CreateWeightSet(ctx, owner, cid, &engine.WeightSet{FrameworkID: objs["fid"], Name: "专家权重", Method: engine.WeightAHP})
	must(fx.t, err)
	// Only effectiveness holds indicators, so the root has one child and needs no comparison.
	panel := evaluation.JudgmentPanel{Experts: []evaluation.PanelExpert{{Key: "panel-1", Name: "专家甲", Judgments: []evaluation.JudgmentInput{
		{Node: "effectiveness", Matrix: [][]float64{{1, 3}, {1.0 / 3, 1}}},
	}}}}
	_, err = fx.svc.ImportJudgments(ctx, owner, cid, ws.WeightSet.ID, panel)
	must(fx.t, err)
	return map[string]string{"wid": ws.WeightSet.ID}
}
