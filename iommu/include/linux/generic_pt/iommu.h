/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Public API of genericpt: IOMMU page tables built by the generic algorithms.
 *
 * A driver (or a VMM, an emulator, a test bench) embeds a struct
 * pt_iommu_FMT, fills a struct pt_iommu_FMT_cfg, calls pt_iommu_FMT_init(),
 * points its hardware at the root reported by pt_iommu_FMT_hw_info() and
 * then maps and unmaps through the iommu_domain ops (or the iommu_map()
 * helpers). pt_iommu_deinit() frees every table.
 *
 * Locking rule for every operation: the page table takes no lock. The
 * caller guarantees that no two threads change the same IOVA range at the
 * same time; different ranges may be mapped, unmapped and read concurrently,
 * even when they share upper-level tables.
 */
#ifndef __GENERIC_PT_IOMMU_H
#define __GENERIC_PT_IOMMU_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/mm_types.h>
#include <linux/iommu.h>
#include <linux/spinlock.h>
#include <linux/generic_pt/common.h>
#include <linux/sizes.h>
#include <asm/page.h>

GENERICPT_EXTERN_C_BEGIN

struct pt_iommu_ops;
struct pt_iommu_driver_ops;

/**
 * struct pt_iommu - the IOMMU view of one page table
 * @domain: the iommu_domain handed to iommu_map() and friends; the driver
 *     sets domain.ops (usually with IOMMU_PT_DOMAIN_OPS(fmt))
 * @ops: page-table operations beyond the domain ops (set by init)
 * @driver_ops: callbacks into the driver; may be NULL unless
 *     PT_FEAT_DYNAMIC_TOP is used
 * @nid: NUMA node for table memory (NUMA_NO_NODE for any)
 * @iommu_device: the driver's device, unused by the library
 */
struct pt_iommu {
	struct iommu_domain domain;
	const struct pt_iommu_ops *ops;
	const struct pt_iommu_driver_ops *driver_ops;
	int nid;
	struct device *iommu_device;
};

/**
 * struct pt_iommu_info - facts about an initialised table
 * @pgsize_bitmap: every leaf size the table can produce (bit n = 2^n bytes)
 */
struct pt_iommu_info {
	u64 pgsize_bitmap;
};

/**
 * enum pt_iommu_visit_kind - what a pt_iommu_ops::for_each_entry callback sees
 * @PT_VISIT_TABLE: a table starts (its entries follow, then its sub-tables)
 * @PT_VISIT_POINTER: a present entry pointing at a lower table
 * @PT_VISIT_LEAF: a present leaf (once per contiguous entry)
 */
enum pt_iommu_visit_kind {
	PT_VISIT_TABLE,
	PT_VISIT_POINTER,
	PT_VISIT_LEAF,
};

/**
 * struct pt_iommu_visit - one step of a table walk, for dumps and checks
 * @kind: what is being visited
 * @level: level of the table (TABLE) or of the table holding the entry
 * @index: item index in its table (first item of a contiguous leaf)
 * @table_pa: physical address of the table (holding the entry)
 * @table_size_lg2: bytes of that table's memory (log2)
 * @num_items_lg2: number of items in that table (log2)
 * @item_size_lg2: bytes of word per item: 4 or 8
 * @va: first VA covered (the table's, the pointer item's or the leaf's)
 * @size_lg2: VA span covered (log2)
 * @oa: leaf: first output address; pointer: the lower table's physical
 *     address
 * @raw: raw value of the entry word (0 for TABLE)
 * @num_contig_lg2: leaf: how many items the entry fuses (log2)
 * @dirty: leaf: the format's dirty state is set
 */
struct pt_iommu_visit {
	enum pt_iommu_visit_kind kind;
	unsigned int level;
	unsigned int index;
	u64 table_pa;
	unsigned int table_size_lg2;
	unsigned int num_items_lg2;
	unsigned int item_size_lg2;
	u64 va;
	unsigned int size_lg2;
	u64 oa;
	u64 raw;
	unsigned int num_contig_lg2;
	bool dirty;
};

/* Return non-zero from the callback to stop the walk with that value. */
typedef int (*pt_iommu_visit_fn)(void *ctx, const struct pt_iommu_visit *v);

