// Package statistics holds evalbench's numerical methods: normalisation and scoring on a 0–100
// scale, the analytic hierarchy process (single and group), objective weights, weight
// hierarchies, aggregation (weighted means, TOPSIS, VIKOR, PROMETHEE II, grey relational analysis,
// fuzzy comprehensive evaluation), rater statistics (intraclass correlations, Cronbach's α,
// Kendall's W, bootstrap intervals), Monte Carlo uncertainty and sensitivity analysis of weights,
// AHP judgment scales and judgment-level uncertainty, variance-based (Sobol) global sensitivity,
// and data-treatment diagnostics (outlier treatment, correlations, PCA).
//
// The package follows gonum's conventions. Slices and mat matrices go in; where a function fills
// a result, the destination comes first and may be nil, in which case a new slice is allocated.
// Caller mistakes (mismatched lengths, an unknown enum value, a negative count) panic with a
// message prefixed "statistics: "; problems in the data (a zero-variance column, a non-positive
// judgment, a non-reciprocal matrix) are returned as errors that wrap one of the exported
// sentinel errors, and, when they can be located, as a *CellError giving the row and column.
//
// Matrices have alternatives, units, targets or respondents in rows and criteria, indicators,
// raters or items in columns, except where a doc comment says otherwise (Kendall's W takes raters
// in rows, as its published form does).
//
// Nothing here has hidden state or hidden randomness: every random procedure takes a seed and
// uses math/rand/v2's PCG generator, and the parallel Monte Carlo gives byte-identical results at
// any GOMAXPROCS. Each function's doc comment states its formula and its source; docs/methods.md
// collects them with the published values the tests compare against.
package statistics

import (
	"errors"
	"fmt"
)

// Sentinel errors for problems in the data. Functions wrap them with context (and often in a
// *CellError), so test with errors.Is.
var (
	// ErrNonFinite: a value is NaN or ±Inf.
	ErrNonFinite = errors.New("statistics: value is not finite")
	// ErrNonPositive: a value that must be strictly positive (a pairwise judgment, a value under
	// a logarithm or a proportion) is zero or negative.
	ErrNonPositive = errors.New("statistics: value is not positive")
	// ErrNegative: a value that must be non-negative is negative.
	ErrNegative = errors.New("statistics: value is negative")
	// ErrNotReciprocal: a pairwise comparison matrix has a_ij·a_ji ≠ 1 beyond the tolerance.
	ErrNotReciprocal = errors.New("statistics: pairwise matrix is not reciprocal")
	// ErrDiagonal: a pairwise comparison matrix has a diagonal entry other than 1.
	ErrDiagonal = errors.New("statistics: pairwise matrix diagonal is not 1")
	// ErrDisconnected: the known comparisons of an incomplete pairwise matrix do not connect all
	// elements, so no priority vector is determined (Harker 1987, §2).
	ErrDisconnected = errors.New("statistics: incomplete pairwise matrix is not connected")
	// ErrZeroVariance: a column (or the whole data set) has no variation where the method divides
	// by its spread.
	ErrZeroVariance = errors.New("statistics: zero variance")
	// ErrTooFew: there are too few observations for the method (for example one target for an ICC).
	ErrTooFew = errors.New("statistics: too few observations")
	// ErrNoRandomIndex: the chosen random-index table has no entry for the matrix order.
	ErrNoRandomIndex = errors.New("statistics: no random index for this matrix order")
	// ErrWeightSum: weights do not sum to 1 within tolerance (they are never renormalised silently).
	ErrWeightSum = errors.New("statistics: weights do not sum to 1")
	// ErrDegenerate: the data make the formula undefined (a zero denominator other than a variance,
	// a baseline equal to its target, an eigenvalue problem without a positive Perron vector).
	ErrDegenerate = errors.New("statistics: degenerate input")
	// ErrUnknownLabel: a rubric label has no score.
	ErrUnknownLabel = errors.New("statistics: unknown rubric label")
)

// CellError locates a data problem at a row and column of the input (0-based; -1 when the
// problem concerns a whole column or row). It unwraps to one of the sentinel errors.
type CellError struct {
	Row, Col int
	Err      error
}

// Error reports the location and the problem.
func (e *CellError) Error() string {
	switch {
	case e.Row >= 0 && e.Col >= 0:
		return fmt.Sprintf("[%d][%d]: %v", e.Row, e.Col, e.Err)
	case e.Col >= 0:
		return fmt.Sprintf("column %d: %v", e.Col, e.Err)
	case e.Row >= 0:
		return fmt.Sprintf("row %d: %v", e.Row, e.Err)
	}
	return e.Err.Error()
}

// Unwrap returns the sentinel error.
func (e *CellError) Unwrap() error { return e.Err }

func cellErr(row, col int, err error) error { return &CellError{Row: row, Col: col, Err: err} }

// Polarity says which direction of an indicator is better.
type Polarity int

const (
	// Higher: larger values are better.
	Higher Polarity = iota
	// Lower: smaller values are better (cost criteria).
	Lower
	// Target: values closest to a target are best.
	Target
)

// String returns "higher", "lower" or "target".
func (p Polarity) String() string {
	switch p {
	case Higher:
		return "higher"
	case Lower:
		return "lower"
	case Target:
		return "target"
	}
	return fmt.Sprintf("Polarity(%d)", int(p))
}

// ParsePolarity parses "higher", "lower" or "target".
func ParsePolarity(s string) (Polarity, error) {
	switch s {
	case "higher":
		return Higher, nil
	case "lower":
		return Lower, nil
	case "target":
		return Target, nil
	}
	return 0, fmt.Errorf("statistics: unknown polarity %q (want higher, lower or target)", s)
}

func checkDirectional(p Polarity) {
	if p != Higher && p != Lower {
		panic("statistics: polarity must be Higher or Lower here")
	}
}
