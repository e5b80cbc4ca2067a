package engine

import (
	"encoding/json"
	"evalbench/messages"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gowebpki/jcs"
)

// SurveyKind says which of the plan's evaluation sources a survey serves (plan line 3450).
type SurveyKind string

// Survey kinds.
//   - social: public satisfaction (社会评价, 满意度), rated by the public or service users;
//   - leadership: leadership evaluation (领导考评), rated by district leaders;
//   - 360: mutual rating up, down and across (plan line 3464): superiors, peers, subordinates,
//     the unit itself and outside raters.
//
// The kind labels the survey; the computation is the same for every kind.
const (
	SurveySocial     SurveyKind = "social"
	SurveyLeadership SurveyKind = "leadership"
	Survey360        SurveyKind = "360"
)

// SurveyKinds lists the survey kinds.
var SurveyKinds = []SurveyKind{SurveySocial, SurveyLeadership, Survey360}

// ItemContent is what a survey item asks about: one of the evaluation contents the plan names for
// 360-degree evaluation (plan line 3464: 履职、效率、作风、服务态度、廉洁、公开).
type ItemContent string

// Evaluation contents.
const (
	ContentDuty            ItemContent = "duty"             // 履职 duty performance
	ContentEfficiency      ItemContent = "efficiency"       // 效率 efficiency
	ContentWorkStyle       ItemContent = "work_style"       // 作风 work style
	ContentServiceAttitude ItemContent = "service_attitude" // 服务态度 service attitude
	ContentIntegrity       ItemContent = "integrity"        // 廉洁 integrity
	ContentOpenness        ItemContent = "openness"         // 公开 openness
)

// ItemContents lists the evaluation contents.
var ItemContents = []ItemContent{ContentDuty, ContentEfficiency, ContentWorkStyle, ContentServiceAttitude, ContentIntegrity, ContentOpenness}

// Standard rater group codes (评价主体). A survey may define other groups with codes of its own.
// GroupSelf is the unit rating itself: it is kept out of the score and of "others" unless the
// survey says otherwise. GroupExpert's rankings of units are checked for concordance (Kendall's W).
const (
	GroupSuperior    = "superior"
	GroupPeer        = "peer"
	GroupSubordinate = "subordinate"
	GroupSelf        = "self"
	GroupPublic      = "public"
	GroupExpert      = "expert"
)

// StandardGroupNames gives the Chinese name of each standard rater group; a group defined
// without a name gets this one. Response files may name a standard group by this name too.
var StandardGroupNames = map[string]string{
	GroupSuperior:    "上级",
	GroupPeer:        "同级",
	GroupSubordinate: "下级",
	GroupSelf:        "自评",
	GroupPublic:      "公众",
	GroupExpert:      "专家",
}

// Defaults of a survey definition.
const (
	DefaultMinRaters      = 3   // raters per unit a group needs to be reported
	DefaultSelfMinRaters  = 1   // the self group is one rater
	DefaultBlindSpotShare = 0.2 // share of the scale's range beyond which a self–others gap is a blind spot
)

// Limits of a survey definition.
const (
	MaxSurveyItems      = 500
	MaxSurveyGroups     = 50
	MaxScaleCategories  = 50
	MaxTrimK            = 50
	MaxRaterKeyLength   = 200
	MaxResponseComment  = 4000
	maxSurveyTitleRunes = 500
)

// Scale is what a score may be: a number in [Min, Max], or one of the ordered Categories, each
// a label mapped onto a score in [Min, Max] (满意=100, 比较满意=80, 一般=60, 不满意=0). A survey
// defined with categories and no range takes Min and Max from the smallest and largest category
// score. Scores are put on 0–100 by (x − Min)/(Max − Min)·100.
type Scale struct {
	Min        float64         `json:"min"`
	Max        float64         `json:"max"`
	Categories []ScaleCategory `json:"categories,omitempty"`
}

// ScaleCategory is one answer of a categorical scale.
type ScaleCategory struct {
	Label string  `json:"label"`
	Score float64 `json:"score"`
}

// Range returns Max − Min.
func (sc Scale) Range() float64 { return sc.Max - sc.Min }

// Normalize maps a score on the scale onto 0–100: (x − Min)/(Max − Min)·100.
func (sc Scale) Normalize(x float64) float64 { return (x - sc.Min) / (sc.Max - sc.Min) * 100 }

