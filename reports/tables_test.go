package reports_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/reports"
)

func TestResultTables(t *testing.T) {
	b := build(t)
	bundle := mustParse(t, b.bundle)
	raw, err := reports.ResultsCSV(bundle, reports.TableUnits)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("\ufeff")) {
		t.Error("the CSV has no byte-order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || rows[1][0] != "1" || !strings.Contains(strings.Join(rows[0], ","), "Economy 经济") {
		t.Fatalf("units table %q", rows)
	}
	raw, err = reports.ResultsCSV(bundle, reports.TableIndicators)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ = csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if len(rows) != 1+5*5 {
		t.Fatalf("%d indicator rows", len(rows))
	}
	var ve *engine.ValidationError
	if _, err := reports.ResultsCSV(bundle, "nope"); !errors.As(err, &ve) || len(ve.Problems) != 1 {
		t.Errorf("an unknown table: %v", err)
	} else if p := ve.Problems[0]; p.Field != "table" || p.MessageID != string(messages.ReportTableUnknown) ||
		messages.For(messages.Chinese).Format(messages.ID(p.MessageID), p.Args) != "table须为units或indicators（现为“nope”）" {
		t.Errorf("an unknown table: %+v", p)
	}
	x, err := reports.ResultsXLSX(bundle)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(x))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "units" || got[1] != "indicators" {
		t.Fatalf("sheets %v", got)
	}
	v, err := f.GetCellValue("units", "C2")
	if err != nil || !strings.HasSuffix(v, "街道") {
		t.Errorf("units!C2 = %q, %v", v, err)
	}
}
