package ingest

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"evalbench/evaluation/engine"
)

func problems(ve *engine.ValidationError) string {
	if ve == nil {
		return "(none)"
	}
	var b strings.Builder
	for _, p := range ve.Problems {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func wantProblem(t *testing.T, ve *engine.ValidationError, row int, column, fragment string) {
	t.Helper()
	if ve == nil {
		t.Fatalf("no problems; want row %d column %q %q", row, column, fragment)
	}
	for _, p := range ve.Problems {
		if p.Row == row && p.Column == column && strings.Contains(p.Message, fragment) {
			return
		}
	}
	t.Fatalf("no problem at row %d column %q containing %q; got:\n%s", row, column, fragment, problems(ve))
}

func TestReadObservationsCSVSummaryAndSources(t *testing.T) {
	in := "indicator,unit,period,value,source_document,source_table,source_location,source_quote,note\n" +
		"gdp,JG,2016,555.79,十三五绩效管理规划,关键指标,第1行,\"2016年,全区实现地区生产总值555.79亿元\",\n" +
		" , , , , , , , , \n" +
		"gdp,SJQ,2017-H1,302.5,,,,, 上半年 \n"
	data := []byte(in)
	obs, sum, ve, err := readAll(t, data, Options{})
	if err != nil || ve != nil {
		t.Fatalf("err %v, problems:\n%s", err, problems(ve))
	}
	digest := sha256.Sum256(data)
	want := Summary{Format: FormatCSV, Encoding: EncodingUTF8, Rows: 2, Valid: 2, BlankRows: 1, Bytes: int64(len(data)), SHA256: hex.EncodeToString(digest[:])}
	if sum != want {
		t.Fatalf("summary %+v, want %+v", sum, want)
	}
	if len(obs) != 2 {
		t.Fatalf("%d observations", len(obs))
	}
	o := obs[0]
	if o.Row != 2 || o.Source.Document != "十三五绩效管理规划" || o.Source.Table != "关键指标" || o.Source.Location != "第1行" ||
		o.Source.Quote != "2016年,全区实现地区生产总值555.79亿元" || *o.Value != 555.79 {
		t.Errorf("first observation %+v", o)
	}
	if obs[1].Row != 4 || obs[1].Period != "2017-H1" || obs[1].Note != "上半年" {
		t.Errorf("second observation %+v", obs[1])
	}
}

func TestReadObservationsEveryProblemListed(t *testing.T) {
	in := "指标,被考评单位,年份,值\n" +
		"gdp,JG,2016,abc\n" +
		"nope,XX,2016年,1\n" +
		"gdp,JG,2016,555\n" +
		"service_share,KQ,2017,85%\n"
	var emitted []int
	sum, err := ReadObservations(strings.NewReader(in), Options{}, planSchema(), func(o engine.Observation) error {
		emitted = append(emitted, o.Row)
		return nil
	})
	var ve *engine.ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, engine.ErrInvalid) {
		t.Fatalf("err %v", err)
	}
	if ve.Total != 4 {
		t.Fatalf("%d problems, want 4:\n%s", ve.Total, problems(ve))
	}
	wantProblem(t, ve, 2, "值", "not a number")
	wantProblem(t, ve, 3, "指标", "unknown indicator")
	wantProblem(t, ve, 3, "被考评单位", "unknown evaluated unit")
	wantProblem(t, ve, 3, "年份", "is not a year")
	if fmt.Sprint(emitted) != "[4 5]" || sum.Rows != 4 || sum.Valid != 2 {
		t.Fatalf("emitted rows %v, summary %+v", emitted, sum)
	}
}

func TestReadObservationsHeaderProblems(t *testing.T) {
	cases := []struct {
		name, in    string
		row         int
		column, msg string
		total       int
	}{
		{"unknown column", "indicator,unit,period,value,weight\ngdp,JG,2016,1,3\n", 1, "weight", "unknown column", 1},
		{"duplicate column", "indicator,unit,period,value,数值\ngdp,JG,2016,1,2\n", 1, "数值", "a second value column (the first is value)", 1},
		{"missing columns", "indicator,period,note\ngdp,2016,x\n", 1, "", "missing required column(s): unit, value", 1},
		{"empty", "", 0, "", "no header row", 1},
		{"blank only", "\n , \n", 0, "", "no header row", 1},
		{"value under unnamed column", "indicator,unit,period,value,\ngdp,JG,2016,1,stray\n", 2, "", "a value in a column that has no header", 1},
		{"header case and width", "INDICATOR,Ｕｎｉｔ,Period,Value,Source Document\ngdp,JG,2016,1,x\ngdp,JG,2016,bad,\n", 3, "Value", "not a number", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, ve, err := readAll(t, []byte(c.in), Options{Format: FormatCSV})
			if err != nil {
				t.Fatal(err)
			}
			wantProblem(t, ve, c.row, c.column, c.msg)
			if ve.Total != c.total {
				t.Fatalf("%d problems, want %d:\n%s", ve.Total, c.total, problems(ve))
			}
		})
	}
}

