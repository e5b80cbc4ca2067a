#include "textflag.h"

// func mcScore4x8(s, xt, gw, off *float64, units, n4, nInd int)
//
// For each block of 8 units (then one of 4 if n4 is not a multiple of 8): Y0…Y7 hold 4 samples × 8 units, started at the offsets; for each
// indicator row j, every accumulator gets + (g_bj · x_j) with VMULPD then VADDPD — the product
// rounded, then added, in indicator order, exactly the scalar loop's operations (IEEE addition
// and multiplication are commutative, so operand order inside an instruction does not matter).
TEXT ·mcScore4x8(SB), NOSPLIT, $0-56
	MOVQ s+0(FP), DI
	MOVQ xt+8(FP), SI
	MOVQ gw+16(FP), DX
	MOVQ off+24(FP), R8
	MOVQ units+32(FP), R9
	MOVQ n4+40(FP), R10
	MOVQ nInd+48(FP), R11
	SHLQ $3, R9          // row stride of s and xt, bytes
	SHLQ $3, R10         // end of the blocks, bytes
	MOVQ R11, R12
	SHLQ $3, R12         // row stride of g, bytes
	LEAQ (R12)(R12*2), R13 // 3 rows of g
	LEAQ (R9)(R9*2), R15   // 3 rows of s
	XORQ AX, AX          // byte offset of the block

block:
	LEAQ 64(AX), BX
	CMPQ BX, R10
	JGT  tail
	VMOVUPD (R8)(AX*1), Y0
	VMOVUPD 32(R8)(AX*1), Y1
	VMOVAPD Y0, Y2
	VMOVAPD Y1, Y3
	VMOVAPD Y0, Y4
	VMOVAPD Y1, Y5
	VMOVAPD Y0, Y6
	VMOVAPD Y1, Y7
	LEAQ (SI)(AX*1), BX  // &xt[0][block]
	MOVQ DX, CX          // &g[0][0]
	MOVQ R11, R14        // rows left

row:
	VMOVUPD (BX), Y8
	VMOVUPD 32(BX), Y9
	VBROADCASTSD (CX), Y10
	VBROADCASTSD (CX)(R12*1), Y11
	VMULPD Y8, Y10, Y12
	VMULPD Y9, Y10, Y13
	VADDPD Y12, Y0, Y0
	VADDPD Y13, Y1, Y1
	VMULPD Y8, Y11, Y14
	VMULPD Y9, Y11, Y15
	VADDPD Y14, Y2, Y2
	VADDPD Y15, Y3, Y3
	VBROADCASTSD (CX)(R12*2), Y10
	VBROADCASTSD (CX)(R13*1), Y11
	VMULPD Y8, Y10, Y12
	VMULPD Y9, Y10, Y13
	VADDPD Y12, Y4, Y4
	VADDPD Y13, Y5, Y5
	VMULPD Y8, Y11, Y14
	VMULPD Y9, Y11, Y15
	VADDPD Y14, Y6, Y6
	VADDPD Y15, Y7, Y7
	ADDQ R9, BX
	ADDQ $8, CX
	DECQ R14
	JNZ  row

	LEAQ (DI)(AX*1), BX  // &s[0][block]
	VMOVUPD Y0, (BX)
	VMOVUPD Y1, 32(BX)
	VMOVUPD Y2, (BX)(R9*1)
	VMOVUPD Y3, 32(BX)(R9*1)
	VMOVUPD Y4, (BX)(R9*2)
	VMOVUPD Y5, 32(BX)(R9*2)
	VMOVUPD Y6, (BX)(R15*1)
	VMOVUPD Y7, 32(BX)(R15*1)
	ADDQ $64, AX
	JMP  block

	// One block of 4 units when n4 is not a multiple of 8: Y0, Y2, Y4, Y6 as above.
tail:
	CMPQ AX, R10
	JGE  done
	VMOVUPD (R8)(AX*1), Y0
	VMOVAPD Y0, Y2
	VMOVAPD Y0, Y4
	VMOVAPD Y0, Y6
	LEAQ (SI)(AX*1), BX
	MOVQ DX, CX
	MOVQ R11, R14

