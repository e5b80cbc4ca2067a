package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
	"evalbench/examples"
	"evalbench/reports"
	"evalbench/web"
)

// pagesOwner is the e2e user signed in on the pages: requests carry the session cookie, a POST
// its CSRF token and the site's Origin, as a browser would send them.
type pagesOwner struct {
	t       *testing.T
	h       http.Handler
	session string
}

func (o *pagesOwner) do(method, target string, form url.Values) *httptest.ResponseRecorder {
	var body io.Reader
	if method == "POST" {
		if form == nil {
			form = url.Values{}
		}
		form.Set("csrf", evaluation.CSRFToken(o.session))
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	if method == "POST" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "http://example.com")
	}
	if o.session != "" {
		req.AddCookie(&http.Cookie{Name: "evb_session", Value: o.session})
	}
	rec := httptest.NewRecorder()
	o.h.ServeHTTP(rec, req)
	return rec
}

// linkForm is a capability link's form: GET it for its token, then POST the answers.
func (o *pagesOwner) answerLink(path string, answers url.Values) *httptest.ResponseRecorder {
	o.t.Helper()
	anon := &pagesOwner{t: o.t, h: o.h}
	page := anon.do("GET", path, nil)
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(page.Body.String())
	if page.Code != 200 || m == nil {
		o.t.Fatalf("GET %s: %d", path[:3], page.Code)
	}
	answers.Set("csrf", m[1])
	req := httptest.NewRequest("POST", path, strings.NewReader(answers.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://example.com")
	rec := httptest.NewRecorder()
	o.h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		o.t.Fatalf("POST %s…: %d", path[:3], rec.Code)
	}
	return rec
}

// signInPages gives the e2e user a password and signs them in on the pages' handler.
func (s *server) signInPages(t *testing.T) *pagesOwner {
	t.Helper()
	ctx := context.Background()
	me := decode[evaluation.User](t, s.user.do("GET", "/api/v1/me", nil, 200))
	const password = "e2e-pages-password-1234"
	if err := s.svc.SetPassword(ctx, evaluation.SystemActor("e2e"), me.ID, password); err != nil {
		t.Fatal(err)
	}
	x, err := s.svc.SignIn(ctx, evaluation.SigninInput{Login: me.Name, Password: password, Address: "192.0.2.7"})
	if err != nil {
		t.Fatal(err)
	}
	return &pagesOwner{t: t, h: web.New(s.svc, web.DefaultConfig(), slog.New(slog.NewTextHandler(io.Discard, nil))), session: x.Secret}
}

var issuedLink = regexp.MustCompile(`href="https?://[^"/]+(/[qr]/[A-Za-z0-9_-]{43})"`)

// TestSubdistrictSurveysThroughPages: the sub-district commission is loaded twice into one
// installation. The first copy imports every file (as TestSubdistrictComprehensiveEvaluation);
// in the second, the 2017 surveys (public satisfaction and the 360-degree leadership evaluation)
// are answered through the pages instead: the owner issues one personal rater link per rater
// on the board page for each unit × rater group, and each rater answers the form at /r/{link}
// with the scores (and comment) of their rows in the example's file. The 2016 surveys, the
// previous period, come by file in both. Both 2017 runs must give the same numbers: every
// number of the result — scores, ranks, grades, the survey aggregation with its suppression,
// weights and reliability statistics — equal, only identifiers, digests and times differing.
func TestSubdistrictSurveysThroughPages(t *testing.T) {
	s := start(t)
	owner := s.signInPages(t)
	const key = "subdistricts"

	cid, ws, datasets, surveys := s.load(key, "data.csv")
	s.run(cid, ws, datasets, surveys, key+"/run-2016.json")
	_, byFile := s.run(cid, ws, datasets, surveys, key+"/run.json")

	// The second copy: the same requests, but the 2017 surveys are created empty and answered
	// through the pages.
	pages := map[string]bool{"social": true, "leadership": true}
	cid2, ws2, datasets2, surveys2 := s.loadExcept(key, pages, "data.csv")
	base := "/api/v1/commissions/" + cid2
	for _, code := range []string{"social", "leadership"} {
		sv := decode[engine.Survey](t, s.user.do("GET", base+"/surveys/"+surveys2[code], nil, 200))
		answered := answerSurveyThroughPages(t, s, owner, cid2, &sv, example(t, key+"/responses-"+code+".csv"), "responses-"+code+".csv")
		got := decode[engine.Survey](t, s.user.do("GET", base+"/surveys/"+sv.ID, nil, 200))
		want := decode[engine.Survey](t, s.user.do("GET", "/api/v1/commissions/"+cid+"/surveys/"+surveys[code], nil, 200))
		if got.Responses != want.Responses {
			t.Fatalf("%s: %d responses through %d rater links, the file has %d", code, got.Responses, answered, want.Responses)
		}
		t.Logf("%s: %d responses from %d raters answered through /r/ links", code, got.Responses, answered)
	}
	s.run(cid2, ws2, datasets2, surveys2, key+"/run-2016.json")
	run2, byPages := s.run(cid2, ws2, datasets2, surveys2, key+"/run.json")
	sameNumbers(t, "result", byFile, byPages, 100)
	// The comments, by file and through the forms alike, are reported per unit × group under
	// their threshold.
	shown, suppressed := 0, 0
	for _, sr := range byPages.Surveys {
		for _, c := range sr.Result.Comments {
			if c.Suppressed {
				suppressed++
			} else {
				shown++
			}
		}
	}
	t.Logf("comment groups: %d shown, %d suppressed", shown, suppressed)
	if shown+suppressed == 0 {
		t.Error("no comment group in the result")
	}
	// Published: the report has the comments section, the bundle holds no text of a suppressed
	// group, and the evalbench binary verifies it (privacy and recomputation included).
	rep, env := s.publish(cid2, run2.ID)
	html := (&client{t: t, base: s.user.base}).do("GET", "/reports/"+rep.ID+"/report.html", nil, 200)
	if !bytes.Contains(html, []byte("意见建议")) || suppressed > 0 && !bytes.Contains(html, []byte("提出意见者少于")) {
		t.Error("the report lacks the comments section or its suppressed groups")
	}
	if code, out := s.verify(env); code != 0 || !strings.Contains(out, "PASS") {
		t.Fatalf("verify: exit %d\n%s", code, out)
	}
}

// loadExcept loads an example commission through the API as load does, except that the surveys
// named in empty are created without their responses.
func (s *server) loadExcept(key string, empty map[string]bool, dataFiles ...string) (cid, ws string, datasets []string, surveys map[string]string) {
	c := s.user
	t := c.t
	com := decode[evaluation.Commission](t, c.do("POST", "/api/v1/commissions", json.RawMessage(example(t, key+"/commission.json")), 201))
	cid = com.ID
	base := "/api/v1/commissions/" + cid
	c.do("POST", base+"/units", json.RawMessage(example(t, key+"/units.json")), 200)
	fw := decode[engine.Framework](t, c.upload(base+"/frameworks/import", key+"/framework.json", 201))
	for _, f := range dataFiles {
		res := decode[evaluation.ImportResult](t, c.upload(base+"/datasets?framework="+fw.ID, key+"/"+f, 201))
		c.do("POST", base+"/datasets/"+res.Dataset.ID+"/freeze", nil, 200)
		datasets = append(datasets, res.Dataset.ID)
	}
	set := decode[evaluation.WeightSetDetail](t, c.do("POST", base+"/weight-sets", json.RawMessage(example(t, key+"/weights.json")), 201))
	ws = set.WeightSet.ID
	if set.WeightSet.Method == engine.WeightAHP {
		c.do("POST", base+"/weight-sets/"+ws+"/judgments/import", json.RawMessage(example(t, key+"/ahp-panel.json")), 200)
	}
	surveys = map[string]string{}
	matches, _ := fs.Glob(examples.Files, key+"/responses-*.csv")
	for _, m := range matches {
		code := strings.TrimSuffix(strings.TrimPrefix(m, key+"/responses-"), ".csv")
		sv := decode[engine.Survey](t, c.do("POST", base+"/surveys", json.RawMessage(example(t, key+"/"+code+".json")), 201))
		if !empty[code] {
			c.upload(base+"/surveys/"+sv.ID+"/responses", m, 201)
		}
		surveys[code] = sv.ID
	}
	return cid, ws, datasets, surveys
}

// answerSurveyThroughPages issues, on the board page, one personal link per rater of each unit ×
// group of the example's response file, and answers each link's form with that rater's scores
// and comment. It returns the number of raters.
func answerSurveyThroughPages(t *testing.T, s *server, owner *pagesOwner, cid string, sv *engine.Survey, file []byte, name string) int {
	t.Helper()
	units := decode[struct{ Items []engine.Unit }](t, s.user.do("GET", "/api/v1/commissions/"+cid+"/units", nil, 200))
	var codes []string
	for _, u := range units.Items {
		codes = append(codes, u.Code)
	}
	type cell struct{ unit, group string }
	raters := map[cell][]string{} // rater keys in the file's order
	answers := map[string]url.Values{}
	_, err := ingest.Codec{}.ReadResponses(bytes.NewReader(file), evaluation.FileOptions{FileName: name}, sv, codes, func(r evaluation.ResponseRow) error {
		k := r.Unit + "\x00" + r.Group + "\x00" + r.Rater
		if answers[k] == nil {
			answers[k] = url.Values{}
			c := cell{r.Unit, r.Group}
			raters[c] = append(raters[c], k)
		}
		answers[k].Set("i|"+r.Item, strconv.FormatFloat(r.Score, 'f', -1, 64))
		if r.Comment != "" && answers[k].Get("comment") == "" {
			answers[k].Set("comment", r.Comment)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cells := make([]cell, 0, len(raters))
	for c := range raters {
		cells = append(cells, c)
	}
	sort.Slice(cells, func(i, j int) bool { return cells[i].unit+cells[i].group < cells[j].unit+cells[j].group })
	board := "/commissions/" + cid + "/surveys/" + sv.ID + "/links"
	n := 0
	for _, c := range cells {
		keys := raters[c]
		// One link per rater key of the file: a rater of several units keeps one identity.
		var names []string
		for _, k := range keys {
			names = append(names, k[strings.LastIndexByte(k, 0)+1:])
		}
		page := owner.do("POST", board, url.Values{"unit": {c.unit}, "group": {c.group}, "raters": {strings.Join(names, "\n")}, "deadline": {"2099-12-31"}})
		var paths []string
		for _, m := range issuedLink.FindAllStringSubmatch(page.Body.String(), -1) {
			paths = append(paths, m[1])
		}
		if page.Code != 200 || len(paths) != len(keys) {
			t.Fatalf("%s/%s: issuing %d links: %d, %d shown", c.unit, c.group, len(keys), page.Code, len(paths))
		}
		for i, k := range keys {
			owner.answerLink(paths[i], answers[k])
			n++
		}
	}
	// The board now counts every rater of every cell.
	b := owner.do("GET", board, nil)
	if b.Code != 200 {
		t.Fatalf("the board: %d", b.Code)
	}
	return n
}

// TestExpertRoundThroughPages: the sub-district example's expert panel answered through the pages
// instead of imported. The sub-district commission is loaded twice into one installation, and in
// each its expert-panel AHP weight set (weights-ahp.json) is created beside the direct one. In the
// first copy the panel (ahp-panel.json) comes by file. In the second the owner opens a judgment
// round on the rounds page with the panel's five experts (name, organisation and key, one per
// line), each expert answers every pair of every matrix on the questionnaire page (/q/{link}) on
// the signed scale — the panel's Saaty values, reciprocals included, 王志刚's inconsistent root
// matrix kept as it is — and submits, and the owner closes the round on the round page. The two
// sets then derive the same weights, consistency ratios and exclusions (that root matrix above
// CR 0.10, excluded by the gate, in both), and the 2017 evaluation computed with each
// (run-ahp.json, after the 2016 run with the direct weights) gives the same numbers. The run of
// the second copy is published and its report verified.
func TestExpertRoundThroughPages(t *testing.T) {
	s := start(t)
	owner := s.signInPages(t)
	const key = "subdistricts"
	var panel evaluation.JudgmentPanel
	if err := json.Unmarshal(example(t, key+"/ahp-panel.json"), &panel); err != nil {
		t.Fatal(err)
	}

	cid, ws, datasets, surveys := s.load(key, "data.csv")
	ahp := s.weightSet(cid, key+"/weights-ahp.json", key+"/ahp-panel.json")
	cid2, ws2, datasets2, surveys2 := s.load(key, "data.csv")
	ahp2 := s.weightSet(cid2, key+"/weights-ahp.json", "")

	rounds := "/commissions/" + cid2 + "/weight-sets/" + ahp2 + "/rounds"
	var lines []string
	orgs := map[string]string{}
	for _, e := range panel.Experts {
		// The panel file gives the organisation in its own field (模拟专家 周文华, 高校公共管理学院).
		lines = append(lines, e.Name+","+e.Organisation+",,"+e.Key)
		orgs[e.Key] = e.Organisation
	}
	page := owner.do("POST", rounds, url.Values{"experts": {strings.Join(lines, "\n")}, "deadline": {"2099-12-31"}})
	var links []string
	for _, m := range issuedLink.FindAllStringSubmatch(page.Body.String(), -1) {
		links = append(links, m[1])
	}
	if page.Code != 200 || len(links) != len(panel.Experts) {
		t.Fatalf("opening the round: %d, %d links for %d experts", page.Code, len(links), len(panel.Experts))
	}
	pairs := 0
	for k, e := range panel.Experts {
		answers := url.Values{"submit": {"1"}}
		for _, j := range e.Judgments {
			for a := range j.Matrix {
				for b := a + 1; b < len(j.Matrix); b++ {
					answers.Set(fmt.Sprintf("a|%s|%d|%d", j.Node, a, b), strconv.Itoa(evaluation.SignedValue(j.Matrix[a][b])))
					pairs++
				}
			}
		}
		done := owner.answerLink(links[k], answers)
		if !strings.Contains(done.Body.String(), "答案已锁定") && !strings.Contains(done.Body.String(), "answers are locked") {
			t.Fatalf("%s: the questionnaire was not submitted", e.Key)
		}
	}
	t.Logf("%d experts answered %d pairs through /q/ links", len(panel.Experts), pairs)
	rs := decode[struct{ Items []evaluation.Round }](t, s.user.do("GET", "/api/v1/commissions/"+cid2+"/weight-sets/"+ahp2+"/rounds", nil, 200))
	if len(rs.Items) != 1 {
		t.Fatalf("%d rounds", len(rs.Items))
	}
	for _, e := range rs.Items[0].Experts {
		if e.Organisation == "" || e.Organisation != orgs[e.Key] {
			t.Errorf("expert %s: organisation %q, want %q", e.Key, e.Organisation, orgs[e.Key])
		}
	}
	progress := owner.do("GET", rounds+"/"+rs.Items[0].ID, nil)
	if !strings.Contains(progress.Body.String(), fmt.Sprintf("%d位专家中已有%d位提交", len(panel.Experts), len(panel.Experts))) {
		t.Fatal("the round page does not show every expert submitted")
	}
	if rec := owner.do("POST", rounds+"/"+rs.Items[0].ID+"/close", nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("closing: %d", rec.Code)
	}

	byFile := decode[evaluation.WeightSetDetail](t, s.user.do("GET", "/api/v1/commissions/"+cid+"/weight-sets/"+ahp, nil, 200))
	byPages := decode[evaluation.WeightSetDetail](t, s.user.do("GET", "/api/v1/commissions/"+cid2+"/weight-sets/"+ahp2, nil, 200))
	sameNumbers(t, "weights", byFile.Result, byPages.Result, 20)
	var excluded []string
	for _, e := range byPages.Result.Experts {
		if e.Excluded {
			excluded = append(excluded, fmt.Sprintf("%s/%s (CR %.3f)", e.Expert, e.Node, e.CR))
		}
	}
	t.Logf("excluded through the pages: %v", excluded)
	if !byPages.Result.Complete || len(excluded) != 1 || !strings.HasPrefix(excluded[0], "wang-zhigang/root ") {
		t.Errorf("the weight set answered through the pages: complete %v, excluded %v", byPages.Result.Complete, excluded)
	}

	// The 2017 evaluation with the panel's weights, the 2016 run (direct weights) its previous
	// period in both copies.
	s.run(cid, ws, datasets, surveys, key+"/run-2016.json")
	s.run(cid2, ws2, datasets2, surveys2, key+"/run-2016.json")
	_, a := s.run(cid, ahp, datasets, surveys, key+"/run-ahp.json")
	run2, b := s.run(cid2, ahp2, datasets2, surveys2, key+"/run-ahp.json")
	sameNumbers(t, "result", a, b, 100)
	_, env := s.publish(cid2, run2.ID)
	if code, out := s.verify(env); code != 0 || !strings.Contains(out, "PASS") {
		t.Fatalf("verify: exit %d\n%s", code, out)
	}
	// The verified manifest names each matrix's expert with their organisation.
	_, payload, err := reports.ParseEnvelope(env)
	if err != nil {
		t.Fatal(err)
	}
	bundle, err := reports.ParseBundle(payload)
	if err != nil {
		t.Fatal(err)
	}
	named := 0
	for _, j := range bundle.Manifest.Inputs.Weights.Judgments {
		if want, ok := orgs[j.Expert]; ok && j.Organisation == want && want != "" {
			named++
		} else {
			t.Errorf("the manifest's digest of %s/%s names organisation %q", j.Expert, j.Node, j.Organisation)
		}
	}
	if named != 25 {
		t.Errorf("the manifest names the organisation of %d matrices, want the panel's 25", named)
	}
}

// weightSet creates a weight set of an example (its file under examples/) in a loaded commission
// and, when panel names a file, imports that expert panel into it. It returns the set's id.
func (s *server) weightSet(cid, file, panel string) string {
	c := s.user
	base := "/api/v1/commissions/" + cid + "/weight-sets"
	set := decode[evaluation.WeightSetDetail](c.t, c.do("POST", base, json.RawMessage(example(c.t, file)), 201))
	if panel != "" {
		c.do("POST", base+"/"+set.WeightSet.ID+"/judgments/import", json.RawMessage(example(c.t, panel)), 200)
	}
	return set.WeightSet.ID
}

// sameNumbers compares two results number by number (every JSON number at the same path) and
// every string that is not an identifier, digest or time.
func sameNumbers(t *testing.T, what string, a, b any, least int) {
	t.Helper()
	flat := func(r any) map[string]any {
		raw, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatal(err)
		}
		out := map[string]any{}
		var walk func(path string, v any)
		walk = func(path string, v any) {
			switch x := v.(type) {
			case map[string]any:
				for k, e := range x {
					walk(path+"."+k, e)
				}
			case []any:
				for i, e := range x {
					walk(path+"["+strconv.Itoa(i)+"]", e)
				}
			default:
				out[path] = x
			}
		}
		walk("", v)
		return out
	}
	fa, fb := flat(a), flat(b)
	var paths []string
	for p := range fa {
		paths = append(paths, p)
	}
	for p := range fb {
		if _, ok := fa[p]; !ok {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	compared, differ := 0, 0
	for _, p := range paths {
		if volatile(p) {
			continue
		}
		x, y := fa[p], fb[p]
		compared++
		switch xv := x.(type) {
		case float64:
			yv, ok := y.(float64)
			if ok && (xv == yv || math.Abs(xv-yv) <= 1e-9*math.Max(1, math.Abs(xv))) {
				continue
			}
		default:
			if fmt.Sprint(x) == fmt.Sprint(y) {
				continue
			}
		}
		differ++
		if differ <= 20 {
			t.Errorf("%s%s: by file %v, through the pages %v", what, p, x, y)
		}
	}
	if differ > 20 {
		t.Errorf("… %d values differ in all", differ)
	}
	t.Logf("%s: %d values compared", what, compared)
	if compared < least {
		t.Fatalf("%s: only %d values compared", what, compared)
	}
}

// volatile names the parts of a result that differ between two loads of the same inputs by
// construction: identifiers of stored things, digests over them, file names and times.
var volatileKey = regexp.MustCompile(`(?i)\.(id|[a-z_]*_id|[a-z_]*_ids|digest|[a-z_]*_digest|sha256|[a-z_]*_at)(\[\d+\])?$`)

func volatile(path string) bool {
	i := strings.LastIndexByte(path, '.')
	if i < 0 {
		return false
	}
	return volatileKey.MatchString(path[i:])
}
