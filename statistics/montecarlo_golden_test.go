package statistics

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// mcGoldenCases are MonteCarlo problems covering every path of the sampler and the ranking:
// Dirichlet with a moderate, a heavy and a tiny concentration (log-space redraw), uniform
// perturbation, offsets (negative too), grade bands or none, unit counts that are and are not
// multiples of the score kernel's blocks, partial chunks and batches, one and several workers,
// and score matrices with many exact ties (identical rows, integer scores on a coarse scale).
func mcGoldenCases() []struct {
	name string
	x    *mat.Dense
	tree *Tree
	opts MonteCarloOptions
} {
	type mcCase = struct {
		name string
		x    *mat.Dense
		tree *Tree
		opts MonteCarloOptions
	}
	var cases []mcCase
	perts := []Perturbation{
		{Kind: Dirichlet, Concentration: 100},
		{Kind: Dirichlet, Concentration: 2},
		{Kind: Uniform, Fraction: 0.3},
	}
	for _, units := range []int{1, 2, 7, 30, 61, 300} {
		x, tree := benchProblem(units, 4, 5, 6, uint64(units))
		for pi, p := range perts {
			for _, withOffsets := range []bool{false, true} {
				opts := MonteCarloOptions{Samples: 2051, Seed: uint64(10*units + pi), Perturbation: p, Workers: 1 + units%3}
				if pi != 1 {
					opts.Bands = []float64{55, 60, 65, 90}
				}
				if withOffsets {
					rng := rand.New(rand.NewPCG(uint64(units), 11))
					opts.Offsets = make([]float64, units)
					for i := range opts.Offsets {
						opts.Offsets[i] = float64(rng.IntN(9)-4) * 0.5
					}
				}
				cases = append(cases, mcCase{fmt.Sprintf("units%d/pert%d/offsets%v", units, pi, withOffsets), x, tree, opts})
			}
		}
	}
	// Ties: 40 units on a 0/25/50/75/100 scale over 6 indicators, every fifth unit a copy of the
	// one before it, so equal scores occur in every sample and the base order decides.
	rng := rand.New(rand.NewPCG(3, 3))
	x := mat.NewDense(40, 6, nil)
	for i := 0; i < 40; i++ {
		for j := 0; j < 6; j++ {
			if i%5 == 4 {
				x.Set(i, j, x.At(i-1, j))
			} else {
				x.Set(i, j, float64(25*rng.IntN(5)))
			}
		}
	}
	flat := FlatTree([]float64{0.25, 0.25, 0.125, 0.125, 0.125, 0.125})
	for pi, p := range perts {
		cases = append(cases, mcCase{fmt.Sprintf("ties/pert%d", pi), x, flat, MonteCarloOptions{Samples: 3000, Seed: 5, Perturbation: p, Bands: []float64{50}, Workers: 2}})
	}
	// Unperturbed (uniform, p = 0): every sample is the base ranking, all ties kept in base order.
	cases = append(cases, mcCase{"ties/unperturbed", x, flat, MonteCarloOptions{Samples: 1500, Seed: 5, Perturbation: Perturbation{Kind: Uniform}}})
	small, stree := benchProblem(5, 2, 2, 2, 3)
	cases = append(cases, mcCase{"tiny-concentration", small, stree, MonteCarloOptions{Samples: 2000, Seed: 4, Perturbation: Perturbation{Kind: Dirichlet, Concentration: 1e-3}}})
	return cases
}

