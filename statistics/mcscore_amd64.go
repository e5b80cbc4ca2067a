package statistics

import "golang.org/x/sys/cpu"

// useMCScoreAsm selects the AVX2 score kernel (checked once: the CPU and the operating system
// must both support AVX2 state).
var useMCScoreAsm = cpu.X86.HasAVX2

// useMCScoreAVX512 selects the AVX-512 kernel for the blocks of 16 units (the CPU and the
// operating system must support AVX-512F state); the AVX2 kernel does the rest.
var useMCScoreAVX512 = cpu.X86.HasAVX512F && cpu.X86.HasAVX2

// mcScore4x8 computes units 0…n4−1 (n4 a multiple of 4) of a 4-sample batch as mcScoresGeneric
// does, bit for bit; units is the row stride of s and xt, nInd the row stride of g.
//
//go:noescape
func mcScore4x8(s, xt, gw, off *float64, units, n4, nInd int)

// mcScore4x16 is mcScore4x8 on blocks of 16 units (n16 a multiple of 16) with AVX-512, bit for
// bit the same.
//
//go:noescape
func mcScore4x16(s, xt, gw, off *float64, units, n16, nInd int)
