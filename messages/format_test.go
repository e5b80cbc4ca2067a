package messages

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestFormat(t *testing.T) {
	zh, en := For(Chinese), For(English)
	tests := []struct {
		name string
		p    *Printer
		id   ID
		kv   []any
		want string
	}{
		{"label", zh, MonitoringStatusOffTrack, nil, "进度滞后"},
		{"label en", en, MonitoringStatusOffTrack, nil, "Off track"},
		{"int", zh, BasisAnnualTarget, []any{"year", 2016}, "2016年年度目标"},
		{"int en", en, BasisAnnualTarget, []any{"year", 2016}, "annual target 2016"},
		{"word order", zh, IngestFrameworkCodeDuplicate, []any{"code", "gdp", "row", 7}, "代码“gdp”已在第7行使用"},
		{"repeated placeholder", en, WarningLiftedByBonus, []any{"from", "良好", "to", "优秀"},
			"bonus points lift the unit from 良好 to 优秀; the 优秀 quota is not squeezed (plan line 3492)"},
		{"float", en, ScoringNoteCumulativeActual, []any{"start", 2016, "end", 2017, "actual", 64.5}, "cumulative 2016–2017: 64.5"},
		{"nested message in the same language", zh, BasisAnnualGrowthOn,
			[]any{"year", 2017, "rate", "8", "basis", New(BasisActualOfYear, "year", 2016)}, "2017年年度目标：在2016年实际值基础上增长8%"},
		{"nested message en", en, BasisAnnualGrowthOn,
			[]any{"year", 2017, "rate", "8", "basis", New(BasisBaselineOfYear, "year", 2015)}, "annual target 2017: 8% growth on the 2015 baseline"},
		{"id argument", zh, BasisTrajectory, []any{"path", BasisPathCompound}, "规划路径（复合增长）"},
		{"list zh", zh, IngestUnknownColumn, []any{"columns", []string{"indicator", "unit", "period"}}, "无法识别的列；可用的列为：indicator、unit、period"},
		{"list en", en, IngestUnknownColumn, []any{"columns", []string{"indicator", "unit", "period"}}, "unknown column; the columns are indicator, unit, period"},
		{"list of messages zh", zh, CLIVerifyFailed, []any{"checks", []Message{New(GradePass), New(GradeFail)}}, "验证未通过：合格、不合格"},
		{"list of messages en", en, CLIVerifyFailed, []any{"checks", []Message{New(GradePass), New(GradeFail)}}, "verification failed: Pass, Fail"},
		{"error argument", zh, IngestRowUnreadable, []any{"error", errors.New("zip: not a valid zip file")}, "该行无法读取：zip: not a valid zip file"},
		{"literal braces are text", en, IngestSourceNotObject, nil, `"source" must be an object {"document", "table", "location", "quote"}`},
		{"extra arguments are ignored", en, GradePass, []any{"unused", 1}, "Pass"},
		{"missing argument is visible", zh, BasisAnnualTarget, nil, "%!{year}(MISSING)年年度目标"},
		{"one of two missing", en, IngestFrameworkCodeDuplicate, []any{"code", "gdp"}, "code \"gdp\" is already used on row %!{row}(MISSING)"},
		{"odd pair", en, GradePass, []any{"year"}, "Pass %!(BADKEY year)"},
		{"name not a string", en, BasisAnnualTarget, []any{2016, "x"}, "annual target %!{year}(MISSING) %!(BADKEY 2016)"},
		{"unknown id", zh, ID("no.such_id"), nil, "%!(UNKNOWN no.such_id)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Sprintf(tt.id, tt.kv...); got != tt.want {
				t.Errorf("Sprintf(%s) = %q, want %q", tt.id, got, tt.want)
			}
		})
	}
}

func TestForUnknownLanguage(t *testing.T) {
	if got := For("fr").Language(); got != Default {
		t.Errorf("For(fr) = %s, want the default %s", got, Default)
	}
	if For(English).Language() != English {
		t.Error("For(English) is not English")
	}
}

func TestBilingual(t *testing.T) {
	if got := Bilingual(GradePass); got != "合格 Pass" {
		t.Errorf("Bilingual(GradePass) = %q", got)
	}
	zh, en := Both(MonitoringWarningProjectedShort, "percent", "84.5", "year", 2020)
	if zh != "按现有趋势预计，至2020年仅能完成期末目标的84.5%" || en != "projected to reach 84.5% of the final target by 2020" {
		t.Errorf("Both = %q, %q", zh, en)
	}
}