/**
 * struct pt_iommu_ops - page-table operations reached through pt_iommu::ops
 * @set_dirty: mark the leaf holding @iova dirty as hardware would on a
 *     write. Returns 0, -ENOENT if @iova is not mapped, -EOPNOTSUPP for a
 *     format without dirty tracking, -EIO at a corrupt table pointer (a
 *     table in an arena someone else wrote; see <genericpt/arena.h>).
 * @get_info: fill a struct pt_iommu_info.
 * @cut: split every leaf that crosses @iova (a large or contiguous entry)
 *     into smaller entries so that @iova starts an entry; the translation
 *     does not change and nothing is unmapped. Returns 0 (also when @iova is
 *     unmapped or already a boundary), -ERANGE outside the aperture or
 *     when the leaf's output address is one only leaves of its size can
 *     hold (ARMv7 supersections above 4 GiB), -ENOMEM (the table is
 *     unchanged), -EIO at a corrupt table pointer (arena tables; the
 *     table is unchanged).
 * @deinit: free every table. The domain must no longer be in use.
 * @for_each_entry: visit every table and present entry, depth first in VA
 *     order: a table, then its entries, each pointer entry followed by the
 *     lower table's walk. Returns 0, the callback's non-zero value, or
 *     -EIO at a corrupt table pointer (arena tables; the pointer entry is
 *     reported, the walk does not go below it).
 *     Locking: nothing may change the table meanwhile.
 *
 * Locking: as for the domain ops; @cut owns the leaf it splits, so the
 * caller must own the whole leaf containing @iova.
 */
struct pt_iommu_ops {
	int (*set_dirty)(struct pt_iommu *iommu_table, dma_addr_t iova);
	void (*get_info)(struct pt_iommu *iommu_table,
			 struct pt_iommu_info *info);
	int (*cut)(struct pt_iommu *iommu_table, dma_addr_t iova, gfp_t gfp);
	void (*deinit)(struct pt_iommu *iommu_table);
	int (*for_each_entry)(struct pt_iommu *iommu_table, pt_iommu_visit_fn fn,
			      void *ctx);
};

/**
 * struct pt_iommu_driver_ops - what the library asks of the driver
 * @change_top: PT_FEAT_DYNAMIC_TOP grew the table: point the hardware at
 *     @top_paddr, now a table at @top_level. Called with the lock from
 *     @get_top_lock held, before any entry above the old top is used.
 * @get_top_lock: the spinlock serialising changes of the top.
 */
struct pt_iommu_driver_ops {
	void (*change_top)(struct pt_iommu *iommu_table, phys_addr_t top_paddr,
			   unsigned int top_level);
	spinlock_t *(*get_top_lock)(struct pt_iommu *iommu_table);
};

/**
 * struct pt_iommu_cfg - configuration common to every format
 * @features: bitmap of enum pt_features (and the format's features) asked
 *     for; init fails with -EOPNOTSUPP if the library lacks one
 * @hw_max_vasz_lg2: VA bits the hardware translates (0: the format's max)
 * @hw_max_oasz_lg2: OA bits the hardware supports (0: the format's max)
 */
struct pt_iommu_cfg {
	unsigned int features;
	u8 hw_max_vasz_lg2;
	u8 hw_max_oasz_lg2;
};

/**
 * PT_IOMMU_CHECK_DOMAIN() - assert a driver's domain aliases the table's
 * @s: the driver's domain struct, embedding a struct pt_iommu_FMT
 * @pt_iommu_memb: path to that struct's struct pt_iommu (e.g. xx.iommu)
 * @domain_memb: the driver's own struct iommu_domain member
 *
 * For drivers that keep their struct iommu_domain member and place the
 * table so that both name the same memory: fails to compile unless
 * @pt_iommu_memb.domain and @domain_memb are at the same offset.
 */
#define PT_IOMMU_CHECK_DOMAIN(s, pt_iommu_memb, domain_memb) \
	static_assert(offsetof(s, pt_iommu_memb.domain) ==   \
		      offsetof(s, domain_memb), "domain alias")

/**
 * pt_iommu_deinit() - free every table of @iommu_table
 *
 * Locking: no other operation may run on the table. Errors: none.
 */
static inline void pt_iommu_deinit(struct pt_iommu *iommu_table)
{
	iommu_table->ops->deinit(iommu_table);
}

/*
 * Every format FMT exports these C functions (see the kdoc of the amdv1
 * versions below; the others behave the same):
 *   int pt_iommu_FMT_init(struct pt_iommu_FMT *, const struct pt_iommu_FMT_cfg *, gfp_t);
 *   void pt_iommu_FMT_hw_info(struct pt_iommu_FMT *, struct pt_iommu_FMT_hw_info *);
 *   int pt_iommu_FMT_map_pages(...); size_t pt_iommu_FMT_unmap_pages(...);
 *   phys_addr_t pt_iommu_FMT_iova_to_phys(...);
 *   int pt_iommu_FMT_read_and_clear_dirty(...);
 */
