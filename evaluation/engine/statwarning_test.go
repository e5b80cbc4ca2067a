package engine_test

import (
	"testing"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/statistics"
)

// A warning of package statistics reads in the catalogue's words by its code, and one whose code
// the catalogue does not know keeps its English text; an expert's off-scale judgment carries the
// message beside its English warning.
func TestStatWarning(t *testing.T) {
	zh, en := messages.For(messages.Chinese), messages.For(messages.English)
	m := engine.StatWarning(statistics.Warning{I: 0, J: 1, Value: 12, Code: statistics.WarningOffScale, Message: "outside Saaty's 1/9–9 scale"})
	if m.ID != messages.StatOffScale || zh.Render(m) != "超出Saaty的1/9～9标度" || en.Render(m) != "outside Saaty's 1/9–9 scale" {
		t.Errorf("off scale: %v %q %q", m, zh.Render(m), en.Render(m))
	}
	if m := engine.StatWarning(statistics.Warning{Code: "new_code", Message: "a remark"}); zh.Render(m) != "a remark（原文未翻译）" || en.Render(m) != "a remark" {
		t.Errorf("unknown code: %v %q", m, zh.Render(m))
	}

	f, js := jianggan(t)
	for i := range js {
		if len(js[i].Matrix) > 1 {
			js[i].Matrix[0][1], js[i].Matrix[1][0] = 12, 1.0/12
			break
		}
	}
	res, err := engine.DeriveWeights(f, &engine.WeightSet{Method: engine.WeightAHP, Name: "panel"}, js, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range res.Experts {
		if len(e.Warnings) == 0 {
			continue
		}
		found = true
		if len(e.WarningMessages) != len(e.Warnings) || e.WarningMessages[0].ID != messages.StatOffScale || en.Render(e.WarningMessages[0]) != e.Warnings[0] {
			t.Errorf("%s at %s: warnings %q, messages %v", e.Expert, e.Node, e.Warnings, e.WarningMessages)
		}
	}
	if !found {
		t.Error("no expert result carries the off-scale warning")
	}
}