// Contains reports whether x is a score of the scale: within [Min, Max], and for a categorical
// scale the score of one of its categories.
func (sc Scale) Contains(x float64) bool {
	if !(x >= sc.Min && x <= sc.Max) {
		return false
	}
	if len(sc.Categories) == 0 {
		return true
	}
	for _, c := range sc.Categories {
		if c.Score == x {
			return true
		}
	}
	return false
}

// SurveyItem is one question of a survey.
type SurveyItem struct {
	Code      string      `json:"code"`
	Text      string      `json:"text"`
	Dimension Dimension   `json:"dimension,omitempty"` // optional 4E dimension
	Content   ItemContent `json:"content,omitempty"`   // optional evaluation content (plan line 3464)
}

// RaterGroup is one group of raters (评价主体) with its weight in the unit's score and the
// number of raters it needs per unit: a group with fewer raters for a unit is suppressed for that
// unit (its statistics are not shown, and its weight goes to no other group).
type RaterGroup struct {
	Code      string  `json:"code"`
	Name      string  `json:"name"`
	Weight    float64 `json:"weight"`
	MinRaters int     `json:"min_raters"` // 0 in a request means the default: 3, or 1 for self
}

// SurveyOptions configure the aggregation (see AggregateSurvey).
type SurveyOptions struct {
	// TrimK is the number of lowest and of highest values the reported trimmed means drop.
	TrimK int `json:"trim_k"`
	// IncludeSelf counts the self group in the unit's score with its weight. By default the self
	// group is reported (and compared with others) but kept out of the score.
	IncludeSelf bool `json:"include_self"`
	// BlindSpotShare is the share of the scale's range (Max − Min) beyond which a self–others gap
	// is a blind spot; 0 in a request means the default 0.2. It lies in (0, 1].
	BlindSpotShare float64 `json:"blind_spot_share"`
	// LeniencyCorrection standardises each rater's scores before aggregation (see
	// AggregateSurvey).
	LeniencyCorrection bool `json:"leniency_correction"`
	// CommentMinRaters is the anonymity threshold of comments: a unit × group's comments are
	// reported only when at least max(CommentMinRaters, the group's min_raters) raters of it
	// commented (see GroupComments). 0 means the group's min_raters.
	CommentMinRaters int `json:"comment_min_raters,omitempty"`
}

// Survey is a questionnaire of a commission with its scale, items, rater groups and aggregation
// options. Once responses are imported its scale, items and groups can no longer change; its
// title, kind and options can. Responses and Imports count what has been imported.
type Survey struct {
	ID           string        `json:"id,omitempty"`
	CommissionID string        `json:"commission_id,omitempty"`
	Code         string        `json:"code"`
	Title        string        `json:"title"`
	Kind         SurveyKind    `json:"kind"`
	Synthetic    bool          `json:"synthetic,omitempty"` // the responses are generated (examples)
	Scale        Scale         `json:"scale"`
	Items        []SurveyItem  `json:"items"`
	Groups       []RaterGroup  `json:"groups"`
	Options      SurveyOptions `json:"options"`
	Version      int           `json:"version,omitempty"` // optimistic-concurrency version (ETag)
	Responses    int           `json:"responses,omitempty"`
	Imports      int           `json:"imports,omitempty"`
	CreatedBy    string        `json:"created_by,omitempty"`
	CreatedAt    time.Time     `json:"created_at,omitzero"`
	UpdatedAt    time.Time     `json:"updated_at,omitzero"`
}

// Group returns the rater group with the given code, or nil.
func (s *Survey) Group(code string) *RaterGroup {
	for i := range s.Groups {
		if s.Groups[i].Code == code {
			return &s.Groups[i]
		}
	}
	return nil
}

// Item returns the item with the given code, or nil.
func (s *Survey) Item(code string) *SurveyItem {
	for i := range s.Items {
		if s.Items[i].Code == code {
			return &s.Items[i]
		}
	}
	return nil
}

// Definition returns the survey's definition alone: code, title, kind, synthetic flag, scale,
// items, groups and options, without ids, counts, versions or times. Runs record it.
func (s *Survey) Definition() *Survey {
	return &Survey{Code: s.Code, Title: s.Title, Kind: s.Kind, Synthetic: s.Synthetic, Scale: s.Scale,
		Items: s.Items, Groups: s.Groups, Options: s.Options}
}

