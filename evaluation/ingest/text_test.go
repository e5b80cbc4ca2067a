package ingest

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"evalbench/evaluation/engine"
)

// Text that PostgreSQL cannot store or that is never meant (NUL, control characters) is refused
// in every format, naming the row and the column, before anything is emitted.
func TestBadTextInCellsIsRefusedWithRowAndColumn(t *testing.T) {
	xl := makeXLSX(t, map[string][][]xcell{"数据": {
		strCells("indicator", "unit", "period", "value", "source_document"),
		strCells("gdp", "JG", "2016", "555.79", "规划\u0085"),
	}}, "数据")
	for _, tc := range []struct {
		name     string
		data     []byte
		opts     Options
		row      int
		column   string
		fragment string
	}{
		{"csv NUL", []byte("indicator,unit,period,value,source_document\ngdp,JG,2016,555.79,a\x00b\n"), Options{}, 2, "source_document", "NUL"},
		{"csv lone CR", []byte("indicator,unit,period,value,source_document\ngdp,JG,2016,555.79,\"a\rb\"\n"), Options{}, 2, "source_document", "U+000D"},
		{"csv header", []byte("indicator,unit\x01,period,value\ngdp,JG,2016,1\n"), Options{}, 1, "2", "U+0001"},
		{"tsv", []byte("indicator\tunit\tperiod\tvalue\ngdp\tJG\x7f\t2016\t1\n"), Options{}, 2, "unit", "U+007F"},
		{"xlsx", xl, Options{}, 2, "E (source_document)", "U+0085"},
		{"json", []byte(`[{"indicator":"gdp","unit":"JG","period":"2016","value":"1","source":{"document":"a\u0000"}}]`), Options{}, 1, "source.document", "NUL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadObservations(bytes.NewReader(tc.data), tc.opts, planSchema(), func(engine.Observation) error { return nil })
			var ve *engine.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err %v, want a ValidationError", err)
			}
			for _, p := range ve.Problems {
				if p.Row == tc.row && p.Column == tc.column && strings.Contains(p.Message, tc.fragment) {
					return
				}
			}
			t.Fatalf("no problem at row %d column %q with %q:\n%s", tc.row, tc.column, tc.fragment, problems(ve))
		})
	}
	t.Run("CRLF and tabs are text", func(t *testing.T) {
		data := []byte("indicator,unit,period,value,source_document\r\ngdp,JG,2016,555.79,\"a\r\nb\tc\"\r\n")
		if _, err := ReadObservations(bytes.NewReader(data), Options{}, planSchema(), func(engine.Observation) error { return nil }); err != nil {
			t.Fatal(err)
		}
	})
}

func TestBadTextInFrameworkFiles(t *testing.T) {
	for _, tc := range []struct {
		name, data, field string
		row               int
	}{
		{"json", `{"title":"t\u0000","plan_start":2016,"plan_end":2020,"dimensions":[]}`, "/title", 0},
		{"json nested", `{"title":"t","plan_start":2016,"plan_end":2020,"dimensions":[{"code":"input","kind":"dimension","name":"投入\u0007"}]}`, "/dimensions/0/name", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ReadFramework(strings.NewReader(tc.data), Options{Format: FormatJSON})
			var ve *engine.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err %v", err)
			}
			for _, p := range ve.Problems {
				if p.Field == tc.field {
					return
				}
			}
			t.Fatalf("no problem at %s:\n%s", tc.field, problems(ve))
		})
	}
	t.Run("csv", func(t *testing.T) {
		_, _, err := ReadFramework(strings.NewReader("kind,parent,code,name\ndimension,,input,投入\x00\n"), Options{Format: FormatCSV, PlanStart: 2016, PlanEnd: 2020})
		var ve *engine.ValidationError
		if !errors.As(err, &ve) || !strings.Contains(problems(ve), "NUL") || ve.Problems[0].Row != 2 {
			t.Fatalf("err %v", err)
		}
	})
}

// The name of an XLSX sheet is stored with the version, so it passes the same rule.
func TestBadTextInSheetName(t *testing.T) {
	data := makeXLSX(t, map[string][][]xcell{"数据\u0085": {
		strCells("indicator", "unit", "period", "value"),
		strCells("gdp", "JG", "2016", "555.79"),
	}}, "数据\u0085")
	_, err := ReadObservations(bytes.NewReader(data), Options{}, planSchema(), func(engine.Observation) error { return nil })
	var ve *engine.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(problems(ve), "the name of the sheet contains the control character U+0085") {
		t.Fatalf("err %v", err)
	}
}
