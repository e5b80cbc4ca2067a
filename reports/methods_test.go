package reports_test

import (
	"strings"
	"testing"

	"evalbench/evaluation/engine"
	"evalbench/reports"
)

// A run that aggregates by VIKOR, varies its weights, runs the global sensitivity analysis and
// the diagnostics shows each in its report: the sensitivity section with its indices and
// rank-interval chart, the aggregation (with VIKOR's conditions and the calc command) and the
// diagnostics in the methods appendix.
func TestHTMLConstructionMethods(t *testing.T) {
	in := richInputs()
	in.Config.Aggregation = engine.AggregationConfig{Method: "vikor"}
	in.Config.Sensitivity = &engine.SensitivityConfig{Samples: 64, Resamples: 20,
		Normalisation: []string{"configured", "minmax"}, Aggregation: []string{"vikor", "weighted-sum", "geometric"}, WeightNoise: 40}
	in.Config.Diagnostics = &engine.DiagnosticsConfig{}
	res, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Aggregation == nil || res.Sensitivity == nil || res.Diagnostics == nil {
		t.Fatalf("aggregation %v, sensitivity %v, diagnostics %v", res.Aggregation, res.Sensitivity, res.Diagnostics)
	}
	raw, err := engine.Canonical(res)
	if err != nil {
		t.Fatal(err)
	}
	_, key := testKey(1)
	_, html, err := reports.Builder{}.Build(in, raw, testMeta(key))
	if err != nil {
		t.Fatal(err)
	}
	h := string(html)
	for _, want := range []string{
		`<section id="sensitivity">`, "六、全局敏感性分析", `id="chart-sensitivity-intervals"`, "构建选择下的排名区间",
		"标准化方法 <span class=\"en\">normalisation</span>", "权重扰动 <span class=\"en\">weight noise</span>", "一阶 S", "总效应 ST", "各选择下的名次区间", "<th>minmax</th>",
		`id="aggregation"`, "VIKOR 折衷排序 compromise ranking", "可接受优势 acceptable advantage", "evalbench calc vikor",
		`id="diagnostics"`, "偏度–峰度规则", "数据可得性",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
	// Without the options, none of it.
	b := build(t)
	for _, absent := range []string{`id="sensitivity"`, `id="aggregation"`, `id="diagnostics"`} {
		if strings.Contains(string(b.html), absent) {
			t.Errorf("a run without the options shows %s", absent)
		}
	}
}

// A run with diagnostics.treat shows in A.10 that the treatment was applied, the log formula, and
// per indicator whether its treated values were scored: revenue (scored by min–max, xiasha's value
// set to 110, so skewness 2.234 and kurtosis 4.992 fail the rule) is winsorised to 12.1 and
// applied. The same run without treat keeps the sentence that the treatment is only recorded.
func TestHTMLTreatmentApplied(t *testing.T) {
	html := func(treat bool) string {
		in := richInputs()
		for k := range in.Datasets[0].Observations {
			o := &in.Datasets[0].Observations[k]
			if o.Indicator == "revenue" && o.Unit == "xiasha" && o.Period == "2016" {
				o.Value = ptr(110)
			}
		}
		in.Config.Scoring = map[string]engine.ScoringRule{"revenue": {Method: "minmax"}}
		in.Config.Diagnostics = &engine.DiagnosticsConfig{Treat: treat}
		res, err := engine.Compute(in)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := engine.Canonical(res)
		if err != nil {
			t.Fatal(err)
		}
		_, key := testKey(1)
		_, h, err := reports.Builder{}.Build(in, raw, testMeta(key))
		if err != nil {
			t.Fatal(err)
		}
		return string(h)
	}
	h := html(true)
	for _, want := range []string{"处理已在评分前应用", "were scored on the treated values", "ln(x − min + 0.01(max − min))",
		"缩尾 winsorised 1（已用于评分） (applied in scoring)", "下沙街道 110.00→12.10"} {
		if !strings.Contains(h, want) {
			t.Errorf("the treated report lacks %q", want)
		}
	}
	if strings.Contains(h, "The treatment is recorded, not applied") {
		t.Error("the treated report says the treatment is not applied")
	}
	p := html(false)
	if !strings.Contains(p, "The treatment is recorded, not applied") || strings.Contains(p, "处理已在评分前应用") || strings.Contains(p, "applied in scoring") {
		t.Error("the untreated report does not say the treatment is only recorded")
	}
}