#define IOMMU_PROTOTYPES(fmt, tbl)                                            \
	phys_addr_t pt_iommu_##fmt##_iova_to_phys(struct iommu_domain *domain, \
						  dma_addr_t iova);            \
	int pt_iommu_##fmt##_map_pages(struct iommu_domain *domain,            \
				       unsigned long iova, phys_addr_t paddr,  \
				       size_t pgsize, size_t pgcount,          \
				       int prot, gfp_t gfp, size_t *mapped);   \
	size_t pt_iommu_##fmt##_unmap_pages(                                   \
		struct iommu_domain *domain, unsigned long iova,               \
		size_t pgsize, size_t pgcount,                                 \
		struct iommu_iotlb_gather *iotlb_gather);                      \
	int pt_iommu_##fmt##_read_and_clear_dirty(                             \
		struct iommu_domain *domain, unsigned long iova, size_t size,  \
		unsigned long flags, struct iommu_dirty_bitmap *dirty);        \
	int pt_iommu_##fmt##_init(struct pt_iommu_##tbl *table,                \
				  const struct pt_iommu_##tbl##_cfg *cfg,      \
				  gfp_t gfp);                                  \
	void pt_iommu_##fmt##_hw_info(struct pt_iommu_##tbl *table,            \
				      struct pt_iommu_##tbl##_hw_info *info)

/* Initialisers for a driver's iommu_domain_ops / iommu_dirty_ops. */
#define IOMMU_PT_DOMAIN_OPS(fmt)                                 \
	.iova_to_phys = &pt_iommu_##fmt##_iova_to_phys,          \
	.map_pages = &pt_iommu_##fmt##_map_pages,                \
	.unmap_pages = &pt_iommu_##fmt##_unmap_pages
#define IOMMU_PT_DIRTY_OPS(fmt) \
	.read_and_clear_dirty = &pt_iommu_##fmt##_read_and_clear_dirty

/* ---- AMD IOMMU v1 (fmt/amdv1.h) and its iommufd-selftest mock ---- */

struct pt_iommu_amdv1 {
	struct pt_iommu iommu;
	struct pt_amdv1 amdpt;
};

/**
 * struct pt_iommu_amdv1_cfg - AMDv1 configuration
 * @common: features, VA/OA limits
 * @starting_level: level of the first top table (0..5 = mode 1..6; the mock
 *     allows 0..4). Without PT_FEAT_DYNAMIC_TOP the table never grows and
 *     translates the VA that this level covers.
 */
struct pt_iommu_amdv1_cfg {
	struct pt_iommu_cfg common;
	unsigned int starting_level;
};

/**
 * struct pt_iommu_amdv1_hw_info - what the DTE needs
 * @host_pt_root: physical address of the top table (DTE Host Page Table
 *     Root Pointer, bits 51:12)
 * @mode: DTE Mode field, number of levels (1..6)
 */
struct pt_iommu_amdv1_hw_info {
	u64 host_pt_root;
	u8 mode;
};

/**
 * pt_iommu_amdv1_init() - create an empty AMDv1 table
 * @table: zeroed or driver-filled struct; iommu.nid, iommu.driver_ops and
 *     iommu.domain.ops may be set before the call and are kept
 * @cfg: the configuration
 * @gfp: allocation flags for the top table
 *
 * Locking: @table must not be in use. Return: 0; -EINVAL for a bad
 * starting level or VA/OA limit, or a DYNAMIC_TOP table without
 * driver_ops->change_top/get_top_lock; -EOPNOTSUPP for a feature this
 * library was not built with; -ENOMEM.
 * On failure nothing is allocated.
 */
/**
 * pt_iommu_amdv1_hw_info() - what the hardware needs to use the table
 * @table: an initialised table
 * @info: filled with the root's physical address and the DTE mode
 *
 * With PT_FEAT_DYNAMIC_TOP the answer changes when the table grows; the
 * driver learns of that through driver_ops->change_top.
 * Locking: any time, lockless. Errors: none.
 */

/**
 * pt_iommu_amdv1_map_pages() - map pgsize * pgcount bytes from @iova to @paddr
 * @domain: &table->iommu.domain
 * @iova: first IOVA, aligned to @pgsize
 * @paddr: first physical address, aligned to @pgsize
 * @pgsize: a page size from domain->pgsize_bitmap
 * @pgcount: number of pages (non-zero)
 * @prot: IOMMU_READ and/or IOMMU_WRITE, optionally IOMMU_CACHE,
 *     IOMMU_NOEXEC, IOMMU_MMIO, IOMMU_PRIV
 * @gfp: allocation flags for new tables
 * @mapped: incremented by the bytes mapped (all of them, or 0 on error)
 *
 * The range is mapped with the largest leaves that fit, whatever @pgsize
 * is (map_range semantics). All or nothing: on error the translation is as
 * before, and for every error but -ENOMEM the table memory is unchanged
 * byte for byte (-ENOMEM may leave empty tables, still owned by the table).
 *
 * Locking: the caller owns [iova, iova + size); other ranges may be mapped
 * or unmapped concurrently, even through shared tables.
 * Return: 0; -EINVAL (misaligned, zero count, @pgsize not supported, bad
 * @prot); -EOVERFLOW (size or range wraps); -ERANGE (IOVA outside the
 * aperture, OA above the table's limit); -EADDRINUSE (part of the range is
 * mapped); -ENOMEM; -EIO (tables in an arena: a table pointer in the way
 * was not installed there by the library - someone else wrote the arena;
 * see the threat model in <genericpt/arena.h>).
 */

