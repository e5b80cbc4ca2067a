package calc

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/messages/messagestest"
)

// square returns an n×n matrix of ones as JSON.
func square(n int) string {
	row := "[" + strings.TrimSuffix(strings.Repeat("1,", n), ",") + "]"
	return "[" + strings.TrimSuffix(strings.Repeat(row+",", n), ",") + "]"
}

// nested returns a weight tree depth levels deep with one leaf.
func nested(depth int) string {
	s := `{"weight": 1, "indicator": 0}`
	for range depth {
		s = `{"weight": 1, "children": [` + s + `]}`
	}
	return s
}

const (
	mcScores = `"scores": [[80, 60], [70, 75]]`
	mcRest   = `"samples": 5, "perturbation": {"kind": "uniform", "percent": 5}`
	pm       = `"matrix": [[1, 2], [2, 3]], "weights": [0.5, 0.5]`
	ahp2     = `"matrix": [[1, 2], [0.5, 1]]`
)

// calcMessageCases are bad requests, each with the field and message id of one problem it must
// report. Together they reach every calc.* message of the catalogue (TestEveryCalcMessageIsReached).
var calcMessageCases = []struct {
	method, body, field string
	id                  messages.ID
}{
	{"nope", `{}`, "method", messages.CalcMethodUnknown},
	{"ahp", `{"matrix": [[1, 2, 3], [0.5, 1, 2], [0.2, 0.5, 1]]}`, "matrix[2][0]", messages.CalcNotReciprocal},
	{"topsis", `{"matrix": [[1, 2], [2, 3]], "weights": [0.5, 0.6]}`, "weights", messages.CalcStatistics},
	{"ahp", `{` + ahp2 + `, "method": "power"}`, "method", messages.CalcOneOf},
	{"normalise", `{"method": "target", "values": [1, 2]}`, "target", messages.CalcRequired},
	{"ahp", `{` + ahp2 + `, "tolerance": 2}`, "tolerance", messages.CalcInterval},
	{"vikor", `{` + pm + `, "v": 2}`, "v", messages.CalcIntervalGot},
	{"ahp", `{` + ahp2 + `, "max_suggestions": 200}`, "max_suggestions", messages.CalcBetween},
	{"ahp-group", `{"matrices": [[[1, 2], [0.5, 1]], [[1, 2], [0.5, 1]]], "expert_weights": [-1, 2]}`, "expert_weights[0]", messages.CalcNotNegative},
	{"ahp", `{"matrix": [[1, -2], [-0.5, 1]]}`, "matrix[0][1]", messages.CalcNotNegativeGot},
	{"promethee2", `{` + pm + `, "functions": [{"type": "v-shape", "p": 0}, {"type": "usual"}]}`, "functions[0].p", messages.CalcPositive},
	{"diagnostics", `{"matrix": [[1, 2], [2, 3], [3, 5]], "skew": -1}`, "skew", messages.CalcPositiveGot},
	{"diagnostics", `{"matrix": [[1, 2], [2, 3], [3, 5]], "kurt": -5}`, "kurt", messages.CalcGreaterGot},
	{"promethee2", `{` + pm + `, "functions": [{"type": "linear", "q": 2, "p": 1}, {"type": "usual"}]}`, "functions[0].p", messages.CalcGreaterThanField},
	{"promethee2", `{` + pm + `, "functions": [{"type": "u-shape", "q": -1}, {"type": "usual"}]}`, "functions[0].q", messages.CalcFiniteNonNegativeGot},
	{"sobol", `{"function": "ishigami", "a": 1e7, "n": 100, "seed": 1}`, "a", messages.CalcWithinGot},
	{"ahp", `{"matrix": []}`, "matrix", messages.CalcRowsRequired},
	{"diagnostics", `{"matrix": []}`, "matrix", messages.CalcNonEmptyRowsRequired},
	{"ahp", `{"matrix": [[]]}`, "matrix[0]", messages.CalcRowEmpty},
	{"entropy", `{"matrix": [[` + strings.TrimSuffix(strings.Repeat("0,", MaxCells+1), ",") + `]]}`, "matrix", messages.CalcCellsLimit},
	{"icc", `{"ratings": [[1, 2]]}`, "ratings", messages.CalcMinRows},
	{"icc", `{"ratings": [[1], [2]]}`, "ratings", messages.CalcMinColumns},
	{"ahp", `{"matrix": [[1, 2]]}`, "matrix", messages.CalcSquare},
	{"ahp", `{"matrix": [[1, 2], [0.5]]}`, "matrix[1]", messages.CalcRagged},
	{"entropy", `{"matrix": [[1, null], [2, 3]]}`, "matrix[0][1]", messages.CalcNull},
	{"topsis", `{"matrix": [[1, 2], [2, 3]], "weights": [1]}`, "weights", messages.CalcCount},
	{"descriptive", `{"values": []}`, "values", messages.CalcEmpty},
	{"critic", `{"matrix": [[1, 2], [2, 3]], "polarity": ["higher"]}`, "polarity", messages.CalcPerColumn},
	{"entropy", `{"matrix": [[1, 2], [1, 3]]}`, "matrix[*][0]", messages.CalcZeroVariance},
	{"topsis", `{"matrix": [[0, 2], [0, 3]], "weights": [0.5, 0.5]}`, "matrix[*][0]", messages.CalcColumnZeros},
	{"ahp", `{"matrix": ` + square(MaxAHPOrder+1) + `}`, "matrix", messages.CalcOrderLimit},
	{"ahp-group", `{"matrices": []}`, "matrices", messages.CalcMatricesRequired},
	{"ahp-group", `{"matrices": [[[1, 2], [0.5, 1]], [[1, 2, 3], [0.5, 1, 1], [0.3333333333333333, 1, 1]]]}`, "matrices[1]", messages.CalcOrderDiffers},
	{"ahp-group", `{"matrices": [[[1, 2], [0.5, 1]], [[1, 2], [0.5, 1]]], "expert_weights": [0, 0]}`, "expert_weights", messages.CalcPositiveSum},
	{"diagnostics", `{"matrix": [[1, 2], [2, 3], [3, 5]], "groups": [[5]]}`, "groups[0][0]", messages.CalcColumnOutside},
	{"diagnostics", `{"matrix": [[1, 2], [2, 3], [3, 5]], "groups": [[0, 1], [1]]}`, "groups[1][0]", messages.CalcColumnTwice},
	{"promethee2", `{` + pm + `, "functions": [{"type": "u-shape"}, {"type": "usual"}]}`, "functions[0].q", messages.CalcRequiredBy},
	{"promethee2", `{` + pm + `, "functions": [{"type": "usual", "q": 1}, {"type": "usual"}]}`, "functions[0].q", messages.CalcNotUsedBy},
	{"montecarlo", `{` + mcScores + `, ` + mcRest + `}`, "weights", messages.CalcWeightsRequired},
	{"montecarlo", `{` + mcScores + `, "weights": ["a", 1], ` + mcRest + `}`, "weights", messages.CalcWeightsArray},
	{"montecarlo", `{` + mcScores + `, "weights": {"leaves": 2}, ` + mcRest + `}`, "weights", messages.CalcWeightsShape},
	{"montecarlo", `{` + mcScores + `, "weights": {"children": [{"weight": 1, "indicator": 0}]}, ` + mcRest + `}`, "weights", messages.CalcTreeLeaves},
	{"montecarlo", `{"scores": [` + strings.TrimSuffix(strings.Repeat("[50],", MaxMonteCarloUnits+1), ",") + `], "weights": [1], ` + mcRest + `}`, "scores", messages.CalcUnitsLimit},
	{"montecarlo", `{"scores": [[80, 160], [70, 75]], "weights": [0.5, 0.5], ` + mcRest + `}`, "scores[0][1]", messages.CalcScoreOutside},
	{"montecarlo", `{` + mcScores + `, "weights": [0.5, 0.5], "samples": 5}`, "perturbation", messages.CalcPerturbationRequired},
	{"montecarlo", `{` + mcScores + `, "weights": [0.5, 0.5], "samples": 5, "perturbation": {"kind": "dirichlet", "percent": 5}}`, "perturbation.concentration", messages.CalcPositiveRequired},
	{"montecarlo", `{` + mcScores + `, "weights": [0.5, 0.5], "samples": 5, "perturbation": {"kind": "dirichlet", "concentration": 3, "percent": 5}}`, "perturbation.percent", messages.CalcOnlyForKind},
	{"montecarlo", `{` + mcScores + `, "weights": [0.5, 0.5], "samples": 5, "perturbation": {"kind": "uniform"}}`, "perturbation.percent", messages.CalcPercentRequired},
	{"montecarlo", `{` + mcScores + `, "weights": [0.5, 0.5], ` + mcRest + `, "bands": [70, 60]}`, "bands[1]", messages.CalcIncreaseStrictly},
	{"normalise", `{"method": "minmax", "values": [1, 2], "floor": 100, "ceiling": 0}`, "floor", messages.CalcFloorCeiling},
	{"normalise", `{"method": "minmax", "values": [1, 2], "goalposts": {"worst": 10, "best": 0}}`, "goalposts", messages.CalcGoalposts},
	{"normalise", `{"method": "trajectory", "values": [1], "year": 2017, "trajectory": {"base_year": 2015, "baseline": 0, "target_year": 2020, "target": 5, "path": "compound"}}`, "trajectory", messages.CalcCompoundPositive},
	{"normalise", `{"method": "trajectory", "values": [1], "year": 2017, "trajectory": {"base_year": 2015, "baseline": 1, "target_year": 2015, "target": 5}}`, "trajectory.target_year", messages.CalcAfterBaseYear},
	{"normalise", `{"method": "trajectory", "values": [1], "year": 2015, "trajectory": {"base_year": 2015, "baseline": 1, "target_year": 2020, "target": 5}}`, "year", messages.CalcYearAfterBase},
	{"normalise", `{"method": "trajectory", "values": [1], "year": 2017, "trajectory": {"base_year": 2015, "baseline": 5, "target_year": 2020, "target": 5}}`, "trajectory.target", messages.CalcTargetEqualsBaseline},
	{"normalise", `{"method": "thresholds", "values": [1]}`, "thresholds", messages.CalcThresholdsRequired},
	{"normalise", `{"method": "rubric", "labels": ["x"]}`, "rubric", messages.CalcRubricRequired},
	{"normalise", `{"method": "rubric", "labels": ["x"], "rubric": {"good": 1, "fair": 0.5}}`, "labels[0]", messages.CalcLabelUnknown},
	{"descriptive", `{"values": [1, 2], "trim": 1}`, "trim", messages.CalcTrim},
	{"ahp-scale", `{"scale": "saaty", ` + ahp2 + `, "steps": 2, "samples": 0, "seed": 1}`, "samples", messages.CalcScaleSamples},
	{"ahp-scale", `{"scale": "saaty", ` + ahp2 + `, "steps": 2}`, "seed", messages.CalcSeedWithSteps},
	{"ahp-scale", `{"scale": "saaty", ` + ahp2 + `, "seed": 1}`, "seed", messages.CalcOnlyWithSteps},
	{"ahp-scale", `{"scale": "saaty", "matrix": [[1, 0, 2], [0, 1, 2], [0.5, 0.5, 1]]}`, "matrix[0][1]", messages.CalcMissingJudgment},
	{"sobol", `{"function": "ishigami", "n": 1, "seed": 1}`, "n", messages.CalcSobolN},
	{"sobol", `{"function": "ishigami", "n": 100, "seed": 1, "resamples": -1}`, "resamples", messages.CalcSobolResamples},
	{"sobol", `{"function": "ishigami", "n": 100}`, "seed", messages.CalcSeedRequired},
	{"critic", `{"matrix": [[1, 2], [2, 3]], "normalization": "proportion"}`, "normalization", messages.CalcNormalizationEntropy},
	{"combine", `{"subjective": [0.5, 0.5], "objective": [0.4, 0.6]}`, "alpha", messages.CalcRequiredForMode},
	{"combine", `{"subjective": [0.5, 0.5], "objective": [0.4, 0.6], "mode": "product", "alpha": 0.5}`, "alpha", messages.CalcNotUsedInMode},
	{"montecarlo", `{"scores": [[80], [70]], "weights": ` + nested(21) + `, ` + mcRest + `}`, "weights" + strings.Repeat(".children[0]", 21), messages.CalcTreeDepth},
	{"montecarlo", `{` + mcScores + `, "weights": {"children": [{"weight": 0.5, "indicator": 0}, {"weight": 0.5}]}, ` + mcRest + `}`, "weights.children[1].indicator", messages.CalcIndicatorRequired},
	{"montecarlo", `{` + mcScores + `, "weights": {"children": [{"weight": 0.5, "indicator": 0, "children": [{"weight": 1}]}, {"weight": 0.5}]}, ` + mcRest + `}`, "weights.children[0].indicator", messages.CalcIndicatorLeafOnly},
	{"montecarlo", `{` + mcScores + `, "weights": {"children": [null, {"weight": 1}]}, ` + mcRest + `}`, "weights.children[0]", messages.CalcNullNode},
	// The body's own problems, with the API's messages for them.
	{"ahp", `{"matrix": [[1, "x"], [0.5, 1]]}`, "matrix", messages.ProblemFieldJSONType},
	{"ahp", `{"matrix": [[1, NaN], [0.5, 1]]}`, "", messages.ProblemDetailJSONSyntax},
	{"ahp", `{` + ahp2 + `, "extra": 1}`, "extra", messages.ProblemFieldUnknown},
	{"ahp", `{` + ahp2 + `} {}`, "", messages.ProblemDetailJSONTrailing},
	{"ahp", `{"matrix": `, "", messages.ProblemDetailJSONMalformed},
}

