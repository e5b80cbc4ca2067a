package engine_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/messages/messagestest"
	"evalbench/statistics"
)

// TestStatMessage feeds package statistics data it refuses and checks the message each error
// becomes, in Chinese and in English: the check with its values, where it failed (from 1), and
// never the English text of the error (stat.other).
func TestStatMessage(t *testing.T) {
	call := func(f func() error) error { return f() }
	for _, c := range []struct {
		name   string
		err    error
		zh, en string
	}{
		{"reciprocal", call(func() error {
			_, _, err := statistics.CompletePairwise(mat.NewDense(2, 2, []float64{1, 3, 0.5, 1}), 1e-3)
			return err
		}), "第2行第1列：判断矩阵不满足互反性：对称位置两个判断值之积为1.5，应为1",
			"row 2, column 1: the pairwise matrix is not reciprocal: the two mirrored judgments multiply to 1.5, not 1"},
		{"diagonal", call(func() error {
			_, _, err := statistics.CompletePairwise(mat.NewDense(2, 2, []float64{2, 3, 1.0 / 3, 1}), 1e-3)
			return err
		}), "第1行第1列：判断矩阵对角线上的值须为1", "row 1, column 1: the pairwise matrix's diagonal entries must be 1"},
		{"weight sum", statistics.CheckWeights([]float64{0.5, 0.4}, 1e-6),
			"权重之和为0.9，应为1", "the weights sum to 0.9, not 1"},
		{"negative weight", statistics.CheckWeights([]float64{1.5, -0.5}, 1e-6),
			"第2项：有数值为负，此处不能为负", "item 2: a value is negative where it may not be"},
		{"random index", call(func() error {
			_, err := statistics.AHP(mat.NewDense(16, 16, nil), statistics.AHPOptions{})
			return err
		}), "随机一致性指标表中没有16阶矩阵的值", "the random-index table has no entry for a matrix of order 16"},
		{"signed scale", call(func() error { _, err := statistics.SignedToRatio(0.5); return err }),
			"回答0.5不在−9…−1、1…9的标度上", "the answer 0.5 is not on the signed scale −9…−1, 1…9"},
		{"rubric label", call(func() error {
			_, err := statistics.Rubric(nil, []string{"good", "fair"}, map[string]float64{"good": 80})
			return err
		}), "第2项：评分标准中没有等级“fair”", "item 2: the rubric has no score for the label \"fair\""},
		{"trim", call(func() error { _, err := statistics.TrimmedMean([]float64{1, 2, 3}, 2); return err }),
			"共3个值，两端各剔除2个后没有剩余", "trimming 2 from each end of 3 values leaves none"},
		{"zero variance column", call(func() error {
			_, err := statistics.EntropyWeights(nil, mat.NewDense(2, 2, []float64{1, 5, 1, 6}), nil, statistics.EntropyMinMax)
			return err
		}), "第1列：数值没有差异（方差为零），无法计算", "column 1: the values do not vary (zero variance)"},
		{"weight tree node", call(func() error {
			tree := &statistics.Tree{Name: "root", Children: []*statistics.Tree{{Weight: 0.7, Indicator: 0}, {Weight: 0.7, Indicator: 1}}}
			_, err := tree.Validate(1e-9)
			return err
		}), "节点root的下级权重：权重之和为1.4，应为1", "the weights of the children of root: the weights sum to 1.4, not 1"},
		{"wrapped by a caller", fmt.Errorf("indicator x: %w", call(func() error {
			_, err := statistics.FuzzyScore([]float64{0, 0}, []float64{1, 2})
			return err
		})), "模糊评价向量之和为0，须为正数", "the fuzzy evaluation vector sums to 0; it must be positive"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.err == nil {
				t.Fatal("package statistics accepted the data")
			}
			m := engine.StatMessage(c.err)
			messagestest.Valid(t, m)
			zh, en := messages.BothOf(m)
			if zh != c.zh || en != c.en {
				t.Errorf("StatMessage(%q)\n got %s | %s\nwant %s | %s", c.err, zh, en, c.zh, c.en)
			}
		})
	}
	// An error that holds nothing of package statistics is quoted, in stat.other.
	m := engine.StatMessage(errors.New("statistics: something else"))
	if m.ID != messages.StatOther || messages.For(messages.English).Render(m) != "the computation failed: something else" {
		t.Errorf("a foreign error: %+v", m)
	}
}

