// Command montecarlo times statistics.MonteCarlo on the benchmark workload of issue 4: 300 units
// × 120 indicators in a 4 × 5 × 6 weight tree, Dirichlet perturbation (concentration 100) at
// every level, three grade bands. It is the Go side of bench/montecarlo.sh; the NumPy side is
// bench/reference/montecarlo.py.
//
// Usage: go run ./bench/montecarlo [-samples 100000] [-seed 1]
package main

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"time"

	"gonum.org/v1/gonum/mat"

	"evalbench/statistics"
)

func main() {
	samples := flag.Int("samples", 100000, "weight samples")
	seed := flag.Uint64("seed", 1, "seed")
	flag.Parse()
	x, tree := problem(300, 4, 5, 6, 42)
	opts := statistics.MonteCarloOptions{
		Samples: *samples, Seed: *seed,
		Perturbation: statistics.Perturbation{Kind: statistics.Dirichlet, Concentration: 100},
		Bands:        []float64{60, 75, 90},
	}
	start := time.Now()
	r, err := statistics.MonteCarlo(x, tree, opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	dt := time.Since(start)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	u := r.Units[0]
	fmt.Printf("evalbench (Go %s, GOMAXPROCS %d, %s score kernel): %d samples, 300 units x 120 indicators: %.3f s, heap in use %.1f MiB, total allocated %.1f MiB\n",
		runtime.Version(), runtime.GOMAXPROCS(0), statistics.MonteCarloScoreKernel(), *samples, dt.Seconds(), float64(ms.HeapInuse)/(1<<20), float64(ms.TotalAlloc)/(1<<20))
	fmt.Printf("  unit 0: mean %.3f p5 %.3f p50 %.3f p95 %.3f median rank %d\n", u.Mean, u.P5, u.P50, u.P95, u.MedianRank)
}

// problem builds the score matrix and tree exactly as statistics' BenchmarkMonteCarlo does.
func problem(units, top, mid, leaf int, seed uint64) (*mat.Dense, *statistics.Tree) {
	rng := rand.New(rand.NewPCG(seed, 7))
	n := top * mid * leaf
	x := mat.NewDense(units, n, nil)
	for i := 0; i < units; i++ {
		q := rng.Float64() * 30
		for j := 0; j < n; j++ {
			x.Set(i, j, math.Min(100, 40+q+rng.Float64()*30))
		}
	}
	weights := func(k int) []float64 {
		w := make([]float64, k)
		var s float64
		for i := range w {
			w[i] = 1 + float64(i%3)
			s += w[i]
		}
		for i := range w {
			w[i] /= s
		}
		return w
	}
	root := &statistics.Tree{Name: "root"}
	col := 0
	for a, wa := range weights(top) {
		ta := &statistics.Tree{Name: fmt.Sprint(a), Weight: wa}
		for b, wb := range weights(mid) {
			tb := &statistics.Tree{Name: fmt.Sprint(b), Weight: wb}
			for _, wc := range weights(leaf) {
				tb.Children = append(tb.Children, &statistics.Tree{Weight: wc, Indicator: col})
				col++
			}
			ta.Children = append(ta.Children, tb)
		}
		root.Children = append(root.Children, ta)
	}
	return x, root
}
