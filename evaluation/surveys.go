package evaluation

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"math"
	"regexp"
	"slices"
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
	v := &ValidationError{Summary: "invalid survey"}
	add := func(field, value, format string, args ...any) {
		v.Add(Problem{Field: field, Value: value, Message: fmt.Sprintf(format, args...)})
	}
	if !ValidCode(s.Code) {
		add("code", s.Code, "code must start with a letter and hold only letters, digits, '_', '.', '-' (at most 64)")
	}
	if s.Title == "" {
		add("title", "", "title is required")
	} else if utf8.RuneCountInString(s.Title) > maxSurveyTitleRunes {
		add("title", "", "title is longer than %d characters", maxSurveyTitleRunes)
	}
	known := false
	for _, k := range SurveyKinds {
		known = known || s.Kind == k
	}
	if !known {
		add("kind", string(s.Kind), "kind is social (public satisfaction), leadership or 360")
	}

	sc := s.Scale
	if !finite(sc.Min) || !finite(sc.Max) || !(sc.Max > sc.Min) {
		add("scale", "", "the scale needs min < max (finite numbers); a categorical scale takes them from its category scores when both are left out")
	}
	if len(sc.Categories) > MaxScaleCategories {
		add("scale.categories", "", "at most %d categories", MaxScaleCategories)
	}
	labels := map[string]bool{}
	for i, c := range sc.Categories {
		f := fmt.Sprintf("scale.categories[%d]", i)
		switch {
		case c.Label == "":
			add(f+".label", "", "a category needs a label")
		case labels[c.Label]:
			add(f+".label", c.Label, "the label is used twice")
		case looksNumeric(c.Label):
			add(f+".label", c.Label, "a category label must not be a number: a number in a response file is read as a score")
		}
		labels[c.Label] = true
		if !finite(c.Score) || c.Score < sc.Min || c.Score > sc.Max {
			add(f+".score", "", "the score must lie within the scale's range [%g, %g]", sc.Min, sc.Max)
		}
	}

	if len(s.Items) == 0 {
		add("items", "", "a survey needs at least one item")
	} else if len(s.Items) > MaxSurveyItems {
		add("items", "", "at most %d items", MaxSurveyItems)
	}
	codes := map[string]string{}
	for i, it := range s.Items {
		f := fmt.Sprintf("items[%d]", i)
		if !ValidCode(it.Code) {
			add(f+".code", it.Code, "code must start with a letter and hold only letters, digits, '_', '.', '-' (at most 64)")
		} else if prev, dup := codes[it.Code]; dup {
			add(f+".code", it.Code, "the code is used twice (also at %s)", prev)
		} else {
			codes[it.Code] = f
		}
		if it.Text == "" {
			add(f+".text", "", "the item's question text is required")
		}
		if it.Dimension != "" && !containsDimension(it.Dimension) {
			add(f+".dimension", string(it.Dimension), "dimension is one of economy, efficiency, effectiveness, equity (or left out)")
		}
		if it.Content != "" && !containsContent(it.Content) {
			add(f+".content", string(it.Content), "content is one of duty, efficiency, work_style, service_attitude, integrity, openness (or left out)")
		}
	}

	if len(s.Groups) == 0 {
		add("groups", "", "a survey needs at least one rater group")
	} else if len(s.Groups) > MaxSurveyGroups {
		add("groups", "", "at most %d rater groups", MaxSurveyGroups)
	}
	groups := map[string]string{}
	var counted float64
	for i, g := range s.Groups {
		f := fmt.Sprintf("groups[%d]", i)
		if !ValidCode(g.Code) {
			add(f+".code", g.Code, "code is superior, peer, subordinate, self, public, expert or a code of your own (a letter, then letters, digits, '_', '.', '-')")
		} else if prev, dup := groups[g.Code]; dup {
			add(f+".code", g.Code, "the group is defined twice (also at %s)", prev)
		} else {
			groups[g.Code] = f
		}
		if g.Name == "" {
			add(f+".name", "", "a group of your own needs a name")
		}
		if !finite(g.Weight) || g.Weight < 0 {
			add(f+".weight", "", "the weight must be a finite number ≥ 0")
		} else if g.Code != GroupSelf || s.Options.IncludeSelf {
			counted += g.Weight
		}
		if g.MinRaters < 1 || g.MinRaters > 100000 {
			add(f+".min_raters", strconv.Itoa(g.MinRaters), "min_raters must be between 1 and 100000")
		}
	}
	if len(s.Groups) > 0 && !(counted > 0) {
		add("groups", "", "at least one group that counts in the score needs a positive weight (the self group counts only with options.include_self)")
	}

	o := s.Options
	if o.TrimK < 0 || o.TrimK > MaxTrimK {
		add("options.trim_k", strconv.Itoa(o.TrimK), "trim_k must be between 0 and %d", MaxTrimK)
	}
	if !(o.BlindSpotShare > 0 && o.BlindSpotShare <= 1) {
		add("options.blind_spot_share", "", "blind_spot_share is a share of the scale's range in (0, 1]")
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

// sameQuestionnaire reports whether two normalised surveys have the same scale, items and
// groups: what imported responses depend on.
func sameQuestionnaire(a, b *Survey) (bool, error) {
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

// CreateSurvey stores a new survey of the commission.
func (s *Service) CreateSurvey(ctx context.Context, a Actor, commissionID string, in *Survey) (*Survey, error) {
	err := s.inCommission(ctx, a, commissionID, PermSurveys, func(tx Tx) error {
		sv := in.Definition()
		sv.Normalize()
		if err := sv.Validate(); err != nil {
			return err
		}
		c, err := tx.GetCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		if c.Status == StatusPublished || c.Status == StatusAccepted {
			return fmt.Errorf("%w: the commission is %s; no more surveys can be defined", ErrConflict, c.Status)
		}
		sv.CommissionID, sv.CreatedBy = commissionID, a.UserID
		if err := tx.CreateSurvey(ctx, sv); err != nil {
			return err
		}
		*in = *sv
		return s.audit(ctx, tx, a, commissionID, "survey.create", "survey", sv.ID, sv.Definition())
	})
	if err != nil {
		return nil, err
	}
	return in, nil
}

// ListSurveys lists a commission's surveys ordered by code.
func (s *Service) ListSurveys(ctx context.Context, a Actor, commissionID string) ([]Survey, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) ([]Survey, error) {
		return tx.ListSurveys(ctx, commissionID)
	})
}

