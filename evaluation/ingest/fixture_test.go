package ingest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"evalbench/evaluation/engine"
)

func fp(x float64) *float64 { return &x }

// planFramework is a small framework drawn from the Jianggan 13th Five-Year plan (seed document
// 000, lines 31–580 and the indicator sections): a level target, a share, a restated baseline, an
// upper bound, a cumulative total, a qualitative target and a growth rate.
func planFramework() *engine.Framework {
	years := func(basis engine.TargetBasis, vals ...float64) []engine.AnnualTarget {
		var out []engine.AnnualTarget
		for i, v := range vals {
			out = append(out, engine.AnnualTarget{Year: 2016 + i, Basis: basis, Value: fp(v)})
		}
		return out
	}
	ind := func(code, name, nameEN string, in *engine.Indicator) *engine.Node {
		return &engine.Node{Code: code, Kind: engine.KindIndicator, Name: name, NameEN: nameEN, Indicator: in}
	}
	gdp := ind("gdp", "地区生产总值", "Gross domestic product", &engine.Indicator{
		Unit: "亿元", ValueKind: engine.ValueCurrency, CurrencyScale: 1e8, Polarity: engine.PolarityHigher,
		TargetKind: engine.TargetLevel, Key: true, Category: "经济发展",
		Baseline:      &engine.Baseline{Year: 2015, Value: 495},
		AnnualTargets: years(engine.BasisLevel, 535, 578, 624, 674, 723),
		FinalTarget:   fp(723), TargetText: "2020年地区生产总值723亿元，年均增长8%",
		Source: "区统计局", Responsible: "区发改局",
	})
	share := ind("service_share", "服务业增加值占生产总值比重", "Services share of GDP", &engine.Indicator{
		Unit: "%", ValueKind: engine.ValuePercent, Polarity: engine.PolarityHigher, TargetKind: engine.TargetLevel,
		Category: "经济发展", Baseline: &engine.Baseline{Year: 2015, Value: 73}, FinalTarget: fp(78),
	})
	revenue := ind("local_revenue", "地方财政收入", "Local fiscal revenue", &engine.Indicator{
		Unit: "亿元", ValueKind: engine.ValueCurrency, CurrencyScale: 1e8, Polarity: engine.PolarityHigher,
		TargetKind: engine.TargetLevel, Category: "经济发展",
		Baseline: &engine.Baseline{Year: 2015, Value: 63.80},
		AnnualTargets: append(years(engine.BasisLevel, 80.5, 87.3, 89.0, 92.0),
			engine.AnnualTarget{Year: 2020, Basis: engine.BasisLevel, Value: fp(94), Text: "94.0亿元（新口径）"}),
		FinalTarget:  fp(94),
		CaliberNotes: []engine.CaliberNote{{Year: 2015, Original: 74.03, Restated: 63.80, Reason: "营改增后按中央与地方50:50口径调整"}},
		Caliber:      "新口径(营改增后)", // round-trips through every format (issue 12)
	})
	pm25 := ind("pm25", "细颗粒物(PM2.5)浓度", "PM2.5 concentration", &engine.Indicator{
		Unit: "微克/M3", ValueKind: engine.ValueQuantity, Polarity: engine.PolarityLower, TargetKind: engine.TargetUpperBound,
		Category: "生态文明", Baseline: &engine.Baseline{Year: 2015, Value: 50}, FinalTarget: fp(50), TargetText: "50以下",
		AnnualTargets: []engine.AnnualTarget{{Year: 2016, Basis: engine.BasisLevel, Text: "50以下"}},
	})
	fdi := ind("fdi", "实际利用外资", "Foreign direct investment used", &engine.Indicator{
		Unit: "亿美元", ValueKind: engine.ValueQuantity, Polarity: engine.PolarityHigher, TargetKind: engine.TargetCumulative,
		Category: "城区国际化", FinalTarget: fp(16), TargetText: "[16]",
	})
	air := ind("air_quality", "空气监测优良天数比率", "Share of good air days", &engine.Indicator{
		Unit: "%", ValueKind: engine.ValuePercent, Polarity: engine.PolarityHigher, TargetKind: engine.TargetQualitative,
		Category: "生态文明", TargetText: "完成市下达指标",
		Rubric: []engine.RubricLevel{{Label: "完成", Score: 100}, {Label: "基本完成", Score: 60}, {Label: "未完成", Score: 0}},
	})
	income := ind("income", "城镇居民人均可支配收入", "Urban disposable income per capita", &engine.Indicator{
		Unit: "元", ValueKind: engine.ValueCurrency, CurrencyScale: 1, Polarity: engine.PolarityHigher,
		TargetKind: engine.TargetGrowthRate, Category: "民生福祉", FinalTarget: fp(8), TargetText: "年均增长8%左右",
		AnnualTargets: append(years(engine.BasisGrowth, 8, 8, 8, 8),
			engine.AnnualTarget{Year: 2020, Basis: engine.BasisGrowth, Text: "同比增长8%左右"}),
		// Issue 12: an assessment dimension, a challenge target and a benchmark travel through
		// every format.
		Assessment:       engine.AssessAchievement,
		ChallengeTargets: []engine.AnnualTarget{{Year: 2017, Basis: engine.BasisGrowth, Value: fp(9), Text: "挑战目标：增长9%"}},
		Benchmark:        &engine.Benchmark{Name: "杭州市", Value: fp(8.5), Source: "示例"},
	})
	power := ind("power_intensity", "单位生产总值电耗", "Power use per unit of GDP", &engine.Indicator{
		Unit: "%", ValueKind: engine.ValuePercent, Polarity: engine.PolarityLower, TargetKind: engine.TargetGrowthRate,
		AnnualTargets: years(engine.BasisGrowth, -3, -3, -3, -3, -3),
	})
	doctors := ind("doctors", "每千人拥有医生数", "Doctors per thousand residents", &engine.Indicator{
		Unit: "人", ValueKind: engine.ValueCount, Polarity: engine.PolarityRange, TargetKind: engine.TargetLowerBound,
		RangeLow: fp(5), RangeHigh: fp(8), FinalTarget: fp(6),
	})
	group := func(code, name string, children ...*engine.Node) *engine.Node {
		return &engine.Node{Code: code, Kind: engine.KindGroup, Name: name, Children: children}
	}
	dim := func(d engine.Dimension, children ...*engine.Node) *engine.Node {
		names := engine.DimensionNames[d]
		return &engine.Node{Code: string(d), Kind: engine.KindDimension, Name: names[0], NameEN: names[1], Children: children}
	}
	return &engine.Framework{
		Title: "江干区“十三五”绩效管理规划", PlanStart: 2016, PlanEnd: 2020,
		Dimensions: []*engine.Node{
			dim(engine.Economy, group("fiscal", "财政", revenue), gdp),
			dim(engine.Efficiency, share, power),
			dim(engine.Effectiveness, group("ecology", "生态文明", group("air", "大气", pm25, air)), fdi),
			dim(engine.Equity, income, doctors),
		},
	}
}

