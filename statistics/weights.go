package statistics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// checkMatrix verifies that x is finite and that pol (if not nil) has one entry per column; it
// returns the dimensions.
func checkMatrix(x mat.Matrix, pol []Polarity) (int, int, error) {
	r, c := x.Dims()
	if pol != nil && len(pol) != c {
		panic(fmt.Sprintf("statistics: %d polarities for %d columns", len(pol), c))
	}
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			if v := x.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, 0, cellErr(i, j, ErrNonFinite)
			}
		}
	}
	return r, c, nil
}

// minMaxColumns returns the polarity-aware min–max normalisation of x on [0, 1]:
// r_ij = (x_ij − min_i x_ij)/(max_i x_ij − min_i x_ij) for Higher and
// (max_i x_ij − x_ij)/(max − min) for Lower (Diakoulaki et al. 1995, §3). A constant column
// returns a *CellError wrapping ErrZeroVariance.
func minMaxColumns(x mat.Matrix, pol []Polarity) (*mat.Dense, error) {
	r, c := x.Dims()
	out := mat.NewDense(r, c, nil)
	for j := 0; j < c; j++ {
		p := Higher
		if pol != nil {
			p = pol[j]
		}
		checkDirectional(p)
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := 0; i < r; i++ {
			lo = math.Min(lo, x.At(i, j))
			hi = math.Max(hi, x.At(i, j))
		}
		if hi == lo {
			return nil, cellErr(-1, j, ErrZeroVariance)
		}
		for i := 0; i < r; i++ {
			v := (x.At(i, j) - lo) / (hi - lo)
			if p == Lower {
				v = (hi - x.At(i, j)) / (hi - lo)
			}
			out.Set(i, j, v)
		}
	}
	return out, nil
}

// EntropyNormalization selects how the entropy method turns a column into proportions.
type EntropyNormalization int

const (
	// EntropyMinMax: polarity-aware min–max scores r_ij on [0, 1] first, then p_ij = r_ij/Σ_i r_ij.
	// A constant column is an error (ErrZeroVariance).
	EntropyMinMax EntropyNormalization = iota
	// EntropyProportion: p_ij = x_ij/Σ_i x_ij on the raw, non-negative values (Hwang & Yoon 1981,
	// p. 53; Zeleny 1982); polarity is not used, since the entropy of a column measures its
	// dispersion, not its direction. Negative values are an error; a zero column sum too.
	EntropyProportion
)

// EntropyWeights computes Shannon-entropy weights for the columns of x (m rows, n columns):
//
//	e_j = −(1/ln m) Σ_i p_ij ln p_ij,  d_j = 1 − e_j,  w_j = d_j / Σ_k d_k
//
// with the convention 0·ln 0 = 0 (the limit of p ln p as p → 0). p_ij as chosen by norm (see
// EntropyNormalization). Sources: Shannon (1948); Zeleny (1982), Multiple Criteria Decision
// Making, McGraw-Hill, §7.4; Hwang & Yoon (1981), Multiple Attribute Decision Making, Springer,
// pp. 52–54. pol may be nil (all Higher) and is used only by EntropyMinMax. It returns ErrTooFew
// for fewer than two rows and ErrZeroVariance when every column is uniform (all d_j = 0).
func EntropyWeights(dst []float64, x mat.Matrix, pol []Polarity, norm EntropyNormalization) ([]float64, error) {
	m, n, err := checkMatrix(x, pol)
	if err != nil {
		return nil, err
	}
	dst = resize(dst, n)
	if m < 2 {
		return nil, ErrTooFew
	}
	var p mat.Matrix
	switch norm {
	case EntropyMinMax:
		d, err := minMaxColumns(x, pol)
		if err != nil {
			return nil, err
		}
		p = d
	case EntropyProportion:
		for i := 0; i < m; i++ {
			for j := 0; j < n; j++ {
				if x.At(i, j) < 0 {
					return nil, cellErr(i, j, ErrNegative)
				}
			}
		}
		p = x
	default:
		panic("statistics: unknown EntropyNormalization")
	}
	k := 1 / math.Log(float64(m))
	var total float64
	for j := 0; j < n; j++ {
		var s float64
		for i := 0; i < m; i++ {
			s += p.At(i, j)
		}
		if s == 0 {
			return nil, cellErr(-1, j, ErrZeroVariance)
		}
		var h float64
		for i := 0; i < m; i++ {
			if q := p.At(i, j) / s; q > 0 {
				h -= q * math.Log(q)
			}
		}
		dst[j] = math.Max(0, 1-k*h)
		total += dst[j]
	}
	if total == 0 {
		return nil, ErrZeroVariance
	}
	for j := range dst {
		dst[j] /= total
	}
	return dst, nil
}

