package statistics

import "golang.org/x/sys/cpu"

// useMCScoreAsm selects the AVX2 score kernel (checked once: the CPU and the operating system
// must both support AVX2 state).
var useMCScoreAsm = cpu.X86.HasAVX2

// mcScore4x8 computes units 0…n4−1 (n4 a multiple of 4) of a 4-sample batch as mcScoresGeneric
// does, bit for bit; units is the row stride of s and xt, nInd the row stride of g.
//
//go:noescape
func mcScore4x8(s, xt, gw, off *float64, units, n4, nInd int)
