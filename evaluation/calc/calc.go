// Package calc is the JSON face of package statistics: one request body in, one response body
// out, for every method, so that experts and reviewers can check a number without setting up a
// commission. The CLI (`evalbench calc METHOD`, JSON on stdin, JSON on stdout) and the HTTP route
// (`POST /api/v1/calc/METHOD`) both call Run.
//
// Requests are decoded strictly (unknown fields are errors) and validated completely before any
// statistics function runs; every defect is reported as an engine.Problem with a JSON field
// path such as "matrix[1][2]". docs/methods.md documents each method's request and response.
package calc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/statistics"
)

// Limits bound the work one request can ask for.
const (
	// MaxCells bounds rows × columns of any input matrix.
	MaxCells = 1_000_000
	// MaxSamples bounds Monte Carlo samples and bootstrap resamples.
	MaxSamples = 10_000_000
	// MaxMonteCarloUnits bounds the units of a Monte Carlo request (each worker keeps a
	// units × 10,000 histogram and a units × units rank table).
	MaxMonteCarloUnits = 1000
	// MaxAHPOrder bounds the order of a pairwise matrix.
	MaxAHPOrder = 50
)

type handler func(dec *json.Decoder) (any, error)

var handlers = map[string]handler{
	"ahp":         runAHP,
	"ahp-group":   runAHPGroup,
	"entropy":     runEntropy,
	"critic":      runCRITIC,
	"sd":          runSD,
	"cv":          runCV,
	"combine":     runCombine,
	"hierarchy":   runHierarchy,
	"topsis":      runTOPSIS,
	"aggregate":   runAggregate,
	"normalise":   runNormalise,
	"icc":         runICC,
	"alpha":       runAlpha,
	"kendall-w":   runKendallW,
	"descriptive": runDescriptive,
	"bootstrap":   runBootstrap,
	"montecarlo":  runMonteCarlo,
	"sensitivity": runSensitivity,
	"vikor":       runVIKOR,
	"promethee2":  runPROMETHEE2,
	"gra":         runGRA,
	"fce":         runFCE,
	"ahp-scale":   runAHPScale,
	"diagnostics": runDiagnostics,
	"sobol":       runSobol,
}

// Methods lists the method names Run accepts, sorted.
func Methods() []string {
	out := make([]string, 0, len(handlers))
	for m := range handlers {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// Run executes method on the JSON request body input and returns the JSON response body.
//
// Contract:
//   - method is one of Methods(); anything else is an error wrapping engine.ErrInvalid.
//   - input is one JSON object in the method's request shape (docs/methods.md, "calc"); unknown
//     fields, trailing data, wrong types, ragged rows, nulls where numbers are required, values
//     the method cannot accept (NaN cannot be written in JSON; out-of-range numbers fail to
//     decode), zero-variance columns, non-reciprocal pairwise matrices and every other data
//     problem return a *engine.ValidationError (which unwraps to engine.ErrInvalid)
//     listing each problem with its JSON field path. The CLI maps these to exit status 2 and
//     the API to 422 problem+json.
//   - Run never panics: input is validated before package statistics is called, and a panic
//     that still escapes is recovered and returned as a *engine.ValidationError.
//   - The output is deterministic: the same method and input give byte-identical output
//     (fields in struct order, floats as encoding/json formats them, non-finite values as null,
//     random methods seeded by the request).
func Run(method string, input []byte) (out []byte, err error) {
	h, ok := handlers[method]
	if !ok {
		return nil, invalid(engine.Catalogued("method", "", messages.CalcMethodUnknown, "method", method, "methods", Methods()))
	}
	defer func() {
		if r := recover(); r != nil {
			out = nil
			err = invalid(engine.Catalogued("", "", messages.CalcInputRejected, "reason", strings.ReplaceAll(fmt.Sprint(r), "statistics: ", "")))
		}
	}()
	dec := json.NewDecoder(bytes.NewReader(input))
	dec.DisallowUnknownFields()
	res, err := h(dec)
	if err != nil {
		return nil, err
	}
	out, err = json.Marshal(res)
	if err != nil {
		return nil, fmt.Errorf("calc %s: encoding response: %w", method, err)
	}
	return out, nil
}

// decode reads exactly one JSON object into v. Its problems are those of the API's bodies
// (api/helpers.go bind), with the same messages, but all of them 422 with the calculator's summary.
func decode(dec *json.Decoder, v any) error {
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		var se *json.SyntaxError
		switch {
		case errors.As(err, &te) && te.Field != "":
			return invalid(engine.Catalogued(te.Field, "", messages.ProblemFieldJSONType, "expected", jsonTypeName(te.Type), "found", jsonKindName(te.Value)))
		case errors.As(err, &se):
			return invalid(engine.Catalogued("", "", messages.ProblemDetailJSONSyntax, "offset", se.Offset, "error", se.Error()))
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			return invalid(engine.Catalogued(strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), "", messages.ProblemFieldUnknown))
		}
		return invalid(engine.Catalogued("", "", messages.ProblemDetailJSONMalformed, "error", strings.TrimPrefix(err.Error(), "json: ")))
	}
	if dec.More() {
		return invalid(engine.Catalogued("", "", messages.ProblemDetailJSONTrailing))
	}
	return nil
}

