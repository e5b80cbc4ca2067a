package reports_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"evalbench/evaluation/engine"
	"evalbench/reports"
)

func TestBuildSignVerify(t *testing.T) {
	b := build(t)
	v := reports.Verify(b.envelope, b.bundle, []engine.SigningKey{b.key})
	if !v.OK || v.Verdict != "PASS" {
		t.Fatalf("verification failed: %v", v.Failed())
	}
	for _, c := range v.Checks {
		t.Logf("%-14s %-7s %s %s", c.Name, c.Status, c.Detail, c.Where)
	}
	if v.KeySource != "given" || v.KeyID != b.key.ID {
		t.Errorf("key %s from %s", v.KeyID, v.KeySource)
	}
	// Without a key the embedded key verifies, and says so.
	v = reports.Verify(b.envelope, nil, nil)
	if !v.OK || v.KeySource != "embedded" || !strings.Contains(v.Check(reports.CheckSignature).Detail, "not who signed it") {
		t.Fatalf("embedded key: %+v", v)
	}
	// Another key does not verify it.
	_, other := testKey(99)
	v = reports.Verify(b.envelope, nil, []engine.SigningKey{other})
	if v.OK || v.Check(reports.CheckSignature).Status != engine.CheckFail {
		t.Fatalf("a stranger's key verified the report: %+v", v.Checks)
	}
}

func TestBundleLayoutAndPrivacy(t *testing.T) {
	b := build(t)
	bundle, err := reports.ParseBundle(b.bundle)
	if err != nil {
		t.Fatal(err)
	}
	canon, _ := engine.Canonical(bundle)
	if !bytes.Equal(canon, b.bundle) {
		t.Fatal("report.json is not canonical JSON")
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b.bundle, &top); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"manifest", "inputs", "results", "results_digest"} {
		if _, ok := top[k]; !ok {
			t.Errorf("report.json has no %s", k)
		}
	}
	m := bundle.Manifest
	if m.Format != reports.Format || m.Generator.Name != "evalbench" || m.Report.Version != 2 || m.Report.Supersedes == "" ||
		!m.Flags.Synthetic || !m.Flags.Illustrative || m.Seeds.MonteCarlo != "3500" || m.Commission.Client != "江干区绩效办" {
		t.Errorf("manifest %+v", m)
	}
	if len(m.Inputs.Datasets) != 1 || m.Inputs.Datasets[0].FileName != "街道数据2016.csv" || len(m.Inputs.Datasets[0].FileSHA256) != 64 ||
		len(m.Inputs.Weights.Judgments) != 6 || len(m.Inputs.Surveys) != 1 || m.Inputs.Surveys[0].WithheldCells == 0 {
		t.Errorf("input digests %+v", m.Inputs)
	}
	// The suppressed cells' responses are not in the bundle, and the stored result — computed
	// from all responses — is what the bundle holds.
	if !bytes.Contains(b.bundle, b.result) {
		t.Error("the bundle does not hold the run's result byte for byte")
	}
	rs := bundle.Inputs.Surveys[0]
	withheld := map[engine.SurveyCell]bool{}
	for _, c := range rs.Withheld {
		withheld[c] = true
	}
	for _, r := range b.in.Surveys[0].Responses {
		if withheld[engine.SurveyCell{Unit: r.Unit, Group: r.Group}] && bytes.Contains(b.bundle, []byte(r.Rater)) && r.Group != "superior" {
			t.Fatalf("a rater of the suppressed cell %s/%s is in the bundle", r.Unit, r.Group)
		}
	}
	if len(rs.Responses) >= len(b.in.Surveys[0].Responses) {
		t.Fatalf("%d of %d responses in the bundle", len(rs.Responses), len(b.in.Surveys[0].Responses))
	}
	if bundle.Results.Weights == nil || len(bundle.Results.Weights.Experts) == 0 {
		t.Fatal("no expert results")
	}
	excluded := false
	for _, e := range bundle.Results.Weights.Experts {
		excluded = excluded || e.Excluded
	}
	if !excluded {
		t.Error("the inconsistent expert should be excluded")
	}
}