// Content returns the survey's definition as canonical JSON (RFC 8785). Equal definitions have
// equal content.
func (s *Survey) Content() ([]byte, error) {
	raw, err := json.Marshal(s.Definition())
	if err != nil {
		return nil, fmt.Errorf("survey content: %w", err)
	}
	return jcs.Transform(raw)
}

// Normalize trims the survey's texts and fills in defaults: group names of standard groups,
// minimum raters (3; 1 for self), the blind-spot share (0.2), and a categorical scale's range
// when none is given. Survey codes, item codes and group codes are trimmed but never changed
// otherwise.
func (s *Survey) Normalize() {
	s.Code, s.Title = strings.TrimSpace(s.Code), strings.TrimSpace(s.Title)
	s.Kind = SurveyKind(strings.TrimSpace(string(s.Kind)))
	sc := &s.Scale
	for i := range sc.Categories {
		sc.Categories[i].Label = strings.TrimSpace(sc.Categories[i].Label)
	}
	if len(sc.Categories) > 0 && sc.Min == 0 && sc.Max == 0 {
		sc.Min, sc.Max = sc.Categories[0].Score, sc.Categories[0].Score
		for _, c := range sc.Categories {
			sc.Min, sc.Max = math.Min(sc.Min, c.Score), math.Max(sc.Max, c.Score)
		}
	}
	if len(sc.Categories) == 0 {
		sc.Categories = nil
	}
	for i := range s.Items {
		it := &s.Items[i]
		it.Code, it.Text = strings.TrimSpace(it.Code), strings.TrimSpace(it.Text)
	}
	for i := range s.Groups {
		g := &s.Groups[i]
		g.Code, g.Name = strings.TrimSpace(g.Code), strings.TrimSpace(g.Name)
		if g.Name == "" {
			g.Name = StandardGroupNames[g.Code]
		}
		if g.MinRaters == 0 {
			g.MinRaters = DefaultMinRaters
			if g.Code == GroupSelf {
				g.MinRaters = DefaultSelfMinRaters
			}
		}
	}
	if s.Options.BlindSpotShare == 0 {
		s.Options.BlindSpotShare = DefaultBlindSpotShare
	}
}

