package evaluation

import "testing"

func TestSurveyLabel(t *testing.T) {
	custom := map[string]float64{"略强": 2, "左略强": 2}
	for cell, want := range map[string]float64{
		"3": 3, "-5": -5, "－７": -7, "+2": 2, "同等重要": 1, "左稍微重要": 3, "右明显重要": -5, "左边强烈重要": 7,
		"右侧极端重要": -9, "左介于同等重要与稍微重要之间": 2, "右介于明显与强烈之间": -6, "left strong": 5, "right extreme": -9,
		"略强": 2, " 同样重要 ": 1,
	} {
		got, blank, err := SurveyLabel(cell, custom)
		if err != nil || blank || got != want {
			t.Errorf("SurveyLabel(%q) = %g, %v, %v; want %g", cell, got, blank, err, want)
		}
	}
	if _, blank, err := SurveyLabel("  ", nil); !blank || err != nil {
		t.Error("a blank cell is not blank")
	}
	for _, cell := range []string{"稍微重要", "介于同等与明显之间", "左重要", "很重要吧"} {
		if _, _, err := SurveyLabel(cell, nil); err == nil {
			t.Errorf("SurveyLabel(%q) accepted", cell)
		}
	}
}
