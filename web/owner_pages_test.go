package web_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/web"
)

// actor is the fixture's owner as the service sees them.
func (p *people) actor(key string) evaluation.Actor {
	u := p.users[key]
	return evaluation.Actor{UserID: u.ID, Name: u.Name, InstituteID: u.InstituteID, PlatformAdmin: u.PlatformAdmin}
}

var (
	qLink = regexp.MustCompile(`https?://[^"<\s]+(/q/[A-Za-z0-9_-]{43})`)
	rLink = regexp.MustCompile(`https?://[^"<\s]+(/r/[A-Za-z0-9_-]{43})`)
)

// TestRoundPages: the owner opens a judgment round on the page (experts typed one per line),
// sees each link once, an expert answers and submits through /q/, the round page shows who
// submitted and each complete matrix's CR, the reminders CSV reissues the unanswered expert's
// link (the old one answers 404, the new one opens), a revoked link stops working, and closing
// stores the submitted matrix as the weight set's judgment. A viewer sees the progress without
// the forms and is refused the actions.
func TestRoundPages(t *testing.T) {
	p := newPeople(t, web.DefaultConfig())
	ctx := context.Background()
	owner := p.actor("owner")
	fw, err := p.svc.CreateFramework(ctx, owner, p.own.ID, roundFramework())
	mustOK(t, err)
	ws, err := p.svc.CreateWeightSet(ctx, owner, p.own.ID, &engine.WeightSet{FrameworkID: fw.ID, Name: "专家", Method: engine.WeightAHP})
	mustOK(t, err)
	base := "/commissions/" + p.own.ID + "/weight-sets/" + ws.WeightSet.ID + "/rounds"

	if rec := p.do("owner", "POST", base, url.Values{"experts": {"张专家，浙江大学\n李专家, 研究院, x"}, "deadline": {"2099-01-01"}}); rec.Code != 400 ||
		!strings.Contains(rec.Body.String(), messages.For(messages.Chinese).Sprintf(messages.WebRoundsExpertsHint)) {
		t.Fatalf("a weight that is not a number: %d", rec.Code)
	}
	if rec := p.do("owner", "POST", base, url.Values{"experts": {"张专家"}, "deadline": {"2000-01-01"}}); rec.Code != 400 {
		t.Fatalf("a past deadline: %d", rec.Code)
	}
	rec := p.do("owner", "POST", base, url.Values{"experts": {"张专家，浙江大学\n李专家, 研究院, 2"}, "deadline": {"2099-01-01"}})
	links := qLink.FindAllStringSubmatch(rec.Body.String(), -1)
	if rec.Code != 200 || len(links) != 4 { // each link as the anchor's text and its href
		t.Fatalf("open: %d, %d link mentions", rec.Code, len(links))
	}
	zhang, li := links[0][1], links[2][1]
	rs, err := p.svc.ListRounds(ctx, owner, p.own.ID, ws.WeightSet.ID)
	mustOK(t, err)
	roundPath := base + "/" + rs[0].ID

	// 张专家 answers consistently and submits through the questionnaire page.
	token := csrfField.FindStringSubmatch(get(p.handler, zhang, "zh").Body.String())[1]
	form := url.Values{"csrf": {token}, "a|root|0|1": {"2"}, "a|root|0|2": {"4"}, "a|root|1|2": {"2"}, "submit": {"1"}}
	if rec := post(p.handler, zhang, form, ""); rec.Code != 200 {
		t.Fatalf("submit: %d", rec.Code)
	}
	page := p.do("owner", "GET", roundPath, nil)
	contains(t, "the round page", page.Body.String(), "2位专家中已有1位提交", "张专家", "3/3 · 一致性比率CR 0.000", "0/3", "下载催办名单")
	if strings.Contains(page.Body.String(), "/q/") {
		t.Error("the progress page shows a link")
	}
	viewer := p.do("viewer", "GET", roundPath, nil)
	if viewer.Code != 200 || strings.Contains(viewer.Body.String(), "/reminders") || strings.Contains(viewer.Body.String(), "/close") {
		t.Fatalf("the viewer: %d, or sees the owner's forms", viewer.Code)
	}
	if rec := p.do("viewer", "POST", roundPath+"/close", nil); rec.Code != 403 {
		t.Fatalf("the viewer closes: %d", rec.Code)
	}

	// Reminders: a CSV of the unanswered expert with a new link; the old one stops working.
	rec = p.do("owner", "POST", roundPath+"/reminders", nil)
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") || rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("reminders: %d %q", rec.Code, rec.Header())
	}
	rows, err := csv.NewReader(rec.Body).ReadAll()
	mustOK(t, err)
	if len(rows) != 2 || rows[0][3] != "link" || rows[1][1] != "李专家" || rows[1][2] != "研究院" {
		t.Fatalf("reminders CSV: %q", rows)
	}
	u, err := url.Parse(rows[1][3])
	mustOK(t, err)
	if get(p.handler, li, "zh").Code != 404 || get(p.handler, u.Path, "zh").Code != 200 {
		t.Fatal("after the reminder the old link works or the new one does not")
	}
	// Revoke the reminded link: it answers 404; the page says revoked.
	pr, err := p.svc.GetRoundProgress(ctx, owner, p.own.ID, ws.WeightSet.ID, rs[0].ID)
	mustOK(t, err)
	if rec := p.do("owner", "POST", roundPath+"/experts/"+pr.Experts[1].ID+"/revoke", nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("revoke: %d", rec.Code)
	}
	if get(p.handler, u.Path, "zh").Code != 404 || !strings.Contains(p.do("owner", "GET", roundPath, nil).Body.String(), "已作废") {
		t.Fatal("a revoked link still opens, or the page does not say so")
	}
	// Reissue shows the new link once.
	rec = p.do("owner", "POST", roundPath+"/experts/"+pr.Experts[1].ID+"/reissue", nil)
	if m := qLink.FindStringSubmatch(rec.Body.String()); rec.Code != 200 || m == nil || get(p.handler, m[1], "zh").Code != 200 {
		t.Fatalf("reissue: %d", rec.Code)
	}
	// Close: the submitted matrix becomes the weight set's judgment.
	if rec := p.do("owner", "POST", roundPath+"/close", nil); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/commissions/"+p.own.ID+"/weight-sets/"+ws.WeightSet.ID {
		t.Fatalf("close: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	d, err := p.svc.GetWeightSet(ctx, owner, p.own.ID, ws.WeightSet.ID)
	mustOK(t, err)
	if len(d.Judgments) != 1 {
		t.Fatalf("judgments after closing: %d, want 1 (the submitted expert's)", len(d.Judgments))
	}
	if rec := p.do("owner", "POST", roundPath+"/close", nil); rec.Code != http.StatusConflict {
		t.Fatalf("closing twice: %d", rec.Code)
	}
	if rec := p.do("owner", "GET", "/commissions/"+p.own.ID+"/weight-sets/"+ws.WeightSet.ID, nil); !strings.Contains(rec.Body.String(), base) {
		t.Error("the weight set's page does not lead to its rounds")
	}
}

