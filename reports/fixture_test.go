package reports_test

import (
	"crypto/ed25519"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/reports"
)

func ptr(x float64) *float64 { return &x }

// richInputs is a synthetic commission that exercises every part of a report: five sub-district
// units; one indicator per 4E dimension plus a second effectiveness indicator under a group; a
// missing value; an AHP panel of three experts, one inconsistent (excluded); a 360 survey with
// suppressed cells; a 70 % satisfaction component with its constraint; grades with a quota; a
// bonus; the previous period's last two places; and a Monte Carlo analysis.
func richInputs() *engine.RunInputs {
	ind := func(code, name, en string, in engine.Indicator) *engine.Node {
		return &engine.Node{Code: code, Kind: engine.KindIndicator, Name: name, NameEN: en, Indicator: &in}
	}
	f := &engine.Framework{ID: "6f0c2d4e-0000-4000-8000-000000000001", Number: 1, Title: "街道绩效指标体系", PlanStart: 2016, PlanEnd: 2020}
	for _, d := range engine.Dimensions {
		n := engine.DimensionNames[d]
		f.Dimensions = append(f.Dimensions, &engine.Node{Code: string(d), Kind: engine.KindDimension, Name: n[0], NameEN: n[1]})
	}
	f.Dimensions[0].Children = []*engine.Node{ind("revenue", "财政收入", "Fiscal revenue", engine.Indicator{Unit: "亿元",
		ValueKind: engine.ValueCurrency, CurrencyScale: 1e8, Polarity: engine.PolarityHigher, TargetKind: engine.TargetLevel,
		Baseline: &engine.Baseline{Year: 2015, Value: 10}, FinalTarget: ptr(16),
		AnnualTargets: []engine.AnnualTarget{{Year: 2016, Basis: engine.BasisLevel, Value: ptr(11)}, {Year: 2017, Basis: engine.BasisLevel, Value: ptr(12)}},
		// A restated caliber (issue 12): the 2016 values do not state theirs.
		Caliber: "新口径(示例) restated caliber", CaliberNotes: []engine.CaliberNote{{Year: 2015, Original: 12, Restated: 10, Reason: "示例口径调整 illustrative restatement"}}})}
	f.Dimensions[1].Children = []*engine.Node{ind("service", "一次办结", "One-visit service", engine.Indicator{Unit: "项",
		ValueKind: engine.ValueCount, Polarity: engine.PolarityHigher, TargetKind: engine.TargetQualitative,
		Rubric: []engine.RubricLevel{{Label: "完成", Score: 100}, {Label: "基本完成", Score: 70}, {Label: "未完成", Score: 0}}})}
	f.Dimensions[2].Children = []*engine.Node{
		ind("pm25", "PM2.5平均浓度", "PM2.5", engine.Indicator{Unit: "微克/M3", ValueKind: engine.ValueQuantity,
			Polarity: engine.PolarityLower, TargetKind: engine.TargetUpperBound, FinalTarget: ptr(50), TargetText: "50以下"}),
		{Code: "green", Kind: engine.KindGroup, Name: "绿色发展", NameEN: "Green development", Children: []*engine.Node{
			ind("parks", "公园绿地面积", "Park area", engine.Indicator{Unit: "万M2", ValueKind: engine.ValueQuantity,
				Polarity: engine.PolarityHigher, TargetKind: engine.TargetLevel, Baseline: &engine.Baseline{Year: 2015, Value: 40},
				FinalTarget: ptr(60), AnnualTargets: []engine.AnnualTarget{{Year: 2016, Basis: engine.BasisGrowth, Value: ptr(5)}}}),
		}},
	}
	f.Dimensions[3].Children = []*engine.Node{ind("jobs", "新增就业", "New jobs", engine.Indicator{Unit: "万人",
		ValueKind: engine.ValueQuantity, Polarity: engine.PolarityHigher, TargetKind: engine.TargetCumulative, FinalTarget: ptr(10)})}

	units := []engine.Unit{
		{Code: "caihe", Name: "采荷街道", Kind: engine.UnitSubdistrict},
		{Code: "kaixuan", Name: "凯旋街道", Kind: engine.UnitSubdistrict},
		{Code: "sijiqing", Name: "四季青街道", Kind: engine.UnitSubdistrict},
		{Code: "baiyang", Name: "白杨街道", Kind: engine.UnitSubdistrict},
		{Code: "xiasha", Name: "下沙街道", Kind: engine.UnitSubdistrict},
	}
	values := map[string][]any{
		"revenue": {11.5, 10.8, 12.1, 9.7, 11.0},
		"service": {"完成", "基本完成", "完成", "未完成", "完成"},
		"pm25":    {46.0, 52.0, 49.0, 55.0, 47.5},
		"parks":   {43.0, nil, 41.5, 39.0, 44.0},
		"jobs":    {2.1, 1.8, 2.4, 1.2, 2.0},
	}
	ds := engine.RunDataset{ID: "6f0c2d4e-0000-4000-8000-000000000002", Number: 1, SHA256: "9b2c8f8a1f9cf0c0d1b0b9ab6c3f3b5f2a1e6d7c8b9a0f1e2d3c4b5a69788796",
		FileName: "街道数据2016.csv", Importer: "数据专员", ImportedAt: time.Date(2017, 3, 1, 9, 30, 0, 0, time.UTC), Synthetic: true}
	row := 2
	for i, u := range units {
		for _, code := range []string{"revenue", "service", "pm25", "parks", "jobs"} {
			o := engine.Observation{Indicator: code, Unit: u.Code, Period: "2016", Row: row,
				Source: engine.Source{Document: "街道统计年报", Location: fmt.Sprintf("表%d", i+1)}}
			row++
			switch x := values[code][i].(type) {
			case float64:
				o.Value = ptr(x)
			case string:
				o.Label = x
			default:
				continue
			}
			ds.Observations = append(ds.Observations, o)
		}
		ds.Observations = append(ds.Observations, engine.Observation{Indicator: "revenue", Unit: u.Code, Period: "2015", Value: ptr(10 + 0.1*float64(i)), Row: row})
		row++
	}

	dims := []string{"economy", "efficiency", "effectiveness", "equity"}
	judgments := []engine.Judgment{
		{Node: "root", Expert: "expert-a", ExpertName: "专家甲", Criteria: dims, Matrix: [][]float64{{1, 2, 1, 3}, {0.5, 1, 0.5, 2}, {1, 2, 1, 3}, {1.0 / 3, 0.5, 1.0 / 3, 1}}},
		{Node: "root", Expert: "expert-b", ExpertName: "专家乙", Criteria: dims, Matrix: [][]float64{{1, 3, 2, 3}, {1.0 / 3, 1, 0.5, 1}, {0.5, 2, 1, 2}, {1.0 / 3, 1, 0.5, 1}}},
		// Inconsistent: economy ≻ efficiency ≻ effectiveness ≻ economy.
		{Node: "root", Expert: "expert-c", ExpertName: "专家丙", Criteria: dims, Matrix: [][]float64{{1, 9, 1.0 / 9, 1}, {1.0 / 9, 1, 9, 1}, {9, 1.0 / 9, 1, 1}, {1, 1, 1, 1}}},
		{Node: "effectiveness", Expert: "expert-a", ExpertName: "专家甲", Criteria: []string{"pm25", "green"}, Matrix: [][]float64{{1, 2}, {0.5, 1}}},
		{Node: "effectiveness", Expert: "expert-b", ExpertName: "专家乙", Criteria: []string{"pm25", "green"}, Matrix: [][]float64{{1, 3}, {1.0 / 3, 1}}},
		{Node: "effectiveness", Expert: "expert-c", ExpertName: "专家丙", Criteria: []string{"pm25", "green"}, Matrix: [][]float64{{1, 1}, {1, 1}}},
	}

	survey := &engine.Survey{Code: "s360", Title: "街道工作满意度测评", Kind: engine.Survey360, Scale: engine.Scale{Min: 1, Max: 5},
		Items: []engine.SurveyItem{{Code: "q1", Text: "履职尽责", Content: engine.ContentDuty}, {Code: "q2", Text: "服务态度", Content: engine.ContentServiceAttitude}},
		Groups: []engine.RaterGroup{
			{Code: engine.GroupSuperior, Weight: 2, MinRaters: 2},
			{Code: engine.GroupPublic, Weight: 5, MinRaters: 5},
			{Code: engine.GroupPeer, Weight: 1, MinRaters: 3},
			{Code: engine.GroupSelf, Weight: 1, MinRaters: 1},
		}}
	rng := rand.New(rand.NewPCG(2016, 3464))
	var rs []engine.Response
	for k, u := range units {
		counts := map[string]int{"superior": 2 + k%2, "public": 4 + 2*(k%3), "peer": 2 + k%3, "self": 1}
		for _, g := range []string{"superior", "public", "peer", "self"} {
			for r := range counts[g] {
				rater := fmt.Sprintf("%064x", rng.Uint64()^uint64(k*100+r))
				if g == "superior" {
					rater = fmt.Sprintf("superior-%d", r) // superiors rate every unit
				}
				for _, item := range []string{"q1", "q2"} {
					rs = append(rs, engine.Response{Unit: u.Code, Group: g, Rater: rater, Item: item, Score: float64(2 + rng.IntN(3))})
				}
			}
		}
	}
	in := &engine.RunInputs{
		Commission: engine.RunCommission{ID: "6f0c2d4e-0000-4000-8000-000000000003", Title: "江干区街道年度绩效评估（示例）", Client: "江干区绩效办",
			Institute: "示例评估研究院", PeriodStart: 2016, PeriodEnd: 2020, EvaluatedPeriod: "2016", Synthetic: true},
		Framework: f,
		Units:     units,
		Datasets:  []engine.RunDataset{ds},
		Weights: engine.RunWeights{Set: engine.WeightSet{ID: "6f0c2d4e-0000-4000-8000-000000000004", Number: 2, Name: "专家AHP权重",
			Method: engine.WeightAHP, Illustrative: true, AHP: engine.AHPConfig{CRThreshold: 0.1}}, Judgments: judgments},
		Surveys:     []engine.RunSurvey{{Survey: survey, Responses: rs}},
		Adjustments: []engine.Adjustment{{Unit: "kaixuan", Points: 3, Reason: "创新创优：智慧社区试点"}},
		Previous:    &engine.PreviousRun{RunID: "6f0c2d4e-0000-4000-8000-000000000005", Period: "2015", Digest: "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0", Bottom: []string{"baiyang", "xiasha"}},
		Config: engine.RunConfig{
			Components: []engine.Component{
				{Code: "targets", Name: "目标考核 target assessment", Weight: 0.3, Source: "indicators"},
				{Code: "satisfaction", Name: "社会评价 social evaluation", Weight: 0.7, Source: "survey:s360"},
			},
			Constraints: []engine.Constraint{{Kind: "min_share", Source: "component:satisfaction", Min: 0.7, Label: "公众满意度占比不低于70%"}},
			Grades: []engine.GradeBand{
				{Code: "excellent", Name: "优秀", MinScore: 80, Quota: ptr(0.2)},
				{Code: "good", Name: "良好", MinScore: 70},
				{Code: "pass", Name: "合格", MinScore: 60},
				{Code: "fail", Name: "不合格", MinScore: 0},
			},
			Bonus:      engine.BonusRules{Cap: 5},
			MonteCarlo: engine.MonteCarloConfig{Samples: 300, Seed: 3500},
		},
	}
	in.Config.Defaults(in.Commission.EvaluatedPeriod)
	in.Canonicalize()
	return in
}

