package evaluation

import (
	"crypto/ed25519"
	"io"
	"reflect"

	"evalbench/evaluation/engine"
)

// The engine's names, declared again here for the service's callers: the service, the store,
// the API and the command line speak of evaluation.Framework, evaluation.RunInputs, … which are
// the engine's own types (aliases, not copies). Code that only computes — reports, the verifier —
// imports evalbench/evaluation/engine directly.

type (
	AHPConfig           = engine.AHPConfig
	Adjustment          = engine.Adjustment
	AnnualTarget        = engine.AnnualTarget
	Baseline            = engine.Baseline
	BonusRules          = engine.BonusRules
	CaliberNote         = engine.CaliberNote
	Checkpoint          = engine.Checkpoint
	CombinedConfig      = engine.CombinedConfig
	Completeness        = engine.Completeness
	Component           = engine.Component
	ComponentScore      = engine.ComponentScore
	ComponentShare      = engine.ComponentShare
	Constraint          = engine.Constraint
	ConstraintCheck     = engine.ConstraintCheck
	Coverage            = engine.Coverage
	Dimension           = engine.Dimension
	DimensionScore      = engine.DimensionScore
	ExpertResult        = engine.ExpertResult
	Framework           = engine.Framework
	GradeBand           = engine.GradeBand
	GradeCount          = engine.GradeCount
	GradeProbability    = engine.GradeProbability
	HexBytes            = engine.HexBytes
	Indicator           = engine.Indicator
	IndicatorCell       = engine.IndicatorCell
	IndicatorRef        = engine.IndicatorRef
	IndicatorResult     = engine.IndicatorResult
	IndicatorWeight     = engine.IndicatorWeight
	InternalError       = engine.InternalError
	ItemContent         = engine.ItemContent
	Judgment            = engine.Judgment
	JudgmentSuggestion  = engine.JudgmentSuggestion
	LeniencyMoments     = engine.LeniencyMoments
	LeniencyReport      = engine.LeniencyReport
	MissingValue        = engine.MissingValue
	MonitoringConfig    = engine.MonitoringConfig
	MonteCarloConfig    = engine.MonteCarloConfig
	NeighbourSwap       = engine.NeighbourSwap
	Node                = engine.Node
	NodeKind            = engine.NodeKind
	NodeResult          = engine.NodeResult
	NodeWeights         = engine.NodeWeights
	ObjectiveData       = engine.ObjectiveData
	Observation         = engine.Observation
	Period              = engine.Period
	Polarity            = engine.Polarity
	PreviousRun         = engine.PreviousRun
	Problem             = engine.Problem
	RaterGroup          = engine.RaterGroup
	ReliabilityEstimate = engine.ReliabilityEstimate
	ReportMeta          = engine.ReportMeta
	Response            = engine.Response
	Result              = engine.Result
	RubricLevel         = engine.RubricLevel
	RunCommission       = engine.RunCommission
	RunConfig           = engine.RunConfig
	RunDataset          = engine.RunDataset
	RunInputs           = engine.RunInputs
	RunSurvey           = engine.RunSurvey
	RunWeights          = engine.RunWeights
	Scale               = engine.Scale
	ScaleCategory       = engine.ScaleCategory
	ScoreBand           = engine.ScoreBand
	ScoreThreshold      = engine.ScoreThreshold
	ScoringRule         = engine.ScoringRule
	SelfOthersGap       = engine.SelfOthersGap
	SigningKey          = engine.SigningKey
	Source              = engine.Source
	Survey              = engine.Survey
	SurveyAlpha         = engine.SurveyAlpha
	SurveyCell          = engine.SurveyCell
	SurveyGroupResult   = engine.SurveyGroupResult
	SurveyGroupWeight   = engine.SurveyGroupWeight
	SurveyICC           = engine.SurveyICC
	SurveyItem          = engine.SurveyItem
	SurveyItemAlpha     = engine.SurveyItemAlpha
	SurveyItemResult    = engine.SurveyItemResult
	SurveyKendallW      = engine.SurveyKendallW
	SurveyKind          = engine.SurveyKind
	SurveyOptions       = engine.SurveyOptions
	SurveyReliability   = engine.SurveyReliability
	SurveyResult        = engine.SurveyResult
	SurveyRunResult     = engine.SurveyRunResult
	SurveyStats         = engine.SurveyStats
	SurveyUnitResult    = engine.SurveyUnitResult
	TargetBasis         = engine.TargetBasis
	TargetKind          = engine.TargetKind
	TrackEntry          = engine.TrackEntry
	TrackYear           = engine.TrackYear
	UncertaintySummary  = engine.UncertaintySummary
	Unit                = engine.Unit
	UnitKind            = engine.UnitKind
	UnitResult          = engine.UnitResult
	UnitShare           = engine.UnitShare
	UnitUncertainty     = engine.UnitUncertainty
	ValidationError     = engine.ValidationError
	ValueKind           = engine.ValueKind
	Verification        = engine.Verification
	VerificationCheck   = engine.VerificationCheck
	Warning             = engine.Warning
	WeightAdjustment    = engine.WeightAdjustment
	WeightMethod        = engine.WeightMethod
	WeightResult        = engine.WeightResult
	WeightSet           = engine.WeightSet
)

