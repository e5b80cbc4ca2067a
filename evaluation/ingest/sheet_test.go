package ingest

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"evalbench/evaluation/engine"
)

type sheetRows struct {
	headings, cols []string
	rows           map[int][]string
}

func readSheet(t *testing.T, data []byte, opts Options) (sheetRows, Summary, error) {
	t.Helper()
	out := sheetRows{rows: map[int][]string{}}
	sum, err := ReadSheet(bytes.NewReader(data), opts, func(_ int, h, c []string) bool {
		out.headings, out.cols = slices.Clone(h), slices.Clone(c)
		return true
	}, func(row int, cells []string) error {
		out.rows[row] = slices.Clone(cells)
		return nil
	})
	return out, sum, err
}

// A questionnaire export in GBK, as WPS and Excel save CSV on Chinese Windows, and the same in XLSX.
func TestReadSheetGBKAndXLSX(t *testing.T) {
	csv := "编号,姓名,经济-效率\n1,专家甲,左稍微重要\n\n2,专家乙,-3\n"
	got, sum, err := readSheet(t, gbk(t, csv), Options{})
	if err != nil || sum.Encoding != EncodingGB18030 || sum.Rows != 2 || sum.BlankRows != 1 {
		t.Fatalf("summary %+v, %v", sum, err)
	}
	if !slices.Equal(got.headings, []string{"编号", "姓名", "经济-效率"}) || got.rows[2][2] != "左稍微重要" || got.rows[4][2] != "-3" {
		t.Fatalf("read %+v", got)
	}
	data := makeXLSX(t, map[string][][]xcell{"问卷": {
		strCells("编号", "姓名", "经济-效率"),
		strCells("1", "专家甲", "左稍微重要"),
	}}, "问卷")
	got, sum, err = readSheet(t, data, Options{})
	if err != nil || sum.Format != FormatXLSX || got.rows[2][2] != "左稍微重要" || got.cols[2] != "C (经济-效率)" {
		t.Fatalf("xlsx %+v %+v, %v", got, sum, err)
	}
}

func TestReadSheetRefusesJSON(t *testing.T) {
	_, _, err := readSheet(t, []byte(`[{"a":1}]`), Options{})
	var ve *engine.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.Error(), "not JSON") {
		t.Fatalf("err %v", err)
	}
}
