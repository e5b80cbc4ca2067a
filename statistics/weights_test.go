package statistics

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Zavadskas & Podvezko (2016), "Integrated determination of objective criteria weights in MCDM",
// Int. J. Inf. Technol. Decis. Mak. 15(2), 267–283: entropy weights 0.1146, 0.1981, 0.4185,
// 0.2689 from proportions of the raw values (as reproduced in the test suite of the pyrepo-mcda
// package). Tolerance 0.00005 (four printed decimals).
func TestEntropyZavadskasPodvezko(t *testing.T) {
	x := mat.NewDense(4, 4, []float64{3.0, 100, 10, 7, 2.5, 80, 8, 5, 1.8, 50, 20, 11, 2.2, 70, 12, 9})
	w, err := EntropyWeights(nil, x, nil, EntropyProportion)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "entropy", w, []float64{0.1146, 0.1981, 0.4185, 0.2689}, 0.00005)
}

// Xu (2004), "A note on the subjective and objective integrated approach to determine attribute
// weights", EJOR 156, 530–532: entropy weights 0.4630, 0.3992, 0.1378, 0.0000 (proportions of the
// raw values; the last attribute barely varies). Tolerance 0.00005.
func TestEntropyXu(t *testing.T) {
	x := mat.NewDense(4, 4, []float64{30, 30, 38, 29, 19, 54, 86, 29, 19, 15, 85, 28.9, 68, 70, 60, 29})
	w, err := EntropyWeights(nil, x, nil, EntropyProportion)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "entropy", w, []float64{0.4630, 0.3992, 0.1378, 0.0000}, 0.00005)
}

func TestEntropyMinMaxConventions(t *testing.T) {
	// Min–max gives one zero per column; 0·ln 0 = 0 keeps the entropy finite.
	x := mat.NewDense(3, 2, []float64{1, 10, 2, 30, 3, 20})
	w, err := EntropyWeights(nil, x, []Polarity{Higher, Lower}, EntropyMinMax)
	if err != nil {
		t.Fatal(err)
	}
	// Column 0 → r = 0, .5, 1; column 1 (lower) → r = 1, 0, .5: the same multiset, equal weights.
	checkSlice(t, "minmax entropy", w, []float64{0.5, 0.5}, 1e-12)
	if _, err := EntropyWeights(nil, mat.NewDense(2, 2, []float64{1, 5, 1, 6}), nil, EntropyMinMax); !errors.Is(err, ErrZeroVariance) {
		t.Errorf("constant column: %v", err)
	}
}

// Tuş & Aytaç Adalı (2019), "The new combination with CRITIC and WASPAS methods for the time and
// attendance software selection problem", Opsearch 56(2), 528–538: CRITIC weights 0.157, 0.249,
// 0.168, 0.121, 0.154, 0.151 (as reproduced in the pyrepo-mcda test suite). The published weights
// are reproduced when every column, price included, is min–max normalised as benefit; with price
// as a cost the conflict term changes sign for that column and the weights differ, so this test
// uses all Higher. Tolerance 0.0005.
func TestCRITICTusAdali(t *testing.T) {
	x := mat.NewDense(5, 6, []float64{
		5000, 3, 3, 4, 3, 2,
		680, 5, 3, 2, 2, 1,
		2000, 3, 2, 3, 4, 3,
		600, 4, 3, 1, 2, 2,
		800, 2, 4, 3, 3, 4,
	})
	w, err := CRITICWeights(nil, x, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "CRITIC", w, []float64{0.157, 0.249, 0.168, 0.121, 0.154, 0.151}, 0.0005)
	// Reversing the polarity of a column leaves σ_j unchanged and flips its correlations.
	wl, _ := CRITICWeights(nil, x, []Polarity{Lower, Higher, Higher, Higher, Higher, Higher})
	checkSlice(t, "CRITIC price as cost", wl, []float64{0.1841, 0.2130, 0.1422, 0.1583, 0.1684, 0.1340}, 0.00005)
}

func TestSDAndCVWeights(t *testing.T) {
	x := mat.NewDense(4, 2, []float64{1, 10, 2, 10, 3, 10, 4, 14})
	w, err := SDWeights(nil, x, nil)
	if err != nil {
		t.Fatal(err)
	}
	// r col0 = 0, 1/3, 2/3, 1 (sd 0.4303); col1 = 0, 0, 0, 1 (sd 0.5).
	s0, s1 := math.Sqrt(5.0/27), 0.5
	checkSlice(t, "SD", w, []float64{s0 / (s0 + s1), s1 / (s0 + s1)}, 1e-12)
	c, err := CVWeights(nil, x)
	if err != nil {
		t.Fatal(err)
	}
	v0, v1 := math.Sqrt(5.0/3)/2.5, 2/11.0
	checkSlice(t, "CV", c, []float64{v0 / (v0 + v1), v1 / (v0 + v1)}, 1e-12)
}