// TestMonteCarloGolden pins MonteCarlo's complete results (every field, printed with %#v, which
// prints each float64 exactly enough to round-trip) to SHA-256 digests computed with the code at
// 7f7ebb2, before the issue 15 speed-ups of the sampler, the ranking and the accumulation: those
// changes must not move a single random number or a single bit of the output. Digests were
// produced with the AVX2 score kernel; the AVX-512 kernel and the portable path give the
// same bits (TestMCScoresBitIdentical), and the test checks all three.
func TestMonteCarloGolden(t *testing.T) {
	kernels := []struct {
		name        string
		asm, avx512 bool
	}{{"avx512", true, true}, {"avx2", true, false}, {"portable", false, false}}
	for _, k := range kernels {
		if (k.asm && !useMCScoreAsm) || (k.avx512 && !useMCScoreAVX512) {
			t.Logf("%s kernel not available on this CPU", k.name)
			continue
		}
		if raceEnabled && (k.asm != useMCScoreAsm || k.avx512 != useMCScoreAVX512) {
			// Under the race detector (ten times slower) only the kernel in use; the others give
			// the same bits (TestMCScoresBitIdentical) and are checked in runs without it.
			t.Logf("%s kernel skipped under the race detector", k.name)
			continue
		}
		t.Run(k.name, func(t *testing.T) {
			asm, avx512 := useMCScoreAsm, useMCScoreAVX512
			useMCScoreAsm, useMCScoreAVX512 = k.asm, k.avx512
			defer func() { useMCScoreAsm, useMCScoreAVX512 = asm, avx512 }()
			checkMonteCarloGolden(t)
		})
	}
}

