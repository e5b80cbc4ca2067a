package statistics_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"evalbench/statistics"
)

// Saaty's (1980) relative wealth of nations: the printed eigenvector .427 .230 .021 .052 .052
// .123 .094 and λmax = 7.61.
func ExampleAHP() {
	a := mat.NewDense(7, 7, []float64{
		1, 4, 9, 6, 6, 5, 5,
		1.0 / 4, 1, 7, 5, 5, 3, 4,
		1.0 / 9, 1.0 / 7, 1, 1.0 / 5, 1.0 / 5, 1.0 / 7, 1.0 / 5,
		1.0 / 6, 1.0 / 5, 5, 1, 1, 1.0 / 3, 1.0 / 3,
		1.0 / 6, 1.0 / 5, 5, 1, 1, 1.0 / 3, 1.0 / 3,
		1.0 / 5, 1.0 / 3, 7, 3, 3, 1, 2,
		1.0 / 5, 1.0 / 4, 5, 3, 3, 1.0 / 2, 1,
	})
	r, err := statistics.AHP(a, statistics.AHPOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("weights %.3f\n", r.Weights)
	fmt.Printf("λmax %.2f  CI %.3f  CR %.3f  consistent %v\n", r.LambdaMax, r.CI, r.CR, r.Consistent)
	// Output:
	// weights [0.427 0.230 0.021 0.052 0.052 0.123 0.094]
	// λmax 7.61  CI 0.101  CR 0.077  consistent true
}

// An inconsistent 3×3 matrix: the judgment most at odds with the priorities is named with the
// Saaty-scale value that lowers CR most.
func ExampleAHP_suggestions() {
	a := mat.NewDense(3, 3, []float64{1, 3, 5, 0, 1, 0.5, 0, 2, 1}) // lower triangle completed
	a.Set(1, 0, 0)
	a.Set(2, 0, 0)
	r, err := statistics.AHP(a, statistics.AHPOptions{MaxSuggestions: 1})
	if err != nil {
		panic(err)
	}
	s := r.Suggestions[0]
	fmt.Printf("CR %.3f; revise a[%d][%d] = %g to %g: CR %.4f\n", r.CR, s.I, s.J, s.Current, s.Suggested, s.CR)
	// Output:
	// CR 0.141; revise a[0][1] = 3 to 9: CR 0.0011
}

// Shrout & Fleiss (1979), as printed: ICC(1,1) .17, ICC(2,1) .29, ICC(3,1) .71, ICC(1,4) .44,
// ICC(2,4) .62, ICC(3,4) .91.
func ExampleICC() {
	x := mat.NewDense(6, 4, []float64{9, 2, 5, 8, 6, 1, 3, 2, 8, 4, 6, 8, 7, 1, 2, 6, 10, 5, 6, 9, 6, 2, 4, 7})
	r, err := statistics.ICC(x, 0.05)
	if err != nil {
		panic(err)
	}
	for _, e := range []struct {
		name string
		v    statistics.ICCEstimate
	}{{"ICC(1,1)", r.ICC1}, {"ICC(2,1)", r.ICC2}, {"ICC(3,1)", r.ICC3}, {"ICC(1,4)", r.ICC1k}, {"ICC(2,4)", r.ICC2k}, {"ICC(3,4)", r.ICC3k}} {
		fmt.Printf("%s %.2f [%.2f, %.2f]\n", e.name, e.v.Value, e.v.Lower, e.v.Upper)
	}
	// Output:
	// ICC(1,1) 0.17 [-0.13, 0.72]
	// ICC(2,1) 0.29 [0.02, 0.76]
	// ICC(3,1) 0.71 [0.34, 0.95]
	// ICC(1,4) 0.44 [-0.88, 0.91]
	// ICC(2,4) 0.62 [0.07, 0.93]
	// ICC(3,4) 0.91 [0.68, 0.99]
}

// Three raters rank four objects; the second rater ties two of them. Rank sums 4, 5.5, 8.5, 12,
// S = 37.5, so W = 12·37.5/(3²(4³ − 4)) = 0.8333 uncorrected and 450/(540 − 3·6) = 0.8621
// corrected.
func ExampleKendallW() {
	x := mat.NewDense(3, 4, []float64{
		1, 2, 3, 4,
		1, 2, 2, 4,
		2, 1, 3, 4,
	})
	r, err := statistics.KendallW(x)
	if err != nil {
		panic(err)
	}
	fmt.Printf("W %.4f (uncorrected %.4f), χ² %.3f on %d df, p %.4f\n", r.W, r.WUncorrected, r.ChiSquare, r.DF, r.P)
	// Output:
	// W 0.8621 (uncorrected 0.8333), χ² 7.759 on 3 df, p 0.0513
}

// Hwang & Yoon's (1981) fighter aircraft. The book prints closeness 0.643, 0.268, 0.613, 0.312;
// it rounds its intermediate tables to four decimals, which is why its third value reads 0.613.
func ExampleTOPSIS() {
	x := mat.NewDense(4, 6, []float64{
		2.0, 1500, 20000, 5.5, 5, 9,
		2.5, 2700, 18000, 6.5, 3, 5,
		1.8, 2000, 21000, 4.5, 7, 7,
		2.2, 1800, 20000, 5.0, 5, 5,
	})
	h, l := statistics.Higher, statistics.Lower
	r, err := statistics.TOPSIS(x, []float64{0.2, 0.1, 0.1, 0.1, 0.2, 0.3}, []statistics.Polarity{h, h, h, l, h, h})
	if err != nil {
		panic(err)
	}
	fmt.Printf("closeness %.4f ranks %v\n", r.Closeness, r.Ranks)
	// Output:
	// closeness [0.6433 0.2684 0.6135 0.3123] ranks [1 4 2 3]
}

// Zavadskas & Podvezko (2016): entropy weights 0.1146, 0.1981, 0.4185, 0.2689.
func ExampleEntropyWeights() {
	x := mat.NewDense(4, 4, []float64{3.0, 100, 10, 7, 2.5, 80, 8, 5, 1.8, 50, 20, 11, 2.2, 70, 12, 9})
	w, err := statistics.EntropyWeights(nil, x, nil, statistics.EntropyProportion)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.4f\n", w)
	// Output:
	// [0.1146 0.1981 0.4185 0.2689]
}

func ExampleMinMax() {
	s, err := statistics.MinMax(nil, []float64{12, 30, 18}, statistics.Lower, nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.1f\n", s)
	// Output:
	// [100.0 0.0 66.7]
}

func ExampleTree_GlobalWeights() {
	t := &statistics.Tree{Children: []*statistics.Tree{
		{Name: "efficiency", Weight: 0.6, Children: []*statistics.Tree{{Weight: 0.7, Indicator: 0}, {Weight: 0.3, Indicator: 1}}},
		{Name: "equity", Weight: 0.4, Indicator: 2},
	}}
	if _, err := t.Validate(1e-9); err != nil {
		panic(err)
	}
	fmt.Printf("%.2f\n", t.GlobalWeights(nil))
	// Output:
	// [0.42 0.18 0.40]
}

// Two units, two indicators with equal weights: unit 0 leads 70 to 69; moving 1/18 of weight from
// indicator 0 to indicator 1 makes them equal.
func ExampleSmallestSwaps() {
	x := mat.NewDense(2, 2, []float64{80, 60, 70, 68})
	sw, err := statistics.SmallestSwaps(x, statistics.FlatTree([]float64{0.5, 0.5}))
	if err != nil {
		panic(err)
	}
	s := sw[0]
	fmt.Printf("units %d/%d swap when %s moves from %.4f by %+.4f\n", s.Upper, s.Lower, s.Node, s.Weight, s.Delta)
	// Output:
	// units 0/1 swap when root/0 moves from 0.5000 by -0.0556
}

func ExampleMonteCarlo() {
	x := mat.NewDense(3, 2, []float64{80, 60, 70, 72, 50, 55})
	r, err := statistics.MonteCarlo(x, statistics.FlatTree([]float64{0.5, 0.5}), statistics.MonteCarloOptions{
		Samples: 20000, Seed: 1,
		Perturbation: statistics.Perturbation{Kind: statistics.Uniform, Fraction: 0.5},
	})
	if err != nil {
		panic(err)
	}
	for u, uu := range r.Units {
		fmt.Printf("unit %d: base %.1f rank %d, 5–95%% score [%.1f, %.1f]\n", u, uu.BaseScore, uu.BaseRank, uu.P5, uu.P95)
	}
	fmt.Printf("P(unit %d overtakes unit %d) = %.2f\n", r.Swaps[0].Lower, r.Swaps[0].Upper, r.Swaps[0].P)
	// Output:
	// unit 0: base 70.0 rank 2, 5–95% score [66.5, 73.5]
	// unit 1: base 71.0 rank 1, 5–95% score [70.7, 71.4]
	// unit 2: base 52.5 rank 3, 5–95% score [51.6, 53.4]
	// P(unit 0 overtakes unit 1) = 0.33
}

// VIKOR on the worked example of Papathanasiou & Ploskas (2018), ch. 2, with v = 0.625: the
// compromise solution is alternative 5 (row 4), with acceptable advantage and stability.
func ExampleVIKOR() {
	x := mat.NewDense(6, 4, []float64{8, 7, 2, 1, 5, 3, 7, 5, 7, 5, 6, 4, 9, 9, 7, 3, 11, 10, 3, 7, 6, 9, 5, 4})
	r, err := statistics.VIKOR(x, []float64{0.4, 0.3, 0.1, 0.2}, nil, 0.625)
	if err != nil {
		panic(err)
	}
	fmt.Printf("Q %.3f\nranks %v\nC1 %v C2 %v compromise %v\n", r.Q, r.Ranks, r.AcceptableAdvantage, r.AcceptableStability, r.Compromise)
	// Output:
	// Q [0.640 1.000 0.693 0.271 0.000 0.694]
	// ranks [3 6 4 2 1 5]
	// C1 true C2 true compromise [4]
}

// Fuzzy comprehensive evaluation with the max–min operator: the grade of largest membership is
// the third (index 2).
func ExampleFuzzyCompose() {
	r := mat.NewDense(4, 5, []float64{
		0, 0.1, 0.2, 0.3, 0.4,
		0.1, 0.1, 0.4, 0.2, 0.2,
		0, 0.1, 0.2, 0.6, 0.1,
		0, 0.2, 0.5, 0.3, 0,
	})
	b, err := statistics.FuzzyCompose(nil, []float64{0.2, 0.2, 0.2, 0.4}, r, statistics.FuzzyMaxMin)
	if err != nil {
		panic(err)
	}
	fmt.Println(b, statistics.MaxMembership(b))
	// Output:
	// [0.1 0.2 0.4 0.3 0.2] 2
}
