package reports_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

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
	if _, err := reports.ResultsCSV(bundle, "nope"); err == nil {
		t.Error("an unknown table is accepted")
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
