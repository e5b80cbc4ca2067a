package engine_test

import (
	"strings"
	"testing"

	"evalbench/evaluation/engine"
)

// An expert's organisation enters the canonical inputs and results only when it was given: a
// judgment without one (every judgment stored before the panel file had the field, and the
// Jianggan example's panel) serialises to the bytes it did before, so the inputs and result
// digests of runs computed from such judgments do not change. The expected bytes are the
// RFC 8785 form of the struct as it was before the field (members in code-point order).
func TestOrganisationOnlyWhenGiven(t *testing.T) {
	j := engine.Judgment{Node: "root", Expert: "expert-a", ExpertName: "专家A", Criteria: []string{"a", "b"}, Matrix: [][]float64{{1, 3}, {1.0 / 3, 1}}}
	r := engine.ExpertResult{Node: "root", Expert: "expert-a", ExpertName: "专家A", Weights: []float64{0.75, 0.25}, LambdaMax: 2, Consistent: true}
	for _, c := range []struct {
		what string
		v    any
		want string
	}{
		{"judgment", j, `{"criteria":["a","b"],"expert":"expert-a","expert_name":"专家A","matrix":[[1,3],[0.3333333333333333,1]],"node":"root"}`},
		{"expert result", r, `{"ci":0,"consistent":true,"cr":0,"excluded":false,"expert":"expert-a","expert_name":"专家A","gci":0,"lambda_max":2,"node":"root","weights":[0.75,0.25]}`},
	} {
		got, err := engine.Canonical(c.v)
		if err != nil || string(got) != c.want {
			t.Errorf("%s without an organisation: %s (%v), want %s", c.what, got, err, c.want)
		}
	}
	j.Organisation, r.Organisation = "高校公共管理学院", "高校公共管理学院"
	for what, v := range map[string]any{"judgment": j, "expert result": r} {
		got, err := engine.Canonical(v)
		if err != nil || !strings.Contains(string(got), `"organisation":"高校公共管理学院"`) {
			t.Errorf("%s with an organisation: %s (%v)", what, got, err)
		}
	}
}
