package api_test

import "evalbench/evaluation"

// matrixWeights holds the authorization rows of the weight-set routes.
var matrixWeights = map[string]access{}

// populateWeights creates weight sets below a commission for the authorization matrix.
func populateWeights(fx *fixture, owner evaluation.Actor, cid string, objs map[string]string) map[string]string {
	return nil
}
