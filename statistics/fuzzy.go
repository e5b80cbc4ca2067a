package statistics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// FuzzyOperator is the composition operator M(⊗, ⊕) of fuzzy comprehensive evaluation,
// b_j = ⊕_i (a_i ⊗ r_ij).
type FuzzyOperator int

const (
	// FuzzyWeightedAverage is M(·, ⊕): b_j = min(1, Σ_i a_i r_ij), the weighted average (with
	// Σa = 1 and rows of R summing to 1, Σ_i a_i r_ij ≤ 1 and the bound never binds).
	FuzzyWeightedAverage FuzzyOperator = iota
	// FuzzyMaxMin is Zadeh's M(∧, ∨): b_j = max_i min(a_i, r_ij).
	FuzzyMaxMin
	// FuzzyMaxProduct is M(·, ∨): b_j = max_i a_i r_ij.
	FuzzyMaxProduct
	// FuzzyBoundedSum is M(∧, ⊕): b_j = min(1, Σ_i min(a_i, r_ij)).
	FuzzyBoundedSum
)

var fuzzyOperatorNames = []string{"weighted-average", "max-min", "max-product", "bounded-sum"}

// String returns the name ParseFuzzyOperator accepts.
func (op FuzzyOperator) String() string {
	if op >= 0 && int(op) < len(fuzzyOperatorNames) {
		return fuzzyOperatorNames[op]
	}
	return fmt.Sprintf("FuzzyOperator(%d)", int(op))
}

// ParseFuzzyOperator parses "weighted-average", "max-min", "max-product" or "bounded-sum".
func ParseFuzzyOperator(s string) (FuzzyOperator, error) {
	for k, name := range fuzzyOperatorNames {
		if s == name {
			return FuzzyOperator(k), nil
		}
	}
	return 0, fmt.Errorf("statistics: unknown fuzzy operator %q", s)
}

// FuzzyCompose fills dst with the fuzzy comprehensive evaluation vector B = A ∘ R of the factor
// weights a (length k) and the membership matrix r (k factors × g grades) under op (see the
// FuzzyOperator constants). The four operators are the classical models of fuzzy comprehensive
// evaluation (Wang Peizhuang 1983, Fuzzy Set Theory and Its Applications, Shanghai Scientific &
// Technical Publishers, ch. 7; Xie Jijian & Liu Chengping, Fuzzy Mathematics Methods and Their
// Applications, 4th ed., Huazhong University of Science & Technology Press 2013, §4.2), with
// a ⊕ b = min(1, a + b) the bounded sum. Weights must be non-negative and memberships in [0, 1]
// (a *CellError wrapping ErrNegative or ErrDegenerate otherwise). B is not normalised; see
// MaxMembership and FuzzyScore. Mismatched lengths or an unknown operator panic.
func FuzzyCompose(dst, a []float64, r mat.Matrix, op FuzzyOperator) ([]float64, error) {
	k, g := r.Dims()
	if len(a) != k {
		panic("statistics: fuzzy weights length does not match membership rows")
	}
	if op < FuzzyWeightedAverage || op > FuzzyBoundedSum {
		panic("statistics: unknown FuzzyOperator")
	}
	dst = resize(dst, g)
	if err := checkFinite(a); err != nil {
		return nil, err
	}
	for i, v := range a {
		if v < 0 {
			return nil, cellErr(i, -1, ErrNegative)
		}
	}
	if _, _, err := checkMatrix(r, nil); err != nil {
		return nil, err
	}
	for i := 0; i < k; i++ {
		for j := 0; j < g; j++ {
			if v := r.At(i, j); v < 0 || v > 1 {
				return nil, cellErr(i, j, detail(ErrDegenerate, CheckMembershipRange, fmt.Sprintf("membership %v outside [0, 1]", v), "value", v))
			}
		}
	}
	for j := 0; j < g; j++ {
		var b float64
		for i := 0; i < k; i++ {
			v := r.At(i, j)
			switch op {
			case FuzzyWeightedAverage:
				b += a[i] * v
			case FuzzyMaxMin:
				b = math.Max(b, math.Min(a[i], v))
			case FuzzyMaxProduct:
				b = math.Max(b, a[i]*v)
			case FuzzyBoundedSum:
				b += math.Min(a[i], v)
			}
		}
		if op == FuzzyWeightedAverage || op == FuzzyBoundedSum {
			b = math.Min(1, b)
		}
		dst[j] = b
	}
	return dst, nil
}

// MaxMembership returns the index of the largest component of b, the grade chosen by the
// maximum-membership principle (the first one on ties). It panics on an empty b.
func MaxMembership(b []float64) int {
	if len(b) == 0 {
		panic("statistics: MaxMembership of an empty vector")
	}
	k := 0
	for j, v := range b {
		if v > b[k] {
			k = j
		}
	}
	return k
}

