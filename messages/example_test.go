package messages_test

import (
	"fmt"

	"evalbench/messages"
)

func ExamplePrinter_Sprintf() {
	zh := messages.For(messages.FromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8"))
	en := messages.For(messages.English)
	fmt.Println(zh.Sprintf(messages.IngestFrameworkCodeDuplicate, "code", "gdp", "row", 7))
	fmt.Println(en.Sprintf(messages.IngestFrameworkCodeDuplicate, "code", "gdp", "row", 7))
	// Output:
	// 代码“gdp”已在第7行使用
	// code "gdp" is already used on row 7
}

func ExampleMessage() {
	// The engine records what happened; the reader's language is chosen when it is shown.
	w := messages.New(messages.BasisAnnualGrowthOn, "year", 2017, "rate", "8",
		"basis", messages.New(messages.BasisActualOfYear, "year", 2016))
	for _, l := range messages.Languages {
		fmt.Println(messages.For(l).Render(w))
	}
	// Output:
	// 2017年年度目标：在2016年实际值基础上增长8%
	// annual target 2017: 8% growth on the 2016 actual
}

func ExampleBilingual() {
	fmt.Println(messages.Bilingual(messages.GradePass))
	fmt.Println(messages.Bilingual(messages.DimensionEquity))
	// Output:
	// 合格 Pass
	// 公正 Equity
}

func ExampleCLILanguage() {
	env := map[string]string{"LANG": "zh_CN.UTF-8"}
	lang, _ := messages.CLILanguage("", func(k string) string { return env[k] })
	fmt.Println(lang)
	lang, _ = messages.CLILanguage("en", func(k string) string { return env[k] })
	fmt.Println(lang)
	// Output:
	// zh
	// en
}
