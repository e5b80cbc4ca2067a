package statistics

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// mcRankSorted is the reference ranking: positions stably sorted by descending key (ties keep
// position order).
func mcRankSorted(key []float64) []int32 {
	idx := make([]int32, len(key))
	for k := range idx {
		idx[k] = int32(k)
	}
	slices.SortStableFunc(idx, func(x, y int32) int {
		switch {
		case key[x] > key[y]:
			return -1
		case key[x] < key[y]:
			return 1
		}
		return 0
	})
	return idx
}

// TestMCRankerMatchesSort checks mcRanker.order against a stable sort on random keys with many
// ties: near-sorted and shuffled, integer keys on a few levels, all equal, one far-off key (so one
// bucket holds nearly all and the budget fallback runs), negative keys and signed zeros.
func TestMCRankerMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 15))
	r := newMCRanker(400)
	trials := 20000
	if raceEnabled {
		trials = 2000
	}
	for trial := 0; trial < trials; trial++ {
		n := 1 + rng.IntN(400)
		key := make([]float64, n)
		switch trial % 8 {
		case 0: // near descending, as MonteCarlo's keys are
			for k := range key {
				key[k] = 100 - float64(k)*0.1 + rng.NormFloat64()*0.3
			}
		case 1: // few levels: ties everywhere
			for k := range key {
				key[k] = float64(rng.IntN(4))
			}
		case 2: // all equal
			for k := range key {
				key[k] = 42
			}
		case 3: // one far-off key
			for k := range key {
				key[k] = 50 + rng.Float64()*1e-9
			}
			key[rng.IntN(n)] = -1e6
		case 4: // shuffled, negative
			for k := range key {
				key[k] = rng.NormFloat64() * 1e3
			}
		case 5: // signed zeros and ties at the extremes
			for k := range key {
				key[k] = []float64{0, math.Copysign(0, -1), 1, -1}[rng.IntN(4)]
			}
		case 6: // range narrower than the buckets can split
			for k := range key {
				key[k] = 1 + float64(rng.IntN(3))*math.SmallestNonzeroFloat64
			}
		case 7: // huge range
			for k := range key {
				key[k] = math.Ldexp(rng.NormFloat64(), rng.IntN(2000)-1000)
			}
		}
		r.order(key)
		if want := mcRankSorted(key); !slices.Equal(r.idx[:n], want) {
			t.Fatalf("trial %d (case %d, n %d): order %v, want %v", trial, trial%8, n, r.idx[:n], want)
		}
	}
}

// mcRankInsertion is the ranking MonteCarlo used before mcRanker: an insertion sort from position
// order with the same budget and fallback.
func mcRankInsertion(key, wk []float64, idx []int32) {
	units := len(key)
	for k, v := range key {
		wk[k], idx[k] = v, int32(k)
	}
	budget := 16 * units
	for p := 1; p < units && budget >= 0; p++ {
		v, id := wk[p], idx[p]
		q := p
		for q > 0 && wk[q-1] < v {
			wk[q], idx[q] = wk[q-1], idx[q-1]
			q--
		}
		wk[q], idx[q] = v, id
		budget -= p - q
	}
	if budget < 0 {
		copy(idx, mcRankSorted(key))
	}
}

// mcBenchKeys returns n samples of MonteCarlo's benchmark workload's scores in base order.
func mcBenchKeys(n int) [][]float64 {
	x, tree := benchProblem(300, 4, 5, 6, 42)
	units, nInd := x.Dims()
	ft := flatten(tree)
	local := make([]float64, len(ft.parent))
	glob := make([]float64, len(ft.parent))
	g := make([]float64, nInd)
	base := WeightedArithmetic(nil, x, tree.GlobalWeights(nil))
	ord := mcRankSorted(base)
	rng := rand.New(rand.NewPCG(1, 2))
	keys := make([][]float64, n)
	for i := range keys {
		ft.sampleWeights(rng, Perturbation{Kind: Dirichlet, Concentration: 100}, local, glob, g)
		sc := WeightedArithmetic(nil, x, g)
		keys[i] = make([]float64, units)
		for k, u := range ord {
			keys[i][k] = sc[u]
		}
	}
	return keys
}

// BenchmarkMCRank ranks one sample of the 300-unit workload: the bucket ranking against the
// former insertion sort.
func BenchmarkMCRank(b *testing.B) {
	keys := mcBenchKeys(256)
	b.Run("buckets", func(b *testing.B) {
		r := newMCRanker(300)
		i := 0
		for b.Loop() {
			r.order(keys[i&255])
			i++
		}
	})
	b.Run("insertion", func(b *testing.B) {
		wk, idx := make([]float64, 300), make([]int32, 300)
		i := 0
		for b.Loop() {
			mcRankInsertion(keys[i&255], wk, idx)
			i++
		}
	})
}
