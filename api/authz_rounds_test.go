package api_test

import (
	"context"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// matrixRounds holds the authorization rows of the judgment-round routes: everyone with a role
// reads the rounds and their progress; those who configure weight sets open rounds and handle
// links. The experts' own pages are on the web side, reached by their links alone.
var matrixRounds = map[string]access{
	"POST /api/v1/commissions/:cid/weight-sets/:wid/rounds":                           {perm: evaluation.PermWeights},
	"GET /api/v1/commissions/:cid/weight-sets/:wid/rounds":                            {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/weight-sets/:wid/rounds/:jrid":                      {perm: evaluation.PermRead},
	"POST /api/v1/commissions/:cid/weight-sets/:wid/rounds/:jrid/experts/:eid/link":   {perm: evaluation.PermWeights},
	"DELETE /api/v1/commissions/:cid/weight-sets/:wid/rounds/:jrid/experts/:eid/link": {perm: evaluation.PermWeights},
	"POST /api/v1/commissions/:cid/weight-sets/:wid/rounds/:jrid/reminders":           {perm: evaluation.PermWeights},
	"POST /api/v1/commissions/:cid/weight-sets/:wid/rounds/:jrid/close":               {perm: evaluation.PermWeights},

	"POST /api/v1/commissions/:cid/surveys/:sid/rater-links":           {perm: evaluation.PermSurveys},
	"GET /api/v1/commissions/:cid/surveys/:sid/rater-links":            {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/surveys/:sid/rater-links/board":      {perm: evaluation.PermRead},
	"DELETE /api/v1/commissions/:cid/surveys/:sid/rater-links/:lid":    {perm: evaluation.PermSurveys},
	"POST /api/v1/commissions/:cid/surveys/:sid/rater-links/reminders": {perm: evaluation.PermSurveys},
}

// populateRounds opens, on each commission's weight set :wid, a round with one expert, naming
// the round :jrid and the expert :eid, and issues a rater link of survey :sid named :lid.
func populateRounds(fx *fixture, owner evaluation.Actor, cid string, objs map[string]string) map[string]string {
	out, err := fx.svc.OpenRound(context.Background(), owner, cid, objs["wid"], evaluation.RoundInput{Deadline: time.Now().Add(24 * time.Hour),
		Experts: []evaluation.RoundExpertInput{{Name: "专家乙", Organisation: "大学"}}})
	must(fx.t, err)
	links, err := fx.svc.IssueRaterLinks(context.Background(), owner, cid, objs["sid"], evaluation.RaterLinksInput{Unit: "caihe",
		Group: engine.GroupPublic, Count: 1, Deadline: time.Now().Add(24 * time.Hour)})
	must(fx.t, err)
	return map[string]string{"jrid": out.Round.ID, "eid": out.Round.Experts[0].ID, "lid": links[0].ID}
}
