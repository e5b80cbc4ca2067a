package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"evalbench/evaluation"
	"evalbench/messages"
	"evalbench/web"
)

// jianggan reads a file of the Jianggan example.
func jianggan(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", "jianggan", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// badCSV is the plan's data file with three broken rows: a value that is no number, a unit the
// commission does not have, an indicator the framework does not have.
func badCSV(t *testing.T) []byte {
	lines := strings.SplitAfter(string(jianggan(t, "data-plan.csv")), "\n")
	bad := "gdp,jianggan,2017,五百亿,doc,table,line 1,quote,\n" +
		"gdp,nowhere,2018,1,doc,table,line 1,quote,\n" +
		"no_such_indicator,jianggan,2018,1,doc,table,line 1,quote,\n"
	return []byte(lines[0] + lines[1] + bad)
}

// send posts a multipart form as caller: fields, and a file in the field "file" (none when name is
// empty); with the caller's CSRF token unless noCSRF.
func (p *people) send(caller, target string, fields map[string]string, name string, content []byte, noCSRF bool, header ...string) *httptest.ResponseRecorder {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if !noCSRF {
		mw.WriteField("csrf", evaluation.CSRFToken(p.secrets[caller]))
	}
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(content)
	}
	mw.Close()
	req := httptest.NewRequest("POST", target, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", "http://example.com")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	req.AddCookie(&http.Cookie{Name: "evb_session", Value: p.secrets[caller]})
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	return rec
}

// get opens a page as caller, in lang.
func (p *people) get(caller, target string, lang messages.Language) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", target, nil)
	req.Header.Set("Accept-Language", string(lang))
	req.AddCookie(&http.Cookie{Name: "evb_session", Value: p.secrets[caller]})
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	return rec
}

