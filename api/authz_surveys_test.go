package api_test

import (
	"context"
	"strings"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// matrixSurveys holds the authorization rows of the survey routes.
var matrixSurveys = map[string]access{
	"POST /api/v1/commissions/:cid/surveys":                {perm: evaluation.PermSurveys},
	"GET /api/v1/commissions/:cid/surveys":                 {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/surveys/:sid":            {perm: evaluation.PermRead},
	"PUT /api/v1/commissions/:cid/surveys/:sid":            {perm: evaluation.PermSurveys},
	"POST /api/v1/commissions/:cid/surveys/:sid/responses": {perm: evaluation.PermSurveys},
	"GET /api/v1/commissions/:cid/surveys/:sid/imports":    {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/surveys/:sid/results":    {perm: evaluation.PermRead},
}

// populateSurveys creates survey objects below a commission for the authorization matrix: a
// small public-satisfaction survey of the fixture's unit with one import of responses. It names
// the survey as :sid.
func populateSurveys(fx *fixture, owner evaluation.Actor, cid string, objs map[string]string) map[string]string {
	ctx := context.Background()
	sv, err := fx.svc.CreateSurvey(ctx, owner, cid, satisfactionSurvey())
	must(fx.t, err)
	_, err = fx.svc.ImportResponses(ctx, owner, cid, sv.ID, evaluation.ResponseImportInput{
		Options: evaluation.FileOptions{FileName: "responses.csv"},
		Body: strings.NewReader("unit,group,rater,item,score\n" +
			"caihe,public,p1,q1,满意\ncaihe,public,p2,q1,比较满意\ncaihe,public,p3,q1,一般\n")})
	must(fx.t, err)
	return map[string]string{"sid": sv.ID}
}

// satisfactionSurvey is a one-item public-satisfaction survey on the four-level scale the plan's
// social evaluation uses.
func satisfactionSurvey() *engine.Survey {
	return &engine.Survey{Code: "satisfaction", Title: "社会评价满意度调查", Kind: engine.SurveySocial,
		Scale: engine.Scale{Categories: []engine.ScaleCategory{
			{Label: "满意", Score: 100}, {Label: "比较满意", Score: 80}, {Label: "一般", Score: 60}, {Label: "不满意", Score: 0}}},
		Items:  []engine.SurveyItem{{Code: "q1", Text: "您对该单位的总体满意度", Content: engine.ContentServiceAttitude}},
		Groups: []engine.RaterGroup{{Code: engine.GroupPublic, Weight: 1}}}
}
