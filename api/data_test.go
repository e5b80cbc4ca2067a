package api_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

func (fx *fixture) uploadMultipart(path, token, name string, content []byte, headers ...string) *httptest.ResponseRecorder {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	part, err := mw.CreateFormFile("file", name)
	must(fx.t, err)
	part.Write(content)
	must(fx.t, mw.Close())
	return fx.do("POST", path, token, buf.Bytes(), append([]string{"Content-Type", mw.FormDataContentType()}, headers...)...)
}

func TestDatasetImportAllOrNothingEveryErrorListed(t *testing.T) {
	fx := newFixture(t, noLimits())
	tok := fx.tokens[evaluation.RoleEvaluator]
	path := "/api/v1/commissions/" + fx.cidA + "/datasets"
	bad := "指标代码,单位代码,期间,数值,备注\n" +
		"gdp,caihe,2017,３０２．５亿元,上半年\n" + // full-width digits with the indicator's unit: fine
		"gdp,caihe,2018,30万元,\n" + // another unit
		"pm25,caihe,2017,#DIV/0!,\n" + // Excel error
		"pm25,nowhere,2017,40,\n" + // unknown unit
		"gdp,caihe,2017,303,\n" + // duplicate of row 2
		"gdp,caihe,2019,—,\n" // missing: fine
	rec := fx.uploadMultipart(path, tok, "bad.csv", []byte(bad))
	expect(t, rec, 422)
	p := decode[api.Problem](t, rec)
	type pos struct {
		row int
		col string
	}
	got := map[pos]string{}
	for _, e := range p.Errors {
		got[pos{e.Row, e.Column}] = e.Message
	}
	for _, want := range []pos{{3, "数值"}, {4, "数值"}, {5, "单位代码"}, {6, "indicator"}} {
		if _, ok := got[want]; !ok {
			t.Errorf("no problem at row %d column %s; problems: %+v", want.row, want.col, p.Errors)
		}
	}
	if p.Total != 4 {
		t.Errorf("total problems %d, want 4: %+v", p.Total, p.Errors)
	}
	// Nothing stored: the fixture's dataset is the only one, and no observation was added.
	var datasets, observations int
	must(t, fx.db.SQL().Get(&datasets, `SELECT count(*) FROM datasets WHERE commission_id = $1`, fx.cidA))
	must(t, fx.db.SQL().Get(&observations, `SELECT count(*) FROM observations o JOIN datasets d ON d.id = o.dataset_id WHERE d.commission_id = $1`, fx.cidA))
	if datasets != 1 || observations != 2 {
		t.Fatalf("after a rejected import: %d datasets, %d observations; want 1 and 2", datasets, observations)
	}
}

