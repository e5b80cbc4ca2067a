//go:build !amd64

package statistics

const useMCScoreAsm = false

func mcScore4x8(s, xt, gw, off *float64, units, n4, nInd int) {
	panic("statistics: no score kernel on this architecture")
}
