package api_test

import (
	"testing"

	"evalbench/evaluation"
	"evalbench/messages"
)

// Comparing two weight sets shows how the units' ranking moves on the current data.
//
// Effectiveness holds gdp and pm25. gdp scores by achievement against the plan's compound path
// (533.96 in 2016, capped at 100); pm25 by its bound 50 (≤ 50 → 100, 1.2 × the bound → 0):
//
//	caihe    gdp 555 → 100, pm25 49 → 100
//	kaixuan  gdp 540 → 100, pm25 60 →   0
//	sijiqing gdp 266.982 → 50.00003, pm25 45 → 100
//
// With gdp 0.8 / pm25 0.2: 100, 80, 60 (ranks 1, 2, 3); with 0.2 / 0.8: 100, 20, 90 (1, 3, 2).
func TestCompareWeightSetsRanksUnitsOnCurrentData(t *testing.T) {
	fx := newFixture(t, noLimits())
	ev := fx.tokens[evaluation.RoleEvaluator]
	base := "/api/v1/commissions/" + fx.cidA
	expect(t, fx.do("POST", base+"/units", ev, map[string]any{"units": []map[string]string{
		{"code": "kaixuan", "name": "凯旋街道", "kind": "subdistrict"}, {"code": "sijiqing", "name": "四季青街道", "kind": "subdistrict"}}}), 200)
	csv := "indicator,unit,period,value\ngdp,caihe,2016,555\npm25,caihe,2016,49\ngdp,kaixuan,2016,540\npm25,kaixuan,2016,60\ngdp,sijiqing,2016,266.982\npm25,sijiqing,2016,45\n"
	expect(t, fx.uploadMultipart(base+"/datasets?framework="+fx.objects[fx.cidA]["fid"], ev, "three.csv", []byte(csv)), 201)
	set := func(name string, gdp float64) string {
		rec := fx.do("POST", base+"/weight-sets", ev, map[string]any{"framework_id": fx.objects[fx.cidA]["fid"], "name": name, "method": "direct",
			"direct": []map[string]any{{"node": "effectiveness", "children": []string{"gdp", "pm25"}, "weights": []float64{gdp, 1 - gdp}}}})
		expect(t, rec, 201)
		return decode[evaluation.WeightSetDetail](t, rec).WeightSet.ID
	}
	from, to := set("重增长", 0.8), set("重环境", 0.2)
	rec := fx.do("GET", base+"/weight-sets/compare?from="+from+"&to="+to, fx.tokens[evaluation.RoleViewer], nil)
	expect(t, rec, 200)
	cmp := decode[evaluation.WeightComparison](t, rec)
	type row struct {
		from, to   float64
		fr, tr, mv int
	}
	want := map[string]row{"caihe": {100, 100, 1, 1, 0}, "kaixuan": {80, 20, 2, 3, -1}, "sijiqing": {60, 90, 3, 2, 1}}
	if len(cmp.Ranking) != 3 || cmp.RankingNote != "" {
		t.Fatalf("ranking %+v (%s)", cmp.Ranking, cmp.RankingNote)
	}
	for _, r := range cmp.Ranking {
		w := want[r.Unit]
		if r.FromScore == nil || r.ToScore == nil || !weightsNear(*r.FromScore, w.from, 1e-4) || !weightsNear(*r.ToScore, w.to, 1e-4) ||
			r.FromRank != w.fr || r.ToRank != w.tr || r.Moved != w.mv {
			t.Errorf("%s: %v→%v ranks %d→%d moved %d; want %+v", r.Unit, *r.FromScore, *r.ToScore, r.FromRank, r.ToRank, r.Moved, w)
		}
	}
	if cmp.Ranking[1].Unit != "sijiqing" {
		t.Errorf("ranking not ordered by the new rank: %+v", cmp.Ranking)
	}

	// A set without judgments derives no complete weights, so nothing is ranked; the note says
	// why as a message of the catalogue beside its English.
	rec = fx.do("POST", base+"/weight-sets", ev, map[string]any{"framework_id": fx.objects[fx.cidA]["fid"], "name": "未判断", "method": "ahp"})
	expect(t, rec, 201)
	ahp := decode[evaluation.WeightSetDetail](t, rec).WeightSet.ID
	rec = fx.do("GET", base+"/weight-sets/compare?from="+from+"&to="+ahp, fx.tokens[evaluation.RoleViewer], nil)
	expect(t, rec, 200)
	cmp = decode[evaluation.WeightComparison](t, rec)
	if m := cmp.RankingNoteMessage; len(cmp.Ranking) != 0 || m == nil || m.ID != messages.WeightsRankingIncomplete ||
		cmp.RankingNote != "both weight sets must derive complete weights to rank the units" || messages.For(messages.Chinese).Render(*m) == cmp.RankingNote {
		t.Errorf("ranking %+v, note %q %+v", cmp.Ranking, cmp.RankingNote, cmp.RankingNoteMessage)
	}
}
