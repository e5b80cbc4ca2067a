package engine

import (
	"cmp"
	"slices"
)

// Comments of survey respondents are reported per evaluated unit × rater group, never with a
// rater's pseudonym, and only when enough raters of the group commented: a group's comments are
// shown when at least k distinct raters of the group (for that unit) left one, where
// k = max(options.comment_min_raters, the group's min_raters) — a comment is never shown under
// a lower threshold than the group's scores. Below k the group's comments are suppressed and
// only the threshold is reported (not how many commented, which with the rater count would
// narrow down who did).

// MaxCommentMinRaters bounds options.comment_min_raters.
const MaxCommentMinRaters = 100000

// SurveyComment is one rater's comment on a unit as a run holds it: pseudonymous, with the
// comment's text (redacted at import). In a published report the text of a suppressed group's
// comments is withheld (empty); the comment still counts as that rater's.
type SurveyComment struct {
	Unit  string `json:"unit"`
	Group string `json:"group"`
	Rater string `json:"rater"`
	Text  string `json:"text"`
}

// SortComments puts comments in canonical order: unit, group, rater, text.
func SortComments(cs []SurveyComment) {
	slices.SortFunc(cs, func(a, b SurveyComment) int {
		return cmp.Or(cmp.Compare(a.Unit, b.Unit), cmp.Compare(a.Group, b.Group), cmp.Compare(a.Rater, b.Rater), cmp.Compare(a.Text, b.Text))
	})
}

// CommentGroup is the comments of one unit × rater group as a report shows them: the texts in
// text order when at least MinRaters raters commented, else Suppressed and no text.
type CommentGroup struct {
	Unit       string   `json:"unit"`
	Group      string   `json:"group"`
	MinRaters  int      `json:"min_raters"`
	Suppressed bool     `json:"suppressed"`
	Raters     int      `json:"raters,omitempty"` // distinct raters who commented, when shown
	Texts      []string `json:"texts,omitempty"`
}

// CommentThreshold is a group's comment threshold: max(options.comment_min_raters, min_raters).
func (s *Survey) CommentThreshold(g RaterGroup) int {
	return max(s.Options.CommentMinRaters, g.MinRaters)
}

// GroupComments groups a survey's comments by unit × rater group (in unit and group code
// order) and applies each group's comment threshold. Comments of a group the survey does not
// define are dropped.
func GroupComments(s *Survey, comments []SurveyComment) []CommentGroup {
	type cell struct{ unit, group string }
	raters := map[cell]map[string]bool{}
	texts := map[cell][]string{}
	for _, c := range comments {
		k := cell{c.Unit, c.Group}
		if raters[k] == nil {
			raters[k] = map[string]bool{}
		}
		raters[k][c.Rater] = true
		if c.Text != "" {
			texts[k] = append(texts[k], c.Text)
		}
	}
	var out []CommentGroup
	for k, rs := range raters {
		g := s.Group(k.group)
		if g == nil {
			continue
		}
		cg := CommentGroup{Unit: k.unit, Group: k.group, MinRaters: s.CommentThreshold(*g)}
		if len(rs) < cg.MinRaters {
			cg.Suppressed = true
		} else {
			cg.Raters, cg.Texts = len(rs), slices.Sorted(slices.Values(texts[k]))
		}
		out = append(out, cg)
	}
	slices.SortFunc(out, func(a, b CommentGroup) int {
		return cmp.Or(cmp.Compare(a.Unit, b.Unit), cmp.Compare(a.Group, b.Group))
	})
	return out
}

// WithholdComments returns the comments with the text of every suppressed group's comments
// emptied, for a published report: the suppression is recomputed the same from what is left.
func WithholdComments(s *Survey, comments []SurveyComment) []SurveyComment {
	suppressed := map[[2]string]bool{}
	for _, g := range GroupComments(s, comments) {
		if g.Suppressed {
			suppressed[[2]string{g.Unit, g.Group}] = true
		}
	}
	out := slices.Clone(comments)
	for i := range out {
		if suppressed[[2]string{out[i].Unit, out[i].Group}] {
			out[i].Text = ""
		}
	}
	return out
}