func TestHTMLContents(t *testing.T) {
	b := build(t)
	h := string(b.html)
	for _, want := range []string{
		"江干区街道年度绩效评估（示例）", "江干区绩效办", "示例评估研究院", "SYNTHETIC", "ILLUSTRATIVE", b.key.ID,
		"一、摘要", "综合排名", "等次分布", "预警", "4E", "指标详情", "社会评价", "已抑制 suppressed", "ICC(2,1)", "自评与他评差异",
		"不确定性分析", "专家判断矩阵", "随机一致性指标表", "评分规则", "缺失数据处理", "数据来源", "街道数据2016.csv", "局限", "如何验证",
		"WenQuanYi Micro Hei", "@page", "size: A4",
		// Issue 12: the basis of a cumulative target and how each projection was made.
		"监测基准 monitoring basis: 按年均分（规划未给出年度安排） pro rata (the plan gives no yearly schedule)", "预测方法 projection method:", "说明 caveat:",
		// … and the caliber beside the baseline, target and actual, the caliber notes, the warning.
		"口径 caliber: 新口径(示例) restated caliber", "基期值 baseline 10.00 亿元 (2015) ［新口径］", "16.00 亿元 (2020) ［新口径］",
		"口径未说明 caliber not stated", "口径调整 caliber change: 2015：原口径 original 12.00 → 调整后 restated 10.00 亿元", "比较基准 Basis of comparison",
		// Issue 12: machine text in Chinese with English alongside, warnings naming the indicator.
		"口径未说明 Caliber not stated", "财政收入 Fiscal revenue revenue", "未说明口径（口径未说明）", "does not state its caliber",
		// Issue 12: a survey's component and chart name the component and the survey, not their codes.
		"构成 component 社会评价 social evaluation satisfaction", "街道工作满意度测评 s360 满意度/测评得分 score",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
	if strings.Contains(strings.ToLower(h), "<script") {
		t.Error("the HTML has a script")
	}
	if n := strings.Count(h, `<svg class="chart`); n < 8 {
		t.Errorf("%d charts", n)
	}
	again, err := reports.RenderHTML(mustParse(t, b.bundle))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, b.html) {
		t.Error("the HTML of the parsed bundle differs from the HTML built with it")
	}
}