// Validate checks a normalised survey definition and returns a *ValidationError listing every
// problem by field, or nil.
func (s *Survey) Validate() error {
	v := validation(messages.ValidationSurvey)
	add := func(field, value string, id messages.ID, kv ...any) { v.Add(problem(field, value, id, kv...)) }
	if !ValidCode(s.Code) {
		add("code", s.Code, messages.FrameworkCodeFormat)
	}
	if s.Title == "" {
		add("title", "", messages.SurveyTitleRequired)
	} else if utf8.RuneCountInString(s.Title) > maxSurveyTitleRunes {
		add("title", "", messages.SurveyTitleLong, "max", maxSurveyTitleRunes)
	}
	known := false
	for _, k := range SurveyKinds {
		known = known || s.Kind == k
	}
	if !known {
		add("kind", string(s.Kind), messages.SurveyKindInvalid)
	}

	sc := s.Scale
	if !finite(sc.Min) || !finite(sc.Max) || !(sc.Max > sc.Min) {
		add("scale", "", messages.SurveyScaleRange)
	}
	if len(sc.Categories) > MaxScaleCategories {
		add("scale.categories", "", messages.SurveyCategoriesMax, "max", MaxScaleCategories)
	}
	labels := map[string]bool{}
	for i, c := range sc.Categories {
		f := fmt.Sprintf("scale.categories[%d]", i)
		switch {
		case c.Label == "":
			add(f+".label", "", messages.SurveyCategoryLabel)
		case labels[c.Label]:
			add(f+".label", c.Label, messages.SurveyLabelTwice)
		case looksNumeric(c.Label):
			add(f+".label", c.Label, messages.SurveyLabelNumber)
		}
		labels[c.Label] = true
		if !finite(c.Score) || c.Score < sc.Min || c.Score > sc.Max {
			add(f+".score", "", messages.SurveyCategoryScore, "min", sc.Min, "max", sc.Max)
		}
	}

	if len(s.Items) == 0 {
		add("items", "", messages.SurveyItemsRequired)
	} else if len(s.Items) > MaxSurveyItems {
		add("items", "", messages.SurveyItemsMax, "max", MaxSurveyItems)
	}
	codes := map[string]string{}
	for i, it := range s.Items {
		f := fmt.Sprintf("items[%d]", i)
		if !ValidCode(it.Code) {
			add(f+".code", it.Code, messages.FrameworkCodeFormat)
		} else if prev, dup := codes[it.Code]; dup {
			add(f+".code", it.Code, messages.SurveyCodeTwice, "other", prev)
		} else {
			codes[it.Code] = f
		}
		if it.Text == "" {
			add(f+".text", "", messages.SurveyItemText)
		}
		if it.Dimension != "" && !containsDimension(it.Dimension) {
			add(f+".dimension", string(it.Dimension), messages.SurveyItemDimension)
		}
		if it.Content != "" && !containsContent(it.Content) {
			add(f+".content", string(it.Content), messages.SurveyItemContent)
		}
	}

	if len(s.Groups) == 0 {
		add("groups", "", messages.SurveyGroupsRequired)
	} else if len(s.Groups) > MaxSurveyGroups {
		add("groups", "", messages.SurveyGroupsMax, "max", MaxSurveyGroups)
	}
	groups := map[string]string{}
	var counted float64
	for i, g := range s.Groups {
		f := fmt.Sprintf("groups[%d]", i)
		if !ValidCode(g.Code) {
			add(f+".code", g.Code, messages.SurveyGroupCode)
		} else if prev, dup := groups[g.Code]; dup {
			add(f+".code", g.Code, messages.SurveyGroupTwice, "other", prev)
		} else {
			groups[g.Code] = f
		}
		if g.Name == "" {
			add(f+".name", "", messages.SurveyGroupName)
		}
		if !finite(g.Weight) || g.Weight < 0 {
			add(f+".weight", "", messages.SurveyGroupWeight)
		} else if g.Code != GroupSelf || s.Options.IncludeSelf {
			counted += g.Weight
		}
		if g.MinRaters < 1 || g.MinRaters > 100000 {
			add(f+".min_raters", strconv.Itoa(g.MinRaters), messages.SurveyMinRaters)
		}
	}
	if len(s.Groups) > 0 && !(counted > 0) {
		add("groups", "", messages.SurveyCountedWeight)
	}

	o := s.Options
	if o.TrimK < 0 || o.TrimK > MaxTrimK {
		add("options.trim_k", strconv.Itoa(o.TrimK), messages.SurveyTrimK, "max", MaxTrimK)
	}
	if !(o.BlindSpotShare > 0 && o.BlindSpotShare <= 1) {
		add("options.blind_spot_share", "", messages.SurveyBlindSpotShare)
	}
	if o.CommentMinRaters < 0 || o.CommentMinRaters > MaxCommentMinRaters {
		add("options.comment_min_raters", strconv.Itoa(o.CommentMinRaters), "comment_min_raters must be between 0 and %d", MaxCommentMinRaters)
	}
	return v.Err()
}

func containsDimension(d Dimension) bool {
	for _, x := range Dimensions {
		if x == d {
			return true
		}
	}
	return false
}

func containsContent(c ItemContent) bool {
	for _, x := range ItemContents {
		if x == c {
			return true
		}
	}
	return false
}

// looksNumeric reports whether a label would read as a number.
func looksNumeric(s string) bool {
	_, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return err == nil
}

// SameQuestionnaire reports whether two normalised surveys have the same scale, items and
// groups: what imported responses depend on.
func SameQuestionnaire(a, b *Survey) (bool, error) {
	x, err := json.Marshal([]any{a.Scale, a.Items, a.Groups})
	if err != nil {
		return false, err
	}
	y, err := json.Marshal([]any{b.Scale, b.Items, b.Groups})
	if err != nil {
		return false, err
	}
	return string(x) == string(y), nil
}

// Response is one pseudonymous answer: a rater of a group scored an item for an evaluated unit.
// Rater is the pseudonym HMAC-SHA256(commission secret, rater key) in hex; Score is on the
// survey's scale (a category already mapped to its score). It carries no comment, so that the
// inputs of a run hold no free text.
type Response struct {
	Unit  string  `json:"unit"`
	Group string  `json:"group"`
	Rater string  `json:"rater"`
	Item  string  `json:"item"`
	Score float64 `json:"score"`
}