/**
 * pt_iommu_amdv1_unmap_pages() - remove the leaves covering a range
 * @domain: &table->iommu.domain
 * @iova: first IOVA, aligned to @pgsize
 * @pgsize: a power of two
 * @pgcount: number of pages
 * @iotlb_gather: collects the IOVA to invalidate and the tables to free; the
 *     caller syncs it with iommu_iotlb_sync(). NULL: synced before return.
 *
 * Leaves are removed whole: one that starts before @iova or ends after the
 * range goes entirely and is counted. Tables whose whole span is inside the
 * range are removed and queued on the gather's free list.
 *
 * Locking: the caller owns the range (including whole leaves it touches).
 * Return: bytes of translation removed; 0 if nothing was mapped or the
 * arguments are invalid (misaligned, zero, wrapping, outside the aperture).
 * Arena tables: the walk stops at a corrupt table pointer, the bytes
 * removed before it are returned.
 */

/**
 * pt_iommu_amdv1_iova_to_phys() - translate one IOVA
 * @domain: &table->iommu.domain
 * @iova: any IOVA
 *
 * Locking: lockless. Return: the physical address, 0 when not mapped,
 * outside the aperture, or behind a corrupt table pointer (arena tables).
 */

/**
 * pt_iommu_amdv1_read_and_clear_dirty() - report and clear dirty leaves
 * @domain: &table->iommu.domain
 * @iova: first IOVA of the range
 * @size: bytes of the range (non-zero)
 * @flags: 0, or IOMMU_DIRTY_NO_CLEAR to keep the dirty state
 * @dirty: where dirty IOVA is reported (whole leaves); its gather, if set,
 *     records what was cleared so the IOTLB can be invalidated
 *
 * Locking: the caller owns the range against map/unmap; hardware may set
 * dirty bits concurrently (they are cleared atomically).
 * Return: 0; -EINVAL (zero size, unknown flag, NULL @dirty); -EOVERFLOW;
 * -ERANGE; -EOPNOTSUPP for a format without dirty tracking; -EIO at a
 * corrupt table pointer (arena tables).
 */
IOMMU_PROTOTYPES(amdv1, amdv1);
IOMMU_PROTOTYPES(amdv1_mock, amdv1);

/* ---- x86-64 4/5 level paging (fmt/x86_64.h) ---- */

struct pt_iommu_x86_64 {
	struct pt_iommu iommu;
	struct pt_x86_64 x86_64_pt;
};

/**
 * struct pt_iommu_x86_64_cfg - x86-64 configuration
 * @common: features (PT_FEAT_SIGN_EXTEND for both halves), VA/OA limits;
 *     hw_max_vasz_lg2 48 gives 4 levels, 57 gives 5 levels, both canonical
 *     halves (the default, also without PT_FEAT_SIGN_EXTEND); 47 or 56
 *     without PT_FEAT_SIGN_EXTEND gives 4 or 5 levels translating only the
 *     lower half (AMD v2 tables without sign extension); other sizes below
 *     48/57 are -EINVAL
 * @top_level: 3 for 4-level, 4 for 5-level paging; 0 picks it from
 *     hw_max_vasz_lg2 (4 levels if that is 0 too)
 */
struct pt_iommu_x86_64_cfg {
	struct pt_iommu_cfg common;
	unsigned int top_level;
};

/**
 * struct pt_iommu_x86_64_hw_info - what a PASID/GCR3 entry needs
 * @gcr3_pt: physical address of the top table
 * @levels: 4 or 5
 */
struct pt_iommu_x86_64_hw_info {
	u64 gcr3_pt;
	u8 levels;
};

IOMMU_PROTOTYPES(x86_64, x86_64);

/* ---- Intel VT-d second stage (fmt/vtdss.h) ---- */

struct pt_iommu_vtdss {
	struct pt_iommu iommu;
	struct pt_vtdss vtdss_pt;
};

/**
 * struct pt_iommu_vtdss_cfg - VT-d second-stage configuration
 * @common: features (PT_FEAT_VTDSS_*), VA and OA limits. hw_max_vasz_lg2
 *     is the MGAW: it may be below the AGAW of @top_level and then narrows
 *     the aperture; hw_max_oasz_lg2 is the HAW (address bits 51:HAW stay 0)
 * @top_level: 2, 3 or 4 for 3, 4 or 5 level tables (39/48/57-bit AGAW,
 *     CAP_REG.SAGAW); 0 picks the smallest that covers hw_max_vasz_lg2
 *     (4 levels if that is 0 too)
 *
 * With PT_FEAT_VTDSS_FORCE_WRITEABLE, mapping without IOMMU_WRITE fails
 * with -EINVAL.
 */
