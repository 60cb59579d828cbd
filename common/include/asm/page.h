/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * User-space stand-in for <asm/page.h>: the CPU page size and the
 * linear-map conversions.
 *
 * PAGE_SIZE follows the build's one setting, GENERICPT_PAGE_SIZE (the CMake
 * cache variable of the same name, passed to every target and recorded in
 * the installed package); 4096 when it is not given.
 *
 * __va()/__pa() translate table memory the way the runtime does
 * (phys_to_virt()/virt_to_phys() of <linux/iommu-pages.h>, the one place
 * they are defined): identity for heap memory, the arena's window for arena
 * memory.
 */
#ifndef GENERICPT_ASM_PAGE_H
#define GENERICPT_ASM_PAGE_H

#include <linux/types.h>
#include <linux/iommu-pages.h>

#if !defined(GENERICPT_PAGE_SIZE) || GENERICPT_PAGE_SIZE == 4096
#define PAGE_SHIFT 12
#elif GENERICPT_PAGE_SIZE == 16384
#define PAGE_SHIFT 14
#elif GENERICPT_PAGE_SIZE == 65536
#define PAGE_SHIFT 16
#else
#error "GENERICPT_PAGE_SIZE must be 4096, 16384 or 65536"
#endif
/* Spelled as glibc's <sys/user.h> spells them, so both may be included. */
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE-1))

#define __va(pa) phys_to_virt((phys_addr_t)(pa))
#define __pa(virt) virt_to_phys((const void *)(virt))

#endif
