package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"
)

type goldenCase struct {
	line                         int
	name, format, indicator, fld string
	cell, want, column, message  string
	row                          int
}

func loadGolden(t *testing.T) []goldenCase {
	t.Helper()
	f, err := os.Open("testdata/golden.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []goldenCase
	sc := bufio.NewScanner(f)
	n := 0
	names := map[string]bool{}
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		for len(cols) < 9 {
			cols = append(cols, "")
		}
		c := goldenCase{line: n, name: cols[0], format: cols[1], indicator: cols[2], fld: cols[3], cell: cols[4], want: cols[5], column: cols[7], message: cols[8]}
		if strings.HasPrefix(c.cell, `"`) {
			if c.cell, err = strconv.Unquote(c.cell); err != nil {
				t.Fatalf("golden.tsv:%d: cell %s: %v", n, cols[4], err)
			}
		}
		if c.want == "error" {
			if c.row, err = strconv.Atoi(cols[6]); err != nil {
				t.Fatalf("golden.tsv:%d: row %q", n, cols[6])
			}
			if c.column == "-" {
				c.column = ""
			}
			if c.message == "" {
				t.Fatalf("golden.tsv:%d: an error case needs a message fragment", n)
			}
		}
		if names[c.name] {
			t.Fatalf("golden.tsv:%d: duplicate name %s", n, c.name)
		}
		names[c.name] = true
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

var goldenHeader = []string{"指标代码", "单位代码", "期间", "数值", "备注"}

func goldenFile(t *testing.T, c goldenCase) ([]byte, Options) {
	fields := map[string]int{"indicator": 0, "unit": 1, "period": 2, "value": 3}
	if c.format == "xlsx" {
		row := strCells(c.indicator, "JG", "2016")
		row = append(row, xcell{Kind: "n", Num: 1})
		i, ok := fields[c.fld]
		if !ok {
			t.Fatalf("golden.tsv:%d: field %q is not for xlsx", c.line, c.fld)
		}
		if c.cell == "" {
			row[i] = xcell{}
		} else {
			row[i] = parseXCell(c.cell)
		}
		return makeXLSX(t, map[string][][]xcell{"数据": {strCells(goldenHeader...), row}}, "数据"), Options{FileName: "data.xlsx"}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(goldenHeader)
	w.Flush()
	if c.fld == "line" {
		buf.WriteString(c.cell)
	} else {
		rec := []string{c.indicator, "JG", "2016", "1", ""}
		i, ok := fields[c.fld]
		if !ok {
			t.Fatalf("golden.tsv:%d: unknown field %q", c.line, c.fld)
		}
		rec[i] = c.cell
		w.Write(rec)
		w.Flush()
	}
	data := buf.Bytes()
	switch c.format {
	case "csv":
	case "bom":
		data = append([]byte("\xEF\xBB\xBF"), data...)
	case "gbk":
		data = gbk(t, string(data))
	default:
		t.Fatalf("golden.tsv:%d: unknown format %q", c.line, c.format)
	}
	return data, Options{FileName: "data.csv"}
}

// TestGolden runs every case of testdata/golden.tsv.
func TestGolden(t *testing.T) {
	cases := loadGolden(t)
	errorsN, formats := 0, map[string]int{}
	for _, c := range cases {
		formats[c.format]++
		if c.want == "error" {
			errorsN++
		}
	}
	if len(cases) < 60 || errorsN < 60 {
		t.Fatalf("the golden table must hold at least 60 cases and 60 errors; it holds %d cases, %d errors", len(cases), errorsN)
	}
	for _, f := range []string{"csv", "bom", "gbk", "xlsx"} {
		if formats[f] < 5 {
			t.Errorf("the golden table has only %d %s cases", formats[f], f)
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data, opts := goldenFile(t, c)
			obs, sum, ve, err := readAll(t, data, opts)
			if err != nil {
				t.Fatalf("golden.tsv:%d: %v", c.line, err)
			}
			wantEnc := map[string]string{"csv": EncodingUTF8, "bom": EncodingUTF8BOM, "gbk": EncodingGB18030, "xlsx": ""}[c.format]
			if sum.Encoding != wantEnc {
				t.Errorf("golden.tsv:%d: encoding %q, want %q", c.line, sum.Encoding, wantEnc)
			}
			if c.want == "error" {
				if ve == nil {
					t.Fatalf("golden.tsv:%d: no problem; read %+v", c.line, obs)
				}
				for _, o := range obs {
					if o.Row == c.row {
						t.Errorf("golden.tsv:%d: the bad row was emitted: %+v", c.line, o)
					}
				}
				p := ve.Problems[0]
				if ve.Total != 1 || p.Row != c.row || p.Column != c.column || !strings.Contains(p.Message, c.message) {
					t.Fatalf("golden.tsv:%d: got %d problem(s), first: row %d, column %q, message %q\nwant row %d, column %q, message containing %q",
						c.line, ve.Total, p.Row, p.Column, p.Message, c.row, c.column, c.message)
				}
				return
			}
			if ve != nil {
				t.Fatalf("golden.tsv:%d: unexpected problems: %v", c.line, ve.Problems)
			}
			if len(obs) != 1 {
				t.Fatalf("golden.tsv:%d: %d observations", c.line, len(obs))
			}
			o := obs[0]
			kind, arg, _ := strings.Cut(c.want, ":")
			switch kind {
			case "value":
				want, err := strconv.ParseFloat(arg, 64)
				if err != nil {
					t.Fatalf("golden.tsv:%d: want %q", c.line, c.want)
				}
				if o.Value == nil || *o.Value != want || o.Label != "" {
					t.Fatalf("golden.tsv:%d: value %v label %q, want %v", c.line, deref(o.Value), o.Label, want)
				}
			case "missing":
				if o.Value != nil || o.Label != "" {
					t.Fatalf("golden.tsv:%d: value %v label %q, want missing", c.line, deref(o.Value), o.Label)
				}
			case "label":
				if o.Value != nil || o.Label != arg {
					t.Fatalf("golden.tsv:%d: value %v label %q, want label %q", c.line, deref(o.Value), o.Label, arg)
				}
			case "period":
				if string(o.Period) != arg {
					t.Fatalf("golden.tsv:%d: period %q, want %q", c.line, o.Period, arg)
				}
			default:
				t.Fatalf("golden.tsv:%d: unknown want %q", c.line, c.want)
			}
			if o.Indicator != c.indicator || o.Unit != "JG" {
				t.Errorf("golden.tsv:%d: indicator %q unit %q", c.line, o.Indicator, o.Unit)
			}
		})
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
