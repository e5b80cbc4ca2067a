package statistics

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// ErrNotOnScale: a pairwise judgment is not an integer 1…9 of Saaty's scale or its reciprocal,
// so it cannot be carried over to another judgment scale.
var ErrNotOnScale = errors.New("statistics: judgment is not on Saaty's 1–9 scale")

// JudgmentScale maps a verbal judgment, recorded as Saaty's integer x = 1…9, to the ratio c(x)
// it stands for. The scale functions are those listed by Goepel (2019), "Comparison of judgment
// scales of the analytical hierarchy process — a new approach", Int. J. Information Technology &
// Decision Making 18(2), 445–463, Table 1, and offered by his AHP-OS software, plus the
// exponential scale of the Chinese AHP literature.
type JudgmentScale int

const (
	// ScaleSaaty: c = x (Saaty 1980).
	ScaleSaaty JudgmentScale = iota
	// ScaleBalanced: c = w/(1 − w), w = 0.45 + 0.05x, i.e. c = (9 + x)/(11 − x): 10/10, 11/9, …,
	// 18/2, the balanced scale of Salo & Hämäläinen (1997), J. Multi-Criteria Decision Analysis 6,
	// 309–319, known in Chinese work as the 10/10–18/2 scale.
	ScaleBalanced
	// ScalePower: c = x² (Harker & Vargas 1987, Management Science 33, 1383–1403).
	ScalePower
	// ScaleGeometric: c = 2^(x − 1) (Lootsma 1989, the geometric scale with step √2 squared;
	// Goepel 2019, Table 1).
	ScaleGeometric
	// ScaleMaZheng: c = 9/(10 − x): 9/9, 9/8, …, 9/1, the inverse-linear scale of Ma & Zheng (1991),
	// the 9/9–9/1 scale.
	ScaleMaZheng
	// ScaleExponential: c = 9^((x − 1)/8), equal ratios between steps from 1 to 9 (the exponential
	// scale of the Chinese AHP literature, e.g. Hou Yueheng & Shen Dejia 1995, Systems Engineering
	// — Theory & Practice).
	ScaleExponential
	// ScaleLogarithmic: c = log₂(x + 1) (Ishizaka, Balkenborg & Kaplan 2011, JORS 62, 700–710).
	ScaleLogarithmic
	// ScaleRootSquare: c = √x (Harker & Vargas 1987).
	ScaleRootSquare
)

var scaleNames = []string{"saaty", "balanced", "power", "geometric", "ma-zheng", "exponential", "logarithmic", "root-square"}

// String returns the name ParseJudgmentScale accepts.
func (s JudgmentScale) String() string {
	if s >= 0 && int(s) < len(scaleNames) {
		return scaleNames[s]
	}
	return fmt.Sprintf("JudgmentScale(%d)", int(s))
}

// ParseJudgmentScale parses a scale name: "saaty", "balanced" (also "salo-hamalainen",
// "10/10-18/2"), "power", "geometric" (also "lootsma"), "ma-zheng" (also "inverse-linear",
// "9/9-9/1"), "exponential", "logarithmic" or "root-square".
func ParseJudgmentScale(name string) (JudgmentScale, error) {
	switch name {
	case "salo-hamalainen", "10/10-18/2":
		return ScaleBalanced, nil
	case "lootsma":
		return ScaleGeometric, nil
	case "inverse-linear", "9/9-9/1":
		return ScaleMaZheng, nil
	}
	for k, n := range scaleNames {
		if n == name {
			return JudgmentScale(k), nil
		}
	}
	return 0, fmt.Errorf("statistics: unknown judgment scale %q", name)
}

// Value returns c(x) for Saaty's x ∈ [1, 9] (see the JudgmentScale constants); c(1) = 1 and
// c increases with x on every scale. x outside [1, 9] or an unknown scale panics.
func (s JudgmentScale) Value(x float64) float64 {
	if !(x >= 1 && x <= 9) {
		panic("statistics: judgment scale value outside 1…9")
	}
	switch s {
	case ScaleSaaty:
		return x
	case ScaleBalanced:
		return (9 + x) / (11 - x)
	case ScalePower:
		return x * x
	case ScaleGeometric:
		return math.Pow(2, x-1)
	case ScaleMaZheng:
		return 9 / (10 - x)
	case ScaleExponential:
		return math.Pow(9, (x-1)/8)
	case ScaleLogarithmic:
		return math.Log2(x + 1)
	case ScaleRootSquare:
		return math.Sqrt(x)
	}
	panic("statistics: unknown JudgmentScale")
}

