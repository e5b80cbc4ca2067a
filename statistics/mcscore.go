package statistics

// mcScores sets s_b = offset + Σ_j g_bj·x_j for the m samples of a batch (s is m × units, g is
// m × nInd, xt is nInd × units, x_j its row j). Every element is the offset plus the products
// added in indicator order j = 0, 1, …, each product rounded before its addition (no fused
// multiply–add), which is what gonum's floats.AddScaled did one row at a time: the AVX-512 and
// AVX2 kernels (mcscore_amd64.s) and mcScoresGeneric give bit-identical scores, the kernels only
// keep 4 samples × 16 units (AVX-512), then × 8 and × 4 (AVX2), in registers while they walk the
// rows, so each row of xt is loaded once per batch and each score stored once.
func mcScores(s, xt, g, offset []float64, m, units, nInd int) {
	done := 0
	if m == mcBatch && nInd > 0 && useMCScoreAsm {
		done = units &^ 3
		if done > 0 {
			_ = s[mcBatch*units-1]
			_ = g[mcBatch*nInd-1]
			_ = xt[nInd*units-1]
			_ = offset[units-1]
			lo := 0
			if useMCScoreAVX512 {
				lo = units &^ 15
				if lo > 0 {
					mcScore4x16(&s[0], &xt[0], &g[0], &offset[0], units, lo, nInd)
				}
			}
			if lo < done {
				mcScore4x8(&s[lo], &xt[lo], &g[0], &offset[lo], units, done-lo, nInd)
			}
		}
	}
	mcScoresGeneric(s, xt, g, offset, m, units, nInd, done)
}

// mcScoresGeneric is the portable path for units lo… of the batch. The explicit float64
// conversion of each product forbids fusing it with the addition (The Go Programming Language
// Specification, "Floating-point operators"), on every architecture.
func mcScoresGeneric(s, xt, g, offset []float64, m, units, nInd, lo int) {
	if lo >= units {
		return
	}
	for b := 0; b < m; b++ {
		sb := s[b*units+lo : (b+1)*units]
		copy(sb, offset[lo:units])
		gb := g[b*nInd : (b+1)*nInd]
		for j, w := range gb {
			row := xt[j*units+lo : (j+1)*units]
			row = row[:len(sb)]
			for i, x := range row {
				sb[i] += float64(w * x)
			}
		}
	}
}

// MonteCarloScoreKernel names the score kernel MonteCarlo uses on this CPU — "AVX-512" (with
// AVX2 for the last units), "AVX2" or "portable" — for benchmark reports; all three give the
// same bits.
func MonteCarloScoreKernel() string {
	switch {
	case useMCScoreAsm && useMCScoreAVX512:
		return "AVX-512"
	case useMCScoreAsm:
		return "AVX2"
	}
	return "portable"
}