func contains(t *testing.T, what, html string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(html, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

var (
	zh = messages.For(messages.Chinese)
	en = messages.For(messages.English)
)

// TestCreateCommissionPage creates a commission through the form on /commissions: problems
// come back by field in the page's language, a good form opens the new commission.
func TestCreateCommissionPage(t *testing.T) {
	p := newPeople(t, web.DefaultConfig())
	html := checkPage(t, p.get("evaluator", "/commissions", messages.Chinese), 200, messages.Chinese)
	contains(t, "/commissions", html, `action="/commissions"`, `name="csrf" value="`+evaluation.CSRFToken(p.secrets["evaluator"])+`"`, zh.Sprintf(messages.WebCommissionsCreate))
	form := url.Values{"title": {""}, "client": {"江干区人民政府"}, "period_start": {"二〇一六"}, "period_end": {"2020"}, "evaluated_period": {"2018"}}
	html = checkPage(t, p.do("evaluator", "POST", "/commissions", form), 400, messages.Chinese)
	contains(t, "the refused form", html, zh.Sprintf(messages.WebFormRequired), zh.Sprintf(messages.WebFormYear), `id="title" name="title" value="" required aria-invalid="true"`, `value="江干区人民政府"`)
	// In English, the same problems in English.
	req := httptest.NewRequest("POST", "/commissions", strings.NewReader(url.Values{"csrf": {evaluation.CSRFToken(p.secrets["evaluator"])}, "title": {"x"}, "client": {"y"}, "period_start": {"2016"}, "period_end": {"2015"}, "evaluated_period": {"2016"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept-Language", "en")
	req.AddCookie(&http.Cookie{Name: "evb_session", Value: p.secrets["evaluator"]})
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	html = checkPage(t, rec, 400, messages.English)
	contains(t, "the refused form in English", html, en.Sprintf(messages.WebFormPeriodEnd))
	// Without the token: refused, nothing created.
	req = httptest.NewRequest("POST", "/commissions", strings.NewReader("title=x&client=y&period_start=2016&period_end=2020&evaluated_period=2016"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "evb_session", Value: p.secrets["evaluator"]})
	rec = httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	if rec.Code != 403 {
		t.Errorf("creating without a CSRF token: %d", rec.Code)
	}
	form = url.Values{"title": {"上城区绩效评估"}, "client": {"上城区人民政府"}, "period_start": {"2016"}, "period_end": {"2020"}, "evaluated_period": {"2018"}}
	rec = p.do("evaluator", "POST", "/commissions", form)
	loc := rec.Header().Get("Location")
	if rec.Code != 303 || !strings.HasPrefix(loc, "/commissions/") {
		t.Fatalf("creating: %d %q", rec.Code, loc)
	}
	html = checkPage(t, p.get("evaluator", loc, messages.Chinese), 200, messages.Chinese)
	contains(t, "the new commission", html, "上城区绩效评估", "user-evaluator", zh.Sprintf(messages.WebRoleOwner), `action="`+loc+`/units"`, `action="`+loc+`/members"`)
}

// TestCommissionUnitsAndMembers adds a unit and grants and revokes a role through the overview's
// forms; a reader without the permission sees no form.
func TestCommissionUnitsAndMembers(t *testing.T) {
	p := newPeople(t, web.DefaultConfig())
	base := "/commissions/" + p.own.ID
	html := checkPage(t, p.get("viewer", base, messages.Chinese), 200, messages.Chinese)
	if strings.Contains(html, base+"/units") || strings.Contains(html, base+"/members") {
		t.Error("a viewer is offered the unit or member forms")
	}
	html = checkPage(t, p.get("evaluator", base, messages.Chinese), 200, messages.Chinese)
	if !strings.Contains(html, base+"/units") || strings.Contains(html, base+"/members") {
		t.Error("an evaluator adds units but grants no roles")
	}
	html = checkPage(t, p.do("owner", "POST", base+"/units", url.Values{"code": {"9x"}, "name": {""}, "kind": {"subdistrict"}}), 400, messages.Chinese)
	contains(t, "the refused unit", html, zh.Sprintf(messages.WebFormCode), zh.Sprintf(messages.WebFormRequired), `value="9x"`)
	rec := p.do("owner", "POST", base+"/units", url.Values{"code": {"jianggan"}, "name": {"江干区"}, "kind": {"district"}})
	if rec.Code != 303 {
		t.Fatalf("adding a unit: %d", rec.Code)
	}
	loc, _, _ := strings.Cut(rec.Header().Get("Location"), "#") // a browser keeps the fragment to itself
	html = checkPage(t, p.get("owner", loc, messages.Chinese), 200, messages.Chinese)
	contains(t, "after adding a unit", html, "江干区", "<code>jianggan</code>", zh.Sprintf(messages.WebCommissionUnitSaved))
	// Grant: the institute's users are offered; B's are not.
	contains(t, "the grant form", html, `<option value="`+p.users["viewer"].ID+`">user-viewer</option>`)
	if strings.Contains(html, p.users["other-institute"].ID) {
		t.Error("the grant form offers another institute's user")
	}
	rec = p.do("owner", "POST", base+"/members", url.Values{"user_id": {p.users["viewer"].ID}, "role": {"expert"}})
	if rec.Code != 303 {
		t.Fatalf("granting: %d", rec.Code)
	}
	if rec := p.do("evaluator", "POST", base+"/members", url.Values{"user_id": {p.users["viewer"].ID}, "role": {"owner"}}); rec.Code != 403 {
		t.Errorf("an evaluator granting: %d", rec.Code)
	}
	rec = p.do("owner", "POST", base+"/members/revoke", url.Values{"user_id": {p.users["viewer"].ID}, "role": {"expert"}})
	if rec.Code != 303 {
		t.Fatalf("revoking: %d", rec.Code)
	}
	html = checkPage(t, p.do("owner", "POST", base+"/members/revoke", url.Values{"user_id": {p.users["owner"].ID}, "role": {"owner"}}), 409, messages.Chinese)
	contains(t, "revoking the last owner", html, zh.Sprintf(messages.WebCommissionLastOwner))
}

var rowRE = regexp.MustCompile(`<tr><th scope="row">第(\d+)行</th><td data-label="列">([^<]*)</td>`)

// TestFrameworksAndDatasetsPages imports the Jianggan framework and its two data files through
// the pages: a bad framework and a bad CSV come back with their problems table (row and column,
// in Chinese), a good CSV is checked first and imported when the same file is sent again; the
// versions, a version's observations, the comparison and freezing.
func TestFrameworksAndDatasetsPages(t *testing.T) {
	p := newPeople(t, web.DefaultConfig())
	base := "/commissions/" + p.own.ID
	if rec := p.do("owner", "POST", base+"/units", url.Values{"code": {"jianggan"}, "name": {"江干区"}, "kind": {"district"}}); rec.Code != 303 {
		t.Fatalf("adding the unit: %d", rec.Code)
	}
	contains(t, "datasets before a framework", checkPage(t, p.get("evaluator", base+"/datasets", messages.Chinese), 200, messages.Chinese), zh.Sprintf(messages.WebDatasetsNoFramework))
	html := checkPage(t, p.get("evaluator", base+"/frameworks", messages.Chinese), 200, messages.Chinese)
	contains(t, "no frameworks", html, zh.Sprintf(messages.WebFrameworksEmpty), `enctype="multipart/form-data"`, `name="csrf"`)
	if strings.Contains(checkPage(t, p.get("viewer", base+"/frameworks", messages.Chinese), 200, messages.Chinese), `type="file"`) {
		t.Error("a viewer is offered the import")
	}
	// Uploads need the token like every form.
	if rec := p.send("evaluator", base+"/frameworks", nil, "framework.json", jianggan(t, "framework.json"), true); rec.Code != 403 {
		t.Errorf("an upload without a CSRF token: %d", rec.Code)
	}
	checkPage(t, p.send("evaluator", base+"/frameworks", nil, "", nil, false), 400, messages.Chinese)
	html = checkPage(t, p.send("evaluator", base+"/frameworks", nil, "framework.json", []byte(`{"title": "x", "dimensions": [{"code": "economy", "kind": "dimension", "name": "经济"}]}`), false), 400, messages.Chinese)
	contains(t, "a bad framework", html, zh.Sprintf(messages.WebImportColMessage), zh.Sprintf(messages.WebImportRejected))
	rec := p.send("evaluator", base+"/frameworks", nil, "framework.json", jianggan(t, "framework.json"), false)
	if rec.Code != 303 || !strings.Contains(rec.Header().Get("Location"), "/frameworks/") {
		t.Fatalf("importing the framework: %d %s", rec.Code, rec.Body.String())
	}
	html = checkPage(t, p.get("viewer", rec.Header().Get("Location"), messages.Chinese), 200, messages.Chinese)
	contains(t, "the framework tree", html, "经济", "效率", "效益", "公正", "财政总收入", "fiscal_revenue_total", "亿元", zh.Sprintf(messages.WebPolarityHigher), "2016年：147.2亿元", zh.Sprintf(messages.WebFrameworkBaseline))
	html = checkPage(t, p.get("viewer", rec.Header().Get("Location"), messages.English), 200, messages.English)
	contains(t, "the framework tree in English", html, "Economy", "Efficiency", "Effectiveness", "Equity", "Total fiscal revenue", "Higher is better")
	contains(t, "the versions", checkPage(t, p.get("viewer", base+"/frameworks", messages.Chinese), 200, messages.Chinese), "第1版")

	// A bad CSV: its problems, row and column, in Chinese.
	html = checkPage(t, p.send("evaluator", base+"/datasets", nil, "bad.csv", badCSV(t), false), 400, messages.Chinese)
	contains(t, "the bad CSV", html, "<th scope=\"col\">行</th>", "<th scope=\"col\">列</th>", "<th scope=\"col\">值</th>", "<th scope=\"col\">问题</th>", "五百亿", "nowhere", "no_such_indicator", zh.Sprintf(messages.IngestNotANumber))
	// The importers record catalogue messages: every problem and the summary are in Chinese,
	// none left in the service's English.
	contains(t, "the bad CSV's messages", html, zh.Sprintf(messages.IngestUnitUnknown, "hint", ""), zh.Sprintf(messages.IngestIndicatorUnknown, "hint", ""),
		zh.Sprintf(messages.IngestNotImported, "file", "bad.csv"))
	for _, en := range []string{"unknown evaluated unit", "unknown indicator", "not a number", "was not imported", ` lang="en"`} {
		if strings.Contains(html, en) {
			t.Errorf("the bad CSV's page shows English %q", en)
		}
	}
	rows := rowRE.FindAllStringSubmatch(html, -1)
	if len(rows) < 3 || rows[0][1] != "3" || rows[0][2] != "value" {
		t.Errorf("the problems' rows and columns: %v", rows)
	}
	// A good file: checked, then imported when the same file comes again.
	plan := jianggan(t, "data-plan.csv")
	html = checkPage(t, p.send("evaluator", base+"/datasets", map[string]string{"label": "规划"}, "data-plan.csv", plan, false), 200, messages.Chinese)
	m := regexp.MustCompile(`name="confirm" value="([0-9a-f]{64})"`).FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("the dry run offers no confirmation: %s", html)
	}
	contains(t, "the dry run", html, zh.Sprintf(messages.WebDatasetsChecked), m[1])
	if ds, _ := p.svc.ListDatasets(t.Context(), evaluation.SystemActor("t"), p.own.ID); len(ds) != 0 {
		t.Fatalf("the dry run stored %d datasets", len(ds))
	}
	checkPage(t, p.send("evaluator", base+"/datasets", map[string]string{"confirm": m[1]}, "data-workreport.csv", jianggan(t, "data-workreport.csv"), false), 400, messages.Chinese)
	rec = p.send("evaluator", base+"/datasets", map[string]string{"confirm": m[1], "label": "规划"}, "data-plan.csv", plan, false)
	if rec.Code != 303 {
		t.Fatalf("importing the plan's data: %d", rec.Code)
	}
	first := rec.Header().Get("Location")
	html = checkPage(t, p.get("viewer", first, messages.Chinese), 200, messages.Chinese)
	contains(t, "the dataset", html, "数据第1版", "规划", m[1], "<code>gdp</code>", "555.79", zh.Sprintf(messages.WebDatasetsOpen))
	if strings.Contains(html, "/freeze") {
		t.Error("a viewer is offered to freeze")
	}
	work := jianggan(t, "data-workreport.csv")
	html = checkPage(t, p.send("evaluator", base+"/datasets", nil, "data-workreport.csv", work, false), 200, messages.Chinese)
	m = regexp.MustCompile(`name="confirm" value="([0-9a-f]{64})"`).FindStringSubmatch(html)
	if m == nil {
		t.Fatal("no confirmation for the work report")
	}
	if rec := p.send("evaluator", base+"/datasets", map[string]string{"confirm": m[1]}, "data-workreport.csv", work, false); rec.Code != 303 {
		t.Fatalf("importing the work report: %d", rec.Code)
	}
	html = checkPage(t, p.get("viewer", base+"/datasets", messages.Chinese), 200, messages.Chinese)
	contains(t, "the versions", html, "data-plan.csv", "data-workreport.csv", zh.Sprintf(messages.WebCompareTitle))
	ds, err := p.svc.ListDatasets(t.Context(), evaluation.SystemActor("t"), p.own.ID)
	if err != nil || len(ds) != 2 {
		t.Fatalf("datasets: %v %v", len(ds), err)
	}
	html = checkPage(t, p.get("viewer", base+"/datasets/compare?from="+ds[1].ID+"&to="+ds[0].ID, messages.Chinese), 200, messages.Chinese)
	contains(t, "the comparison", html, "第1版与第2版", "<code>gdp</code>", zh.Sprintf(messages.WebCompareChangeChanged))
	checkPage(t, p.get("viewer", base+"/datasets/compare?from="+ds[1].ID+"&to="+missing, messages.Chinese), 400, messages.Chinese)
	// Freezing: the evaluator may, the page says so after.
	if rec := p.do("viewer", "POST", first+"/freeze", nil); rec.Code != 403 {
		t.Errorf("a viewer freezing: %d", rec.Code)
	}
	if rec := p.do("evaluator", "POST", first+"/freeze", nil); rec.Code != 303 {
		t.Fatalf("freezing: %d", rec.Code)
	}
	html = checkPage(t, p.get("evaluator", first, messages.Chinese), 200, messages.Chinese)
	contains(t, "the frozen dataset", html, zh.Sprintf(messages.WebDatasetsFrozen))
	if strings.Contains(html, "/freeze") {
		t.Error("a frozen dataset offers to freeze")
	}
}

// TestUploadLimit: an upload above Config.UploadLimit answers 413 and stores nothing; an
// anonymous upload is sent to sign in before its body is read.
func TestUploadLimit(t *testing.T) {
	cfg := web.DefaultConfig()
	cfg.UploadLimit = 4 << 10
	p := newPeople(t, cfg)
	base := "/commissions/" + p.own.ID
	checkPage(t, p.send("evaluator", base+"/datasets", nil, "big.csv", bytes.Repeat([]byte("gdp,jianggan,2016,1\n"), 1000), false), 413, messages.Chinese)
	if ds, _ := p.svc.ListDatasets(t.Context(), evaluation.SystemActor("t"), p.own.ID); len(ds) != 0 {
		t.Errorf("a refused upload stored %d datasets", len(ds))
	}
	p.secrets["anonymous"] = ""
	if rec := p.send("anonymous", base+"/datasets", nil, "data.csv", []byte("x"), false); rec.Code != 303 {
		t.Errorf("an anonymous upload: %d", rec.Code)
	}
}
