package statistics

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"
)

// SobolOptions configures Sobol.
type SobolOptions struct {
	// N is the number of base samples; the model is evaluated N·(k + 2) times.
	N int
	// Seed seeds the PCG generator that draws the A and B matrices.
	Seed uint64
	// Resamples is the number of bootstrap resamples for the intervals (0: no intervals).
	Resamples int
	// Level is the confidence level of the bootstrap intervals (default 0.95).
	Level float64
}

// SobolIndex holds the first-order and total indices of one factor for one output, with their
// bootstrap percentile intervals (NaN when no resamples were asked for).
type SobolIndex struct {
	First, FirstLo, FirstHi float64
	Total, TotalLo, TotalHi float64
}

// SobolResult holds the indices of every output (row) and factor (column).
type SobolResult struct {
	// Indices[o][i] is factor i's indices for output o. An output that does not vary has NaN
	// indices (undefined).
	Indices [][]SobolIndex
	// Variance[o] is the variance of output o over the 2N samples of A and B.
	Variance []float64
	// Evaluations is the number of model calls, N·(k + 2).
	Evaluations int
}

// Sobol estimates variance-based first-order and total sensitivity indices of a model with k
// independent factors and d outputs. Factors are uniform on [0, 1): model(y, u) receives u (length
// k) and fills y (length d); it maps each u_i to its factor's distribution itself (by an inverse
// CDF, or ⌊u_i·L⌋ for a choice among L options). The design is Saltelli's (2010): two independent
// N × k matrices A and B drawn from PCG(seed, 0x5851f42d4c957f2d) (A row by row, then B), and for
// each factor i the matrix A_B^(i), A with column i taken from B. With f_A, f_B, f_ABi the outputs,
//
//	V    = variance of the 2N values f_A, f_B (divisor 2N)
//	S_i  = (1/N) Σ_j f_B,j (f_ABi,j − f_A,j) / V                  (Saltelli et al. 2010, Table 2 (b))
//	ST_i = (1/(2N)) Σ_j (f_A,j − f_ABi,j)² / V                   (Jansen 1999; Saltelli et al. 2010, Table 2 (f))
//
// (Saltelli, Annoni, Azzini, Campolongo, Ratto & Tarantola 2010, "Variance based sensitivity
// analysis of model output. Design and estimator for the total sensitivity index", Computer Physics
// Communications 181, 259–270; Jansen 1999, Computer Physics Communications 117, 35–43). The
// bootstrap intervals resample the N rows (the same rows for every matrix) with replacement,
// Resamples times, from PCG(seed, 0x9e3779b97f4a7c15), and take the percentile interval of the
// re-estimated indices (type-7 quantiles, as BootstrapPercentile). Estimates can fall slightly
// outside [0, 1] by sampling error; they are reported as computed. A model output that is not
// finite returns ErrNonFinite. k < 1, d < 1, N < 2 or a level outside (0, 1) panics.
func Sobol(k, d int, model func(y, u []float64), opts SobolOptions) (*SobolResult, error) {
	if k < 1 || d < 1 || opts.N < 2 || opts.Resamples < 0 {
		panic("statistics: Sobol needs k ≥ 1 factors, d ≥ 1 outputs, N ≥ 2 samples and Resamples ≥ 0")
	}
	level := opts.Level
	if level == 0 {
		level = 0.95
	}
	if !(level > 0 && level < 1) {
		panic("statistics: Sobol level outside (0, 1)")
	}
	n := opts.N
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5851f42d4c957f2d))
	a := make([]float64, n*k)
	b := make([]float64, n*k)
	for i := range a {
		a[i] = rng.Float64()
	}
	for i := range b {
		b[i] = rng.Float64()
	}
	// f[m] holds the outputs of matrix m (0: A, 1: B, 2 + i: A_B^(i)), n rows × d.
	f := make([][]float64, k+2)
	u := make([]float64, k)
	for m := range f {
		f[m] = make([]float64, n*d)
		for j := 0; j < n; j++ {
			switch m {
			case 0:
				copy(u, a[j*k:(j+1)*k])
			case 1:
				copy(u, b[j*k:(j+1)*k])
			default:
				copy(u, a[j*k:(j+1)*k])
				u[m-2] = b[j*k+m-2]
			}
			y := f[m][j*d : (j+1)*d]
			model(y, u)
			if err := checkFinite(y); err != nil {
				return nil, err
			}
		}
	}
	// Estimates read one output over all rows: transpose each matrix's outputs to output-major
	// (o·N + j) so that those reads are contiguous.
	for m := range f {
		t := make([]float64, n*d)
		for j := 0; j < n; j++ {
			for o := 0; o < d; o++ {
				t[o*n+j] = f[m][j*d+o]
			}
		}
		f[m] = t
	}
	res := &SobolResult{Indices: make([][]SobolIndex, d), Variance: make([]float64, d), Evaluations: n * (k + 2)}
	rows := make([]int, n)
	for j := range rows {
		rows[j] = j
	}
	first := make([]float64, k)
	total := make([]float64, k)
	for o := 0; o < d; o++ {
		res.Variance[o] = sobolEstimate(f, rows, n, o, first, total)
		res.Indices[o] = make([]SobolIndex, k)
		for i := 0; i < k; i++ {
			res.Indices[o][i] = SobolIndex{First: first[i], Total: total[i],
				FirstLo: math.NaN(), FirstHi: math.NaN(), TotalLo: math.NaN(), TotalHi: math.NaN()}
		}
	}
	if opts.Resamples == 0 {
		return res, nil
	}
	brng := rand.New(rand.NewPCG(opts.Seed, 0x9e3779b97f4a7c15))
	reps := opts.Resamples
	firstRep := make([]float64, d*k*reps)
	totalRep := make([]float64, d*k*reps)
	// The resampled rows are drawn in order from one generator, then the resamples are estimated
	// on up to GOMAXPROCS goroutines; each writes only its own resamples' slots, and each estimate
	// is the same sequence of operations as on one goroutine, so the result does not depend on
	// the number of goroutines.
	draws := make([]int, reps*n)
	for i := range draws {
		draws[i] = brng.IntN(n)
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), reps))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			first, total := make([]float64, k), make([]float64, k)
			for r := w; r < reps; r += workers {
				rows := draws[r*n : (r+1)*n]
				for o := 0; o < d; o++ {
					sobolEstimate(f, rows, n, o, first, total)
					for i := 0; i < k; i++ {
						firstRep[(o*k+i)*reps+r] = first[i]
						totalRep[(o*k+i)*reps+r] = total[i]
					}
				}
			}
		}(w)
	}
	wg.Wait()
	lo, hi := (1-level)/2, (1+level)/2
	for o := 0; o < d; o++ {
		for i := 0; i < k; i++ {
			if math.IsNaN(res.Indices[o][i].First) {
				continue
			}
			fr := firstRep[(o*k+i)*reps : (o*k+i+1)*reps]
			tr := totalRep[(o*k+i)*reps : (o*k+i+1)*reps]
			sortNaNLast(fr)
			sortNaNLast(tr)
			ix := &res.Indices[o][i]
			ix.FirstLo, ix.FirstHi = quantileSorted(lo, fr), quantileSorted(hi, fr)
			ix.TotalLo, ix.TotalHi = quantileSorted(lo, tr), quantileSorted(hi, tr)
		}
	}
	return res, nil
}

