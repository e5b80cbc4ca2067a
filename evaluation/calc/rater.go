package calc

import (
	"encoding/json"

	"evalbench/messages"
	"evalbench/statistics"
)

// ICCRequest is the body of "icc": rows are targets, columns raters.
type ICCRequest struct {
	Ratings [][]*float64 `json:"ratings"`
	// Alpha for the 1 − alpha confidence intervals, default 0.05.
	Alpha *float64 `json:"alpha,omitempty"`
}

// ICCEstimateJSON is one intraclass correlation.
type ICCEstimateJSON struct {
	Value Number `json:"value"`
	Lower Number `json:"lower"`
	Upper Number `json:"upper"`
	F     Number `json:"f"`
	DF1   Number `json:"df1"`
	DF2   Number `json:"df2"`
	P     Number `json:"p"`
}

// ICCResponse holds the six ICCs of Shrout & Fleiss (1979).
type ICCResponse struct {
	ICC1  ICCEstimateJSON `json:"ICC1"`
	ICC2  ICCEstimateJSON `json:"ICC2"`
	ICC3  ICCEstimateJSON `json:"ICC3"`
	ICC1k ICCEstimateJSON `json:"ICC1k"`
	ICC2k ICCEstimateJSON `json:"ICC2k"`
	ICC3k ICCEstimateJSON `json:"ICC3k"`
	N     int             `json:"n"`
	K     int             `json:"k"`
}

func iccJSON(e statistics.ICCEstimate) ICCEstimateJSON {
	return ICCEstimateJSON{Value: Number(e.Value), Lower: Number(e.Lower), Upper: Number(e.Upper), F: Number(e.F), DF1: Number(e.DF1), DF2: Number(e.DF2), P: Number(e.P)}
}

