package ingest

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"evalbench/evaluation/engine"
)

// fuzzIndicators are the fixture's indicators in a fixed order, so that a fuzz input can pick one.
var fuzzIndicators = []string{"gdp", "service_share", "local_revenue", "pm25", "fdi", "air_quality", "income", "power_intensity", "doctors"}

// toFullWidth maps printable ASCII to its full-width form (space to U+3000).
func toFullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ':
			return '\u3000'
		case r > ' ' && r < 0x7F:
			return r - 0x21 + 0xFF01
		}
		return r
	}, s)
}

// FuzzParseValue: the number parser never panics, gives exactly one outcome, accepts only finite
// numbers, reads back what it would write, and does not care about surrounding white space or
// full-width forms.
func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"555.79", "１２３．５", "1,234,567.5", "1,23,4", "85%", "[2000]", "【16】", "555.79亿元", "5万元",
		"—", "N/A", "无", "#DIV/0!", "NaN", "1e400", "1e-400", "+8", "-3.2", "完成", "约550", "50以下", " 7 ", "0x10", ".5", "5.", "-0"} {
		for k := range 3 {
			f.Add(s, uint8(k*3))
		}
	}
	schema := planSchema()
	f.Fuzz(func(t *testing.T, s string, pick uint8) {
		code := fuzzIndicators[int(pick)%len(fuzzIndicators)]
		in := schema.Indicators[code]
		v, err := ParseValue(s, in)
		if err != nil {
			var ve *ValueError
			if !errors.As(err, &ve) || ve.Reason == "" || !errors.Is(err, engine.ErrInvalid) {
				t.Fatalf("%q: error %v", s, err)
			}
		} else {
			outcomes := 0
			if v.Missing {
				outcomes++
			}
			if v.Label != "" {
				outcomes++
				found := false
				for _, l := range in.Rubric {
					found = found || l.Label == v.Label
				}
				if !found {
					t.Fatalf("%q: label %q is not in the rubric", s, v.Label)
				}
			}
			if !v.Missing && v.Label == "" {
				outcomes++
				if math.IsNaN(v.Number) || math.IsInf(v.Number, 0) {
					t.Fatalf("%q: non-finite %v", s, v.Number)
				}
				back, err := ParseValue(formatNumber(v.Number), in)
				if err != nil || back.Number != v.Number {
					t.Fatalf("%q: %v formatted as %q reads back as %v, %v", s, v.Number, formatNumber(v.Number), back.Number, err)
				}
			}
			if outcomes != 1 || (v.Missing && v.Number != 0) {
				t.Fatalf("%q: %+v", s, v)
			}
		}
		same := func(variant string) {
			v2, err2 := ParseValue(variant, in)
			if (err == nil) != (err2 == nil) || v2 != v {
				t.Fatalf("%q gives %+v %v but %q gives %+v %v", s, v, err, variant, v2, err2)
			}
		}
		same(" \u3000" + s + "\t\u00a0")
		if isPrintableASCII(s) {
			same(toFullWidth(s))
		}
	})
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] >= 0x7F {
			return false
		}
	}
	return true
}

// checkRead runs ReadObservations over data and checks the properties every input must keep: no
// panic, no error but a ValidationError, an exact digest, consistent counts, increasing rows; and
// that the valid rows, written by the exporter and read back, are the same observations.
func checkRead(t *testing.T, data []byte, opts Options) []engine.Observation {
	var obs []engine.Observation
	sum, err := ReadObservations(bytes.NewReader(data), opts, planSchema(), func(o engine.Observation) error {
		obs = append(obs, o)
		return nil
	})
	var ve *engine.ValidationError
	if err != nil && !errors.As(err, &ve) {
		t.Fatalf("a non-validation error: %v", err)
	}
	d := sha256.Sum256(data)
	if sum.SHA256 != hex.EncodeToString(d[:]) || sum.Bytes != int64(len(data)) {
		t.Fatalf("digest %s over %d bytes", sum.SHA256, sum.Bytes)
	}
	if sum.Valid != len(obs) || sum.Valid > sum.Rows {
		t.Fatalf("summary %+v with %d observations", sum, len(obs))
	}
	if ve != nil {
		if ve.Total < len(ve.Problems) || len(ve.Problems) == 0 {
			t.Fatalf("problem counts %d/%d", len(ve.Problems), ve.Total)
		}
		for _, p := range ve.Problems {
			if p.Row < 0 || p.Message == "" || !utf8.ValidString(p.Message) || !utf8.ValidString(p.Value) || !utf8.ValidString(p.Column) || len(p.Value) > 210 {
				t.Fatalf("bad problem %+v", p)
			}
		}
	}
	for i, o := range obs {
		if i > 0 && o.Row <= obs[i-1].Row {
			t.Fatalf("rows not increasing: %d after %d", o.Row, obs[i-1].Row)
		}
		if schemaInd := planSchema().Indicators[o.Indicator]; schemaInd == nil || o.Period == "" {
			t.Fatalf("emitted an invalid observation %+v", o)
		}
	}
	if len(obs) > 0 {
		var buf bytes.Buffer
		if err := WriteObservationsCSV(&buf, obs); err != nil {
			t.Fatal(err)
		}
		var back []engine.Observation
		_, err := ReadObservations(bytes.NewReader(buf.Bytes()), Options{}, planSchema(), func(o engine.Observation) error {
			back = append(back, o)
			return nil
		})
		if err != nil {
			t.Fatalf("the exported file does not read back: %v\n%q", err, buf.Bytes())
		}
		assertSameObservations(t, obs, back)
	}
	return obs
}