struct pt_iommu_vtdss_cfg {
	struct pt_iommu_cfg common;
	unsigned int top_level;
};

/**
 * struct pt_iommu_vtdss_hw_info - what a context/PASID entry needs
 * @ssptptr: physical address of the top table (SSPTPTR / SLPTPTR,
 *     4 KiB aligned)
 * @aw: address width field (1: 39-bit/3-level, 2: 48-bit/4-level,
 *     3: 57-bit/5-level)
 */
struct pt_iommu_vtdss_hw_info {
	u64 ssptptr;
	u8 aw;
};

IOMMU_PROTOTYPES(vtdss, vtdss);

/* ---- RISC-V Sv39/Sv48/Sv57 and Sv32 (fmt/riscv.h) ---- */

struct pt_iommu_riscv_64 {
	struct pt_iommu iommu;
	struct pt_riscv_64 riscv_64pt;
};

/**
 * struct pt_iommu_riscv_64_cfg - RISC-V Sv39/Sv48/Sv57 configuration
 * @common: features (PT_FEAT_RISCV_*, PT_FEAT_SIGN_EXTEND), VA/OA limits.
 *     First stage: the VA is sign extended from bit 38/47/56; without
 *     PT_FEAT_SIGN_EXTEND only the lower half (38/47/56 bits) is mapped,
 *     with it both halves (hw_max_vasz_lg2 must then be 0 or at least
 *     39/48/57). PT_FEAT_RISCV_GSTAGE makes an Sv39x4/Sv48x4/Sv57x4 table
 *     (41/50/59 zero-extended bits, 16 KiB root) and excludes SIGN_EXTEND
 *     and RISCV_GLOBAL.
 * @top_level: 2, 3 or 4 for Sv39, Sv48, Sv57 (or their x4 forms); 0 picks
 *     the smallest that covers hw_max_vasz_lg2 (Sv48 if that is 0 too)
 *
 * Leaves: IOMMU_WRITE implies R (W without R is reserved); X unless
 * IOMMU_NOEXEC; U unless IOMMU_PRIV (always for G-stage); A always; D
 * preset in writable leaves unless PT_FEAT_RISCV_HW_AD (without it dirty
 * tracking returns -EOPNOTSUPP).
 */
struct pt_iommu_riscv_64_cfg {
	struct pt_iommu_cfg common;
	unsigned int top_level;
};

/**
 * struct pt_iommu_riscv_64_hw_info - what iosatp/fsc (or iohgatp) needs
 * @ppn: physical page number of the root table (for a G-stage table the
 *     two low bits are 0: the root is 16 KiB aligned)
 * @fsc_iosatp_mode: MODE field: 8 Sv39, 9 Sv48, 10 Sv57 (as iohgatp.MODE:
 *     8 Sv39x4, 9 Sv48x4, 10 Sv57x4)
 */
struct pt_iommu_riscv_64_hw_info {
	u64 ppn;
	u8 fsc_iosatp_mode;
};

IOMMU_PROTOTYPES(riscv_64, riscv_64);

struct pt_iommu_riscv_32 {
	struct pt_iommu iommu;
	struct pt_riscv_32 riscv_32pt;
};

/**
 * struct pt_iommu_riscv_32_cfg - RISC-V Sv32 configuration
 * @common: features (PT_FEAT_RISCV_HW_AD, PT_FEAT_RISCV_GLOBAL and the
 *     generic DMA_INCOHERENT / FLUSH_RANGE ones; Sv32 has no Svnapot, no
 *     Svpbmt, no sign extension, and its x4 G-stage form is not offered:
 *     -EOPNOTSUPP), hw_max_vasz_lg2 up to 32, hw_max_oasz_lg2 up to 34.
 * @top_level: 1 (two levels) or 0 for the same
 *
 * Leaves as riscv_64's: 4 KiB pages and 4 MiB megapages.
 */
struct pt_iommu_riscv_32_cfg {
	struct pt_iommu_cfg common;
	unsigned int top_level;
};

/**
 * struct pt_iommu_riscv_32_hw_info - what iosatp/fsc needs (SXL=1)
 * @ppn: physical page number of the root table (22 bits)
 * @fsc_iosatp_mode: 8, Sv32 in the MODE encoding of a device context with
 *     tc.SXL=1
 */
struct pt_iommu_riscv_32_hw_info {
	u64 ppn;
	u8 fsc_iosatp_mode;
};

IOMMU_PROTOTYPES(riscv_32, riscv_32);

/* ---- x86 PAE (fmt/x86pae.h) ---- */

struct pt_iommu_x86pae {
	struct pt_iommu iommu;
	struct pt_x86pae x86pae_pt;
};

/**
 * struct pt_iommu_x86pae_cfg - x86 PAE configuration
 * @common: features, OA limit (MAXPHYADDR, up to 52); the VA is 32 bits
 *     (a smaller hw_max_vasz_lg2 narrows the aperture)
 */
