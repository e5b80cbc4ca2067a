package reports

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/statistics"
)

//go:embed templates/report.html.tmpl templates/report.css
var templateFS embed.FS

var reportTemplate = template.Must(template.New("report.html.tmpl").Funcs(textFuncs).ParseFS(templateFS, "templates/report.html.tmpl"))

// RenderHTML renders the HTML report of a bundle: Chinese first with English alongside, A4 print
// CSS, SVG charts drawn here, no JavaScript. It reads the bundle alone and formats every number
// itself (no locale), so the same bundle always gives the same bytes.
func RenderHTML(b *Bundle) ([]byte, error) {
	css, err := templateFS.ReadFile("templates/report.css")
	if err != nil {
		return nil, err
	}
	v, err := newView(b)
	if err != nil {
		return nil, err
	}
	v.CSS = template.CSS(css)
	var buf bytes.Buffer
	if err := reportTemplate.Execute(&buf, v); err != nil {
		return nil, fmt.Errorf("reports: rendering the HTML: %w", err)
	}
	return buf.Bytes(), nil
}

// view is what the template shows; every number in it is already formatted.
type view struct {
	CSS          template.CSS
	Title        string
	M            Manifest
	Digest       string // results digest
	InputsDigest string
	Synthetic    bool
	Illustrative bool
	Period       string
	PlanPeriod   string
	Engine       string

	Coverage *coverageView
	// Sources lists, per actual in the indicator detail, the document, location and quoted
	// phrase it was taken from; Preliminary counts those flagged preliminary (初步/预计).
	Sources      []sourceRow
	Preliminary  int
	Ranking      []rankRow
	RankChart    template.HTML
	Grades       []gradeRow
	GradeChart   template.HTML
	EarlyWarning []warnRow
	Warnings     []warnRow
	Components   []componentRow
	Constraints  []constraintRow
	Adjustments  []adjustRow

	Dimensions []dimensionView
	Indicators []indicatorView

	Surveys []surveyView

	Uncertainty *uncertaintyView
	Sensitivity *sensitivityView
	Aggregation *aggregationView
	Diagnostics *diagnosticsView

	// The plan's remaining rules (plan lines 3398–3494): assessment dimensions, challenge
	// targets and benchmarks, the panel of two periods, awards and rectification items.
	Assessment        *assessmentView
	Benchmarks        []benchmarkView
	Panel             *panelView
	Awards            []awardRow
	AwardRules        string
	Rectifications    []rectRow
	RectificationsEnd string

	Framework   []frameworkRow
	WeightSet   weightSetView
	Experts     []expertView
	RITable     []riRow
	RIName      string
	Scoring     []scoringRow
	Missing     missingView
	GradeBands  []bandRow
	Datasets    []datasetRow
	SurveyProv  []surveyProvRow
	InputRows   []digestRow
	Limitations []string
	Verify      verifyView
}

// coverageView is how much of the framework the composite rests on: indicators scored of
// total and the weight they carry, overall and by dimension; Provisional below the threshold.
type coverageView struct {
	Scored, Total, Weight, Threshold string
	Provisional                      bool
	Dimensions                       []coverageRow
}

type coverageRow struct{ Name, NameEN, Scored, Total, Weight, Of string }

type rankRow struct {
	Rank, Unit, Name, Composite, Base, Bonus, Penalty, Grade, BaseGrade string
	Lifted, BottomTwo, Flagged                                          bool
}

type gradeRow struct{ Code, Name, Count, Quota, Lifted string }

type warnRow struct{ Code, Indicator, Unit, Message string }

type componentRow struct{ Code, Name, Source, Weight, Share string }

type constraintRow struct {
	Label, Kind, Source, Min, Share string
	Met                             bool
	Below                           string
}

type adjustRow struct{ Unit, Points, Reason string }

type dimensionView struct {
	Code, Name, NameEN, Weight string
	Chart                      template.HTML
	Rows                       []dimensionRow
}

type dimensionRow struct{ Unit, Name, Score string }

type indicatorView struct {
	Code, Name, NameEN, Dimension, Unit, Weight, Method, Target string
	// Baseline is the base-year value; Caliber the caliber (口径) the baseline, targets and
	// actuals are on, with the plan's caliber changes in CaliberNotes.
	Baseline, Caliber string
	CaliberNotes      []string
	Rows              []indicatorRow
	Tracks            []trackView
}

type indicatorRow struct {
	Unit, Name, Value, Target, Basis, Ratio, Score, Status, StatusClass, Note string
	// Ref is the number of the value's entry in the provenance appendix (0: no value).
	Ref         int
	Preliminary bool
}

// sourceRow is one entry of the provenance appendix: where one actual came from.
type sourceRow struct {
	N                                                   int
	Indicator, Name, Unit, Period, Value, Dataset       string
	Document, Table, Location, Quote, PreliminaryReason string
}

// preliminaryReason says why a value is preliminary, or "" when it is not: its source marks it
// 预计 (estimated) or 初步 (preliminary), or it comes from a government work report, delivered
// before the annual statistics (a value the plan or the statistics also give is taken from them).
func preliminaryReason(src *engine.Source, note string) string {
	var doc, quote string
	if src != nil {
		doc, quote = src.Document, src.Quote
	}
	switch {
	case strings.Contains(quote, "预计") || strings.Contains(note, "预计") || strings.Contains(quote, "初步") || strings.Contains(note, "初步"):
		return bilingual(messages.ReportValueSourcePreliminary)
	case strings.Contains(doc, "工作报告"):
		return bilingual(messages.ReportValueWorkReportOnly)
	}
	return ""
}

type trackView struct {
	Unit, Status, StatusClass, Warning, Final, Projected string
	// Schedule is the basis of a cumulative target's expected values; Method and Caveat say
	// how the projection was made and what it rests on.
	Schedule, Method, Caveat string
	Chart                    template.HTML
}

type surveyView struct {
	Code, Title, Component, Scale, Responses string
	Groups                                   []string
	Rows                                     []surveyUnitRow
	Chart                                    template.HTML
	ICC                                      []iccRow
	Alpha, AlphaReason                       string
	Kendall                                  string
	Gaps                                     []gapRow
	Leniency                                 string
	Comments                                 []commentRow
}