// GetSurvey returns one survey of the commission.
func (s *Service) GetSurvey(ctx context.Context, a Actor, commissionID, surveyID string) (*Survey, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) (*Survey, error) {
		return s.survey(ctx, tx, commissionID, surveyID)
	})
}

func (s *Service) survey(ctx context.Context, tx Tx, commissionID, surveyID string) (*Survey, error) {
	if !validID(surveyID) {
		return nil, fmt.Errorf("survey %q: %w", surveyID, ErrNotFound)
	}
	return tx.GetSurvey(ctx, commissionID, surveyID)
}

// UpdateSurvey replaces a survey's definition when version is its current version (ErrStale
// otherwise; ErrVersionRequired when version is 0). A survey with imported responses keeps its
// scale, items and rater groups: changing them answers ErrConflict with the reason; its code,
// title, kind, synthetic flag and options may still change.
func (s *Service) UpdateSurvey(ctx context.Context, a Actor, commissionID, surveyID string, version int, in *Survey) (*Survey, error) {
	var out *Survey
	err := s.inCommission(ctx, a, commissionID, PermSurveys, func(tx Tx) error {
		if !validID(surveyID) {
			return fmt.Errorf("survey %q: %w", surveyID, ErrNotFound)
		}
		old, err := tx.LockSurvey(ctx, commissionID, surveyID)
		if err != nil {
			return err
		}
		if version == 0 {
			return ErrVersionRequired
		}
		if version != old.Version {
			return fmt.Errorf("survey %s is at version %d, not %d: %w", old.Code, old.Version, version, ErrStale)
		}
		sv := in.Definition()
		sv.Normalize()
		if err := sv.Validate(); err != nil {
			return err
		}
		c, err := tx.GetCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		if c.Status == StatusPublished || c.Status == StatusAccepted {
			return fmt.Errorf("%w: the commission is %s; its surveys can no longer change", ErrConflict, c.Status)
		}
		if old.Imports > 0 {
			same, err := sameQuestionnaire(old, sv)
			if err != nil {
				return err
			}
			if !same {
				return fmt.Errorf("%w: survey %s has %d imported responses (%d imports): its scale, items and rater groups can no longer change; "+
					"its title, kind and options can — define a new survey for a changed questionnaire", ErrConflict, old.Code, old.Responses, old.Imports)
			}
		}
		sv.ID, sv.CommissionID, sv.CreatedBy, sv.CreatedAt = old.ID, commissionID, old.CreatedBy, old.CreatedAt
		sv.Responses, sv.Imports = old.Responses, old.Imports
		sv.Version = old.Version + 1
		sv.UpdatedAt = s.now()
		if err := tx.UpdateSurvey(ctx, sv); err != nil {
			return err
		}
		out = sv
		return s.audit(ctx, tx, a, commissionID, "survey.update", "survey", sv.ID,
			map[string]any{"old": old.Definition(), "new": sv.Definition(), "version": sv.Version})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
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

// ResponseRow is one row of a response file. A ResponseReader fills Rater with the rater key as
// the file gives it (trimmed, full-width characters folded); the service replaces it with the
// pseudonym before the row reaches storage, so the key itself is never stored. Label is the
// category label when the row gave one; Comment is the free text as written (the service
// redacts it).
type ResponseRow struct {
	Row     int
	Unit    string
	Group   string
	Rater   string
	Item    string
	Score   float64
	Label   string
	Comment string
}

// ResponseReader reads survey response files. Package ingest's Codec implements it; the
// service finds it on its codec (WithCodec) by a type assertion.
type ResponseReader interface {
	// ReadResponses streams the responses of a file against survey s and the commission's unit
	// codes, calling emit for each valid row in file order. Every problem is returned at the end
	// as a *ValidationError (row, column, value, message). It does not look for duplicate rows.
	ReadResponses(r io.Reader, opts FileOptions, s *Survey, units []string, emit func(ResponseRow) error) (FileSummary, error)
}

// ResponseImport is one import of survey responses: immutable, identified by the SHA-256 of the
// file's bytes within its survey.
type ResponseImport struct {
	ID           string `json:"id"`
	CommissionID string `json:"commission_id"`
	SurveyID     string `json:"survey_id"`
	FileVersion
	Raters           int `json:"raters"`            // distinct (group, rater) pairs
	RedactedComments int `json:"redacted_comments"` // comments in which personal data were hidden
}

// ResponseImportInput is one upload of survey responses.
type ResponseImportInput struct {
	Options FileOptions
	DryRun  bool // validate and report, store nothing
	Body    io.ReadSeeker
}

// ResponseImportResult reports a response import.
type ResponseImportResult struct {
	Import *ResponseImport `json:"import,omitempty"`
	ImportOutcome
}

// responseReader returns the codec's response reader.
func (s *Service) responseReader() (ResponseReader, error) {
	if err := s.needCodec(); err != nil {
		return nil, err
	}
	rr, ok := s.codec.(ResponseReader)
	if !ok {
		return nil, fmt.Errorf("evaluation: the service's file codec %T cannot read survey responses (it does not implement evaluation.ResponseReader)", s.codec)
	}
	return rr, nil
}

// ImportResponses validates a whole response file and stores it as a new import of the survey —
// all rows or none. Any problem (a bad score, an unknown unit, group or item, a row repeating the
// unit, group, rater and item of an earlier row or an earlier import) rejects the import with a
// *ValidationError listing every problem. Rater keys are stored only as pseudonyms (HMAC-SHA256
// with the commission's secret, created on first use); comments are stored with phone numbers,
// ID-card numbers and e-mail addresses redacted. The same bytes imported again return the
// existing import.
func (s *Service) ImportResponses(ctx context.Context, a Actor, commissionID, surveyID string, in ResponseImportInput) (*ResponseImportResult, error) {
	rr, err := s.responseReader()
	if err != nil {
		return nil, err
	}
	if err := checkTexts("filename", in.Options.FileName); err != nil {
		return nil, err
	}
	res := &ResponseImportResult{ImportOutcome: ImportOutcome{DryRun: in.DryRun}}
	up := upload{commissionID: commissionID, perm: PermSurveys, what: "responses", body: in.Body, dryRun: in.DryRun}
	im := &responseImport{s: s, a: a, rr: rr, commissionID: commissionID, surveyID: surveyID, opts: in.Options, res: res}
	if err := importFile(ctx, s, a, up, &res.ImportOutcome, im); err != nil {
		return nil, err
	}
	return res, nil
}

// responseImport is an import of survey responses (see fileImport).
type responseImport struct {
	s                      *Service
	a                      Actor
	rr                     ResponseReader
	commissionID, surveyID string
	opts                   FileOptions
	res                    *ResponseImportResult
	sv                     *Survey
	imp                    *ResponseImport
	ps                     *Pseudonymizer
}

func (im *responseImport) find(ctx context.Context, tx Tx, sha256 string) (*FileSummary, error) {
	if !validID(im.surveyID) {
		return nil, fmt.Errorf("survey %q: %w", im.surveyID, ErrNotFound)
	}
	var err error
	if im.sv, err = tx.LockSurvey(ctx, im.commissionID, im.surveyID); err != nil {
		return nil, err
	}
	existing, err := tx.ResponseImportBySHA(ctx, im.surveyID, sha256)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	im.res.Import = existing
	return &FileSummary{SHA256: sha256, Format: existing.Format, Encoding: existing.Encoding, Sheet: existing.Sheet,
		Rows: existing.Rows, Valid: existing.Rows}, nil
}

// begin creates the commission's rater-pseudonym key on its first import.
func (im *responseImport) begin(ctx context.Context, tx Tx, sha256 string) (*FileVersion, ResponseSink, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, nil, fmt.Errorf("import: generating the rater-pseudonym key: %w", err)
	}
	secret, created, err := tx.SurveySecret(ctx, im.commissionID, fresh)
	if err != nil {
		return nil, nil, err
	}
	if created {
		if err := im.s.audit(ctx, tx, im.a, im.commissionID, "survey.secret.create", "commission", im.commissionID,
			map[string]any{"purpose": "HMAC-SHA256 key for rater pseudonyms"}); err != nil {
			return nil, nil, err
		}
	}
	im.ps = NewPseudonymizer(secret)
	im.imp = &ResponseImport{ID: newUUID(), CommissionID: im.commissionID, SurveyID: im.surveyID,
		FileVersion: im.s.newFileVersion(im.a, sha256, im.opts)}
	sink, err := tx.NewResponseSink(ctx, im.surveyID, im.imp.ID)
	return &im.imp.FileVersion, sink, err
}

// read stores rater keys as pseudonyms and comments redacted.
func (im *responseImport) read(r io.Reader, units []string, sink ResponseSink) (FileSummary, error) {
	return im.rr.ReadResponses(r, im.opts, im.sv, units, func(row ResponseRow) error {
		row.Rater = im.ps.Pseudonym(row.Rater)
		var redacted bool
		if row.Comment, redacted = RedactComment(row.Comment); redacted {
			im.imp.RedactedComments++
		}
		return sink.Write(&row)
	})
}

func (im *responseImport) duplicates(ctx context.Context, tx Tx, v *ValidationError) error {
	dups, err := tx.DuplicateResponses(ctx, im.surveyID, im.imp.ID)
	if err != nil {
		return err
	}
	for _, p := range dups {
		v.Add(p)
	}
	return nil
}

// create refuses a file without responses.
func (im *responseImport) create(ctx context.Context, tx Tx) error {
	if im.imp.Rows == 0 {
		return &ValidationError{Summary: notImported(im.imp.FileName), Total: 1, Problems: []Problem{{Message: "the file holds no responses"}}}
	}
	if err := tx.CreateResponseImport(ctx, im.imp, im.a.UserID); err != nil {
		return err
	}
	im.res.Import = im.imp
	return nil
}

func (im *responseImport) audit(ctx context.Context, tx Tx) error {
	imp := im.imp
	return im.s.audit(ctx, tx, im.a, im.commissionID, "survey.responses.import", "survey", im.surveyID, map[string]any{
		"import_id": imp.ID, "number": imp.Number, "sha256": imp.SHA256, "file_name": imp.FileName, "rows": imp.Rows,
		"raters": imp.Raters, "redacted_comments": imp.RedactedComments, "format": imp.Format, "encoding": imp.Encoding})
}

func (im *responseImport) forget() { im.imp.ID, im.imp.Number = "", 0 }

// ListResponseImports lists a survey's response imports, newest first.
func (s *Service) ListResponseImports(ctx context.Context, a Actor, commissionID, surveyID string) ([]ResponseImport, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) ([]ResponseImport, error) {
		if _, err := s.survey(ctx, tx, commissionID, surveyID); err != nil {
			return nil, err
		}
		return tx.ListResponseImports(ctx, surveyID)
	})
}