// TestSurveyBoardAndEnumerator: the board shows every unit × group with the anonymity threshold
// and marks the cells that would be suppressed; issuing an open link shows it once with its QR
// code (an SVG drawn here) and personal links as addresses; enumerator mode records one
// anonymous respondent per form — sending the same form again records nothing new — each a
// rater of its own with the enumerator as the importer; a viewer may not enumerate.
func TestSurveyBoardAndEnumerator(t *testing.T) {
	p := newPeople(t, web.DefaultConfig())
	ctx := context.Background()
	owner := p.actor("owner")
	sv, err := p.svc.CreateSurvey(ctx, owner, p.own.ID, &engine.Survey{Code: "sat", Title: "公众满意度", Kind: engine.SurveySocial,
		Scale:  engine.Scale{Categories: []engine.ScaleCategory{{Label: "满意", Score: 100}, {Label: "基本满意", Score: 60}, {Label: "不满意", Score: 0}}},
		Items:  []engine.SurveyItem{{Code: "q1", Text: "办事效率"}, {Code: "q2", Text: "服务态度"}},
		Groups: []engine.RaterGroup{{Code: engine.GroupPublic, Weight: 1, MinRaters: 3}}})
	mustOK(t, err)
	board := "/commissions/" + p.own.ID + "/surveys/" + sv.ID + "/links"
	if rec := p.do("viewer", "GET", "/commissions/"+p.own.ID+"/surveys", nil); rec.Code != 200 || !strings.Contains(rec.Body.String(), board) {
		t.Fatalf("the surveys page: %d", rec.Code)
	}
	rec := p.do("owner", "GET", board, nil)
	contains(t, "the board", rec.Body.String(), "凯旋街道", "公众", "将被屏蔽", "匿名阈值")
	if strings.Contains(rec.Body.String(), "<code>u1</code>") || strings.Contains(rec.Body.String(), "<code>public</code>") {
		t.Error("the board names a unit or a rater group by its code")
	}

	rec = p.do("owner", "POST", board, url.Values{"unit": {"u1"}, "group": {"public"}, "count": {"1"}, "deadline": {"2099-01-01"}, "open": {"1"}})
	body := rec.Body.String()
	if rec.Code != 200 || !strings.Contains(body, `<svg xmlns="http://www.w3.org/2000/svg" class="qr"`) || len(rLink.FindAllString(body, -1)) != 2 {
		t.Fatalf("an open link: %d, QR %v", rec.Code, strings.Contains(body, "<svg"))
	}
	open := rLink.FindStringSubmatch(body)[1]
	if get(p.handler, open, "zh").Code != 200 {
		t.Fatal("the open link does not open")
	}
	rec = p.do("owner", "POST", board, url.Values{"unit": {"u1"}, "group": {"public"}, "count": {"2"}, "deadline": {"2099-01-01"}})
	if rec.Code != 200 || len(rLink.FindAllString(rec.Body.String(), -1)) != 4 || strings.Contains(rec.Body.String(), "<svg xmlns") {
		t.Fatalf("two personal links: %d", rec.Code)
	}
	if rec := p.do("owner", "POST", board, url.Values{"unit": {"nowhere"}, "group": {"public"}, "count": {"1"}, "deadline": {"2099-01-01"}}); rec.Code != 400 {
		t.Fatalf("an unknown unit: %d", rec.Code)
	}

	// Enumerator mode, as the evaluator (institute staff with the surveys permission).
	enum := "/commissions/" + p.own.ID + "/surveys/" + sv.ID + "/enumerate"
	respondent := regexp.MustCompile(`name="respondent" value="([^"]+)"`)
	if rec := p.do("viewer", "GET", enum, nil); rec.Code != 403 {
		t.Fatalf("a viewer enumerates: %d", rec.Code)
	}
	next := p.do("evaluator", "GET", enum+"?unit=u1&group=public", nil)
	for i, answers := range []url.Values{{"i|q1": {"100"}, "i|q2": {"60"}}, {"i|q1": {"0"}, "i|q2": {""}}, {"i|q1": {"60"}, "i|q2": {"60"}, "comment": {"窗口排队时间长"}}} {
		id := respondent.FindStringSubmatch(next.Body.String())
		if next.Code != 200 || id == nil {
			t.Fatalf("respondent %d: the form %d", i+1, next.Code)
		}
		f := url.Values{"unit": {"u1"}, "group": {"public"}, "respondent": {id[1]}}
		for k, v := range answers {
			f[k] = v
		}
		next = p.do("evaluator", "POST", enum, f)
		if next.Code != 200 || !strings.Contains(next.Body.String(), "已录入") || strings.Contains(next.Body.String(), id[1]) {
			t.Fatalf("respondent %d: %d, or the next form keeps the respondent id", i+1, next.Code)
		}
		if i == 0 { // the same form again: the same respondent, the same import
			if again := p.do("evaluator", "POST", enum, f); again.Code != 200 {
				t.Fatalf("the same form again: %d", again.Code)
			}
		}
	}
	if rec := p.do("evaluator", "POST", enum, url.Values{"unit": {"u1"}, "group": {"public"}, "respondent": {strings.Repeat("z", 22)}, "i|q1": {"55"}}); rec.Code != 400 {
		t.Fatalf("a score off the scale: %d", rec.Code)
	}
	s, err := p.svc.GetSurvey(ctx, owner, p.own.ID, sv.ID)
	mustOK(t, err)
	if s.Responses != 5 || s.Imports != 3 {
		t.Fatalf("responses %d imports %d, want 5 and 3 (three respondents, the repeated form stored once)", s.Responses, s.Imports)
	}
	ims, err := p.svc.ListResponseImports(ctx, owner, p.own.ID, sv.ID)
	mustOK(t, err)
	for _, im := range ims {
		if im.Importer != p.users["evaluator"].Name || im.Raters != 1 {
			t.Errorf("import %d: importer %q, raters %d; want the enumerator and one rater", im.Number, im.Importer, im.Raters)
		}
	}
	rec = p.do("owner", "GET", board, nil)
	contains(t, "the board after enumeration", rec.Body.String(), `data-label="评价人数">3</td>`)
	if strings.Contains(rec.Body.String(), "将被屏蔽</strong>") {
		t.Error("three raters of a threshold of three are still marked suppressed")
	}
}

