package reports

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Charts are SVG written here: deterministic (coordinates formatted with fixed decimals), no
// script, no external font or file. Each chart is an <svg class="chart"> with an id, a <title>
// and at least one mark, so the browser test can check that every chart has content.

// coord formats a coordinate with one decimal.
func coord(x float64) string { return strconv.FormatFloat(math.Round(x*10)/10, 'f', 1, 64) }

func esc(s string) string { return html.EscapeString(s) }

// barItem is one bar: a label, a value (nil: no value) and, optionally, the text to print.
type barItem struct {
	Label string
	Value *float64
	Text  string
}

// hbarChart draws horizontal bars on a 0–max scale, one row per item, in the given order.
func hbarChart(id, title string, items []barItem, max float64) template.HTML {
	const width, labelW, rowH, top, right = 680.0, 170.0, 22.0, 28.0, 60.0
	if max <= 0 {
		max = 1
	}
	for _, it := range items {
		if it.Value != nil && *it.Value > max {
			max = *it.Value
		}
	}
	plotW := width - labelW - right
	height := top + rowH*float64(len(items)) + 24
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" id="%s" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" role="img">`,
		esc(id), coord(width), coord(height), coord(width), coord(height))
	fmt.Fprintf(&b, `<title>%s</title>`, esc(title))
	fmt.Fprintf(&b, `<text x="0" y="16" class="chart-title">%s</text>`, esc(title))
	// Grid lines at 0, 25, 50, 75, 100 % of the scale.
	for k := 0; k <= 4; k++ {
		x := labelW + plotW*float64(k)/4
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" class="grid"/>`, coord(x), coord(top-4), coord(x), coord(height-20))
		fmt.Fprintf(&b, `<text x="%s" y="%s" class="axis" text-anchor="middle">%s</text>`, coord(x), coord(height-6), fv(max*float64(k)/4, 0))
	}
	for i, it := range items {
		y := top + rowH*float64(i)
		fmt.Fprintf(&b, `<text x="%s" y="%s" class="label" text-anchor="end">%s</text>`, coord(labelW-6), coord(y+rowH/2+4), esc(it.Label))
		if it.Value == nil || math.IsNaN(*it.Value) {
			fmt.Fprintf(&b, `<text x="%s" y="%s" class="value">— %s</text>`, coord(labelW+4), coord(y+rowH/2+4), esc(bilingual(messages.ReportChartNoValue)))
			continue
		}
		w := plotW * math.Max(0, *it.Value) / max
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" class="bar"/>`, coord(labelW), coord(y+3), coord(w), coord(rowH-6))
		text := it.Text
		if text == "" {
			text = fv(*it.Value, 2)
		}
		fmt.Fprintf(&b, `<text x="%s" y="%s" class="value">%s</text>`, coord(labelW+w+4), coord(y+rowH/2+4), esc(text))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// trajectoryChart draws one indicator × unit's plan trajectory from the baseline year to the
// plan's final year: the expected path (the baseline, each year's expected value, the final
// target; dashed) against the actual values (the baseline and each year's actual; solid).
func trajectoryChart(id string, t engine.TrackEntry, ind *engine.Indicator, planEnd int) template.HTML {
	const width, height, left, right, top, bottom = 320.0, 150.0, 46.0, 12.0, 22.0, 24.0
	expected, actual := map[int]float64{}, map[int]float64{}
	put := func(m map[int]float64, year int, p *float64) {
		if p != nil && !math.IsNaN(*p) && !math.IsInf(*p, 0) {
			m[year] = *p
		}
	}
	if ind != nil && ind.Baseline != nil {
		b := ind.Baseline.Value
		if ind.TargetKind == engine.TargetCumulative {
			// The baseline of a cumulative target is the previous plan period's total (447 万M2
			// completed in 2011–2015), not a point of this period's running total, which starts
			// from zero.
			b = 0
		}
		put(expected, ind.Baseline.Year, &b)
		put(actual, ind.Baseline.Year, &b)
	}
	for _, y := range t.Years {
		put(expected, y.Year, y.Expected)
		put(actual, y.Year, y.Actual)
	}
	if planEnd > 0 {
		put(expected, planEnd, t.FinalTarget)
	}
	var years []int
	var lo, hi float64
	first := true
	for _, m := range []map[int]float64{expected, actual} {
		for y, v := range m {
			if !slices.Contains(years, y) {
				years = append(years, y)
			}
			if first {
				lo, hi, first = v, v, false
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	slices.Sort(years)
	var b strings.Builder
	title := fmt.Sprintf("%s / %s: %s", t.Indicator, t.Unit, bilingual(messages.ReportChartPlanTrajectory))
	fmt.Fprintf(&b, `<svg class="chart small" id="%s" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" role="img">`,
		esc(id), coord(width), coord(height), coord(width), coord(height))
	fmt.Fprintf(&b, `<title>%s</title>`, esc(title))
	fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" class="frame"/>`, coord(left), coord(top), coord(width-left-right), coord(height-top-bottom))
	if first {
		fmt.Fprintf(&b, `<text x="%s" y="%s" class="value" text-anchor="middle">%s</text></svg>`, coord(width/2), coord(height/2), esc(bilingual(messages.ReportChartNoData)))
		return template.HTML(b.String())
	}
	if hi == lo {
		hi, lo = hi+1, lo-1
	}
	pad := (hi - lo) * 0.08
	y0, y1 := years[0], years[len(years)-1]
	x := func(year int) float64 {
		if y0 == y1 {
			return left + (width-left-right)/2
		}
		return left + (width-left-right)*float64(year-y0)/float64(y1-y0)
	}
	y := func(v float64) float64 { return top + (height-top-bottom)*(hi+pad-v)/(hi-lo+2*pad) }
	fmt.Fprintf(&b, `<text x="%s" y="%s" class="axis" text-anchor="end">%s</text>`, coord(left-4), coord(y(hi)+4), esc(fv(hi, 1)))
	fmt.Fprintf(&b, `<text x="%s" y="%s" class="axis" text-anchor="end">%s</text>`, coord(left-4), coord(y(lo)+4), esc(fv(lo, 1)))
	for yr := y0; yr <= y1; yr++ {
		fmt.Fprintf(&b, `<text x="%s" y="%s" class="axis" text-anchor="middle">%d</text>`, coord(x(yr)), coord(height-8), yr)
	}
	if t.FinalTarget != nil {
		fy := y(*t.FinalTarget)
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" class="target"/>`, coord(left), coord(fy), coord(width-right), coord(fy))
	}
	series := func(m map[int]float64, class string) {
		var pts []string
		for _, yr := range years {
			if v, ok := m[yr]; ok {
				pts = append(pts, coord(x(yr))+","+coord(y(v)))
				fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="2.5" class="%s"/>`, coord(x(yr)), coord(y(v)), class)
			}
		}
		if len(pts) > 1 {
			fmt.Fprintf(&b, `<polyline points="%s" class="%s"/>`, strings.Join(pts, " "), class)
		}
	}
	series(expected, "expected")
	series(actual, "actual")
	fmt.Fprintf(&b, `<text x="%s" y="14" class="legend">— %s  ‒ ‒ %s  ┄ %s</text>`, coord(left), esc(bilingual(messages.ReportChartActual)), esc(bilingual(messages.ReportChartExpected)), esc(bilingual(messages.ReportLabelFinalTarget)))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// intervalItem is one unit's rank interval under weight perturbation.
type intervalItem struct {
	Label          string
	Low, Mid, High int
	Rank           int
}

// rankIntervalChart draws each unit's 5–95 % rank interval with its median rank and its rank in
// the report, rank 1 on the left.
func rankIntervalChart(id string, items []intervalItem, units int) template.HTML {
	return rankIntervalChartTitled(id, bilingual(messages.ReportChartRankIntervals), items, units)
}

// rankIntervalChartTitled is rankIntervalChart with its own title.
func rankIntervalChartTitled(id, title string, items []intervalItem, units int) template.HTML {
	const width, labelW, rowH, top, right = 680.0, 170.0, 22.0, 28.0, 20.0
	if units < 1 {
		units = 1
	}
	plotW := width - labelW - right
	height := top + rowH*float64(len(items)) + 24
	x := func(r int) float64 {
		if units == 1 {
			return labelW + plotW/2
		}
		return labelW + plotW*float64(r-1)/float64(units-1)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" id="%s" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" role="img">`,
		esc(id), coord(width), coord(height), coord(width), coord(height))
	fmt.Fprintf(&b, `<title>%s</title>`, esc(title))
	fmt.Fprintf(&b, `<text x="0" y="16" class="chart-title">%s</text>`, esc(title))
	step := 1
	for units/step > 10 {
		step++
	}
	for r := 1; r <= units; r += step {
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" class="grid"/>`, coord(x(r)), coord(top-4), coord(x(r)), coord(height-20))
		fmt.Fprintf(&b, `<text x="%s" y="%s" class="axis" text-anchor="middle">%d</text>`, coord(x(r)), coord(height-6), r)
	}
	for i, it := range items {
		cy := top + rowH*float64(i) + rowH/2
		fmt.Fprintf(&b, `<text x="%s" y="%s" class="label" text-anchor="end">%s</text>`, coord(labelW-6), coord(cy+4), esc(it.Label))
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" class="interval"/>`, coord(x(it.Low)-3), coord(cy), coord(x(it.High)+3), coord(cy))
		fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="4" class="median"/>`, coord(x(it.Mid)), coord(cy))
		if it.Rank > 0 {
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="6" height="6" class="rank"/>`, coord(x(it.Rank)-3), coord(cy-9))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