// testKey is a fixed signing key, so that envelopes are reproducible.
func testKey(seed byte) (ed25519.PrivateKey, engine.SigningKey) {
	s := make([]byte, ed25519.SeedSize)
	for i := range s {
		s[i] = seed + byte(i)
	}
	priv := ed25519.NewKeyFromSeed(s)
	pub := priv.Public().(ed25519.PublicKey)
	return priv, engine.SigningKey{ID: engine.KeyFingerprint(pub), Algorithm: engine.SigningAlgorithm, PublicKey: pub, Active: true}
}

// testMeta is the report metadata of the rich inputs' report.
func testMeta(key engine.SigningKey) engine.ReportMeta {
	return engine.ReportMeta{ReportID: "6f0c2d4e-0000-4000-8000-000000000010", Version: 2, Supersedes: "6f0c2d4e-0000-4000-8000-000000000009",
		IssuedAt: time.Date(2017, 4, 1, 8, 0, 0, 0, time.UTC), RunID: "6f0c2d4e-0000-4000-8000-000000000011", RunNumber: 3,
		InstituteID: "6f0c2d4e-0000-4000-8000-000000000012", Illustrative: true, KeyID: key.ID, PublicKey: key.PublicKey}
}

// testCheckpoint is an audit checkpoint signed with the report's key, as publication embeds one.
func testCheckpoint(t testing.TB, priv ed25519.PrivateKey, key engine.SigningKey, instituteID string) *engine.Checkpoint {
	t.Helper()
	c := &engine.Checkpoint{Format: engine.CheckpointFormat, Log: strings.Repeat("ab", 32), InstituteID: instituteID,
		Seq: 516, Hash: strings.Repeat("cd", 32), Time: "2017-04-01T08:00:00.000000Z", KeyID: key.ID}
	if _, _, err := c.Sign(priv); err != nil {
		t.Fatal(err)
	}
	return c
}

// built is a signed report of the rich inputs.
type built struct {
	in       *engine.RunInputs
	result   []byte
	bundle   []byte
	html     []byte
	envelope []byte
	key      engine.SigningKey
	priv     ed25519.PrivateKey
}

func build(t testing.TB) *built {
	t.Helper()
	return buildFrom(t, richInputs())
}

// buildFrom builds and signs the report of inputs in as build does the rich inputs'.
func buildFrom(t testing.TB, in *engine.RunInputs) *built {
	t.Helper()
	res, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := engine.Canonical(res)
	if err != nil {
		t.Fatal(err)
	}
	priv, key := testKey(1)
	meta := testMeta(key)
	meta.Checkpoint = testCheckpoint(t, priv, key, meta.InstituteID)
	bundle, html, err := reports.Builder{}.Build(in, raw, meta)
	if err != nil {
		t.Fatal(err)
	}
	env, err := reports.SignEnvelope(bundle, key.ID, priv)
	if err != nil {
		t.Fatal(err)
	}
	return &built{in: in, result: raw, bundle: bundle, html: html, envelope: env, key: key, priv: priv}
}