// SurveyInputs loads, inside tx, what AggregateSurvey needs: the survey and all its imported
// responses (pseudonymous, without comments, in canonical order). It checks no permission: the
// caller (the run engine) has checked the actor's access to the commission in the same
// transaction.
func (s *Service) SurveyInputs(ctx context.Context, tx Tx, commissionID, surveyID string) (*Survey, []Response, error) {
	sv, err := s.survey(ctx, tx, commissionID, surveyID)
	if err != nil {
		return nil, nil, err
	}
	rs, err := tx.ListResponses(ctx, surveyID, nil)
	if err != nil {
		return nil, nil, err
	}
	SortResponses(rs)
	return sv, rs, nil
}

// SurveyResults aggregates all imported responses of a survey (see AggregateSurvey).
func (s *Service) SurveyResults(ctx context.Context, a Actor, commissionID, surveyID string) (*SurveyResult, error) {
	var sv *Survey
	var rs []Response
	err := s.inCommission(ctx, a, commissionID, PermRead, func(tx Tx) error {
		var err error
		sv, rs, err = s.SurveyInputs(ctx, tx, commissionID, surveyID)
		return err
	})
	if err != nil {
		return nil, err
	}
	res, err := AggregateSurvey(sv, rs)
	if err != nil {
		return nil, err
	}
	res.SurveyID = sv.ID
	return res, nil
}

