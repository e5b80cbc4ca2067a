package engine_test

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"evalbench/evaluation/engine"
)

// jianggan loads the example framework and its illustrative three-expert AHP panel.
func jianggan(t *testing.T) (*engine.Framework, []engine.Judgment) {
	t.Helper()
	var f engine.Framework
	raw, err := os.ReadFile("../../examples/jianggan/framework.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	var panel struct {
		Experts []struct {
			Key, Name string
			Judgments []engine.Judgment
		}
	}
	raw, err = os.ReadFile("../../examples/jianggan/ahp-panel.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &panel); err != nil {
		t.Fatal(err)
	}
	var js []engine.Judgment
	for _, e := range panel.Experts {
		for _, j := range e.Judgments {
			j.Expert, j.ExpertName = e.Key, e.Name
			if err := engine.CheckJudgment(&f, &j); err != nil {
				t.Fatalf("%s %s: %v", e.Key, j.Node, err)
			}
			js = append(js, j)
		}
	}
	return &f, js
}

func sum(ws []engine.IndicatorWeight) float64 {
	var s float64
	for _, w := range ws {
		s += w.Weight
	}
	return s
}

func TestDeriveWeightsJiangganPanelExcludesInconsistentExpert(t *testing.T) {
	f, js := jianggan(t)
	ws := &engine.WeightSet{Method: engine.WeightAHP, Name: "panel"}
	res, err := engine.DeriveWeights(f, ws, js, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Complete {
		t.Fatalf("incomplete: %v", res.Problems)
	}
	if len(res.Global) != 38 || math.Abs(sum(res.Global)-1) > 1e-12 {
		t.Fatalf("%d global weights summing to %v", len(res.Global), sum(res.Global))
	}
	var excluded []engine.ExpertResult
	for _, e := range res.Experts {
		if e.Excluded {
			excluded = append(excluded, e)
		}
	}
	// Expert C's circular root matrix; its CR 1.1775 was computed independently by power
	// iteration (examples/jianggan/README.md) — agreement to 1e-3.
	if len(excluded) != 1 || excluded[0].Expert != "expert-c" || excluded[0].Node != "root" ||
		math.Abs(excluded[0].CR-1.1775) > 1e-3 || len(excluded[0].Suggestions) == 0 {
		t.Fatalf("excluded %+v", excluded)
	}
	if s := excluded[0].Suggestions[0]; s.CR >= excluded[0].CR {
		t.Fatalf("the first suggestion does not lower CR: %+v", s)
	}
	// The root is aggregated from the two consistent experts only.
	for _, n := range res.Nodes {
		if n.Node == "root" && n.Experts != 2 {
			t.Fatalf("root used %d matrices, want 2", n.Experts)
		}
	}
	// Global weights are the products of local weights down the tree.
	local := map[string]map[string]float64{}
	for _, n := range res.Nodes {
		local[n.Node] = map[string]float64{}
		for i, c := range n.Children {
			local[n.Node][c] = n.Weights[i]
		}
	}
	for _, r := range f.Indicators() {
		want := local["root"][string(r.Dimension)]
		parent := string(r.Dimension)
		for _, p := range r.Path[1:] {
			want *= local[parent][p]
			parent = p
		}
		want *= local[parent][r.Node.Code]
		for _, g := range res.Global {
			if g.Indicator == r.Node.Code && math.Abs(g.Weight-want) > 1e-15 {
				t.Errorf("%s: global %v, product of locals %v", g.Indicator, g.Weight, want)
			}
		}
	}

	// The blocking gate refuses instead.
	ws.AHP.Gate = "block"
	res, err = engine.DeriveWeights(f, ws, js, nil)
	if err != nil || res.Complete || len(res.Problems) != 1 {
		t.Fatalf("block gate: complete=%v problems=%v err=%v", res.Complete, res.Problems, err)
	}
}

// A perfectly consistent matrix a_ij = w_i/w_j returns w exactly (Saaty 1980, §2.2).
func TestDeriveWeightsConsistentMatrixAndAdjustment(t *testing.T) {
	f := smallFramework(3)
	w := []float64{0.1, 0.2, 0.3, 0.4}
	m := make([][]float64, 4)
	for i := range m {
		m[i] = make([]float64, 4)
		for j := range m[i] {
			m[i][j] = w[i] / w[j]
		}
	}
	js := []engine.Judgment{{Node: "root", Expert: "e1", ExpertName: "E1", Matrix: m}}
	for _, d := range []string{"economy", "efficiency", "effectiveness", "equity"} {
		js = append(js, engine.Judgment{Node: d, Expert: "e1", ExpertName: "E1", Matrix: [][]float64{{1, 3, 1}, {1.0 / 3, 1, 1.0 / 3}, {1, 3, 1}}})
	}
	for i := range js {
		if err := engine.CheckJudgment(f, &js[i]); err != nil {
			t.Fatal(err)
		}
	}
	ws := &engine.WeightSet{Method: engine.WeightAHP}
	res, err := engine.DeriveWeights(f, ws, js, nil)
	if err != nil || !res.Complete {
		t.Fatal(err, res.Problems)
	}
	for i, d := range res.Dimensions {
		if math.Abs(d.Weight-w[i]) > 1e-12 {
			t.Errorf("dimension %s: %v, want %v", d.Dimension, d.Weight, w[i])
		}
	}
	// Children 3:1:3 → 3/7, 1/7, 3/7.
	if g := res.Global[0].Weight; math.Abs(g-0.1*3/7) > 1e-12 {
		t.Errorf("global of the first indicator %v, want %v", g, 0.1*3/7)
	}
	// An expert adjusts equity's share to 0.25 with a reason: the other dimensions keep their
	// proportions (0.1 : 0.2 : 0.3 scaled to 0.75).
	ws.Adjustments = []engine.WeightAdjustment{{Node: "root", Child: "equity", Weight: 0.25, Reason: "公平维度在中期评估中更受关注"}}
	res, err = engine.DeriveWeights(f, ws, js, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0.125, 0.25, 0.375, 0.25}
	for i, d := range res.Dimensions {
		if math.Abs(d.Weight-want[i]) > 1e-12 {
			t.Errorf("adjusted %s: %v, want %v", d.Dimension, d.Weight, want[i])
		}
	}
	ws.Adjustments[0].Reason = ""
	if _, err := engine.DeriveWeights(f, ws, js, nil); err == nil {
		t.Error("an adjustment without a reason was accepted")
	}
}

func TestDeriveWeightsEqualDirectObjectiveCombined(t *testing.T) {
	f := smallFramework(2)
	res, err := engine.DeriveWeights(f, &engine.WeightSet{Method: engine.WeightEqual}, nil, nil)
	if err != nil || !res.Complete || res.Global[0].Weight != 0.125 {
		t.Fatalf("equal: %+v %v", res.Global, err)
	}
	direct := &engine.WeightSet{Method: engine.WeightDirect, Direct: []engine.NodeWeights{
		{Node: "root", Children: []string{"economy", "efficiency", "effectiveness", "equity"}, Weights: []float64{0.4, 0.2, 0.2, 0.2}},
	}}
	res, err = engine.DeriveWeights(f, direct, nil, nil)
	if err != nil || res.Complete || len(res.Problems) != 4 {
		t.Fatalf("direct without the dimensions' weights: complete=%v problems=%v err=%v", res.Complete, res.Problems, err)
	}
	direct.Direct[0].Weights[0] = 0.5
	if _, err := engine.DeriveWeights(f, direct, nil, nil); err == nil {
		t.Fatal("direct weights summing to 1.1 were accepted")
	}
	// Entropy needs two or more units with data; with them its weights are the statistics
	// package's, spread over the tree.
	ent := &engine.WeightSet{Method: engine.WeightEntropy}
	res, err = engine.DeriveWeights(f, ent, nil, nil)
	if err != nil || res.Complete {
		t.Fatalf("entropy without data: %+v %v", res, err)
	}
	data := &engine.ObjectiveData{Units: []string{"a", "b", "c"}}
	for _, r := range f.Indicators() {
		data.Indicators = append(data.Indicators, r.Node.Code)
	}
	data.Values = [][]float64{
		{1, 2, 3, 4, 5, 6, 7, 8},
		{2, 2, 5, 4, 1, 6, 9, 1},
		{3, 1, 3, 9, 5, 2, 7, 3},
	}
	res, err = engine.DeriveWeights(f, ent, nil, data)
	if err != nil || !res.Complete || math.Abs(sum(res.Global)-1) > 1e-12 {
		t.Fatalf("entropy: %+v %v", res, err)
	}
	comb := &engine.WeightSet{Method: engine.WeightCombined, Combined: &engine.CombinedConfig{Subjective: engine.WeightEqual, Objective: engine.WeightEntropy, Alpha: 0.5}}
	cres, err := engine.DeriveWeights(f, comb, nil, data)
	if err != nil || !cres.Complete {
		t.Fatal(err, cres.Problems)
	}
	for i, g := range cres.Global {
		want := 0.5*0.125 + 0.5*res.Global[i].Weight
		if math.Abs(g.Weight-want) > 1e-12 {
			t.Errorf("combined %s: %v, want %v", g.Indicator, g.Weight, want)
		}
	}
}

// smallFramework has k indicators under each dimension, coded d1…dk per dimension.
func smallFramework(k int) *engine.Framework {
	f := &engine.Framework{Title: "t", PlanStart: 2016, PlanEnd: 2020}
	for _, d := range engine.Dimensions {
		n := &engine.Node{Code: string(d), Kind: engine.KindDimension, Name: engine.DimensionNames[d][0]}
		for i := range k {
			n.Children = append(n.Children, &engine.Node{Code: string(d)[:3] + string(rune('1'+i)), Kind: engine.KindIndicator, Name: "指标",
				Indicator: &engine.Indicator{Unit: "%", ValueKind: engine.ValuePercent, Polarity: engine.PolarityHigher, TargetKind: engine.TargetLevel}})
		}
		f.Dimensions = append(f.Dimensions, n)
	}
	return f
}

// Trimmed AIJ with trim 0 is the unweighted AIJ; a trim outside [0, 0.5), or one given to
// another aggregation, is refused.
func TestDeriveWeightsTrimmedAIJ(t *testing.T) {
	f, js := jianggan(t)
	plain, err := engine.DeriveWeights(f, &engine.WeightSet{Method: engine.WeightAHP, Name: "aij"}, js, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, agg := range []string{"aij-trimmed", "aij-quantile"} {
		res, err := engine.DeriveWeights(f, &engine.WeightSet{Method: engine.WeightAHP, Name: agg, AHP: engine.AHPConfig{Aggregation: agg}}, js, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i, w := range res.Global {
			if math.Abs(w.Weight-plain.Global[i].Weight) > 1e-12 {
				t.Fatalf("%s with trim 0: %+v, aij %+v", agg, w, plain.Global[i])
			}
		}
		if _, err := engine.DeriveWeights(f, &engine.WeightSet{Method: engine.WeightAHP, Name: agg, AHP: engine.AHPConfig{Aggregation: agg, Trim: 0.4}}, js, nil); err != nil {
			t.Fatalf("%s trim 0.4: %v", agg, err)
		}
	}
	for _, cfg := range []engine.AHPConfig{{Aggregation: "aij-trimmed", Trim: 0.5}, {Aggregation: "aij-quantile", Trim: -0.1}, {Aggregation: "aij", Trim: 0.2}} {
		ws := &engine.WeightSet{Method: engine.WeightAHP, Name: "bad", AHP: cfg}
		if err := ws.Check(f); err == nil {
			t.Errorf("config %+v accepted", cfg)
		}
	}
}
