package web_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// TestFrameworkDiffPage edits the sub-district framework (locked by its runs, so the edit is a new
// version based on it): one indicator's polarity and baseline change, one indicator is
// removed and one added; the new version's page lists exactly those, and the first version's
// page says it has no previous version.
func TestFrameworkDiffPage(t *testing.T) {
	s := newRunSite(t)
	ctx := context.Background()
	msg := messages.For(messages.Chinese)
	old, err := s.svc.GetFramework(ctx, s.owner, s.com.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	var f engine.Framework
	raw, _ := json.Marshal(old)
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	// The first group or dimension with at least three indicators.
	var parent *engine.Node
	var find func(n *engine.Node)
	find = func(n *engine.Node) {
		leaves := 0
		for _, c := range n.Children {
			if c.Indicator != nil {
				leaves++
			}
			find(c)
		}
		if leaves >= 3 && parent == nil {
			parent = n
		}
	}
	for _, d := range f.Dimensions {
		find(d)
	}
	if parent == nil {
		t.Fatal("no node with three indicators")
	}
	changed, removed := parent.Children[0], parent.Children[1]
	if changed.Indicator.Polarity == engine.PolarityHigher {
		changed.Indicator.Polarity = engine.PolarityLower
	} else {
		changed.Indicator.Polarity = engine.PolarityHigher
	}
	if changed.Indicator.Baseline == nil {
		changed.Indicator.Baseline = &engine.Baseline{Year: f.PlanStart - 1}
	}
	changed.Indicator.Baseline.Value = 123.5
	added := *removed
	added.Code, added.Name = "new_indicator_x", "新增测试指标"
	parent.Children = append([]*engine.Node{changed, &added}, parent.Children[2:]...)
	nf, created, err := s.svc.UpdateFramework(ctx, s.owner, s.com.ID, old.ID, old.Version, &f)
	if err != nil || !created {
		t.Fatalf("the edit: created %v, %v", created, err)
	}
	page := checkPage(t, s.do("reviewer", "GET", "/commissions/"+s.com.ID+"/frameworks/"+nf.ID, nil, false), 200, messages.Chinese)
	for _, want := range []string{msg.Sprintf(messages.WebFwdiffTitle, "number", old.Number),
		`<tr class="added"><th scope="row">新增测试指标 <code>new_indicator_x</code>`,
		`<tr class="removed"><th scope="row">` + removed.Name + ` <code>` + removed.Code + `</code>`,
		`<code>` + changed.Code + `</code></th><td data-label="` + msg.Sprintf(messages.WebFwdiffColChange) + `">` + msg.Sprintf(messages.WebFwdiffChanged) +
			`</td><td data-label="` + msg.Sprintf(messages.WebFwdiffColField) + `">` + msg.Sprintf(messages.WebFwdiffFieldPolarity),
		msg.Sprintf(messages.WebFwdiffFieldBaseline), ": 123.5</td>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the new version's page lacks %q", want)
		}
	}
	if n := strings.Count(page, `<tr class="changed">`); n != 2 {
		t.Errorf("%d changed fields listed, want 2 (polarity, baseline)", n)
	}
	page = checkPage(t, s.do("reviewer", "GET", "/commissions/"+s.com.ID+"/frameworks/"+old.ID, nil, false), 200, messages.Chinese)
	if old.BasedOn == "" && old.Number == 1 && !strings.Contains(page, msg.Sprintf(messages.WebFwdiffFirst)) {
		t.Error("the first version's page does not say it has no previous version")
	}
}
