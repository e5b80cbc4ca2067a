package engine

import (
	"evalbench/messages"
	"fmt"
	"math"
)

// RunSurvey is a survey as a run uses it: its definition and the pseudonymous responses of the
// imports it was created with. In a published report the responses of suppressed unit × group
// cells are withheld and the cells listed in Withheld (see WithholdSuppressed); the result is the
// same either way.
type RunSurvey struct {
	Survey    *Survey      `json:"survey"`
	Responses []Response   `json:"responses"`
	Withheld  []SurveyCell `json:"withheld,omitempty"`
	// Comments are the respondents' comments (pseudonymous); in a published report the texts of
	// suppressed groups are withheld (WithholdComments).
	Comments []SurveyComment `json:"comments,omitempty"`
	// Table, when not nil, holds the responses instead of Responses (which is then nil): the
	// compact form a run loads, 24 bytes a response. Compute aggregates it and Canonical and
	// Digest write it as the "responses" member, the same bytes as the expanded Responses; it
	// is not part of the JSON otherwise (encoding/json does not see it).
	Table *ResponseTable `json:"-"`
}

func (s *RunSurvey) canonicalize() {
	SortResponses(s.Responses)
	if s.Table != nil {
		s.Table.Sort()
	}
	SortComments(s.Comments)
}

// SurveyRunResult is a survey's aggregation within a run.
type SurveyRunResult struct {
	Code      string        `json:"code"`
	Component string        `json:"component,omitempty"`
	Result    *SurveyResult `json:"result"`
}

// surveys aggregates every survey of the run (AggregateSurvey) and keeps each unit's score for
// the components that read it.
func (e *engine) surveys() error {
	e.survey = map[string][]float64{}
	e.surveyResults = map[string]*SurveyResult{}
	for _, rs := range e.in.Surveys {
		var res *SurveyResult
		var err error
		if rs.Table != nil {
			res, err = AggregateSurveyTable(rs.Survey, rs.Table, rs.Withheld)
		} else {
			res, err = AggregateSurveyWithheld(rs.Survey, rs.Responses, rs.Withheld)
		}
		if err != nil {
			return fmt.Errorf("survey %s: %w", rs.Survey.Code, err)
		}
		scores := make([]float64, len(e.units))
		byUnit := map[string]*SurveyUnitResult{}
		for i := range res.Units {
			byUnit[res.Units[i].Unit] = &res.Units[i]
		}
		for i, u := range e.units {
			scores[i] = math.NaN()
			if us, ok := byUnit[u]; ok && us.Score != nil {
				scores[i] = *us.Score
			}
			if us, ok := byUnit[u]; ok {
				for _, w := range us.Weights {
					if w.Status == GroupStatusSuppressed {
						e.warn(messages.WarningGroupSuppressed, "", u, "survey", nameOr(rs.Survey.Title, rs.Survey.Code), "group", groupName(rs.Survey.Groups, w.Group))
					}
				}
			}
		}
		if len(rs.Comments) > 0 {
			res.Comments = GroupComments(rs.Survey, rs.Comments)
		}
		e.survey[rs.Survey.Code] = scores
		e.surveyResults[rs.Survey.Code] = res
		sr := SurveyRunResult{Code: rs.Survey.Code, Result: res}
		for _, c := range e.cfg.Components {
			if c.Source == "survey:"+rs.Survey.Code {
				sr.Component = c.Code
			}
		}
		e.res.Surveys = append(e.res.Surveys, sr)
	}
	return nil
}

// groupShare returns a rater group's nominal share of its survey's score and each unit's
// effective share after suppression and renormalisation.
func (e *engine) groupShare(survey, group string) (float64, []float64, error) {
	res, ok := e.surveyResults[survey]
	if !ok {
		return 0, nil, &messageError{m: messages.New(messages.ConstraintNoSurvey, "survey", survey)}
	}
	var def *Survey
	for _, rs := range e.in.Surveys {
		if rs.Survey.Code == survey {
			def = rs.Survey
		}
	}
	if def.Group(group) == nil {
		return 0, nil, &messageError{m: messages.New(messages.ConstraintNoGroup, "survey", survey, "group", group)}
	}
	var total, w float64
	for _, g := range def.Groups {
		if g.Code == GroupSelf && !def.Options.IncludeSelf {
			continue
		}
		total += g.Weight
		if g.Code == group {
			w = g.Weight
		}
	}
	nominal := 0.0
	if total > 0 {
		nominal = w / total
	}
	perUnit := make([]float64, len(e.units))
	byUnit := map[string]*SurveyUnitResult{}
	for i := range res.Units {
		byUnit[res.Units[i].Unit] = &res.Units[i]
	}
	for i, u := range e.units {
		if us, ok := byUnit[u]; ok {
			for _, gw := range us.Weights {
				if gw.Group == group {
					perUnit[i] = gw.Effective
				}
			}
		}
	}
	return nominal, perUnit, nil
}

// groupName is a rater group's configured name, or its code.
func groupName(groups []RaterGroup, code string) string {
	for _, g := range groups {
		if g.Code == code {
			return nameOr(g.Name, code)
		}
	}
	return code
}