func TestDatasetImportGBKIdempotentDryRunFreezeCompareExport(t *testing.T) {
	fx := newFixture(t, noLimits())
	tok := fx.tokens[evaluation.RoleEvaluator]
	path := "/api/v1/commissions/" + fx.cidA + "/datasets"
	csv := "指标代码,单位代码,期间,数值,来源文件,来源位置,原文\n" +
		"gdp,caihe,2016,\"555.79\",江干区“十三五”绩效管理规划,line 585,全区实现地区生产总值555.79亿元\n" +
		"gdp,caihe,2017-H1,302.5,江干区“十三五”绩效管理规划,line 585,全区实现地区生产总值302.5亿元\n" +
		"pm25,caihe,2016,N/A,,,\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(csv))
	must(t, err)

	// Dry run: the report, nothing stored.
	rec := fx.uploadMultipart(path+"?dry_run=true", tok, "江干.csv", gbk)
	expect(t, rec, 200)
	dry := decode[evaluation.ImportResult](t, rec)
	if !dry.DryRun || dry.Dataset.ID != "" || dry.Dataset.Rows != 3 || dry.File.Encoding != "gb18030" {
		t.Fatalf("dry run: %+v file %+v", dry.Dataset, dry.File)
	}
	list := decode[api.List[evaluation.Dataset]](t, fx.do("GET", path, tok, nil))
	if len(list.Items) != 1 {
		t.Fatalf("dry run stored a dataset: %d", len(list.Items))
	}

	rec = fx.uploadMultipart(path, tok, "江干.csv", gbk)
	expect(t, rec, 201)
	res := decode[evaluation.ImportResult](t, rec)
	d := res.Dataset
	if d.Number != 2 || d.Rows != 3 || d.FileName != "江干.csv" || d.Encoding != "gb18030" || d.Importer != "evaluator" || len(d.SHA256) != 64 {
		t.Fatalf("dataset %+v", d)
	}
	// The same bytes again: the existing version, 200.
	rec = fx.uploadMultipart(path, tok, "again.csv", gbk)
	expect(t, rec, 200)
	if again := decode[evaluation.ImportResult](t, rec); !again.Existing || again.Dataset.ID != d.ID {
		t.Fatalf("re-upload: %+v", again)
	}
	obs := decode[api.List[engine.Observation]](t, fx.do("GET", path+"/"+d.ID+"/observations", tok, nil))
	if len(obs.Items) != 3 || *obs.Items[0].Value != 555.79 || obs.Items[0].Source.Quote != "全区实现地区生产总值555.79亿元" ||
		obs.Items[1].Period != "2017-H1" || obs.Items[2].Value != nil || obs.Items[0].Row != 2 {
		t.Fatalf("observations %+v", obs.Items)
	}

	// Compare with the fixture's first dataset (gdp 2016 555.79, pm25 2016 49).
	first := decode[api.List[evaluation.Dataset]](t, fx.do("GET", path, tok, nil)).Items[1]
	cmp := decode[evaluation.DatasetComparison](t, fx.do("GET", path+"/compare?from="+first.ID+"&to="+d.ID, tok, nil))
	if cmp.Same != 1 || cmp.Added != 1 || cmp.Changed != 1 || cmp.Removed != 0 {
		t.Fatalf("comparison %+v", cmp)
	}
	if c := cmp.Changes[1]; c.Indicator != "pm25" || c.Change != "changed" || *c.From != 49 || c.To != nil {
		t.Fatalf("pm25 change %+v", c)
	}

	// Export → import round trip in every format (as a dry run: the same rows validate).
	for _, format := range []string{"csv", "xlsx", "json"} {
		rec := fx.do("GET", path+"/"+d.ID+"/export?format="+format, tok, nil)
		expect(t, rec, 200)
		rec = fx.uploadMultipart(path+"?dry_run=true", tok, "export."+format, rec.Body.Bytes())
		expect(t, rec, 200)
		if r := decode[evaluation.ImportResult](t, rec); r.Dataset.Rows != 3 {
			t.Fatalf("%s round trip: %+v", format, r)
		}
	}

	// Freeze; the database refuses to change a dataset's rows or unfreeze it.
	expect(t, fx.do("POST", path+"/"+d.ID+"/freeze", tok, nil), 200)
	got := decode[evaluation.Dataset](t, fx.do("GET", path+"/"+d.ID, tok, nil))
	if !got.Frozen {
		t.Fatal("not frozen")
	}
	for _, stmt := range []string{
		`UPDATE observations SET value = 1 WHERE dataset_id = '` + d.ID + `'`,
		`DELETE FROM observations WHERE dataset_id = '` + d.ID + `'`,
		`UPDATE datasets SET frozen = false WHERE id = '` + d.ID + `'`,
		`UPDATE datasets SET row_count = 99 WHERE id = '` + d.ID + `'`,
		`DELETE FROM datasets WHERE id = '` + d.ID + `'`,
	} {
		if _, err := fx.db.SQL().Exec(stmt); err == nil {
			t.Errorf("the database accepted %s", stmt)
		}
	}
}

