package calc

import (
	"math"
	"strconv"

	"gonum.org/v1/gonum/mat"

	"evalbench/messages"
	"evalbench/statistics"
)

// matrixSpec says what a matrix field must look like.
type matrixSpec struct {
	minRows, minCols int
	// missingAsZero accepts null entries and returns them as 0 (missing pairwise judgments).
	missingAsZero bool
	square        bool
	// nonNegative rejects negative values.
	nonNegative bool
}

// matrix validates rows as a rectangular matrix of finite numbers and returns it, recording every
// problem under field. It returns nil when there were problems.
func (p *problems) matrix(field string, rows [][]*float64, spec matrixSpec) *mat.Dense {
	before := p.ve.Total
	if len(rows) == 0 {
		p.add(field, messages.CalcRowsRequired)
		return nil
	}
	cols := len(rows[0])
	if cols == 0 {
		p.add(field+"[0]", messages.CalcRowEmpty)
		return nil
	}
	if len(rows)*cols > MaxCells {
		p.add(field, messages.CalcCellsLimit, "rows", len(rows), "cols", cols, "max", MaxCells)
		return nil
	}
	if len(rows) < spec.minRows {
		p.add(field, messages.CalcMinRows, "min", spec.minRows, "count", len(rows))
	}
	if cols < spec.minCols {
		p.add(field, messages.CalcMinColumns, "min", spec.minCols, "count", cols)
	}
	if spec.square && len(rows) != cols {
		p.add(field, messages.CalcSquare, "rows", len(rows), "cols", cols)
	}
	m := mat.NewDense(len(rows), cols, nil)
	for i, r := range rows {
		if len(r) != cols {
			p.add(fieldIdx(field, i), messages.CalcRagged, "count", len(r), "want", cols)
			continue
		}
		for j, v := range r {
			switch {
			case v == nil && spec.missingAsZero:
			case v == nil:
				p.add(fieldIdx2(field, i, j), messages.CalcNull)
			case math.IsNaN(*v) || math.IsInf(*v, 0):
				p.add(fieldIdx2(field, i, j), messages.IngestNotFinite)
			case spec.nonNegative && *v < 0:
				p.add(fieldIdx2(field, i, j), messages.CalcNotNegativeGot, "value", *v)
			default:
				m.Set(i, j, *v)
			}
		}
	}
	if p.ve.Total > before {
		return nil
	}
	return m
}

// vector validates a list of finite numbers of length n (n < 0: any non-empty length).
func (p *problems) vector(field string, v []*float64, n int) []float64 {
	before := p.ve.Total
	if v == nil {
		p.add(field, messages.CalcRequired)
		return nil
	}
	if n >= 0 && len(v) != n {
		p.add(field, messages.CalcCount, "count", len(v), "want", n)
		return nil
	}
	if n < 0 && len(v) == 0 {
		p.add(field, messages.CalcEmpty)
		return nil
	}
	out := make([]float64, len(v))
	for i, x := range v {
		switch {
		case x == nil:
			p.add(fieldIdx(field, i), messages.CalcNull)
		case math.IsNaN(*x) || math.IsInf(*x, 0):
			p.add(fieldIdx(field, i), messages.IngestNotFinite)
		default:
			out[i] = *x
		}
	}
	if p.ve.Total > before {
		return nil
	}
	return out
}

// weights validates a weight vector: finite, non-negative, summing to 1 within 1e-6.
func (p *problems) weights(field string, v []*float64, n int) []float64 {
	w := p.vector(field, v, n)
	if w == nil {
		return nil
	}
	if err := statistics.CheckWeights(w, 1e-6); err != nil {
		p.ve.Add(problemOf(field, err))
		return nil
	}
	return w
}

// polarities parses a polarity list (nil: all higher). allowTarget admits "target".
func (p *problems) polarities(field string, v []string, n int, allowTarget bool) []statistics.Polarity {
	out := make([]statistics.Polarity, n)
	if v == nil {
		return out
	}
	if len(v) != n {
		p.add(field, messages.CalcPerColumn, "count", len(v), "want", n)
		return nil
	}
	ok := true
	for i, s := range v {
		pol, err := statistics.ParsePolarity(s)
		if err != nil || (!allowTarget && pol == statistics.Target) {
			p.oneOf(fieldIdx(field, i), s, "higher", "lower")
			ok = false
			continue
		}
		out[i] = pol
	}
	if !ok {
		return nil
	}
	return out
}

func fieldIdx(field string, i int) string { return field + "[" + itoa(i) + "]" }

func fieldIdx2(field string, i, j int) string {
	return field + "[" + itoa(i) + "][" + itoa(j) + "]"
}

func itoa(i int) string { return strconv.Itoa(i) }

// constantColumns reports every column whose values are all equal.
func (p *problems) constantColumns(field string, m *mat.Dense) {
	r, c := m.Dims()
	for j := 0; j < c; j++ {
		constant := true
		for i := 1; i < r; i++ {
			if m.At(i, j) != m.At(0, j) {
				constant = false
				break
			}
		}
		if constant {
			p.add(field+"[*]["+itoa(j)+"]", messages.CalcZeroVariance, "value", m.At(0, j))
		}
	}
}

func rowsOf(m *mat.Dense) [][]float64 {
	r, _ := m.Dims()
	out := make([][]float64, r)
	for i := range out {
		out[i] = mat.Row(nil, i, m)
	}
	return out
}
