package statistics

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Papathanasiou & Ploskas (2018), ch. 3 "PROMETHEE", worked example: the matrix of the VIKOR
// example, w = 0.4 0.3 0.1 0.2, every criterion linear with q = 1, p = 2; printed net flows
// −0.26 −0.52 −0.22 0.36 0.70 −0.06 (reproduced in pyrepo-mcda, tests/test_mcda_methods_2.py).
// Tolerance 0.005 (two printed decimals).
func TestPROMETHEE2PapathanasiouPloskas(t *testing.T) {
	f := make([]PreferenceFunction, 4)
	for j := range f {
		f[j] = PreferenceFunction{Kind: PrefLinear, Q: 1, P: 2}
	}
	r, err := PROMETHEE2(papathanasiouMatrix, []float64{0.4, 0.3, 0.1, 0.2}, nil, f)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "phi", r.Phi, []float64{-0.26, -0.52, -0.22, 0.36, 0.70, -0.06}, 0.005)
	checkSlice(t, "ranks", r.Ranks, []float64{5, 6, 4, 2, 1, 3}, 0)
	for i := range r.Phi {
		if !near(r.Phi[i], r.PhiPlus[i]-r.PhiMinus[i], 1e-15) {
			t.Errorf("phi ≠ phi+ − phi−")
		}
	}
}

// Ziemba, Wątróbski, Zioło & Karczmarczyk (2017), "Using the PROSA method in offshore wind farm
// location problems", Energies 10(11), 1755: four locations, twelve criteria, V-shape functions
// with the printed preference thresholds p; PROMETHEE II net flows −0.0445 0.1884 −0.0954
// −0.0485 (reproduced in pyrepo-mcda, tests/test_mcda_methods_2.py). Tolerance 0.00005.
func TestPROMETHEE2Ziemba2017(t *testing.T) {
	cols := [][]float64{
		{16347, 14219, 8160, 8160},
		{9, 8.5, 9, 8.5},
		{73.8, 55, 64.8, 62.5},
		{36.7, 36, 28.5, 29.5},
		{1.5, 2, 2, 1.5},
		{3730, 3240, 1860, 1860},
		{2, 1, 2, 1},
		{1, 1, 2, 3},
		{38.8, 33.1, 45.8, 27.3},
		{4, 2, 4, 3},
		{1720524, 1496512, 858830, 858830},
		{40012, 34803, 19973, 19973},
	}
	x := mat.NewDense(4, 12, nil)
	for j, c := range cols {
		for i, v := range c {
			x.Set(i, j, v)
		}
	}
	raw := []float64{20, 5, 5, 1.67, 1.67, 11.67, 11.67, 5, 5, 16.67, 8.33, 8.33}
	var sum float64
	for _, v := range raw {
		sum += v
	}
	w := make([]float64, len(raw))
	for i, v := range raw {
		w[i] = v / sum
	}
	dir := []int{-1, -1, -1, -1, -1, 1, -1, -1, 1, -1, 1, 1}
	pol := make([]Polarity, 12)
	for j, d := range dir {
		if d < 0 {
			pol[j] = Lower
		}
	}
	p := []float64{7280, 4, 13.4, 7.4, 3, 1662, 3, 3, 13.8, 3, 766240, 17820}
	f := make([]PreferenceFunction, 12)
	for j := range f {
		f[j] = PreferenceFunction{Kind: PrefVShape, P: p[j]}
	}
	r, err := PROMETHEE2(x, w, pol, f)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "phi", r.Phi, []float64{-0.0445, 0.1884, -0.0954, -0.0485}, 0.00005)
}

// The six preference functions at hand-picked differences (definitions of Brans, Vincke &
// Mareschal 1986, Table 1).
func TestPreferenceFunctions(t *testing.T) {
	cases := []struct {
		f    PreferenceFunction
		d    []float64
		want []float64
	}{
		{PreferenceFunction{Kind: PrefUsual}, []float64{-1, 0, 0.1}, []float64{0, 0, 1}},
		{PreferenceFunction{Kind: PrefUShape, Q: 1}, []float64{0.5, 1, 1.5}, []float64{0, 0, 1}},
		{PreferenceFunction{Kind: PrefVShape, P: 2}, []float64{-1, 1, 2, 3}, []float64{0, 0.5, 1, 1}},
		{PreferenceFunction{Kind: PrefLevel, Q: 1, P: 2}, []float64{1, 1.5, 2, 2.5}, []float64{0, 0.5, 0.5, 1}},
		{PreferenceFunction{Kind: PrefLinear, Q: 1, P: 3}, []float64{1, 2, 3, 4}, []float64{0, 0.5, 1, 1}},
		{PreferenceFunction{Kind: PrefGaussian, S: 1}, []float64{0, 1}, []float64{0, 1 - math.Exp(-0.5)}},
	}
	for _, c := range cases {
		for i, d := range c.d {
			if got := c.f.Preference(d); !near(got, c.want[i], 1e-15) {
				t.Errorf("%v P(%v) = %v, want %v", c.f.Kind, d, got, c.want[i])
			}
		}
		k, err := ParsePreferenceKind(c.f.Kind.String())
		if err != nil || k != c.f.Kind {
			t.Errorf("parse %v: %v %v", c.f.Kind, k, err)
		}
	}
}