// CRITICWeights computes the CRITIC weights of Diakoulaki, Mavrotas & Papayannakis (1995),
// "Determining objective weights in multiple criteria problems: the CRITIC method", Computers &
// Operations Research 22(7), 763–770, eqs. (1)–(3):
//
//	r_ij polarity-aware min–max scores on [0, 1];  C_j = σ_j · Σ_k (1 − ρ_jk);  w_j = C_j / Σ C
//
// with σ_j the standard deviation of column j of r (the divisor cancels in w) and ρ_jk Pearson's
// correlation between columns j and k of r. pol may be nil (all Higher). A constant column returns
// ErrZeroVariance; fewer than two rows ErrTooFew.
func CRITICWeights(dst []float64, x mat.Matrix, pol []Polarity) ([]float64, error) {
	m, n, err := checkMatrix(x, pol)
	if err != nil {
		return nil, err
	}
	dst = resize(dst, n)
	if m < 2 {
		return nil, ErrTooFew
	}
	r, err := minMaxColumns(x, pol)
	if err != nil {
		return nil, err
	}
	cols := make([][]float64, n)
	sd := make([]float64, n)
	for j := range cols {
		cols[j] = mat.Col(nil, j, r)
		var mean float64
		mean, sd[j] = meanSD(cols[j])
		for i := range cols[j] {
			cols[j][i] -= mean
		}
	}
	var total float64
	for j := 0; j < n; j++ {
		var conflict float64
		for k := 0; k < n; k++ {
			conflict += 1 - pearsonCentred(cols[j], cols[k])
		}
		dst[j] = sd[j] * conflict
		total += dst[j]
	}
	if total == 0 {
		return nil, ErrDegenerate
	}
	for j := range dst {
		dst[j] /= total
	}
	return dst, nil
}

func pearsonCentred(a, b []float64) float64 {
	var ab, aa, bb float64
	for i := range a {
		ab += a[i] * b[i]
		aa += a[i] * a[i]
		bb += b[i] * b[i]
	}
	return ab / math.Sqrt(aa*bb)
}

// SDWeights computes standard-deviation weights w_j = σ_j / Σ_k σ_k, σ_j the standard deviation
// of the polarity-aware min–max scores of column j (so that units do not matter); this is the
// "SD" objective weighting of Diakoulaki et al. (1995, §2) and Wang & Luo (2010), "Integration of
// correlations with standard deviations for determining attribute weights in multiple attribute
// decision making", Math. Comput. Modelling 51, 1–12. A constant column returns ErrZeroVariance.
func SDWeights(dst []float64, x mat.Matrix, pol []Polarity) ([]float64, error) {
	m, n, err := checkMatrix(x, pol)
	if err != nil {
		return nil, err
	}
	dst = resize(dst, n)
	if m < 2 {
		return nil, ErrTooFew
	}
	r, err := minMaxColumns(x, pol)
	if err != nil {
		return nil, err
	}
	var total float64
	for j := 0; j < n; j++ {
		_, dst[j] = meanSD(mat.Col(nil, j, r))
		total += dst[j]
	}
	for j := range dst {
		dst[j] /= total
	}
	return dst, nil
}

// CVWeights computes coefficient-of-variation weights on the raw values, w_j = v_j / Σ_k v_k with
// v_j = s_j/|x̄_j| (s_j the sample standard deviation): the "coefficient of variation method"
// (变异系数法) of evaluation practice. The CV is the scale-free spread (Everitt & Skrondal, The
// Cambridge Dictionary of Statistics, 4th ed., 2010), so the method suits ratio-scale data with a
// meaningful zero. A column with zero mean returns ErrDegenerate, a constant column
// ErrZeroVariance.
func CVWeights(dst []float64, x mat.Matrix) ([]float64, error) {
	m, n, err := checkMatrix(x, nil)
	if err != nil {
		return nil, err
	}
	dst = resize(dst, n)
	if m < 2 {
		return nil, ErrTooFew
	}
	var total float64
	for j := 0; j < n; j++ {
		mean, sd := meanSD(mat.Col(nil, j, x))
		if sd == 0 {
			return nil, cellErr(-1, j, ErrZeroVariance)
		}
		if mean == 0 {
			return nil, cellErr(-1, j, detail(ErrDegenerate, CheckZeroMean, "zero mean"))
		}
		dst[j] = sd / math.Abs(mean)
		total += dst[j]
	}
	for j := range dst {
		dst[j] /= total
	}
	return dst, nil
}

