package evaluation

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/messages/messagestest"
)

// subdistrictPanel reads the sub-district example's framework and expert panel
// (examples/subdistricts/ahp-panel.json, whose experts carry an organisation).
func subdistrictPanel(t *testing.T) (*engine.Framework, JudgmentPanel) {
	t.Helper()
	var f engine.Framework
	var p JudgmentPanel
	for name, v := range map[string]any{"framework.json": &f, "ahp-panel.json": &p} {
		raw, err := os.ReadFile("../examples/subdistricts/" + name)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	return &f, p
}

// A panel file's organisation is carried, trimmed, into every judgment of its expert; an expert
// without one has none.
func TestPanelJudgmentsCarryOrganisation(t *testing.T) {
	f, p := subdistrictPanel(t)
	p.Experts[1].Organisation = "  区发展和改革局 \t"
	p.Experts[2].Organisation = ""
	js, err := panelJudgments(f, p, time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"zhou-wenhua": "高校公共管理学院", "li-jianming": "区发展和改革局", "chen-xiaoyan": "",
		"wang-zhigang": "街道党工委", "zhao-min": "第三方评估机构"}
	seen := map[string]int{}
	for _, j := range js {
		seen[j.Expert]++
		if j.Organisation != want[j.Expert] || strings.ContainsAny(j.ExpertName, "（）") {
			t.Errorf("%s/%s: name %q organisation %q, want organisation %q and a name without brackets", j.Expert, j.Node, j.ExpertName, j.Organisation, want[j.Expert])
		}
	}
	if len(seen) != 5 || seen["zhao-min"] != 5 {
		t.Errorf("judgments per expert %v, want 5 experts with 5 matrices each", seen)
	}
}

// An organisation (or a name) over MaxExpertTextRunes characters, or holding a NUL or a control
// character, refuses the whole panel with a problem naming the field; exactly the bound passes.
func TestPanelJudgmentsBoundOrganisation(t *testing.T) {
	f, good := subdistrictPanel(t)
	at := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	long := strings.Repeat("办", MaxExpertTextRunes+1)
	for _, c := range []struct {
		name  string
		edit  func(p *JudgmentPanel)
		field string
		id    messages.ID
	}{
		{"organisation too long", func(p *JudgmentPanel) { p.Experts[2].Organisation = long }, "experts[2].organisation", messages.PanelOrganisationLong},
		{"organisation with NUL", func(p *JudgmentPanel) { p.Experts[2].Organisation = "区\x00发改局" }, "experts[2].organisation", messages.TextNUL},
		{"organisation with a control character", func(p *JudgmentPanel) { p.Experts[3].Organisation = "街道\x1b党工委" }, "experts[3].organisation", messages.TextControl},
		{"name too long", func(p *JudgmentPanel) { p.Experts[0].Name = long }, "experts[0].name", messages.PanelExpertNameLong},
		{"name with NUL", func(p *JudgmentPanel) { p.Experts[4].Name = "赵\x00敏" }, "experts[4].name", messages.TextNUL},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := good
			p.Experts = append([]PanelExpert(nil), good.Experts...)
			c.edit(&p)
			js, err := panelJudgments(f, p, at)
			var v *engine.ValidationError
			if !errors.As(err, &v) || !errors.Is(err, engine.ErrInvalid) || js != nil {
				t.Fatalf("err %v, %d judgments: want a validation error and nothing", err, len(js))
			}
			if len(v.Problems) != 1 || v.Problems[0].Field != c.field || v.Problems[0].MessageID != string(c.id) {
				t.Fatalf("problems %+v, want one %s at %s", v.Problems, c.id, c.field)
			}
			messagestest.Valid(t, messages.Message{ID: messages.ID(v.Problems[0].MessageID), Args: v.Problems[0].Args})
		})
	}
	p := good
	p.Experts = append([]PanelExpert(nil), good.Experts...)
	p.Experts[2].Organisation = long[:len(long)-len("办")]
	p.Experts[2].Name = strings.Repeat("名", MaxExpertTextRunes)
	if _, err := panelJudgments(f, p, at); err != nil {
		t.Errorf("a name and an organisation of exactly %d characters: %v", MaxExpertTextRunes, err)
	}
}

// A judgment round's experts are held to the same bound when the round opens, so that closing
// it (which stores their matrices through panelJudgments) cannot fail on their organisation.
func TestRoundExpertsBoundOrganisation(t *testing.T) {
	f, _ := subdistrictPanel(t)
	now := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	in := RoundInput{Deadline: now.Add(24 * time.Hour), Experts: []RoundExpertInput{
		{Name: "王教授", Organisation: "高校公共管理学院"},
		{Name: "李处长", Organisation: strings.Repeat("局", MaxExpertTextRunes+1)},
	}}
	err := checkRound(f, &in, now)
	var v *engine.ValidationError
	if !errors.As(err, &v) || len(v.Problems) != 1 || v.Problems[0].Field != "experts[1].organisation" || v.Problems[0].MessageID != string(messages.PanelOrganisationLong) {
		t.Fatalf("err %v, want one problem at experts[1].organisation", err)
	}
}
