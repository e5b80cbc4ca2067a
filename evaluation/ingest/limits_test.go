package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest/ingesttest"
	"evalbench/messages"
	"evalbench/messages/messagestest"
)

// heapBudget is how much the heap may grow while a bomb is refused: a few buffers and the
// decompressor's window, nothing proportional to what the bomb expands to.
const heapBudget = 64 << 20

// TestXLSXBombsAreRefusedWithFlatMemory feeds each kind of bomb (small compressed, gigabytes
// expanded) through every reader of uploads and checks that it is refused with a problem naming
// the limit while the heap stays flat. Without checkWorkbook excelize expands the shared string
// into memory (gigabytes), walks millions of rows (minutes) and keeps a stack entry per open
// element.
func TestXLSXBombsAreRefusedWithFlatMemory(t *testing.T) {
	survey := survey360()
	readers := map[string]func(data []byte, opts Options) error{
		"observations": func(data []byte, opts Options) error {
			_, err := ReadObservations(bytes.NewReader(data), opts, planSchema(), func(engine.Observation) error { return nil })
			return err
		},
		"framework": func(data []byte, opts Options) error {
			_, _, err := ReadFramework(bytes.NewReader(data), opts)
			return err
		},
		"responses": func(data []byte, opts Options) error {
			_, err := ReadResponses(bytes.NewReader(data), opts, survey, planUnits, func(evaluation.ResponseRow) error { return nil })
			return err
		},
	}
	for _, c := range []struct {
		bomb  ingesttest.Bomb
		limit string
	}{
		{ingesttest.Bomb{Kind: ingesttest.HugeString, N: 1 << 30}, LimitPartBytes},
		// A header that lies about the size: the string's length is caught while streaming.
		{ingesttest.Bomb{Kind: ingesttest.HugeString, N: 1 << 30, Declared: 1 << 20}, LimitStringChars},
		// Go's archive/zip stops at a part's declared size: such a workbook is damaged.
		{ingesttest.Bomb{Kind: ingesttest.HugeString, N: 1 << 30, Declared: 1000}, "not a readable XLSX workbook"},
		{ingesttest.Bomb{Kind: ingesttest.ManyRows, N: 10_000_000}, LimitRows},
		{ingesttest.Bomb{Kind: ingesttest.ManyCols, N: 10_000_000}, LimitColumns},
		{ingesttest.Bomb{Kind: ingesttest.WideRows, N: 1_000_000}, LimitCells},
		{ingesttest.Bomb{Kind: ingesttest.DeepXML, N: 10_000_000}, LimitXMLDepth},
		// archive/zip would allocate a File for each entry before any check.
		{ingesttest.Bomb{Kind: ingesttest.ManyParts, N: 1_000_000}, LimitParts},
		// encoding/xml holds a whole tag and a whole comment in memory.
		{ingesttest.Bomb{Kind: ingesttest.HugeTag, N: 500 << 20}, LimitTagBytes},
		{ingesttest.Bomb{Kind: ingesttest.HugeNote, N: 500 << 20}, LimitStringChars},
	} {
		data := c.bomb.XLSX()
		for _, name := range []string{"observations", "framework", "responses"} {
			t.Run(string(c.bomb.Kind)+"/"+c.limit+"/"+name, func(t *testing.T) {
				var err error
				h := ingesttest.MeasureHeap(func() { err = readers[name](data, Options{FileName: "bomb.xlsx", TempDir: t.TempDir()}) })
				t.Logf("%d bytes compressed: %s", len(data), h)
				ve, ok := err.(*engine.ValidationError)
				if !ok || len(ve.Problems) == 0 || !strings.Contains(ve.Problems[0].Message, c.limit) {
					t.Errorf("got %v; want a problem naming %s", err, c.limit)
				}
				if h.Peak > heapBudget || h.Alloc > heapBudget {
					t.Errorf("%s; want both under %d MiB", h, heapBudget>>20)
				}
			})
		}
	}
}

