package calc

import (
	"math"
	"strconv"

	"gonum.org/v1/gonum/mat"

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
		p.add(field, "required: a non-empty array of rows")
		return nil
	}
	cols := len(rows[0])
	if cols == 0 {
		p.add(field+"[0]", "row is empty")
		return nil
	}
	if len(rows)*cols > MaxCells {
		p.add(field, "%d×%d cells exceed the limit of %d", len(rows), cols, MaxCells)
		return nil
	}
	if len(rows) < spec.minRows {
		p.add(field, "needs at least %d rows, got %d", spec.minRows, len(rows))
	}
	if cols < spec.minCols {
		p.add(field, "needs at least %d columns, got %d", spec.minCols, cols)
	}
	if spec.square && len(rows) != cols {
		p.add(field, "must be square, got %d rows of %d", len(rows), cols)
	}
	m := mat.NewDense(len(rows), cols, nil)
	for i, r := range rows {
		if len(r) != cols {
			p.add(fieldIdx(field, i), "row has %d values, want %d (ragged rows)", len(r), cols)
			continue
		}
		for j, v := range r {
			switch {
			case v == nil && spec.missingAsZero:
			case v == nil:
				p.add(fieldIdx2(field, i, j), "missing value (null)")
			case math.IsNaN(*v) || math.IsInf(*v, 0):
				p.add(fieldIdx2(field, i, j), "not a finite number")
			case spec.nonNegative && *v < 0:
				p.add(fieldIdx2(field, i, j), "must not be negative, got %v", *v)
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
		p.add(field, "required")
		return nil
	}
	if n >= 0 && len(v) != n {
		p.add(field, "has %d values, want %d", len(v), n)
		return nil
	}
	if n < 0 && len(v) == 0 {
		p.add(field, "must not be empty")
		return nil
	}
	out := make([]float64, len(v))
	for i, x := range v {
		switch {
		case x == nil:
			p.add(fieldIdx(field, i), "missing value (null)")
		case math.IsNaN(*x) || math.IsInf(*x, 0):
			p.add(fieldIdx(field, i), "not a finite number")
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
		p.add(field, "has %d entries, want one per column (%d)", len(v), n)
		return nil
	}
	ok := true
	for i, s := range v {
		pol, err := statistics.ParsePolarity(s)
		if err != nil || (!allowTarget && pol == statistics.Target) {
			p.add(fieldIdx(field, i), "want \"higher\" or \"lower\", got %q", s)
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
			p.add(field+"[*]["+itoa(j)+"]", "column has zero variance (all values equal %v)", m.At(0, j))
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