// Every problem of a bad request is a catalogued message whose arguments fit its text and that
// renders in Chinese and English; the summary is the calculator's.
func TestCalcProblemsAreCatalogued(t *testing.T) {
	for _, tc := range calcMessageCases {
		name := fmt.Sprintf("%s %s %s", tc.method, tc.id, tc.field)
		_, err := Run(tc.method, []byte(tc.body))
		var ve *engine.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: %v is not a ValidationError", name, err)
			continue
		}
		if ve.SummaryID != string(messages.CalcInvalidRequest) || ve.Summary != "invalid calc request" {
			t.Errorf("%s: summary %q (%s)", name, ve.Summary, ve.SummaryID)
		}
		found := false
		for _, p := range ve.Problems {
			if p.MessageID == "" {
				t.Errorf("%s: problem %+v has no message id", name, p)
				continue
			}
			m := messages.Message{ID: messages.ID(p.MessageID), Args: p.Args}
			messagestest.Valid(t, m)
			if en := messages.For(messages.English).Render(m); p.Message != en {
				t.Errorf("%s: Message %q is not the English text %q", name, p.Message, en)
			}
			if p.MessageID == string(tc.id) && p.Field == tc.field {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: problems %+v lack %s at %q", name, ve.Problems, tc.id, tc.field)
		}
	}
}