func checkMonteCarloGolden(t *testing.T) {
	want := map[string]string{
		"units1/pert0/offsetsfalse":   "126e8f40dc1f8057d68c68d73a5bf5f7a268f727d30ae0f701078dfc60098848",
		"units1/pert0/offsetstrue":    "ad0e46ca4d4a16e54bcea2427b52baac8da7969952b57dd40118a6ccaf77cc5b",
		"units1/pert1/offsetsfalse":   "c685db3811a5822c8ff6afa58b6b14f8c7959ff3092694d128b986d9bdf52470",
		"units1/pert1/offsetstrue":    "4998627f9491f8b369f515452a2b1375c3753bfe62c5cee8e777c08d2e7d2407",
		"units1/pert2/offsetsfalse":   "edafc035b3abbf129e5517c7f5da53ec86a6c76ae91326d01ce0649164c87844",
		"units1/pert2/offsetstrue":    "10a737777818b6e147a639294d0028be52de551186532924394488edb4e9787b",
		"units2/pert0/offsetsfalse":   "71dec0f501ae7ab92ee18a4dc2ff9c2352616902439fe017f29202644bf86908",
		"units2/pert0/offsetstrue":    "72962120fb2fc0e75f0cb8b5f12a2a1b755ef8ffd18de18ff06fb4570650722f",
		"units2/pert1/offsetsfalse":   "1bcc666d7507ab114dac66f22119e9d4b88f614e82762556d11ce05b3ae55349",
		"units2/pert1/offsetstrue":    "be588e654521878e1b225a952f2f88fef0f7a33b862623a301ba39150c02b7f6",
		"units2/pert2/offsetsfalse":   "22270e3b6908d82727ec069a34466dfd4a109c075e08bf3499dea8c0c3f88b7a",
		"units2/pert2/offsetstrue":    "d1d314b334f28965aa1a5b5d9192f5794526fb9f0a53bf7c7d9cbe8b5dd3dcc9",
		"units7/pert0/offsetsfalse":   "34d5fc6ae2f63f2d24a0a321ff53b65af1ed4c3090a03d5dd6e192f8c6174b9d",
		"units7/pert0/offsetstrue":    "038da5831ad3f08004b8fe7a4f98cd590b77a166a99de1772ce37d8bf2ab90d1",
		"units7/pert1/offsetsfalse":   "5c93add579cd851ce61d2b801808ea8b54172206c3dc667d95a7d2fe99a476e1",
		"units7/pert1/offsetstrue":    "55c55fd4d46af89bd80807cef7f575397d3828a02f961452b25bb44b6831f323",
		"units7/pert2/offsetsfalse":   "6b0f88dc4bd1e2bf6c7f931d0044665b5738f2a5930998496e69eb34ca75dadd",
		"units7/pert2/offsetstrue":    "ad1e4010b244ce1ae3e77f030c3fa919002b29ad02a6bd19dfee3c45f67a33b2",
		"units30/pert0/offsetsfalse":  "ae5d49c4fa04ac1fc4b2109a80a731a3581beb7a1b14cf116d5782fddfdbba70",
		"units30/pert0/offsetstrue":   "f46f2b09189f0b0f7566790d053953423bc32beb29e8b073787397aa1914731d",
		"units30/pert1/offsetsfalse":  "4dc7f0d39a52824843733a458792b0154f1810c654f65e3bd157f9d72ec9abac",
		"units30/pert1/offsetstrue":   "a69d3d0aaca7ef47e02e630052282840ec26db86048967c5bdab2da80134d671",
		"units30/pert2/offsetsfalse":  "3e6574253f6068aee690185abd5eaa430c22a0875dbf68e09fbe4141f5f11605",
		"units30/pert2/offsetstrue":   "3e321534204a5a5331d039e11833a35a5d3fa91b033882a516c8c1a8e6660a7e",
		"units61/pert0/offsetsfalse":  "bdcc6a2cc4e7a79526b33cc3b8e1a2430a94509c07cad2a53a3fa1d6421aee19",
		"units61/pert0/offsetstrue":   "08176de069f75df9249a0d0ef93e3a035fb8b7812760265a2030453247d2361f",
		"units61/pert1/offsetsfalse":  "bcbae4336b74da0619642d64dbc1e5de81847c2b4d9b9590592e9241169409a8",
		"units61/pert1/offsetstrue":   "5e9fe7f5830c7b9b1f6b54daeddd6232466501ed3a1469073729ddbe661f31bf",
		"units61/pert2/offsetsfalse":  "8764d6aae69d02dbc98f47af027bcf372a9efce8416c037317c24a66b6cc206c",
		"units61/pert2/offsetstrue":   "fac6297dc37352383d6ca57ec0c03d9cf447bc0c848cac460552f14b8ecc52bb",
		"units300/pert0/offsetsfalse": "4d49755fcc8e424cde8f0d5bef7487773a963adcf9f93ba164fea02a335e159a",
		"units300/pert0/offsetstrue":  "b950bef2ed28ff8d02fdc76951e9661b833552c18048b852fe93fe49ece1b8f6",
		"units300/pert1/offsetsfalse": "dcb5724e6c946c7d871ec397d22918933aac0fad7ef21db3b68fe3ab6543b2a7",
		"units300/pert1/offsetstrue":  "724c40b02b3b90829920ff9b5ec224f6981f9217ab18543741924328bdf10bf3",
		"units300/pert2/offsetsfalse": "cf1a9ddefc1a4946793851c1fb7a813c1c852c909a3a10e64c0ea39b18d071b2",
		"units300/pert2/offsetstrue":  "c742b8f5acda583f611cda0f364f2d17e0f9f7bd917b0525a73be6166b18d5b5",
		"ties/pert0":                  "df0dd17d5cbd5a5c23bfcdef9e047ce85a3f846220956ff6c340a540263c117e",
		"ties/pert1":                  "00f06074927331f9c48544a2cfd292a4ab5cfa7fc377c5a7dee1c552d67478b4",
		"ties/pert2":                  "ec099dd91d79996a7b2f6940c04ce2fc46eaf2eefdb3a3d317efd1392c8ca7f0",
		"ties/unperturbed":            "ffd7365377efc5f121e96d63c8071a271471ecc6a95607c6457a3255e4f83b51",
		"tiny-concentration":          "a986738b7596494e1e843d3861b0f84fde4d18ec0b7e0beba69af7e8fab81e1b",
	}
	for _, c := range mcGoldenCases() {
		r, err := MonteCarlo(c.x, c.tree, c.opts)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		sum := sha256.Sum256([]byte(fmt.Sprintf("%#v", *r)))
		got := hex.EncodeToString(sum[:])
		if w, ok := want[c.name]; !ok {
			t.Errorf("%s: no digest recorded, got %s", c.name, got)
		} else if got != w {
			t.Errorf("%s: digest %s, want %s", c.name, got, w)
		}
	}
}