// commentRow is one unit × group's comments: the texts, or the mark of their suppression.
type commentRow struct {
	Unit, Group, MinRaters, Raters string
	Suppressed                     bool
	Texts                          []string
}

type surveyUnitRow struct {
	Unit, Name, Score string
	Cells             []surveyCell
}

type surveyCell struct{ Text, Class string }

type iccRow struct{ Group, Units, Raters, ICC1, ICCk, Reason string }

type gapRow struct {
	Unit, Item, Self, Others, N, Gap, Direction string
	Blind                                       bool
}

type uncertaintyView struct {
	Samples, Seed string
	// Perturbation and Parameter are catalogue messages (or plain text), rendered in each
	// language of the bilingual sentence that shows them.
	Perturbation, Parameter any
	Chart                   template.HTML
	Rows                    []uncertaintyRow
	Swaps                   []swapRow
}

type uncertaintyRow struct{ Unit, Name, Mean, P5, P50, P95, MedianRank, RankRange, Grades string }

type swapRow struct{ Upper, Lower, Probability, Node, Weight, NewWeight string }

type frameworkRow struct {
	Depth                              int
	Code, Name, Kind, Local, Global, N string
}

type weightSetView struct {
	Name, Method, Priority, RI, Threshold, Gate, Aggregation, Note string
	Illustrative                                                   bool
	Adjustments                                                    []string
}

type expertView struct {
	Node, Expert, CR, CI, LambdaMax, Status, Reason string
	Organisation                                    string // the expert's (engine.Judgment.Organisation), shown in brackets after the name
	Consistent, Excluded                            bool
	Criteria                                        []string
	Matrix                                          [][]string
	Weights                                         []string
}

type riRow struct{ N, RI string }

type scoringRow struct{ Code, Name, TargetKind, Polarity, Method, Override string }

type missingView struct {
	Policy, Explanation, Expected, Present string
	Missing                                []string
}

type bandRow struct{ Code, Name, Min, Quota string }

type datasetRow struct{ Number, File, SHA256, Importer, ImportedAt, Label, Observations, Synthetic string }

type surveyProvRow struct{ Code, Title, Responses, Withheld, SHA256 string }

type digestRow struct{ What, SHA256 string }

type verifyView struct{ KeyID, ReportID, ResultsDigest string }

// f formats a number with fixed decimals and no locale; nil is an em dash.
func f(x *float64, dec int) string {
	if x == nil || math.IsNaN(*x) || math.IsInf(*x, 0) {
		return "—"
	}
	return fv(*x, dec)
}

