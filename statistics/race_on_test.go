//go:build race

package statistics

// raceEnabled: the tests run under the race detector, which makes the long bit-identity checks
// ten times slower; they then check the kernel in use only (see TestMonteCarloGolden).
const raceEnabled = true