struct pt_iommu_x86pae_cfg {
	struct pt_iommu_cfg common;
};

/**
 * struct pt_iommu_x86pae_hw_info - what CR3 needs
 * @cr3: physical address of the 32-byte PDPT (below 4 GiB, 32-byte
 *     aligned: CR3 bits 31:5; PWT/PCD left 0)
 */
struct pt_iommu_x86pae_hw_info {
	u64 cr3;
};

IOMMU_PROTOTYPES(x86pae, x86pae);

/* ---- ARM VMSAv8-64 / VMSAv8-32 long descriptor (fmt/armv8.h) ---- */

struct pt_iommu_armv8 {
	struct pt_iommu iommu;
	struct pt_armv8 armpt;
};

/**
 * struct pt_iommu_armv8_cfg - ARMv8 configuration
 * @common: features (PT_FEAT_ARMV8_*), input size (IAS: TxSZ = 64 - it;
 *     0 means 48 bits, 52 with LPA2, LVA (stage 1) or LPA (stage 2); below
 *     25 bits needs FEAT_TTST) and output size (OAS; 0 means 48 bits, or
 *     52 with PT_FEAT_ARMV8_LPA / LPA2). With an OAS below 48 bits table
 *     memory is taken below 4 GiB so every table address fits.
 * @granule_lg2sz: translation granule, log2 bytes: 12, 14 or 16.
 *     pt_iommu_armv8_choose_granule_lg2sz() picks one from what the
 *     hardware supports. The fixed-granule libraries (armv8_4k, _16k,
 *     _64k) also take 0 for their own granule.
 *
 * Stage 2 tables always start at 2..16 concatenated tables when that
 * saves a level (D8, "Concatenated translation tables"), except that a 4K
 * walk never starts at level 3 (needs FEAT_TTST).
 */
struct pt_iommu_armv8_cfg {
	struct pt_iommu_cfg common;
	unsigned int granule_lg2sz;
};

/**
 * struct pt_iommu_armv8_hw_info - what the translation registers need
 * @ttb: physical address of the (first) start table (TTBRn_ELx/TTB0/
 *     STE S2TTB base)
 * @ps: output size encoding for TCR.IPS / VTCR.PS / CD.IPS / STE.S2PS:
 *     0..6 for 32, 36, 40, 42, 44, 48, 52 bits (the smallest that holds
 *     the table's output size)
 * @tsz: TnSZ / T0SZ: the input range is 64 - tsz bits (AArch32: the
 *     32-bit TTBCR.T0SZ/T1SZ, or the VTCR.T0SZ 4-bit signed value, as
 *     32 - input bits)
 * @tg: TG0 encoding (4K 0, 64K 1, 16K 2), or TG1's (16K 1, 4K 2, 64K 3)
 *     with PT_FEAT_ARMV8_TTBR1
 * @ds: 1 with PT_FEAT_ARMV8_LPA2 (TCR.DS / VTCR.DS)
 * @endi: 1 if table walks are big-endian (never, here)
 * @aa64: 1 for VMSAv8-64 tables, 0 with PT_FEAT_ARMV8_AARCH32
 * @sh: walk shareability (3 inner, 2 outer with PT_FEAT_DMA_INCOHERENT)
 * @irgn: walk inner cacheability (1 write-back allocate, 0 non-cacheable)
 * @orgn: walk outer cacheability, as @irgn
 * @s1: stage 1: @tbix top byte ignore (0), @epd0/@epd1 walk disables of
 *     the other range (TTBR0 tables set epd1, TTBR1 tables epd0), @mair
 *     the MAIR value the AttrIndx of the leaves refer to (0xf404ff44:
 *     Attr0 Normal non-cacheable, Attr1 Normal write-back, Attr2
 *     Device-nGnRE, Attr3 inner non-cacheable / outer write-back, the
 *     io-pgtable order)
 * @s2: stage 2: @sl0 and @sl2, the start level encoding of VTCR.SL0/SL2
 * @ttbr: (this port) the TTBR/VTTBR register value: @ttb with PA[51:48]
 *     moved to bits[5:2] for a 52-bit address; ASID/VMID and CnP 0
 * @tcr: (this port) the TCR_ELx fields of the range (TxSZ, IRGN, ORGN,
 *     SH, TG, EPD of the other range), IPS, HA/HD with PT_FEAT_ARMV8_DBM
 *     and DS; stage 2: VTCR_EL2 T0SZ, SL0, IRGN0, ORGN0, SH0, TG0, PS,
 *     HA/HD, DS, SL2. AArch32: TTBCR (EAE set) or the AArch32 VTCR.
 * @start_level: (this port) the Arm level the walk starts at (-1..3)
 * @num_start_tables: (this port) concatenated start tables (1..16)
 */
