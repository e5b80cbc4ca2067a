package statistics

import (
	"errors"
	"math"
	"testing"
)

func TestMinMax(t *testing.T) {
	x := []float64{10, 20, 15, 30}
	s, err := MinMax(nil, x, Higher, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "higher", s, []float64{0, 50, 25, 100}, 1e-12)
	s, _ = MinMax(nil, x, Lower, nil)
	checkSlice(t, "lower", s, []float64{100, 50, 75, 0}, 1e-12)
	// UNDP HDI life-expectancy goalposts 20 and 85 years: 72.6 → (72.6 − 20)/65 = 0.8092.
	s, _ = MinMax(nil, []float64{72.6, 90, 10}, Higher, &Goalposts{Worst: 20, Best: 85})
	checkSlice(t, "goalposts", s, []float64{80.923, 100, 0}, 0.0005)
	s, _ = MinMax(nil, []float64{5, 15}, Lower, &Goalposts{Worst: 20, Best: 0})
	checkSlice(t, "lower goalposts", s, []float64{75, 25}, 1e-12)
	if _, err := MinMax(nil, []float64{3, 3}, Higher, nil); !errors.Is(err, ErrZeroVariance) {
		t.Errorf("constant: %v", err)
	}
	if _, err := MinMax(nil, []float64{1, math.NaN()}, Higher, nil); !errors.Is(err, ErrNonFinite) {
		t.Errorf("NaN: %v", err)
	}
}

func TestZScoreAndRank(t *testing.T) {
	x := []float64{2, 4, 4, 4, 5, 5, 7, 9} // mean 5, sample sd 2.138
	s, err := ZScore(nil, x, Higher)
	if err != nil {
		t.Fatal(err)
	}
	sd := math.Sqrt(32.0 / 7)
	if !near(s[0], 50+10*(-3/sd), 1e-12) || !near(s[4], 50, 1e-12) {
		t.Errorf("z scores %v", s)
	}
	r := Ranks(nil, []float64{10, 20, 20, 5})
	checkSlice(t, "ranks", r, []float64{2, 3.5, 3.5, 1}, 0)
	rs, _ := RankScore(nil, []float64{10, 20, 20, 5}, Lower)
	checkSlice(t, "rank score lower", rs, []float64{200.0 / 3, 100.0 / 6, 100.0 / 6, 100}, 1e-12)
}

func TestTargetAndTrajectory(t *testing.T) {
	s, err := TargetAchievement(nil, []float64{50, 120, 80}, 100, Higher, 0, 110)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "higher", s, []float64{50, 110, 80}, 1e-12)
	s, _ = TargetAchievement(nil, []float64{50, 200, 0}, 100, Lower, 0, 100)
	checkSlice(t, "lower", s, []float64{100, 50, 100}, 1e-12)

	lin := Trajectory{BaseYear: 2020, Baseline: 10, TargetYear: 2025, Target: 20}
	if !near(lin.Expected(2023), 16, 1e-12) {
		t.Error("linear expected")
	}
	p, err := lin.Progress(13, 2023, 120)
	if err != nil || !near(p, 50, 1e-12) {
		t.Errorf("progress %v %v", p, err)
	}
	if p, _ := lin.Progress(8, 2023, 120); p != 0 {
		t.Errorf("wrong way %v", p)
	}
	comp := Trajectory{BaseYear: 2020, Baseline: 100, TargetYear: 2022, Target: 121, Path: Compound}
	if !near(comp.Expected(2021), 110, 1e-9) {
		t.Errorf("compound expected %v", comp.Expected(2021))
	}
	if _, err := lin.Progress(10, 2020, 100); !errors.Is(err, ErrDegenerate) {
		t.Errorf("base year: %v", err)
	}
	// A falling target (lower is better): progress is measured in the plan's direction.
	down := Trajectory{BaseYear: 2020, Baseline: 50, TargetYear: 2025, Target: 40}
	if p, _ := down.Progress(47, 2025, 100); !near(p, 30, 1e-12) {
		t.Errorf("falling target %v", p)
	}
}

func TestDistanceThresholdRubric(t *testing.T) {
	s, _ := DistanceToTarget(nil, []float64{7, 6, 9, 3}, 7, 4)
	checkSlice(t, "distance", s, []float64{100, 75, 50, 0}, 1e-12)
	s, _ = DistanceToTarget(nil, []float64{7, 6, 9, 3}, 7, 0)
	checkSlice(t, "distance data", s, []float64{100, 75, 50, 0}, 1e-12)
	table := []Threshold{{0, 0}, {60, 60}, {80, 90}, {100, 100}}
	s, _ = PiecewiseLinear(nil, []float64{-5, 30, 70, 90, 120}, table)
	checkSlice(t, "piecewise", s, []float64{0, 30, 75, 95, 100}, 1e-12)
	r, err := Rubric(nil, []string{"good", "excellent"}, map[string]float64{"excellent": 100, "good": 80})
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "rubric", r, []float64{80, 100}, 0)
	var ce *CellError
	if _, err := Rubric(nil, []string{"good", "fair"}, map[string]float64{"good": 80}); !errors.Is(err, ErrUnknownLabel) || !errors.As(err, &ce) || ce.Row != 1 {
		t.Errorf("unknown label: %v", err)
	}
}