// FuzzCSV fuzzes whole CSV files (the first byte picks the declared encoding).
func FuzzCSV(f *testing.F) {
	seeds := []string{
		"indicator,unit,period,value\ngdp,JG,2016,555.79\n",
		"指标代码,单位代码,期间,数值,备注\ngdp,JG,2016,１，２３４．５亿元,\"多行\n备注\"\nair_quality,KQ,2017-09,完成,\n",
		"\xEF\xBB\xBFindicator,unit,period,value,source_quote\nfdi,SJQ,2016-H1,[16],\"原文 \"\"引号\"\"\"\n",
		"indicator\tunit\tperiod\tvalue\ngdp\tJG\t2016\t—\n",
		"indicator,unit,period,value\ngdp,JG,2016\ngdp,JG,2016,1,2\n\n\ngdp,JG,2016,\"1\n",
		"indicator,unit,period,value,note\nservice_share,JG,2016,85%,\"a\r\nb\"\r\n",
	}
	for i, s := range seeds {
		f.Add([]byte(s), uint8(0))
		if i == 1 {
			g, _ := simplifiedChineseGBK(s)
			f.Add(g, uint8(0))
			f.Add(g, uint8(2))
		}
	}
	encodings := []string{"", "utf-8", "gbk", "gb18030"}
	f.Fuzz(func(t *testing.T, data []byte, enc uint8) {
		checkRead(t, data, Options{Format: FormatCSV, Encoding: encodings[int(enc)%len(encodings)]})
	})
}

// xmlSafe reports whether s survives a trip through an XLSX cell unchanged: valid UTF-8, no
// control characters but tab and line feed, no XML non-characters, at most 32,767 characters.
func xmlSafe(s string) bool {
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > 32767 {
		return false
	}
	for _, r := range s {
		if (r < ' ' && r != '\t' && r != '\n') || r == 0xFFFE || r == 0xFFFF {
			return false
		}
	}
	return true
}

