package reports

import (
	"fmt"
	"html/template"
	"math"
	"strconv"

	"evalbench/evaluation/engine"

	"evalbench/messages"
)

// ResultCharts draws the report's summary charts of a run's result, exactly as the report does:
// the composite score of each unit (ranked), the grade distribution and one chart per 4E
// dimension. The pages show them beside the result tables; each is a self-contained <svg> with
// no script or style attribute.
func ResultCharts(res *engine.Result) []template.HTML {
	if res == nil {
		return nil
	}
	ranked := append([]engine.UnitResult(nil), res.Units...)
	for i := 1; i < len(ranked); i++ { // rank order, unranked last, stable
		for j := i; j > 0 && chartRankLess(ranked[j], ranked[j-1]); j-- {
			ranked[j], ranked[j-1] = ranked[j-1], ranked[j]
		}
	}
	var out []template.HTML
	var bars []barItem
	for _, u := range ranked {
		bars = append(bars, barItem{Label: u.Name, Value: u.Composite})
	}
	out = append(out, hbarChart("chart-ranking", bilingual(messages.ReportChartCompositeScore), bars, 100))
	var gbars []barItem
	for _, g := range res.Grades {
		c := float64(g.Count)
		gbars = append(gbars, barItem{Label: g.Name, Value: &c, Text: strconv.Itoa(g.Count)})
	}
	if len(gbars) > 0 {
		out = append(out, hbarChart("chart-grades", bilingual(messages.ReportHeadingGradeDistribution), gbars, math.Ceil(float64(len(res.Units))/4)*4))
	}
	for k, d := range []engine.Dimension{engine.Economy, engine.Efficiency, engine.Effectiveness, engine.Equity} {
		var items []barItem
		any := false
		for _, u := range res.Units {
			var s *float64
			for _, ds := range u.Dimensions {
				if ds.Dimension == d {
					s = ds.Score
				}
			}
			any = any || s != nil
			items = append(items, barItem{Label: u.Name, Value: s})
		}
		if any {
			zh, en := dimensionText(d)
			out = append(out, hbarChart(fmt.Sprintf("chart-dimension-%d", k+1), zh+" "+en, items, 100))
		}
	}
	return out
}

func chartRankLess(a, b engine.UnitResult) bool {
	if (a.Rank == 0) != (b.Rank == 0) {
		return b.Rank == 0
	}
	return a.Rank < b.Rank
}
