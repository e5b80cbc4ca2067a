package api_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// surveyIntakeMap maps a questionnaire export of the 4×2 framework: the root's six pairs and
// economy's one, a respondent column and a name column.
func surveyIntakeMap(revise bool) string {
	m := map[string]any{
		"respondent": "编号", "name": "姓名",
		"columns": []map[string]string{
			{"column": "经济-效率", "node": "root", "left": "economy", "right": "efficiency"},
			{"column": "经济-效果", "node": "root", "left": "economy", "right": "effectiveness"},
			{"column": "经济-公平", "node": "root", "left": "economy", "right": "equity"},
			{"column": "效率-效果", "node": "root", "left": "efficiency", "right": "effectiveness"},
			{"column": "效率-公平", "node": "root", "left": "efficiency", "right": "equity"},
			{"column": "效果-公平", "node": "root", "left": "effectiveness", "right": "equity"},
			{"column": "经济1-经济2", "node": "economy", "left": "eco1", "right": "eco2"},
		},
		"labels": map[string]float64{"略强": 2},
	}
	if revise {
		m["revise"] = map[string]any{}
	}
	b, _ := json.Marshal(m)
	return url.QueryEscape(string(b))
}

const surveyIntakeHeader = "\ufeff编号,姓名,经济-效率,经济-效果,经济-公平,效率-效果,效率-公平,效果-公平,经济1-经济2\n"

