package statistics

import (
	"fmt"
	"math"
	"sort"
	"strconv"
)

// resize returns dst with length n, allocating when dst is nil and panicking when its length is
// wrong, as gonum's floats package does.
func resize(dst []float64, n int) []float64 {
	if dst == nil {
		return make([]float64, n)
	}
	if len(dst) != n {
		panic(fmt.Sprintf("statistics: destination length %d, want %d", len(dst), n))
	}
	return dst
}

func checkFinite(x []float64) error {
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return cellErr(i, -1, ErrNonFinite)
		}
	}
	return nil
}

func clip(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// Goalposts are fixed bounds for min–max scoring: Worst maps to 0 and Best to 100 whatever the
// polarity, and values beyond them are clipped. For a higher-is-better indicator Best > Worst;
// for lower-is-better Best < Worst. This is the UNDP Human Development Index convention (UNDP,
// Human Development Report 2020, Technical notes, p. 2: "dimension index = (actual − minimum) /
// (maximum − minimum)" with fixed goalposts).
type Goalposts struct {
	Worst, Best float64
}

// MinMax scores x on 0–100 by min–max normalisation,
//
//	higher: s_i = 100·(x_i − min x)/(max x − min x)
//	lower:  s_i = 100·(max x − x_i)/(max x − min x)
//
// (OECD/JRC, Handbook on Constructing Composite Indicators, 2008, §5.2 "Min-Max", eq. for
// I = (x − min)/(max − min)). When goal is not nil the data minimum and maximum are replaced by
// the goalposts, s_i = 100·(x_i − Worst)/(Best − Worst), clipped to [0, 100]; the polarity is then
// carried by the order of the goalposts and pol must agree with it. It returns ErrZeroVariance
// when all values are equal and no goalposts are given. pol must be Higher or Lower.
func MinMax(dst, x []float64, pol Polarity, goal *Goalposts) ([]float64, error) {
	checkDirectional(pol)
	dst = resize(dst, len(x))
	if err := checkFinite(x); err != nil {
		return nil, err
	}
	if goal != nil {
		if goal.Best == goal.Worst || (pol == Higher) != (goal.Best > goal.Worst) {
			panic("statistics: goalposts must satisfy Best > Worst for Higher and Best < Worst for Lower")
		}
		for i, v := range x {
			dst[i] = clip(100*(v-goal.Worst)/(goal.Best-goal.Worst), 0, 100)
		}
		return dst, nil
	}
	if len(x) == 0 {
		return dst, nil
	}
	lo, hi := x[0], x[0]
	for _, v := range x {
		lo = math.Min(lo, v)
		hi = math.Max(hi, v)
	}
	if hi == lo {
		return nil, ErrZeroVariance
	}
	for i, v := range x {
		if pol == Higher {
			dst[i] = 100 * (v - lo) / (hi - lo)
		} else {
			dst[i] = 100 * (hi - v) / (hi - lo)
		}
	}
	return dst, nil
}

// ZScore scores x on 0–100 through the standard score z_i = (x_i − x̄)/s, s the sample standard
// deviation (divisor n − 1), negated for lower-is-better, mapped as the T-score
//
//	s_i = clip(50 + 10·z_i, 0, 100)
//
// (OECD/JRC Handbook 2008, §5.2 "Standardisation (or z-scores)"; the 50 + 10z mapping is the
// McCall T-score, so the mean unit scores 50 and ±5 standard deviations reach the bounds).
// It returns ErrZeroVariance when s = 0 and ErrTooFew for fewer than two values.
func ZScore(dst, x []float64, pol Polarity) ([]float64, error) {
	checkDirectional(pol)
	dst = resize(dst, len(x))
	if err := checkFinite(x); err != nil {
		return nil, err
	}
	if len(x) < 2 {
		return nil, ErrTooFew
	}
	mean, sd := meanSD(x)
	if sd == 0 {
		return nil, ErrZeroVariance
	}
	for i, v := range x {
		z := (v - mean) / sd
		if pol == Lower {
			z = -z
		}
		dst[i] = clip(50+10*z, 0, 100)
	}
	return dst, nil
}

// meanSD returns the mean and the sample standard deviation (divisor n − 1) by the two-pass
// algorithm.
func meanSD(x []float64) (mean, sd float64) {
	n := float64(len(x))
	for _, v := range x {
		mean += v
	}
	mean /= n
	if len(x) < 2 {
		return mean, 0
	}
	var ss, comp float64
	for _, v := range x {
		d := v - mean
		ss += d * d
		comp += d
	}
	ss -= comp * comp / n
	if ss < 0 {
		ss = 0
	}
	return mean, math.Sqrt(ss / (n - 1))
}

// Ranks fills dst with the ascending fractional ranks of x: the smallest value has rank 1 and tied
// values share the mean of the ranks they span ("ties averaged", Kendall & Gibbons, Rank
// Correlation Methods, 5th ed., 1990, §3.1). NaN values panic.
func Ranks(dst, x []float64) []float64 {
	dst = resize(dst, len(x))
	idx := make([]int, len(x))
	for i := range idx {
		if math.IsNaN(x[i]) {
			panic("statistics: NaN in Ranks")
		}
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		r := float64(i+j+1) / 2 // mean of ranks i+1 … j
		for k := i; k < j; k++ {
			dst[idx[k]] = r
		}
		i = j
	}
	return dst
}

// RankScore scores x on 0–100 by rank: with r_i the fractional rank (ties averaged) counted from
// the worst value, s_i = 100·(r_i − 1)/(n − 1), so the best unit scores 100 and the worst 0
// (OECD/JRC Handbook 2008, §5.2 "Ranking"). A single value scores 100.
func RankScore(dst, x []float64, pol Polarity) ([]float64, error) {
	checkDirectional(pol)
	dst = resize(dst, len(x))
	if err := checkFinite(x); err != nil {
		return nil, err
	}
	if len(x) == 1 {
		dst[0] = 100
		return dst, nil
	}
	y := x
	if pol == Lower {
		y = make([]float64, len(x))
		for i, v := range x {
			y[i] = -v
		}
	}
	Ranks(dst, y)
	n := float64(len(x))
	for i := range dst {
		dst[i] = 100 * (dst[i] - 1) / (n - 1)
	}
	return dst, nil
}

// TargetAchievement scores x against a target on 0–100 (and above, up to ceiling):
//
//	higher: s_i = clip(100·x_i/target, floor, ceiling)
//	lower:  s_i = clip(100·target/x_i, floor, ceiling)
//
// the "distance to a reference" normalisation of the OECD/JRC Handbook 2008, §5.2, expressed as
// percent achievement. ceiling (for example 100, or 120 to reward over-achievement) and floor
// (usually 0) are in score points. For lower-is-better a zero actual value has met any positive
// target and scores ceiling. Values must be non-negative and the target positive (ErrNegative,
// ErrNonPositive). floor > ceiling panics.
func TargetAchievement(dst, x []float64, target float64, pol Polarity, floor, ceiling float64) ([]float64, error) {
	checkDirectional(pol)
	if floor > ceiling {
		panic("statistics: TargetAchievement floor above ceiling")
	}
	dst = resize(dst, len(x))
	if err := checkFinite(x); err != nil {
		return nil, err
	}
	if !(target > 0) || math.IsInf(target, 0) {
		return nil, detail(ErrNonPositive, CheckTarget, fmt.Sprintf("target %v", target), "target", target)
	}
	for i, v := range x {
		if v < 0 {
			return nil, cellErr(i, -1, ErrNegative)
		}
		var r float64
		if pol == Higher {
			r = 100 * v / target
		} else if v == 0 {
			r = ceiling
		} else {
			r = 100 * target / v
		}
		dst[i] = clip(r, floor, ceiling)
	}
	return dst, nil
}

// Path is the shape of a plan trajectory from a baseline to a final target.
type Path int

const (
	// Linear: equal absolute steps each year.
	Linear Path = iota
	// Compound: equal growth rates each year (a geometric path); baseline and target must be
	// positive.
	Compound
)

// Trajectory is a plan path from Baseline in BaseYear to Target in TargetYear, as five-year plans
// state them ("raise X from b in 2020 to T in 2025").
type Trajectory struct {
	BaseYear   int
	Baseline   float64
	TargetYear int
	Target     float64
	Path       Path
}

// Expected returns the value the plan expects in year:
//
//	linear:   E(t) = b + (T − b)·(t − t0)/(t1 − t0)
//	compound: E(t) = b·(T/b)^((t − t0)/(t1 − t0))
//
// (the compound path is the constant-annual-growth interpolation used for tracking plan and SDG
// targets; UN Statistics Division, SDG Progress Chart technical note, 2023, "anticipated growth
// rate"). It panics when TargetYear ≤ BaseYear, or for a compound path with a non-positive
// baseline or target.
func (t Trajectory) Expected(year int) float64 {
	if t.TargetYear <= t.BaseYear {
		panic("statistics: Trajectory TargetYear must follow BaseYear")
	}
	f := float64(year-t.BaseYear) / float64(t.TargetYear-t.BaseYear)
	switch t.Path {
	case Linear:
		return t.Baseline + (t.Target-t.Baseline)*f
	case Compound:
		if !(t.Baseline > 0 && t.Target > 0) {
			panic("statistics: compound Trajectory needs positive baseline and target")
		}
		return t.Baseline * math.Pow(t.Target/t.Baseline, f)
	}
	panic("statistics: unknown Path")
}

// Progress scores an actual value in year as the achieved share of the progress the plan expects
// by then,
//
//	s = clip(100·(actual − b)/(E(year) − b), 0, ceiling)
//
// (UN Statistics Division, SDG Progress Chart technical note, 2023: ratio of actual to expected
// progress). Going the wrong way scores 0; ceiling caps over-achievement (100 or more). It returns
// ErrDegenerate when the plan expects no progress by year (year ≤ BaseYear, or Target equal to
// Baseline), where the ratio is undefined.
func (t Trajectory) Progress(actual float64, year int, ceiling float64) (float64, error) {
	if math.IsNaN(actual) || math.IsInf(actual, 0) {
		return 0, ErrNonFinite
	}
	exp := t.Expected(year)
	if year <= t.BaseYear || exp == t.Baseline {
		return 0, detail(ErrDegenerate, CheckProgress, fmt.Sprintf("no expected progress by %d", year), "year", year)
	}
	return clip(100*(actual-t.Baseline)/(exp-t.Baseline), 0, ceiling), nil
}

// DistanceToTarget scores x for a "target" indicator, where the closest value is best:
//
//	s_i = 100·max(0, 1 − |x_i − target|/d)
//
// with d the distance that scores 0. When d is 0 it is taken from the data as max_i |x_i − target|
// (the farthest unit scores 0; if every unit is on target all score 100). This is the
// "distance to a reference" normalisation of the OECD/JRC Handbook 2008, §5.2, with the
// reference being the target. d < 0 panics.
func DistanceToTarget(dst, x []float64, target, d float64) ([]float64, error) {
	if d < 0 {
		panic("statistics: DistanceToTarget with negative zero-score distance")
	}
	dst = resize(dst, len(x))
	if err := checkFinite(x); err != nil {
		return nil, err
	}
	if d == 0 {
		for _, v := range x {
			d = math.Max(d, math.Abs(v-target))
		}
		if d == 0 {
			for i := range dst {
				dst[i] = 100
			}
			return dst, nil
		}
	}
	for i, v := range x {
		dst[i] = 100 * math.Max(0, 1-math.Abs(v-target)/d)
	}
	return dst, nil
}

// Threshold is one row of a standards-scoring table: a value and the score it earns.
type Threshold struct {
	Value, Score float64
}

// PiecewiseLinear scores x by a standards table: between two consecutive thresholds the score is
// interpolated linearly, s = S_k + (S_{k+1} − S_k)·(x − V_k)/(V_{k+1} − V_k); below the first
// threshold the first score applies and above the last the last score applies. A
// lower-is-better standard is written with decreasing scores. The table must have at least one row
// and strictly increasing values, else it panics.
func PiecewiseLinear(dst, x []float64, table []Threshold) ([]float64, error) {
	if len(table) == 0 {
		panic("statistics: empty threshold table")
	}
	for k := 1; k < len(table); k++ {
		if !(table[k].Value > table[k-1].Value) {
			panic("statistics: threshold values must increase strictly")
		}
	}
	dst = resize(dst, len(x))
	if err := checkFinite(x); err != nil {
		return nil, err
	}
	last := len(table) - 1
	for i, v := range x {
		switch {
		case v <= table[0].Value:
			dst[i] = table[0].Score
		case v >= table[last].Value:
			dst[i] = table[last].Score
		default:
			k := sort.Search(len(table), func(k int) bool { return table[k].Value > v }) - 1
			a, b := table[k], table[k+1]
			dst[i] = a.Score + (b.Score-a.Score)*(v-a.Value)/(b.Value-a.Value)
		}
	}
	return dst, nil
}

// Rubric scores qualitative labels by a table of label → score (for example "excellent" → 100,
// "good" → 80). An unknown label returns a *CellError wrapping ErrUnknownLabel at its index.
func Rubric(dst []float64, labels []string, table map[string]float64) ([]float64, error) {
	dst = resize(dst, len(labels))
	for i, l := range labels {
		s, ok := table[l]
		if !ok {
			return nil, cellErr(i, -1, detail(ErrUnknownLabel, CheckLabel, strconv.Quote(l), "label", l))
		}
		dst[i] = s
	}
	return dst, nil
}