// Pseudonymizer turns rater keys into pseudonyms: the lower-case hex of HMAC-SHA256(secret,
// key). The same key under the same commission secret always gives the same pseudonym, so a
// rater's answers stay linked across imports, while the key cannot be recovered without the
// secret. It is not safe for concurrent use.
type Pseudonymizer struct {
	mac hash.Hash
	buf []byte
}

// NewPseudonymizer returns a Pseudonymizer keyed with secret.
func NewPseudonymizer(secret []byte) *Pseudonymizer {
	return &Pseudonymizer{mac: hmac.New(sha256.New, secret)}
}

// Pseudonym returns the pseudonym of a rater key.
func (p *Pseudonymizer) Pseudonym(key string) string {
	p.mac.Reset()
	io.WriteString(p.mac, key)
	p.buf = p.mac.Sum(p.buf[:0])
	return hex.EncodeToString(p.buf)
}

// Placeholders that replace personal data in comments.
const (
	RedactedPhone  = "[电话已隐去]"
	RedactedIDCard = "[身份证号已隐去]"
	RedactedEmail  = "[邮箱已隐去]"
)

// redactions are applied in order: e-mail addresses first (their local part may hold a phone
// number), then 18- and 15-digit ID-card numbers, then mobile and landline numbers. Digits may
// be ASCII or full-width. Digit patterns count only when no digit touches them on either side,
// so a longer number (an amount, a bank reference) is left alone.
var redactions = func() []redaction {
	const d = `[0-9０-９]`
	const sep = `[-－ ]`
	return []redaction{
		{regexp.MustCompile(`[A-Za-z0-9._%+\-]+[@＠][A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`), RedactedEmail, false},
		{regexp.MustCompile(d + `{17}[0-9０-９XxＸｘ]`), RedactedIDCard, true},
		{regexp.MustCompile(d + `{15}`), RedactedIDCard, true},
		// Mobile: 1[3-9] and nine more digits, optionally +86 and separators (138-1234-5678).
		{regexp.MustCompile(`(?:[+＋]?(?:86|８６)` + sep + `?)?[1１][3-9３-９]` + d + `(?:` + sep + `?` + d + `{4}){2}`), RedactedPhone, true},
		// Landline: a 3–4-digit area code starting with 0 (bare or in brackets), 7–8 digits, and
		// an optional extension (0571-86001234, (0571)86001234, 0571-86001234转123).
		{regexp.MustCompile(`(?:[(（][0０]` + d + `{2,3}[)）]` + sep + `?|[0０]` + d + `{2,3}` + sep + `?)` + d + `{7,8}(?:(?:[-－]|转)` + d + `{1,6})?`), RedactedPhone, true},
	}
}()

