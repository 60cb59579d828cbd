/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <linux/mem_encrypt.h>: the AMD SME encryption
 * mask. sme_me_mask is the runtime's genericpt_sme_me_mask (bit 47 by
 * default, see <genericpt/runtime.h>), so kernel code and this tree's
 * formats set the same C-bit.
 */
#ifndef GENERICPT_LINUX_MEM_ENCRYPT_H
#define GENERICPT_LINUX_MEM_ENCRYPT_H

#include <linux/types.h>
#include <genericpt/runtime.h>

#define sme_me_mask genericpt_sme_me_mask

static inline u64 sme_get_me_mask(void)
{
	return genericpt_sme_me_mask;
}

#define __sme_set(x) ((x) | sme_me_mask)
#define __sme_clr(x) ((x) & ~sme_me_mask)

#endif