row4:
	VMOVUPD (BX), Y8
	VBROADCASTSD (CX), Y10
	VBROADCASTSD (CX)(R12*1), Y11
	VMULPD Y8, Y10, Y12
	VMULPD Y8, Y11, Y13
	VADDPD Y12, Y0, Y0
	VADDPD Y13, Y2, Y2
	VBROADCASTSD (CX)(R12*2), Y10
	VBROADCASTSD (CX)(R13*1), Y11
	VMULPD Y8, Y10, Y14
	VMULPD Y8, Y11, Y15
	VADDPD Y14, Y4, Y4
	VADDPD Y15, Y6, Y6
	ADDQ R9, BX
	ADDQ $8, CX
	DECQ R14
	JNZ  row4

	LEAQ (DI)(AX*1), BX
	VMOVUPD Y0, (BX)
	VMOVUPD Y2, (BX)(R9*1)
	VMOVUPD Y4, (BX)(R9*2)
	VMOVUPD Y6, (BX)(R15*1)

done:
	VZEROUPPER
	RET

// func mcScore4x16(s, xt, gw, off *float64, units, n16, nInd int)
//
// mcScore4x8 with AVX-512: Z0…Z7 hold 4 samples × 16 units, for the blocks of 16 units below
// n16 (a multiple of 16). The same VMULPD then VADDPD per product, in indicator order, so the
// same bits; only twice the lanes per instruction.
TEXT ·mcScore4x16(SB), NOSPLIT, $0-56
	MOVQ s+0(FP), DI
	MOVQ xt+8(FP), SI
	MOVQ gw+16(FP), DX
	MOVQ off+24(FP), R8
	MOVQ units+32(FP), R9
	MOVQ n16+40(FP), R10
	MOVQ nInd+48(FP), R11
	SHLQ $3, R9
	SHLQ $3, R10
	MOVQ R11, R12
	SHLQ $3, R12
	LEAQ (R12)(R12*2), R13
	LEAQ (R9)(R9*2), R15
	XORQ AX, AX

block16:
	CMPQ AX, R10
	JGE  done16
	VMOVUPD (R8)(AX*1), Z0
	VMOVUPD 64(R8)(AX*1), Z1
	VMOVAPD Z0, Z2
	VMOVAPD Z1, Z3
	VMOVAPD Z0, Z4
	VMOVAPD Z1, Z5
	VMOVAPD Z0, Z6
	VMOVAPD Z1, Z7
	LEAQ (SI)(AX*1), BX
	MOVQ DX, CX
	MOVQ R11, R14

row16:
	VMOVUPD (BX), Z8
	VMOVUPD 64(BX), Z9
	VBROADCASTSD (CX), Z10
	VBROADCASTSD (CX)(R12*1), Z11
	VBROADCASTSD (CX)(R12*2), Z16
	VBROADCASTSD (CX)(R13*1), Z17
	VMULPD Z8, Z10, Z12
	VMULPD Z9, Z10, Z13
	VMULPD Z8, Z11, Z14
	VMULPD Z9, Z11, Z15
	VMULPD Z8, Z16, Z18
	VMULPD Z9, Z16, Z19
	VMULPD Z8, Z17, Z20
	VMULPD Z9, Z17, Z21
	VADDPD Z12, Z0, Z0
	VADDPD Z13, Z1, Z1
	VADDPD Z14, Z2, Z2
	VADDPD Z15, Z3, Z3
	VADDPD Z18, Z4, Z4
	VADDPD Z19, Z5, Z5
	VADDPD Z20, Z6, Z6
	VADDPD Z21, Z7, Z7
	ADDQ R9, BX
	ADDQ $8, CX
	DECQ R14
	JNZ  row16

	LEAQ (DI)(AX*1), BX
	VMOVUPD Z0, (BX)
	VMOVUPD Z1, 64(BX)
	VMOVUPD Z2, (BX)(R9*1)
	VMOVUPD Z3, 64(BX)(R9*1)
	VMOVUPD Z4, (BX)(R9*2)
	VMOVUPD Z5, 64(BX)(R9*2)
	VMOVUPD Z6, (BX)(R15*1)
	VMOVUPD Z7, 64(BX)(R15*1)
	ADDQ $128, AX
	JMP  block16

done16:
	VZEROUPPER
	RET
