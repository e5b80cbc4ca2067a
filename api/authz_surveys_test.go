package api_test

import "evalbench/evaluation"

// matrixSurveys holds the authorization rows of the survey routes.
var matrixSurveys = map[string]access{}

// populateSurveys creates survey objects below a commission for the authorization matrix.
func populateSurveys(fx *fixture, owner evaluation.Actor, cid string, objs map[string]string) map[string]string {
	return nil
}