// saatyStep returns the signed position p ∈ [−8, 8] of a judgment on the 17-point scale
// 1/9 … 1/2, 1, 2 … 9 (p = x − 1 for a = x ≥ 1, p = −(x − 1) for a = 1/x), accepting a relative
// error tol in x (0.333 is 3 within tol 0.01).
func saatyStep(a, tol float64) (int, bool) {
	if !(a > 0) || math.IsInf(a, 0) {
		return 0, false
	}
	sign, x := 1, a
	if a < 1 {
		sign, x = -1, 1/a
	}
	r := math.Round(x)
	if r < 1 || r > 9 || math.Abs(x-r) > tol*r {
		return 0, false
	}
	return sign * int(r-1), true
}

// stepValue is the ratio of step p on scale s.
func (s JudgmentScale) stepValue(p int) float64 {
	if p >= 0 {
		return s.Value(float64(p + 1))
	}
	return 1 / s.Value(float64(1-p))
}

// RescaleJudgments fills dst (nil: a new matrix) with the pairwise matrix a re-expressed on scale
// s: each judgment a_ij = x (an integer 1…9 within relative tolerance tol) becomes c(x) and each
// a_ij = 1/x becomes 1/c(x) — the "scale applied after the fact" of AHP-OS (Goepel 2019, §2).
// Zero entries (missing judgments) stay 0. A judgment off the scale is a *CellError wrapping
// ErrNotOnScale. a must be square (else it panics).
func RescaleJudgments(dst *mat.Dense, a mat.Matrix, s JudgmentScale, tol float64) (*mat.Dense, error) {
	n, c := a.Dims()
	if n != c {
		panic("statistics: RescaleJudgments needs a square matrix")
	}
	if dst == nil {
		dst = mat.NewDense(n, n, nil)
	} else if r, cc := dst.Dims(); r != n || cc != n {
		panic("statistics: RescaleJudgments destination has the wrong shape")
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			v := a.At(i, j)
			if v == 0 {
				dst.Set(i, j, 0)
				continue
			}
			p, ok := saatyStep(v, tol)
			if !ok {
				return nil, cellErr(i, j, detail(ErrNotOnScale, CheckScale, fmt.Sprint(v), "value", v))
			}
			dst.Set(i, j, s.stepValue(p))
		}
	}
	return dst, nil
}

// JudgmentUncertaintyOptions configures JudgmentUncertainty.
type JudgmentUncertaintyOptions struct {
	Scale  JudgmentScale
	Method PriorityMethod
	// Steps k: each judgment moves by a uniform random integer in [−k, k] steps on the 17-point
	// scale 1/9 … 1 … 9, clamped at the ends.
	Steps   int
	Samples int
	Seed    uint64
	// Level of the central interval (default 0.90: the 5th and 95th percentiles).
	Level float64
	// Tolerance for reading judgments as Saaty values (default 0.01).
	Tolerance float64
}

// JudgmentUncertaintyResult holds point weights and their Monte Carlo intervals.
type JudgmentUncertaintyResult struct {
	// Weights are the priorities of the matrix on the chosen scale, unperturbed.
	Weights []float64
	// Mean, Lo and Hi summarise the perturbed priorities (Lo, Hi: type-7 quantiles at
	// (1 ∓ Level)/2).
	Mean, Lo, Hi []float64
}

