package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// weightFramework4x2 has two indicators under each 4E dimension, so that every node of the tree can
// be judged: codes eco1, eco2, eff1, eff2, out1, out2, equ1, equ2.
func weightFramework4x2() *engine.Framework {
	prefix := map[engine.Dimension]string{engine.Economy: "eco", engine.Efficiency: "eff", engine.Effectiveness: "out", engine.Equity: "equ"}
	f := &engine.Framework{Title: "四维两指标", PlanStart: 2016, PlanEnd: 2020}
	for _, d := range engine.Dimensions {
		n := &engine.Node{Code: string(d), Kind: engine.KindDimension, Name: engine.DimensionNames[d][0]}
		for i := 1; i <= 2; i++ {
			n.Children = append(n.Children, &engine.Node{Code: fmt.Sprintf("%s%d", prefix[d], i), Kind: engine.KindIndicator,
				Name: fmt.Sprintf("%s指标%d", engine.DimensionNames[d][0], i), Indicator: &engine.Indicator{Unit: "%",
					ValueKind: engine.ValuePercent, Polarity: engine.PolarityHigher, TargetKind: engine.TargetLevel}})
		}
		f.Dimensions = append(f.Dimensions, n)
	}
	return f
}

// addExpert adds a user of institute A with the expert role on commission A.
func (fx *fixture) addExpert(name string) (evaluation.Actor, string) {
	ctx := context.Background()
	sys := evaluation.SystemActor("test")
	u, err := fx.svc.CreateUser(ctx, sys, evaluation.UserInput{InstituteID: fx.instA, Name: name})
	must(fx.t, err)
	tok, err := fx.svc.CreateToken(ctx, sys, evaluation.TokenInput{UserID: u.ID})
	must(fx.t, err)
	_, err = fx.svc.Grant(ctx, fx.actors[evaluation.RoleOwner], fx.cidA, u.ID, evaluation.RoleExpert)
	must(fx.t, err)
	act, err := fx.svc.Authenticate(ctx, tok.Secret)
	must(fx.t, err)
	return act, tok.Secret
}

// auditByAction counts a commission's audit entries by action.
func (fx *fixture) auditByAction(cid string) map[string]int {
	rows, err := fx.db.SQL().Query(`SELECT action, count(*) FROM audit_log WHERE commission_id = $1 GROUP BY action`, cid)
	must(fx.t, err)
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var a string
		var n int
		must(fx.t, rows.Scan(&a, &n))
		out[a] = n
	}
	must(fx.t, rows.Err())
	return out
}

// saatyConsistent returns a_ij = w_i/w_j, whose priority vector is w and whose CR is 0
// (Saaty 1980, §2.2).
func saatyConsistent(w ...float64) [][]float64 {
	m := make([][]float64, len(w))
	for i := range m {
		m[i] = make([]float64, len(w))
		for j := range m[i] {
			m[i][j] = w[i] / w[j]
		}
	}
	return m
}