func TestSurveyIntakeHarkerRevisionAndMissingPairs(t *testing.T) {
	fx := newFixture(t, noLimits())
	ev := fx.tokens[evaluation.RoleEvaluator]
	base := "/api/v1/commissions/" + fx.cidA
	rec := fx.do("POST", base+"/frameworks", ev, weightFramework4x2())
	expect(t, rec, 201)
	fw := decode[engine.Framework](t, rec)
	rec = fx.do("POST", base+"/weight-sets", ev, map[string]any{"framework_id": fw.ID, "name": "问卷AHP", "method": "ahp",
		"ahp": map[string]any{"aggregation": "aij-trimmed", "trim": 0.34}})
	expect(t, rec, 201)
	ws := decode[evaluation.WeightSetDetail](t, rec).WeightSet
	path := base + "/weight-sets/" + ws.ID + "/judgments/survey?map="

	// 1: nearly consistent, with verbal labels and the map's label 略强; 2: the same but
	// economy–equity reversed (−4), inconsistent; 3: one pair blank, −3 (the right one) for economy.
	file := surveyIntakeHeader +
		"1,专家甲,略强,3,4,左介于同等重要与稍微重要之间,3,2,左稍微重要\n" +
		"2,专家乙,2,3,-4,2,3,2,同等重要\n" +
		"3,专家丙,2,3,4,2,,2,-3\n"
	rec = fx.uploadMultipart(path+surveyIntakeMap(true), ev, "问卷.csv", []byte(file))
	expect(t, rec, 200)
	out := decode[evaluation.SurveyIntake](t, rec)
	if out.Respondents != 3 || out.Imported != 6 || out.Revised != 1 || out.Missing != 1 || out.File.Encoding != "utf-8-bom" {
		t.Fatalf("intake %+v", out)
	}
	byKey := map[string]engine.Judgment{}
	for _, j := range out.WeightSet.Judgments {
		byKey[j.Node+"/"+j.Expert] = j
	}
	j1, j2, j3 := byKey["root/r-1"], byKey["root/r-2"], byKey["root/r-3"]
	if j1.ExpertName != "专家甲" || j1.Matrix[0][1] != 2 || j1.Matrix[1][2] != 2 || j1.Intake == nil || j1.Intake.Row != 2 || j1.Intake.Original != nil {
		t.Fatalf("respondent 1 %+v", j1)
	}
	if e := byKey["economy/r-3"]; e.Matrix[0][1] != 1.0/3 || e.Matrix[1][0] != 3 {
		t.Fatalf("−3 gives a_12 = 1/3: %+v", e)
	}
	if j2.Intake == nil || j2.Intake.Original == nil || j2.Intake.Original[0][3] != 1.0/4 || len(j2.Intake.Revisions) == 0 {
		t.Fatalf("respondent 2 not revised: %+v", j2.Intake)
	}
	last := j2.Intake.Revisions[len(j2.Intake.Revisions)-1]
	if first := j2.Intake.Revisions[0]; last.CRAfter > 0.10 || first.CRBefore <= 0.10 || last.CRAfter >= first.CRBefore {
		t.Fatalf("revisions %+v", j2.Intake.Revisions)
	}
	if j3.Intake == nil || j3.Intake.Missing != 1 || j3.Matrix[1][3] != 0 || j3.Matrix[3][1] != 0 {
		t.Fatalf("respondent 3 %+v", j3)
	}
	res := out.WeightSet.Result
	for _, e := range res.Experts {
		if e.Node == "root" && e.Expert == "r-3" && e.Missing != 1 {
			t.Fatalf("the derivation saw %d missing pairs for respondent 3", e.Missing)
		}
	}
	var root *engine.NodeResult
	for i := range res.Nodes {
		if res.Nodes[i].Node == "root" {
			root = &res.Nodes[i]
		}
	}
	if root == nil || root.Source != "ahp aij-trimmed 0.34" || root.Experts != 3 {
		t.Fatalf("root %+v", root)
	}
	if got := fx.auditByAction(fx.cidA)["judgments.survey"]; got != 1 {
		t.Fatalf("%d judgments.survey audit entries", got)
	}

	// A bad export is refused whole, each problem at its row and column.
	bad := surveyIntakeHeader +
		"1,专家甲,左重要,0,稍微重要,2,3,2,1\n" +
		"1,专家乙,2,3,4,2,3,2,1\n" +
		"4,专家丁,2,,,,,2,12\n"
	rec = fx.uploadMultipart(path+surveyIntakeMap(false), ev, "bad.csv", []byte(bad))
	expect(t, rec, 422)
	got := map[string]bool{}
	for _, e := range decode[api.Problem](t, rec).Errors {
		got[strings.TrimSpace(e.Column)+"@"+itoa(e.Row)] = true
	}
	for _, want := range []string{"经济-效率@2", "经济-效果@2", "经济-公平@2", "编号@3", "@4", "经济1-经济2@4"} {
		if !got[want] {
			t.Errorf("no problem at %s; got %v", want, got)
		}
	}
	// The answer 0, off the signed scale, says so in the request's language (statistics'
	// reason through the catalogue), at its row and column.
	for _, c := range []struct {
		lang    messages.Language
		headers []string
		want    string
	}{
		{messages.Chinese, nil, "回答0不在−9…−1、1…9的标度上"},
		{messages.English, []string{"Accept-Language", "en"}, "the answer 0 is not on the signed scale −9…−1, 1…9"},
	} {
		p := problemIn(t, fx.uploadMultipart(path+surveyIntakeMap(false), ev, "bad.csv", []byte(bad), c.headers...), 422, "validation", c.lang)
		n := 0
		for _, e := range p.Errors {
			if e.Row == 2 && strings.TrimSpace(e.Column) == "经济-效果" {
				n++
				if e.Message != c.want || e.MessageID != string(messages.StatSignedScale) {
					t.Errorf("%s: %+v, want %q", c.lang, e, c.want)
				}
			}
		}
		if n != 1 {
			t.Errorf("%s: %d problems at row 2, column 经济-效果, want 1: %+v", c.lang, n, p.Errors)
		}
	}
	// Nothing stored: still the three respondents' six matrices.
	rec = fx.do("GET", base+"/weight-sets/"+ws.ID+"/judgments", ev, nil)
	expect(t, rec, 200)
	if l := decode[api.List[engine.Judgment]](t, rec); len(l.Items) != 6 {
		t.Fatalf("%d judgments after a refused import", len(l.Items))
	}

	// A map naming an unknown node and child, and no map at all.
	badMap := url.QueryEscape(`{"columns":[{"column":"x","node":"nowhere","left":"a","right":"b"},{"column":"y","node":"economy","left":"eco1","right":"eco9"}]}`)
	rec = fx.uploadMultipart(path+badMap, ev, "bad.csv", []byte(bad))
	expect(t, rec, 422)
	fields := map[string]bool{}
	for _, e := range decode[api.Problem](t, rec).Errors {
		fields[e.Field] = true
	}
	if !fields["columns[0].node"] || !fields["columns[1].right"] {
		t.Fatalf("map problems %v", fields)
	}
	expect(t, fx.uploadMultipart(base+"/weight-sets/"+ws.ID+"/judgments/survey", ev, "bad.csv", []byte(bad)), 422)
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