// Each calc.* message has a bad request above that produces it, except the recovered panic's
// (a defect of package statistics that validation missed; FuzzRun looks for them: icc with
// ratings [[1, 9], [5, 5]] is one, distuv.F's quantile at ν = 0 in statistics.ICC) and the
// summary, which every case checks.
func TestEveryCalcMessageIsReached(t *testing.T) {
	reached := map[messages.ID]bool{messages.CalcInvalidRequest: true, messages.CalcInputRejected: true}
	for _, tc := range calcMessageCases {
		reached[tc.id] = true
	}
	for _, tc := range calcResultCases {
		reached[tc.id] = true
	}
	for _, id := range messages.IDs() {
		if strings.HasPrefix(string(id), "calc.") && !reached[id] {
			t.Errorf("no case of calcMessageCases produces %s", id)
		}
	}
}

// The problems read in Chinese and in English, the values the request sent quoted in both.
func TestCalcProblemsInBothLanguages(t *testing.T) {
	_, err := Run("ahp", []byte(`{"matrix": [[1, 2], [0.5, 1]], "method": "power", "tolerance": 2}`))
	var ve *engine.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 2 {
		t.Fatalf("%v", err)
	}
	zh, en := messages.For(messages.Chinese), messages.For(messages.English)
	got := func(pr *messages.Printer) []string {
		var out []string
		for _, p := range ve.Problems {
			out = append(out, p.Field+": "+pr.Format(messages.ID(p.MessageID), p.Args))
		}
		return out
	}
	if want := []string{"method: 须为eigenvector、geometric之一（现为“power”）", "tolerance: 取值于(0, 1)"}; !slices.Equal(got(zh), want) {
		t.Errorf("Chinese %q, want %q", got(zh), want)
	}
	if want := []string{`method: want one of eigenvector, geometric; got "power"`, "tolerance: must be in (0, 1)"}; !slices.Equal(got(en), want) {
		t.Errorf("English %q, want %q", got(en), want)
	}
}