type redaction struct {
	re        *regexp.Regexp
	with      string
	digitEdge bool // the match must not touch another digit
}

// RedactComment replaces phone numbers (Chinese mobiles 1[3-9]xxxxxxxxx, landlines with an area
// code such as 0571-8xxxxxxx), ID-card numbers (18 digits, the last possibly X; 15 digits) and
// e-mail addresses in a free-text comment with the placeholders RedactedPhone, RedactedIDCard and
// RedactedEmail, and reports whether it changed anything.
func RedactComment(s string) (string, bool) {
	out := s
	for _, r := range redactions {
		out = r.apply(out)
	}
	return out, out != s
}

func (r redaction) apply(s string) string {
	var b strings.Builder
	last, pos := 0, 0
	for pos < len(s) {
		loc := r.re.FindStringIndex(s[pos:])
		if loc == nil {
			break
		}
		start, end := pos+loc[0], pos+loc[1]
		if r.digitEdge && (digitBefore(s, start) || digitAfter(s, end)) {
			_, size := utf8.DecodeRuneInString(s[start:])
			pos = start + size
			continue
		}
		b.WriteString(s[last:start])
		b.WriteString(r.with)
		last, pos = end, end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func digitBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isDigitRune(r)
}

func digitAfter(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isDigitRune(r)
}

// surveyForRun checks a survey of the commission for a run and returns its code and the ids of
// its response imports, which the run will use.
func (s *Service) surveyForRun(ctx context.Context, tx Tx, commissionID, surveyID string) (string, []string, error) {
	sv, err := s.survey(ctx, tx, commissionID, surveyID)
	if err != nil {
		return "", nil, err
	}
	imps, err := tx.ListResponseImports(ctx, surveyID)
	if err != nil {
		return "", nil, err
	}
	ids := make([]string, len(imps))
	for i, imp := range imps {
		ids[i] = imp.ID
	}
	slices.Sort(ids)
	return sv.Code, ids, nil
}

// runSurvey loads a survey's definition and the responses of the given imports.
func (s *Service) runSurvey(ctx context.Context, tx Tx, commissionID, surveyID string, imports []string) (*RunSurvey, error) {
	sv, err := s.survey(ctx, tx, commissionID, surveyID)
	if err != nil {
		return nil, err
	}
	rs, err := tx.ListResponses(ctx, surveyID, imports)
	if err != nil {
		return nil, err
	}
	return &RunSurvey{Survey: sv.Definition(), Responses: rs}, nil
}

// SurveyTx is the storage of surveys and their responses. Not-found answers wrap ErrNotFound;
// a duplicate survey code wraps ErrConflict.
type SurveyTx interface {
	// CreateSurvey stores a new survey, filling its ID, Version, CreatedAt and UpdatedAt.
	CreateSurvey(ctx context.Context, s *Survey) error
	// GetSurvey returns a survey of the commission with its response and import counts.
	GetSurvey(ctx context.Context, commissionID, id string) (*Survey, error)
	// LockSurvey is GetSurvey that also locks the survey's row until the transaction ends, so
	// that imports and edits of one survey happen one after the other.
	LockSurvey(ctx context.Context, commissionID, id string) (*Survey, error)
	// ListSurveys lists a commission's surveys ordered by code.
	ListSurveys(ctx context.Context, commissionID string) ([]Survey, error)
	// UpdateSurvey stores s when the stored version is s.Version-1 (s.Version already
	// incremented by the caller), and answers ErrStale otherwise.
	UpdateSurvey(ctx context.Context, s *Survey) error

	// SurveySecret returns the commission's rater-pseudonym key. When the commission has none
	// yet it stores fresh (32 random bytes from the caller) and reports created.
	SurveySecret(ctx context.Context, commissionID string, fresh []byte) (secret []byte, created bool, err error)

	// NewResponseSink streams the rows of a response import not yet created;
	// CreateResponseImport then numbers and stores the import row in the same transaction.
	NewResponseSink(ctx context.Context, surveyID, importID string) (ResponseSink, error)
	// DuplicateResponses lists a problem for every row of the import that repeats the unit,
	// rater group, rater and item of an earlier row of the same import or of an earlier import of
	// the survey.
	DuplicateResponses(ctx context.Context, surveyID, importID string) ([]Problem, error)
	// CreateResponseImport stores the import row, counting its distinct raters into imp.Raters.
	CreateResponseImport(ctx context.Context, imp *ResponseImport, importerID string) error
	// ResponseImportBySHA returns the survey's import of the file with the given SHA-256.
	ResponseImportBySHA(ctx context.Context, surveyID, sha256 string) (*ResponseImport, error)
	// ListResponseImports lists a survey's imports, newest first.
	ListResponseImports(ctx context.Context, surveyID string) ([]ResponseImport, error)
	// ListResponses returns every response of a survey, pseudonymous and without comments, in
	// no particular order (see SortResponses). imports, when not nil, restricts them to the
	// responses of the given import ids (a run's snapshot).
	ListResponses(ctx context.Context, surveyID string, imports []string) ([]Response, error)
}

// ResponseSink receives the rows of a response import inside its transaction (the store streams
// them to PostgreSQL with COPY). Rater must already hold the pseudonym (64 hex digits).
type ResponseSink = RowSink[ResponseRow]