// FuzzyScore returns the weighted score of an evaluation vector against grade scores,
// s = Σ_j b_j c_j / Σ_j b_j (the weighted-average principle of fuzzy comprehensive evaluation,
// which normalises b first; Xie & Liu 2013, §4.2). It returns ErrDegenerate when Σb = 0 and panics
// on mismatched lengths.
func FuzzyScore(b, scores []float64) (float64, error) {
	if len(b) != len(scores) {
		panic("statistics: grade scores length does not match the evaluation vector")
	}
	var s, t float64
	for j := range b {
		s += b[j] * scores[j]
		t += b[j]
	}
	if !(t > 0) {
		return 0, detail(ErrDegenerate, CheckEvaluationSum, fmt.Sprintf("evaluation vector sums to %v", t), "sum", t)
	}
	return s / t, nil
}

// MembershipFromCounts turns rating distributions into a membership matrix: counts holds, for
// each factor (row), how many raters chose each grade (column), and r_ij = n_ij / Σ_j n_ij, the
// frequency method of fuzzy statistics (Wang 1983, ch. 2). dst may be nil. A negative count is a
// *CellError wrapping ErrNegative; a row without ratings wraps ErrTooFew.
func MembershipFromCounts(dst *mat.Dense, counts mat.Matrix) (*mat.Dense, error) {
	k, g, err := checkMatrix(counts, nil)
	if err != nil {
		return nil, err
	}
	if dst == nil {
		dst = mat.NewDense(k, g, nil)
	} else if r, c := dst.Dims(); r != k || c != g {
		panic("statistics: MembershipFromCounts destination has the wrong shape")
	}
	for i := 0; i < k; i++ {
		var t float64
		for j := 0; j < g; j++ {
			v := counts.At(i, j)
			if v < 0 {
				return nil, cellErr(i, j, ErrNegative)
			}
			t += v
		}
		if t == 0 {
			return nil, cellErr(i, -1, ErrTooFew)
		}
		for j := 0; j < g; j++ {
			dst.Set(i, j, counts.At(i, j)/t)
		}
	}
	return dst, nil
}

// TriangularMembership fills dst with the memberships of the value x in grades whose typical
// values are the strictly increasing centres c_1 < … < c_g: between adjacent centres the
// membership moves linearly from one grade to the next,
//
//	μ_j(x) = (c_{j+1} − x)/(c_{j+1} − c_j),  μ_{j+1}(x) = (x − c_j)/(c_{j+1} − c_j)  for c_j ≤ x ≤ c_{j+1},
//
// and beyond the ends the end grade has membership 1 (the "lower and upper semi-trapezoid"
// partition; Xie & Liu 2013, §1.4). The memberships sum to 1. For a lower-is-better indicator pass
// its centres in increasing order and reverse the result. It panics unless the centres increase
// strictly and x is finite.
func TriangularMembership(dst []float64, x float64, centres []float64) []float64 {
	g := len(centres)
	if g == 0 {
		panic("statistics: TriangularMembership needs centres")
	}
	for j := 1; j < g; j++ {
		if !(centres[j] > centres[j-1]) {
			panic("statistics: membership centres must increase strictly")
		}
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		panic("statistics: TriangularMembership of a non-finite value")
	}
	dst = resize(dst, g)
	for j := range dst {
		dst[j] = 0
	}
	switch {
	case x <= centres[0]:
		dst[0] = 1
	case x >= centres[g-1]:
		dst[g-1] = 1
	default:
		for j := 0; j+1 < g; j++ {
			if x <= centres[j+1] {
				h := centres[j+1] - centres[j]
				dst[j] = (centres[j+1] - x) / h
				dst[j+1] = (x - centres[j]) / h
				break
			}
		}
	}
	return dst
}

// FuzzyGroup is one group of factors at the lower level of a multi-level evaluation: the local
// weights of its factors and their membership matrix (factors × grades).
type FuzzyGroup struct {
	Weights    []float64
	Membership mat.Matrix
}

// FuzzyLevel evaluates each group (B_k = A_k ∘ R_k under op) and returns the matrix whose row k
// is B_k: the membership matrix of the next level up, to be composed with the groups' weights by
// FuzzyCompose (multi-level fuzzy comprehensive evaluation; Xie & Liu 2013, §4.3). Applied
// repeatedly it evaluates hierarchies of any depth. With op = FuzzyWeightedAverage the result of
// two levels equals a one-level evaluation with the products of the weights. All groups must
// have the same number of grades, else it panics.
func FuzzyLevel(groups []FuzzyGroup, op FuzzyOperator) (*mat.Dense, error) {
	if len(groups) == 0 {
		panic("statistics: FuzzyLevel needs groups")
	}
	_, g := groups[0].Membership.Dims()
	out := mat.NewDense(len(groups), g, nil)
	for k, grp := range groups {
		if _, c := grp.Membership.Dims(); c != g {
			panic("statistics: fuzzy groups have different numbers of grades")
		}
		b, err := FuzzyCompose(nil, grp.Weights, grp.Membership, op)
		if err != nil {
			return nil, detail(err, CheckInGroup, fmt.Sprintf("group %d", k), "group", k)
		}
		out.SetRow(k, b)
	}
	return out, nil
}
