// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// The generic half of gpt::Table and gpt::Format: domain ops plumbing,
// feature names, errors.
#include "format.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

namespace gpt {

std::string errno_text(int err)
{
	int e = err < 0 ? -err : err;
	const char *name = strerrorname_np(e);

	return fmt::format("{} (-{})", std::strerror(e),
			   name ? name : fmt::format("{}", e));
}

LibError::LibError(std::string_view op, std::uint64_t iova, int err)
	: std::runtime_error(fmt::format("{} {}: {}", op, hex(iova), errno_text(err))),
	  err_(err)
{
}

LibError::LibError(std::string_view what, int err)
	: std::runtime_error(fmt::format("{}: {}", what, errno_text(err))), err_(err)
{
}

std::string_view flush_mode_name(FlushMode m)
{
	switch (m) {
	case FlushMode::all:
		return "all";
	case FlushMode::range:
		return "range";
	case FlushMode::range_no_gaps:
		return "range_no_gaps";
	}
	return "?";
}

std::optional<FlushMode> parse_flush_mode(std::string_view s)
{
	for (auto m : {FlushMode::all, FlushMode::range, FlushMode::range_no_gaps})
		if (s == flush_mode_name(m))
			return m;
	return std::nullopt;
}

unsigned flush_mode_features(FlushMode m)
{
	switch (m) {
	case FlushMode::all:
		return 0;
	case FlushMode::range:
		return 1u << PT_FEAT_FLUSH_RANGE;
	case FlushMode::range_no_gaps:
		return 1u << PT_FEAT_FLUSH_RANGE_NO_GAPS;
	}
	return 0;
}

void Table::attach(pt_iommu *iommu, const pt_common *common,
		   const iommu_domain_ops &fmt_ops)
{
	iommu_ = iommu;
	common_ = common;
	ops_box_.ops = fmt_ops;
	ops_box_.ops.iotlb_sync = &Table::iotlb_sync;
	ops_box_.owner = this;
	iommu_->domain.ops = &ops_box_.ops;
}

// driver_ops must be in place before init (PT_FEAT_DYNAMIC_TOP checks them).
Table::Table(const Format &f) : format_(f)
{
	driver_box_.ops.change_top = &Table::change_top;
	driver_box_.ops.get_top_lock = &Table::get_top_lock;
	driver_box_.owner = this;
	spin_lock_init(&driver_box_.lock);
}

void Table::iotlb_sync(iommu_domain *domain, iommu_iotlb_gather *gather)
{
	auto *box = reinterpret_cast<const OpsBox *>(domain->ops);
	FlushStats &f = box->owner->flush;

	f.syncs++;
	if (!iommu_iotlb_gather_empty(gather)) {
		std::uint64_t len = std::uint64_t(gather->end) - gather->start + 1;

		f.bytes += len;
		f.max_range = std::max(f.max_range, len);
	}
	f.freed_tables += iommu_pages_list_count(&gather->freelist);
}

void Table::change_top(pt_iommu *iommu, phys_addr_t, unsigned int)
{
	reinterpret_cast<const DriverBox *>(iommu->driver_ops)->owner->top_changes++;
}

spinlock_t *Table::get_top_lock(pt_iommu *iommu)
{
	auto *box = reinterpret_cast<const DriverBox *>(iommu->driver_ops);
	return &box->owner->driver_box_.lock;
}

int Table::try_map(std::uint64_t iova, std::uint64_t paddr, std::uint64_t size,
		   int prot)
{
	return iommu_map(&domain(), iova, paddr, size, prot, GFP_KERNEL);
}

void Table::map(std::uint64_t iova, std::uint64_t paddr, std::uint64_t size, int prot)
{
	if (int err = try_map(iova, paddr, size, prot))
		throw LibError("map", iova, err);
}

std::uint64_t Table::unmap(std::uint64_t iova, std::uint64_t size)
{
	return iommu_unmap(&domain(), iova, size);
}

std::uint64_t Table::iova_to_phys(std::uint64_t iova)
{
	return iommu_iova_to_phys(&domain(), iova);
}

void Table::cut(std::uint64_t iova)
{
	if (int err = iommu_->ops->cut(iommu_, iova, GFP_KERNEL))
		throw LibError("cut", iova, err);
}

void Table::set_dirty(std::uint64_t iova)
{
	if (int err = iommu_->ops->set_dirty(iommu_, iova))
		throw LibError("dirty", iova, err);
}

void Table::for_each_entry(const Visitor &fn)
{
	auto thunk = [](void *ctx, const pt_iommu_visit *v) -> int {
		(*static_cast<const Visitor *>(ctx))(*v);
		return 0;
	};
	iommu_->ops->for_each_entry(iommu_, thunk,
				    const_cast<Visitor *>(&fn));
}

// ---- features ----

static constexpr std::string_view kGenericFeatures[] = {
	"dma_incoherent", "full_va",    "dynamic_top",
	"sign_extend",    "flush_range", "flush_range_no_gaps", "detailed_gather",
};
static_assert(std::size(kGenericFeatures) == PT_FEAT_FMT_START);

unsigned Format::feature_count() const
{
	return PT_FEAT_FMT_START + static_cast<unsigned>(format_features().size());
}

std::string Format::feature_name(unsigned bit) const
{
	if (bit < PT_FEAT_FMT_START)
		return std::string(kGenericFeatures[bit]);
	if (bit < feature_count())
		return std::string(format_features()[bit - PT_FEAT_FMT_START]);
	return fmt::format("bit{}", bit);
}

std::optional<unsigned> Format::feature_bit(std::string_view name) const
{
	for (unsigned b = 0; b != feature_count(); b++)
		if (feature_name(b) == name)
			return b;
	return std::nullopt;
}

std::vector<std::string> Format::feature_names(unsigned bitmap) const
{
	std::vector<std::string> out;

	for (unsigned b = 0; b != 32; b++)
		if (bitmap & (1u << b))
			out.push_back(feature_name(b));
	return out;
}

} // namespace gpt
