// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The reference model of a page table: an interval map IOVA -> PA, with the
 * operations' expected results. Independent of Catch2 and of any format, so
 * the concurrency suite, the bad-input suite and the fuzz target share it.
 *
 * A table agrees with the model when its leaves (from for_each_entry),
 * merged into maximal runs contiguous in both VA and PA, equal the model's
 * runs — the page sizes the library chose do not matter.
 */
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

namespace gpt {

class RefModel {
public:
	using u64 = uint64_t;
	/* (va, len, pa) of a run contiguous in VA and PA. */
	using Run = std::tuple<u64, u64, u64>;

	struct Seg {
		u64 len;
		u64 pa;
	};

	/* Does [va, va + len) intersect a mapping? (len > 0) */
	bool overlaps(u64 va, u64 len) const
	{
		u64 last = va + len - 1;
		auto it = segs_.upper_bound(va);
		if (it != segs_.begin()) {
			auto p = std::prev(it);
			if (p->first + p->second.len - 1 >= va)
				return true;
		}
		return it != segs_.end() && it->first <= last;
	}

	void insert(u64 va, u64 len, u64 pa) { segs_[va] = { len, pa }; }

	/* Remove [va, va + len); returns the bytes that were mapped there. */
	u64 erase(u64 va, u64 len)
	{
		u64 removed = 0, last = va + len - 1;
		auto it = segs_.upper_bound(va);
		if (it != segs_.begin())
			--it;
		while (it != segs_.end() && it->first <= last) {
			u64 s = it->first, slast = s + it->second.len - 1;
			u64 pa = it->second.pa;
			if (slast < va) {
				++it;
				continue;
			}
			it = segs_.erase(it);
			if (s < va)
				segs_[s] = { va - s, pa };
			if (slast > last)
				segs_[last + 1] = { slast - last,
						    pa + (last + 1 - s) };
			removed += std::min(slast, last) - std::max(s, va) + 1;
		}
		return removed;
	}

	std::optional<u64> lookup(u64 va) const
	{
		auto it = segs_.upper_bound(va);
		if (it == segs_.begin())
			return std::nullopt;
		--it;
		if (va - it->first < it->second.len)
			return it->second.pa + (va - it->first);
		return std::nullopt;
	}

	/* Add every segment of @other (which must not overlap this one). */
	void merge(const RefModel &other)
	{
		for (auto &[va, s] : other.segs_)
			segs_[va] = s;
	}

	/* Maximal runs contiguous in both VA and PA, in VA order. */
	std::vector<Run> runs() const
	{
		std::vector<Run> out;
		for (auto &[va, s] : segs_)
			push_run(out, va, s.len, s.pa);
		return out;
	}

	static void push_run(std::vector<Run> &out, u64 va, u64 len, u64 pa)
	{
		if (!out.empty()) {
			auto &[lva, llen, lpa] = out.back();
			if (lva + llen == va && lpa + llen == pa) {
				llen += len;
				return;
			}
		}
		out.push_back({ va, len, pa });
	}

	/* Runs of a list of (va, size, oa) leaves, sorted by VA first. */
	template <class Leaves>
	static std::vector<Run> runs_of(Leaves leaves)
	{
		std::sort(leaves.begin(), leaves.end(),
			  [](const auto &a, const auto &b) { return a.va < b.va; });
		std::vector<Run> out;
		for (auto &l : leaves)
			push_run(out, l.va, l.size, l.oa);
		return out;
	}

	const std::map<u64, Seg> &segs() const { return segs_; }
	bool empty() const { return segs_.empty(); }
	size_t size() const { return segs_.size(); }
	void clear() { segs_.clear(); }

private:
	std::map<u64, Seg> segs_;
};

} // namespace gpt