// The board's reminders: the unanswered personal links of the chosen unit and group are reissued
// as a CSV download, the old links stop opening, the new ones open, and a submitted link is not
// reissued.
func TestSurveyBoardReminders(t *testing.T) {
	p := newPeople(t, web.DefaultConfig())
	ctx := context.Background()
	owner := p.actor("owner")
	sv, err := p.svc.CreateSurvey(ctx, owner, p.own.ID, &engine.Survey{Code: "sat", Title: "公众满意度", Kind: engine.SurveySocial,
		Scale:  engine.Scale{Categories: []engine.ScaleCategory{{Label: "满意", Score: 100}, {Label: "不满意", Score: 0}}},
		Items:  []engine.SurveyItem{{Code: "q1", Text: "办事效率"}},
		Groups: []engine.RaterGroup{{Code: engine.GroupPublic, Weight: 1, MinRaters: 3}}})
	mustOK(t, err)
	board := "/commissions/" + p.own.ID + "/surveys/" + sv.ID + "/links"
	contains(t, "the board", p.do("owner", "GET", board, nil).Body.String(), board+"/reminders", "催办")
	rec := p.do("owner", "POST", board, url.Values{"unit": {"u1"}, "group": {"public"}, "count": {"2"}, "deadline": {"2099-01-01"}})
	var paths []string
	for _, m := range rLink.FindAllStringSubmatch(rec.Body.String(), -1) {
		if len(paths) == 0 || paths[len(paths)-1] != m[1] {
			paths = append(paths, m[1])
		}
	}
	if rec.Code != 200 || len(paths) != 2 {
		t.Fatalf("two links: %d %q", rec.Code, paths)
	}
	if _, err := p.svc.SubmitRaterForm(ctx, strings.TrimPrefix(paths[0], "/r/"), evaluation.RaterAnswers{Scores: map[string]float64{"q1": 100}}); err != nil {
		t.Fatal(err)
	}
	if rec := p.do("viewer", "POST", board+"/reminders", url.Values{}); rec.Code != 403 {
		t.Fatalf("a viewer sends reminders: %d", rec.Code)
	}
	if rec := p.do("owner", "POST", board+"/reminders", url.Values{"unit": {"nowhere"}}); rec.Code != 400 || !strings.Contains(rec.Body.String(), "remind-unit") {
		t.Fatalf("an unknown unit: %d", rec.Code)
	}
	rec = p.do("owner", "POST", board+"/reminders", url.Values{"unit": {"u1"}, "group": {"public"}})
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("reminders: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	rows, err := csv.NewReader(rec.Body).ReadAll()
	mustOK(t, err)
	if len(rows) != 2 || strings.Join(rows[0], ",") != "unit,group,link_id,replaces,named_rater,link,expires_at" || rows[1][0] != "u1" || rows[1][1] != "public" {
		t.Fatalf("reminders %q", rows)
	}
	fresh := rLink.FindStringSubmatch(rows[1][5])
	if fresh == nil || fresh[1] == paths[1] || rows[1][6] != "2099-01-01T15:59:59Z" {
		t.Fatalf("reminder row %q", rows[1])
	}
	if get(p.handler, paths[1], "zh").Code != 404 {
		t.Error("the old link still opens after the reminder")
	}
	if get(p.handler, fresh[1], "zh").Code != 200 {
		t.Error("the reissued link does not open")
	}
	if get(p.handler, paths[0], "zh").Code != 200 {
		t.Error("the submitted link was revoked")
	}
}
