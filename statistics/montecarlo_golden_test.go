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
				opts := MonteCarloOptions{Samples: 5003, Seed: uint64(10*units + pi), Perturbation: p, Workers: 1 + units%3}
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
// produced with the AVX2 score kernel; the portable path gives the same bits
// (TestMCScoresBitIdentical), and the test checks both.
func TestMonteCarloGolden(t *testing.T) {
	for _, asm := range []bool{true, false} {
		if asm && !useMCScoreAsm {
			continue
		}
		t.Run(fmt.Sprintf("kernel=%v", asm), func(t *testing.T) {
			saved := useMCScoreAsm
			useMCScoreAsm = asm
			defer func() { useMCScoreAsm = saved }()
			checkMonteCarloGolden(t)
		})
	}
}

func checkMonteCarloGolden(t *testing.T) {
	want := map[string]string{
		"units1/pert0/offsetsfalse":   "23eee90041c13d03fb1420dbefd37961ead5868036dd6dfa7e4363118f16ae46",
		"units1/pert0/offsetstrue":    "8b966743c21b37f98b6357b3eaeca4f66837d37b534c1b73004a698fdccf1457",
		"units1/pert1/offsetsfalse":   "7947f371e980cf931f3e831f67433303107ba73b190c80162d240060797d66f8",
		"units1/pert1/offsetstrue":    "e863a85bdfcd2c2f3855c4e053ae1eba77da0ce796b8ef79b333b37d5b42d752",
		"units1/pert2/offsetsfalse":   "43a3c31efc40ab3da2a3724e458e930aee546a59d8e6adec897a8b3201e3a9a4",
		"units1/pert2/offsetstrue":    "8255b1165a64bbec5c353f49160182ace00401fa56bcbb219b434c6ab076e001",
		"units2/pert0/offsetsfalse":   "17f2ee5b453b10cb6fd19ad85ecb015408de38b28a9ea6c135781816114df674",
		"units2/pert0/offsetstrue":    "d591fdbfda1f3d2121c92dc87895b6d0fa4b89be996e65fd52f9942feb577d11",
		"units2/pert1/offsetsfalse":   "8390d94bb7f7eef84e0ad50a9b0c6a1ee1d13085a296758c12875f0d6413618a",
		"units2/pert1/offsetstrue":    "0f0cdc3513b286baf6b1c64c8e990d775df6b634abe36e3554a57be289e45189",
		"units2/pert2/offsetsfalse":   "c9c98433eab6f826e6f1429ef6be8bb74ceced1ae010e8073d2b6b5d24d45931",
		"units2/pert2/offsetstrue":    "765c682baa66396f8a90d8b22b33f73e37be9feb0b6709aa60a4abd4deae8d81",
		"units7/pert0/offsetsfalse":   "ed266525b562bd23cf4194bfbd6ac30eb95c5706e314c3ccb70d24ee7e657055",
		"units7/pert0/offsetstrue":    "66ec56da6e2ece7e969f79efaf13aa17d70692cefc89d973cc807cdad13b85b5",
		"units7/pert1/offsetsfalse":   "56aa3691370f52aa972dea58d6d7afe0ce1ef0ccdf5ec1f0148423700ebbf403",
		"units7/pert1/offsetstrue":    "e04ed48b3b556ef03fd7d6e1fa0e5500015068334614f56b50490e3542aa4dec",
		"units7/pert2/offsetsfalse":   "35042d2d38c7c1a39f1d0c4b6057872af3bf6a71425e9b0a5fefccab5fd56d26",
		"units7/pert2/offsetstrue":    "dc60f143cf442331e9f4a46794fab99b2570e11a67b5df45cd7b55430ef46711",
		"units30/pert0/offsetsfalse":  "109e2fa4351cc08020b3834abeea21cb91870840a2ca3eb3446581a771a49436",
		"units30/pert0/offsetstrue":   "548557dcf7f45374de327cc24958cbb75935be03e05eecfe5efe770bf2d3e6d2",
		"units30/pert1/offsetsfalse":  "1e7e4ea6312530f03c225f722518d2089fcbff4f8c90dc22272858c13190ad81",
		"units30/pert1/offsetstrue":   "508becc051331f51984ee36250ef553e86bf210967e72ad89e3b37b68c863296",
		"units30/pert2/offsetsfalse":  "4a62a02da8d21091291789a2b21259b30acf8fc878b966c04243af2411a07c96",
		"units30/pert2/offsetstrue":   "ee3cf0a613e5b4b110d127931384b085a1d88f0ab25e025888b9138166415448",
		"units61/pert0/offsetsfalse":  "c77ee3c313b932bb0e57f762017f795fbb37ffca619d0357b6b7d20a57c0f532",
		"units61/pert0/offsetstrue":   "603866160d645e7b192c2c2a17d4e418dc8a4f63c3e079692a74707954d5e70a",
		"units61/pert1/offsetsfalse":  "7613915c3d1f9ac9c411f2e8d307e9b50f956b6043ef1e77eee1110c2c38d882",
		"units61/pert1/offsetstrue":   "df2fb3c3906cca751e502604bdd74821aa3caaaaedc1b62eb46316f3d6d7edbd",
		"units61/pert2/offsetsfalse":  "c19365098b6be60d22846ef04bd95093e089c2ae1fae84af98afb701fcdc69f9",
		"units61/pert2/offsetstrue":   "8efe3d43be9ab25a315a1c960cb3c57e8753d1234db56d803e10f02b198f5634",
		"units300/pert0/offsetsfalse": "589aea9ae874a616fabb9102c8464732346d14a7a3d5fcf5d7cdbbb837816e1c",
		"units300/pert0/offsetstrue":  "900de242d3660e9d1f53f7719550b3a8cf5ac6e2aeb112de42b3f9642cc3e6e3",
		"units300/pert1/offsetsfalse": "d24793654d39262c3cc4d28aca9695fb8ca463f3838995e9ab9745439dd63fc7",
		"units300/pert1/offsetstrue":  "d6d499e812cf97573748afb65bdf80061b52ab53de36566743b0af6423d4fa10",
		"units300/pert2/offsetsfalse": "5f40e38a74d63331a41d95f328065c595defef8c7dfbe261f4a863c4a6231fe7",
		"units300/pert2/offsetstrue":  "653ad7278a5c71e2e3852304305df86e346f6683083bdfaf198fde21bc16020c",
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
