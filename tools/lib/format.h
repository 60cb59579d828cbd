// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// The tools' view of a page-table format.
//
// Every tool (CLI, benchmark, demo) works on any format through two types:
//
//  - Format: what a format is called, which features it names, and how to
//    create a table of it from a few generic knobs (levels, VA/OA bits,
//    features). One small adaptor per format provides it (tools/formats/).
//  - Table: one live page table of some format. It owns the format's
//    struct pt_iommu_FMT, routes iotlb_sync and change_top back to itself and
//    exposes the generic operations (iommu_map(), iommu_unmap(),
//    iova_to_phys, cut, set_dirty, for_each_entry) plus the format's hw_info
//    as JSON.
//
// Everything else (discovering the layout, dumping, replaying, benchmarking)
// is written once on top of these.
#pragma once

#include "genericpt_api.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gpt {

// Host PAGE_SIZE the library was built for (iommu_map()'s fast path).
inline constexpr std::uint64_t kPageSize = GENERICPT_PAGE_SIZE;

// Generic knobs every format understands (unset: the format's default).
struct Knobs {
	std::optional<unsigned> levels;
	std::optional<unsigned> va_bits;
	std::optional<unsigned> oa_bits;
	// Translation granule, log2 bytes, for a format that takes one at init
	// (armv8); other formats refuse it.
	std::optional<unsigned> granule_lg2;
	unsigned features = 0; // bitmap of enum pt_features / format features
	int nid = 0;           // pt_iommu::nid: an arena id puts the tables there
};

// How the driver invalidates the IOTLB, i.e. which gather features are on.
enum class FlushMode {
	all,           // no range features: every sync invalidates everything
	range,         // PT_FEAT_FLUSH_RANGE: one range per sync, gaps included
	range_no_gaps, // PT_FEAT_FLUSH_RANGE_NO_GAPS: disjoint changes sync apart
};
std::string_view flush_mode_name(FlushMode m);
std::optional<FlushMode> parse_flush_mode(std::string_view s);
unsigned flush_mode_features(FlushMode m);

// What the driver's iotlb_sync saw.
struct FlushStats {
	std::uint64_t syncs = 0;      // iotlb_sync calls
	std::uint64_t bytes = 0;      // IOVA bytes covered by the synced ranges
	std::uint64_t max_range = 0;  // largest single range
	std::uint64_t freed_tables = 0; // table allocations released by syncs
};

// A library call failed: "map 0x1000: Address already in use (-EADDRINUSE)".
class LibError : public std::runtime_error {
public:
	LibError(std::string_view op, std::uint64_t iova, int err);
	LibError(std::string_view what, int err);
	int err() const { return err_; }

private:
	int err_;
};

// "Address already in use (-EADDRINUSE)" for -EADDRINUSE.
std::string errno_text(int err);

class Format;

// One initialised page table. Destroying it calls pt_iommu_deinit().
class Table {
public:
	virtual ~Table() = default;
	Table(const Table &) = delete;
	Table &operator=(const Table &) = delete;

	const Format &format() const { return format_; }
	pt_iommu &iommu() { return *iommu_; }
	iommu_domain &domain() { return iommu_->domain; }
	const pt_common &common() const { return *common_; }

	unsigned top_level() const
	{
		return static_cast<unsigned>(common_->top_of_table & PT_TOP_LEVEL_MASK);
	}
	unsigned levels() const { return top_level() + 1; }
	std::uint64_t pgsize_bitmap() const { return iommu_->domain.pgsize_bitmap; }

	// The format's hw_info, every field, addresses as "0x..." strings.
	virtual nlohmann::json hw_info() const = 0;
	// Physical address of the top table the hardware starts from.
	virtual std::uint64_t root() const = 0;