func weightsNear(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func weightSum(ws []engine.IndicatorWeight) float64 {
	var s float64
	for _, w := range ws {
		s += w.Weight
	}
	return s
}

func TestExpertJudgmentsCRSuggestionsAndConsistencyGate(t *testing.T) {
	fx := newFixture(t, noLimits())
	ev := fx.tokens[evaluation.RoleEvaluator]
	base := "/api/v1/commissions/" + fx.cidA
	rec := fx.do("POST", base+"/frameworks", ev, weightFramework4x2())
	expect(t, rec, 201)
	fw := decode[engine.Framework](t, rec)

	// Without a name and with a bad gate: every problem listed.
	rec = fx.do("POST", base+"/weight-sets", ev, map[string]any{"framework_id": fw.ID, "method": "ahp", "ahp": map[string]any{"gate": "sometimes"}})
	expect(t, rec, 422)
	fields := map[string]bool{}
	for _, e := range decode[api.Problem](t, rec).Errors {
		fields[e.Field] = true
	}
	if !fields["name"] || !fields["ahp.gate"] {
		t.Fatalf("problems %v, want name and ahp.gate", fields)
	}

	rec = fx.do("POST", base+"/weight-sets", ev, map[string]any{"framework_id": fw.ID, "name": "专家AHP", "method": "ahp"})
	expect(t, rec, 201)
	created := decode[evaluation.WeightSetDetail](t, rec)
	ws := created.WeightSet
	// Weight sets 1 and 2 are the fixture's (its AHP set and the equal set its run uses).
	if ws.Number != 3 || ws.Version != 1 || ws.FrameworkDigest != fw.Digest || rec.Header().Get("ETag") != `"1"` || ws.Locked {
		t.Fatalf("created %+v (ETag %s)", ws, rec.Header().Get("ETag"))
	}
	if created.Result.Complete || len(created.Judgments) != 0 {
		t.Fatalf("a set without judgments derives %+v", created.Result)
	}
	sub := base + "/weight-sets/" + ws.ID + "/judgments"
	e1, e1Tok := fx.actors[evaluation.RoleExpert], fx.tokens[evaluation.RoleExpert]
	e2, e2Tok := fx.addExpert("专家乙")

	// A consistent matrix: CR 0, λmax = n, the priorities are w.
	w1 := []float64{0.1, 0.2, 0.3, 0.4}
	rec = fx.do("POST", sub, e1Tok, map[string]any{"node": "root", "matrix": saatyConsistent(w1...)})
	expect(t, rec, 201)
	r := decode[evaluation.JudgmentReceipt](t, rec)
	if !weightsNear(r.Result.CR, 0, 1e-9) || !weightsNear(r.Result.LambdaMax, 4, 1e-9) || !r.Result.Consistent || r.Replaced != nil ||
		r.Judgment.Expert != e1.UserID || r.Judgment.ExpertName != "expert" || !strings.Contains(messages.For(messages.English).Render(r.Effect), "used in the group result") {
		t.Fatalf("receipt %+v", r)
	}
	if r.Group == nil || r.Group.Node != "root" || !weightsNear(r.Group.Weights[3], 0.4, 1e-9) {
		t.Fatalf("group weights %+v", r.Group)
	}

	// The same expert revises it into a circular one (economy ≻ efficiency ≻ effectiveness ≻
	// economy, expert C's matrix in examples/jianggan/ahp-panel.json): it replaces the first, and
	// the answer shows at once that it is inconsistent, excluded, and how to fix it.
	circular := [][]float64{{1, 5, 0.2, 1}, {0.2, 1, 5, 1.0 / 3}, {5, 0.2, 1, 3}, {1, 3, 1.0 / 3, 1}}
	rec = fx.do("POST", sub, e1Tok, map[string]any{"node": "root", "criteria": []string{"economy", "efficiency", "effectiveness", "equity"}, "matrix": circular})
	expect(t, rec, 200)
	r = decode[evaluation.JudgmentReceipt](t, rec)
	if r.Replaced == nil || r.Replaced.Matrix[0][3] != 0.25 {
		t.Fatalf("replaced %+v", r.Replaced)
	}
	// CR 1.1775 was computed independently by power iteration (examples/jianggan/README.md).
	if !weightsNear(r.Result.CR, 1.1775, 1e-3) || r.Result.Consistent || !r.Result.Excluded || len(r.Result.Suggestions) == 0 ||
		r.Result.Suggestions[0].CR >= r.Result.CR || !strings.Contains(messages.For(messages.English).Render(r.Effect), "excluded from the group result") || r.Group != nil {
		t.Fatalf("circular receipt %+v", r)
	}

	// Not valid: every problem of the matrix located.
	rec = fx.do("POST", sub, e1Tok, map[string]any{"node": "economy", "matrix": [][]float64{{1, -2}, {0.5, 2}}})
	expect(t, rec, 422)
	fields = map[string]bool{}
	for _, e := range decode[api.Problem](t, rec).Errors {
		fields[e.Field] = true
	}
	if !fields["matrix[0][1]"] || !fields["matrix[1][1]"] {
		t.Fatalf("matrix problems %v", fields)
	}

	// The second expert judges the whole tree; the first the dimensions.
	w2 := []float64{0.4, 0.3, 0.2, 0.1}
	expect(t, fx.do("POST", sub, e2Tok, map[string]any{"node": "root", "matrix": saatyConsistent(w2...)}), 201)
	for _, d := range engine.Dimensions {
		expect(t, fx.do("POST", sub, e2Tok, map[string]any{"node": string(d), "matrix": [][]float64{{1, 2}, {0.5, 1}}}), 201)
		expect(t, fx.do("POST", sub, e1Tok, map[string]any{"node": string(d), "matrix": [][]float64{{1, 1}, {1, 1}}}), 201)
	}

	// Other roles cannot submit judgments.
	for _, role := range []evaluation.Role{evaluation.RoleOwner, evaluation.RoleEvaluator, evaluation.RoleReviewer, evaluation.RoleViewer} {
		expect(t, fx.do("POST", sub, fx.tokens[role], map[string]any{"node": "root", "matrix": saatyConsistent(w1...)}), 403)
	}
	expect(t, fx.do("POST", sub, fx.admin, map[string]any{"node": "root", "matrix": saatyConsistent(w1...)}), 403)

	// Gate "exclude" (the default): the circular matrix is left out with its reason; the root is
	// the second expert's alone.
	rec = fx.do("GET", base+"/weight-sets/"+ws.ID, fx.tokens[evaluation.RoleViewer], nil)
	expect(t, rec, 200)
	tag := rec.Header().Get("ETag")
	d := decode[evaluation.WeightSetDetail](t, rec)
	res := d.Result
	if !res.Complete || len(res.Global) != 8 || !weightsNear(weightSum(res.Global), 1, 1e-12) || len(d.Judgments) != 10 {
		t.Fatalf("complete=%v problems=%v global=%d judgments=%d", res.Complete, res.Problems, len(res.Global), len(d.Judgments))
	}
	var excluded []engine.ExpertResult
	for _, e := range res.Experts {
		if e.Excluded {
			excluded = append(excluded, e)
		}
	}
	if len(excluded) != 1 || excluded[0].Expert != e1.UserID || excluded[0].Node != "root" || excluded[0].Reason == nil ||
		!strings.Contains(messages.For(messages.English).Render(*excluded[0].Reason), "exceeds the threshold 0.10") {
		t.Fatalf("excluded %+v", excluded)
	}
	if len(res.Completeness) != 10 {
		t.Fatalf("completeness %+v, want 5 nodes × 2 experts", res.Completeness)
	}
	for _, c := range res.Completeness {
		if !c.Submitted || (c.Expert != e1.UserID && c.Expert != e2.UserID) {
			t.Fatalf("completeness %+v", res.Completeness)
		}
	}
	for i, dim := range res.Dimensions {
		if !weightsNear(dim.Weight, w2[i], 1e-9) {
			t.Errorf("dimension %s: %v, want %v (the second expert's root alone)", dim.Dimension, dim.Weight, w2[i])
		}
	}
	// Each dimension aggregates 1:1 and 2:1 by the geometric mean (AIJ): a12 = √2, so the first
	// indicator takes √2/(1+√2) of its dimension.
	if g := res.Global[0]; g.Indicator != "eco1" || !weightsNear(g.Weight, 0.4*math.Sqrt2/(1+math.Sqrt2), 1e-9) {
		t.Fatalf("global %+v, want eco1 %v", g, 0.4*math.Sqrt2/(1+math.Sqrt2))
	}

	// Gate "block": the inconsistent matrix blocks the group result instead.
	cfg := *d.WeightSet
	cfg.AHP.Gate = "block"
	path := base + "/weight-sets/" + ws.ID
	expect(t, fx.do("PUT", path, ev, cfg), 428)
	expect(t, fx.do("PUT", path, ev, cfg, "If-Match", `"7"`), 412)
	expect(t, fx.do("PUT", path, fx.tokens[evaluation.RoleExpert], cfg, "If-Match", tag), 403)
	rec = fx.do("PUT", path, ev, cfg, "If-Match", tag)
	expect(t, rec, 200)
	d = decode[evaluation.WeightSetDetail](t, rec)
	if d.WeightSet.Version != 2 || rec.Header().Get("ETag") != `"2"` || d.Result.Complete || len(d.Result.Problems) != 1 ||
		!strings.Contains(messages.For(messages.English).Render(d.Result.Problems[0]), "matrix is inconsistent") ||
		!strings.Contains(messages.For(messages.English).Render(d.Result.Problems[0]), "gate blocks") {
		t.Fatalf("block gate: version %d, complete %v, problems %v", d.WeightSet.Version, d.Result.Complete, d.Result.Problems)
	}
	for _, e := range d.Result.Experts {
		if e.Excluded {
			t.Fatalf("a blocking gate excluded %+v", e)
		}
	}
	// The framework of a set does not change.
	cfg.FrameworkID = fx.objects[fx.cidA]["fid"]
	rec = fx.do("PUT", path, ev, cfg, "If-Match", `"2"`)
	expect(t, rec, 422)

	list := decode[api.List[engine.Judgment]](t, fx.do("GET", sub, fx.tokens[evaluation.RoleReviewer], nil))
	if len(list.Items) != 10 || list.Items[0].Node != "economy" {
		t.Fatalf("judgments %+v", list.Items)
	}

	// Every mutation left an audit row; the revision records the old and the new matrix.
	acts := fx.auditByAction(fx.cidA)
	if acts["weightset.create"] != 3 || acts["judgment.submit"] != 11 || acts["weightset.update"] != 1 || acts["judgments.import"] != 1 {
		t.Fatalf("audit actions %v", acts)
	}
	var changes []byte
	must(t, fx.db.SQL().Get(&changes, `SELECT changes FROM audit_log WHERE action = 'judgment.submit' AND changes ? 'old'`))
	var rev struct {
		Node     string
		Old, New [][]float64
	}
	must(t, json.Unmarshal(changes, &rev))
	if rev.Node != "root" || rev.Old[0][1] != 0.5 || rev.New[0][1] != 5 {
		t.Fatalf("audit of the revision %s", changes)
	}
}

// jiangganSet makes the Jianggan mid-term evaluation a commission of its own (owner, evaluator
// and expert of commission A), imports the example framework and makes an AHP weight set on it.
func jiangganSet(t *testing.T, fx *fixture) (cid string, fw *engine.Framework, ws *engine.WeightSet) {
	t.Helper()
	rec := fx.do("POST", "/api/v1/commissions", fx.tokens[evaluation.RoleOwner], map[string]any{"title": "江干区“十三五”绩效管理规划中期评估",
		"client": "江干区绩效办", "period_start": 2016, "period_end": 2020, "evaluated_period": "2016"})
	expect(t, rec, 201)
	cid = decode[evaluation.Commission](t, rec).ID
	base := "/api/v1/commissions/" + cid
	for _, role := range []evaluation.Role{evaluation.RoleEvaluator, evaluation.RoleExpert, evaluation.RoleReviewer, evaluation.RoleViewer} {
		expect(t, fx.do("POST", base+"/members", fx.tokens[evaluation.RoleOwner], map[string]any{"user_id": fx.actors[role].UserID, "role": role}), 201)
	}
	ev := fx.tokens[evaluation.RoleEvaluator]
	raw, err := os.ReadFile("../examples/jianggan/framework.json")
	must(t, err)
	rec = fx.uploadMultipart(base+"/frameworks/import", ev, "framework.json", raw)
	expect(t, rec, 201)
	f := decode[engine.Framework](t, rec)
	rec = fx.do("POST", base+"/weight-sets", ev, map[string]any{"name": "江干专家组", "method": "ahp"})
	expect(t, rec, 201)
	ws = decode[evaluation.WeightSetDetail](t, rec).WeightSet
	if ws.Number != 1 || ws.FrameworkID != f.ID {
		t.Fatalf("weight set %+v on framework %s", ws, f.ID)
	}
	return cid, &f, ws
}

func TestImportJiangganPanelAdjustAndCompare(t *testing.T) {
	fx := newFixture(t, noLimits())
	ev := fx.tokens[evaluation.RoleEvaluator]
	cid, _, ws := jiangganSet(t, fx)
	base := "/api/v1/commissions/" + cid + "/weight-sets/"
	panel, err := os.ReadFile("../examples/jianggan/ahp-panel.json")
	must(t, err)

	// An expert may not import a panel; the evaluator may, as is.
	expect(t, fx.do("POST", base+ws.ID+"/judgments/import", fx.tokens[evaluation.RoleExpert], panel), 403)
	rec := fx.do("POST", base+ws.ID+"/judgments/import", ev, panel)
	expect(t, rec, 200)
	imp := decode[evaluation.JudgmentImport](t, rec)
	set, res := imp.WeightSet.WeightSet, imp.WeightSet.Result
	if imp.Imported != 33 || imp.Replaced != 0 || !set.Illustrative || !strings.HasPrefix(set.Note, "ILLUSTRATIVE") || set.Version != 2 {
		t.Fatalf("import %d/%d, set %+v", imp.Imported, imp.Replaced, set)
	}
	if !res.Complete || len(res.Global) != 38 || !weightsNear(weightSum(res.Global), 1, 1e-12) {
		t.Fatalf("complete=%v problems=%v: %d global weights summing to %v", res.Complete, res.Problems, len(res.Global), weightSum(res.Global))
	}
	var excluded []engine.ExpertResult
	for _, e := range res.Experts {
		if e.Excluded {
			excluded = append(excluded, e)
		}
	}
	// Expert C's circular root matrix: CR 1.1775 by independent power iteration
	// (examples/jianggan/README.md), agreement to 1e-3.
	if len(excluded) != 1 || excluded[0].Expert != "expert-c" || excluded[0].Node != "root" || !weightsNear(excluded[0].CR, 1.1775, 1e-3) ||
		excluded[0].Reason == nil || len(excluded[0].Suggestions) == 0 {
		t.Fatalf("excluded %+v", excluded)
	}

	// The same panel again replaces every matrix; the note is not repeated.
	rec = fx.do("POST", base+ws.ID+"/judgments/import", ev, panel)
	expect(t, rec, 200)
	if again := decode[evaluation.JudgmentImport](t, rec); again.Imported != 33 || again.Replaced != 33 || again.WeightSet.WeightSet.Version != 2 {
		t.Fatalf("re-import %d/%d version %d", again.Imported, again.Replaced, again.WeightSet.WeightSet.Version)
	}

	// A bad panel is refused whole, every problem at its field path.
	var bad map[string]any
	must(t, json.Unmarshal(panel, &bad))
	experts := bad["experts"].([]any)
	experts[0].(map[string]any)["name"] = " "
	experts[1].(map[string]any)["key"] = "expert-a"
	c := experts[2].(map[string]any)
	c["key"] = "expert-z"
	js := c["judgments"].([]any)
	js[0].(map[string]any)["matrix"].([]any)[1].([]any)[3] = -1
	js[1].(map[string]any)["node"] = "nowhere"
	rec = fx.do("POST", base+ws.ID+"/judgments/import", ev, bad)
	expect(t, rec, 422)
	p := decode[api.Problem](t, rec)
	got := map[string]bool{}
	for _, e := range p.Errors {
		got[e.Field] = true
	}
	for _, f := range []string{"experts[0].name", "experts[1].key", "experts[2].judgments[0].matrix[1][3]", "experts[2].judgments[1].node"} {
		if !got[f] {
			t.Errorf("no problem at %s: %+v", f, p.Errors)
		}
	}
	var n int
	must(t, fx.db.SQL().Get(&n, `SELECT count(*) FROM judgments WHERE weight_set_id = $1 AND expert_key = 'expert-z'`, ws.ID))
	if n != 0 || p.Total != 4 {
		t.Fatalf("a refused panel stored %d matrices; %d problems: %+v", n, p.Total, p.Errors)
	}

	// An expert adjusts equity's share with a reason: version 2, based on version 1.
	adjust := map[string]any{"node": "root", "child": "equity", "weight": 0.25, "reason": "公平维度在中期评估中更受关注"}
	rec = fx.do("POST", base+ws.ID+"/adjustments", fx.tokens[evaluation.RoleExpert], map[string]any{"node": "root", "child": "nowhere", "weight": 1.5})
	expect(t, rec, 422)
	got = map[string]bool{}
	for _, e := range decode[api.Problem](t, rec).Errors {
		got[e.Field] = true
	}
	if !got["child"] || !got["weight"] || !got["reason"] {
		t.Fatalf("adjustment problems %v", got)
	}
	expect(t, fx.do("POST", base+ws.ID+"/adjustments", fx.tokens[evaluation.RoleViewer], adjust), 403)
	rec = fx.do("POST", base+ws.ID+"/adjustments", fx.tokens[evaluation.RoleExpert], adjust)
	expect(t, rec, 201)
	v2 := decode[evaluation.WeightSetDetail](t, rec)
	if v2.WeightSet.Number != 2 || v2.WeightSet.BasedOn != ws.ID || len(v2.WeightSet.Adjustments) != 1 ||
		v2.WeightSet.Adjustments[0].By != "expert" || v2.WeightSet.Adjustments[0].At.IsZero() || len(v2.Judgments) != 33 ||
		!v2.WeightSet.Illustrative || rec.Header().Get("Location") != "/api/v1/commissions/"+cid+"/weight-sets/"+v2.WeightSet.ID {
		t.Fatalf("new version %+v with %d judgments", v2.WeightSet, len(v2.Judgments))
	}
	r2 := v2.Result
	if !r2.Complete || !weightsNear(r2.Dimensions[3].Weight, 0.25, 1e-15) || !weightsNear(weightSum(r2.Global), 1, 1e-12) {
		t.Fatalf("adjusted: complete=%v dimensions=%+v", r2.Complete, r2.Dimensions)
	}
	// The other dimensions keep their proportions, scaled to 0.75; the old version is intact.
	rec = fx.do("GET", base+ws.ID, ev, nil)
	expect(t, rec, 200)
	old := decode[evaluation.WeightSetDetail](t, rec)
	if len(old.WeightSet.Adjustments) != 0 || old.WeightSet.Version != 2 || len(old.Judgments) != 33 {
		t.Fatalf("old version changed: %+v", old.WeightSet)
	}
	for i := range 3 {
		want := old.Result.Dimensions[i].Weight / (1 - old.Result.Dimensions[3].Weight) * 0.75
		if !weightsNear(r2.Dimensions[i].Weight, want, 1e-12) {
			t.Errorf("dimension %s: %v, want %v", r2.Dimensions[i].Dimension, r2.Dimensions[i].Weight, want)
		}
	}
	for i := range res.Global {
		if old.Result.Global[i] != res.Global[i] {
			t.Fatalf("the old version's weights moved: %+v → %+v", res.Global[i], old.Result.Global[i])
		}
	}

	// The comparison lists the root's four local weights and every global weight that moved,
	// largest first.
	rec = fx.do("GET", base+"compare?from="+ws.ID+"&to="+v2.WeightSet.ID, fx.tokens[evaluation.RoleReviewer], nil)
	expect(t, rec, 200)
	cmp := decode[evaluation.WeightComparison](t, rec)
	if cmp.From.Number != ws.Number || cmp.To.Number != v2.WeightSet.Number || !cmp.From.Complete || !cmp.To.Complete {
		t.Fatalf("comparison sides %+v %+v", cmp.From, cmp.To)
	}
	if len(cmp.Local) != 4 || cmp.UnchangedLocal == 0 {
		t.Fatalf("local changes %+v (%d unchanged)", cmp.Local, cmp.UnchangedLocal)
	}
	for _, ch := range cmp.Local {
		if ch.Node != "root" {
			t.Fatalf("local change outside the root: %+v", ch)
		}
		if ch.Code == "equity" && (!weightsNear(*ch.To, 0.25, 1e-15) || *ch.From != old.Result.Dimensions[3].Weight) {
			t.Fatalf("equity %+v", ch)
		}
	}
	if len(cmp.Global)+cmp.UnchangedGlobal != 38 || len(cmp.Global) == 0 {
		t.Fatalf("%d global changes, %d unchanged", len(cmp.Global), cmp.UnchangedGlobal)
	}
	var net float64
	for _, ch := range cmp.Global {
		if ch.Node != "" || !weightsNear(ch.Delta, *ch.To-*ch.From, 1e-15) {
			t.Fatalf("global change %+v", ch)
		}
		net += ch.Delta
	}
	if !weightsNear(net, 0, 1e-12) {
		t.Errorf("global deltas sum to %v; both versions sum to 1", net)
	}
	if !sort.SliceIsSorted(cmp.Global, func(i, j int) bool {
		return math.Abs(cmp.Global[i].Delta) > math.Abs(cmp.Global[j].Delta)
	}) {
		t.Errorf("global changes not sorted by |delta|: %+v", cmp.Global)
	}
	expect(t, fx.do("GET", base+"compare?from="+ws.ID, ev, nil), 422)

	// A locked version can still be adjusted: that makes an unlocked version after it.
	err = fx.db.Transact(context.Background(), func(tx evaluation.Tx) error { return tx.LockWeightSet(context.Background(), v2.WeightSet.ID) })
	must(t, err)
	adjust["weight"] = 0.3
	rec = fx.do("POST", base+v2.WeightSet.ID+"/adjustments", fx.tokens[evaluation.RoleExpert], adjust)
	expect(t, rec, 201)
	if v3 := decode[evaluation.WeightSetDetail](t, rec); v3.WeightSet.Locked || len(v3.WeightSet.Adjustments) != 2 || !weightsNear(v3.Result.Dimensions[3].Weight, 0.3, 1e-15) {
		t.Fatalf("version 3 %+v", v3.WeightSet)
	}

	acts := fx.auditByAction(cid)
	if acts["judgments.import"] != 2 || acts["weightset.adjust"] != 2 || acts["weightset.update"] != 1 || acts["weightset.create"] != 1 {
		t.Fatalf("audit actions %v", acts)
	}
}

func TestLockedWeightSetRefusesChanges(t *testing.T) {
	fx := newFixture(t, noLimits())
	ctx := context.Background()
	wid := fx.objects[fx.cidA]["wid"]
	path := "/api/v1/commissions/" + fx.cidA + "/weight-sets/" + wid
	must(t, fx.db.Transact(ctx, func(tx evaluation.Tx) error { return tx.LockWeightSet(ctx, wid) }))

	rec := fx.do("GET", path, fx.tokens[evaluation.RoleViewer], nil)
	expect(t, rec, 200)
	d := decode[evaluation.WeightSetDetail](t, rec)
	if !d.WeightSet.Locked || len(d.Judgments) != 1 {
		t.Fatalf("locked set %+v with %d judgments", d.WeightSet, len(d.Judgments))
	}
	matrix := map[string]any{"node": "effectiveness", "matrix": [][]float64{{1, 2}, {0.5, 1}}}
	expect(t, fx.do("POST", path+"/judgments", fx.tokens[evaluation.RoleExpert], matrix), 409)
	panel := map[string]any{"experts": []any{map[string]any{"key": "panel-2", "name": "专家乙", "judgments": []any{matrix}}}}
	expect(t, fx.do("POST", path+"/judgments/import", fx.tokens[evaluation.RoleEvaluator], panel), 409)
	expect(t, fx.do("PUT", path, fx.tokens[evaluation.RoleEvaluator], d.WeightSet, "If-Match", rec.Header().Get("ETag")), 409)

	// The database itself refuses to change a locked set or its judgments.
	for _, stmt := range []string{
		`UPDATE judgments SET matrix = '[[1, 9], [0.1111111111111111, 1]]' WHERE weight_set_id = '` + wid + `'`,
		`DELETE FROM judgments WHERE weight_set_id = '` + wid + `'`,
		`INSERT INTO judgments (weight_set_id, node, expert_key, expert_name, criteria, matrix) VALUES ('` + wid + `', 'effectiveness', 'intruder', 'x', '{gdp,pm25}', '[[1,2],[0.5,1]]')`,
		`TRUNCATE judgments`,
		`UPDATE weight_sets SET name = 'changed' WHERE id = '` + wid + `'`,
		`UPDATE weight_sets SET definition = '{}' WHERE id = '` + wid + `'`,
		`UPDATE weight_sets SET locked = false WHERE id = '` + wid + `'`,
		`DELETE FROM weight_sets WHERE id = '` + wid + `'`,
	} {
		if _, err := fx.db.SQL().Exec(stmt); err == nil || !strings.Contains(err.Error(), "locked") {
			t.Errorf("%s: %v, want a refusal for the lock", stmt, err)
		}
	}
	// Commission B's unlocked set still takes matrices (by statement, as the triggers see it).
	widB := fx.objects[fx.cidB]["wid"]
	if _, err := fx.db.SQL().Exec(`UPDATE judgments SET submitted_at = now() WHERE weight_set_id = $1`, widB); err != nil {
		t.Errorf("an unlocked set's judgments were refused: %v", err)
	}
	// An equal-weights set takes no judgments.
	rec = fx.do("POST", "/api/v1/commissions/"+fx.cidA+"/weight-sets", fx.tokens[evaluation.RoleOwner], map[string]any{"name": "等权", "method": "equal"})
	expect(t, rec, 201)
	eq := decode[evaluation.WeightSetDetail](t, rec)
	// Only effectiveness holds indicators (gdp, pm25): equal weights give each one half.
	if !eq.Result.Complete || eq.Result.Global[0].Weight != 0.5 {
		t.Fatalf("equal weights %+v", eq.Result)
	}
	expect(t, fx.do("POST", "/api/v1/commissions/"+fx.cidA+"/weight-sets/"+eq.WeightSet.ID+"/judgments", fx.tokens[evaluation.RoleExpert], matrix), 409)
}

func TestObjectiveWeightsFromTheCommissionDataset(t *testing.T) {
	fx := newFixture(t, noLimits())
	ctx := context.Background()
	ev := fx.tokens[evaluation.RoleEvaluator]
	base := "/api/v1/commissions/" + fx.cidA
	rec := fx.do("POST", base+"/frameworks", ev, weightFramework4x2())
	expect(t, rec, 201)
	fw := decode[engine.Framework](t, rec)
	_, err := fx.svc.UpsertUnits(ctx, fx.actors[evaluation.RoleOwner], fx.cidA, []engine.Unit{
		{Code: "jianqiao", Name: "笕桥街道"}, {Code: "kaixuan", Name: "凯旋街道"}, {Code: "pengbu", Name: "彭埠街道"}})
	must(t, err)
	units := []string{"caihe", "jianqiao", "kaixuan", "pengbu"} // by code, as the commission lists them
	var codes []string
	for _, r := range fw.Indicators() {
		codes = append(codes, r.Node.Code)
	}
	// Values for the evaluated period 2016, and a 2017 row that must not count.
	want := &engine.ObjectiveData{Units: units, Indicators: codes}
	var csv strings.Builder
	csv.WriteString("indicator,unit,period,value\n")
	for i, u := range units {
		row := make([]float64, len(codes))
		for j, code := range codes {
			row[j] = float64((i*7+j*3)%11) + 1 + float64(j)/10
			fmt.Fprintf(&csv, "%s,%s,2016,%g\n", code, u, row[j])
		}
		want.Values = append(want.Values, row)
	}
	csv.WriteString("eco1,caihe,2017,99\n")
	rec = fx.uploadMultipart(base+"/datasets?framework="+fw.ID, ev, "data.csv", []byte(csv.String()))
	expect(t, rec, 201)
	ds := decode[evaluation.ImportResult](t, rec).Dataset

	// Entropy needs a dataset, and one of this commission.
	rec = fx.do("POST", base+"/weight-sets", ev, map[string]any{"framework_id": fw.ID, "name": "熵权", "method": "entropy"})
	expect(t, rec, 422)
	rec = fx.do("POST", base+"/weight-sets", ev, map[string]any{"framework_id": fw.ID, "name": "熵权", "method": "entropy", "dataset_id": fx.objects[fx.cidB]["did"]})
	expect(t, rec, 422)
	if p := decode[api.Problem](t, rec); len(p.Errors) != 1 || p.Errors[0].Field != "dataset_id" {
		t.Fatalf("problems %+v", p.Errors)
	}

	rec = fx.do("POST", base+"/weight-sets", ev, map[string]any{"framework_id": fw.ID, "name": "熵权", "method": "entropy", "dataset_id": ds.ID})
	expect(t, rec, 201)
	got := decode[evaluation.WeightSetDetail](t, rec)
	if got.Data == nil || got.Data.Units != 4 || got.Data.Indicators != 8 || got.Data.Values != 32 || got.Data.Period != "2016" || got.Data.DatasetNumber != ds.Number {
		t.Fatalf("data %+v", got.Data)
	}
	direct, err := engine.DeriveWeights(&fw, &engine.WeightSet{Method: engine.WeightEntropy}, nil, want)
	must(t, err)
	if !got.Result.Complete || len(got.Result.Global) != 8 {
		t.Fatalf("entropy: complete=%v problems=%v", got.Result.Complete, got.Result.Problems)
	}
	for i, g := range got.Result.Global {
		if g.Weight != direct.Global[i].Weight {
			t.Errorf("%s: %v, want %v (entropy on the 2016 values)", g.Indicator, g.Weight, direct.Global[i].Weight)
		}
	}

	// Combined: α = 0.5 between equal weights (1/8) and entropy.
	rec = fx.do("POST", base+"/weight-sets", ev, map[string]any{"framework_id": fw.ID, "name": "组合", "method": "combined", "dataset_id": ds.ID,
		"combined": map[string]any{"subjective": "equal", "objective": "entropy", "alpha": 0.5}})
	expect(t, rec, 201)
	comb := decode[evaluation.WeightSetDetail](t, rec).Result
	for i, g := range comb.Global {
		if w := 0.5*0.125 + 0.5*direct.Global[i].Weight; !weightsNear(g.Weight, w, 1e-15) {
			t.Errorf("combined %s: %v, want %v", g.Indicator, g.Weight, w)
		}
	}
	l := decode[api.List[engine.WeightSet]](t, fx.do("GET", base+"/weight-sets", fx.tokens[evaluation.RoleViewer], nil))
	if len(l.Items) != 4 || l.Items[0].Name != "组合" || l.Items[0].Number != 4 {
		t.Fatalf("weight sets %+v", l.Items)
	}
}

// A framework edited in place after a weight set was made no longer matches the set's digest: the
// set reports why it is incomplete and takes no more judgments.
func TestEditedFrameworkMakesWeightSetStale(t *testing.T) {
	fx := newFixture(t, noLimits())
	ev := fx.tokens[evaluation.RoleEvaluator]
	base := "/api/v1/commissions/" + fx.cidA
	fid, wid := fx.objects[fx.cidA]["fid"], fx.objects[fx.cidA]["wid"]
	rec := fx.do("GET", base+"/frameworks/"+fid, ev, nil)
	expect(t, rec, 200)
	f := decode[engine.Framework](t, rec)
	f.Dimensions[2].Children = f.Dimensions[2].Children[:1] // effectiveness keeps gdp only
	expect(t, fx.do("PUT", base+"/frameworks/"+fid, ev, f, "If-Match", rec.Header().Get("ETag")), 200)

	rec = fx.do("GET", base+"/weight-sets/"+wid, ev, nil)
	expect(t, rec, 200)
	d := decode[evaluation.WeightSetDetail](t, rec)
	last := messages.For(messages.English).Render(d.Result.Problems[len(d.Result.Problems)-1])
	if d.Result.Complete || !strings.Contains(last, "changed since weight set 1 was made") {
		t.Fatalf("stale set: complete=%v problems=%v", d.Result.Complete, d.Result.Problems)
	}
	// The panel's only matrix judged effectiveness's two indicators, which are now one: it no
	// longer fits the tree and is not shown.
	if len(d.Result.Experts) != 0 {
		t.Fatalf("expert results %+v, want none", d.Result.Experts)
	}
	rec = fx.do("POST", base+"/weight-sets/"+wid+"/judgments", fx.tokens[evaluation.RoleExpert], map[string]any{"node": "root", "matrix": saatyConsistent(1, 1, 1, 1)})
	expect(t, rec, 409)
	if p := decode[api.Problem](t, rec); !strings.Contains(p.Detail, "请在当前指标体系上新建权重集") || p.DetailID != messages.WeightsStaleFramework {
		t.Fatalf("409 detail %q", p.Detail)
	}
}

// The comparison names each weight by the frameworks the two sets weigh as they stand now, the
// second set's name winning where both frameworks have the code: here a set on a framework edited
// in place since it was made (renamed indicators: the set is stale, shown incomplete with the
// reason, not refused) against a set on a newer framework version naming them otherwise.
func TestCompareWeightSetsNamesFromEachSetsFramework(t *testing.T) {
	fx := newFixture(t, noLimits())
	ev := fx.tokens[evaluation.RoleEvaluator]
	base := "/api/v1/commissions/" + fx.cidA
	fid := fx.objects[fx.cidA]["fid"]
	set := func(framework, name string, gdp float64) string {
		rec := fx.do("POST", base+"/weight-sets", ev, map[string]any{"framework_id": framework, "name": name, "method": "direct",
			"direct": []map[string]any{{"node": "effectiveness", "children": []string{"gdp", "pm25"}, "weights": []float64{gdp, 1 - gdp}}}})
		expect(t, rec, 201)
		return decode[evaluation.WeightSetDetail](t, rec).WeightSet.ID
	}
	old := set(fid, "重增长", 0.8)
	// The set's framework renames both indicators in place after the set was made…
	rec := fx.do("GET", base+"/frameworks/"+fid, ev, nil)
	expect(t, rec, 200)
	f := decode[engine.Framework](t, rec)
	f.Dimensions[2].Children[0].Name, f.Dimensions[2].Children[1].Name = "地区生产总值（修订）", "细颗粒物浓度（修订）"
	expect(t, fx.do("PUT", base+"/frameworks/"+fid, ev, f, "If-Match", rec.Header().Get("ETag")), 200)
	// …and a newer version names them otherwise again.
	nf := smallFramework()
	nf.Dimensions[2].Children[0].Name, nf.Dimensions[2].Children[1].Name = "GDP总量", "PM2.5年均值"
	rec = fx.do("POST", base+"/frameworks", ev, nf)
	expect(t, rec, 201)
	newer := set(decode[engine.Framework](t, rec).ID, "重环境", 0.3)

	names := func(from, to string) (map[string]string, evaluation.WeightComparison) {
		t.Helper()
		rec := fx.do("GET", base+"/weight-sets/compare?from="+from+"&to="+to, fx.tokens[evaluation.RoleViewer], nil)
		expect(t, rec, 200)
		cmp := decode[evaluation.WeightComparison](t, rec)
		out := map[string]string{}
		for _, ch := range append(cmp.Local, cmp.Global...) {
			if n, ok := out[ch.Code]; ok && n != ch.Name {
				t.Errorf("%s is named %q and %q", ch.Code, n, ch.Name)
			}
			out[ch.Code] = ch.Name
		}
		return out, cmp
	}
	stale := func(s evaluation.WeightSetSide) bool {
		for _, p := range s.Problems {
			if p.ID == messages.WeightsStaleFramework {
				return !s.Complete
			}
		}
		return false
	}
	got, cmp := names(old, newer)
	if want := map[string]string{"gdp": "GDP总量", "pm25": "PM2.5年均值"}; got["gdp"] != want["gdp"] || got["pm25"] != want["pm25"] {
		t.Errorf("old → newer names %v, want the newer framework's %v", got, want)
	}
	if !stale(cmp.From) || stale(cmp.To) {
		t.Errorf("sides %+v / %+v: the edited set is shown stale, the other not", cmp.From, cmp.To)
	}
	got, cmp = names(newer, old)
	if want := map[string]string{"gdp": "地区生产总值（修订）", "pm25": "细颗粒物浓度（修订）"}; got["gdp"] != want["gdp"] || got["pm25"] != want["pm25"] {
		t.Errorf("newer → old names %v, want the edited framework's %v", got, want)
	}
	if stale(cmp.From) || !stale(cmp.To) {
		t.Errorf("sides %+v / %+v: the edited set is shown stale, the other not", cmp.From, cmp.To)
	}
}
