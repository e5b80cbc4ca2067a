package evaluation

import (
	"testing"

	"evalbench/evaluation/engine"
)

// responseKeys counts distinct raters (a rater key is one rater per group) and notices a repeated
// unit × group × rater × item, and only that, as the rows stream.
func TestResponseKeys(t *testing.T) {
	sv := &engine.Survey{}
	for _, c := range []string{"q1", "q2", "q3"} {
		sv.Items = append(sv.Items, engine.SurveyItem{Code: c})
	}
	for i := range 70 { // past one 64-bit word of items
		sv.Items = append(sv.Items, engine.SurveyItem{Code: "x" + string(rune('A'+i/26)) + string(rune('a'+i%26))})
	}
	ps := NewPseudonymizer([]byte("0123456789abcdef0123456789abcdef"))
	row := func(unit, group, rater, item string) *ResponseRow {
		r := &ResponseRow{Unit: unit, Group: group, Item: item}
		ps.sum(&r.Pseudonym, rater)
		return r
	}
	k := newResponseKeys(sv, 0)
	for _, r := range []*ResponseRow{
		row("u1", "peer", "a", "q1"), row("u1", "peer", "a", "q2"), row("u2", "peer", "a", "q1"), // a: one rater, two units
		row("u1", "public", "a", "q1"),                              // the same key in another group: another rater
		row("u1", "peer", "b", "q1"), row("u1", "peer", "b", "xCr"), // the 73rd item, in the second word
	} {
		k.add(r)
	}
	if k.repeated || k.raters != 3 {
		t.Fatalf("distinct rows: repeated %v, raters %d; want false and 3", k.repeated, k.raters)
	}
	k.add(row("u1", "peer", "b", "xCr"))
	if !k.repeated || k.raters != 3 {
		t.Fatalf("a repeated row: repeated %v, raters %d; want true and 3", k.repeated, k.raters)
	}
	k = newResponseKeys(sv, 0)
	k.add(row("u1", "peer", "a", "nope"))
	if !k.repeated {
		t.Fatal("an item the survey lacks must leave the decision to storage")
	}
}