	// The iommu_map()/iommu_unmap() helpers of the IOMMU core; map throws
	// LibError on failure, unmap returns the bytes unmapped.
	void map(std::uint64_t iova, std::uint64_t paddr, std::uint64_t size, int prot);
	int try_map(std::uint64_t iova, std::uint64_t paddr, std::uint64_t size, int prot);
	std::uint64_t unmap(std::uint64_t iova, std::uint64_t size);
	std::uint64_t iova_to_phys(std::uint64_t iova);
	void cut(std::uint64_t iova);
	void set_dirty(std::uint64_t iova);

	// Visit every table and present entry (pt_iommu_ops::for_each_entry).
	using Visitor = std::function<void(const pt_iommu_visit &)>;
	void for_each_entry(const Visitor &fn);

	FlushStats flush;               // updated by the domain's iotlb_sync
	std::uint64_t top_changes = 0;  // PT_FEAT_DYNAMIC_TOP grew the table

protected:
	explicit Table(const Format &f);
	void attach(pt_iommu *iommu, const pt_common *common,
		    const iommu_domain_ops &fmt_ops);

	// Kept in the Table so the C callbacks can find it again from the
	// pointers the library hands them (first members: pointer-interconvertible).
	struct OpsBox {
		iommu_domain_ops ops;
		Table *owner;
	};
	struct DriverBox {
		pt_iommu_driver_ops ops;
		Table *owner;
		spinlock_t lock;
	};
	OpsBox ops_box_{};
	DriverBox driver_box_{};

private:
	static void iotlb_sync(iommu_domain *domain, iommu_iotlb_gather *gather);
	static void change_top(pt_iommu *iommu, phys_addr_t top, unsigned int level);
	static spinlock_t *get_top_lock(pt_iommu *iommu);

	const Format &format_;
	pt_iommu *iommu_ = nullptr;
	const pt_common *common_ = nullptr;
};

// Names for the bits of a raw entry, for the dump's attribute column.
struct BitName {
	unsigned bit;
	std::string_view name;
};

class Format {
public:
	virtual ~Format() = default;

	virtual std::string_view name() const = 0;
	virtual std::string_view title() const = 0;
	// Names of the format's own features, from PT_FEAT_FMT_START on.
	virtual std::span<const std::string_view> format_features() const = 0;
	// What --levels means for this format, for help and errors.
	virtual std::string_view levels_help() const = 0;

	// Create a table; throws LibError (init's error) or std::invalid_argument
	// (knobs the format cannot express).
	virtual std::unique_ptr<Table> create(const Knobs &knobs) const = 0;

	// Attribute names of a present entry's raw word ("IR IW FC"); @features
	// are the table's (some formats have feature-dependent layouts).
	virtual std::string attributes(const pt_iommu_visit &v,
				       unsigned features) const = 0;

	// "dynamic_top" -> PT_FEAT_DYNAMIC_TOP, "force_coherence" -> format bit.
	std::optional<unsigned> feature_bit(std::string_view name) const;
	std::string feature_name(unsigned bit) const;
	std::vector<std::string> feature_names(unsigned bitmap) const;
	// Every feature bit this format could name (generic + its own).
	unsigned feature_count() const;
};

// The formats compiled into the tools, in a fixed order.
std::span<const Format *const> formats();
const Format *find_format(std::string_view name);
std::string format_list(); // "amdv1, amdv1_mock, ..."

// Small helpers shared by the tools.
std::string hex(std::uint64_t v);
std::string size_str(std::uint64_t bytes);          // "4 KiB", "1 GiB", "12 KiB"
std::string lg2_size_str(unsigned lg2);              // "4K", "2M", "1G", "2^50"
std::optional<std::uint64_t> parse_u64(std::string_view s); // 0x.., decimal, K/M/G/T suffix
std::optional<int> parse_prot(std::string_view s);    // "rw", "r", "0x3", "READ|WRITE"
std::string prot_str(int prot);
std::string attr_bits(std::uint64_t raw, std::span<const BitName> names);

} // namespace gpt