func TestReadObservationsUnknownColumnStillChecksRows(t *testing.T) {
	in := "indicator,unit,period,value,weight\ngdp,JG,2016,abc,3\n"
	_, _, ve, _ := readAll(t, []byte(in), Options{})
	wantProblem(t, ve, 1, "weight", "unknown column")
	wantProblem(t, ve, 2, "value", "not a number")
}

// TestEncodingDetection covers the encodings and where the first non-ASCII byte falls.
func TestEncodingDetection(t *testing.T) {
	header := "indicator,unit,period,value,note\n"
	row := "gdp,JG,2016,555.79亿元,江干区统计局快报\n"
	asciiRow := "gdp,JG,2016,1,plain\n"
	lateChinese := header + strings.Repeat(asciiRow, 5000) + row // Chinese text starts after 100 KB
	cases := []struct {
		name     string
		data     []byte
		declared string
		enc      string
		rows     int
	}{
		{"utf-8", []byte(header + row), "", EncodingUTF8, 1},
		{"utf-8 BOM", []byte("\xEF\xBB\xBF" + header + row), "", EncodingUTF8BOM, 1},
		{"gbk detected", gbk(t, header+row), "", EncodingGB18030, 1},
		{"gbk declared", gbk(t, header+row), "GBK", EncodingGBK, 1},
		{"gb18030 declared", gbk(t, header+row), "gb18030", EncodingGB18030, 1},
		{"utf-8 declared with BOM", []byte("\xEF\xBB\xBF" + header + row), "utf-8", EncodingUTF8BOM, 1},
		{"ascii only", []byte(header + asciiRow), "", EncodingUTF8, 1},
		{"gbk late", gbk(t, lateChinese), "", EncodingGB18030, 5001},
		{"utf-8 late", []byte(lateChinese), "", EncodingUTF8, 5001},
		{"utf-16le", utf16LE(header + row), "", EncodingUTF16LE, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// One byte at a time, so that every buffer boundary falls inside a character somewhere.
			var obs []engine.Observation
			sum, err := ReadObservations(iotest.OneByteReader(bytes.NewReader(c.data)), Options{Encoding: c.declared}, planSchema(),
				func(o engine.Observation) error { obs = append(obs, o); return nil })
			if err != nil {
				t.Fatal(err)
			}
			if sum.Encoding != c.enc || sum.Rows != c.rows || len(obs) != c.rows {
				t.Fatalf("summary %+v, %d observations", sum, len(obs))
			}
			last := obs[len(obs)-1]
			if *last.Value != 555.79 || last.Note != "江干区统计局快报" {
				if c.name != "ascii only" {
					t.Fatalf("last observation %+v", last)
				}
			}
		})
	}
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		if r > 0xFFFF {
			panic("BMP only")
		}
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

func TestEncodingErrors(t *testing.T) {
	header := "indicator,unit,period,value,note\n"
	t.Run("invalid UTF-8 after UTF-8 text", func(t *testing.T) {
		data := append([]byte(header+"gdp,JG,2016,1,江干区\n"), gbk(t, "gdp,JG,2017,2,江干\n")...)
		_, _, ve, err := readAll(t, data, Options{})
		if err != nil {
			t.Fatal(err)
		}
		wantProblem(t, ve, 3, "note", "invalid UTF-8 (if the file is GBK, declare the encoding gb18030)")
	})
	t.Run("declared utf-8 on GBK bytes", func(t *testing.T) {
		_, _, ve, _ := readAll(t, gbk(t, header+"gdp,JG,2016,1,江干\n"), Options{Encoding: "utf-8"})
		wantProblem(t, ve, 2, "note", "invalid UTF-8")
	})
	t.Run("declared gbk on a BOM", func(t *testing.T) {
		_, _, ve, _ := readAll(t, []byte("\xEF\xBB\xBF"+header), Options{Encoding: "gbk"})
		wantProblem(t, ve, 0, "", "byte-order mark but encoding gbk was declared")
	})
	t.Run("unknown declared encoding", func(t *testing.T) {
		_, _, ve, _ := readAll(t, []byte(header), Options{Encoding: "big5"})
		wantProblem(t, ve, 0, "", `unknown encoding "big5"`)
	})
	t.Run("invalid GB18030", func(t *testing.T) {
		data := append(gbk(t, header+"gdp,JG,2016,1,江干\n"), []byte("gdp,JG,2017,2,\x81\x20\n")...)
		_, _, ve, _ := readAll(t, data, Options{})
		wantProblem(t, ve, 3, "note", "not valid gb18030")
	})
}