const (
	BasisGrowth             = engine.BasisGrowth
	BasisLevel              = engine.BasisLevel
	CheckFail               = engine.CheckFail
	CheckPass               = engine.CheckPass
	CheckSkipped            = engine.CheckSkipped
	CheckpointFormat        = engine.CheckpointFormat
	CheckpointPayloadType   = engine.CheckpointPayloadType
	CheckpointTime          = engine.CheckpointTime
	ContentDuty             = engine.ContentDuty
	ContentEfficiency       = engine.ContentEfficiency
	ContentIntegrity        = engine.ContentIntegrity
	ContentOpenness         = engine.ContentOpenness
	ContentServiceAttitude  = engine.ContentServiceAttitude
	ContentWorkStyle        = engine.ContentWorkStyle
	DefaultBlindSpotShare   = engine.DefaultBlindSpotShare
	DefaultMinRaters        = engine.DefaultMinRaters
	DefaultSelfMinRaters    = engine.DefaultSelfMinRaters
	Economy                 = engine.Economy
	Effectiveness           = engine.Effectiveness
	Efficiency              = engine.Efficiency
	Equity                  = engine.Equity
	GroupExpert             = engine.GroupExpert
	GroupPeer               = engine.GroupPeer
	GroupPublic             = engine.GroupPublic
	GroupSelf               = engine.GroupSelf
	GroupStatusCounted      = engine.GroupStatusCounted
	GroupStatusNoResponses  = engine.GroupStatusNoResponses
	GroupStatusSelfExcluded = engine.GroupStatusSelfExcluded
	GroupStatusSuppressed   = engine.GroupStatusSuppressed
	GroupStatusZeroWeight   = engine.GroupStatusZeroWeight
	GroupSubordinate        = engine.GroupSubordinate
	GroupSuperior           = engine.GroupSuperior
	KindDimension           = engine.KindDimension
	KindGroup               = engine.KindGroup
	KindIndicator           = engine.KindIndicator
	MaxListedProblems       = engine.MaxListedProblems
	MaxRaterKeyLength       = engine.MaxRaterKeyLength
	MaxResponseComment      = engine.MaxResponseComment
	MaxScaleCategories      = engine.MaxScaleCategories
	MaxSurveyGroups         = engine.MaxSurveyGroups
	MaxSurveyItems          = engine.MaxSurveyItems
	MaxTrimK                = engine.MaxTrimK
	PolarityHigher          = engine.PolarityHigher
	PolarityLower           = engine.PolarityLower
	PolarityRange           = engine.PolarityRange
	PolarityTarget          = engine.PolarityTarget
	ReportEnvelope          = engine.ReportEnvelope
	ReportHTML              = engine.ReportHTML
	ReportJSON              = engine.ReportJSON
	ReportPDF               = engine.ReportPDF
	ReportPayloadType       = engine.ReportPayloadType
	RootNode                = engine.RootNode
	SelfHigher              = engine.SelfHigher
	SelfLower               = engine.SelfLower
	SigningAlgorithm        = engine.SigningAlgorithm
	Survey360               = engine.Survey360
	SurveyLeadership        = engine.SurveyLeadership
	SurveySocial            = engine.SurveySocial
	TargetCumulative        = engine.TargetCumulative
	TargetGrowthRate        = engine.TargetGrowthRate
	TargetLevel             = engine.TargetLevel
	TargetLowerBound        = engine.TargetLowerBound
	TargetQualitative       = engine.TargetQualitative
	TargetUpperBound        = engine.TargetUpperBound
	UnitDepartment          = engine.UnitDepartment
	UnitDistrict            = engine.UnitDistrict
	UnitOther               = engine.UnitOther
	UnitSubdistrict         = engine.UnitSubdistrict
	ValueCount              = engine.ValueCount
	ValueCurrency           = engine.ValueCurrency
	ValuePercent            = engine.ValuePercent
	ValueQuantity           = engine.ValueQuantity
	WeightAHP               = engine.WeightAHP
	WeightCRITIC            = engine.WeightCRITIC
	WeightCombined          = engine.WeightCombined
	WeightDirect            = engine.WeightDirect
	WeightEntropy           = engine.WeightEntropy
	WeightEqual             = engine.WeightEqual
)