// TestXLSXLimitsAreConfigurable checks each limit with a small workbook and a limit just below
// and at what it holds.
func TestXLSXLimitsAreConfigurable(t *testing.T) {
	for _, c := range []struct {
		bomb  ingesttest.Bomb
		lim   Limits
		limit string
	}{
		{ingesttest.Bomb{Kind: ingesttest.HugeString, N: 100}, Limits{StringChars: 99}, LimitStringChars},
		{ingesttest.Bomb{Kind: ingesttest.HugeString, N: 100}, Limits{PartBytes: 200}, LimitPartBytes},
		{ingesttest.Bomb{Kind: ingesttest.ManyRows, N: 10}, Limits{Rows: 10}, LimitRows},
		{ingesttest.Bomb{Kind: ingesttest.ManyCols, N: 10}, Limits{Columns: 9}, LimitColumns},
		{ingesttest.Bomb{Kind: ingesttest.WideRows, N: 2}, Limits{Cells: 1 << 15}, LimitCells},
		{ingesttest.Bomb{Kind: ingesttest.DeepXML, N: 10}, Limits{XMLDepth: 11}, LimitXMLDepth},
		{ingesttest.Bomb{Kind: ingesttest.ManyRows, N: 10}, Limits{Parts: 4}, LimitParts},
		{ingesttest.Bomb{Kind: ingesttest.ManyParts, N: 10}, Limits{Parts: 14}, LimitParts},
		{ingesttest.Bomb{Kind: ingesttest.HugeTag, N: 100}, Limits{TagBytes: 100}, LimitTagBytes},
		{ingesttest.Bomb{Kind: ingesttest.HugeNote, N: 100}, Limits{StringChars: 100}, LimitStringChars},
		{ingesttest.Bomb{Kind: ingesttest.ManyRows, N: 10}, Limits{Unzipped: 1000}, LimitUnzipped},
		{ingesttest.Bomb{Kind: ingesttest.ManyRows, N: 10}, Limits{SheetBytes: 300}, LimitSheetBytes},
	} {
		data := c.bomb.XLSX()
		_, _, ve, err := readAll(t, data, Options{FileName: "x.xlsx", Limits: c.lim})
		if err != nil {
			t.Fatal(err)
		}
		if ve == nil || !strings.Contains(ve.Problems[0].Message, c.limit) {
			t.Errorf("%s with %+v: got %s; want a problem naming %s", c.bomb.Kind, c.lim, problems(ve), c.limit)
		} else {
			// What exceeded the limit is catalogued: the Chinese names it in Chinese.
			p := ve.Problems[0]
			m := messages.Message{ID: messages.ID(p.MessageID), Args: p.Args}
			messagestest.Valid(t, m)
			if zh := messages.For(messages.Chinese).Render(m); !strings.Contains(zh, "超") || strings.Contains(zh, " than") || strings.Contains(zh, "holds") {
				t.Errorf("%s: the Chinese problem is %q", c.bomb.Kind, zh)
			}
		}
		// Within the limits the same workbook is read (its rows may have problems of their own).
		_, _, ve, err = readAll(t, data, Options{FileName: "x.xlsx"})
		if err != nil {
			t.Fatal(err)
		}
		if ve != nil && strings.Contains(problems(ve), "exceeds the limit") {
			t.Errorf("%s within the default limits: %s", c.bomb.Kind, problems(ve))
		}
	}
}

