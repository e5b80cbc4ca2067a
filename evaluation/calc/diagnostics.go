package calc

import (
	"encoding/json"
	"errors"
	"math"

	"gonum.org/v1/gonum/mat"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/statistics"
)

// DiagnosticsRequest is the body of "diagnostics": indicator data (units × indicators, null =
// missing) checked before aggregation.
type DiagnosticsRequest struct {
	Matrix [][]*float64 `json:"matrix"`
	// Groups lists the 0-based columns of each dimension, for α and the correlation flags
	// (default: one group of all columns).
	Groups [][]int `json:"groups,omitempty"`
	// Outlier rule: |skew| ≥ skew and kurtosis ≥ kurt (defaults 2 and 3.5), winsorising at most
	// winsor_max points (default 5) before the log transform.
	Skew      *float64 `json:"skew,omitempty"`
	Kurt      *float64 `json:"kurt,omitempty"`
	WinsorMax *int     `json:"winsor_max,omitempty"`
	// Correlation flags within a group: above collinear (default 0.9), below negative (−0.4).
	Collinear *float64 `json:"collinear,omitempty"`
	Negative  *float64 `json:"negative,omitempty"`
	// Availability is the share of indicators a unit needs (default 0.66).
	Availability *float64 `json:"availability,omitempty"`
}

// TreatedValueJSON is one value changed by the outlier treatment (unit = 0-based row).
type TreatedValueJSON struct {
	Unit     int    `json:"unit"`
	Original Number `json:"original"`
	Value    Number `json:"value"`
	Kind     string `json:"kind"`
}

// IndicatorDiagnosticsJSON describes one indicator (column) over its non-missing values.
type IndicatorDiagnosticsJSON struct {
	N          int                `json:"n"`
	Skew       Number             `json:"skew"`
	Kurt       Number             `json:"kurt"`
	Outliers   bool               `json:"outliers"`
	Winsorised int                `json:"winsorised"`
	Logged     bool               `json:"logged"`
	SkewAfter  Number             `json:"skew_after"`
	KurtAfter  Number             `json:"kurt_after"`
	Pass       bool               `json:"pass"`
	Treated    []TreatedValueJSON `json:"treated"`
	Note       string             `json:"note,omitempty"`
	// NoteMessage is Note as a message of the catalogue (Note is its English text, kept for
	// existing clients).
	NoteMessage *messages.Message `json:"note_message,omitempty"`
}

// CorrelationFlagJSON is a flagged pair within a group.
type CorrelationFlagJSON struct {
	Group int    `json:"group"`
	I     int    `json:"i"`
	J     int    `json:"j"`
	R     Number `json:"r"`
	Kind  string `json:"kind"`
}

// PCAJSON is the principal component analysis on the correlation matrix; loadings has one row per
// indicator and one column per component.
type PCAJSON struct {
	Eigenvalues []Number   `json:"eigenvalues"`
	Explained   []Number   `json:"explained"`
	Cumulative  []Number   `json:"cumulative"`
	Loadings    [][]Number `json:"loadings"`
}

// DiagnosticsResponse is the result of "diagnostics". Correlation, flags, alpha and PCA use the
// complete rows only (listwise deletion); complete_rows says how many.
type DiagnosticsResponse struct {
	Availability []Number                   `json:"availability"`
	Keep         []bool                     `json:"keep"`
	Indicators   []IndicatorDiagnosticsJSON `json:"indicators"`
	CompleteRows int                        `json:"complete_rows"`
	Correlation  [][]Number                 `json:"correlation,omitempty"`
	Flags        []CorrelationFlagJSON      `json:"flags"`
	Alpha        []Number                   `json:"alpha,omitempty"`
	PCA          *PCAJSON                   `json:"pca,omitempty"`
	Notes        []string                   `json:"notes,omitempty"`
	// NotesMessages are the Notes as messages of the catalogue, in the same order (Notes are
	// their English texts, kept for existing clients).
	NotesMessages []messages.Message `json:"notes_messages,omitempty"`
}

