package ingest_test

import (
	"errors"
	"fmt"
	"strings"

	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
)

func ExampleParseValue() {
	gdp := &engine.Indicator{Unit: "亿元", ValueKind: engine.ValueCurrency, CurrencyScale: 1e8,
		Polarity: engine.PolarityHigher, TargetKind: engine.TargetLevel}
	for _, cell := range []string{"555.79亿元", "１，２３４．５", "—", "1,23,4", "5557900万元", "85%", "[2000]", "#DIV/0!"} {
		v, err := ingest.ParseValue(cell, gdp)
		switch {
		case err != nil:
			fmt.Printf("%s → error: %s\n", cell, err.(*ingest.ValueError).Reason)
		case v.Missing:
			fmt.Printf("%s → missing\n", cell)
		default:
			fmt.Printf("%s → %v\n", cell, v.Number)
		}
	}
	// Output:
	// 555.79亿元 → 555.79
	// １，２３４．５ → 1234.5
	// — → missing
	// 1,23,4 → error: malformed thousands separators: groups after the first must have exactly three digits (1,234,567.5)
	// 5557900万元 → error: unit "万元" is not the indicator's unit "亿元"; values are never converted between units: state the value in 亿元
	// 85% → error: '%' is accepted only on percent indicators; this indicator's unit is "亿元"
	// [2000] → error: brackets [ ] mark a cumulative total over the plan period; this indicator's target kind is level, not cumulative
	// #DIV/0! → error: Excel error #DIV/0!: the cell holds a failed formula, not a value
}

func ExampleReadObservations() {
	schema := ingest.Schema{
		Indicators: map[string]*engine.Indicator{
			"gdp": {Unit: "亿元", ValueKind: engine.ValueCurrency, CurrencyScale: 1e8, Polarity: engine.PolarityHigher, TargetKind: engine.TargetLevel},
		},
		Units: map[string]bool{"JG": true},
	}
	file := "指标代码,单位代码,期间,数值,来源文件\n" +
		"gdp,JG,2016,555.79亿元,十三五绩效管理规划\n" +
		"gdp,JG,2017-H1,302.5,十三五绩效管理规划\n" +
		"gdp,JG,2017,约550,政府工作报告\n"
	sum, err := ingest.ReadObservations(strings.NewReader(file), ingest.Options{FileName: "gdp.csv"}, schema,
		func(o engine.Observation) error {
			fmt.Println(o.Row, o.Indicator, o.Unit, o.Period, *o.Value, o.Source.Document)
			return nil
		})
	fmt.Println(sum.Format, sum.Encoding, sum.Rows, "rows,", sum.Valid, "valid")
	var ve *engine.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Println(p)
		}
	}
	// Output:
	// 2 gdp JG 2016 555.79 十三五绩效管理规划
	// 3 gdp JG 2017-H1 302.5 十三五绩效管理规划
	// csv utf-8 3 rows, 2 valid
	// row 4: column 数值: "约550": "约" marks a bound or an approximation, not an observed value; give the number itself
}