var planUnits = []string{"JG", "SJQ", "KQ"}

func planSchema() Schema { return NewSchema(planFramework(), planUnits) }

// readAll reads observations and returns them with the problems.
func readAll(t testing.TB, data []byte, opts Options) ([]engine.Observation, Summary, *engine.ValidationError, error) {
	t.Helper()
	var obs []engine.Observation
	sum, err := ReadObservations(bytes.NewReader(data), opts, planSchema(), func(o engine.Observation) error {
		obs = append(obs, o)
		return nil
	})
	if err == nil {
		return obs, sum, nil, nil
	}
	if ve, ok := err.(*engine.ValidationError); ok {
		return obs, sum, ve, nil
	}
	return obs, sum, nil, err
}

func gbk(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatalf("GBK encoding %q: %v", s, err)
	}
	return []byte(b)
}

func simplifiedChineseGBK(s string) ([]byte, error) {
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	return []byte(b), err
}

// xcell is one cell of a generated workbook. Kind: "n" a number (Num), "s" a string, "b" a
// boolean, "e" an error value, "f" a number with the number format Format, "d" a date (a string
// YYYY-MM-DD stored as an Excel date serial with a date format), "fv" a formula Text with cached value Cached, "" empty.
type xcell struct {
	Kind   string
	Text   string
	Num    float64
	Format string
	Cached string
}

// parseXCell reads the golden table's cell notation: n:555.789, s:text, b:TRUE, e:#DIV/0!,
// f:0.0:555.789, d:2017-09-01, fv:1+2=3; anything else is a string cell.
func parseXCell(spec string) xcell {
	kind, rest, ok := strings.Cut(spec, ":")
	if !ok {
		return xcell{Kind: "s", Text: spec}
	}
	switch kind {
	case "n":
		x, err := parseNumber(rest)
		if err.ID != "" {
			panic(fmt.Sprintf("bad numeric cell %q", spec))
		}
		return xcell{Kind: "n", Num: x}
	case "s", "b", "e", "d":
		return xcell{Kind: kind, Text: rest}
	case "f":
		format, num, _ := strings.Cut(rest, ":")
		x, err := parseNumber(num)
		if err.ID != "" {
			panic(fmt.Sprintf("bad formatted cell %q", spec))
		}
		return xcell{Kind: "f", Num: x, Format: format}
	case "fv":
		formula, cached, _ := strings.Cut(rest, "=")
		return xcell{Kind: "fv", Text: formula, Cached: cached}
	}
	return xcell{Kind: "s", Text: spec}
}