// FuzzXLSX fuzzes the cells of a generated workbook: the indicator, period and value cells
// (value as a string cell, or num as a numeric cell). The XLSX reader must agree with the CSV
// reader on the same text, read numeric cells exactly, and read its own export back.
func FuzzXLSX(f *testing.F) {
	f.Add("gdp", "2016", "555.79亿元", 0.0, false)
	f.Add("gdp", "2016", "", 555.789, true)
	f.Add("service_share", "2017-09", "８５％", 0.0, false)
	f.Add("air_quality", "2016", "完成", 0.0, false)
	f.Add("fdi", "2016-H1", "［２０００］", 0.0, false)
	f.Add("gdp", "2016", "#DIV/0!", 0.0, false)
	f.Add("doctors", "16", "", 1.0, true)
	f.Add("ｇｄｐ", "２０１６", "1,23,4", 0.0, false)
	f.Add("gdp", "2016", "", math.Inf(1), true)
	f.Add("gdp", "2016", "", 1.2345678901234567e-7, true)
	f.Fuzz(func(t *testing.T, indicator, period, value string, num float64, numeric bool) {
		if !xmlSafe(indicator) || !xmlSafe(period) || !xmlSafe(value) || strings.ContainsRune(indicator+period+value, '\r') {
			return // outside what a cell can hold
		}
		x := excelize.NewFile()
		defer x.Close()
		set := func(cell string, v any) {
			var err error
			switch v := v.(type) {
			case string:
				err = x.SetCellStr("Sheet1", cell, v)
			case float64:
				err = x.SetCellValue("Sheet1", cell, xlsxNumber(v))
			}
			if err != nil {
				t.Fatalf("%s: %v", cell, err)
			}
		}
		for i, h := range []string{"indicator", "unit", "period", "value"} {
			set(string(rune('A'+i))+"1", h)
		}
		set("A2", indicator)
		set("B2", "JG")
		set("C2", period)
		valueText := value
		if numeric {
			if math.IsNaN(num) || math.IsInf(num, 0) {
				return
			}
			set("D2", num)
			valueText = formatNumber(num)
		} else if value != "" {
			set("D2", value)
		}
		var buf bytes.Buffer
		if err := x.Write(&buf); err != nil {
			t.Fatal(err)
		}
		got := checkRead(t, buf.Bytes(), Options{})

		// The same cells as CSV text.
		csvText := fmt.Sprintf("indicator,unit,period,value\n%s,JG,%s,%s\n", csvQuote(indicator), csvQuote(period), csvQuote(valueText))
		want := checkRead(t, []byte(csvText), Options{Format: FormatCSV, Encoding: "utf-8"})
		if len(got) != len(want) {
			t.Fatalf("xlsx read %d rows, csv %d (indicator %q period %q value %q)", len(got), len(want), indicator, period, valueText)
		}
		assertSameObservations(t, want, got)
		if numeric && len(got) == 1 && got[0].Label == "" && planSchema().Indicators[got[0].Indicator].ValueKind != engine.ValuePercent {
			if got[0].Value == nil || *got[0].Value != num && !(num == 0 && *got[0].Value == 0) {
				t.Fatalf("numeric cell %v read as %v", num, deref(got[0].Value))
			}
		}
		// The exporter's workbook reads back to the same observations.
		if len(got) > 0 {
			var out bytes.Buffer
			w, err := NewObservationWriter(&out, FormatXLSX)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range got {
				if err := w.Write(o); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			assertSameObservations(t, got, checkRead(t, out.Bytes(), Options{}))
		}
	})
}

func csvQuote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// FuzzXLSXSheetXML fuzzes the raw XML of a workbook's worksheet and shared-string table (the
// parts an uploaded file controls), stored in an otherwise valid workbook: the reader reads the
// rows or rejects the file with problems, and never panics or fails otherwise.
func FuzzXLSXSheetXML(f *testing.F) {
	parts := zipParts(f, fuzzWorkbook(f))
	f.Add(parts["xl/worksheets/sheet1.xml"], parts["xl/sharedStrings.xml"])
	f.Add([]byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+
		`<row r="1"><c r="A1" t="inlineStr"><is><t>indicator</t></is></c><c r="B1" t="inlineStr"><is><t>unit</t></is></c>`+
		`<c r="C1" t="inlineStr"><is><t>period</t></is></c><c r="D1" t="inlineStr"><is><t>value</t></is></c></row>`+
		`<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="str"><v>JG</v></c><c r="C3"><v>2016</v></c><c r="D3" t="e"><v>#N/A</v></c></row>`+
		`<row r="2"><c r="D2" t="b"><v>1</v></c><c r="XFD2" t="s"><v>99</v></c></row></sheetData></worksheet>`),
		[]byte(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>gdp</t></si></sst>`))
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		parts := zipParts(t, fuzzWorkbook(t))
		parts["xl/worksheets/sheet1.xml"] = sheet
		parts["xl/sharedStrings.xml"] = sst
		checkRead(t, zipOf(t, parts), Options{Format: FormatXLSX})
	})
}

var (
	fuzzWorkbookOnce  sync.Once
	fuzzWorkbookBytes []byte
)

func zipParts(t testing.TB, data []byte) map[string][]byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[zf.Name] = b
	}
	return parts
}

// zipOf stores the parts uncompressed, in name order.
func zipOf(t testing.TB, parts map[string][]byte) []byte {
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(parts[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func fuzzWorkbook(t testing.TB) []byte {
	fuzzWorkbookOnce.Do(func() { fuzzWorkbookBytes = makeFuzzWorkbook(t) })
	return fuzzWorkbookBytes
}

func makeFuzzWorkbook(t testing.TB) []byte {
	return makeXLSX(t, map[string][][]xcell{"数据": {
		strCells("指标代码", "单位代码", "期间", "数值"),
		{{Kind: "s", Text: "gdp"}, {Kind: "s", Text: "JG"}, {Kind: "n", Num: 2016}, {Kind: "f", Num: 555.789, Format: "0.0"}},
		{{Kind: "s", Text: "service_share"}, {Kind: "s", Text: "KQ"}, {Kind: "s", Text: "2017-09"}, {Kind: "f", Num: 0.85, Format: "0%"}},
		{{Kind: "s", Text: "gdp"}, {Kind: "s", Text: "KQ"}, {Kind: "s", Text: "2017"}, {Kind: "e", Text: "#DIV/0!"}},
	}}, "数据")
}

// chooser draws decisions from fuzz bytes; when the bytes run out it draws zeros.
type chooser struct{ b []byte }

func (c *chooser) byte() byte {
	if len(c.b) == 0 {
		return 0
	}
	x := c.b[0]
	c.b = c.b[1:]
	return x
}

func (c *chooser) intn(n int) int { return int(c.byte()) % n }
func (c *chooser) bool() bool     { return c.byte()&1 == 1 }

// float draws a finite number: often a short decimal, sometimes any finite double.
func (c *chooser) float() float64 {
	switch c.intn(4) {
	case 0:
		var raw [8]byte
		for i := range raw {
			raw[i] = c.byte()
		}
		x := math.Float64frombits(binary.LittleEndian.Uint64(raw[:]))
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 1
		}
		return x
	case 1:
		return -float64(c.intn(256)) / 4
	default:
		return float64(int(c.byte())<<8|int(c.byte())) / 100
	}
}

// text draws a string of up to 12 bytes from the input, made canonical: valid UTF-8, no
// control characters or XML non-characters, trimmed. nonEmpty replaces an empty result.
func (c *chooser) text(nonEmpty string) string {
	n := c.intn(13)
	var raw []byte
	for range n {
		raw = append(raw, c.byte())
	}
	s := strings.Map(func(r rune) rune {
		// Control characters other than tab and line feed are refused on import
		// (engine.TextProblem), so a framework holds none.
		if (r < ' ' && r != '\t' && r != '\n') || (r >= 0x7f && r <= 0x9f) || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError {
			return -1
		}
		return r
	}, strings.ToValidUTF8(string(raw), ""))
	s = trimText(s)
	if s == "" {
		return nonEmpty
	}
	return s
}

// genFramework builds a valid, canonical framework from fuzz bytes.
func genFramework(b []byte) *engine.Framework {
	c := &chooser{b: b}
	start := 1990 + c.intn(100)
	f := &engine.Framework{Title: c.text(""), PlanStart: start, PlanEnd: start + c.intn(6)}
	var parents []*engine.Node
	for _, d := range engine.Dimensions {
		names := engine.DimensionNames[d]
		n := &engine.Node{Code: string(d), Kind: engine.KindDimension, Name: names[0], NameEN: names[1]}
		if c.intn(4) == 0 {
			n.Name, n.NameEN = c.text("维度"), c.text("")
		}
		f.Dimensions = append(f.Dimensions, n)
		parents = append(parents, n)
	}
	valueKinds := []engine.ValueKind{engine.ValueQuantity, engine.ValuePercent, engine.ValueCount, engine.ValueCurrency}
	polarities := []engine.Polarity{engine.PolarityHigher, engine.PolarityLower, engine.PolarityTarget, engine.PolarityRange}
	targetKinds := []engine.TargetKind{engine.TargetLevel, engine.TargetGrowthRate, engine.TargetCumulative, engine.TargetUpperBound, engine.TargetLowerBound, engine.TargetQualitative}
	nodes := 1 + c.intn(8)
	for i := range nodes {
		parent := parents[c.intn(len(parents))]
		code := fmt.Sprintf("n%d", i)
		if c.bool() {
			code += []string{"_a", ".b", "-c", "X"}[c.intn(4)]
		}
		n := &engine.Node{Code: code, Name: c.text("名称"), NameEN: c.text("")}
		parent.Children = append(parent.Children, n)
		if c.intn(3) == 0 {
			n.Kind = engine.KindGroup
			parents = append(parents, n)
			continue
		}
		n.Kind = engine.KindIndicator
		in := &engine.Indicator{
			Unit: c.text("个"), ValueKind: valueKinds[c.intn(4)], Polarity: polarities[c.intn(4)], TargetKind: targetKinds[c.intn(6)],
			Key: c.bool(), Category: c.text(""), TargetText: c.text(""), Source: c.text(""), Responsible: c.text(""), Notes: c.text(""),
		}
		if in.ValueKind == engine.ValueCurrency {
			in.CurrencyScale = math.Abs(c.float()) + 1
		}
		if c.bool() || in.Polarity == engine.PolarityTarget {
			x := c.float()
			in.FinalTarget = &x
		}
		if c.bool() || in.Polarity == engine.PolarityRange {
			lo, hi := c.float(), c.float()
			if lo > hi {
				lo, hi = hi, lo
			}
			in.RangeLow, in.RangeHigh = &lo, &hi
		}
		if in.TargetKind == engine.TargetQualitative || c.intn(4) == 0 {
			labels := map[string]bool{}
			for range 1 + c.intn(3) {
				l := c.text(fmt.Sprintf("L%d", len(labels)))
				if labels[l] {
					continue
				}
				labels[l] = true
				in.Rubric = append(in.Rubric, engine.RubricLevel{Label: l, Score: float64(c.intn(101)) / float64(1+c.intn(4))})
			}
		}
		if c.bool() {
			in.Baseline = &engine.Baseline{Year: start - 1 - c.intn(3), Value: c.float()}
		}
		for y := f.PlanStart; y <= f.PlanEnd; y++ {
			if c.intn(3) == 0 {
				continue
			}
			t := engine.AnnualTarget{Year: y, Basis: engine.BasisLevel}
			if c.bool() {
				t.Basis = engine.BasisGrowth
			}
			switch c.intn(3) {
			case 0:
				x := c.float()
				t.Value = &x
			case 1:
				t.Text = c.text("完成")
			default:
				x := c.float()
				t.Value, t.Text = &x, c.text("约")
			}
			in.AnnualTargets = append(in.AnnualTargets, t)
		}
		for range c.intn(3) {
			in.CaliberNotes = append(in.CaliberNotes, engine.CaliberNote{Year: start - 1, Original: c.float(), Restated: c.float(), Reason: c.text("口径调整")})
		}
		n.Indicator = in
	}
	f.Normalize()
	return f
}

// FuzzFrameworkRoundTrip: any valid canonical framework, exported as JSON, CSV, TSV or XLSX,
// reads back identical; and whatever the CSV importer accepts, it accepts again after export.
func FuzzFrameworkRoundTrip(f *testing.F) {
	f.Add([]byte{}, []byte("kind,parent,code,name,target_2016\nindicator,economy,a,A,1\n"))
	f.Add([]byte{9}, []byte(`{"title":" t ","plan_start":2016,"plan_end":2017,"dimensions":[null]}`))
	f.Add([]byte("江干区“十三五”绩效管理规划 | level: 50以下;完成=100"), []byte("kind,parent,code,name,unit,value_kind,polarity,target_kind,target_2016\nindicator,economy,a,A,亿元,quantity,higher,level,+8% | 同比\n"))
	f.Add(bytes.Repeat([]byte{1, 2, 3, 250, 7, 0xe4, 0xb8, 0xad, '|', ' ', ';', '='}, 40), []byte{})
	f.Fuzz(func(t *testing.T, gen []byte, csvFile []byte) {
		want := genFramework(gen)
		if err := want.Validate(); err != nil {
			t.Fatalf("generator made an invalid framework: %v\n%s", err, jsonOf(want))
		}
		for _, format := range []Format{FormatJSON, FormatCSV, FormatTSV, FormatXLSX} {
			data := exportFramework(t, want, format)
			got, ve := importFramework(t, data, Options{Format: format})
			if ve != nil {
				t.Fatalf("%s: problems:\n%s\nfile:\n%s", format, problems(ve), data)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s round trip differs:\n got %s\nwant %s\nfile:\n%s", format, jsonOf(got), jsonOf(want), data)
			}
		}
		// Arbitrary bytes as a JSON framework: accepted or rejected with problems, never a panic;
		// if accepted, its export reads back equal.
		if fromJSON, ve := importFramework(t, csvFile, Options{Format: FormatJSON}); ve == nil {
			again, ve := importFramework(t, exportFramework(t, fromJSON, FormatJSON), Options{})
			if ve != nil || !reflect.DeepEqual(fromJSON, again) {
				t.Fatalf("JSON re-import differs: %s\n got %s\nwant %s", problems(ve), jsonOf(again), jsonOf(fromJSON))
			}
		}
		// An arbitrary CSV framework: if accepted, its export is accepted and equal.
		first, ve := importFramework(t, csvFile, Options{Format: FormatCSV})
		if ve != nil {
			return
		}
		again, ve := importFramework(t, exportFramework(t, first, FormatCSV), Options{})
		if ve != nil || !reflect.DeepEqual(first, again) {
			t.Fatalf("re-import differs: %s\n got %s\nwant %s", problems(ve), jsonOf(again), jsonOf(first))
		}
	})
}
