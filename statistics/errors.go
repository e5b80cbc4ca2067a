package statistics

// Check names the check that found a data problem, as a *DetailError reports it. The names are
// stable: callers map them to their own wording (package evaluation maps each to a message of
// its catalogue, in Chinese and English), so a check keeps its name and its Args once it has
// shipped, and a new kind of problem gets a new name.
type Check string

// The checks a *DetailError names, with the Args each carries. Numbers are float64 or int as
// noted; names are strings.
const (
	// CheckOrder: the random-index table has no entry for the matrix order (ErrNoRandomIndex).
	// Args: "order" (int).
	CheckOrder Check = "order"
	// CheckReciprocalProduct: a pair a_ij, a_ji of a pairwise matrix whose product is not 1
	// (ErrNotReciprocal). Args: "product" (float64). The pair's position is the enclosing
	// *CellError's.
	CheckReciprocalProduct Check = "reciprocal_product"
	// CheckEigen: the eigendecomposition failed (ErrDegenerate).
	CheckEigen Check = "eigen"
	// CheckEigenvalueReal: the principal eigenvalue is not real (ErrDegenerate). Args: "value"
	// (string, the complex number as Go prints it).
	CheckEigenvalueReal Check = "eigenvalue_real"
	// CheckEigenvectorPositive: the principal eigenvector has a non-positive component
	// (ErrDegenerate).
	CheckEigenvectorPositive Check = "eigenvector_positive"
	// CheckMomentsOverflow: a skewness or kurtosis overflowed float64 (ErrNonFinite).
	CheckMomentsOverflow Check = "moments_overflow"
	// CheckDifferencesOverflow: grey relational differences overflowed float64 (ErrNonFinite).
	CheckDifferencesOverflow Check = "differences_overflow"
	// CheckSeriesEqualReference: every series equals the grey relational reference
	// (ErrDegenerate).
	CheckSeriesEqualReference Check = "series_equal_reference"
	// CheckMembershipRange: a fuzzy membership outside [0, 1] (ErrDegenerate). Args: "value"
	// (float64).
	CheckMembershipRange Check = "membership_range"
	// CheckEvaluationSum: a fuzzy evaluation vector whose sum is not positive (ErrDegenerate).
	// Args: "sum" (float64).
	CheckEvaluationSum Check = "evaluation_sum"
	// CheckWeightSum: weights whose sum is not 1 (ErrWeightSum). Args: "sum" (float64).
	CheckWeightSum Check = "weight_sum"
	// CheckScoreRange: a score outside 0–100 (ErrDegenerate). Args: "value" (float64).
	CheckScoreRange Check = "score_range"
	// CheckTrim: a trimmed mean that would trim every value (ErrTooFew). Args: "trim" (int, from
	// each end), "count" (int, the values).
	CheckTrim Check = "trim"
	// CheckTargetsRaters: fewer than two targets or two raters (ErrTooFew). Args: "targets",
	// "raters" (int).
	CheckTargetsRaters Check = "targets_raters"
	// CheckScale: a judgment not on Saaty's 1–9 scale (ErrNotOnScale). Args: "value" (float64).
	CheckScale Check = "scale"
	// CheckSignedScale: a signed answer not on −9…−1, 1…9 (no sentinel: Err is nil). Args:
	// "value" (float64).
	CheckSignedScale Check = "signed_scale"
	// CheckTarget: a target that is not positive (ErrNonPositive). Args: "target" (float64).
	CheckTarget Check = "target"
	// CheckProgress: the plan expects no progress by the year (ErrDegenerate). Args: "year" (int).
	CheckProgress Check = "progress"
	// CheckLabel: a rubric label without a score (ErrUnknownLabel). Args: "label" (string).
	CheckLabel Check = "label"
	// CheckZeroMean: a column whose mean is zero, where the method divides by it (ErrDegenerate).
	CheckZeroMean Check = "zero_mean"
	// CheckLeaf: a weight tree's leaf whose indicator is repeated or negative (ErrDegenerate).
	// Args: "node" (string, the path from the root), "indicator" (int).
	CheckLeaf Check = "leaf"
	// CheckNoLeaf: an indicator column without a leaf in the weight tree (ErrDegenerate). Args:
	// "indicator" (int).
	CheckNoLeaf Check = "no_leaf"

	// The checks below wrap the problem found inside a part of the input: Err is that problem.

	// CheckInGroup: a problem inside group "group" (int) of a grouped computation.
	CheckInGroup Check = "in_group"
	// CheckInSample: a problem inside Monte Carlo sample "sample" (int).
	CheckInSample Check = "in_sample"
	// CheckInNode: a problem with the local weights of the children of weight-tree node "node"
	// (string, the path from the root).
	CheckInNode Check = "in_node"
	// CheckLogTransform: the skewness or kurtosis after a log transform could not be computed.
	CheckLogTransform Check = "log_transform"
)

// DetailError is a data problem with the values that show it: which check found it, the values by
// name, and what it is — one of the sentinel errors, which it unwraps to (so errors.Is works as
// for the plain sentinels), or for the CheckIn… checks the problem found inside. Error reads in
// English, for logs; callers that show problems to users map Check and Args to their own words.
type DetailError struct {
	Check Check
	Args  map[string]any // float64, int or string, as the Check's doc comment says
	Err   error
	text  string // the English detail that precedes Err in Error
}

// Error is the English detail followed by the wrapped error: "order 16: statistics: no random
// index for this matrix order".
func (e *DetailError) Error() string {
	switch {
	case e.Err == nil:
		return e.text
	case e.text == "":
		return e.Err.Error()
	}
	return e.text + ": " + e.Err.Error()
}

// Unwrap returns the sentinel error or the problem found inside.
func (e *DetailError) Unwrap() error { return e.Err }

// detail makes a *DetailError for check with the English text, wrapping err, and name/value pairs
// as its Args.
func detail(err error, check Check, text string, kv ...any) *DetailError {
	var args map[string]any
	if len(kv) > 0 {
		args = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			args[kv[i].(string)] = kv[i+1]
		}
	}
	return &DetailError{Check: check, Args: args, Err: err, text: text}
}
