package examples_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
	"evalbench/examples"
	"evalbench/store/storetest"
)

// Loading the examples twice creates everything once: the second load finds the commissions,
// frameworks, datasets, weight sets, surveys and runs of the first.
func TestLoadIsIdempotent(t *testing.T) {
	db, _ := storetest.New(t)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	ctx := context.Background()
	owner, err := examples.Owner(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	first, err := examples.Load(ctx, svc, owner)
	if err != nil {
		t.Fatal(err)
	}
	count := func(table string) int {
		var n int
		if err := db.SQL().Get(&n, `SELECT count(*) FROM `+table); err != nil {
			t.Fatal(err)
		}
		return n
	}
	tables := []string{"commissions", "frameworks", "datasets", "weight_sets", "judgments", "surveys", "survey_imports", "runs", "users", "institutes", "rectifications"}
	before := map[string]int{}
	for _, tb := range tables {
		before[tb] = count(tb)
	}
	owner2, err := examples.Owner(ctx, svc)
	if err != nil || owner2.UserID != owner.UserID {
		t.Fatalf("second owner %+v, %v", owner2, err)
	}
	second, err := examples.Load(ctx, svc, owner2)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		if n := count(tb); n != before[tb] {
			t.Errorf("%s: %d rows after the second load, %d after the first", tb, n, before[tb])
		}
	}
	if len(first) != 2 || first[0].ID != second[0].ID || len(first[1].Runs) != 2 || first[1].Runs[1].ID != second[1].Runs[1].ID ||
		len(first[1].Alternatives) != 1 || len(second[1].Alternatives) != 1 || first[1].Alternatives[0].ID != second[1].Alternatives[0].ID {
		t.Fatalf("loads differ: %+v / %+v", first, second)
	}
	// Jianggan's three experts' matrices and the sub-district panel's five experts × five nodes.
	if before["commissions"] != 2 || before["runs"] != 4 || before["datasets"] != 3 || before["weight_sets"] != 3 || before["surveys"] != 4 ||
		before["rectifications"] != 2 || before["judgments"] != countJudgments(t, "jianggan")+countJudgments(t, "subdistricts") {
		t.Errorf("rows after one load: %v", before)
	}
	// The sub-district example's 2017 evaluation with the expert panel's AHP weights: the same
	// period as the reported run, another weight set, whose gate excluded one matrix.
	alt, reported := first[1].Alternatives[0], first[1].Runs[1]
	if alt.Period != reported.Period || alt.WeightSetID == reported.WeightSetID || alt.Status != evaluation.RunSucceeded {
		t.Errorf("the AHP run %+v beside the reported %+v", alt, reported)
	}
	ws, err := svc.GetWeightSet(ctx, owner, first[1].ID, alt.WeightSetID)
	if err != nil {
		t.Fatal(err)
	}
	var excluded []string
	for _, e := range ws.Result.Experts {
		if e.Excluded {
			excluded = append(excluded, e.Expert+"/"+e.Node)
		}
	}
	if ws.WeightSet.Method != engine.WeightAHP || !ws.Result.Complete || strings.Join(excluded, ",") != "wang-zhigang/root" {
		t.Errorf("the AHP weight set: %s complete %v, excluded %v", ws.WeightSet.Method, ws.Result.Complete, excluded)
	}
	// The 2017 sub-district run carries the two items raised on the 2016 run, audited and
	// closed, and computes its awards from them and from the panel.
	panel, err := svc.Panel(ctx, owner, first[1].ID, first[1].Runs[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	var awards []string
	for _, a := range panel.Awards {
		awards = append(awards, a.Code+":"+a.Unit)
	}
	if panel.Panel == nil || panel.Panel.PreviousRunID != first[1].Runs[0].ID || len(panel.Rectifications) != 2 ||
		strings.Join(awards, ",") != "rank_rise:kaixuan,rectification:jiubao" {
		t.Errorf("panel %+v, awards %v", panel.Panel, awards)
	}
	// The 2017 run calls for one item: 丁兰, in the last two places two years running (flag);
	// no unit is graded fail. Asking again raises nothing more.
	req := evaluation.RectificationsFromRun{RunID: first[1].Runs[1].ID, Deadline: "2018-06-30"}
	raised, err := svc.OpenRectificationsFromRun(ctx, owner, first[1].ID, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(raised) != 1 || raised[0].Unit != "dinglan" || raised[0].Source != engine.RectifyFromFlag || raised[0].Period != "2017" || raised[0].Owner != "丁兰街道" {
		t.Errorf("raised from the 2017 run: %+v", raised)
	}
	if again, err := svc.OpenRectificationsFromRun(ctx, owner, first[1].ID, req); err != nil || len(again) != 0 {
		t.Errorf("raised again: %+v, %v", again, err)
	}
	for _, c := range first {
		for _, r := range c.Runs {
			if r.Status != evaluation.RunSucceeded || len(r.ResultDigest) != 64 {
				t.Errorf("%s run %d: %s %s", c.Key, r.Number, r.Status, r.Error)
			}
		}
	}
}

// A commission a user created with the demo token and an example's title is not the example's:
// the loader leaves it untouched (no data, weights, surveys, runs or reports) and makes its own.
// Before the loader recorded what it created, it matched by title and took such commissions over.
func TestLoadLeavesUsersCommissionsAlone(t *testing.T) {
	db, _ := storetest.New(t)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	ctx := context.Background()
	owner, err := examples.Owner(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	var mine []string
	for _, key := range []string{"jianggan", "subdistricts"} {
		raw, err := examples.Files.ReadFile(key + "/commission.json")
		if err != nil {
			t.Fatal(err)
		}
		var in evaluation.CommissionInput
		if err := json.Unmarshal(raw, &in); err != nil {
			t.Fatal(err)
		}
		in.Description = "a user's own commission"
		c, err := svc.CreateCommission(ctx, owner, in)
		if err != nil {
			t.Fatal(err)
		}
		titles, mine = append(titles, in.Title), append(mine, c.ID)
	}
	loaded, err := examples.Load(ctx, svc, owner)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range loaded {
		if c.ID == mine[i] || c.Title != titles[i] {
			t.Errorf("example %s loaded into commission %s (%q); the user's is %s", c.Key, c.ID, c.Title, mine[i])
		}
	}
	for _, id := range mine {
		for _, table := range []string{"frameworks", "datasets", "weight_sets", "surveys", "runs", "reports", "units"} {
			var n int
			if err := db.SQL().Get(&n, `SELECT count(*) FROM `+table+` WHERE commission_id = $1`, id); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("the user's commission %s gained %d rows of %s", id, n, table)
			}
		}
		c, err := svc.GetCommission(ctx, owner, id)
		if err != nil {
			t.Fatal(err)
		}
		if c.Version != 1 || c.Status != evaluation.StatusDraft || c.Description != "a user's own commission" {
			t.Errorf("the user's commission changed: %+v", c)
		}
	}
	// A second load finds the examples' own commissions again.
	again, err := examples.Load(ctx, svc, owner)
	if err != nil {
		t.Fatal(err)
	}
	for i := range again {
		if again[i].ID != loaded[i].ID {
			t.Errorf("example %s: second load used %s, first %s", again[i].Key, again[i].ID, loaded[i].ID)
		}
	}
}

// The worker computes from the responses as a compact engine.ResponseTable; reports, reviewers
// and the verifier read the same inputs with the responses as a []engine.Response. Both give the
// same canonical inputs: every example run's stored inputs digest is the digest of its inputs as
// RunInputs assembles them, and recomputing those inputs gives the stored result digest.
func TestWorkerInputsDigestMatchesAssembledInputs(t *testing.T) {
	db, _ := storetest.New(t)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	ctx := context.Background()
	owner, err := examples.Owner(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := examples.Load(ctx, svc, owner)
	if err != nil {
		t.Fatal(err)
	}
	responses := 0
	for _, c := range loaded {
		for _, r := range c.Runs {
			in, err := svc.RunInputs(ctx, owner, c.ID, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range in.Surveys {
				if s.Table != nil {
					t.Fatalf("%s run %d: the inputs for reports hold a response table", c.Key, r.Number)
				}
				responses += len(s.Responses)
			}
			d, err := engine.Digest(in)
			if err != nil {
				t.Fatal(err)
			}
			if d != r.InputsDigest {
				t.Errorf("%s run %d: inputs digest %s, the worker stored %s", c.Key, r.Number, d, r.InputsDigest)
			}
			res, err := engine.Compute(in)
			if err != nil {
				t.Fatal(err)
			}
			if rd, _ := engine.Digest(res); rd != r.ResultDigest {
				t.Errorf("%s run %d: result digest %s, the worker stored %s", c.Key, r.Number, rd, r.ResultDigest)
			}
		}
	}
	if responses == 0 {
		t.Fatal("no example run has survey responses")
	}
}

// countJudgments counts the matrices of an example's ahp-panel.json.
func countJudgments(t *testing.T, key string) int {
	t.Helper()
	raw, err := examples.Files.ReadFile(key + "/ahp-panel.json")
	if err != nil {
		t.Fatal(err)
	}
	var p evaluation.JudgmentPanel
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range p.Experts {
		n += len(e.Judgments)
	}
	return n
}