struct pt_iommu_armv8_hw_info {
	u64 ttb;
	u8 ps;
	u8 tsz;
	u8 tg;
	u8 ds;
	u8 endi;
	u8 aa64;
	u8 sh;
	u8 irgn;
	u8 orgn;
	union {
		struct {
			u8 tbix;
			u8 epd0;
			u8 epd1;
			u32 mair;
		} s1;
		struct {
			u8 sl0;
			u8 sl2;
		} s2;
	};
	u64 ttbr;
	u64 tcr;
	s8 start_level;
	u8 num_start_tables;
};

/**
 * pt_iommu_armv8_init() - create an empty ARMv8 table
 * @table: zeroed or driver-filled struct; iommu.nid, iommu.driver_ops and
 *     iommu.domain.ops are kept
 * @cfg: the configuration; @cfg->granule_lg2sz chooses the granule
 * @gfp: allocation flags for the start table
 *
 * libgenericpt_armv8 takes every granule and feature. The fixed-granule
 * libraries libgenericpt_armv8_4k, _16k and _64k export the same functions
 * as pt_iommu_armv8_4k_init() and so on: one granule (cfg->granule_lg2sz 0
 * or theirs), without LPA2, AARCH32 and DYNAMIC_TOP, and a little faster
 * (docs/performance.md).
 *
 * Input and output sizes above what the granule and features allow are
 * reduced to it. Without PT_FEAT_ARMV8_DBM read_and_clear_dirty and
 * set_dirty return -EOPNOTSUPP.
 *
 * Locking: @table must not be in use. Return: 0; -EOPNOTSUPP for a granule
 * other than 12, 14, 16 (or the library's), a feature the library lacks,
 * LPA or LVA without the 64K granule, LVA at stage 2, LPA2 with 64K,
 * AARCH32 with 16K/64K or with LPA/LPA2/LVA/DBM, SIGN_EXTEND; -EINVAL for
 * an input size below 16 bits or not above the granule (AArch32: above 32
 * bits at stage 1, 40 at stage 2), an output size below the granule, TTBR1
 * or NS with S2, or S2FWB without S2; -ENOMEM. On failure nothing is
 * allocated.
 */
IOMMU_PROTOTYPES(armv8, armv8);
IOMMU_PROTOTYPES(armv8_4k, armv8);
IOMMU_PROTOTYPES(armv8_16k, armv8);
IOMMU_PROTOTYPES(armv8_64k, armv8);

/**
 * pt_iommu_armv8_choose_granule_lg2sz() - pick a granule the hardware has
 * @hw_granules: the granules the IOMMU supports, a mask of SZ_4K, SZ_16K
 *     and SZ_64K (other bits are ignored)
 *
 * The CPU page size (PAGE_SIZE, this build's GENERICPT_PAGE_SIZE) if
 * supported: an IOMMU page then is a CPU page. Else the largest supported
 * granule below it, so a CPU page is a whole number of granules; else the
 * smallest above it.
 *
 * Context: any. Return: log2 of the granule for cfg.granule_lg2sz; 0 if
 * @hw_granules holds none of the three.
 */
static inline unsigned int pt_iommu_armv8_choose_granule_lg2sz(u64 hw_granules)
{
	u64 below, above;

	hw_granules &= SZ_4K | SZ_16K | SZ_64K;
	below = hw_granules & (PAGE_SIZE - 1);
	above = hw_granules & ~(u64)(PAGE_SIZE - 1);
	if (!hw_granules)
		return 0;
	if (hw_granules & PAGE_SIZE)
		return PAGE_SHIFT;
	if (below)
		return 63 - (unsigned int)__builtin_clzll(below);
	return (unsigned int)__builtin_ctzll(above);
}

/* ---- ARM short descriptor (fmt/armv7s.h) ---- */

struct pt_iommu_armv7s {
	struct pt_iommu iommu;
	struct pt_armv7s armv7spt;
};

/**
 * struct pt_iommu_armv7s_cfg - ARMv7 short-descriptor configuration
 * @common: features (PT_FEAT_ARMV7S_NS, generic flush/incoherent), VA and
 *     OA limits. The table always translates 32 VA bits (TTBCR.N = 0).
 *     hw_max_oasz_lg2 0 means 32 bits; 33..40 enables output addresses
 *     above 4 GiB, which only 16 MiB supersections can hold: a map whose
 *     part above 4 GiB is not 16 MiB aligned in VA, OA and length fails
 *     with -ERANGE.
 */
struct pt_iommu_armv7s_cfg {
	struct pt_iommu_cfg common;
};