func TestCombineAndTree(t *testing.T) {
	s, o := []float64{0.5, 0.3, 0.2}, []float64{0.2, 0.2, 0.6}
	checkSlice(t, "linear", CombineLinear(nil, s, o, 0.5), []float64{0.35, 0.25, 0.4}, 1e-12)
	p, err := CombineProduct(nil, s, o)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "product", p, []float64{0.1 / 0.28, 0.06 / 0.28, 0.12 / 0.28}, 1e-12)
	tree := &Tree{Children: []*Tree{
		{Weight: 0.6, Children: []*Tree{{Weight: 0.5, Indicator: 2}, {Weight: 0.5, Indicator: 0}}},
		{Weight: 0.4, Indicator: 1},
	}}
	n, err := tree.Validate(1e-9)
	if err != nil || n != 3 {
		t.Fatal(n, err)
	}
	checkSlice(t, "global", tree.GlobalWeights(nil), []float64{0.3, 0.4, 0.3}, 1e-12)
	tree.Children[1].Weight = 0.5
	if _, err := tree.Validate(1e-9); !errors.Is(err, ErrWeightSum) {
		t.Errorf("bad sum: %v", err)
	}
}

// Hwang & Yoon (1981), Multiple Attribute Decision Making, pp. 131–133, fighter aircraft: four
// aircraft, six attributes (maximum speed, ferry range, payload, cost [a cost attribute],
// reliability, manoeuvrability), weights (0.2, 0.1, 0.1, 0.1, 0.2, 0.3). Printed closeness
// 0.643, 0.268, 0.613, 0.312 and order A1 > A3 > A4 > A2. The book rounds its intermediate
// tables to four decimals, so the tolerance is 0.002.
func TestTOPSISHwangYoon(t *testing.T) {
	x := mat.NewDense(4, 6, []float64{
		2.0, 1500, 20000, 5.5, 5, 9,
		2.5, 2700, 18000, 6.5, 3, 5,
		1.8, 2000, 21000, 4.5, 7, 7,
		2.2, 1800, 20000, 5.0, 5, 5,
	})
	w := []float64{0.2, 0.1, 0.1, 0.1, 0.2, 0.3}
	pol := []Polarity{Higher, Higher, Higher, Lower, Higher, Higher}
	r, err := TOPSIS(x, w, pol)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "closeness", r.Closeness, []float64{0.643, 0.268, 0.613, 0.312}, 0.002)
	checkSlice(t, "ranks", r.Ranks, []float64{1, 4, 2, 3}, 0)

	// Permuting the alternatives permutes the results.
	perm := []int{2, 0, 3, 1}
	px := mat.NewDense(4, 6, nil)
	for i, p := range perm {
		px.SetRow(i, mat.Row(nil, p, x))
	}
	pr, _ := TOPSIS(px, w, pol)
	for i, p := range perm {
		if !near(pr.Closeness[i], r.Closeness[p], 1e-12) {
			t.Errorf("permuted closeness %d", i)
		}
	}
}

func TestWeightedMeans(t *testing.T) {
	x := mat.NewDense(2, 2, []float64{4, 16, 0, 9})
	w := []float64{0.5, 0.5}
	checkSlice(t, "arithmetic", WeightedArithmetic(nil, x, w), []float64{10, 4.5}, 1e-12)
	g, err := WeightedGeometric(nil, x, w)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "geometric", g, []float64{8, 0}, 1e-12)
	if _, err := WeightedGeometric(nil, mat.NewDense(1, 2, []float64{-1, 2}), w); !errors.Is(err, ErrNegative) {
		t.Errorf("negative: %v", err)
	}
}

// Objective weights describe columns: permuting the rows (alternatives) leaves them unchanged,
// and they sum to 1.
func TestObjectiveWeightsRowPermutation(t *testing.T) {
	x := mat.NewDense(5, 4, []float64{3, 100, 10, 7, 2.5, 80, 8, 5, 1.8, 50, 20, 11, 2.2, 70, 12, 9, 2.9, 65, 15, 6})
	p := mat.NewDense(5, 4, nil)
	for i, r := range []int{4, 2, 0, 3, 1} {
		p.SetRow(i, mat.Row(nil, r, x))
	}
	pol := []Polarity{Lower, Higher, Lower, Higher}
	for name, f := range map[string]func(*mat.Dense) ([]float64, error){
		"entropy":    func(m *mat.Dense) ([]float64, error) { return EntropyWeights(nil, m, pol, EntropyMinMax) },
		"proportion": func(m *mat.Dense) ([]float64, error) { return EntropyWeights(nil, m, nil, EntropyProportion) },
		"critic":     func(m *mat.Dense) ([]float64, error) { return CRITICWeights(nil, m, pol) },
		"sd":         func(m *mat.Dense) ([]float64, error) { return SDWeights(nil, m, pol) },
		"cv":         func(m *mat.Dense) ([]float64, error) { return CVWeights(nil, m) },
	} {
		a, err := f(x)
		if err != nil {
			t.Fatal(name, err)
		}
		b, _ := f(p)
		checkSlice(t, name, b, a, 1e-12)
		var s float64
		for _, v := range a {
			s += v
		}
		if !near(s, 1, 1e-12) {
			t.Errorf("%s sums to %v", name, s)
		}
	}
}