// JudgmentUncertainty propagates judgment-level uncertainty to AHP priorities: in each of Samples
// draws every upper-triangle judgment of the complete Saaty-scale matrix a is moved by a uniform
// random whole number of steps in [−Steps, Steps] on the 17-point scale (clamped to 1/9 … 9), its
// reciprocal set below the diagonal, the matrix expressed on opts.Scale, and the priorities derived
// by opts.Method. The draws use PCG(seed, 0xda3e39cb94b95bdb). This is the judgment-variation idea
// of AHP-OS's weight-uncertainty estimate (Goepel 2019, §5), with whole steps so that every
// perturbed judgment is again a verbal judgment. A judgment off the scale is a *CellError wrapping
// ErrNotOnScale; missing (0) judgments are not accepted here (complete the matrix first), nor is a
// non-reciprocal pair (ErrNotReciprocal). Negative Steps, Samples < 1 or a level outside (0, 1)
// panic.
func JudgmentUncertainty(a mat.Matrix, opts JudgmentUncertaintyOptions) (*JudgmentUncertaintyResult, error) {
	n, c := a.Dims()
	if n != c {
		panic("statistics: JudgmentUncertainty needs a square matrix")
	}
	if opts.Steps < 0 || opts.Samples < 1 {
		panic("statistics: JudgmentUncertainty needs Steps ≥ 0 and Samples ≥ 1")
	}
	level := opts.Level
	if level == 0 {
		level = 0.90
	}
	if !(level > 0 && level < 1) {
		panic("statistics: JudgmentUncertainty level outside (0, 1)")
	}
	tol := opts.Tolerance
	if tol == 0 {
		tol = 0.01
	}
	// Steps of the upper triangle.
	type pair struct{ i, j, p int }
	var pairs []pair
	for i := 0; i < n; i++ {
		if d := a.At(i, i); math.Abs(d-1) > 1e-9 {
			return nil, cellErr(i, i, ErrDiagonal)
		}
		for j := i + 1; j < n; j++ {
			p, ok := saatyStep(a.At(i, j), tol)
			if !ok {
				return nil, cellErr(i, j, detail(ErrNotOnScale, CheckScale, fmt.Sprint(a.At(i, j)), "value", a.At(i, j)))
			}
			q, ok := saatyStep(a.At(j, i), tol)
			if !ok {
				return nil, cellErr(j, i, detail(ErrNotOnScale, CheckScale, fmt.Sprint(a.At(j, i)), "value", a.At(j, i)))
			}
			if q != -p {
				return nil, cellErr(i, j, ErrNotReciprocal)
			}
			pairs = append(pairs, pair{i, j, p})
		}
	}
	m := mat.NewDense(n, n, nil)
	w := make([]float64, n)
	priorities := func() error {
		if opts.Method == GeometricMean {
			RowGeometricMean(w, m)
			return nil
		}
		_, _, err := PrincipalEigen(w, m)
		return err
	}
	fill := func(step func(p int) int) {
		for i := 0; i < n; i++ {
			m.Set(i, i, 1)
		}
		for _, pr := range pairs {
			v := opts.Scale.stepValue(step(pr.p))
			m.Set(pr.i, pr.j, v)
			m.Set(pr.j, pr.i, 1/v)
		}
	}
	fill(func(p int) int { return p })
	if err := priorities(); err != nil {
		return nil, err
	}
	res := &JudgmentUncertaintyResult{Weights: append([]float64(nil), w...), Mean: make([]float64, n), Lo: make([]float64, n), Hi: make([]float64, n)}
	rng := rand.New(rand.NewPCG(opts.Seed, 0xda3e39cb94b95bdb))
	draws := make([][]float64, n)
	for i := range draws {
		draws[i] = make([]float64, opts.Samples)
	}
	k := opts.Steps
	for s := 0; s < opts.Samples; s++ {
		fill(func(p int) int {
			q := p + rng.IntN(2*k+1) - k
			return max(-8, min(8, q))
		})
		if err := priorities(); err != nil {
			return nil, detail(err, CheckInSample, fmt.Sprintf("sample %d", s), "sample", s)
		}
		for i := range w {
			draws[i][s] = w[i]
			res.Mean[i] += w[i]
		}
	}
	for i := range draws {
		res.Mean[i] /= float64(opts.Samples)
		sort.Float64s(draws[i])
		res.Lo[i] = quantileSorted((1-level)/2, draws[i])
		res.Hi[i] = quantileSorted((1+level)/2, draws[i])
	}
	return res, nil
}
