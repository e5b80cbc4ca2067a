package api_test

import (
	"context"

	"evalbench/evaluation"
)

// testMasterKey encrypts the fixture's signing keys at rest.
var testMasterKey = []byte("evalbench-test-master-key-32-byt")

// matrixReports holds the authorization rows of reports, signing keys, verification and
// acceptance.
var matrixReports = map[string]access{
	"POST /api/v1/commissions/:cid/runs/:rid/publish":              {perm: evaluation.PermPublish},
	"GET /api/v1/commissions/:cid/reports":                         {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/reports/:repid":                  {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/reports/:repid/report.json":      {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/reports/:repid/report.dsse.json": {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/reports/:repid/report.html":      {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/reports/:repid/report.pdf":       {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/reports/:repid/results.csv":      {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/reports/:repid/results.xlsx":     {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/acceptance":                      {perm: evaluation.PermRead},
	"POST /api/v1/commissions/:cid/acceptance/decision":            {perm: evaluation.PermAccept},
	"GET /api/v1/institutes/:iid/keys":                             {public: true},
	"POST /api/v1/institutes/:iid/keys":                            {instAdmin: true},
	"GET /api/v1/institutes/:iid/publications":                     {public: true},
	"GET /reports/:repid/report.html":                              {public: true},
	"GET /reports/:repid/report.pdf":                               {public: true},
	"GET /reports/:repid/report.json":                              {public: true},
	"GET /reports/:repid/report.dsse.json":                         {public: true},
	"HEAD /reports/:repid/report.html":                             {public: true},
	"HEAD /reports/:repid/report.json":                             {public: true},
	"HEAD /reports/:repid/report.dsse.json":                        {public: true},
	"POST /api/v1/verify":                                          {public: true},
}

// populateReports publishes the report of the fixture's run (:rid) in each commission and names
// it :repid, and names the commission's institute :iid. Publishing needs the commission in
// review and leaves it published; the hook then puts the commission back as it was (draft, its
// version), where the other features' tests expect to find it — a change only the fixture may
// make this way.
func populateReports(fx *fixture, owner evaluation.Actor, cid string, objs map[string]string) map[string]string {
	ctx := context.Background()
	before, err := fx.svc.GetCommission(ctx, owner, cid)
	must(fx.t, err)
	for _, to := range []evaluation.Status{evaluation.StatusCollecting, evaluation.StatusWeighting, evaluation.StatusComputing, evaluation.StatusReview} {
		_, err = fx.svc.TransitionCommission(ctx, owner, cid, 0, to)
		must(fx.t, err)
	}
	r, err := fx.svc.PublishReport(ctx, owner, cid, objs["rid"], evaluation.PublishInput{})
	must(fx.t, err)
	_, err = fx.db.SQL().ExecContext(ctx, `UPDATE commissions SET status = $2, version = $3 WHERE id = $1`, cid, before.Status, before.Version)
	must(fx.t, err)
	return map[string]string{"repid": r.ID, "iid": owner.InstituteID}
}