var (
	BuildCommit        = engine.BuildCommit
	BuildVersion       = engine.BuildVersion
	DimensionNames     = engine.DimensionNames
	Dimensions         = engine.Dimensions
	ErrConflict        = engine.ErrConflict
	ErrForbidden       = engine.ErrForbidden
	ErrInvalid         = engine.ErrInvalid
	ErrNotFound        = engine.ErrNotFound
	ErrStale           = engine.ErrStale
	ErrUnauthenticated = engine.ErrUnauthenticated
	ErrUnavailable     = engine.ErrUnavailable
	ErrVersionRequired = engine.ErrVersionRequired
	ItemContents       = engine.ItemContents
	StandardGroupNames = engine.StandardGroupNames
	SurveyKinds        = engine.SurveyKinds
)

// AggregateSurvey is engine.AggregateSurvey.
func AggregateSurvey(s *Survey, responses []Response) (*SurveyResult, error) {
	return engine.AggregateSurvey(s, responses)
}

// AggregateSurveyWithheld is engine.AggregateSurveyWithheld.
func AggregateSurveyWithheld(s *Survey, responses []Response, withheld []SurveyCell) (*SurveyResult, error) {
	return engine.AggregateSurveyWithheld(s, responses, withheld)
}

// Canonical is engine.Canonical.
func Canonical(v any) ([]byte, error) { return engine.Canonical(v) }

// CheckJSONText is engine.CheckJSONText.
func CheckJSONText(data []byte, v *ValidationError) { engine.CheckJSONText(data, v) }

// CheckJudgment is engine.CheckJudgment.
func CheckJudgment(f *Framework, j *Judgment) error { return engine.CheckJudgment(f, j) }

// CheckText is engine.CheckText.
func CheckText(field, s string) error { return engine.CheckText(field, s) }

// CheckTexts is engine.CheckTexts.
func CheckTexts(pairs ...string) error { return engine.CheckTexts(pairs...) }

// Compute is engine.Compute.
func Compute(in *RunInputs) (*Result, error) { return engine.Compute(in) }

// DecodeKeyBytes is engine.DecodeKeyBytes.
func DecodeKeyBytes(s string, n int) ([]byte, error) { return engine.DecodeKeyBytes(s, n) }

// DefaultRule is engine.DefaultRule.
func DefaultRule(in *Indicator) ScoringRule { return engine.DefaultRule(in) }

// DeriveWeights is engine.DeriveWeights.
func DeriveWeights(f *Framework, ws *WeightSet, judgments []Judgment, data *ObjectiveData) (*WeightResult, error) {
	return engine.DeriveWeights(f, ws, judgments, data)
}

// Digest is engine.Digest.
func Digest(v any) (string, error) { return engine.Digest(v) }

// Invalidf is engine.Invalidf.
func Invalidf(field, format string, args ...any) error {
	return engine.Invalidf(field, format, args...)
}

// JSONType is engine.JSONType.
func JSONType(t reflect.Type) string { return engine.JSONType(t) }

// KeyFingerprint is engine.KeyFingerprint.
func KeyFingerprint(pub ed25519.PublicKey) string { return engine.KeyFingerprint(pub) }

// PAE is engine.PAE.
func PAE(payloadType string, payload []byte) []byte { return engine.PAE(payloadType, payload) }

// ParsePeriod is engine.ParsePeriod.
func ParsePeriod(s string) (Period, error) { return engine.ParsePeriod(s) }

// ParsePublicKey is engine.ParsePublicKey.
func ParsePublicKey(s string) (ed25519.PublicKey, error) { return engine.ParsePublicKey(s) }

// PublicKeyPEM is engine.PublicKeyPEM.
func PublicKeyPEM(pub ed25519.PublicKey) string { return engine.PublicKeyPEM(pub) }

// PublicMessage is engine.PublicMessage.
func PublicMessage(err error, fallback string) string { return engine.PublicMessage(err, fallback) }

// SameQuestionnaire is engine.SameQuestionnaire.
func SameQuestionnaire(a, b *Survey) (bool, error) { return engine.SameQuestionnaire(a, b) }

// SortResponses is engine.SortResponses.
func SortResponses(rs []Response) { engine.SortResponses(rs) }

// StatText is engine.StatText.
func StatText(err error) string { return engine.StatText(err) }

// TextProblem is engine.TextProblem.
func TextProblem(s string) string { return engine.TextProblem(s) }

// ValidCode is engine.ValidCode.
func ValidCode(s string) bool { return engine.ValidCode(s) }

// VerifyCheckpoint is engine.VerifyCheckpoint.
func VerifyCheckpoint(c *Checkpoint, keys []SigningKey) error {
	return engine.VerifyCheckpoint(c, keys)
}

// WeightedChildren is engine.WeightedChildren.
func WeightedChildren(f *Framework, node string) ([]string, bool) {
	return engine.WeightedChildren(f, node)
}

// WithholdSuppressed is engine.WithholdSuppressed.
func WithholdSuppressed(s *Survey, responses []Response) ([]Response, []SurveyCell, error) {
	return engine.WithholdSuppressed(s, responses)
}

// WriteCanonical is engine.WriteCanonical.
func WriteCanonical(w io.Writer, v any) error { return engine.WriteCanonical(w, v) }