func mustParse(t testing.TB, raw []byte) *reports.Bundle {
	t.Helper()
	b, err := reports.ParseBundle(raw)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A published bundle carries the audit checkpoint signed with the report's key; it verifies, and
// a checkpoint signed by another key or changed after signing fails the manifest check.
func TestBundleCarriesAuditCheckpoint(t *testing.T) {
	b := build(t)
	bundle, err := reports.ParseBundle(b.bundle)
	if err != nil {
		t.Fatal(err)
	}
	cp := bundle.Manifest.AuditCheckpoint
	if cp == nil || cp.Seq != 516 || cp.KeyID != b.key.ID {
		t.Fatalf("manifest.audit_checkpoint = %+v", cp)
	}
	if err := engine.VerifyCheckpoint(cp, []engine.SigningKey{b.key}); err != nil {
		t.Fatalf("the embedded checkpoint: %v", err)
	}
	v := reports.Verify(b.envelope, b.bundle, []engine.SigningKey{b.key})
	if !v.OK || !strings.Contains(v.Check(reports.CheckManifest).Detail, "audit checkpoint seq 516") {
		t.Fatalf("verification: %v %+v", v.Failed(), v.Check(reports.CheckManifest))
	}

	strangerPriv, stranger := testKey(77)
	for name, mutate := range map[string]func(c *engine.Checkpoint){
		"rewound after signing": func(c *engine.Checkpoint) { c.Seq = 510 },
		"signed by another key": func(c *engine.Checkpoint) {
			c.KeyID = stranger.ID
			if _, _, err := c.Sign(strangerPriv); err != nil {
				t.Fatal(err)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			in := richInputs()
			res, err := engine.Compute(in)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := engine.Canonical(res)
			if err != nil {
				t.Fatal(err)
			}
			meta := testMeta(b.key)
			c := *cp
			mutate(&c)
			meta.Checkpoint = &c
			payload, _, err := reports.Builder{}.Build(in, raw, meta)
			if err != nil {
				t.Fatal(err)
			}
			env, err := reports.SignEnvelope(payload, b.key.ID, b.priv)
			if err != nil {
				t.Fatal(err)
			}
			v := reports.Verify(env, nil, []engine.SigningKey{b.key})
			m := v.Check(reports.CheckManifest)
			if v.OK || m.Status != engine.CheckFail || m.Where != "manifest.audit_checkpoint" {
				t.Fatalf("verification passed or failed elsewhere: %+v", m)
			}
		})
	}
}

// The summary shows how much the composite rests on; a run below its coverage threshold is
// marked provisional on the cover.
func TestHTMLCoverageAndProvisional(t *testing.T) {
	render := func(threshold float64) (string, engine.Coverage) {
		in := richInputs()
		in.Config.CoverageThreshold = threshold
		res, err := engine.Compute(in)
		if err != nil {
			t.Fatal(err)
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
		return string(html), res.Coverage
	}
	h, c := render(0.01)
	want := fmt.Sprintf("数据覆盖 <span class=\"en\">Coverage</span>：已评分指标 %d/%d 项", c.Scored, c.Indicators)
	if !strings.Contains(h, want) || !strings.Contains(h, "维度 Dimension") || strings.Contains(h, "PROVISIONAL") {
		t.Errorf("the summary lacks %q or is marked provisional", want)
	}
	h, c = render(1)
	if c.Provisional && (!strings.Contains(h, `<div class="banner provisional">暂定结果 — PROVISIONAL`) || !strings.Contains(h, "<strong>暂定 provisional</strong>")) {
		t.Error("a provisional run is not marked on the cover and in the summary")
	}
	if c.Weight >= 1 || !c.Provisional {
		t.Errorf("coverage %.4f below threshold 1 is not provisional", c.Weight)
	}
}

// Every actual in the indicator detail points to its entry in the provenance appendix (document,
// location, quote); a value its source marks 预计 is flagged preliminary there and counted in the
// summary; the rules cite the plan by name.
func TestHTMLProvenanceAppendix(t *testing.T) {
	in := richInputs()
	var marked engine.Observation
	for i, o := range in.Datasets[0].Observations {
		if o.Period == "2016" && o.Value != nil {
			in.Datasets[0].Observations[i].Source.Quote = "预计增长"
			marked = in.Datasets[0].Observations[i]
			break
		}
	}
	res, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
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
	n := 0
	for _, ir := range res.Indicators {
		for _, c := range ir.Cells {
			if c.Value != nil || c.Label != "" {
				n++
				for _, want := range []string{fmt.Sprintf(`<a href="#src-%d">[%d]</a>`, n, n), fmt.Sprintf(`<tr id="src-%d">`, n)} {
					if !strings.Contains(h, want) {
						t.Fatalf("%s × %s: the HTML lacks %q", ir.Code, c.Unit, want)
					}
				}
			}
		}
	}
	if n == 0 || strings.Count(h, `<sup class="ref">`) != n {
		t.Errorf("%d actuals, %d references", n, strings.Count(h, `<sup class="ref">`))
	}
	for _, want := range []string{"逐值来源", "街道统计年报", marked.Source.Location, "“预计增长”", "初步 preliminary</span>",
		fmt.Sprintf("1 of %d actuals are preliminary", n), "《杭州市江干区“十三五”绩效管理规划》第3368行"} {
		if !strings.Contains(h, want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
	if strings.Contains(h, "规划第3368行") && !strings.Contains(h, "》第3368行") {
		t.Error("a rule cites the plan without its name")
	}
}

// The experts' AHP matrices name each expert with their organisation in brackets when the panel
// gave one (engine.Judgment.Organisation), and with the name alone otherwise.
func TestHTMLExpertOrganisation(t *testing.T) {
	in := richInputs()
	for i := range in.Weights.Judgments {
		if j := &in.Weights.Judgments[i]; j.Expert == "expert-a" {
			j.Organisation = "高校公共管理学院"
		}
	}
	res, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
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
	if n := strings.Count(h, " · 专家甲（高校公共管理学院） · CR = "); n != 2 {
		t.Errorf("expert-a's two matrices name the organisation %d times, want 2", n)
	}
	if !strings.Contains(h, " · 专家乙 · CR = ") || strings.Contains(h, "专家乙（") {
		t.Error("an expert without an organisation is not named by the name alone")
	}
}

// pinnedBundleSHA256 is the SHA-256 of build's report.json, computed at commit 86d240e, before
// JudgmentDigest had its organisation field: the rich inputs' judgments carry no organisation, so
// the field must leave their bundle byte for byte as it was.
const pinnedBundleSHA256 = "c1952143e2adbe386deedbf0c4275c8e7ee87dce97e754bf54a7646a71eb6fa8"

// The manifest's judgment digests name each expert's organisation when the judgment has one
// (reports and verify agree on it), and are unchanged — bytes and digest — when none has; the
// report's list of input digests names it in brackets after the expert. A manifest that names no
// organisation, as one signed before the field, still verifies; one that names another fails.
func TestBundleJudgmentOrganisation(t *testing.T) {
	plain := build(t)
	if got := fmt.Sprintf("%x", sha256.Sum256(plain.bundle)); got != pinnedBundleSHA256 {
		t.Errorf("the bundle of judgments without organisations changed: SHA-256 %s, pinned %s", got, pinnedBundleSHA256)
	}
	if bytes.Contains(plain.bundle, []byte(`"organisation"`)) {
		t.Error("a bundle without organisations names one")
	}

	in := richInputs()
	for i := range in.Weights.Judgments {
		if j := &in.Weights.Judgments[i]; j.Expert == "expert-a" {
			j.Organisation = "高校公共管理学院"
		}
	}
	b := buildFrom(t, in)
	bundle, err := reports.ParseBundle(b.bundle)
	if err != nil {
		t.Fatal(err)
	}
	named := 0
	for _, j := range bundle.Manifest.Inputs.Weights.Judgments {
		want := map[string]string{"expert-a": "高校公共管理学院"}[j.Expert]
		if j.Organisation != want {
			t.Errorf("%s/%s: organisation %q, want %q", j.Expert, j.Node, j.Organisation, want)
		}
		if want != "" {
			named++
		}
	}
	if named != 2 {
		t.Fatalf("%d judgment digests name the organisation, want expert-a's 2", named)
	}
	if v := reports.Verify(b.envelope, b.bundle, []engine.SigningKey{b.key}); !v.OK {
		t.Fatalf("the bundle with organisations does not verify: %v", v.Failed())
	}
	if n := strings.Count(string(b.html), " / 专家甲（高校公共管理学院）</"); n != 2 {
		t.Errorf("the input digests name expert-a's organisation %d times, want 2", n)
	}
	if !strings.Contains(string(b.html), " / 专家乙</") {
		t.Error("the input digests do not name an expert without organisation by the name alone")
	}

	// The same manifest without the organisations, or naming another, signed again.
	resigned := func(org string) *engine.Verification {
		t.Helper()
		bb, err := reports.ParseBundle(b.bundle)
		if err != nil {
			t.Fatal(err)
		}
		for i := range bb.Manifest.Inputs.Weights.Judgments {
			if j := &bb.Manifest.Inputs.Weights.Judgments[i]; j.Organisation != "" {
				j.Organisation = org
			}
		}
		payload, err := engine.Canonical(bb)
		if err != nil {
			t.Fatal(err)
		}
		return reports.Verify(envelopeWith(t, b, payload, true), payload, []engine.SigningKey{b.key})
	}
	if v := resigned(""); !v.OK {
		t.Errorf("a manifest naming no organisation does not verify: %v", v.Failed())
	}
	v := resigned("区发展和改革局")
	if c := v.Check(reports.CheckInputsDigest); v.OK || c.Status != engine.CheckFail || !strings.Contains(c.Where, "organisation") {
		t.Errorf("a manifest naming another organisation: %s at %q", c.Status, c.Where)
	}
}
