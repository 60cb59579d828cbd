// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Buddy + slab allocator over one arena; see arena_alloc.h. All metadata is
 * in host memory allocated here, none in the arena.
 */
#include "arena_alloc.h"

#include <linux/bug.h>
#include <linux/errno.h>

#include <stdlib.h>
#include <string.h>

#define GPT_AA_FREE 0x80u
#define GPT_AA_SLAB 0x40u
#define GPT_AA_ORDER_MASK 0x3fu

static unsigned int aa_lg2(u64 v)
{
	return 63u - (unsigned int)__builtin_clzll(v);
}

static void aa_push(struct gpt_aa *a, struct gpt_aa_zone *z, u32 i,
		    unsigned int order)
{
	u32 head = z->free_head[order];

	a->next[i] = head;
	a->prev[i] = GPT_AA_NIL;
	if (head != GPT_AA_NIL)
		a->prev[head] = i;
	z->free_head[order] = i;
	a->state[i] = (u8)(GPT_AA_FREE | order);
	a->free_page_bytes += (u64)GPT_AA_PAGE_SIZE << order;
}

static void aa_del(struct gpt_aa *a, struct gpt_aa_zone *z, u32 i,
		   unsigned int order)
{
	u32 n = a->next[i], p = a->prev[i];

	if (p != GPT_AA_NIL)
		a->next[p] = n;
	else
		z->free_head[order] = n;
	if (n != GPT_AA_NIL)
		a->prev[n] = p;
	a->state[i] = 0;
	a->free_page_bytes -= (u64)GPT_AA_PAGE_SIZE << order;
}

/* Is page @i the first page of a 2^order block (physically aligned)? */
static bool aa_aligned(const struct gpt_aa *a, u64 i, unsigned int order)
{
	return !((a->pfn0 + i) & (((u64)1 << order) - 1));
}

static void aa_zone_init(struct gpt_aa *a, struct gpt_aa_zone *z, u32 first,
			 u32 end)
{
	u64 i = first;
	unsigned int o;

	z->first = first;
	z->end = end;
	for (o = 0; o <= GPT_AA_MAX_ORDER; o++)
		z->free_head[o] = GPT_AA_NIL;
	for (o = 0; o < GPT_AA_SLAB_CLASSES; o++)
		z->partial[o] = GPT_AA_NIL;
	/* Carve the range into the largest aligned blocks, low to high. */
	while (i < end) {
		unsigned int order = 0;

		while (order < GPT_AA_MAX_ORDER && aa_aligned(a, i, order + 1) &&
		       i + ((u64)2 << order) <= end)
			order++;
		aa_push(a, z, (u32)i, order);
		i += (u64)1 << order;
	}
}

int gpt_aa_init(struct gpt_aa *a, u64 pa, u64 size)
{
	u64 npages = size >> GPT_AA_PAGE_SHIFT;
	u64 low_end = 0;

	memset(a, 0, sizeof(*a));
	if (!npages || npages >= GPT_AA_NIL)
		return -EINVAL;
	a->pa = pa;
	a->pfn0 = pa >> GPT_AA_PAGE_SHIFT;
	a->npages = (u32)npages;
	a->next = (u32 *)malloc(npages * sizeof(u32));
	a->prev = (u32 *)malloc(npages * sizeof(u32));
	a->state = (u8 *)calloc(npages, 1);
	a->slab_free = GPT_AA_NIL;
	if (!a->next || !a->prev || !a->state) {
		gpt_aa_destroy(a);
		return -ENOMEM;
	}
	if (pa < (1ULL << 32))
		low_end = ((1ULL << 32) - pa) >> GPT_AA_PAGE_SHIFT;
	if (low_end > npages)
		low_end = npages;
	aa_zone_init(a, &a->zone[0], 0, (u32)low_end);
	aa_zone_init(a, &a->zone[1], (u32)low_end, (u32)npages);
	return 0;
}

void gpt_aa_destroy(struct gpt_aa *a)
{
	free(a->next);
	free(a->prev);
	free(a->state);
	free(a->slabs);
	memset(a, 0, sizeof(*a));
}