/**
 * struct pt_iommu_armv7s_hw_info - translation registers for the table
 * @ttbr: TTBR0 value: table base in bits[31:14] (the table is below
 *     4 GiB), and for a coherent walker (no PT_FEAT_DMA_INCOHERENT) the
 *     walk attributes inner/outer write-back write-allocate, inner
 *     shareable (IRGN, RGN, S, NOS); 0 there for an incoherent walker.
 *     TTBCR must be 0 (N = 0, short descriptors).
 * @nmrr: NMRR value for the TEX remap indices the leaves use (SCTLR.TRE = 1)
 * @prrr: PRRR value for the same indices
 *
 * Leaves also decode correctly without TEX remap, and with SCTLR.AFE = 1
 * (AP[0] is the Access flag, always set) and every domain a client.
 */
struct pt_iommu_armv7s_hw_info {
	u64 ttbr;
	u32 nmrr;
	u32 prrr;
};

/**
 * pt_iommu_armv7s_init() - create an empty ARMv7 short-descriptor table
 * @table: as for pt_iommu_amdv1_init()
 * @cfg: the configuration
 * @gfp: allocation flags for the 16 KiB first-level table
 *
 * Table memory is allocated below 4 GiB (32-bit table pointers).
 * Locking: @table must not be in use. Return: 0; -EINVAL for a bad VA/OA
 * limit; -EOPNOTSUPP for a feature this library was not built with;
 * -ENOMEM (also when no memory below 4 GiB is left). On failure nothing is
 * allocated.
 *
 * map/unmap/iova_to_phys behave as pt_iommu_amdv1_*(); map also returns
 * -ERANGE for a range whose part above 4 GiB is not 16 MiB aligned (see
 * struct pt_iommu_armv7s_cfg). read_and_clear_dirty returns -EOPNOTSUPP:
 * the format has no dirty state.
 */
/**
 * pt_iommu_armv7s_hw_info() - TTBR0, PRRR and NMRR for the table
 * @table: an initialised table
 * @info: filled as struct pt_iommu_armv7s_hw_info describes
 *
 * Locking: any time, lockless; the values never change. Errors: none.
 */
IOMMU_PROTOTYPES(armv7s, armv7s);

/* ---- Apple DART (fmt/dart.h) ---- */

struct pt_iommu_dart {
	struct pt_iommu iommu;
	struct pt_dart dartpt;
};

/**
 * struct pt_iommu_dart_cfg - DART configuration
 * @common: features (PT_FEAT_DART_V2 selects the t6000/t8110 PTE layout),
 *     VA and OA limits. hw_max_vasz_lg2 is the DART's input size (0 means
 *     32, what t8020/t6000 DARTs use), at most what two table levels
 *     translate: 36 bits with 16 KiB pages; with 4 KiB pages 30 bits plus
 *     up to two bits selecting one of four TTBRs (32). hw_max_oasz_lg2
 *     defaults to the layout's 36 (v1) or 42 (v2) bits.
 *
 * Libraries: pt_iommu_dart_* uses 16 KiB pages (every Apple silicon
 * DART); pt_iommu_dart_4k_* uses 4 KiB pages with the v1 layout (older
 * DARTs) and refuses PT_FEAT_DART_V2 with -EOPNOTSUPP.
 */
struct pt_iommu_dart_cfg {
	struct pt_iommu_cfg common;
};

/**
 * struct pt_iommu_dart_hw_info - what the TTBR registers need
 * @ttbr: physical address of the level-1 table each TTBR points to (the
 *     driver shifts it into the register and sets the valid bit); entries
 *     from @num_ttbr on are 0. The tables are adjacent, one page each.
 * @num_ttbr: how many TTBRs are used (1, 2 or 4)
 */
struct pt_iommu_dart_hw_info {
	u64 ttbr[4];
	u8 num_ttbr;
};

/**
 * pt_iommu_dart_init() - create an empty DART table (also _dart_4k_init)
 * @table: as for pt_iommu_amdv1_init()
 * @cfg: the configuration
 * @gfp: allocation flags for the level-1 table(s)
 *
 * Table memory is allocated below 4 GiB, well inside the 36/42-bit table
 * pointer fields. Locking: @table must not be in use. Return: 0; -EINVAL
 * for a bad VA/OA limit; -EOPNOTSUPP for a feature this library was not
 * built with (PT_FEAT_DART_V2 in pt_iommu_dart_4k_init()); -ENOMEM. On
 * failure nothing is allocated.
 *
 * map/unmap/iova_to_phys behave as pt_iommu_amdv1_*(); the only page size
 * is the granule. read_and_clear_dirty returns -EOPNOTSUPP: the DART has
 * no dirty state.
 */
/**
 * pt_iommu_dart_hw_info() - the TTBR addresses (also _dart_4k_hw_info)
 * @table: an initialised table
 * @info: filled as struct pt_iommu_dart_hw_info describes
 *
 * Locking: any time, lockless; the values never change. Errors: none.
 */
IOMMU_PROTOTYPES(dart, dart);
IOMMU_PROTOTYPES(dart_4k, dart);

GENERICPT_EXTERN_C_END

#endif