// TestMessageJSON shows a recorded message surviving storage and rendering later.
func TestMessageJSON(t *testing.T) {
	m := New(WarningMissingImputed, "period", "2016", "imputed", New(ScoringImputedMean))
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"id":"warning.missing_imputed","args":{"imputed":{"id":"scoring.imputed.mean"},"period":"2016"}}` {
		t.Errorf("marshalled %s", b)
	}
	// Back from JSON a nested message is restored as a Message (UnmarshalJSON), so it renders in
	// the reader's language, and the numbers print as they were given.
	var back Message
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if got := For(Chinese).Render(back); got != "评价期2016无得分：按各单位平均分计" {
		t.Errorf("Render zh = %q", got)
	}
	if got := For(English).Render(back); got != "no score for period 2016: scored the mean of the units' scores" {
		t.Errorf("Render en = %q", got)
	}
	if err := Check(back); err != nil {
		t.Error(err)
	}
	year := New(BasisAnnualTarget, "year", 2016)
	b, _ = json.Marshal(year)
	var y Message
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	if got := For(English).Render(y); got != "annual target 2016" {
		t.Errorf("Render number = %q", got)
	}
	years := New(ProjectionMethodTrend, "years", []string{"2015", "2016"})
	b, _ = json.Marshal(years)
	var ys Message
	if err := json.Unmarshal(b, &ys); err != nil {
		t.Fatal(err)
	}
	if got := For(Chinese).Render(ys); !strings.Contains(got, "2015、2016") {
		t.Errorf("Render list = %q", got)
	}
	// Clauses (the problems of conflict.no_complete_weights) render each in the reader's
	// language, joined as clauses; a plain list of messages is joined as a list of words.
	reasons := []Message{New(AHPNodeNoDirect, "node", "economy"), New(AHPNodeNoConsistent, "node", "root")}
	clauses := New(ConflictNoCompleteWeights, "number", 2, "problems", Clauses(reasons))
	if err := Check(clauses); err != nil {
		t.Error(err)
	}
	if got := For(Chinese).Render(clauses); got != "第2号权重集尚未导出完整的权重（节点economy未给出直接权重；节点root尚无通过一致性检验的专家判断矩阵），没有可调整的权重" {
		t.Errorf("Render clauses zh = %q", got)
	}
	if got := For(English).Render(clauses); !strings.Contains(got, "(node economy has no direct weights; node root has no consistent expert matrix yet)") {
		t.Errorf("Render clauses en = %q", got)
	}
	words := New(ConflictNoCompleteWeights, "number", 2, "problems", []Message{New(GradePass), New(GradeFail)})
	if got := For(Chinese).Render(words); !strings.Contains(got, "（合格、不合格）") {
		t.Errorf("Render message list zh = %q", got)
	}
	// Back from JSON a list of message objects is a []Message again, rendered in the language.
	b, _ = json.Marshal(words)
	var ws Message
	if err := json.Unmarshal(b, &ws); err != nil {
		t.Fatal(err)
	}
	if got := For(English).Render(ws); !strings.Contains(got, "(Pass, Fail)") {
		t.Errorf("Render message list read back = %q", got)
	}
	if err := Check(New(ConflictNoCompleteWeights, "number", 2, "problems", Clauses{New(AHPNodeNoDirect)})); err == nil {
		t.Error("Check accepts clauses holding a message without its arguments")
	}
	// A text stored before the catalogue reads back verbatim, marked untranslated in Chinese.
	var old Message
	if err := json.Unmarshal([]byte(`"off track in the latest year with data"`), &old); err != nil {
		t.Fatal(err)
	}
	if zh, en := BothOf(old); en != "off track in the latest year with data" || zh != "off track in the latest year with data（原文未翻译）" {
		t.Errorf("legacy text: %q / %q", zh, en)
	}
	// An argument object that is not a message stays as it was.
	if got := restore(map[string]any{"id": "x", "other": 1.0}); got.(map[string]any)["other"] != 1.0 {
		t.Errorf("restore changed a non-message object: %v", got)
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		m  Message
		ok bool
	}{
		{New(GradePass), true},
		{New(BasisAnnualTarget, "year", 2016), true},
		{New(BasisAnnualTarget), false},
		{New(BasisAnnualTarget, "year", 2016, "extra", 1), false},
		{New(BasisAnnualTarget, "yaer", 2016), false},
		{New(BasisAnnualTarget, "year"), false},
		{New("no.such_id"), false},
		{New(BasisAnnualGrowthOn, "year", 2017, "rate", "8", "basis", New(BasisActualOfYear)), false},
		{New(BasisAnnualGrowthOn, "year", 2017, "rate", "8", "basis", New(BasisActualOfYear, "year", 2016)), true},
	}
	for _, tt := range tests {
		if err := Check(tt.m); (err == nil) != tt.ok {
			t.Errorf("Check(%v) = %v, want ok=%v", tt.m, err, tt.ok)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"{year}年{year}", []string{"year"}},
		{"{b} {a_1}", []string{"a_1", "b"}},
		{`{"label", "score"}: {error}`, []string{"error"}},
		{"{} {1a} {A} {a-b} {unclosed", nil},
	}
	for _, tt := range tests {
		got := Placeholders(tt.text)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Placeholders(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func FuzzFormat(f *testing.F) {
	f.Add("{year}年{", "2016")
	f.Add("}{a}{b}{{c}}", "x")
	f.Fuzz(func(t *testing.T, text, arg string) {
		p := &Printer{lang: Chinese, texts: map[ID]string{"t.t": text}}
		_ = p.Sprintf("t.t", "year", arg, "a", arg)
		_ = Placeholders(text)
	})
}

func TestOr(t *testing.T) {
	args := map[string]any{"year": 2016}
	tests := []struct {
		lang     Language
		id       string
		fallback string
		want     string
	}{
		{Chinese, string(BasisAnnualTarget), "annual target 2016", "2016年年度目标"},
		{English, string(BasisAnnualTarget), "x", "annual target 2016"},
		{Chinese, "", "not catalogued yet", "not catalogued yet"},
		{Chinese, "no.such.id", "recorded text", "recorded text"},
	}
	for _, tt := range tests {
		if got := For(tt.lang).Or(tt.id, args, tt.fallback); got != tt.want {
			t.Errorf("For(%s).Or(%q) = %q, want %q", tt.lang, tt.id, got, tt.want)
		}
	}
}
