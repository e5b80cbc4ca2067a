package reports

import (
	"strings"
	"testing"

	"evalbench/evaluation/engine"
)

// A cumulative target's baseline is the previous plan period's total (relocation housing
// completed: 447 万M2 in 2011–2015). Plotting it as the 2015 point made the running total of
// this period appear to fall from 447 to 77; the chart starts the running total from zero.
func TestTrajectoryChartCumulativeStartsAtZero(t *testing.T) {
	v := func(x float64) *float64 { return &x }
	ind := &engine.Indicator{TargetKind: engine.TargetCumulative, Baseline: &engine.Baseline{Year: 2015, Value: 447}, FinalTarget: v(200)}
	tr := engine.TrackEntry{Indicator: "relocation_housing_completions", Unit: "jianggan", FinalTarget: v(200),
		Years: []engine.TrackYear{{Year: 2016, Expected: v(60), Actual: v(77), Status: "on_track"}}}
	svg := string(trajectoryChart("c", tr, ind, 2020))
	if strings.Contains(svg, "447") {
		t.Errorf("the previous period's total is plotted: %s", svg)
	}
	if !strings.Contains(svg, ">0.0<") || !strings.Contains(svg, ">200.0<") {
		t.Errorf("axis should run from 0 to the final target 200: %s", svg)
	}
	// A level indicator keeps its baseline as the first point.
	ind.TargetKind = engine.TargetLevel
	if svg := string(trajectoryChart("c", tr, ind, 2020)); !strings.Contains(svg, "447") {
		t.Errorf("a level indicator's baseline is not plotted: %s", svg)
	}
}
