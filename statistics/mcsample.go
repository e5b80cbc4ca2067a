package statistics

import "math"

// mcGamma holds what Marsaglia & Tsang's Gamma sampler (gammaSample) computes from a node's
// shape before its first draw; MonteCarlo's shapes (concentration × base weight) are fixed per
// node, so they are computed once per run, with the same operations, instead of once per draw.
type mcGamma struct {
	d, c float64
	// small: shape < 1, boosted by U^inv with inv = 1/shape.
	small bool
	inv   float64
}

// mcGammaParams returns the Gamma constants of every node for Dirichlet perturbation p (nil for
// other kinds).
func (f *flatTree) mcGammaParams(p Perturbation) []mcGamma {
	if p.Kind != Dirichlet {
		return nil
	}
	gp := make([]mcGamma, len(f.weight))
	for i, w := range f.weight {
		shape := p.Concentration * w
		var g mcGamma
		if shape < 1 {
			g.small, g.inv = true, 1/shape
			shape++
		}
		g.d = shape - 1.0/3
		g.c = 1 / math.Sqrt(9*g.d)
		gp[i] = g
	}
	return gp
}

// gamma is gammaSample(rng, shape) for the shape whose constants are g: the same draws from the
// same stream, in the same order, with the same operations.
func (r *mcRNG) gamma(g *mcGamma) float64 {
	boost := 1.0
	if g.small {
		boost = math.Pow(1-r.float64(), g.inv)
	}
	d, c := g.d, g.c
	for {
		// x := r.norm(), its first try written out here (the compiler does not inline norm).
		n := r.uint64()
		j, zi := int32(n), n>>32&0x7F
		x := float64(float64(j) * float64(zigW[zi]))
		if absInt32(j) >= zigK[zi] {
			x = r.normSlow(j, zi, x)
		}
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := 1 - r.float64()
		if u < 1-0.0331*x*x*x*x || math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v * boost
		}
	}
}

// gammaShape is gammaSample on an mcRNG, for shapes not known in advance.
func (r *mcRNG) gammaShape(shape float64) float64 {
	var g mcGamma
	if shape < 1 {
		g.small, g.inv = true, 1/shape
		shape++
	}
	g.d = shape - 1.0/3
	g.c = 1 / math.Sqrt(9*g.d)
	return r.gamma(&g)
}

// logDirichletMC is logDirichlet on an mcRNG.
func (f *flatTree) logDirichletMC(rng *mcRNG, c float64, lo, hi int, local []float64) float64 {
	top := math.Inf(-1)
	for i := lo; i < hi; i++ {
		w := f.weight[i]
		if w == 0 {
			local[i] = math.Inf(-1)
			continue
		}
		a := c * w
		local[i] = math.Log(rng.gammaShape(a+1)) + math.Log(1-rng.float64())/a
		top = math.Max(top, local[i])
	}
	var sum float64
	for i := lo; i < hi; i++ {
		local[i] = math.Exp(local[i] - top)
		sum += local[i]
	}
	return sum
}

// sampleWeightsMC is sampleWeights on an mcRNG, with the Gamma constants gp of
// mcGammaParams(p): MonteCarlo's sampler. It draws the same numbers in the same order and
// computes the same weights bit for bit (TestSampleWeightsMCMatches).
func (f *flatTree) sampleWeightsMC(rng *mcRNG, p Perturbation, gp []mcGamma, local, glob, g []float64) {
	local[0] = 1
	for _, grp := range f.groups {
		lo, hi := grp[0], grp[0]+grp[1]
		var sum float64
		for i := lo; i < hi; i++ {
			w := f.weight[i]
			if w == 0 || grp[1] == 1 {
				local[i] = w
				sum += w
				continue
			}
			if p.Kind == Dirichlet {
				local[i] = rng.gamma(&gp[i])
			} else {
				local[i] = w * (1 + p.Fraction*(2*rng.float64()-1))
			}
			sum += local[i]
		}
		if sum == 0 {
			// Every Gamma variate of the group underflowed (shapes far below 1); redraw the group in
			// log space, where log G = log G(a+1) + log(U)/a cannot underflow.
			sum = f.logDirichletMC(rng, p.Concentration, lo, hi, local)
		}
		for i := lo; i < hi; i++ {
			local[i] /= sum
		}
	}
	glob[0] = 1
	for i := 1; i < len(f.parent); i++ {
		glob[i] = glob[f.parent[i]] * local[i]
		if c := f.leaf[i]; c >= 0 {
			g[c] = glob[i]
		}
	}
}
