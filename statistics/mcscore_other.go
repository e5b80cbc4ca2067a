//go:build !amd64

package statistics

// useMCScoreAsm is false: there is no score kernel on this architecture (a variable, not a
// constant, so that tests can set it on every architecture).
var useMCScoreAsm = false

// useMCScoreAVX512 is false, as useMCScoreAsm.
var useMCScoreAVX512 = false

func mcScore4x8(s, xt, gw, off *float64, units, n4, nInd int) {
	panic("statistics: no score kernel on this architecture")
}

func mcScore4x16(s, xt, gw, off *float64, units, n16, nInd int) {
	panic("statistics: no score kernel on this architecture")
}