// CombineLinear returns w_j = α·s_j + (1 − α)·o_j for subjective weights s and objective weights
// o, each summing to 1, so w sums to 1 (the linear integration of Ma, Fan & Huang 1999,
// "A subjective and objective integrated approach to determine attribute weights", EJOR 112,
// 397–404). α must lie in [0, 1].
func CombineLinear(dst, s, o []float64, alpha float64) []float64 {
	if len(s) != len(o) {
		panic("statistics: CombineLinear length mismatch")
	}
	if !(alpha >= 0 && alpha <= 1) {
		panic("statistics: CombineLinear alpha outside [0, 1]")
	}
	dst = resize(dst, len(s))
	for j := range s {
		dst[j] = alpha*s[j] + (1-alpha)*o[j]
	}
	return dst
}

// CombineProduct returns the normalised product w_j = s_j·o_j / Σ_k s_k·o_k (the multiplicative
// synthesis, Xu 2004, "A note on the subjective and objective integrated approach to determine
// attribute weights", EJOR 156, 530–532). It returns ErrDegenerate when every product is zero.
func CombineProduct(dst, s, o []float64) ([]float64, error) {
	if len(s) != len(o) {
		panic("statistics: CombineProduct length mismatch")
	}
	dst = resize(dst, len(s))
	var total float64
	for j := range s {
		dst[j] = s[j] * o[j]
		total += dst[j]
	}
	if !(total > 0) {
		return nil, ErrDegenerate
	}
	for j := range dst {
		dst[j] /= total
	}
	return dst, nil
}

// Tree is a weight hierarchy: each node holds its local weight among its siblings, and leaves
// name an indicator column. The global weight of a leaf is the product of the local weights on
// the path from the root (Saaty 1980, ch. 3, hierarchic composition); the root's own Weight is
// ignored.
type Tree struct {
	Name string
	// Weight is the node's local weight among its siblings.
	Weight float64
	// Indicator is the column of a leaf in the score matrix.
	Indicator int
	Children  []*Tree
}

// Validate checks that every group of siblings has finite non-negative local weights summing to
// 1 within tol, and that the leaves name each column 0…n−1 exactly once; n is the number of
// leaves. Errors wrap ErrWeightSum, ErrNegative or ErrNonFinite and name the node.
func (t *Tree) Validate(tol float64) (n int, err error) {
	seen := map[int]bool{}
	var walk func(*Tree, string) error
	walk = func(node *Tree, path string) error {
		if len(node.Children) == 0 {
			if node.Indicator < 0 || seen[node.Indicator] {
				return detail(ErrDegenerate, CheckLeaf, fmt.Sprintf("%s: indicator %d repeated or negative", path, node.Indicator), "node", path, "indicator", node.Indicator)
			}
			seen[node.Indicator] = true
			return nil
		}
		w := make([]float64, len(node.Children))
		for i, c := range node.Children {
			w[i] = c.Weight
		}
		if err := CheckWeights(w, tol); err != nil {
			return detail(err, CheckInNode, "children of "+path, "node", path)
		}
		for i, c := range node.Children {
			if err := walk(c, fmt.Sprintf("%s/%d", path, i)); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(t, "root"); err != nil {
		return 0, err
	}
	for i := 0; i < len(seen); i++ {
		if !seen[i] {
			return 0, detail(ErrDegenerate, CheckNoLeaf, fmt.Sprintf("indicator %d has no leaf", i), "indicator", i)
		}
	}
	return len(seen), nil
}

// GlobalWeights fills dst[Indicator] with each leaf's global weight, the product of the local
// weights on its path (Saaty 1980, ch. 3). dst must have one entry per leaf.
func (t *Tree) GlobalWeights(dst []float64) []float64 {
	var walk func(*Tree, float64)
	walk = func(node *Tree, g float64) {
		if len(node.Children) == 0 {
			dst[node.Indicator] = g
			return
		}
		for _, c := range node.Children {
			walk(c, g*c.Weight)
		}
	}
	if dst == nil {
		dst = make([]float64, t.countLeaves())
	}
	walk(t, 1)
	return dst
}

func (t *Tree) countLeaves() int {
	if len(t.Children) == 0 {
		return 1
	}
	n := 0
	for _, c := range t.Children {
		n += c.countLeaves()
	}
	return n
}

// FlatTree returns a one-level tree whose leaves carry the weights w for indicators 0…len(w)−1.
func FlatTree(w []float64) *Tree {
	t := &Tree{Name: "root"}
	for j, v := range w {
		t.Children = append(t.Children, &Tree{Name: fmt.Sprint(j), Weight: v, Indicator: j})
	}
	return t
}