static struct gpt_aa_zone *aa_zone_of(struct gpt_aa *a, u32 i)
{
	return i < a->zone[0].end ? &a->zone[0] : &a->zone[1];
}

static u32 aa_buddy_alloc(struct gpt_aa *a, struct gpt_aa_zone *z,
			  unsigned int order)
{
	unsigned int o = order;
	u32 i;

	while (o <= GPT_AA_MAX_ORDER && z->free_head[o] == GPT_AA_NIL)
		o++;
	if (o > GPT_AA_MAX_ORDER)
		return GPT_AA_NIL;
	i = z->free_head[o];
	aa_del(a, z, i, o);
	/* Split: keep the lower half, free the upper halves. */
	while (o > order) {
		o--;
		aa_push(a, z, i + ((u32)1 << o), o);
	}
	return i;
}

static void aa_buddy_free(struct gpt_aa *a, struct gpt_aa_zone *z, u32 i,
			  unsigned int order)
{
	while (order < GPT_AA_MAX_ORDER) {
		u64 pfn = a->pfn0 + i;
		u64 bpfn = pfn ^ ((u64)1 << order);
		u64 b;

		if (bpfn < a->pfn0)
			break;
		b = bpfn - a->pfn0;
		if (b < z->first || b + ((u64)1 << order) > z->end ||
		    a->state[b] != (GPT_AA_FREE | order))
			break;
		aa_del(a, z, (u32)b, order);
		if (b < i)
			i = (u32)b;
		order++;
	}
	aa_push(a, z, i, order);
}

static u32 aa_slab_new(struct gpt_aa *a)
{
	u32 s;

	if (a->slab_free != GPT_AA_NIL) {
		s = a->slab_free;
		a->slab_free = a->slabs[s].next;
		return s;
	}
	if (a->nslabs == a->slabs_cap) {
		u32 ncap = a->slabs_cap ? a->slabs_cap * 2 : 64;
		struct gpt_aa_slab *n = (struct gpt_aa_slab *)realloc(
			a->slabs, (size_t)ncap * sizeof(*n));

		if (!n)
			return GPT_AA_NIL;
		a->slabs = n;
		a->slabs_cap = ncap;
	}
	return a->nslabs++;
}

static void aa_partial_add(struct gpt_aa *a, u32 s)
{
	struct gpt_aa_slab *sl = &a->slabs[s];
	u32 *head = &a->zone[sl->zone].partial[sl->cls];

	sl->prev = GPT_AA_NIL;
	sl->next = *head;
	if (*head != GPT_AA_NIL)
		a->slabs[*head].prev = s;
	*head = s;
}

static void aa_partial_del(struct gpt_aa *a, u32 s)
{
	struct gpt_aa_slab *sl = &a->slabs[s];

	if (sl->prev != GPT_AA_NIL)
		a->slabs[sl->prev].next = sl->next;
	else
		a->zone[sl->zone].partial[sl->cls] = sl->next;
	if (sl->next != GPT_AA_NIL)
		a->slabs[sl->next].prev = sl->prev;
}

static unsigned int aa_slab_capacity(unsigned int cls)
{
	return GPT_AA_PAGE_SIZE >> (cls + GPT_AA_MIN_SHIFT);
}

static bool aa_slab_alloc(struct gpt_aa *a, unsigned int zi, unsigned int cls,
			  u64 *off)
{
	struct gpt_aa_zone *z = &a->zone[zi];
	struct gpt_aa_slab *sl;
	unsigned int w, b;
	u32 s = z->partial[cls];

	if (s == GPT_AA_NIL) {
		unsigned int cap = aa_slab_capacity(cls);
		u32 page = aa_buddy_alloc(a, z, 0);

		if (page == GPT_AA_NIL)
			return false;
		s = aa_slab_new(a);
		if (s == GPT_AA_NIL) {
			aa_buddy_free(a, z, page, 0);
			return false;
		}
		sl = &a->slabs[s];
		memset(sl->bits, 0, sizeof(sl->bits));
		for (b = 0; b != cap; b++)
			sl->bits[b / 64] |= 1ULL << (b % 64);
		sl->page = page;
		sl->nfree = (u16)cap;
		sl->cls = (u8)cls;
		sl->zone = (u8)zi;
		a->state[page] = GPT_AA_SLAB;
		a->next[page] = s;
		aa_partial_add(a, s);
	}
	sl = &a->slabs[s];
	for (w = 0; !sl->bits[w]; w++)
		;
	b = (unsigned int)__builtin_ctzll(sl->bits[w]);
	sl->bits[w] &= ~(1ULL << b);
	if (!--sl->nfree)
		aa_partial_del(a, s);
	*off = ((u64)sl->page << GPT_AA_PAGE_SHIFT) +
	       ((u64)(w * 64 + b) << (cls + GPT_AA_MIN_SHIFT));
	return true;
}