// TestStatMessageChecks renders every check that package statistics names with arguments of the
// kinds its doc comments give, so that a message whose placeholders differ from the check's Args
// fails here rather than print %!{name}(MISSING) to a user.
func TestStatMessageChecks(t *testing.T) {
	inner := statistics.ErrTooFew
	checks := map[statistics.Check][]any{
		statistics.CheckOrder:                {"order", 16},
		statistics.CheckReciprocalProduct:    {"product", 1.5},
		statistics.CheckEigen:                nil,
		statistics.CheckEigenvalueReal:       {"value", "(1+2i)"},
		statistics.CheckEigenvectorPositive:  nil,
		statistics.CheckMomentsOverflow:      nil,
		statistics.CheckDifferencesOverflow:  nil,
		statistics.CheckSeriesEqualReference: nil,
		statistics.CheckMembershipRange:      {"value", 1.5},
		statistics.CheckEvaluationSum:        {"sum", 0.0},
		statistics.CheckWeightSum:            {"sum", 0.9},
		statistics.CheckScoreRange:           {"value", 120.0},
		statistics.CheckTrim:                 {"trim", 2, "count", 3},
		statistics.CheckTargetsRaters:        {"targets", 1, "raters", 3},
		statistics.CheckScale:                {"value", 2.5},
		statistics.CheckSignedScale:          {"value", 0.5},
		statistics.CheckTarget:               {"target", -1.0},
		statistics.CheckProgress:             {"year", 2016},
		statistics.CheckLabel:                {"label", "fair"},
		statistics.CheckZeroMean:             nil,
		statistics.CheckLeaf:                 {"node", "root/0", "indicator", 3},
		statistics.CheckNoLeaf:               {"indicator", 2},
		statistics.CheckInGroup:              {"group", 0},
		statistics.CheckInSample:             {"sample", 4},
		statistics.CheckInNode:               {"node", "root"},
		statistics.CheckLogTransform:         nil,
	}
	// Every check package statistics declares is here (read from its source).
	sentinels := map[string]error{
		"ErrNonFinite": statistics.ErrNonFinite, "ErrNonPositive": statistics.ErrNonPositive,
		"ErrNegative": statistics.ErrNegative, "ErrNotReciprocal": statistics.ErrNotReciprocal,
		"ErrDiagonal": statistics.ErrDiagonal, "ErrDisconnected": statistics.ErrDisconnected,
		"ErrZeroVariance": statistics.ErrZeroVariance, "ErrTooFew": statistics.ErrTooFew,
		"ErrNoRandomIndex": statistics.ErrNoRandomIndex, "ErrWeightSum": statistics.ErrWeightSum,
		"ErrDegenerate": statistics.ErrDegenerate, "ErrUnknownLabel": statistics.ErrUnknownLabel,
		"ErrNotOnScale": statistics.ErrNotOnScale,
	}
	declaredChecks, declaredErrs := statisticsDeclarations(t)
	for _, c := range declaredChecks {
		if _, ok := checks[statistics.Check(c)]; !ok {
			t.Errorf("statistics declares check %q, which this test (and maybe StatMessage) does not know", c)
		}
	}
	// Every sentinel error is a message of its own, not stat.other.
	for _, name := range declaredErrs {
		err, ok := sentinels[name]
		if !ok {
			t.Errorf("statistics declares %s, which this test (and maybe StatMessage) does not know", name)
			continue
		}
		if m := engine.StatMessage(err); m.ID == messages.StatOther {
			t.Errorf("%s has no message", name)
		} else {
			messagestest.Valid(t, m)
		}
	}
	for check, args := range checks {
		a := map[string]any{}
		for i := 0; i < len(args); i += 2 {
			a[args[i].(string)] = args[i+1]
		}
		m := engine.StatMessage(&statistics.DetailError{Check: check, Args: a, Err: inner})
		if m.ID == messages.StatTooFew || m.ID == messages.StatOther {
			t.Errorf("check %s has no message of its own", check)
			continue
		}
		messagestest.Valid(t, m)
	}
}

// statisticsDeclarations reads package statistics' source for the values of its Check constants
// and the names of its exported Err… variables.
func statisticsDeclarations(t *testing.T) (checks, errs []string) {
	t.Helper()
	files, err := filepath.Glob("../../statistics/*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range g.Specs {
				vs, ok := spec.(*ast.ValueSpec)
				if !ok {
					continue
				}
				for i, name := range vs.Names {
					switch {
					case g.Tok == token.CONST && vs.Type != nil && fmt.Sprint(vs.Type) == "Check":
						lit := vs.Values[i].(*ast.BasicLit)
						checks = append(checks, strings.Trim(lit.Value, `"`))
					case g.Tok == token.VAR && strings.HasPrefix(name.Name, "Err"):
						errs = append(errs, name.Name)
					}
				}
			}
		}
	}
	if len(checks) == 0 || !slices.Contains(errs, "ErrTooFew") {
		t.Fatalf("read no declarations from ../../statistics (checks %v, errors %v)", checks, errs)
	}
	return checks, errs
}