// jsonTypeName names the JSON type a Go type decodes from, as a catalogue message.
func jsonTypeName(t reflect.Type) messages.ID {
	switch engine.JSONType(t) {
	case "a string":
		return messages.JSONExpectedString
	case "true or false":
		return messages.JSONExpectedBool
	case "an integer":
		return messages.JSONExpectedInteger
	case "a number":
		return messages.JSONExpectedNumber
	case "an array":
		return messages.JSONExpectedArray
	case "an object":
		return messages.JSONExpectedObject
	case "a value":
		return messages.JSONExpectedValue
	}
	return messages.JSONExpectedOther
}

// jsonKindName names the kind of JSON value a request sent (an UnmarshalTypeError's Value) as a
// catalogue message, or as encoding/json names it when the catalogue has no name for it.
func jsonKindName(kind string) any {
	id := messages.ID("json.kind." + kind)
	if _, ok := messages.Lookup(messages.Default, id); ok {
		return id
	}
	return kind
}

// invalid is a ValidationError of the calculator holding ps.
func invalid(ps ...engine.Problem) error {
	ve := engine.NewValidation(messages.CalcInvalidRequest)
	for _, p := range ps {
		ve.Add(p)
	}
	return ve
}

// problems collects validation problems.
type problems struct{ ve engine.ValidationError }

// add records a problem of field whose message is id with name/value pairs.
func (p *problems) add(field string, id messages.ID, kv ...any) {
	p.ve.Add(engine.Catalogued(field, "", id, kv...))
}

// oneOf records that field holds got where it takes one of allowed.
func (p *problems) oneOf(field, got string, allowed ...string) {
	p.add(field, messages.CalcOneOf, "allowed", allowed, "got", got)
}

func (p *problems) err() error {
	if p.ve.Total == 0 {
		return nil
	}
	ve := p.ve
	s := engine.NewValidation(messages.CalcInvalidRequest)
	ve.Summary, ve.SummaryID = s.Summary, s.SummaryID
	return &ve
}

// fromStat converts an error from package statistics into a ValidationError (nil stays nil).
func fromStat(field string, err error) error {
	if err == nil {
		return nil
	}
	return invalid(problemOf(field, err))
}

// problemOf locates an error from package statistics in the request: a *statistics.CellError
// names the row and column of field.
func problemOf(field string, err error) engine.Problem {
	var ce *statistics.CellError
	if errors.As(err, &ce) {
		f := field
		switch {
		case ce.Row >= 0 && ce.Col >= 0:
			f = fmt.Sprintf("%s[%d][%d]", field, ce.Row, ce.Col)
		case ce.Col >= 0:
			f = fmt.Sprintf("%s[*][%d]", field, ce.Col)
		case ce.Row >= 0:
			f = fmt.Sprintf("%s[%d]", field, ce.Row)
		}
		if errors.Is(err, statistics.ErrNotReciprocal) {
			return engine.Catalogued(f, "", messages.CalcNotReciprocal, "error", statReason(ce.Err))
		}
		return engine.Catalogued(f, "", messages.CalcStatistics, "error", statReason(ce.Err))
	}
	return engine.Catalogued(field, "", messages.CalcStatistics, "error", statReason(err))
}

// statReason is an error of package statistics as the {error} of calc.statistics and
// calc.not_reciprocal: a message of the catalogue (engine.StatMessage), rendered in the reader's
// language.
func statReason(err error) any { return engine.StatMessage(err) }

// Number is a float64 in a response; it encodes NaN and ±Inf as null (JSON has no such values)
// and every finite value exactly as encoding/json formats a float64.
type Number float64

// MarshalJSON writes a finite value as encoding/json does and NaN or ±Inf as null.
func (n Number) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

func nan() float64 { return math.NaN() }

func nums(x []float64) []Number {
	if x == nil {
		return nil
	}
	out := make([]Number, len(x))
	for i, v := range x {
		out[i] = Number(v)
	}
	return out
}

func numMatrix(rows [][]float64) [][]Number {
	out := make([][]Number, len(rows))
	for i, r := range rows {
		out[i] = nums(r)
	}
	return out
}
