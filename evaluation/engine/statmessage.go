package engine

import (
	"strconv"

	"evalbench/messages"
	"evalbench/statistics"
)

// statSentinels maps package statistics' sentinel errors to the message that says what each is.
var statSentinels = []struct {
	err error
	id  messages.ID
}{
	{statistics.ErrNonFinite, messages.StatNonFinite},
	{statistics.ErrNonPositive, messages.StatNonPositive},
	{statistics.ErrNegative, messages.StatNegative},
	{statistics.ErrNotReciprocal, messages.StatNotReciprocal},
	{statistics.ErrDiagonal, messages.StatDiagonal},
	{statistics.ErrDisconnected, messages.StatDisconnected},
	{statistics.ErrZeroVariance, messages.StatZeroVariance},
	{statistics.ErrTooFew, messages.StatTooFew},
	{statistics.ErrNoRandomIndex, messages.StatNoRandomIndex},
	{statistics.ErrWeightSum, messages.StatWeightSum},
	{statistics.ErrDegenerate, messages.StatDegenerate},
	{statistics.ErrUnknownLabel, messages.StatUnknownLabel},
	{statistics.ErrNotOnScale, messages.StatNotOnScale},
}

// statChecks maps each check a *statistics.DetailError names to its message. The message's
// placeholders are the check's Args, plus {reason} for the checks that wrap a problem found
// inside a part (CheckIn…, CheckLogTransform). Indices (group, sample, indicator) are 0-based in
// package statistics and shown 1-based.
var statChecks = map[statistics.Check]messages.ID{
	statistics.CheckOrder:                messages.StatOrder,
	statistics.CheckReciprocalProduct:    messages.StatReciprocalProduct,
	statistics.CheckEigen:                messages.StatEigen,
	statistics.CheckEigenvalueReal:       messages.StatEigenvalueReal,
	statistics.CheckEigenvectorPositive:  messages.StatEigenvectorPositive,
	statistics.CheckMomentsOverflow:      messages.StatMomentsOverflow,
	statistics.CheckDifferencesOverflow:  messages.StatDifferencesOverflow,
	statistics.CheckSeriesEqualReference: messages.StatSeriesEqualReference,
	statistics.CheckMembershipRange:      messages.StatMembershipRange,
	statistics.CheckEvaluationSum:        messages.StatEvaluationSum,
	statistics.CheckWeightSum:            messages.StatWeightSumValue,
	statistics.CheckScoreRange:           messages.StatScoreRange,
	statistics.CheckTrim:                 messages.StatTrim,
	statistics.CheckTargetsRaters:        messages.StatTargetsRaters,
	statistics.CheckScale:                messages.StatScale,
	statistics.CheckSignedScale:          messages.StatSignedScale,
	statistics.CheckTarget:               messages.StatTarget,
	statistics.CheckProgress:             messages.StatProgress,
	statistics.CheckLabel:                messages.StatLabel,
	statistics.CheckZeroMean:             messages.StatZeroMean,
	statistics.CheckLeaf:                 messages.StatLeaf,
	statistics.CheckNoLeaf:               messages.StatNoLeaf,
	statistics.CheckInGroup:              messages.StatInGroup,
	statistics.CheckInSample:             messages.StatInSample,
	statistics.CheckInNode:               messages.StatInNode,
	statistics.CheckLogTransform:         messages.StatLogTransform,
}

// statWrapping are the checks whose Err is the problem found inside, quoted as {reason}.
var statWrapping = map[statistics.Check]bool{
	statistics.CheckInGroup: true, statistics.CheckInSample: true, statistics.CheckInNode: true,
	statistics.CheckLogTransform: true,
}

// statOneBased are the Args that are 0-based indices in package statistics.
var statOneBased = map[string]bool{"group": true, "sample": true, "indicator": true}

// StatMessage is an error of package statistics as a message of the catalogue, for the user who
// judged a matrix or imported the data it was computed from: the check that failed with its
// values (*statistics.DetailError), where it failed (*statistics.CellError, rows and columns
// counted from 1) and what kind of problem it is (the sentinel errors). Context that a caller
// added with fmt.Errorf("…: %w") is left out; an error with nothing of package statistics in it
// becomes stat.other quoting its English text (StatText), which no error of package statistics
// reaches (a test keeps it so).
func StatMessage(err error) messages.Message {
	if m, ok := statMessage(err); ok {
		return m
	}
	return messages.New(messages.StatOther, "error", StatText(err))
}

func statMessage(err error) (messages.Message, bool) {
	if err == nil {
		return messages.Message{}, false
	}
	switch e := err.(type) {
	case *statistics.CellError:
		inner, ok := statMessage(e.Err)
		if !ok {
			return inner, false
		}
		switch {
		case e.Row >= 0 && e.Col >= 0:
			return messages.New(messages.StatAtCell, "row", e.Row+1, "column", e.Col+1, "reason", inner), true
		case e.Col >= 0:
			return messages.New(messages.StatAtColumn, "column", e.Col+1, "reason", inner), true
		case e.Row >= 0:
			return messages.New(messages.StatAtRow, "row", e.Row+1, "reason", inner), true
		}
		return inner, true
	case *statistics.DetailError:
		id, known := statChecks[e.Check]
		if !known {
			return statMessage(e.Err)
		}
		args := make(messages.Args, len(e.Args)+1)
		for k, v := range e.Args {
			args[k] = statArg(k, v)
		}
		if statWrapping[e.Check] {
			inner, ok := statMessage(e.Err)
			if !ok {
				inner = messages.New(messages.StatOther, "error", StatText(e.Err))
			}
			args["reason"] = inner
		}
		return messages.Message{ID: id, Args: args}, true
	}
	for _, s := range statSentinels {
		if err == s.err {
			return messages.New(s.id), true
		}
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		return statMessage(u.Unwrap())
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			if m, ok := statMessage(e); ok {
				return m, true
			}
		}
	}
	return messages.Message{}, false
}

// statArg is an argument of a *statistics.DetailError as shown: indices from 1, numbers with at
// most six significant digits (a product of judgments is 1.33333, not 1.3333333333333333).
func statArg(name string, v any) any {
	switch x := v.(type) {
	case int:
		if statOneBased[name] {
			return x + 1
		}
		return x
	case float64:
		return strconv.FormatFloat(x, 'g', 6, 64)
	}
	return v
}

// StatWarning is a warning of package statistics (statistics.Warning) as a message of the
// catalogue, chosen by its Code; a warning whose code the catalogue does not know yet keeps its
// English text (messages.LegacyText), so that nothing is lost.
func StatWarning(w statistics.Warning) messages.Message {
	switch w.Code {
	case statistics.WarningOffScale:
		return messages.New(messages.StatOffScale)
	}
	return messages.New(messages.LegacyText, "text", w.Message)
}