// calcResultCases are good requests whose results carry a message beside its English text: the
// JSON path of the message, its id, and its text in Chinese and in English.
var calcResultCases = []struct {
	method, body, path string
	id                 messages.ID
	zh, en             string
}{
	{"ahp", `{"matrix": [[1, 12, 2], [0, 1, 0.5], [0.5, 2, 1]]}`, "warnings[0]", messages.StatOffScale,
		"超出Saaty的1/9～9标度", "outside Saaty's 1/9–9 scale"},
	{"diagnostics", `{"matrix": [[1, 2], [2, 2], [3, 2]]}`, "indicators[0]", messages.CalcNoteTooFew,
		"不足四个值，偏度和峰度无定义", "fewer than four values: skewness and kurtosis undefined"},
	{"diagnostics", `{"matrix": [[1, 2], [2, 2], [3, 2]]}`, "indicators[1]", messages.CalcNoteAllEqual,
		"各值均相等", "all values equal"},
	{"diagnostics", `{"matrix": [[1, 2], [2, 2], [3, 2]]}`, "notes[0]", messages.CalcNoteCorrelationSkipped,
		"未计算相关系数、α和主成分分析：在完整的行上，matrix[*][1]：数据不符合方法的要求：数值没有差异（方差为零），无法计算",
		"correlation, α and PCA skipped: matrix[*][1]: the values do not vary (zero variance) over the complete rows"},
	{"diagnostics", `{"matrix": [[1, 2], [2, 4]]}`, "notes[0]", messages.CalcNoteCorrelationRows,
		"相关系数、α和主成分分析至少需要三个完整的行和两个指标", "correlation, α and PCA need at least three complete rows and two indicators"},
	{"diagnostics", `{"matrix": [[1, -1], [2, -2], [3, -3], [4, -4]]}`, "notes[0]", messages.CalcNoteAlphaSkipped,
		"未计算α：数据不符合方法的要求：第1组：数值没有差异（方差为零），无法计算", "α skipped: group 1: the values do not vary (zero variance)"},
}

