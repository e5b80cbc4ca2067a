package statistics

import (
	"math"
	"testing"
)

// The worked example of Wikipedia's "Winsorizing" article (the 20 values below; its 90 %
// winsorisation replaces the largest value, 1053, by the next largest, 101). COINr's count-based
// rule reaches the same high-end replacement: the data fail the rule (skewness 4.2260, kurtosis
// 18.4951 by the type-2 formulas, computed by hand from the moments), one winsorisation of the
// maximum to 101 gives skewness −0.5559 and kurtosis −0.8376, which pass, so the low end (−40,
// which the percentile method also replaces) stays, as COINr's Treat leaves it.
func TestTreatOutliersWikipediaExample(t *testing.T) {
	x := []float64{92, 19, 101, 58, 1053, 91, 26, 78, 10, 13, -40, 101, 86, 85, 15, 89, 89, 28, -5, 41}
	r, err := TreatOutliers(x, DefaultOutlierRule)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"skew before", r.SkewBefore, 4.225993986495628}, {"kurtosis before", r.KurtBefore, 18.495109499893644},
		{"skew after", r.SkewAfter, -0.5559087557179389}, {"kurtosis after", r.KurtAfter, -0.8375990714570125},
	} {
		if math.Abs(c.got-c.want) > 1e-9 {
			t.Errorf("%s %v, want %v", c.name, c.got, c.want)
		}
	}
	if !r.Pass || r.Logged || r.Winsorised != 1 || len(r.Treated) != 1 {
		t.Fatalf("treatment %+v", r)
	}
	if tv := r.Treated[0]; tv != (TreatedValue{Index: 4, Original: 1053, Value: 101, Kind: TreatWinsorHigh}) {
		t.Errorf("treated %+v", tv)
	}
	for i, v := range r.Values {
		if i != 4 && v != x[i] {
			t.Errorf("value %d changed: %v → %v", i, x[i], v)
		}
	}
}

// When winsorisation up to the limit does not pass, COINr falls back to log_CT on the original
// values, log(x − min(x) + a) with a = 0.01(max(x) − min(x)) (COINr 1.1.14 reference, log_CT).
// Twelve 1s, a 2 and a 1000 fail the rule (skewness 3.742, kurtosis 14.000); winsorising 1000 to 2
// leaves twelve 1s and two 2s, which still fail (skewness 2.295, kurtosis 3.792, by hand), and the
// limit of 1 is reached, so the log applies: min 1, max 1000, a = 9.99, so 1 → ln 9.99,
// 2 → ln 10.99 and 1000 → ln 1008.99.
func TestTreatOutliersLogFallbackByHand(t *testing.T) {
	x := []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1000}
	r, err := TreatOutliers(x, OutlierRule{Skew: 2, Kurt: 3.5, WinsorMax: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !(math.Abs(r.SkewBefore) >= 2 && r.KurtBefore >= 3.5) {
		t.Fatalf("example passes the rule: %v %v", r.SkewBefore, r.KurtBefore)
	}
	if !r.Logged || r.Winsorised != 0 || len(r.Treated) != len(x) {
		t.Fatalf("treatment %+v", r)
	}
	if !(math.Abs(r.Values[0]-math.Log(9.99)) < 1e-12 && math.Abs(r.Values[13]-math.Log(1008.99)) < 1e-12 && math.Abs(r.Values[12]-math.Log(10.99)) < 1e-12) {
		t.Errorf("log values %v", r.Values)
	}
}