func fv(x float64, dec int) string {
	s := strconv.FormatFloat(x, 'f', dec, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// pct formats a share as a percentage with one decimal.
func pct(x float64) string { return fv(100*x, 1) + "%" }

// statusText names a monitoring status (on_track, …) in both languages: message
// monitoring.status.<status>.
func statusText(s string) string { return codeText("monitoring.status.", s) }

// codeText names a code in both languages by the catalogue message prefix + code, or gives the
// code itself when the catalogue has no such message (a configured code, say).
func codeText(prefix, code string) string {
	id := messages.ID(prefix + code)
	if _, ok := messages.Lookup(messages.Chinese, id); !ok {
		return code
	}
	return messages.Bilingual(id)
}

// optionText names a configuration option (prefix + code, '-' read as '_') in Chinese with
// English alongside, or gives the code when the catalogue does not name it.
func optionText(prefix, code string) string {
	return codeText(prefix, strings.ReplaceAll(code, "-", "_"))
}

// optionMessage is optionText as a message, for a sentence that renders each language apart.
func optionMessage(prefix, code string) any {
	id := messages.ID(prefix + strings.ReplaceAll(code, "-", "_"))
	if _, ok := messages.Lookup(messages.Chinese, id); !ok {
		return code
	}
	return id
}

// bi renders a recorded message in Chinese with English alongside ("" for none).
func bi(m *messages.Message) string {
	if m == nil {
		return ""
	}
	return messages.BilingualOf(*m)
}

// named shows a name with its code alongside ("地区生产总值 gdp"), or the code alone when the
// inputs give no other name.
func named(name, code string) string {
	if code == "" || name == "" || name == code {
		return code
	}
	return name + " " + code
}

var methodNames = map[string]messages.ID{
	"achievement": messages.ReportMethodAchievement,
	"prorata":     messages.ReportMethodProrata,
	"bands":       messages.ReportMethodBands,
	"rubric":      messages.ReportMethodRubric,
	"trajectory":  messages.ReportMethodTrajectory,
	"minmax":      messages.ReportMethodMinmax,
	"zscore":      messages.ReportMethodZscore,
	"rank":        messages.ReportMethodRank,
	"distance":    messages.ReportMethodDistance,
	"threshold":   messages.ReportMethodThreshold,
}

func methodText(m string) string {
	if n, ok := methodNames[m]; ok {
		return messages.Bilingual(n)
	}
	return m
}

func dimensionText(d engine.Dimension) (string, string) {
	if n, ok := engine.DimensionNames[d]; ok {
		return n[0], n[1]
	}
	return string(d), string(d)
}

// newView lays out a bundle for the HTML template, one named step per section of the report.
func newView(b *Bundle) (*view, error) {
	vb := newViewBuilder(b)
	vb.summary()
	vb.dimensions()
	vb.indicators()
	vb.surveys()
	vb.uncertainty()
	vb.plan()
	vb.constructionMethods()
	vb.methods()
	vb.provenance()
	return vb.v, nil
}

// viewBuilder holds what every section of the view reads: the bundle, the unit names, the
// framework's nodes by code, the units in rank order and the grade names.
type viewBuilder struct {
	b        *Bundle
	in       *engine.RunInputs
	res      *engine.Result
	m        Manifest
	v        *view
	unitName func(code string) string
	nodes    map[string]*engine.Node
	ranked   []engine.UnitResult
	grade    func(code string) string
}

// indicatorName is an indicator's name with its English name and code alongside ("" for none):
// what a warning shows in place of the bare code.
func (vb *viewBuilder) indicatorName(code string) string {
	if code == "" {
		return ""
	}
	n := vb.nodes[code]
	if n == nil {
		return code
	}
	name := n.Name
	if n.NameEN != "" && n.NameEN != n.Name {
		name = strings.TrimSpace(name + " " + n.NameEN)
	}
	return named(name, code)
}

// unitNamed is a unit's name with its code alongside ("" for none).
func (vb *viewBuilder) unitNamed(code string) string {
	if code == "" {
		return ""
	}
	return named(vb.unitName(code), code)
}

// newViewBuilder starts the view with the report's heading and indexes the bundle.
func newViewBuilder(b *Bundle) *viewBuilder {
	in, res, m := b.Inputs, b.Results, b.Manifest
	v := &view{M: m, Digest: b.ResultsDigest, InputsDigest: m.Inputs.SHA256, Synthetic: m.Flags.Synthetic,
		Illustrative: m.Flags.Illustrative, Period: string(res.Period), Engine: res.Engine,
		PlanPeriod: fmt.Sprintf("%d–%d", m.Commission.PeriodStart, m.Commission.PeriodEnd)}
	v.Title = m.Commission.Title + " " + messages.For(messages.Chinese).Sprintf(messages.ReportCoverTitleSuffix)
	names := map[string]string{}
	for _, u := range in.Units {
		names[u.Code] = u.Name
	}
	unitName := func(code string) string {
		if n := names[code]; n != "" {
			return n
		}
		return code
	}
	nodes := map[string]*engine.Node{}
	if in.Framework != nil {
		var walk func(n *engine.Node)
		walk = func(n *engine.Node) {
			nodes[n.Code] = n
			for _, c := range n.Children {
				walk(c)
			}
		}
		for _, d := range in.Framework.Dimensions {
			walk(d)
		}
	}

	ranked := append([]engine.UnitResult(nil), res.Units...)
	sort.SliceStable(ranked, func(i, j int) bool {
		ri, rj := ranked[i].Rank, ranked[j].Rank
		if (ri == 0) != (rj == 0) {
			return rj == 0
		}
		return ri < rj
	})
	gradeName := map[string]string{}
	for _, g := range in.Config.Grades {
		// The configured name, with the catalogue's English name of a standard grade code.
		en := g.Code
		if t, ok := messages.Lookup(messages.English, messages.ID("grade."+g.Code)); ok {
			en = t
		}
		gradeName[g.Code] = strings.TrimSpace(g.Name + " " + en)
	}
	grade := func(code string) string {
		if n, ok := gradeName[code]; ok {
			return n
		}
		return code
	}
	return &viewBuilder{b: b, in: in, res: res, m: m, v: v, unitName: unitName, nodes: nodes, ranked: ranked, grade: grade}
}

// summary draws the ranking and grade charts and lists the warnings, monitoring alerts, components, constraints and adjustments.
func (vb *viewBuilder) summary() {
	in, res, v, unitName, ranked, grade := vb.in, vb.res, vb.v, vb.unitName, vb.ranked, vb.grade
	if c := res.Coverage; c.Indicators > 0 {
		cv := &coverageView{Scored: strconv.Itoa(c.Scored), Total: strconv.Itoa(c.Indicators), Weight: pct(c.Weight),
			Threshold: pct(c.Threshold), Provisional: c.Provisional}
		for _, d := range c.Dimensions {
			zh, en := dimensionText(d.Dimension)
			cv.Dimensions = append(cv.Dimensions, coverageRow{Name: zh, NameEN: en, Scored: strconv.Itoa(d.Scored),
				Total: strconv.Itoa(d.Indicators), Weight: pct(d.ScoredWeight), Of: pct(d.Weight)})
		}
		v.Coverage = cv
	}
	var bars []barItem
	for _, u := range ranked {
		row := rankRow{Rank: "—", Unit: u.Code, Name: unitName(u.Code), Composite: f(u.Composite, 2), Base: f(u.Base, 2),
			Bonus: fv(u.Bonus, 2), Penalty: fv(u.Penalty, 2), Grade: grade(u.Grade), BaseGrade: grade(u.BaseGrade),
			Lifted: u.LiftedByBonus, BottomTwo: u.BottomTwo, Flagged: u.Flagged}
		if u.Rank > 0 {
			row.Rank = strconv.Itoa(u.Rank)
		}
		v.Ranking = append(v.Ranking, row)
		bars = append(bars, barItem{Label: unitName(u.Code), Value: u.Composite})
	}
	v.RankChart = hbarChart("chart-ranking", bilingual(messages.ReportChartCompositeScore), bars, 100)
	var gbars []barItem
	for _, g := range res.Grades {
		row := gradeRow{Code: g.Code, Name: g.Name, Count: strconv.Itoa(g.Count), Quota: "—", Lifted: strconv.Itoa(g.Lifted)}
		if g.Quota >= 0 && g.Quota != 0 {
			row.Quota = strconv.Itoa(g.Quota)
		}
		v.Grades = append(v.Grades, row)
		c := float64(g.Count)
		gbars = append(gbars, barItem{Label: g.Name, Value: &c, Text: strconv.Itoa(g.Count)})
	}
	if len(gbars) > 0 {
		// The axis has four steps: a multiple of 4 keeps its ticks whole numbers of units.
		v.GradeChart = hbarChart("chart-grades", bilingual(messages.ReportHeadingGradeDistribution), gbars, math.Ceil(float64(len(res.Units))/4)*4)
	}
	for _, w := range res.Warnings {
		row := warnRow{Code: codeText("warning_kind.", w.Code), Indicator: vb.indicatorName(w.Indicator), Unit: vb.unitNamed(w.Unit),
			Message: messages.BilingualOf(w.Message)}
		v.Warnings = append(v.Warnings, row)
		if w.Code == "bottom_two_twice" {
			v.EarlyWarning = append(v.EarlyWarning, row)
		}
	}
	for _, t := range res.Monitoring {
		if t.Warning != nil && (t.Status == "off_track" || t.Status == "at_risk") {
			v.EarlyWarning = append(v.EarlyWarning, warnRow{Code: statusText(t.Status), Indicator: vb.indicatorName(t.Indicator),
				Unit: vb.unitNamed(t.Unit), Message: bi(t.Warning)})
		}
	}
	for _, u := range res.Units {
		if u.BottomTwo && !u.Flagged {
			v.EarlyWarning = append(v.EarlyWarning, warnRow{Code: codeText("warning_kind.", "bottom_two"), Unit: vb.unitNamed(u.Code),
				Message: messages.Bilingual(messages.ReportBottomTwo)})
		}
	}
	for _, c := range res.Components {
		v.Components = append(v.Components, componentRow{Code: c.Code, Name: c.Name, Source: c.Source, Weight: fv(c.Weight, 4), Share: pct(c.Share)})
	}
	for _, c := range res.Constraints {
		row := constraintRow{Label: c.Label, Kind: codeText("constraint.kind.", c.Kind), Source: c.Source, Min: pct(c.Min), Share: pct(c.Share), Met: c.Met}
		var below []string
		for _, u := range c.UnitsBelow {
			below = append(below, unitName(u.Unit)+" "+pct(u.Share))
		}
		row.Below = strings.Join(below, "；")
		v.Constraints = append(v.Constraints, row)
	}
	for _, a := range in.Adjustments {
		v.Adjustments = append(v.Adjustments, adjustRow{Unit: unitName(a.Unit), Points: fv(a.Points, 2), Reason: a.Reason})
	}
}

// dimensions describes the 4E dimensions with their weights and scores.
func (vb *viewBuilder) dimensions() {
	in, res, v, unitName := vb.in, vb.res, vb.v, vb.unitName
	// 4E dimensions.
	dimWeight := map[engine.Dimension]float64{}
	if res.Weights != nil {
		for _, d := range res.Weights.Dimensions {
			dimWeight[d.Dimension] = d.Weight
		}
	}
	var dims []engine.Dimension
	if in.Framework != nil {
		for _, d := range in.Framework.Dimensions {
			dims = append(dims, engine.Dimension(d.Code))
		}
	}
	for k, d := range dims {
		zh, en := dimensionText(d)
		dv := dimensionView{Code: string(d), Name: zh, NameEN: en, Weight: pct(dimWeight[d])}
		var items []barItem
		for _, u := range res.Units {
			var s *float64
			for _, ds := range u.Dimensions {
				if ds.Dimension == d {
					s = ds.Score
				}
			}
			dv.Rows = append(dv.Rows, dimensionRow{Unit: u.Code, Name: unitName(u.Code), Score: f(s, 2)})
			items = append(items, barItem{Label: unitName(u.Code), Value: s})
		}
		dv.Chart = hbarChart(fmt.Sprintf("chart-dimension-%d", k+1), zh+" "+en, items, 100)
		v.Dimensions = append(v.Dimensions, dv)
	}
}

// indicators describes every indicator with its values, scores and monitoring trajectories.
func (vb *viewBuilder) indicators() {
	in, res, v, unitName, nodes := vb.in, vb.res, vb.v, vb.unitName, vb.nodes
	// Indicators.
	tracks := map[[2]string]engine.TrackEntry{}
	for _, t := range res.Monitoring {
		tracks[[2]string{t.Indicator, t.Unit}] = t
	}
	notes := map[[4]string]string{}
	for _, d := range in.Datasets {
		for _, o := range d.Observations {
			if o.Note != "" {
				notes[[4]string{strconv.Itoa(d.Number), o.Indicator, o.Unit, string(o.Period)}] = o.Note
			}
		}
	}
	chartN := 0
	for _, ir := range res.Indicators {
		zh, _ := dimensionText(ir.Dimension)
		iv := indicatorView{Code: ir.Code, Name: ir.Name, Dimension: zh, Weight: pct(ir.Weight), Method: methodText(ir.Method)}
		if n := nodes[ir.Code]; n != nil {
			iv.NameEN = n.NameEN
			if n.Indicator != nil {
				iv.Unit = n.Indicator.Unit
				ind := n.Indicator
				iv.Target = ind.TargetText
				if iv.Target == "" && ind.FinalTarget != nil {
					iv.Target = fmt.Sprintf("%s %s (%d)", f(ind.FinalTarget, 2), ind.Unit, in.Framework.PlanEnd)
				}
				if ind.Baseline != nil {
					iv.Baseline = fmt.Sprintf("%s %s (%d)", fv(ind.Baseline.Value, 2), ind.Unit, ind.Baseline.Year)
				}
				if ind.Caliber != "" {
					// The target in use first, on its caliber; the plan's wording (which may
					// quote an old-caliber figure) after it.
					iv.Caliber = ind.Caliber
					short := shortCaliber(ind.Caliber)
					iv.Baseline += " ［" + short + "］"
					if ind.FinalTarget != nil {
						iv.Target = fmt.Sprintf("%s %s (%d) ［%s］", f(ind.FinalTarget, 2), ind.Unit, in.Framework.PlanEnd, short)
						if ind.TargetText != "" {
							iv.Target += " · " + bilingual(messages.ReportLabelPlanText) + ": " + ind.TargetText
						}
					}
				}
				for _, cn := range ind.CaliberNotes {
					iv.CaliberNotes = append(iv.CaliberNotes, fmt.Sprintf("%d：%s %s → %s %s %s。%s",
						cn.Year, bilingual(messages.ReportLabelOriginalCaliber), fv(cn.Original, 2), bilingual(messages.ReportLabelRestatedCaliber), fv(cn.Restated, 2), ind.Unit, cn.Reason))
				}
			}
		}
		for _, c := range ir.Cells {
			row := indicatorRow{Unit: c.Unit, Name: unitName(c.Unit), Value: f(c.Value, 2), Target: f(c.Target, 2), Basis: bi(c.TargetBasis),
				Ratio: f(c.Ratio, 3), Score: f(c.Score, 2), Note: bi(c.Note)}
			if c.Label != "" {
				row.Value = c.Label
			}
			if iv.Caliber != "" && (c.Value != nil || c.Label != "") {
				if c.Caliber != "" {
					row.Value += " ［" + bilingual(messages.ReportLabelCaliber) + ": " + c.Caliber + "］"
				} else {
					row.Value += " ［" + bilingual(messages.ReportValueCaliberNotStated) + "］"
				}
				if c.Target != nil {
					row.Target += " ［" + shortCaliber(iv.Caliber) + "］"
				}
			}
			if c.Value != nil || c.Label != "" {
				sr := sourceRow{N: len(v.Sources) + 1, Indicator: ir.Code, Name: ir.Name, Unit: unitName(c.Unit), Period: string(res.Period),
					Value: row.Value, Dataset: "—", Document: bilingual(messages.ReportValueSourceNotRecorded)}
				if c.Dataset > 0 {
					sr.Dataset = strconv.Itoa(c.Dataset)
				}
				if c.Source != nil {
					if c.Source.Document != "" {
						sr.Document = c.Source.Document
					}
					sr.Table, sr.Location, sr.Quote = c.Source.Table, c.Source.Location, c.Source.Quote
				}
				sr.PreliminaryReason = preliminaryReason(c.Source, notes[[4]string{strconv.Itoa(c.Dataset), ir.Code, c.Unit, string(res.Period)}])
				row.Ref, row.Preliminary = sr.N, sr.PreliminaryReason != ""
				if row.Preliminary {
					v.Preliminary++
				}
				v.Sources = append(v.Sources, sr)
			}
			if c.Imputed != "" {
				row.Score += " (" + codeText("scoring.imputed.", c.Imputed) + ")"
			}
			if t, ok := tracks[[2]string{ir.Code, c.Unit}]; ok {
				row.Status, row.StatusClass = statusText(t.Status), t.Status
			}
			iv.Rows = append(iv.Rows, row)
		}
		for _, c := range ir.Cells {
			t, ok := tracks[[2]string{ir.Code, c.Unit}]
			if !ok {
				continue
			}
			tv := trackView{Unit: unitName(c.Unit), Status: statusText(t.Status), StatusClass: t.Status, Warning: bi(t.Warning),
				Final: f(t.FinalTarget, 2), Projected: f(t.ProjectedCompound, 2), Method: bi(t.ProjectionMethod), Caveat: bi(t.ProjectionCaveat)}
			if t.ProjectedCompound == nil {
				tv.Projected = f(t.ProjectedLinear, 2)
			}
			if t.Schedule != "" {
				tv.Schedule = codeText("monitoring.schedule.", t.Schedule)
			}
			chartN++
			var ind *engine.Indicator
			if n := nodes[ir.Code]; n != nil {
				ind = n.Indicator
			}
			tv.Chart = trajectoryChart(fmt.Sprintf("chart-track-%d", chartN), t, ind, in.Framework.PlanEnd)
			iv.Tracks = append(iv.Tracks, tv)
		}
		v.Indicators = append(v.Indicators, iv)
	}
}

// surveys describes the social evaluation: each survey's aggregates by unit and group.
func (vb *viewBuilder) surveys() {
	in, res, v, unitName := vb.in, vb.res, vb.v, vb.unitName
	// Social engine.
	surveyDefs := map[string]*engine.Survey{}
	for _, rs := range in.Surveys {
		if rs.Survey != nil {
			surveyDefs[rs.Survey.Code] = rs.Survey
		}
	}
	for k, sr := range res.Surveys {
		r := sr.Result
		sv := surveyView{Code: sr.Code, Component: sr.Component, Responses: strconv.Itoa(r.Responses),
			Scale: fmt.Sprintf("%s–%s", fv(r.Scale.Min, 2), fv(r.Scale.Max, 2))}
		for _, c := range res.Components {
			if c.Code == sr.Component {
				sv.Component = named(c.Name, c.Code)
			}
		}
		if d := surveyDefs[sr.Code]; d != nil {
			sv.Title = d.Title
			for _, g := range d.Groups {
				sv.Groups = append(sv.Groups, g.Code)
			}
			sort.Strings(sv.Groups)
		}
		var items []barItem
		for _, u := range r.Units {
			row := surveyUnitRow{Unit: u.Unit, Name: unitName(u.Unit), Score: f(u.Score, 2)}
			for _, g := range sv.Groups {
				cell := surveyCell{Text: "—", Class: "none"}
				for _, w := range u.Weights {
					if w.Group != g {
						continue
					}
					switch w.Status {
					case engine.GroupStatusSuppressed:
						cell = surveyCell{Text: bilingual(messages.ReportValueSuppressed), Class: "suppressed"}
					case engine.GroupStatusCounted:
						cell = surveyCell{Class: "counted"}
						for _, gr := range u.Groups {
							if gr.Group == g && gr.Stats != nil {
								cell.Text = fmt.Sprintf("%s (n=%d, w=%s)", fv(gr.Stats.Score, 1), gr.Stats.N, pct(w.Effective))
							}
						}
					case engine.GroupStatusSelfExcluded:
						cell = surveyCell{Text: bilingual(messages.ReportValueSelfNotScored), Class: "none"}
						for _, gr := range u.Groups {
							if gr.Group == g && gr.Stats != nil {
								cell.Text = fmt.Sprintf("%s (n=%d) %s", fv(gr.Stats.Score, 1), gr.Stats.N, bilingual(messages.ReportValueNotScored))
							}
						}
					case engine.GroupStatusNoResponses:
						cell = surveyCell{Text: bilingual(messages.ReportValueNoResponses), Class: "none"}
					case engine.GroupStatusZeroWeight:
						cell = surveyCell{Text: bilingual(messages.ReportValueZeroWeight), Class: "none"}
					}
				}
				row.Cells = append(row.Cells, cell)
			}
			sv.Rows = append(sv.Rows, row)
			items = append(items, barItem{Label: unitName(u.Unit), Value: u.Score})
			for _, g := range u.Gaps {
				item := g.Item
				if def := surveyDefs[sr.Code]; def != nil {
					for _, it := range def.Items {
						if it.Code == g.Item {
							item = named(it.Text, it.Code)
						}
					}
				}
				sv.Gaps = append(sv.Gaps, gapRow{Unit: unitName(u.Unit), Item: item, Self: fv(g.Self, 2), Others: fv(g.Others, 2),
					N: strconv.Itoa(g.OthersN), Gap: fv(g.Gap, 2), Direction: codeText("survey.gap.", g.Direction), Blind: g.BlindSpot})
			}
		}
		sv.Chart = hbarChart(fmt.Sprintf("chart-survey-%d", k+1), named(sv.Title, sr.Code)+" "+bilingual(messages.ReportChartSurveyScore), items, 100)
		for _, icc := range r.Reliability.ICC {
			row := iccRow{Group: codeText("rater_group.", icc.Group), Units: strconv.Itoa(icc.Units), Raters: strconv.Itoa(icc.Raters), ICC1: "—", ICCk: "—", Reason: bi(icc.Reason)}
			if icc.ICC21 != nil {
				row.ICC1 = estimateText(icc.ICC21)
			}
			if icc.ICC2k != nil {
				row.ICCk = estimateText(icc.ICC2k)
			}
			sv.ICC = append(sv.ICC, row)
		}
		sv.Alpha = f(r.Reliability.Alpha.Alpha, 3)
		sv.AlphaReason = bi(r.Reliability.Alpha.Reason)
		if kw := r.Reliability.KendallW; kw != nil {
			if kw.W != nil {
				sv.Kendall = fmt.Sprintf("W = %s, χ² = %s, df = %d, p = %s (%s)", f(kw.W, 3), f(kw.ChiSquare, 2), kw.DF, f(kw.P, 4), bilingual(messages.ReportTextKendallCounts, "raters", kw.Raters, "units", kw.Units))
			} else {
				sv.Kendall = bi(kw.Reason)
			}
		}
		for _, c := range r.Comments {
			sv.Comments = append(sv.Comments, commentRow{Unit: unitName(c.Unit), Group: c.Group, MinRaters: strconv.Itoa(c.MinRaters),
				Raters: strconv.Itoa(c.Raters), Suppressed: c.Suppressed, Texts: c.Texts})
		}
		if l := r.Leniency; l != nil {
			sv.Leniency = bilingual(messages.ReportLabelLeniency) + ": " + bilingual(messages.ReportTextLeniencyCounts, "raters", l.Raters, "corrected", l.Corrected, "single_unit", l.SingleUnit, "zero_variance", l.ZeroVariance, "clamped", l.Clamped)
		}
		v.Surveys = append(v.Surveys, sv)
	}
}

// uncertainty describes the Monte Carlo rank stability, when the run computed it.
func (vb *viewBuilder) uncertainty() {
	res, v, unitName, ranked := vb.res, vb.v, vb.unitName, vb.ranked
	// Uncertainty.
	if u := res.Uncertainty; u != nil {
		uv := &uncertaintyView{Samples: strconv.Itoa(u.Samples), Seed: strconv.FormatUint(u.Seed, 10), Perturbation: optionMessage("report.perturbation.", u.Perturbation)}
		if u.Perturbation == "dirichlet" {
			uv.Parameter = messages.New(messages.ReportTextConcentration, "c", fv(u.Concentration, 1))
		} else if u.Perturbation == "judgments" {
			uv.Parameter = judgmentParameter(u)
		} else {
			uv.Parameter = messages.New(messages.ReportTextFraction, "fraction", pct(u.Fraction))
		}
		var iv []intervalItem
		for _, ur := range ranked {
			uu := ur.Uncertainty
			if uu == nil {
				continue
			}
			var grades []string
			for _, g := range uu.GradeProbability {
				grades = append(grades, g.Grade+" "+pct(g.P))
			}
			uv.Rows = append(uv.Rows, uncertaintyRow{Unit: ur.Code, Name: unitName(ur.Code), Mean: fv(uu.Mean, 2), P5: fv(uu.P5, 2), P50: fv(uu.P50, 2),
				P95: fv(uu.P95, 2), MedianRank: strconv.Itoa(uu.MedianRank), RankRange: fmt.Sprintf("%d–%d", uu.RankP5, uu.RankP95), Grades: strings.Join(grades, "，")})
			iv = append(iv, intervalItem{Label: unitName(ur.Code), Low: uu.RankP5, Mid: uu.MedianRank, High: uu.RankP95, Rank: ur.Rank})
		}
		if len(iv) > 0 {
			uv.Chart = rankIntervalChart("chart-rank-intervals", iv, len(res.Units))
		}
		for _, s := range u.Swaps {
			uv.Swaps = append(uv.Swaps, swapRow{Upper: unitName(s.Upper), Lower: unitName(s.Lower), Probability: pct(s.Probability), Node: s.Node,
				Weight: f(s.Weight, 4), NewWeight: f(s.NewWeight, 4)})
		}
		v.Uncertainty = uv
	}
}

// methods describes the framework with its weights, the weight set, the missing-data policy and the grade bands.
func (vb *viewBuilder) methods() {
	in, res, v, unitName, nodes := vb.in, vb.res, vb.v, vb.unitName, vb.nodes
	// Methods: the framework with weights.
	if in.Framework != nil && res.Weights != nil {
		local := map[string]float64{}
		for _, n := range res.Weights.Nodes {
			for i, c := range n.Children {
				if i < len(n.Weights) {
					local[c] = n.Weights[i]
				}
			}
		}
		global := map[string]float64{}
		for _, g := range res.Weights.Global {
			global[g.Indicator] = g.Weight
		}
		for _, d := range res.Weights.Dimensions {
			global[string(d.Dimension)] = d.Weight
		}
		var walk func(n *engine.Node, depth int)
		walk = func(n *engine.Node, depth int) {
			row := frameworkRow{Depth: depth, Code: n.Code, Name: n.Name, Kind: codeText("node_kind.", string(n.Kind)), Local: fv(local[n.Code], 4), Global: "", N: strconv.Itoa(len(n.Children))}
			if g, ok := global[n.Code]; ok {
				row.Global = fv(g, 4)
			}
			v.Framework = append(v.Framework, row)
			for _, c := range n.Children {
				walk(c, depth+1)
			}
		}
		for _, d := range in.Framework.Dimensions {
			walk(d, 0)
		}
	}
	ws := in.Weights.Set
	v.WeightSet = weightSetView{Name: ws.Name, Method: optionText("report.weight_method.", string(ws.Method)), Illustrative: ws.Illustrative, Note: ws.Note,
		Priority: optionText("report.ahp.priority.", orDefault(ws.AHP.Priority, "eigenvector")), RI: optionText("report.ahp.ri.", orDefault(ws.AHP.RI, "saaty")),
		Gate: optionText("report.ahp.gate.", orDefault(ws.AHP.Gate, "exclude")), Aggregation: optionText("report.ahp.aggregation.", orDefault(ws.AHP.Aggregation, "aij")),
		Threshold: fv(orDefaultF(ws.AHP.CRThreshold, 0.10), 2)}
	for _, a := range ws.Adjustments {
		v.WeightSet.Adjustments = append(v.WeightSet.Adjustments, fmt.Sprintf("%s → %s: %s (%s)", vb.indicatorName(a.Node), vb.indicatorName(a.Child), fv(a.Weight, 4), a.Reason))
	}
	if res.Weights != nil {
		judgments := map[[2]string]engine.Judgment{}
		for _, j := range in.Weights.Judgments {
			judgments[[2]string{j.Node, j.Expert}] = j
		}
		for _, e := range res.Weights.Experts {
			ev := expertView{Node: vb.indicatorName(e.Node), Expert: e.ExpertName, Organisation: e.Organisation, CR: fv(e.CR, 4), CI: fv(e.CI, 4), LambdaMax: fv(e.LambdaMax, 4),
				Consistent: e.Consistent, Excluded: e.Excluded, Reason: bi(e.Reason)}
			switch {
			case e.Excluded:
				ev.Status = bilingual(messages.ReportValueExcluded)
			case e.Consistent:
				ev.Status = bilingual(messages.ReportValueConsistent)
			default:
				ev.Status = bilingual(messages.ReportValueInconsistent)
			}
			if j, ok := judgments[[2]string{e.Node, e.Expert}]; ok {
				for _, c := range j.Criteria {
					ev.Criteria = append(ev.Criteria, vb.indicatorName(c))
				}
				for _, row := range j.Matrix {
					var cells []string
					for _, x := range row {
						cells = append(cells, saatyText(x))
					}
					ev.Matrix = append(ev.Matrix, cells)
				}
			}
			for _, w := range e.Weights {
				ev.Weights = append(ev.Weights, fv(w, 4))
			}
			v.Experts = append(v.Experts, ev)
		}
		if len(res.Weights.Experts) > 0 || ws.Method == engine.WeightAHP {
			v.RIName, v.RITable = riTable(orDefault(res.Weights.RITable, orDefault(ws.AHP.RI, "saaty")))
		}
	}
	for _, ir := range res.Indicators {
		row := scoringRow{Code: ir.Code, Name: ir.Name, Method: methodText(ir.Method)}
		if n := nodes[ir.Code]; n != nil && n.Indicator != nil {
			row.TargetKind, row.Polarity = codeText("target_kind.", string(n.Indicator.TargetKind)), codeText("web.polarity.", string(n.Indicator.Polarity))
		}
		if r, ok := in.Config.Scoring[ir.Code]; ok {
			row.Override = scoringOverride(r)
		}
		v.Scoring = append(v.Scoring, row)
	}
	v.Missing = missingView{Policy: codeText("missing_policy.", in.Config.Missing), Explanation: missingExplanation(in.Config.Missing),
		Expected: strconv.Itoa(res.Coverage.Expected), Present: strconv.Itoa(res.Coverage.Present)}
	for _, mv := range res.Coverage.Missing {
		v.Missing.Missing = append(v.Missing.Missing, fmt.Sprintf("%s × %s × %s", vb.indicatorName(mv.Indicator), unitName(mv.Unit), mv.Period))
	}
	for _, g := range in.Config.Grades {
		row := bandRow{Code: g.Code, Name: g.Name, Min: fv(g.MinScore, 2), Quota: "—"}
		if g.Quota != nil {
			row.Quota = pct(*g.Quota)
		}
		if g.QuotaCount != nil {
			row.Quota = strconv.Itoa(*g.QuotaCount)
		}
		v.GradeBands = append(v.GradeBands, row)
	}
}

// provenance lists the inputs with their digests, the limitations and how to verify the report.
func (vb *viewBuilder) provenance() {
	b, m, v := vb.b, vb.m, vb.v
	for _, d := range m.Inputs.Datasets {
		row := datasetRow{Number: strconv.Itoa(d.Number), File: d.FileName, SHA256: d.FileSHA256, Importer: d.Importer, ImportedAt: d.ImportedAt,
			Label: d.Label, Observations: strconv.Itoa(d.Observations)}
		if d.Synthetic {
			row.Synthetic = bilingual(messages.ReportValueSynthetic)
		}
		v.Datasets = append(v.Datasets, row)
	}
	for _, s := range m.Inputs.Surveys {
		v.SurveyProv = append(v.SurveyProv, surveyProvRow{Code: s.Code, Title: s.Title, Responses: strconv.Itoa(s.Responses),
			Withheld: strconv.Itoa(s.WithheldCells), SHA256: s.ResponsesSHA256})
	}
	mi := m.Inputs
	v.InputRows = append(v.InputRows, digestRow{bilingual(messages.ReportInputAll), mi.SHA256}, digestRow{bilingual(messages.ReportInputFramework), mi.Framework.SHA256},
		digestRow{bilingual(messages.ReportInputUnits), mi.Units.SHA256})
	for _, d := range mi.Datasets {
		v.InputRows = append(v.InputRows, digestRow{fmt.Sprintf("%s %d (%s)", bilingual(messages.ReportInputDataset), d.Number, d.FileName), d.SHA256})
	}
	v.InputRows = append(v.InputRows, digestRow{bilingual(messages.ReportLabelWeightSet) + " " + mi.Weights.Name, mi.Weights.SHA256})
	for _, j := range mi.Weights.Judgments {
		// The expert's organisation in brackets after the name, as the methods section names them.
		expert := j.ExpertName
		if j.Organisation != "" {
			expert += "（" + j.Organisation + "）"
		}
		v.InputRows = append(v.InputRows, digestRow{fmt.Sprintf("%s %s / %s", bilingual(messages.ReportInputMatrix), vb.indicatorName(j.Node), expert), j.SHA256})
	}
	for _, s := range mi.Surveys {
		v.InputRows = append(v.InputRows, digestRow{bilingual(messages.ReportInputSurvey) + " " + s.Code, s.SHA256})
	}
	v.InputRows = append(v.InputRows, digestRow{bilingual(messages.ReportInputAdjustments), mi.Adjustments.SHA256}, digestRow{bilingual(messages.ReportInputConfiguration), mi.Config})
	if mi.Previous != nil {
		v.InputRows = append(v.InputRows, digestRow{bilingual(messages.ReportInputPreviousRun) + " " + string(mi.Previous.Period), mi.Previous.ResultDigest})
	}
	v.Limitations = limitations(b)
	v.Verify = verifyView{KeyID: m.Signer.KeyID, ReportID: m.Report.ID, ResultsDigest: b.ResultsDigest}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func orDefaultF(x, def float64) float64 {
	if x == 0 {
		return def
	}
	return x
}

func estimateText(e *engine.ReliabilityEstimate) string {
	s := fv(e.Value, 3)
	if e.Lower != nil && e.Upper != nil {
		s += fmt.Sprintf(" [%s, %s]", fv(*e.Lower, 3), fv(*e.Upper, 3))
	}
	return s
}

// saatyText writes a judgment on Saaty's scale: integers as they are, reciprocals as 1/k, a
// missing judgment (0) as an em dash.
func saatyText(x float64) string {
	switch {
	case x == 0:
		return "—"
	case x >= 1 && x == math.Trunc(x):
		return strconv.Itoa(int(x))
	case x < 1 && math.Abs(1/x-math.Round(1/x)) < 1e-9:
		return "1/" + strconv.Itoa(int(math.Round(1/x)))
	}
	return fv(x, 3)
}

// riTable lists the random indices the consistency ratios were computed with.
func riTable(name string) (string, []riRow) {
	var rows []riRow
	if name == "alonso-lamata" {
		for n := 3; n <= 15; n++ {
			fn := float64(n)
			rows = append(rows, riRow{N: strconv.Itoa(n), RI: fv((2.7699*fn-4.3513-fn)/(fn-1), 4)})
		}
		return "Alonso & Lamata (2006): RI_n = (2.7699n − 4.3513 − n)/(n − 1)", rows
	}
	for n := 1; n <= 15; n++ {
		ri, _ := statistics.SaatyRI(n)
		rows = append(rows, riRow{N: strconv.Itoa(n), RI: fv(ri, 2)})
	}
	return "Saaty (1980), n = 11–15 from Saaty & Vargas", rows
}

func scoringOverride(r engine.ScoringRule) string {
	parts := []string{r.Method}
	if r.Cap != nil {
		parts = append(parts, "cap "+fv(*r.Cap, 2))
	}
	if r.Floor != nil {
		parts = append(parts, "floor "+fv(*r.Floor, 2))
	}
	if r.Path != "" {
		parts = append(parts, "path "+r.Path)
	}
	for _, b := range r.Bands {
		parts = append(parts, fmt.Sprintf("≤%s→%s", fv(b.UpTo, 3), fv(b.Score, 1)))
	}
	for _, t := range r.Table {
		parts = append(parts, fmt.Sprintf("%s→%s", fv(t.Value, 3), fv(t.Score, 1)))
	}
	if r.Goalposts != nil {
		parts = append(parts, fmt.Sprintf("goalposts %s–%s", fv(r.Goalposts[0], 2), fv(r.Goalposts[1], 2)))
	}
	return strings.Join(parts, ", ")
}

func missingExplanation(policy string) string {
	switch policy {
	case "zero":
		return bilingual(messages.ReportMissingZero)
	case "mean":
		return bilingual(messages.ReportMissingMean)
	}
	return bilingual(messages.ReportMissingRenormalise)
}

// limitations lists what a reader must keep in mind, from the bundle's own contents.
func limitations(b *Bundle) []string {
	in, res, m := b.Inputs, b.Results, b.Manifest
	var out []string
	if m.Flags.Synthetic {
		out = append(out, bilingual(messages.ReportLimitationSynthetic))
	}
	if m.Flags.Illustrative {
		out = append(out, bilingual(messages.ReportLimitationIllustrative))
	}
	if n := len(res.Coverage.Missing); n > 0 {
		out = append(out, bilingual(messages.ReportLimitationMissing, "count", n, "policy", messages.ID("missing_policy."+in.Config.Missing)))
	}
	excluded := 0
	if res.Weights != nil {
		for _, e := range res.Weights.Experts {
			if e.Excluded {
				excluded++
			}
		}
	}
	if excluded > 0 {
		out = append(out, bilingual(messages.ReportLimitationExpertsExcluded, "count", excluded))
	}
	suppressed := 0
	for _, rs := range in.Surveys {
		suppressed += len(rs.Withheld)
	}
	if suppressed > 0 {
		out = append(out, bilingual(messages.ReportLimitationSuppressed, "count", suppressed))
	}
	disagree := 0
	for _, w := range res.Warnings {
		if w.Code == "sources_disagree" {
			disagree++
		}
	}
	if disagree > 0 {
		out = append(out, bilingual(messages.ReportLimitationSourcesDisagree, "count", disagree))
	}
	if economyHoldsInputs(in.Framework) {
		out = append(out, bilingual(messages.ReportLimitationEconomyInputs))
	}
	if res.Uncertainty != nil {
		out = append(out, bilingual(messages.ReportLimitationWeightsOnly))
	}
	out = append(out, bilingual(messages.ReportLimitationScoringRules))
	return out
}

// shortCaliber is a caliber's name without its explanation: "新口径(营改增后…) restated …" → "新口径".
func shortCaliber(c string) string {
	if i := strings.IndexAny(c, "(（ "); i > 0 {
		return c[:i]
	}
	return c
}