// The calculator's results say their warnings and notes as messages of the catalogue beside the
// English texts they kept: the English field is the message's English, and the message reads in
// Chinese and in English as the case says.
func TestCalcResultMessages(t *testing.T) {
	zh, en := messages.For(messages.Chinese), messages.For(messages.English)
	for _, tc := range calcResultCases {
		out, err := Run(tc.method, []byte(tc.body))
		if err != nil {
			t.Fatalf("%s %s: %v", tc.method, tc.body, err)
		}
		var r struct {
			Warnings []struct {
				Message   string        `json:"message"`
				MessageID messages.ID   `json:"message_id"`
				Args      messages.Args `json:"args"`
			} `json:"warnings"`
			Indicators []struct {
				Note        string            `json:"note"`
				NoteMessage *messages.Message `json:"note_message"`
			} `json:"indicators"`
			Notes         []string           `json:"notes"`
			NotesMessages []messages.Message `json:"notes_messages"`
		}
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatal(err)
		}
		var text string
		var m messages.Message
		var i int
		switch {
		case strings.HasPrefix(tc.path, "warnings["):
			fmt.Sscanf(tc.path, "warnings[%d]", &i)
			w := r.Warnings[i]
			text, m = w.Message, messages.Message{ID: w.MessageID, Args: w.Args}
		case strings.HasPrefix(tc.path, "indicators["):
			fmt.Sscanf(tc.path, "indicators[%d]", &i)
			d := r.Indicators[i]
			if d.NoteMessage == nil {
				t.Fatalf("%s %s: %s has no note_message: %s", tc.method, tc.body, tc.path, out)
			}
			text, m = d.Note, *d.NoteMessage
		default:
			fmt.Sscanf(tc.path, "notes[%d]", &i)
			if len(r.NotesMessages) != len(r.Notes) || i >= len(r.Notes) {
				t.Fatalf("%s %s: notes %q, messages %v", tc.method, tc.body, r.Notes, r.NotesMessages)
			}
			text, m = r.Notes[i], r.NotesMessages[i]
		}
		messagestest.Valid(t, m)
		if m.ID != tc.id {
			t.Errorf("%s %s: %s is %s, want %s", tc.method, tc.body, tc.path, m.ID, tc.id)
		}
		if text != en.Render(m) {
			t.Errorf("%s: the English field %q is not the message's English %q", tc.path, text, en.Render(m))
		}
		if got := zh.Render(m); got != tc.zh {
			t.Errorf("%s %s in Chinese: %q, want %q", tc.method, tc.path, got, tc.zh)
		}
		if got := en.Render(m); got != tc.en {
			t.Errorf("%s %s in English: %q, want %q", tc.method, tc.path, got, tc.en)
		}
	}
}