// sobolEstimate fills first and total with the estimates for output o over the given rows of the
// design and returns the variance; when the variance is 0 the indices are NaN. f holds each
// matrix's outputs output-major: output o of row j at o·rowsN + j.
func sobolEstimate(f [][]float64, rows []int, rowsN, o int, first, total []float64) float64 {
	n := float64(len(rows))
	fA, fB := f[0][o*rowsN:(o+1)*rowsN], f[1][o*rowsN:(o+1)*rowsN]
	var mean float64
	for _, j := range rows {
		mean += fA[j] + fB[j]
	}
	mean /= 2 * n
	var v float64
	for _, j := range rows {
		da, db := fA[j]-mean, fB[j]-mean
		v += da*da + db*db
	}
	v /= 2 * n
	for i := range first {
		var s, t float64
		fAB := f[2+i][o*rowsN : (o+1)*rowsN]
		for _, j := range rows {
			fa, fb, fab := fA[j], fB[j], fAB[j]
			s += fb * (fab - fa)
			t += (fa - fab) * (fa - fab)
		}
		if v == 0 {
			first[i], total[i] = math.NaN(), math.NaN()
			continue
		}
		first[i] = s / n / v
		total[i] = t / (2 * n) / v
	}
	return v
}

// sortNaNLast sorts x ascending; a resample whose variance is 0 yields NaN, which sorts last
// (and so can only affect the upper bound when more than (1 − level)/2 of resamples are
// degenerate).
func sortNaNLast(x []float64) {
	sort.Slice(x, func(a, b int) bool {
		if math.IsNaN(x[b]) {
			return !math.IsNaN(x[a])
		}
		return x[a] < x[b]
	})
}
