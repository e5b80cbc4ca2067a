package api_test

import "evalbench/evaluation"

// matrixRuns holds the authorization rows of the run, result and calculation routes.
var matrixRuns = map[string]access{}

// populateRuns creates runs below a commission for the authorization matrix.
func populateRuns(fx *fixture, owner evaluation.Actor, cid string, objs map[string]string) map[string]string {
	return nil
}
