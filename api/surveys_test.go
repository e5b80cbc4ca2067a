package api_test

import (
	"context"
	"encoding/hex"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// survey360Body is a 360 survey of two items on a 1–5 scale: superiors (weight 2, at least 2),
// peers (weight 1, at least 3) and self.
func survey360Body() map[string]any {
	return map[string]any{
		"code": "s360", "title": "街道领导班子360度测评", "kind": "360",
		"scale": map[string]any{"min": 1, "max": 5},
		"items": []map[string]any{
			{"code": "q1", "text": "履职尽责", "content": "duty"},
			{"code": "q2", "text": "服务态度", "content": "service_attitude", "dimension": "equity"},
		},
		"groups": []map[string]any{
			{"code": "superior", "weight": 2, "min_raters": 2},
			{"code": "peer", "weight": 1},
			{"code": "self", "weight": 1},
		},
	}
}

func TestSurveyLifecycleImportAndResults(t *testing.T) {
	fx := newFixture(t, noLimits())
	ctx := context.Background()
	_, err := fx.svc.UpsertUnits(ctx, fx.actors[evaluation.RoleOwner], fx.cidA, []engine.Unit{
		{Code: "kaixuan", Name: "凯旋街道", Kind: engine.UnitSubdistrict}})
	must(t, err)
	tok := fx.tokens[evaluation.RoleEvaluator]
	base := "/api/v1/commissions/" + fx.cidA + "/surveys"

	rec := fx.do("POST", base, tok, survey360Body())
	expect(t, rec, 201)
	sv := decode[engine.Survey](t, rec)
	if sv.Version != 1 || rec.Header().Get("ETag") != `"1"` || sv.Groups[1].MinRaters != 3 || sv.Groups[1].Name != "同级" ||
		sv.Groups[2].MinRaters != 1 || sv.Options.BlindSpotShare != 0.2 {
		t.Fatalf("created %+v", sv)
	}
	expect(t, fx.do("POST", base, tok, survey360Body()), 409) // the code is taken
	list := decode[api.List[engine.Survey]](t, fx.do("GET", base, tok, nil))
	if len(list.Items) != 2 || list.Items[0].Code != "s360" || list.Items[1].Code != "satisfaction" {
		t.Fatalf("list %+v", list.Items)
	}
	path := base + "/" + sv.ID

	// Before any response, everything may change (If-Match required).
	body := survey360Body()
	body["title"] = "街道领导班子360度测评（修订）"
	expect(t, fx.do("PUT", path, tok, body), 428)
	rec = fx.do("PUT", path, tok, body, "If-Match", `"1"`)
	expect(t, rec, 200)
	if rec.Header().Get("ETag") != `"2"` {
		t.Fatalf("ETag after update %s", rec.Header().Get("ETag"))
	}
	expect(t, fx.do("PUT", path, tok, body, "If-Match", `"1"`), 412)

	csv := "被考评单位,评价主体,评价人,题目,分数,意见\n" +
		"caihe,上级,区领导A,q1,5,\n" +
		"caihe,上级,区领导A,q2,4,\n" +
		"caihe,上级,区领导B,q1,4,\n" +
		"caihe,上级,区领导B,q2,4,\n" +
		"caihe,同级,kaixuan-1,q1,3,电话13812345678，邮箱wang@example.com\n" +
		"caihe,同级,kaixuan-1,q2,3,\n" +
		"caihe,同级,kaixuan-2,q1,4,身份证330104199001011234\n" +
		"caihe,同级,kaixuan-2,q2,2,\n" +
		"caihe,同级,kaixuan-3,q1,2,办公室0571-86001234\n" +
		"caihe,同级,kaixuan-3,q2,2,\n" +
		"caihe,自评,采荷街道,q1,5,\n" +
		"caihe,自评,采荷街道,q2,3,\n" +
		"kaixuan,上级,区领导A,q1,3,\n" +
		"kaixuan,上级,区领导A,q2,3,\n"

	// A dry run reports and stores nothing.
	rec = fx.uploadMultipart(path+"/responses?dry_run=true", tok, "360.csv", []byte(csv))
	expect(t, rec, 200)
	dry := decode[evaluation.ResponseImportResult](t, rec)
	if !dry.DryRun || dry.Import.ID != "" || dry.Import.Rows != 14 || dry.Import.Raters != 6 || dry.Import.RedactedComments != 3 {
		t.Fatalf("dry run %+v", dry.Import)
	}
	var n int
	must(t, fx.db.SQL().Get(&n, `SELECT count(*) FROM survey_responses WHERE survey_id = $1`, sv.ID))
	if n != 0 {
		t.Fatalf("a dry run stored %d responses", n)
	}

	rec = fx.uploadMultipart(path+"/responses", tok, "360.csv", []byte(csv))
	expect(t, rec, 201)
	imp := decode[evaluation.ResponseImportResult](t, rec).Import
	if imp.Number != 1 || imp.Rows != 14 || imp.Raters != 6 || imp.RedactedComments != 3 || imp.Importer != "evaluator" {
		t.Fatalf("import %+v", imp)
	}
	// The same bytes again: the existing import.
	rec = fx.uploadMultipart(path+"/responses", tok, "again.csv", []byte(csv))
	expect(t, rec, 200)
	if again := decode[evaluation.ResponseImportResult](t, rec); !again.Existing || again.Import.ID != imp.ID {
		t.Fatalf("re-upload %+v", again)
	}

	// Stored: pseudonyms only, comments redacted.
	var raters []string
	must(t, fx.db.SQL().Select(&raters, `SELECT DISTINCT encode(rater, 'hex') FROM survey_responses WHERE survey_id = $1 ORDER BY 1`, sv.ID))
	if len(raters) != 6 {
		t.Fatalf("stored raters %v", raters)
	}
	var secret []byte
	must(t, fx.db.SQL().Get(&secret, `SELECT secret FROM survey_secrets WHERE commission_id = $1`, fx.cidA))
	want := evaluation.NewPseudonymizer(secret).Pseudonym("区领导A")
	found := false
	for _, r := range raters {
		found = found || r == want
	}
	if !found {
		t.Fatalf("no stored rater is HMAC-SHA256(secret, 区领导A) = %s", want)
	}
	var dump string
	must(t, fx.db.SQL().Get(&dump, `SELECT string_agg(r::text, '|') FROM survey_responses r WHERE survey_id = $1`, sv.ID))
	for _, leak := range []string{"区领导", "kaixuan-1", "采荷街道", "13812345678", "330104199001011234", "wang@example.com", "86001234"} {
		if strings.Contains(dump, leak) {
			t.Errorf("the stored responses contain %q", leak)
		}
	}
	var comments []string
	must(t, fx.db.SQL().Select(&comments, `SELECT comment FROM survey_responses WHERE survey_id = $1 AND comment <> '' ORDER BY row_no`, sv.ID))
	if strings.Join(comments, "|") != "电话[电话已隐去]，邮箱[邮箱已隐去]|身份证[身份证号已隐去]|办公室[电话已隐去]" {
		t.Errorf("stored comments %q", comments)
	}

	// The results: caihe as in the hand-computed aggregation test — superiors 81.25, peers
	// 125/3, unit score (2·81.25 + 125/3)/3 = 1225/18; kaixuan has one superior (suppressed)
	// and no peers, so no score.
	rec = fx.do("GET", path+"/results", fx.tokens[evaluation.RoleViewer], nil)
	expect(t, rec, 200)
	for _, s := range []string{hex.EncodeToString(secret), "区领导", "kaixuan-1"} {
		if strings.Contains(rec.Body.String(), s) {
			t.Errorf("the results contain %q", s)
		}
	}
	res := decode[engine.SurveyResult](t, rec)
	// 12 of the 14 responses are aggregated: kaixuan's suppressed superior cell is discarded first.
	if res.SurveyID != sv.ID || len(res.Units) != 2 || res.Responses != 12 {
		t.Fatalf("results %+v", res)
	}
	caihe, kaixuan := res.Units[0], res.Units[1]
	if caihe.Score == nil || math.Abs(*caihe.Score-1225.0/18) > 1e-9 {
		t.Fatalf("caihe score %v", caihe.Score)
	}
	if kaixuan.Score != nil || !kaixuan.Groups[0].Suppressed || kaixuan.Groups[0].Stats != nil {
		t.Fatalf("kaixuan %+v", kaixuan)
	}
	if g := caihe.Gaps[0]; !g.BlindSpot || g.Direction != engine.SelfHigher || math.Abs(g.Gap-1.4) > 1e-12 {
		t.Errorf("q1 gap %+v", g)
	}

	// Now the questionnaire is fixed: a new item is refused with the reason; a new title is not.
	body = survey360Body()
	body["items"] = append(body["items"].([]map[string]any), map[string]any{"code": "q3", "text": "廉洁自律"})
	rec = fx.do("PUT", path, tok, body, "If-Match", `"2"`)
	expect(t, rec, 409)
	if p := decode[api.Problem](t, rec); !strings.Contains(p.Detail, "已导入14份答卷") || p.DetailID != messages.ConflictSurveyHasResponses || p.DetailArgs["responses"] != float64(14) {
		t.Errorf("409 detail %q", p.Detail)
	}
	body = survey360Body()
	body["title"] = "定稿"
	body["options"] = map[string]any{"trim_k": 1, "blind_spot_share": 0.5}
	rec = fx.do("PUT", path, tok, body, "If-Match", `"2"`)
	expect(t, rec, 200)
	if got := decode[engine.Survey](t, rec); got.Title != "定稿" || got.Version != 3 || got.Responses != 14 || got.Imports != 1 {
		t.Fatalf("after the title change %+v", got)
	}
	if _, err := fx.db.SQL().Exec(`UPDATE surveys SET items = '[]' WHERE id = $1`, sv.ID); err == nil {
		t.Error("the database changed the items of a survey with responses")
	}

	// A second import: the same rater key is the same pseudonym; repeating an answer of the
	// first import is a duplicate.
	second := "unit,group,rater,item,score\nkaixuan,superior,区领导B,q1,4\nkaixuan,superior,区领导B,q2,5\n"
	rec = fx.uploadMultipart(path+"/responses", tok, "second.csv", []byte(second))
	expect(t, rec, 201)
	must(t, fx.db.SQL().Get(&n, `SELECT count(DISTINCT rater) FROM survey_responses WHERE survey_id = $1 AND rater_group = 'superior'`, sv.ID))
	if n != 2 {
		t.Errorf("superiors across two imports: %d pseudonyms, want 2", n)
	}
	imports := decode[api.List[evaluation.ResponseImport]](t, fx.do("GET", path+"/imports", fx.tokens[evaluation.RoleViewer], nil))
	if len(imports.Items) != 2 || imports.Items[0].Number != 2 || imports.Items[1].ID != imp.ID {
		t.Fatalf("imports %+v", imports.Items)
	}
	// kaixuan now has two superiors: reported, and its score is theirs: rater means 3 and 4.5,
	// mean 3.75 → (3.75 − 1)/4·100 = 68.75.
	res = decode[engine.SurveyResult](t, fx.do("GET", path+"/results", tok, nil))
	if s := res.Units[1].Score; s == nil || math.Abs(*s-68.75) > 1e-12 {
		t.Fatalf("kaixuan score %v", s)
	}

	// The run engine's entry point: the survey and its pseudonymous responses in a transaction.
	err = fx.db.Transact(ctx, func(tx evaluation.Tx) error {
		s, rs, err := fx.svc.SurveyInputs(ctx, tx, fx.cidA, sv.ID)
		if err != nil {
			return err
		}
		if s.Code != "s360" || len(rs) != 16 {
			return fmt.Errorf("survey inputs: %s, %d responses", s.Code, len(rs))
		}
		hexRater := regexp.MustCompile(`^[0-9a-f]{64}$`)
		for i, r := range rs {
			if !hexRater.MatchString(r.Rater) {
				return fmt.Errorf("response %d: rater %q is not a pseudonym", i, r.Rater)
			}
			if i > 0 {
				p := rs[i-1]
				if [4]string{p.Unit, p.Group, p.Rater, p.Item} == [4]string{r.Unit, r.Group, r.Rater, r.Item} ||
					p.Unit > r.Unit || p.Unit == r.Unit && (p.Group > r.Group || p.Group == r.Group && (p.Rater > r.Rater || p.Rater == r.Rater && p.Item > r.Item)) {
					return fmt.Errorf("responses %d and %d are not in canonical order", i-1, i)
				}
			}
		}
		return nil
	})
	must(t, err)

	// Responses, imports and the secret are immutable.
	for _, stmt := range []string{
		`UPDATE survey_responses SET score = 1 WHERE survey_id = '` + sv.ID + `'`,
		`DELETE FROM survey_responses WHERE survey_id = '` + sv.ID + `'`,
		`UPDATE survey_imports SET row_count = 1 WHERE survey_id = '` + sv.ID + `'`,
		`DELETE FROM survey_imports WHERE survey_id = '` + sv.ID + `'`,
		`UPDATE survey_secrets SET secret = secret WHERE commission_id = '` + fx.cidA + `'`,
		`DELETE FROM survey_secrets WHERE commission_id = '` + fx.cidA + `'`,
		`DELETE FROM surveys WHERE id = '` + sv.ID + `'`,
	} {
		if _, err := fx.db.SQL().Exec(stmt); err == nil {
			t.Errorf("the database accepted %s", stmt)
		}
	}
}

func TestSurveyResponseImportAllOrNothingEveryErrorListed(t *testing.T) {
	fx := newFixture(t, noLimits())
	tok := fx.tokens[evaluation.RoleEvaluator]
	sid := fx.objects[fx.cidA]["sid"] // the fixture's satisfaction survey with three responses (p1–p3)
	path := "/api/v1/commissions/" + fx.cidA + "/surveys/" + sid + "/responses"
	bad := "unit,group,rater,item,score,comment\n" +
		"caihe,public,p4,q1,满意,\n" + // fine
		"nowhere,public,p5,q1,满意,\n" + // unknown unit
		"caihe,leaders,p6,q1,满意,\n" + // unknown group
		"caihe,public,p7,q9,满意,\n" + // unknown item
		"caihe,public,p8,q1,很满意,\n" + // not a label
		"caihe,public,p9,q1,50,\n" + // not a category's score
		"caihe,public,p4,q1,一般,\n" + // duplicate of row 2
		"caihe,public,p1,q1,一般,\n" // p1 answered q1 in the fixture's import
	rec := fx.uploadMultipart(path, tok, "bad.csv", []byte(bad), "Accept-Language", "en")
	expect(t, rec, 422)
	p := decode[api.Problem](t, rec)
	got := map[string]string{}
	for _, e := range p.Errors {
		got[fmt.Sprintf("%d/%s", e.Row, e.Column)] = e.Message
	}
	for _, want := range []string{"3/unit", "4/group", "5/item", "6/score", "7/score", "8/rater", "9/rater"} {
		if _, ok := got[want]; !ok {
			t.Errorf("no problem at %s; problems %+v", want, p.Errors)
		}
	}
	if p.Total != 7 || !strings.Contains(got["8/rater"], "row 2") || !strings.Contains(got["9/rater"], "import 1") {
		t.Errorf("problems %+v", p.Errors)
	}
	var responses, imports int
	must(t, fx.db.SQL().Get(&responses, `SELECT count(*) FROM survey_responses WHERE survey_id = $1`, sid))
	must(t, fx.db.SQL().Get(&imports, `SELECT count(*) FROM survey_imports WHERE survey_id = $1`, sid))
	if responses != 3 || imports != 1 {
		t.Fatalf("after a rejected import: %d responses, %d imports; want 3 and 1", responses, imports)
	}

	// A survey of another commission is not found from this one.
	other := "/api/v1/commissions/" + fx.cidA + "/surveys/" + fx.objects[fx.cidB]["sid"]
	expect(t, fx.do("GET", other, tok, nil), 404)
	expect(t, fx.uploadMultipart(other+"/responses", tok, "r.csv", []byte("unit,group,rater,item,score\ncaihe,public,x,q1,满意\n")), 404)
}

func TestSurveyValidationListsEveryField(t *testing.T) {
	fx := newFixture(t, noLimits())
	body := map[string]any{
		"code": "bad code", "title": "", "kind": "poll",
		"scale":  map[string]any{"min": 5, "max": 1},
		"items":  []map[string]any{{"code": "q1", "text": "一", "content": "speed"}},
		"groups": []map[string]any{{"code": "self", "weight": 1}, {"code": "public", "weight": -1}},
	}
	rec := fx.do("POST", "/api/v1/commissions/"+fx.cidA+"/surveys", fx.tokens[evaluation.RoleOwner], body)
	expect(t, rec, 422)
	p := decode[api.Problem](t, rec)
	fields := map[string]bool{}
	for _, e := range p.Errors {
		fields[e.Field] = true
	}
	for _, f := range []string{"code", "title", "kind", "scale", "items[0].content", "groups[1].weight", "groups"} {
		if !fields[f] {
			t.Errorf("no problem for %s: %+v", f, p.Errors)
		}
	}
}