bool gpt_aa_alloc(struct gpt_aa *a, size_t size, bool low, u64 *off)
{
	unsigned int lg2 = aa_lg2(size);
	unsigned int zones[2] = { 1, 0 };
	unsigned int nz = 2, k;

	if (size < (1u << GPT_AA_MIN_SHIFT) || (size & (size - 1)))
		return false;
	if (low) {
		zones[0] = 0;
		nz = 1;
	}
	for (k = 0; k != nz; k++) {
		struct gpt_aa_zone *z = &a->zone[zones[k]];

		if (lg2 < GPT_AA_PAGE_SHIFT) {
			if (!aa_slab_alloc(a, zones[k],
					   lg2 - GPT_AA_MIN_SHIFT, off))
				continue;
		} else {
			u32 i;

			if (lg2 - GPT_AA_PAGE_SHIFT > GPT_AA_MAX_ORDER)
				return false;
			i = aa_buddy_alloc(a, z, lg2 - GPT_AA_PAGE_SHIFT);
			if (i == GPT_AA_NIL)
				continue;
			*off = (u64)i << GPT_AA_PAGE_SHIFT;
		}
		a->used_bytes += size;
		a->live_blocks++;
		return true;
	}
	return false;
}

void gpt_aa_free(struct gpt_aa *a, u64 off, size_t size)
{
	unsigned int lg2 = aa_lg2(size);
	u32 page = (u32)(off >> GPT_AA_PAGE_SHIFT);

	if (WARN_ON(page >= a->npages))
		return;
	a->used_bytes -= size;
	a->live_blocks--;
	if (lg2 >= GPT_AA_PAGE_SHIFT) {
		aa_buddy_free(a, aa_zone_of(a, page), page,
			      lg2 - GPT_AA_PAGE_SHIFT);
		return;
	} else {
		unsigned int cls = lg2 - GPT_AA_MIN_SHIFT;
		unsigned int b = (unsigned int)((off & (GPT_AA_PAGE_SIZE - 1)) >>
						lg2);
		struct gpt_aa_slab *sl;
		u32 s;

		if (WARN_ON(a->state[page] != GPT_AA_SLAB))
			return;
		s = a->next[page];
		sl = &a->slabs[s];
		if (WARN_ON(sl->cls != cls ||
			    (sl->bits[b / 64] & (1ULL << (b % 64)))))
			return;
		sl->bits[b / 64] |= 1ULL << (b % 64);
		if (sl->nfree++ == 0)
			aa_partial_add(a, s);
		if (sl->nfree == aa_slab_capacity(cls)) {
			/* Empty slab page: back to the buddy allocator. */
			aa_partial_del(a, s);
			a->state[page] = 0;
			aa_buddy_free(a, &a->zone[sl->zone], page, 0);
			sl->next = a->slab_free;
			a->slab_free = s;
		}
	}
}

u64 gpt_aa_largest_free(const struct gpt_aa *a)
{
	int o;

	for (o = GPT_AA_MAX_ORDER; o >= 0; o--) {
		if (a->zone[0].free_head[o] != GPT_AA_NIL ||
		    a->zone[1].free_head[o] != GPT_AA_NIL)
			return (u64)GPT_AA_PAGE_SIZE << o;
	}
	return 0;
}
