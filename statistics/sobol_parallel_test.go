package statistics

import (
	"fmt"
	"runtime"
	"testing"
)

// The bootstrap runs on GOMAXPROCS goroutines; the result is the same on one, two or three (each
// estimate is the same sequence of operations on the same drawn rows): compared in full,
// intervals included, as printed bits.
func TestSobolBootstrapIndependentOfGoroutines(t *testing.T) {
	run := func(procs int) string {
		prev := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(prev)
		model := func(y, u []float64) {
			ishigami(7, 0.1)(y[:1], u)
			y[1] = u[0] + 2*u[1]*u[2]
		}
		r, err := Sobol(3, 2, model, SobolOptions{N: 512, Seed: 7, Resamples: 37})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%x %x", r.Indices, r.Variance)
	}
	one := run(1)
	for _, p := range []int{2, 3} {
		if got := run(p); got != one {
			t.Errorf("GOMAXPROCS %d differs from 1:\n%s\n%s", p, got, one)
		}
	}
}
