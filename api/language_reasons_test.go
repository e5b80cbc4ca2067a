package api_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/ingest/ingesttest"
	"evalbench/messages"
)

// The reasons quoted inside a catalogued problem — why a cell's text, a file, a body or a matrix
// is refused — read in the request's language too: each real bad upload or request below answers
// the same problem in Chinese by default and in English with Accept-Language: en, with the same
// message id, and neither text quotes a library's or a package's English.
func TestReasonsInTheRequestLanguage(t *testing.T) {
	fx := newFixture(t, noLimits())
	datasets := "/api/v1/commissions/" + fx.cidA + "/datasets"
	ev := fx.tokens[evaluation.RoleEvaluator]
	en := []string{"Accept-Language", "en"}

	// firstError is the only problem of a 422 answer, in the language asked for.
	firstError := func(t *testing.T, rec *httptest.ResponseRecorder, lang messages.Language) (msg, id string) {
		t.Helper()
		p := problemIn(t, rec, 422, "validation", lang)
		if len(p.Errors) != 1 {
			t.Fatalf("%d problems, want 1: %+v", len(p.Errors), p.Errors)
		}
		if p.Errors[0].MessageID == "" {
			t.Errorf("no message id: %+v", p.Errors[0])
		}
		return p.Errors[0].Message, p.Errors[0].MessageID
	}
	// both sends the request twice (Chinese, then English) and compares the problem's texts.
	both := func(t *testing.T, send func(headers ...string) *httptest.ResponseRecorder, zh, en string) {
		t.Helper()
		z, zid := firstError(t, send(), messages.Chinese)
		e, eid := firstError(t, send("Accept-Language", "en"), messages.English)
		if z != zh {
			t.Errorf("Chinese:\n got %q\nwant %q", z, zh)
		}
		if e != en {
			t.Errorf("English:\n got %q\nwant %q", e, en)
		}
		if zid != eid {
			t.Errorf("message ids differ: %s, %s", zid, eid)
		}
	}
	upload := func(name string, content []byte) func(...string) *httptest.ResponseRecorder {
		return func(headers ...string) *httptest.ResponseRecorder {
			return fx.uploadMultipart(datasets+"?dry_run=true", ev, name, content, headers...)
		}
	}
	const header = "指标代码,单位代码,期间,数值\n"

	t.Run("NUL byte in a cell", func(t *testing.T) {
		both(t, upload("nul.csv", []byte(header+"pm25,caihe,2017,4\x000\n")),
			"该单元格含有 NUL 字节（U+0000）；文本不能包含 NUL",
			"the cell contains a NUL byte (U+0000); text may not hold NUL")
	})

	t.Run("broken CSV quote", func(t *testing.T) {
		both(t, upload("quote.csv", []byte(header+"pm25,ca\"ihe,2017,40\n")),
			`未加引号的字段中出现引号"：请为整个字段加引号，并将字段内的引号写成两个（"a ""b"" c"）`,
			`a quote " inside an unquoted field; quote the whole field and double the inner quotes ("a ""b"" c")`)
	})

	t.Run("JSON upload with a syntax error", func(t *testing.T) {
		both(t, upload("bad.json", []byte(`{"observations": [{"indicator": "pm25" "unit": "caihe"}]}`)),
			"JSON语法错误（第1行第40个字符）：键值对之后应为逗号或“}”，却是'\"'",
			"JSON syntax error at line 1, character 40: '\"' after a key: value pair, where a comma or } should be")
	})

	t.Run("truncated JSON upload", func(t *testing.T) {
		both(t, upload("cut.json", []byte(`{"observations": [{"indicator": "pm25", "unit": "cai`)),
			"JSON文件不完整（提前结束）", "the JSON file ends too early")
	})

	t.Run("a .xlsx that is not a workbook", func(t *testing.T) {
		both(t, upload("data.xlsx", []byte(header+"pm25,caihe,2017,40\n")),
			"文件扩展名为xlsx，但不是XLSX工作簿（文件开头缺少ZIP标识PK）",
			"the file is named xlsx but it is not an XLSX workbook (it does not start with the ZIP signature PK)")
	})

	t.Run("a damaged workbook", func(t *testing.T) {
		// A ZIP archive whose one part is compressed data cut short.
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		w, err := zw.Create("xl/workbook.xml")
		must(t, err)
		_, err = w.Write(bytes.Repeat([]byte("<workbook/>"), 1000))
		must(t, err)
		must(t, zw.Close())
		raw := b.Bytes()
		// Overwrite the middle of the compressed data: the deflate stream no longer decodes.
		for i := 60; i < 80; i++ {
			raw[i] ^= 0xff
		}
		both(t, upload("damaged.xlsx", raw),
			"文件不是可读取的XLSX工作簿：部件xl/workbook.xml的压缩数据已损坏或不完整",
			"the file is not a readable XLSX workbook: the compressed data of part xl/workbook.xml is damaged or cut short")
	})

	t.Run("workbook over a limit", func(t *testing.T) {
		bomb := ingesttest.Bomb{Kind: ingesttest.DeepXML, N: 1000}.XLSX()
		both(t, upload("deep.xlsx", bomb),
			"工作簿超出限制xlsx_xml_depth = 256（xl/worksheets/sheet1.xml：元素嵌套层数超过此数），请拆分文件或请管理员提高限制",
			"the workbook exceeds the limit xlsx_xml_depth = 256: xl/worksheets/sheet1.xml nests elements deeper than that; split the file or ask the operator to raise the limit")
	})

	t.Run("inconsistent statistics input", func(t *testing.T) {
		path := "/api/v1/commissions/" + fx.cidA + "/weight-sets/" + fx.objects[fx.cidA]["wid"] + "/judgments"
		body := map[string]any{"node": "effectiveness", "matrix": [][]float64{{1, 3}, {3, 1}}}
		both(t, func(headers ...string) *httptest.ResponseRecorder {
			return fx.do("POST", path, fx.tokens[evaluation.RoleExpert], body, headers...)
		},
			"判断矩阵无法补全：第2行第1列：判断矩阵不满足互反性：对称位置两个判断值之积为9，应为1",
			"row 2, column 1: the pairwise matrix is not reciprocal: the two mirrored judgments multiply to 9, not 1")
	})

	// Bodies the API cannot read at all answer 400 with the reason in the detail.
	detail := func(t *testing.T, rec *httptest.ResponseRecorder, lang messages.Language) string {
		t.Helper()
		if rec.Code != 400 {
			t.Fatalf("status %d, want 400: %s", rec.Code, rec.Body.String())
		}
		var p api.Problem
		must(t, json.Unmarshal(rec.Body.Bytes(), &p))
		if got := rec.Header().Get("Content-Language"); got != string(lang) {
			t.Errorf("Content-Language %q, want %q", got, lang)
		}
		return p.Detail
	}
	t.Run("JSON body with a syntax error", func(t *testing.T) {
		body := "{\n  \"title\": \"x\",\n  \"client\" \"江干区\"\n}"
		zh := detail(t, fx.do("POST", "/api/v1/commissions", ev, body), messages.Chinese)
		e := detail(t, fx.do("POST", "/api/v1/commissions", ev, body, en...), messages.English)
		if zh != "JSON格式错误（第3行第12个字符）：键名之后应为冒号，却是'\"'" ||
			e != "malformed JSON at line 3, character 12: '\"' after an object key, where a colon should be" {
			t.Errorf("syntax error:\n%s\n%s", zh, e)
		}
	})
	t.Run("truncated JSON body", func(t *testing.T) {
		body := `{"title": "x", "client": "江干`
		zh := detail(t, fx.do("POST", "/api/v1/commissions", ev, body), messages.Chinese)
		e := detail(t, fx.do("POST", "/api/v1/commissions", ev, body, en...), messages.English)
		if zh != "JSON格式错误：JSON内容不完整（提前结束）" || e != "malformed JSON: the JSON ends too early" {
			t.Errorf("truncated body:\n%s\n%s", zh, e)
		}
	})
	t.Run("a public key that does not parse", func(t *testing.T) {
		send := func(headers ...string) *httptest.ResponseRecorder {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			must(t, mw.WriteField("envelope", "{}"))
			must(t, mw.WriteField("key", "ed25519:abcd"))
			must(t, mw.Close())
			req := httptest.NewRequest("POST", "/api/v1/verify", &body)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			for i := 0; i+1 < len(headers); i += 2 {
				req.Header.Set(headers[i], headers[i+1])
			}
			return fx.serveFrom(req, "192.0.2.9:1")
		}
		both(t, send, "公钥无法识别：应为32字节的十六进制或base64编码", "expected 32 bytes in hex or base64")
	})
	t.Run("multipart body without a boundary", func(t *testing.T) {
		send := func(headers ...string) *httptest.ResponseRecorder {
			req := httptest.NewRequest("POST", datasets, strings.NewReader("--x\r\n"))
			req.Header.Set("Content-Type", "multipart/form-data")
			req.Header.Set("Authorization", "Bearer "+ev)
			for i := 0; i+1 < len(headers); i += 2 {
				req.Header.Set(headers[i], headers[i+1])
			}
			rec := httptest.NewRecorder()
			fx.serve(rec, req)
			return rec
		}
		zh := detail(t, send(), messages.Chinese)
		e := detail(t, send(en...), messages.English)
		if zh != "multipart表单格式错误：Content-Type缺少boundary参数" || e != "malformed multipart form: the Content-Type has no boundary parameter" {
			t.Errorf("multipart:\n%s\n%s", zh, e)
		}
	})
}
