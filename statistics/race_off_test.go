//go:build !race

package statistics

// raceEnabled: the tests run without the race detector.
const raceEnabled = false
