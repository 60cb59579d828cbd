// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Helpers for the format-specific feature tests (tests/cfg/FMT_features.cpp):
 * compare a table against an independent hardware walker (tests/hw) and a
 * small interval model after random map / cut / unmap operations.
 */
#pragma once

#include "gpt_harness.h"
#include "hw_walker.h"

#include <functional>
#include <random>

namespace Catch {
template <> struct StringMaker<hw::Fault> {
	static std::string convert(hw::Fault f) { return hw::fault_name(f); }
};
} // namespace Catch

namespace gpt {

/* The device's view: translate @iova for @acc from the table's root. */
using WalkFn = std::function<hw::Translation(u64 iova, hw::Access acc)>;

/* What a walker must allow for a mapping made with @prot. */
struct Perms {
	bool read, write, exec;
};
using PermsFn = std::function<Perms(int prot)>;

/* Check one iova: unmapped (@pa empty) or mapped to *pa with @prot. */
inline void walker_expect(Table &t, const WalkFn &walk, const PermsFn &perms,
			  u64 iova, std::optional<u64> pa, int prot)
{
	INFO("iova " << std::hex << iova);
	if (!pa) {
		REQUIRE(t.phys(iova) == 0);
		for (auto acc : { hw::Access::Read, hw::Access::Write }) {
			hw::Translation tr = walk(iova, acc);
			INFO(tr.why);
			REQUIRE(tr.fault == hw::Fault::NotPresent);
		}
		return;
	}
	REQUIRE(t.phys(iova) == *pa);
	Perms p = perms(prot);
	hw::Translation r = walk(iova, hw::Access::Read);
	hw::Translation w = walk(iova, hw::Access::Write);
	hw::Translation x = walk(iova, hw::Access::Exec);
	INFO(r.why << " / " << w.why << " / " << x.why);
	REQUIRE(r.ok() == p.read);
	REQUIRE(w.ok() == p.write);
	REQUIRE(x.ok() == p.exec);
	for (auto *tr : { &r, &w, &x }) {
		REQUIRE((tr->ok() || tr->fault == hw::Fault::Permission));
		REQUIRE(tr->oa == *pa);
	}
}

/*
 * Random maps (every page size, several permissions), exact unmaps (cut at
 * both ends) and whole-entry unmaps in [base, base + window); after each
 * operation probe mapped and unmapped addresses through the walker.
 */
inline void walker_random(Table &t, const WalkFn &walk, const PermsFn &perms,
			  u64 base, u64 window, unsigned ops, u64 seed,
			  const std::vector<int> &prots, unsigned pa_lg2 = 40)
{
	struct Seg {
		u64 len, pa;
		int prot;
	};
	std::map<u64, Seg> model;
	std::mt19937_64 rng(seed);
	u64 g = t.granule();
	/*
	 * 32-bit hosts: map/unmap take an unsigned long iova and a size_t
	 * length, so keep the window where they reach.
	 */
	if (window > u64((size_t)-1 / 2 + 1))
		window = u64((size_t)-1 / 2 + 1);
	if (!Table::api_reaches(base, window))
		base = (t.map_end() + 1 - window) & ~(window - 1);
	std::vector<u64> sizes;
	for (unsigned b = 0; b < 64; b++)
		if ((t.pgsizes() >> b & 1) && (u64(1) << b) <= window / 8)
			sizes.push_back(u64(1) << b);
	auto find = [&](u64 va) -> std::optional<std::pair<u64, Seg>> {
		auto it = model.upper_bound(va);
		if (it == model.begin())
			return std::nullopt;
		--it;
		if (va - it->first >= it->second.len)
			return std::nullopt;
		return *it;
	};
	auto erase = [&](u64 va, u64 len) {
		u64 end = va + len, n = 0;
		auto it = model.upper_bound(va);
		if (it != model.begin())
			--it;
		while (it != model.end() && it->first < end) {
			u64 s = it->first, e = s + it->second.len;
			Seg sg = it->second;
			if (e <= va) {
				++it;
				continue;
			}
			it = model.erase(it);
			if (s < va)
				model[s] = { va - s, sg.pa, sg.prot };
			if (e > end)
				model[end] = { e - end, sg.pa + (end - s), sg.prot };
			n += std::min(e, end) - std::max(s, va);
		}
		return n;
	};
	auto probe = [&](u64 va) {
		auto s = find(va);
		if (s)
			walker_expect(t, walk, perms, va,
				      s->second.pa + (va - s->first),
				      s->second.prot);
		else
			walker_expect(t, walk, perms, va, std::nullopt, 0);
	};
	UNSCOPED_INFO("walker_random seed " << seed);
	for (unsigned op = 0; op < ops; op++) {
		u64 size = sizes[rng() % sizes.size()] * (1 + rng() % 3);
		u64 align = size & (~size + 1);
		u64 va = base + (rng() % (window - size)) / align * align;
		unsigned kind = rng() % 4;
		if (kind < 2) {
			u64 pa = (rng() % (u64(1) << pa_lg2)) / align * align;
			if (rng() % 4 == 0)
				pa = (rng() % (u64(1) << pa_lg2)) / g * g;
			int prot = prots[rng() % prots.size()];
			bool busy = false;
			for (auto &m : model)
				busy |= m.first < va + size &&
					va < m.first + m.second.len;
			int ret = t.map(va, pa, size, prot);
			REQUIRE(ret == (busy ? -EADDRINUSE : 0));
			if (!ret)
				model[va] = { size, pa, prot };
		} else if (kind == 2) {
			REQUIRE(t.cut(va) == 0);
			REQUIRE(t.cut(va + size) == 0);
			u64 n = erase(va, size);
			REQUIRE(t.unmap(va, size) == n);
		} else {
			u64 n = 0;
			for (auto &l : t.leaves())
				if (l.va < va + size && va < l.va + l.size) {
					n += l.size;
					REQUIRE(erase(l.va, l.size) == l.size);
				}
			REQUIRE(t.unmap(va, size) == n);
		}
		for (auto &m : model) {
			probe(m.first);
			probe(m.first + m.second.len - 1);
			probe(m.first + rng() % m.second.len);
			probe(m.first + m.second.len);
			if (m.first != base)
				probe(m.first - 1);
		}
		for (int i = 0; i < 16; i++)
			probe(base + rng() % window);
	}
	REQUIRE(t.unmap(base, window) == [&] {
		u64 n = 0;
		for (auto &m : model)
			n += m.second.len;
		return n;
	}());
}

/* Leaves (with raw words) and pointer entries as for_each_entry sees them. */
inline std::vector<pt_iommu_visit> visits(Table &t)
{
	std::vector<pt_iommu_visit> out;
	t.iommu()->ops->for_each_entry(
		t.iommu(),
		[](void *ctx, const pt_iommu_visit *v) {
			static_cast<std::vector<pt_iommu_visit> *>(ctx)->push_back(*v);
			return 0;
		},
		&out);
	return out;
}

/* Read and (unless NO_CLEAR) clear dirty state of [iova, iova+len). */
inline std::vector<u64> read_dirty(Table &t, u64 iova, u64 len,
				   unsigned long flags, int *ret)
{
	unsigned shift = __builtin_ctzll(t.granule());
	std::vector<unsigned long> bits((len >> shift) / (8 * sizeof(long)) + 1);
	iova_bitmap bm{ (unsigned long)iova, (unsigned long)len, shift, bits.data() };
	iommu_dirty_bitmap d{ &bm, nullptr };
	*ret = GPT_CALL(read_and_clear_dirty)(t.dom(), (unsigned long)iova,
					      (size_t)len, flags, &d);
	std::vector<u64> pages;
	for (u64 i = 0; i < (len >> shift); i++)
		if (bits[i / (8 * sizeof(long))] >> (i % (8 * sizeof(long))) & 1)
			pages.push_back(iova + (i << shift));
	return pages;
}

} // namespace gpt