func runICC(dec *json.Decoder) (any, error) {
	var req ICCRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	m := p.matrix("ratings", req.Ratings, matrixSpec{minRows: 2, minCols: 2})
	alpha := 0.05
	if req.Alpha != nil {
		alpha = *req.Alpha
		if !(alpha > 0 && alpha < 1) {
			p.add("alpha", messages.CalcInterval, "interval", "(0, 1)")
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	r, err := statistics.ICC(m, alpha)
	if err != nil {
		return nil, fromStat("ratings", err)
	}
	return ICCResponse{ICC1: iccJSON(r.ICC1), ICC2: iccJSON(r.ICC2), ICC3: iccJSON(r.ICC3), ICC1k: iccJSON(r.ICC1k), ICC2k: iccJSON(r.ICC2k), ICC3k: iccJSON(r.ICC3k), N: r.N, K: r.K}, nil
}

// ScoresRequest is the body of "alpha" (rows respondents, columns items) and "kendall-w" (rows
// raters, columns objects; each row is ranked, ties averaged).
type ScoresRequest struct {
	Scores [][]*float64 `json:"scores"`
}

// AlphaResponse is the result of "alpha"; AlphaIfDeleted is null for two items.
type AlphaResponse struct {
	Alpha          Number   `json:"alpha"`
	AlphaIfDeleted []Number `json:"alpha_if_deleted"`
}

func runAlpha(dec *json.Decoder) (any, error) {
	var req ScoresRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	m := p.matrix("scores", req.Scores, matrixSpec{minRows: 2, minCols: 2})
	if err := p.err(); err != nil {
		return nil, err
	}
	a, del, err := statistics.CronbachAlpha(m)
	if err != nil {
		return nil, fromStat("scores", err)
	}
	return AlphaResponse{Alpha: Number(a), AlphaIfDeleted: nums(del)}, nil
}

// KendallWResponse is the result of "kendall-w".
type KendallWResponse struct {
	W            Number   `json:"w"`
	WUncorrected Number   `json:"w_uncorrected"`
	Chi2         Number   `json:"chi2"`
	DF           int      `json:"df"`
	P            Number   `json:"p"`
	RankSums     []Number `json:"rank_sums"`
}

func runKendallW(dec *json.Decoder) (any, error) {
	var req ScoresRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	m := p.matrix("scores", req.Scores, matrixSpec{minRows: 2, minCols: 2})
	if err := p.err(); err != nil {
		return nil, err
	}
	r, err := statistics.KendallW(m)
	if err != nil {
		return nil, fromStat("scores", err)
	}
	return KendallWResponse{W: Number(r.W), WUncorrected: Number(r.WUncorrected), Chi2: Number(r.ChiSquare), DF: r.DF, P: Number(r.P), RankSums: nums(r.RankSums)}, nil
}

// DescriptiveRequest is the body of "descriptive".
type DescriptiveRequest struct {
	Values []*float64 `json:"values"`
	// Trim k drops the k highest and k lowest values for the trimmed mean (default 0).
	Trim int `json:"trim,omitempty"`
}

// DescriptiveResponse is the result of "descriptive"; SD is the sample standard deviation
// (null for one value).
type DescriptiveResponse struct {
	N           int    `json:"n"`
	Mean        Number `json:"mean"`
	Median      Number `json:"median"`
	TrimmedMean Number `json:"trimmed_mean"`
	SD          Number `json:"sd"`
	Min         Number `json:"min"`
	Max         Number `json:"max"`
}

func runDescriptive(dec *json.Decoder) (any, error) {
	var req DescriptiveRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	x := p.vector("values", req.Values, -1)
	if req.Trim < 0 || (x != nil && 2*req.Trim >= len(x)) {
		p.add("trim", messages.CalcTrim)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	tm, err := statistics.TrimmedMean(x, req.Trim)
	if err != nil {
		return nil, fromStat("trim", err)
	}
	lo, hi := x[0], x[0]
	for _, v := range x {
		lo, hi = min(lo, v), max(hi, v)
	}
	sd := Number(nan())
	if len(x) > 1 {
		sd = Number(statistics.StdDev(x))
	}
	return DescriptiveResponse{N: len(x), Mean: Number(statistics.Mean(x)), Median: Number(statistics.Median(x)), TrimmedMean: Number(tm), SD: sd, Min: Number(lo), Max: Number(hi)}, nil
}

// BootstrapRequest is the body of "bootstrap".
type BootstrapRequest struct {
	Values []*float64 `json:"values"`
	// Statistic is "mean" (default), "median" or "trimmed-mean" (with Trim).
	Statistic string `json:"statistic,omitempty"`
	Trim      int    `json:"trim,omitempty"`
	// Resamples, default 2000.
	Resamples int `json:"resamples,omitempty"`
	// Level, default 0.95.
	Level *float64 `json:"level,omitempty"`
	Seed  uint64   `json:"seed"`
}

// BootstrapResponse is the statistic and its percentile interval.
type BootstrapResponse struct {
	Estimate  Number `json:"estimate"`
	Lower     Number `json:"lower"`
	Upper     Number `json:"upper"`
	Resamples int    `json:"resamples"`
	Level     Number `json:"level"`
}

func runBootstrap(dec *json.Decoder) (any, error) {
	var req BootstrapRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	x := p.vector("values", req.Values, -1)
	var stat func([]float64) float64
	switch req.Statistic {
	case "", "mean":
		stat = statistics.Mean
	case "median":
		stat = statistics.Median
	case "trimmed-mean":
		if req.Trim < 0 || (x != nil && 2*req.Trim >= len(x)) {
			p.add("trim", messages.CalcTrim)
		}
		k := req.Trim
		stat = func(v []float64) float64 { m, _ := statistics.TrimmedMean(v, k); return m }
	default:
		p.oneOf("statistic", req.Statistic, "mean", "median", "trimmed-mean")
	}
	b := req.Resamples
	if b == 0 {
		b = 2000
	}
	if b < 1 || b > MaxSamples {
		p.add("resamples", messages.CalcBetween, "min", 1, "max", MaxSamples)
	}
	level := 0.95
	if req.Level != nil {
		level = *req.Level
		if !(level > 0 && level < 1) {
			p.add("level", messages.CalcInterval, "interval", "(0, 1)")
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	est, lo, hi, err := statistics.BootstrapPercentile(x, stat, b, level, req.Seed)
	if err != nil {
		return nil, fromStat("values", err)
	}
	return BootstrapResponse{Estimate: Number(est), Lower: Number(lo), Upper: Number(hi), Resamples: b, Level: Number(level)}, nil
}