// TestXMLScannerFollowsMarkup checks that comments, CDATA, processing instructions, quoted '>'
// and entities do not fool the counts.
func TestXMLScannerFollowsMarkup(t *testing.T) {
	lim := DefaultLimits()
	lim.StringChars, lim.Rows, lim.XMLDepth, lim.TagBytes = 5, 2, 4, 30
	for _, c := range []struct {
		xml, limit string
		kind       partKind
	}{
		{`<?xml version="1.0"?><a><![CDATA[<row><row><row>]]></a>`, LimitStringChars, partSheet},
		{`<a><![CDATA[abc]]></a>`, "", partSheet},
		{`<a x="&gt;>>>&lt;"><t>&amp;&amp;&amp;&amp;&amp;</t></a>`, "", partOther},
		{`<a><t>&amp;&amp;&amp;&amp;&amp;&amp;</t></a>`, LimitStringChars, partOther},
		{`<a><row r="3"/></a>`, LimitRows, partSheet},
		{`<a><x:row/><x:row/><row/></a>`, LimitRows, partSheet},
		{`<a><row r="1"/><row r="1"/><row r="1"/></a>`, LimitRows, partSheet},
		{`<a><row r="1"/><row r="2"/></a>`, "", partSheet},
		{`<a><b><c><d><e/></d></c></b></a>`, LimitXMLDepth, partOther},
		{`<a><b><c><d/></c></b></a>`, "", partOther},
		{`<sst><si><r><t>abc</t></r><r><t>def</t></r></si></sst>`, LimitStringChars, partSharedStrings},
		{`<a b="123456"/>`, LimitStringChars, partOther},
		{`<a>中文中文中</a>`, "", partOther},
		{`<a><!-- 12345 --></a>`, LimitStringChars, partOther},
		{`<?pi 123456?><a/>`, LimitStringChars, partOther},
		{`<aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/>`, LimitTagBytes, partOther},
		{`<a bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb=""/>`, LimitTagBytes, partOther},
		{`<a></aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa>`, LimitTagBytes, partOther},
		{`<a b="1" c="2"></a>`, "", partOther},
	} {
		s := xmlScanner{br: bufioReader(c.xml), lim: &lim, part: "p", kind: c.kind}
		err := s.scan()
		switch {
		case c.limit == "" && err != nil:
			t.Errorf("%s: %v", c.xml, err)
		case c.limit != "" && (err == nil || !strings.Contains(err.Error(), c.limit)):
			t.Errorf("%s: got %v; want %s", c.xml, err, c.limit)
		}
	}
	// Tags inside a comment are not tags.
	wide := lim
	wide.StringChars = 100
	s := xmlScanner{br: bufioReader(`<a><!-- <row><row><row> --><b/></a>`), lim: &wide, part: "p", kind: partSheet}
	if err := s.scan(); err != nil {
		t.Errorf("rows in a comment: %v", err)
	}
	// Cells repeating one reference are still cells a reader walks.
	narrow := lim
	narrow.Columns, narrow.StringChars = 2, 100
	s = xmlScanner{br: bufioReader(`<a><row><c r="A1"/><c r="A1"/><c r="A1"/></row></a>`), lim: &narrow, part: "p", kind: partSheet}
	if err := s.scan(); err == nil || !strings.Contains(err.Error(), LimitColumns) {
		t.Errorf("repeated cell references: %v", err)
	}
	for _, bad := range []string{`<!DOCTYPE a [<!ENTITY x "y">]><a/>`, "<\x00a\x00>", `<a`} {
		s := xmlScanner{br: bufioReader(bad), lim: &lim, part: "p"}
		if err := s.scan(); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func bufioReader(s string) *bufio.Reader { return bufio.NewReader(strings.NewReader(s)) }

// TestWorkbookReasons checks the catalogued reasons of a workbook that cannot be read: the XML
// the scanner gives up on, and ZIP damage, each naming its part.
func TestWorkbookReasons(t *testing.T) {
	lim := DefaultLimits()
	for bad, want := range map[string]string{
		`<!DOCTYPE a [<!ENTITY x "y">]><a/>`: "部件p含有文档类型声明（XLSX部件中不允许）",
		"<\x00a\x00>":                        "部件p含有NUL字节（不是UTF-8编码的XML）",
		`<a`:                                 "部件p在标记中间结束（文件不完整）",
		`<a></a></b>`:                        "部件p有结束标签而无对应的开始标签",
	} {
		s := xmlScanner{br: bufioReader(bad), lim: &lim, part: "p"}
		err := s.scan()
		m, ok := zipReason(err, "p").(messages.Message)
		if !ok {
			t.Errorf("%q: %v is not catalogued", bad, err)
			continue
		}
		messagestest.Valid(t, m)
		if got := messages.For(messages.Chinese).Render(m); got != want {
			t.Errorf("%q: %q, want %q", bad, got, want)
		}
	}
	for err, want := range map[error]messages.ID{
		zip.ErrFormat:                messages.XLSXReasonNotZip,
		zip.ErrChecksum:              messages.XLSXReasonChecksum,
		zip.ErrAlgorithm:             messages.XLSXReasonAlgorithm,
		io.ErrUnexpectedEOF:          messages.XLSXReasonCorrupt,
		flate.CorruptInputError(12):  messages.XLSXReasonCorrupt,
		errors.New("something else"): messages.XLSXReasonPart,
	} {
		m, ok := zipReason(err, "xl/workbook.xml").(messages.Message)
		if !ok || m.ID != want {
			t.Errorf("%v: %#v, want %s", err, zipReason(err, "xl/workbook.xml"), want)
			continue
		}
		messagestest.Valid(t, m)
	}
	if m, ok := workbookReason(excelize.ErrWorkbookFileFormat).(messages.Message); !ok || m.ID != messages.XLSXReasonNotWorkbook {
		t.Errorf("no workbook: %#v", m)
	}
	if m, ok := workbookReason(&xml.SyntaxError{Msg: "unexpected EOF", Line: 7}).(messages.Message); !ok || m.ID != messages.XLSXReasonXMLLine || m.Args["line"] != 7 {
		t.Errorf("XML syntax: %#v", m)
	}
}

// TestCSVQuoteReasons: a quote problem says where the reader found it — on the row itself, or on
// a later line of the file when a quoted field runs on — in Chinese and English.
func TestCSVQuoteReasons(t *testing.T) {
	const header = "indicator,unit,period,value\n"
	for _, c := range []struct {
		name, file string
		row        int
		id         messages.ID
		zh         string
	}{
		{"bare quote", header + "gdp,J\"G,2016,1\n", 2, messages.IngestBareQuote,
			`未加引号的字段中出现引号"：请为整个字段加引号，并将字段内的引号写成两个（"a ""b"" c"）`},
		{"quote left open", header + "gdp,JG,2016,1\ngdp,\"JG,2016,1\ngdp,JG,2017,2\n", 3, messages.IngestQuoteUnclosedAt,
			"带引号的字段缺少右引号，或右引号之后还有文字（读到文件第4行时发现）"},
		{"text after a closing quote", header + "gdp,\"JG\"x,2016,1\n", 2, messages.IngestQuoteUnclosed,
			"带引号的字段缺少右引号，或右引号之后还有文字"},
		{"bare quote after a field on two lines", header + "gdp,\"J\nG\",2016,1\ngdp,J\"G,2017,2\n", 3, messages.IngestBareQuoteAt,
			`未加引号的字段中出现引号"（在文件第4行）：请为整个字段加引号，并将字段内的引号写成两个（"a ""b"" c"）`},
	} {
		_, _, ve, err := readAll(t, []byte(c.file), Options{FileName: "x.csv"})
		if err != nil {
			t.Fatal(err)
		}
		if ve == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		var p engine.Problem
		for _, q := range ve.Problems {
			if q.Row == c.row {
				p = q
			}
		}
		m := messages.Message{ID: messages.ID(p.MessageID), Args: p.Args}
		messagestest.Valid(t, m)
		if p.Row != c.row || m.ID != c.id || messages.For(messages.Chinese).Render(m) != c.zh {
			t.Errorf("%s: row %d %s %q; want row %d %s %q", c.name, p.Row, m.ID, messages.For(messages.Chinese).Render(m), c.row, c.id, c.zh)
		}
	}
}

// openQuote is a CSV upload whose third row opens a quote that never closes, followed by size
// bytes of text in lines of 100: everything after the quote is one cell to a CSV reader.
type openQuote struct {
	head []byte
	size int
	flat bool // no line breaks
}

const (
	openQuoteObservations = "indicator,unit,period,value,note\ngdp,JG,2016,555.79,ok\ngdp,SJQ,2016,302.5,\"this quote is never closed\n"
	openQuoteResponses    = "unit,group,rater,item,score,comment\nJG,superior,L1,Q1,5,ok\nJG,superior,L2,Q1,4,\"this quote is never closed\n"
)

func newOpenQuote(head string, size int) *openQuote {
	return &openQuote{head: []byte(head), size: size}
}

func (o *openQuote) Read(p []byte) (int, error) {
	if len(o.head) > 0 {
		n := copy(p, o.head)
		o.head = o.head[n:]
		return n, nil
	}
	if o.size <= 0 {
		return 0, io.EOF
	}
	line := openQuoteLine
	if o.flat {
		line = openQuoteFlat
	}
	n := min(len(p), o.size)
	for i := 0; i < n; i += copy(p[i:n], line) {
	}
	o.size -= n
	return n, nil
}

// The text after an open quote: lines of 100 bytes, or none.
var (
	openQuoteLine = []byte(strings.Repeat("x", 99) + "\n")
	openQuoteFlat = []byte(strings.Repeat("x", 100))
)

// A CSV record longer than maxRecordBytes — here a quote left open on row 3 and 48 MiB after it —
// is refused at its row, with a message that says what most likely happened, while the heap
// stays flat (encoding/csv alone holds the whole record: three times its size). TSV too. A
// record just under the limit (a long comment cell, quoted, with line breaks) is read.
func TestCSVRecordTooLongIsRefusedWithFlatMemory(t *testing.T) {
	survey := survey360()
	for _, name := range []string{"observations.csv", "observations.tsv", "responses.csv"} {
		t.Run(name, func(t *testing.T) {
			var err error
			src := io.Reader(newOpenQuote(openQuoteObservations, 48<<20))
			switch {
			case strings.HasSuffix(name, ".tsv"):
				src = strings.NewReader(strings.ReplaceAll(openQuoteObservations, ",", "\t") + strings.Repeat("x", 3<<20))
			case strings.HasPrefix(name, "responses"):
				src = newOpenQuote(openQuoteResponses, 48<<20)
			}
			h := ingesttest.MeasureHeap(func() {
				if strings.HasPrefix(name, "responses") {
					_, err = ReadResponses(src, Options{FileName: name}, survey, planUnits, func(evaluation.ResponseRow) error { return nil })
				} else {
					_, err = ReadObservations(src, Options{FileName: name}, planSchema(), func(engine.Observation) error { return nil })
				}
			})
			t.Logf("%s", h)
			ve, ok := err.(*engine.ValidationError)
			if !ok || len(ve.Problems) == 0 {
				t.Fatalf("got %v; want the record refused", err)
			}
			p := ve.Problems[len(ve.Problems)-1]
			if p.MessageID != string(messages.IngestRecordTooLong) || p.Row != 3 {
				t.Errorf("last problem %+v; want %s at row 3", p, messages.IngestRecordTooLong)
			}
			if h.Peak > heapBudget || h.Alloc > heapBudget {
				t.Errorf("%s; want both under %d MiB", h, heapBudget>>20)
			}
		})
	}
	long := strings.Repeat("很长的意见，\n", (maxRecordBytes-4096)/19)
	in := "indicator,unit,period,value,note\ngdp,JG,2016,555.79,\"" + long + "\"\n"
	obs, _, ve, err := readAll(t, []byte(in), Options{})
	if err != nil || ve != nil || len(obs) != 1 || obs[0].Note == "" {
		t.Fatalf("a record under the limit: %d observations, %v, problems:\n%s", len(obs), err, problems(ve))
	}
}

// A JSON value longer than maxValueBytes — a string whose closing quote is missing, 48 MiB of
// text without a line break after it — is refused with the line where it starts while the heap stays flat (the JSON
// decoder alone holds the whole value); in a one-line (minified) file too. A long value under the
// limit is read.
func TestJSONValueTooLongIsRefusedWithFlatMemory(t *testing.T) {
	for _, c := range []struct {
		name string
		head string
		line int
	}{
		{"pretty", "[\n{\"indicator\": \"gdp\", \"unit\": \"JG\", \"period\": \"2016\", \"value\": 555.79},\n{\"indicator\": \"gdp\", \"unit\": \"SJQ\", \"period\": \"2016\", \"value\": 302.5, \"note\": \"never closed", 3},
		{"minified", "[{\"indicator\":\"gdp\",\"unit\":\"JG\",\"period\":\"2016\",\"value\":555.79,\"note\":\"" + strings.Repeat("很", 200_000) + "\"},{\"indicator\":\"gdp\",\"unit\":\"SJQ\",\"period\":\"2016\",\"value\":302.5,\"note\":\"never closed", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := &openQuote{head: []byte(c.head), size: 48 << 20}
			src.flat = true // a line break inside a JSON string is a syntax error of its own
			var err error
			h := ingesttest.MeasureHeap(func() {
				_, err = ReadObservations(src, Options{FileName: "data.json"}, planSchema(), func(engine.Observation) error { return nil })
			})
			t.Logf("%s", h)
			ve, ok := err.(*engine.ValidationError)
			if !ok || len(ve.Problems) == 0 {
				t.Fatalf("got %v; want the value refused", err)
			}
			p := ve.Problems[len(ve.Problems)-1]
			if p.MessageID != string(messages.IngestJSONValueTooLong) || fmt.Sprint(p.Args["line"]) != fmt.Sprint(c.line) {
				t.Errorf("last problem %+v; want %s at line %d", p, messages.IngestJSONValueTooLong, c.line)
			}
			if h.Peak > heapBudget || h.Alloc > heapBudget {
				t.Errorf("%s; want both under %d MiB", h, heapBudget>>20)
			}
		})
	}
	in := `[{"indicator": "gdp", "unit": "JG", "period": "2016", "value": 555.79, "note": "` + strings.Repeat("很长的意见", (maxValueBytes-4096)/15) + `"}]`
	obs, _, ve, err := readAll(t, []byte(in), Options{FileName: "data.json"})
	if err != nil || ve != nil || len(obs) != 1 || obs[0].Note == "" {
		t.Fatalf("a value under the limit: %d observations, %v, problems:\n%s", len(obs), err, problems(ve))
	}
}

// A framework JSON file over maxFrameworkJSON is refused, naming the limit, while the heap stays
// bounded (decoded whole, a 48 MiB file held hundreds of megabytes).
func TestFrameworkJSONTooLargeIsRefusedWithFlatMemory(t *testing.T) {
	src := &openQuote{head: []byte(`{"title": "框架", "plan_start": 2016, "plan_end": 2020, "dimensions": [], "notes": "`), size: 48 << 20, flat: true}
	var err error
	h := ingesttest.MeasureHeap(func() { _, _, err = ReadFramework(src, Options{FileName: "framework.json"}) })
	t.Logf("%s", h)
	ve, ok := err.(*engine.ValidationError)
	if !ok || len(ve.Problems) != 1 || ve.Problems[0].MessageID != string(messages.IngestFrameworkTooLarge) {
		t.Fatalf("got %v; want the file refused as too large", err)
	}
	// The decoder and the copy kept for the text check hold up to a few times the limit: far under
	// the file, whose decoding held gigabytes before the limit.
	if h.Peak > 2*heapBudget || h.Alloc > 4*heapBudget {
		t.Errorf("%s; want under %d and %d MiB", h, 2*heapBudget>>20, 4*heapBudget>>20)
	}
}
