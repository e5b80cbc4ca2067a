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
