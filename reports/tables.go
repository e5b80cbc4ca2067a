package reports

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Result tables for the client's own use: one row per unit (rank, composite, grade, 4E scores,
// component scores) and one row per indicator × unit (value, target, ratio, score, status).

// Table names.
const (
	TableUnits      = "units"
	TableIndicators = "indicators"
)

// cell is a table cell: a number (written as a number in XLSX) or text.
type cell struct {
	num  *float64
	text string
}

func numCell(x *float64) cell {
	if x == nil {
		return cell{}
	}
	return cell{num: x}
}

func textCell(s string) cell { return cell{text: s} }

func (c cell) String() string {
	if c.num != nil {
		return strconv.FormatFloat(*c.num, 'f', -1, 64)
	}
	return c.text
}

// unitsTable is the table of units, best rank first.
func unitsTable(b *Bundle) [][]cell {
	res := b.Results
	header := []string{"rank 名次", "unit 单位代码", "name 单位", "composite 综合得分", "base 基础得分", "bonus 加分", "penalty 扣分", "grade 等次"}
	var dims []engine.Dimension
	if b.Inputs.Framework != nil {
		for _, d := range b.Inputs.Framework.Dimensions {
			dims = append(dims, engine.Dimension(d.Code))
			zh, en := dimensionText(engine.Dimension(d.Code))
			header = append(header, en+" "+zh)
		}
	}
	for _, c := range res.Components {
		header = append(header, "component "+c.Code)
	}
	header = append(header, "bottom_two 后两位", "flagged 连续两期后两位")
	rows := [][]cell{textRow(header)}
	names := unitNames(b)
	units := append([]engine.UnitResult(nil), res.Units...)
	sortByRank(units)
	for _, u := range units {
		var rank *float64
		if u.Rank > 0 {
			r := float64(u.Rank)
			rank = &r
		}
		bonus, penalty := u.Bonus, u.Penalty
		row := []cell{numCell(rank), textCell(u.Code), textCell(names[u.Code]), numCell(u.Composite), numCell(u.Base), numCell(&bonus), numCell(&penalty), textCell(u.Grade)}
		for _, d := range dims {
			var s *float64
			for _, ds := range u.Dimensions {
				if ds.Dimension == d {
					s = ds.Score
				}
			}
			row = append(row, numCell(s))
		}
		for _, c := range res.Components {
			var s *float64
			for _, cs := range u.Components {
				if cs.Code == c.Code {
					s = cs.Score
				}
			}
			row = append(row, numCell(s))
		}
		row = append(row, textCell(strconv.FormatBool(u.BottomTwo)), textCell(strconv.FormatBool(u.Flagged)))
		rows = append(rows, row)
	}
	return rows
}

// indicatorsTable is the table of indicator × unit cells in framework order.
func indicatorsTable(b *Bundle) [][]cell {
	res := b.Results
	rows := [][]cell{textRow([]string{"indicator 指标代码", "name 指标", "dimension 维度", "weight 全局权重", "method 评分方法", "unit 单位代码",
		"unit_name 单位", "value 实际值", "label 定性值", "target 目标", "target_basis 比较基准", "ratio 完成率", "score 得分", "imputed 插补",
		"status 状态", "note 备注"})}
	names := unitNames(b)
	status := map[[2]string]string{}
	for _, t := range res.Monitoring {
		status[[2]string{t.Indicator, t.Unit}] = t.Status
	}
	for _, ir := range res.Indicators {
		w := ir.Weight
		for _, c := range ir.Cells {
			rows = append(rows, []cell{textCell(ir.Code), textCell(ir.Name), textCell(string(ir.Dimension)), numCell(&w), textCell(ir.Method),
				textCell(c.Unit), textCell(names[c.Unit]), numCell(c.Value), textCell(c.Label), numCell(c.Target), textCell(bi(c.TargetBasis)),
				numCell(c.Ratio), numCell(c.Score), textCell(c.Imputed), textCell(status[[2]string{ir.Code, c.Unit}]), textCell(bi(c.Note))})
		}
	}
	return rows
}

func textRow(ss []string) []cell {
	out := make([]cell, len(ss))
	for i, s := range ss {
		out[i] = textCell(s)
	}
	return out
}

func unitNames(b *Bundle) map[string]string {
	names := map[string]string{}
	for _, u := range b.Inputs.Units {
		names[u.Code] = u.Name
	}
	return names
}

func sortByRank(units []engine.UnitResult) {
	for i := 1; i < len(units); i++ {
		for j := i; j > 0 && rankLess(units[j], units[j-1]); j-- {
			units[j], units[j-1] = units[j-1], units[j]
		}
	}
}

func rankLess(a, b engine.UnitResult) bool {
	if (a.Rank == 0) != (b.Rank == 0) {
		return b.Rank == 0
	}
	return a.Rank < b.Rank
}

// ResultsCSV writes one result table (units or indicators) as UTF-8 CSV with a byte-order mark,
// which spreadsheet programs need to read Chinese; numbers are written in full precision with a
// decimal point, whatever the locale.
func ResultsCSV(b *Bundle, table string) ([]byte, error) {
	var rows [][]cell
	switch table {
	case "", TableUnits:
		rows = unitsTable(b)
	case TableIndicators:
		rows = indicatorsTable(b)
	default:
		return nil, engine.Invalid("table", messages.ReportTableUnknown, "table", table)
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	for _, r := range rows {
		rec := make([]string, len(r))
		for i, c := range r {
			rec[i] = c.String()
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// ResultsXLSX writes both result tables as a workbook with the sheets "units" and "indicators",
// numbers as numeric cells.
func ResultsXLSX(b *Bundle) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	for i, t := range []struct {
		name string
		rows [][]cell
	}{{TableUnits, unitsTable(b)}, {TableIndicators, indicatorsTable(b)}} {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", t.name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(t.name); err != nil {
			return nil, err
		}
		sw, err := f.NewStreamWriter(t.name)
		if err != nil {
			return nil, err
		}
		for r, row := range t.rows {
			vals := make([]any, len(row))
			for c, x := range row {
				if x.num != nil {
					vals[c] = *x.num
				} else {
					vals[c] = x.text
				}
			}
			axis, err := excelize.CoordinatesToCellName(1, r+1)
			if err != nil {
				return nil, err
			}
			if err := sw.SetRow(axis, vals); err != nil {
				return nil, err
			}
		}
		if err := sw.Flush(); err != nil {
			return nil, fmt.Errorf("xlsx: %w", err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
