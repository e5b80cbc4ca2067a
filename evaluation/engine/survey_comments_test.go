package engine

import (
	"reflect"
	"testing"
)

// TestGroupComments: a group's comments are shown only when at least
// max(comment_min_raters, min_raters) distinct raters of it commented; below that the group is
// marked suppressed with no text and no count; texts come in text order without raters; the
// threshold never drops below the group's score threshold; withholding empties exactly the
// suppressed groups' texts and leaves the grouping unchanged.
func TestGroupComments(t *testing.T) {
	s := &Survey{Code: "s", Groups: []RaterGroup{{Code: "peer", MinRaters: 2}, {Code: "public", MinRaters: 3}},
		Options: SurveyOptions{CommentMinRaters: 3}}
	cs := []SurveyComment{
		{Unit: "a", Group: "peer", Rater: "r1", Text: "作风扎实"},
		{Unit: "a", Group: "peer", Rater: "r2", Text: "办事拖拉"},
		{Unit: "a", Group: "peer", Rater: "r2", Text: "服务热情"}, // a second comment of r2: still 2 raters
		{Unit: "a", Group: "public", Rater: "p1", Text: "排队久"},
		{Unit: "a", Group: "public", Rater: "p2", Text: "满意"},
		{Unit: "a", Group: "public", Rater: "p3", Text: "满意"},
		{Unit: "b", Group: "peer", Rater: "r1", Text: "好"},
		{Unit: "b", Group: "ghost", Rater: "x", Text: "不在问卷中"},
	}
	got := GroupComments(s, cs)
	want := []CommentGroup{
		{Unit: "a", Group: "peer", MinRaters: 3, Suppressed: true},
		{Unit: "a", Group: "public", MinRaters: 3, Raters: 3, Texts: []string{"排队久", "满意", "满意"}},
		{Unit: "b", Group: "peer", MinRaters: 3, Suppressed: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	// With the survey's comment threshold below the group's, the group's applies.
	s.Options.CommentMinRaters = 1
	if g := GroupComments(s, cs); g[0].MinRaters != 2 || g[0].Suppressed || len(g[0].Texts) != 3 || g[1].MinRaters != 3 {
		t.Fatalf("a comment threshold below the score threshold: %+v", g)
	}
	s.Options.CommentMinRaters = 3
	w := WithholdComments(s, cs)
	for i, c := range w {
		suppressed := c.Unit == "b" && c.Group == "peer" || c.Unit == "a" && c.Group == "peer"
		if suppressed != (c.Text == "") || !suppressed && c.Text != cs[i].Text {
			t.Errorf("withheld comment %d: %+v", i, c)
		}
	}
	if !reflect.DeepEqual(GroupComments(s, w), want) {
		t.Fatal("the grouping changes once texts are withheld")
	}
	if cs[0].Text == "" {
		t.Fatal("WithholdComments changed its argument")
	}
}