// makeXLSX writes a workbook with excelize. Error cells, which excelize cannot write, and cached
// formula results are patched into the sheet XML as Excel stores them.
func makeXLSX(t testing.TB, sheets map[string][][]xcell, order ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	patches := map[string]map[string]xcell{} // sheet file → cell ref → cell
	for si, name := range order {
		if si == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		sheetFile := fmt.Sprintf("xl/worksheets/sheet%d.xml", si+1)
		for r, row := range sheets[name] {
			for c, x := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				var err error
				switch x.Kind {
				case "":
				case "n":
					err = f.SetCellFloat(name, ref, x.Num, -1, 64)
				case "s":
					err = f.SetCellStr(name, ref, x.Text)
				case "b":
					err = f.SetCellBool(name, ref, strings.EqualFold(x.Text, "true"))
				case "f":
					err = f.SetCellFloat(name, ref, x.Num, -1, 64)
					if err == nil {
						var style int
						style, err = f.NewStyle(&excelize.Style{CustomNumFmt: &x.Format})
						if err == nil {
							err = f.SetCellStyle(name, ref, ref, style)
						}
					}
				case "d":
					var serial float64
					fmt.Sscan(excelSerial(t, x.Text), &serial)
					err = f.SetCellFloat(name, ref, serial, -1, 64)
					if err == nil {
						format := "yyyy/m/d"
						var style int
						style, err = f.NewStyle(&excelize.Style{CustomNumFmt: &format})
						if err == nil {
							err = f.SetCellStyle(name, ref, ref, style)
						}
					}
				case "e", "fv":
					err = f.SetCellFormula(name, ref, "1+1")
					if patches[sheetFile] == nil {
						patches[sheetFile] = map[string]xcell{}
					}
					patches[sheetFile][ref] = x
				default:
					t.Fatalf("unknown cell kind %q", x.Kind)
				}
				if err != nil {
					t.Fatalf("cell %s: %v", ref, err)
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if len(patches) == 0 {
		return buf.Bytes()
	}
	return patchZip(t, buf.Bytes(), patches)
}

var formulaCell = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"([^>]*)><f>[^<]*</f>(<v>[^<]*</v>)?</c>`)

func patchZip(t testing.TB, data []byte, patches map[string]map[string]xcell) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if p := patches[zf.Name]; p != nil {
			n := 0
			body = formulaCell.ReplaceAllFunc(body, func(m []byte) []byte {
				sub := formulaCell.FindSubmatch(m)
				x, ok := p[string(sub[1])]
				if !ok {
					return m
				}
				n++
				attrs := regexp.MustCompile(` t="[^"]*"`).ReplaceAllString(string(sub[2]), "")
				switch x.Kind {
				case "e":
					return []byte(fmt.Sprintf(`<c r="%s"%s t="e"><f>1/0</f><v>%s</v></c>`, sub[1], attrs, x.Text))
				default:
					return []byte(fmt.Sprintf(`<c r="%s"%s><f>%s</f><v>%s</v></c>`, sub[1], attrs, x.Text, x.Cached))
				}
			})
			if n != len(p) {
				t.Fatalf("patched %d of %d cells in %s:\n%s", n, len(p), zf.Name, body)
			}
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func excelSerial(t testing.TB, date string) string {
	var y, m, d int
	if _, err := fmt.Sscanf(date, "%d-%d-%d", &y, &m, &d); err != nil {
		t.Fatalf("bad date %q", date)
	}
	// Days since 1899-12-30 (Excel's epoch, leap-year bug included for dates after 1900-02-28).
	days := 0
	for yy := 1900; yy < y; yy++ {
		days += 365
		if yy%4 == 0 && (yy%100 != 0 || yy%400 == 0) {
			days++
		}
	}
	mdays := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		mdays[1] = 29
	}
	for mm := 1; mm < m; mm++ {
		days += mdays[mm-1]
	}
	return fmt.Sprint(days + d + 1)
}

// strCells makes a row of string cells.
func strCells(s ...string) []xcell {
	out := make([]xcell, len(s))
	for i, x := range s {
		if x != "" {
			out[i] = xcell{Kind: "s", Text: x}
		}
	}
	return out
}
