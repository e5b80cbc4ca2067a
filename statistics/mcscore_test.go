package statistics

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats"
)

// mcScoresAXPY is the score loop MonteCarlo used before the kernel: gonum's floats.AddScaled
// (y += αx) one indicator row at a time.
func mcScoresAXPY(s, xt, g, offset []float64, m, units, nInd int) {
	for b := 0; b < m; b++ {
		sb := s[b*units : (b+1)*units]
		copy(sb, offset)
		for j, w := range g[b*nInd : (b+1)*nInd] {
			floats.AddScaled(sb, w, xt[j*units:(j+1)*units])
		}
	}
}

// TestMCScoresBitIdentical compares the score kernel (AVX-512 and AVX2 where the CPU has them, and
// AVX2 alone), the portable
// loop and the former AddScaled loop bit for bit on random batches, including unit counts that
// are not multiples of 8, partial batches and extreme magnitudes.
func TestMCScoresBitIdentical(t *testing.T) {
	t.Logf("AVX2 kernel in use: %v, AVX-512 kernel: %v", useMCScoreAsm, useMCScoreAVX512)
	rng := rand.New(rand.NewPCG(15, 4))
	for trial := 0; trial < 400; trial++ {
		units := 1 + rng.IntN(70)
		if trial%10 == 0 {
			units = 300
		}
		nInd := 1 + rng.IntN(130)
		m := mcBatch
		if trial%7 == 3 {
			m = 1 + rng.IntN(mcBatch)
		}
		xt := make([]float64, nInd*units)
		for i := range xt {
			xt[i] = rng.Float64() * 100
			if trial%5 == 1 {
				xt[i] = math.Ldexp(rng.NormFloat64(), rng.IntN(200)-100)
			}
		}
		g := make([]float64, mcBatch*nInd)
		for i := range g {
			g[i] = rng.Float64() / float64(nInd)
			if trial%5 == 2 {
				g[i] = math.Ldexp(rng.NormFloat64(), rng.IntN(100)-50)
			}
		}
		offset := make([]float64, units)
		for i := range offset {
			offset[i] = rng.NormFloat64() * 3
		}
		got := make([]float64, mcBatch*units)
		generic := make([]float64, mcBatch*units)
		avx2 := make([]float64, mcBatch*units)
		axpy := make([]float64, mcBatch*units)
		mcScores(got, xt, g, offset, m, units, nInd)
		saved := useMCScoreAVX512
		useMCScoreAVX512 = false
		mcScores(avx2, xt, g, offset, m, units, nInd)
		useMCScoreAVX512 = saved
		mcScoresGeneric(generic, xt, g, offset, m, units, nInd, 0)
		mcScoresAXPY(axpy, xt, g, offset, m, units, nInd)
		for i := 0; i < m*units; i++ {
			if math.Float64bits(got[i]) != math.Float64bits(generic[i]) || math.Float64bits(got[i]) != math.Float64bits(axpy[i]) || math.Float64bits(avx2[i]) != math.Float64bits(axpy[i]) {
				t.Fatalf("trial %d (units %d, indicators %d, batch %d), sample %d unit %d: kernel %x, AVX2 only %x, portable %x, AddScaled %x",
					trial, units, nInd, m, i/units, i%units, math.Float64bits(got[i]), math.Float64bits(avx2[i]), math.Float64bits(generic[i]), math.Float64bits(axpy[i]))
			}
		}
	}
}

func BenchmarkMCScores(b *testing.B) {
	const units, nInd = 300, 120
	rng := rand.New(rand.NewPCG(1, 2))
	xt := make([]float64, nInd*units)
	for i := range xt {
		xt[i] = rng.Float64() * 100
	}
	g := make([]float64, mcBatch*nInd)
	for i := range g {
		g[i] = rng.Float64() / nInd
	}
	offset := make([]float64, units)
	s := make([]float64, mcBatch*units)
	b.Run("kernel", func(b *testing.B) {
		for b.Loop() {
			mcScores(s, xt, g, offset, mcBatch, units, nInd)
		}
	})
	b.Run("portable", func(b *testing.B) {
		for b.Loop() {
			mcScoresGeneric(s, xt, g, offset, mcBatch, units, nInd, 0)
		}
	})
	b.Run("AddScaled", func(b *testing.B) {
		for b.Loop() {
			mcScoresAXPY(s, xt, g, offset, mcBatch, units, nInd)
		}
	})
}
