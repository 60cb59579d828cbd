// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The riscv_32 (Sv32) tables read by the RISC-V walker's Sv32 mode: the
// riscv_64 adapter with the SXL=1 walk and Sv32's geometry.
// Included twice by oracle_suite.cpp, like every oracle header.
#ifndef GPT_RISCV_SV32
#define GPT_RISCV_SV32 1
#endif
#include "riscv_64.h"