func TestFrameworkVersioningAndLocking(t *testing.T) {
	fx := newFixture(t, noLimits())
	tok := fx.tokens[evaluation.RoleEvaluator]
	base := "/api/v1/commissions/" + fx.cidA + "/frameworks/"
	fid := fx.objects[fx.cidA]["fid"]
	rec := fx.do("GET", base+fid, tok, nil)
	expect(t, rec, 200)
	f := decode[engine.Framework](t, rec)
	tag := rec.Header().Get("ETag")
	f.Title = "修订"
	expect(t, fx.do("PUT", base+fid, tok, f), 428)
	rec = fx.do("PUT", base+fid, tok, f, "If-Match", tag)
	expect(t, rec, 200)
	if g := decode[engine.Framework](t, rec); g.Version != 2 || g.Number != 1 || g.Title != "修订" {
		t.Fatalf("updated framework %+v", g)
	}
	expect(t, fx.do("PUT", base+fid, tok, f, "If-Match", tag), 412)

	// Invalid content lists every problem by field.
	bad := f
	bad.Dimensions = bad.Dimensions[:3]
	rec = fx.do("PUT", base+fid, tok, bad, "If-Match", `"2"`)
	expect(t, rec, 422)

	// A framework used by a run is locked: an edit makes framework 2 based on it.
	err := fx.db.Transact(context.Background(), func(tx evaluation.Tx) error { return tx.LockFramework(context.Background(), fid) })
	must(t, err)
	f.Title = "再次修订"
	rec = fx.do("PUT", base+fid, tok, f, "If-Match", `"2"`)
	expect(t, rec, 201)
	g := decode[engine.Framework](t, rec)
	// Framework 2 is the fixture run's own.
	if g.Number != 3 || g.BasedOn != fid || g.ID == fid || g.Locked {
		t.Fatalf("new version %+v", g)
	}
	if _, err := fx.db.SQL().Exec(`UPDATE frameworks SET content = '{}' WHERE id = $1`, fid); err == nil {
		t.Fatal("the database changed a locked framework")
	}
	// Export → import round trip in every format gives an identical framework (same digest).
	for _, format := range []string{"json", "csv", "xlsx"} {
		rec := fx.do("GET", base+g.ID+"/export?format="+format, tok, nil)
		expect(t, rec, 200)
		rec = fx.uploadMultipart(base+"import", tok, "framework."+format, rec.Body.Bytes())
		expect(t, rec, 201)
		if h := decode[engine.Framework](t, rec); h.Digest != g.Digest {
			t.Errorf("%s round trip: digest %s, want %s", format, h.Digest, g.Digest)
		}
	}
	l := decode[api.List[evaluation.FrameworkSummary]](t, fx.do("GET", strings.TrimSuffix(base, "/"), tok, nil))
	if len(l.Items) != 6 || l.Items[0].Number != 6 || l.Items[0].Indicators != 2 {
		t.Fatalf("framework list %+v", l.Items)
	}
}

// An upload is read while the import holds the commission's lock: one that stops arriving is cut
// after the idle limit with 400, nothing is stored, and the lock is released (the next upload
// goes through).
func TestDatasetUploadThatStallsStoresNothing(t *testing.T) {
	defer api.SetUploadIdle(300 * time.Millisecond)()
	fx := newFixture(t, noLimits())
	tok := fx.tokens[evaluation.RoleEvaluator]
	ts := httptest.NewServer(fx.srv.Handler())
	defer ts.Close()
	path := "/api/v1/commissions/" + fx.cidA + "/datasets?filename=stalled.csv"
	head := "指标代码,单位代码,期间,数值\n" + "gdp,caihe,2017,302.5\n"
	conn, err := net.Dial("tcp", strings.TrimPrefix(ts.URL, "http://"))
	must(t, err)
	defer conn.Close()
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: text/csv\r\nContent-Length: %d\r\n\r\n%s",
		path, tok, len(head)+1000, head) // 1,000 bytes promised and never sent
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	must(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), `"detail_id":"problem.detail.upload_stalled"`) {
		t.Fatalf("stalled upload: %s: %s", resp.Status, body)
	}
	var datasets int
	must(t, fx.db.SQL().Get(&datasets, `SELECT count(*) FROM datasets WHERE commission_id = $1`, fx.cidA))
	if datasets != 1 {
		t.Fatalf("after a stalled upload: %d datasets, want the fixture's 1", datasets)
	}
	// The commission is not left locked: the whole file goes through.
	req, _ := http.NewRequest(http.MethodPost, ts.URL+path, strings.NewReader(head))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "text/csv")
	resp, err = http.DefaultClient.Do(req)
	must(t, err)
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload after the stalled one: %s: %s", resp.Status, body)
	}
}