// note sets the indicator's note to message id with name/value pairs, and Note to its English.
func (d *IndicatorDiagnosticsJSON) note(id messages.ID, kv ...any) {
	m := messages.New(id, kv...)
	d.Note, d.NoteMessage = english(m), &m
}

// note appends message id with name/value pairs to the notes, and its English to Notes.
func (r *DiagnosticsResponse) note(id messages.ID, kv ...any) {
	m := messages.New(id, kv...)
	r.Notes, r.NotesMessages = append(r.Notes, english(m)), append(r.NotesMessages, m)
}

// english renders a message in English, for the fields that keep the English text.
func english(m messages.Message) string { return messages.For(messages.English).Render(m) }

// problemMessage is a problem of the request as a message of the catalogue.
func problemMessage(p engine.Problem) messages.Message {
	return messages.Message{ID: messages.ID(p.MessageID), Args: messages.Args(p.Args)}
}

func runDiagnostics(dec *json.Decoder) (any, error) {
	var req DiagnosticsRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	x := p.matrixWithMissing("matrix", req.Matrix)
	rule := statistics.DefaultOutlierRule
	// opt takes an option's value when ok accepts it, and otherwise records message id with the
	// value found.
	opt := func(field string, v *float64, dst *float64, ok func(float64) bool, id messages.ID, kv ...any) {
		if v == nil {
			return
		}
		if !ok(*v) {
			p.add(field, id, append(kv, "value", *v)...)
			return
		}
		*dst = *v
	}
	collinear, negative, avail := 0.9, -0.4, 0.66
	opt("skew", req.Skew, &rule.Skew, func(v float64) bool { return v > 0 && v < 1e6 }, messages.CalcPositiveGot)
	opt("kurt", req.Kurt, &rule.Kurt, func(v float64) bool { return v > -3 && v < 1e6 }, messages.CalcGreaterGot, "bound", "−3")
	opt("collinear", req.Collinear, &collinear, func(v float64) bool { return v >= -1 && v <= 1 }, messages.CalcIntervalGot, "interval", "[−1, 1]")
	opt("negative", req.Negative, &negative, func(v float64) bool { return v >= -1 && v <= 1 }, messages.CalcIntervalGot, "interval", "[−1, 1]")
	opt("availability", req.Availability, &avail, func(v float64) bool { return v >= 0 && v <= 1 }, messages.CalcIntervalGot, "interval", "[0, 1]")
	if req.WinsorMax != nil {
		if *req.WinsorMax < 0 {
			p.add("winsor_max", messages.CalcNotNegativeGot, "value", *req.WinsorMax)
		} else {
			rule.WinsorMax = *req.WinsorMax
		}
	}
	if x == nil {
		return nil, p.err()
	}
	r, c := x.Dims()
	groups := req.Groups
	if groups == nil {
		all := make([]int, c)
		for j := range all {
			all[j] = j
		}
		groups = [][]int{all}
	}
	seen := make(map[int]bool)
	for g, cols := range groups {
		for k, j := range cols {
			switch {
			case j < 0 || j >= c:
				p.add(fieldIdx2("groups", g, k), messages.CalcColumnOutside, "column", j, "max", c-1)
			case seen[j] && req.Groups != nil:
				p.add(fieldIdx2("groups", g, k), messages.CalcColumnTwice, "column", j)
			}
			seen[j] = true
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	out := DiagnosticsResponse{Flags: []CorrelationFlagJSON{}}
	a, keep := statistics.ScreenUnits(x, avail)
	out.Availability, out.Keep = nums(a), keep

	for j := 0; j < c; j++ {
		var vals []float64
		var rows []int
		for i := 0; i < r; i++ {
			if v := x.At(i, j); !math.IsNaN(v) {
				vals = append(vals, v)
				rows = append(rows, i)
			}
		}
		d := IndicatorDiagnosticsJSON{N: len(vals), Treated: []TreatedValueJSON{}, Skew: Number(nan()), Kurt: Number(nan()), SkewAfter: Number(nan()), KurtAfter: Number(nan())}
		t, err := statistics.TreatOutliers(vals, rule)
		switch {
		case errors.Is(err, statistics.ErrTooFew):
			d.note(messages.CalcNoteTooFew)
			d.Pass = true
		case errors.Is(err, statistics.ErrZeroVariance):
			d.note(messages.CalcNoteAllEqual)
			d.Pass = true
		case err != nil:
			return nil, fromStat(fieldIdx("matrix[*]", j), err)
		default:
			d.Skew, d.Kurt = Number(t.SkewBefore), Number(t.KurtBefore)
			d.Outliers = !(math.Abs(t.SkewBefore) < rule.Skew || t.KurtBefore < rule.Kurt)
			d.Winsorised, d.Logged, d.Pass = t.Winsorised, t.Logged, t.Pass
			d.SkewAfter, d.KurtAfter = Number(t.SkewAfter), Number(t.KurtAfter)
			for _, tv := range t.Treated {
				d.Treated = append(d.Treated, TreatedValueJSON{Unit: rows[tv.Index], Original: Number(tv.Original), Value: Number(tv.Value), Kind: tv.Kind})
			}
		}
		out.Indicators = append(out.Indicators, d)
	}

	var complete []int
	for i := 0; i < r; i++ {
		ok := true
		for j := 0; j < c; j++ {
			ok = ok && !math.IsNaN(x.At(i, j))
		}
		if ok {
			complete = append(complete, i)
		}
	}
	out.CompleteRows = len(complete)
	if len(complete) < 3 || c < 2 {
		out.note(messages.CalcNoteCorrelationRows)
		return out, nil
	}
	cm := mat.NewDense(len(complete), c, nil)
	for k, i := range complete {
		for j := 0; j < c; j++ {
			cm.Set(k, j, x.At(i, j))
		}
	}
	corr, err := statistics.CorrelationMatrix(nil, cm)
	if err != nil {
		pr := problemOf("matrix", err)
		out.note(messages.CalcNoteCorrelationSkipped, "field", pr.Field, "reason", problemMessage(pr))
		return out, nil
	}
	out.Correlation = numMatrix(rowsOf(mat.DenseCopyOf(corr)))
	for _, f := range statistics.CorrelationFlags(corr, groups, collinear, negative) {
		out.Flags = append(out.Flags, CorrelationFlagJSON{Group: f.Group, I: f.I, J: f.J, R: Number(f.R), Kind: f.Kind})
	}
	alpha, err := statistics.GroupAlpha(cm, groups)
	if err == nil {
		out.Alpha = nums(alpha)
	} else {
		out.note(messages.CalcNoteAlphaSkipped, "reason", problemMessage(problemOf("groups", err)))
	}
	pca, err := statistics.PCA(cm)
	if err != nil {
		return nil, fromStat("matrix", err)
	}
	out.PCA = &PCAJSON{Eigenvalues: nums(pca.Eigenvalues), Explained: nums(pca.Explained), Cumulative: nums(pca.Cumulative), Loadings: numMatrix(rowsOf(pca.Loadings))}
	return out, nil
}

// matrixWithMissing validates a rectangular matrix of finite numbers or nulls and returns it with
// NaN for null.
func (p *problems) matrixWithMissing(field string, rows [][]*float64) *mat.Dense {
	before := p.ve.Total
	if len(rows) == 0 || len(rows[0]) == 0 {
		p.add(field, messages.CalcNonEmptyRowsRequired)
		return nil
	}
	cols := len(rows[0])
	if len(rows)*cols > MaxCells {
		p.add(field, messages.CalcCellsLimit, "rows", len(rows), "cols", cols, "max", MaxCells)
		return nil
	}
	m := mat.NewDense(len(rows), cols, nil)
	for i, r := range rows {
		if len(r) != cols {
			p.add(fieldIdx(field, i), messages.CalcRagged, "count", len(r), "want", cols)
			continue
		}
		for j, v := range r {
			switch {
			case v == nil:
				m.Set(i, j, math.NaN())
			case math.IsNaN(*v) || math.IsInf(*v, 0):
				p.add(fieldIdx2(field, i, j), messages.IngestNotFinite)
			default:
				m.Set(i, j, *v)
			}
		}
	}
	if p.ve.Total > before {
		return nil
	}
	return m
}