func TestTSV(t *testing.T) {
	in := "indicator\tunit\tperiod\tvalue\ngdp\tJG\t2016\t1,234.5\n"
	for _, opts := range []Options{{}, {FileName: "x.tsv"}, {Format: FormatTSV}} {
		obs, sum, ve, err := readAll(t, []byte(in), opts)
		if err != nil || ve != nil || sum.Format != FormatTSV || len(obs) != 1 || *obs[0].Value != 1234.5 {
			t.Fatalf("%+v: %v %s %+v %+v", opts, err, problems(ve), sum, obs)
		}
	}
}

func TestFormatDetection(t *testing.T) {
	xlsx := makeXLSX(t, map[string][][]xcell{"s": {strCells("indicator", "unit", "period", "value"), strCells("gdp", "JG", "2016", "5")}}, "s")
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)
	jsonDoc := []byte(`[{"indicator":"gdp","unit":"JG","period":"2016","value":5}]`)
	cases := []struct {
		name   string
		data   []byte
		opts   Options
		format Format
		msg    string
	}{
		{"sniff xlsx", xlsx, Options{}, FormatXLSX, ""},
		{"sniff json", jsonDoc, Options{}, FormatJSON, ""},
		{"sniff json with BOM and space", append([]byte("\xEF\xBB\xBF \n"), jsonDoc...), Options{}, FormatJSON, ""},
		{"extension xlsx", xlsx, Options{FileName: "数据.XLSX"}, FormatXLSX, ""},
		{"legacy xls by name", xlsx, Options{FileName: "data.xls"}, "", "save it as an Excel Workbook (.xlsx)"},
		{"legacy xls by content", ole, Options{}, "", "legacy Excel 97–2003 workbook"},
		{"legacy xls named xlsx", ole, Options{FileName: "data.xlsx"}, "", "legacy Excel 97–2003 workbook"},
		{"xlsx named csv", xlsx, Options{FileName: "data.csv"}, "", "named csv but it is an XLSX workbook"},
		{"csv declared xlsx", []byte("indicator,unit\n"), Options{Format: FormatXLSX}, "", "declared xlsx but it is not an XLSX workbook"},
		{"unknown format", []byte("x"), Options{Format: "ods"}, "", `unknown format "ods"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			obs, sum, ve, err := readAll(t, c.data, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if c.msg != "" {
				wantProblem(t, ve, 0, "", c.msg)
				return
			}
			if ve != nil || sum.Format != c.format || len(obs) != 1 || *obs[0].Value != 5 {
				t.Fatalf("%s %+v %+v", problems(ve), sum, obs)
			}
		})
	}
}

func TestXLSXSheetsAndRows(t *testing.T) {
	data := makeXLSX(t, map[string][][]xcell{
		"说明": {strCells("本表为2016年数据")},
		"数据": {
			nil,
			strCells("指标代码", "单位代码", "期间", "数值", "来源文件"),
			strCells("gdp", "JG", "2016", "555.79", "规划"),
			nil,
			{{Kind: "s", Text: "gdp"}, {Kind: "s", Text: "KQ"}, {Kind: "n", Num: 2017}, {Kind: "f", Num: 600.126, Format: "0.0"}},
			strCells("gdp", "KQ", "2018", "oops"),
			{{}, {}, {}, {}, {}, {}, {Kind: "s", Text: "stray"}},
		},
	}, "说明", "数据")
	t.Run("named sheet", func(t *testing.T) {
		obs, sum, ve, err := readAll(t, data, Options{Sheet: "数据"})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Sheet != "数据" || sum.Rows != 4 || sum.Valid != 2 || sum.BlankRows != 1 || sum.Format != FormatXLSX {
			t.Fatalf("summary %+v", sum)
		}
		if len(obs) != 2 || obs[0].Row != 3 || obs[1].Row != 5 || *obs[1].Value != 600.126 || obs[0].Source.Document != "规划" {
			t.Fatalf("observations %+v", obs)
		}
		wantProblem(t, ve, 6, "D (数值)", "not a number")
		wantProblem(t, ve, 7, "G", "a value in a column that has no header")
		if ve.Total != 2 {
			t.Fatalf("problems:\n%s", problems(ve))
		}
	})
	t.Run("first sheet", func(t *testing.T) {
		_, sum, ve, _ := readAll(t, data, Options{})
		if sum.Sheet != "说明" {
			t.Fatalf("sheet %q", sum.Sheet)
		}
		wantProblem(t, ve, 1, "A (本表为2016年数据)", "unknown column")
	})
	t.Run("missing sheet", func(t *testing.T) {
		_, _, ve, _ := readAll(t, data, Options{Sheet: "Sheet1"})
		wantProblem(t, ve, 0, "", `the workbook has no sheet "Sheet1"; its sheets are: "说明", "数据"`)
	})
	t.Run("corrupt zip", func(t *testing.T) {
		_, _, ve, _ := readAll(t, data[:len(data)/2], Options{})
		wantProblem(t, ve, 0, "", "not a readable XLSX workbook")
	})
}

func TestJSONObservations(t *testing.T) {
	doc := `{"observations": [
	  {"indicator": "gdp", "unit": "JG", "period": "2016", "value": 555.79, "source": {"document": "规划", "location": "第1行"}},
	  {"indicator": "gdp", "unit": "JG", "period": 2017, "value": "１，２３４．５亿元", "note": "快报"},
	  {"indicator": "air_quality", "unit": "KQ", "period": "2016", "value": null, "label": "完成"},
	  {"indicator": "gdp", "unit": "KQ", "period": "2016", "value": null},
	  {"指标代码": "gdp", "单位代码": "SJQ", "期间": "2016", "数值": "—", "row": 99}
	]}`
	obs, sum, ve, err := readAll(t, []byte(doc), Options{})
	if err != nil || ve != nil {
		t.Fatalf("%v %s", err, problems(ve))
	}
	if sum.Format != FormatJSON || sum.Rows != 5 || len(obs) != 5 {
		t.Fatalf("%+v %d", sum, len(obs))
	}
	if *obs[0].Value != 555.79 || obs[0].Source.Document != "规划" || obs[0].Source.Location != "第1行" || obs[0].Row != 1 {
		t.Errorf("%+v", obs[0])
	}
	if *obs[1].Value != 1234.5 || obs[1].Period != "2017" || obs[1].Note != "快报" {
		t.Errorf("%+v", obs[1])
	}
	if obs[2].Label != "完成" || obs[2].Value != nil || obs[3].Value != nil || obs[4].Value != nil || obs[4].Row != 5 {
		t.Errorf("%+v %+v %+v", obs[2], obs[3], obs[4])
	}

	bad := []struct {
		name, doc string
		row       int
		column    string
		msg       string
	}{
		{"not an array", `{"rows": []}`, 0, "rows", "unknown key"},
		{"scalar", `42`, 0, "", "array of observation objects"},
		{"element not object", `[1]`, 1, "", "must be a JSON object"},
		{"unknown key", `[{"indicator":"gdp","unit":"JG","period":"2016","value":1,"weight":2}]`, 1, "weight", "unknown key"},
		{"bool value", `[{"indicator":"gdp","unit":"JG","period":"2016","value":true}]`, 1, "value", "true/false is not a value"},
		{"object value", `[{"indicator":"gdp","unit":"JG","period":"2016","value":{"x":1}}]`, 1, "value", "not an object or an array"},
		{"duplicate key", `[{"indicator":"gdp","unit":"JG","period":"2016","value":1,"value":2}]`, 1, "value", "given twice"},
		{"value and label", `[{"indicator":"air_quality","unit":"JG","period":"2016","value":1,"label":"完成"}]`, 1, "label", "not both"},
		{"source key", `[{"indicator":"gdp","unit":"JG","period":"2016","value":1,"source":{"page":3}}]`, 1, "source.page", "unknown key"},
		{"bad number", `[{"indicator":"gdp","unit":"JG","period":"2016","value":"1,23,4"}]`, 1, "value", "malformed thousands"},
		{"huge number", `[{"indicator":"gdp","unit":"JG","period":"2016","value":1e999}]`, 1, "value", "outside the range"},
		{"syntax", `[{"indicator":"gdp",}]`, 1, "", "JSON syntax error"},
		{"truncated", `[{"indicator":"gdp"`, 1, "", "ends too early"},
		{"trailing data", `[] []`, 0, "", "unexpected data after"},
		{"not utf-8", "[{\"indicator\":\"gdp\",\"unit\":\"JG\",\"period\":\"2016\",\"value\":1,\"note\":\"\xd6\xd0\"}]", 1, "", "not valid UTF-8 at byte 66"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			_, _, ve, err := readAll(t, []byte(c.doc), Options{Format: FormatJSON})
			if err != nil {
				t.Fatal(err)
			}
			wantProblem(t, ve, c.row, c.column, c.msg)
		})
	}
}

type failingReader struct{ n int }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errors.New("disk on fire")
	}
	k := min(len(p), f.n)
	for i := range k {
		p[i] = "indicator,unit,period,value\n"[i%28]
	}
	f.n -= k
	return k, nil
}

func TestReadAndEmitErrors(t *testing.T) {
	t.Run("reader error is not a validation error", func(t *testing.T) {
		_, err := ReadObservations(&failingReader{n: 28}, Options{}, planSchema(), nil)
		var ve *engine.ValidationError
		if err == nil || errors.As(err, &ve) || !strings.Contains(err.Error(), "disk on fire") {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("emit error stops the reading", func(t *testing.T) {
		in := "indicator,unit,period,value\ngdp,JG,2016,1\ngdp,JG,2017,2\ngdp,JG,2018,3\n"
		stop := errors.New("copy failed")
		n := 0
		_, err := ReadObservations(strings.NewReader(in), Options{}, planSchema(), func(engine.Observation) error {
			n++
			if n == 2 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || n != 2 || !strings.Contains(err.Error(), "row 3") {
			t.Fatalf("err %v after %d rows", err, n)
		}
	})
	t.Run("digest covers the whole file even when reading stops early", func(t *testing.T) {
		in := []byte("indicator,period\n" + strings.Repeat("gdp,2016\n", 20000))
		sum, err := ReadObservations(bytes.NewReader(in), Options{}, planSchema(), nil)
		d := sha256.Sum256(in)
		if err == nil || sum.SHA256 != hex.EncodeToString(d[:]) || sum.Bytes != int64(len(in)) {
			t.Fatalf("%v %+v", err, sum)
		}
	})
}

func TestProblemListIsCappedButCounted(t *testing.T) {
	var b strings.Builder
	b.WriteString("indicator,unit,period,value\n")
	n := engine.MaxListedProblems + 500
	for range n {
		b.WriteString("gdp,JG,2016,x\n")
	}
	_, _, ve, _ := readAll(t, []byte(b.String()), Options{})
	if ve.Total != n || len(ve.Problems) != engine.MaxListedProblems || !ve.Truncated {
		t.Fatalf("total %d listed %d truncated %v", ve.Total, len(ve.Problems), ve.Truncated)
	}
}

func TestLongValuesAreClippedInProblems(t *testing.T) {
	long := strings.Repeat("甲", 10000)
	_, _, ve, _ := readAll(t, []byte("indicator,unit,period,value\ngdp,JG,2016,"+long+"\n"), Options{})
	if len(ve.Problems[0].Value) > 210 || !strings.HasSuffix(ve.Problems[0].Value, "…") {
		t.Fatalf("value of %d bytes", len(ve.Problems[0].Value))
	}
}

func TestObservationWritersRoundTrip(t *testing.T) {
	obs := []engine.Observation{
		{Indicator: "gdp", Unit: "JG", Period: "2016", Value: fp(555.79), Source: engine.Source{Document: "规划, 第二版", Table: "表1", Location: "第3页", Quote: "全区实现地区生产总值555.79亿元\n（快报）"}, Note: `含"估计"`},
		{Indicator: "gdp", Unit: "KQ", Period: "2017-H1", Value: nil},
		{Indicator: "air_quality", Unit: "SJQ", Period: "2017-09", Label: "基本完成"},
		{Indicator: "power_intensity", Unit: "JG", Period: "2016-Q3", Value: fp(-3.25)},
		{Indicator: "gdp", Unit: "JG", Period: "2018", Value: fp(1e21)},
		{Indicator: "gdp", Unit: "JG", Period: "2019", Value: fp(1.2345678901234567e-7)},
		{Indicator: "service_share", Unit: "JG", Period: "2019", Value: fp(0.1 + 0.2)},
	}
	for _, format := range []Format{FormatCSV, FormatTSV, FormatJSON, FormatXLSX} {
		t.Run(string(format), func(t *testing.T) {
			var buf bytes.Buffer
			w, err := NewObservationWriter(&buf, format)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range obs {
				if err := w.Write(o); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			back, sum, ve, err := readAll(t, buf.Bytes(), Options{})
			if err != nil || ve != nil {
				t.Fatalf("%v %s", err, problems(ve))
			}
			if sum.Format != format {
				t.Fatalf("format %s", sum.Format)
			}
			assertSameObservations(t, obs, back)
		})
	}
}

func assertSameObservations(t testing.TB, want, got []engine.Observation) {
	t.Helper()
	if len(want) != len(got) {
		t.Fatalf("%d observations, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		w.Row, g.Row = 0, 0
		if (w.Value == nil) != (g.Value == nil) || (w.Value != nil && *w.Value != *g.Value) {
			t.Fatalf("observation %d: value %v, want %v", i, deref(g.Value), deref(w.Value))
		}
		w.Value, g.Value = nil, nil
		if w != g {
			t.Fatalf("observation %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

func TestWriteObservationsCSVStartsWithBOM(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteObservationsCSV(&buf, []engine.Observation{{Indicator: "gdp", Unit: "JG", Period: "2016", Value: fp(1)}}); err != nil {
		t.Fatal(err)
	}
	want := "\xEF\xBB\xBFindicator,unit,period,value,source_document,source_table,source_location,source_quote,note\ngdp,JG,2016,1,,,,,\n"
	if buf.String() != want {
		t.Fatalf("%q", buf.String())
	}
}

func TestGenerateObservationsCSV(t *testing.T) {
	var a, b bytes.Buffer
	inds, units, periods := []string{"gdp", "service_share"}, planUnits, []string{"2016", "2017-H1"}
	if err := GenerateObservationsCSV(&a, inds, units, periods, 1000, 7); err != nil {
		t.Fatal(err)
	}
	GenerateObservationsCSV(&b, inds, units, periods, 1000, 7)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("not deterministic")
	}
	obs, sum, ve, err := readAll(t, a.Bytes(), Options{})
	if err != nil || ve != nil || sum.Rows != 1000 || len(obs) != 1000 {
		t.Fatalf("%v %s %+v", err, problems(ve), sum)
	}
	missing := 0
	for _, o := range obs {
		if o.Value == nil {
			missing++
		}
	}
	if missing == 0 || missing > 60 {
		t.Fatalf("%d missing values", missing)
	}
	if err := GenerateObservationsCSV(io.Discard, nil, units, periods, 1, 1); err == nil {
		t.Fatal("no error without indicators")
	}
}

// TestXLSXLeavesNoTemporaryFiles reads a good workbook, one whose worksheet claims 32 MB but is
// damaged (excelize extracts it to a temporary file, then fails without removing it), and one
// beyond the unzip limit; nothing may remain in TempDir.
func TestXLSXLeavesNoTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	good := makeXLSX(t, map[string][][]xcell{"s": {strCells("indicator", "unit", "period", "value"), strCells("gdp", "JG", "2016", "5")}}, "s")
	parts := zipParts(t, good)
	var damaged bytes.Buffer
	zw := zip.NewWriter(&damaged)
	for name, body := range parts {
		if name == "xl/worksheets/sheet1.xml" {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: 1, CompressedSize64: 64, UncompressedSize64: 32 << 20})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(bytes.Repeat([]byte{0xA5}, 64))
			continue
		}
		w, _ := zw.Create(name)
		w.Write(body)
	}
	zw.Close()
	for _, c := range []struct {
		name string
		data []byte
		opts Options
		msg  string
	}{
		{"good", good, Options{TempDir: dir}, ""},
		{"damaged", damaged.Bytes(), Options{TempDir: dir}, "not a readable XLSX workbook"},
		{"over the unzip limit", good, Options{TempDir: dir, Limits: Limits{Unzipped: 1000}}, LimitUnzipped},
	} {
		obs, _, ve, err := readAll(t, c.data, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		if c.msg == "" {
			if ve != nil || len(obs) != 1 {
				t.Fatalf("%s: %s", c.name, problems(ve))
			}
		} else {
			wantProblem(t, ve, 0, "", c.msg)
		}
		left, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(left) != 0 {
			t.Fatalf("%s: %d files left in TempDir, e.g. %s", c.name, len(left), left[0].Name())
		}
	}
}
