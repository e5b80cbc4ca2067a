package statistics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// PreferenceKind names one of the six generalised criteria of PROMETHEE.
type PreferenceKind int

const (
	// PrefUsual: P(d) = 0 for d ≤ 0, 1 for d > 0.
	PrefUsual PreferenceKind = iota
	// PrefUShape (quasi-criterion, threshold q): P(d) = 0 for d ≤ q, 1 for d > q.
	PrefUShape
	// PrefVShape (linear preference, threshold p): P(d) = 0 for d ≤ 0, d/p for 0 < d ≤ p, 1 for d > p.
	PrefVShape
	// PrefLevel (thresholds q < p): P(d) = 0 for d ≤ q, 1/2 for q < d ≤ p, 1 for d > p.
	PrefLevel
	// PrefLinear (V-shape with indifference, q < p): P(d) = 0 for d ≤ q, (d − q)/(p − q) for
	// q < d ≤ p, 1 for d > p.
	PrefLinear
	// PrefGaussian (parameter s): P(d) = 0 for d ≤ 0, 1 − exp(−d²/(2s²)) for d > 0.
	PrefGaussian
)

// ParsePreferenceKind parses "usual", "u-shape", "v-shape", "level", "linear" or "gaussian".
func ParsePreferenceKind(s string) (PreferenceKind, error) {
	for k, name := range preferenceNames {
		if s == name {
			return PreferenceKind(k), nil
		}
	}
	return 0, fmt.Errorf("statistics: unknown preference function %q", s)
}

var preferenceNames = []string{"usual", "u-shape", "v-shape", "level", "linear", "gaussian"}

// String returns the name ParsePreferenceKind accepts.
func (k PreferenceKind) String() string {
	if k >= 0 && int(k) < len(preferenceNames) {
		return preferenceNames[k]
	}
	return fmt.Sprintf("PreferenceKind(%d)", int(k))
}

// PreferenceFunction is a PROMETHEE generalised criterion with its thresholds: Q the indifference
// threshold (u-shape, level, linear), P the preference threshold (v-shape, level, linear) and S
// the Gaussian parameter, all in the units of the criterion.
type PreferenceFunction struct {
	Kind    PreferenceKind
	Q, P, S float64
}

// Check panics unless the thresholds suit the kind: Q ≥ 0 (u-shape), P > 0 (v-shape),
// 0 ≤ Q < P (level, linear), S > 0 (gaussian), all finite.
func (f PreferenceFunction) Check() {
	ok := true
	fin := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch f.Kind {
	case PrefUsual:
	case PrefUShape:
		ok = fin(f.Q) && f.Q >= 0
	case PrefVShape:
		ok = fin(f.P) && f.P > 0
	case PrefLevel, PrefLinear:
		ok = fin(f.Q) && fin(f.P) && f.Q >= 0 && f.P > f.Q
	case PrefGaussian:
		ok = fin(f.S) && f.S > 0
	default:
		panic("statistics: unknown PreferenceKind")
	}
	if !ok {
		panic(fmt.Sprintf("statistics: bad thresholds for %v preference function (q %v, p %v, s %v)", f.Kind, f.Q, f.P, f.S))
	}
}

// Preference returns P(d) ∈ [0, 1] for the difference d = g(a) − g(b) (already oriented so that
// larger is better), by the definitions of Brans, Vincke & Mareschal (1986), EJOR 24, 228–238,
// Table 1 (listed on the PreferenceKind constants).
func (f PreferenceFunction) Preference(d float64) float64 {
	switch f.Kind {
	case PrefUsual:
		if d > 0 {
			return 1
		}
	case PrefUShape:
		if d > f.Q {
			return 1
		}
	case PrefVShape:
		switch {
		case d > f.P:
			return 1
		case d > 0:
			return d / f.P
		}
	case PrefLevel:
		switch {
		case d > f.P:
			return 1
		case d > f.Q:
			return 0.5
		}
	case PrefLinear:
		switch {
		case d > f.P:
			return 1
		case d > f.Q:
			return (d - f.Q) / (f.P - f.Q)
		}
	case PrefGaussian:
		if d > 0 {
			return 1 - math.Exp(-d*d/(2*f.S*f.S))
		}
	}
	return 0
}

// PROMETHEEResult holds the outranking flows of PROMETHEE II.
type PROMETHEEResult struct {
	// PhiPlus φ⁺(a) = Σ_b π(a, b)/(m − 1), PhiMinus φ⁻(a) = Σ_b π(b, a)/(m − 1), Phi = φ⁺ − φ⁻.
	PhiPlus, PhiMinus, Phi []float64
	// Ranks by Phi descending: 1 for the largest net flow; ties share the mean of their ranks.
	Ranks []float64
}

// PROMETHEE2 ranks the rows of x by PROMETHEE II (Brans & Vincke 1985, "A preference ranking
// organisation method", Management Science 31(6), 647–656; Brans, Vincke & Mareschal 1986,
// EJOR 24, 228–238):
//
//	d_j(a, b) = x_aj − x_bj (negated for Lower criteria),  P_j(a, b) = F_j(d_j(a, b))
//	π(a, b) = Σ_j w_j P_j(a, b)
//	φ⁺(a) = (1/(m − 1)) Σ_{b≠a} π(a, b),  φ⁻(a) = (1/(m − 1)) Σ_{b≠a} π(b, a),  φ = φ⁺ − φ⁻
//
// f gives one preference function per column (nil: usual for all). pol may be nil (all Higher).
// Fewer than two rows, mismatched lengths or thresholds that do not suit their kind panic.
func PROMETHEE2(x mat.Matrix, w []float64, pol []Polarity, f []PreferenceFunction) (*PROMETHEEResult, error) {
	m, n, err := checkMatrix(x, pol)
	if err != nil {
		return nil, err
	}
	if len(w) != n {
		panic("statistics: weights length does not match columns")
	}
	if f != nil && len(f) != n {
		panic("statistics: preference functions length does not match columns")
	}
	if m < 2 {
		panic("statistics: PROMETHEE needs at least two alternatives")
	}
	for _, fn := range f {
		fn.Check()
	}
	res := &PROMETHEEResult{PhiPlus: make([]float64, m), PhiMinus: make([]float64, m), Phi: make([]float64, m)}
	for j := 0; j < n; j++ {
		sign := 1.0
		if pol != nil {
			checkDirectional(pol[j])
			if pol[j] == Lower {
				sign = -1
			}
		}
		fn := PreferenceFunction{Kind: PrefUsual}
		if f != nil {
			fn = f[j]
		}
		for a := 0; a < m; a++ {
			for b := 0; b < m; b++ {
				if a == b {
					continue
				}
				pi := w[j] * fn.Preference(sign*(x.At(a, j)-x.At(b, j)))
				res.PhiPlus[a] += pi
				res.PhiMinus[b] += pi
			}
		}
	}
	for a := 0; a < m; a++ {
		res.PhiPlus[a] /= float64(m - 1)
		res.PhiMinus[a] /= float64(m - 1)
		res.Phi[a] = res.PhiPlus[a] - res.PhiMinus[a]
	}
	res.Ranks = DescendingRanks(nil, res.Phi)
	return res, nil
}
