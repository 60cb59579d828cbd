// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The hostile-writer engine: a table built in an arena while "the guest"
 * (whoever else can write the arena) rewrites the arena's memory, and the
 * checks that the library never leaves the arena because of it.
 *
 * Memory, from low to high host addresses, in one mapping:
 *
 *   [ host_lo 64K, RW ][ guard 64K, PROT_NONE ][ arena ][ guard ][ host_hi ]
 *
 * host_lo and host_hi are ordinary host memory filled with a pattern: any
 * byte the library writes there is seen by neighbours_intact(); a read or
 * write of a guard page crashes the test. A second table in the same arena
 * ("other") and a heap table ("heap") stand for the other tables a VMM
 * keeps; their bytes must not change either. Crafted entries point at all
 * of these, at the table's own root, at its other tables, into the middle
 * of tables, at free arena memory, and at a page a leaf maps.
 *
 * Catch2-free (the fuzz target uses it too). The includer provides, in the
 * namespace it includes this header in: Tbl, Cfg, ConfigCase,
 * format_configs() (the cfg header protocol of tests/gpt_harness.h) and the
 * GPT_CALL() macro, and includes arena/hostile_deps.h (the headers this
 * one needs) at global scope before including this one inside its
 * namespace.
 */
#ifndef GPT_HOSTILE_DEPS_H
#error "include arena/hostile_deps.h at namespace scope first"
#endif

namespace hostile {

using u64 = uint64_t;

/* A failed check: what and where (the includer turns it into a failure). */
struct Failure {
	std::string what;
};

#define HOSTILE_CHECK(cond, msg)                                           \
	do {                                                               \
		if (!(cond))                                               \
			throw hostile::Failure{ std::string(msg) + " (" #cond \
						  ") at line " +            \
						  std::to_string(__LINE__) }; \
	} while (0)

/* The arena, its guards and its host neighbours (see the top comment). */
class Env {
public:
	static constexpr size_t kSide = 64 << 10;

	explicit Env(size_t arena_size) : arena_size_(arena_size)
	{
		total_ = 4 * kSide + arena_size;
		int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
		void *m = MAP_FAILED;
#ifdef MAP_32BIT
		/* Low host addresses: even 32-bit table pointers reach them. */
		m = mmap(nullptr, total_, PROT_READ | PROT_WRITE,
			 flags | MAP_32BIT, -1, 0);
#endif
		if (m == MAP_FAILED)
			m = mmap(nullptr, total_, PROT_READ | PROT_WRITE, flags,
				 -1, 0);
		HOSTILE_CHECK(m != MAP_FAILED, "mmap");
		base_ = static_cast<uint8_t *>(m);
		host_lo = base_;
		guard_lo = base_ + kSide;
		arena = base_ + 2 * kSide;
		guard_hi = arena + arena_size;
		host_hi = guard_hi + kSide;
		for (size_t i = 0; i != kSide; i++) {
			host_lo[i] = uint8_t(i * 7 + 1);
			host_hi[i] = uint8_t(i * 13 + 5);
		}
		HOSTILE_CHECK(mprotect(guard_lo, kSide, PROT_NONE) == 0 &&
				      mprotect(guard_hi, kSide, PROT_NONE) == 0,
			      "mprotect");
		sum_lo_ = sum(host_lo);
		sum_hi_ = sum(host_hi);
		/* Below 4 GiB, so every format's table pointers reach it. */
		for (u64 b : { 0xc0000000ull, 0xa0000000ull, 0xe0000000ull,
			       0x90000000ull, 0x70000000ull }) {
			nid = genericpt_arena_register(arena, b, arena_size);
			if (nid >= 0) {
				pa = b;
				break;
			}
		}
		HOSTILE_CHECK(nid >= GENERICPT_ARENA_NID_BASE,
			      "arena registration");
	}
	~Env()
	{
		if (nid >= 0)
			genericpt_arena_unregister(nid);
		munmap(base_, total_);
	}
	Env(const Env &) = delete;
	Env &operator=(const Env &) = delete;

	/* Unregister (every table must be gone): 0, or the errno. */
	int unregister()
	{
		int ret = genericpt_arena_unregister(nid);
		if (!ret)
			nid = -1;
		return ret;
	}
	bool neighbours_intact() const
	{
		return sum(host_lo) == sum_lo_ && sum(host_hi) == sum_hi_;
	}
	size_t arena_size() const { return arena_size_; }
	bool in_arena(u64 p, u64 len = 1) const
	{
		return p >= pa && p - pa + len <= arena_size_;
	}
	uint8_t *host_of(u64 p) const { return arena + (p - pa); }
	genericpt_arena_stats stats() const
	{
		genericpt_arena_stats st{};
		genericpt_arena_get_stats(nid, &st);
		return st;
	}

	uint8_t *host_lo, *guard_lo, *arena, *guard_hi, *host_hi;
	int nid = -1;
	u64 pa = 0;

private:
	static u64 sum(const uint8_t *p)
	{
		u64 h = 1469598103934665603ull;
		for (size_t i = 0; i != kSide; i++)
			h = (h ^ p[i]) * 1099511628211ull;
		return h;
	}
	uint8_t *base_;
	size_t total_, arena_size_;
	u64 sum_lo_, sum_hi_;
};

/* A table pointer as for_each_entry reports it. */
struct Pointer {
	u64 table_pa; /* the table holding the entry */
	unsigned index, item_lg2, level;
	u64 raw, oa;  /* the entry and the table it points to */
	u64 va;       /* first VA the entry covers */
	unsigned size_lg2;
};

struct TableInfo {
	u64 pa;
	unsigned size_lg2, level;
};

/* One page table with the callbacks a dynamic top needs. */
class Dom {
public:
	Dom(const ConfigCase &cc, int nid)
	{
		Cfg c{};
		cc.fill(c);
		c.common.features |= cc.features;
		spin_lock_init(&lock_);
		dops_.change_top = [](pt_iommu *, phys_addr_t, unsigned) {};
		dops_.get_top_lock = [](pt_iommu *p) {
			return &reinterpret_cast<Dom *>(
					reinterpret_cast<char *>(p) -
					offsetof(Tbl, iommu))
					->lock_;
		};
		t.iommu.driver_ops = &dops_;
		t.iommu.nid = nid;
		init_ret = GPT_CALL(init)(&t, &c, GFP_KERNEL);
	}
	~Dom()
	{
		if (!init_ret)
			pt_iommu_deinit(&t.iommu);
	}
	Dom(const Dom &) = delete;
	Dom &operator=(const Dom &) = delete;

	iommu_domain *dom() { return &t.iommu.domain; }
	u64 pgsizes() const { return t.iommu.domain.pgsize_bitmap; }
	u64 granule() const { return pgsizes() & (~pgsizes() + 1); }

	int map(u64 iova, u64 pa, u64 len, u64 pg)
	{
		size_t mapped = 0;
		return GPT_CALL(map_pages)(dom(), (unsigned long)iova, pa,
					   (size_t)pg, (size_t)(len / pg),
					   IOMMU_READ | IOMMU_WRITE, GFP_KERNEL,
					   &mapped);
	}
	u64 unmap(u64 iova, u64 len)
	{
		iommu_iotlb_gather g;
		iommu_iotlb_gather_init(&g);
		u64 r = GPT_CALL(unmap_pages)(dom(), (unsigned long)iova,
					      (size_t)granule(),
					      (size_t)(len / granule()), &g);
		iommu_iotlb_sync(dom(), &g);
		return r;
	}
	u64 phys(u64 iova) { return GPT_CALL(iova_to_phys)(dom(), iova); }
	int cut(u64 iova) { return t.iommu.ops->cut(&t.iommu, iova, GFP_KERNEL); }
	int set_dirty(u64 iova) { return t.iommu.ops->set_dirty(&t.iommu, iova); }
	int read_dirty(u64 iova, u64 len, bool clear)
	{
		iommu_iotlb_gather g;
		iommu_iotlb_gather_init(&g);
		std::vector<unsigned long> bits(64);
		iova_bitmap bm{ (unsigned long)iova, (unsigned long)len,
				(unsigned)__builtin_ctzll(granule()),
				bits.data() };
		/* Only the first 64 * bits-per-long pages are recorded. */
		if (len / granule() > bits.size() * sizeof(long) * 8)
			bm.length = (unsigned long)(bits.size() * sizeof(long) *
						    8 * granule());
		iommu_dirty_bitmap d{ &bm, &g };
		int r = GPT_CALL(read_and_clear_dirty)(
			dom(), (unsigned long)iova, (size_t)len,
			clear ? 0 : IOMMU_DIRTY_NO_CLEAR, &d);
		iommu_iotlb_sync(dom(), &g);
		return r;
	}

	/* Walk everything; the visit's result (0 or -EIO). */
	int visit(std::vector<TableInfo> *tables, std::vector<Pointer> *ptrs)
	{
		struct Ctx {
			std::vector<TableInfo> *tables;
			std::vector<Pointer> *ptrs;
		} ctx{ tables, ptrs };
		return t.iommu.ops->for_each_entry(
			&t.iommu,
			[](void *p, const pt_iommu_visit *v) {
				auto *c = static_cast<Ctx *>(p);
				if (v->kind == PT_VISIT_TABLE && c->tables)
					c->tables->push_back(
						{ v->table_pa, v->table_size_lg2,
						  v->level });
				if (v->kind == PT_VISIT_POINTER && c->ptrs)
					c->ptrs->push_back(
						{ v->table_pa, v->index,
						  v->item_size_lg2, v->level,
						  v->raw, v->oa, v->va,
						  v->size_lg2 });
				return 0;
			},
			&ctx);
	}

	Tbl t{}; /* first member: the top-lock callback finds us from it */
	int init_ret = -1;

private:
	spinlock_t lock_{};
	pt_iommu_driver_ops dops_{};
};

/* Read/write one item of table memory as the other CPU would: one access. */
inline u64 load_item(const uint8_t *p, unsigned item_lg2)
{
	if (item_lg2 == 3)
		return __atomic_load_n(reinterpret_cast<const u64 *>(p),
				       __ATOMIC_RELAXED);
	return __atomic_load_n(reinterpret_cast<const uint32_t *>(p),
			       __ATOMIC_RELAXED);
}
inline void store_item(uint8_t *p, unsigned item_lg2, u64 v)
{
	if (item_lg2 == 3)
		__atomic_store_n(reinterpret_cast<u64 *>(p), v,
				 __ATOMIC_RELAXED);
	else
		__atomic_store_n(reinterpret_cast<uint32_t *>(p), uint32_t(v),
				 __ATOMIC_RELAXED);
}

/* Bytes of a heap table set, to prove they did not change. */
inline std::vector<std::vector<uint8_t>>
heap_bytes(const std::vector<TableInfo> &tables)
{
	std::vector<std::vector<uint8_t>> out;
	for (auto &t : tables) {
		const auto *p = reinterpret_cast<const uint8_t *>(
			(uintptr_t)t.pa);
		out.emplace_back(p, p + (size_t(1) << t.size_lg2));
	}
	return out;
}

/*
 * The scenario: the table under attack ("victim"), a second table in the
 * same arena and a heap table, each with some mappings; then the guest's
 * writes and the library's operations, in an order a byte source decides.
 */
class Scenario {
public:
	using Source = std::function<u64()>;

	Scenario(Env &env, const ConfigCase &cc)
		: env_(env), victim_(cc, env.nid), other_(cc, env.nid),
		  heap_(cc, NUMA_NO_NODE)
	{
		HOSTILE_CHECK(victim_.init_ret == 0 && other_.init_ret == 0 &&
				      heap_.init_ret == 0,
			      "init");
		const auto &g = victim_.t.iommu.domain.geometry;
		u64 hi = std::min<u64>(g.aperture_end, ULONG_MAX / 2);
		win_lo_ = g.aperture_start;
		win_len_ = std::min<u64>(hi - win_lo_ + 1, u64(1) << 30);
		while (win_len_ & (win_len_ - 1))
			win_len_ &= win_len_ - 1;
		for (unsigned b = 0; b < 31; b++)
			if ((victim_.pgsizes() >> b & 1) &&
			    (u64(1) << b) * 8 <= win_len_)
				sizes_.push_back(u64(1) << b);
		HOSTILE_CHECK(!sizes_.empty(), "page sizes");
		/* Mappings in three places of the window, every table has some. */
		for (Dom *d : { &victim_, &other_, &heap_ })
			populate(*d);
		/* A leaf whose page lies in the arena (a target below). */
		leaf_page_ = env_.pa + env_.arena_size() - 4 * sizes_[0];
		HOSTILE_CHECK(victim_.map(win_lo_ + win_len_ / 2, leaf_page_,
					  sizes_[0], sizes_[0]) == 0,
			      "map of a page in the arena");
		refresh();
		other_.visit(&other_tables_, nullptr);
		heap_.visit(&heap_tables_, nullptr);
		heap_bytes_ = heap_bytes(heap_tables_);
		other_bytes_ = arena_bytes(other_tables_);
		warns_ = genericpt_warn_count();
	}

	/* Re-read the victim's tables and pointers (the guest's view). */
	void refresh()
	{
		tables_.clear();
		ptrs_.clear();
		victim_.visit(&tables_, &ptrs_);
		for (auto &p : ptrs_)
			pool_.push_back(p.raw);
		if (pool_.size() > 256)
			pool_.erase(pool_.begin(), pool_.end() - 256);
	}

	/*
	 * Physical addresses worth pointing at: outside the arena (host
	 * memory, a guard page, the heap table), at the edges of the arena,
	 * and inside it at things that are not this entry's table.
	 */
	std::vector<u64> targets() const
	{
		std::vector<u64> t = {
			(u64)(uintptr_t)env_.host_lo,
			(u64)(uintptr_t)env_.host_hi,
			(u64)(uintptr_t)env_.guard_lo,
			(u64)(uintptr_t)env_.guard_hi,
			env_.pa - (u64(1) << 16),
			env_.pa + env_.arena_size(),
			env_.pa + env_.arena_size() - (u64(1) << 16),
			leaf_page_,
		};
		for (auto &tb : heap_tables_)
			t.push_back(tb.pa);
		for (auto &tb : other_tables_)
			t.push_back(tb.pa);
		for (auto &tb : tables_) {
			t.push_back(tb.pa);
			/* The middle of a table. */
			if (tb.size_lg2 > 10)
				t.push_back(tb.pa + (u64(1) << (tb.size_lg2 - 1)));
		}
		return t;
	}

	/*
	 * An entry value that makes @p point at @target, found by moving the
	 * address bits of @p's own value: the field is at the same place in
	 * every format here, only shifted by a few bits. Verified through the
	 * library's own decode (the POINTER record of for_each_entry); false
	 * when the format cannot express @target there.
	 */
	bool craft(const Pointer &p, u64 target, u64 *raw)
	{
		u64 delta = p.oa ^ target;
		uint8_t *at = item(p);
		u64 orig = load_item(at, p.item_lg2);
		for (int s : { 0, 2, -1, 4, 8, -2, -4, -8, 1, 10, 12, 6, 3, -3 }) {
			u64 cand = p.raw ^ (s >= 0 ? delta >> s : delta << -s);
			if (p.item_lg2 == 2 && cand >> 32)
				continue;
			store_item(at, p.item_lg2, cand);
			std::vector<Pointer> seen;
			victim_.visit(nullptr, &seen);
			store_item(at, p.item_lg2, orig);
			for (auto &q : seen)
				if (q.table_pa == p.table_pa &&
				    q.index == p.index && q.oa == target &&
				    q.raw == cand) {
					*raw = cand;
					return true;
				}
		}
		return false;
	}

	uint8_t *item(const Pointer &p) const
	{
		return env_.host_of(p.table_pa) + (size_t(p.index) << p.item_lg2);
	}

	/* The checks that hold whatever the guest wrote. */
	void check_boundary(bool other_untouched)
	{
		HOSTILE_CHECK(env_.neighbours_intact(),
			      "host memory next to the arena changed");
		HOSTILE_CHECK(heap_bytes(heap_tables_) == heap_bytes_,
			      "the heap table's memory changed");
		if (other_untouched)
			HOSTILE_CHECK(arena_bytes(other_tables_) == other_bytes_,
				      "the other arena table's memory changed");
		/* Only the corrupt-entry WARN, at most once per table. */
		HOSTILE_CHECK(genericpt_warn_count() - warns_ <= 2,
			      "a WARN other than the corrupt-entry one");
	}

	/* One library operation chosen by @src, anywhere in the window. */
	void op(const Source &src)
	{
		u64 pg = sizes_[src() % sizes_.size()];
		u64 len = pg * (1 + src() % 4);
		u64 va = win_lo_ + ((src() % (win_len_ - len)) & ~(pg - 1));
		u64 pa = (u64(1) << 28) + ((va - win_lo_) & ((u64(1) << 30) - 1));
		int r;

		switch (src() % 8) {
		case 0:
		case 1:
			r = victim_.map(va, pa & ~(pg - 1), len, pg);
			HOSTILE_CHECK(r == 0 || r == -EIO || r == -EADDRINUSE ||
					      r == -ENOMEM,
				      "map: " + std::to_string(r));
			break;
		case 2:
			victim_.unmap(va, len);
			break;
		case 3:
			r = victim_.cut(va + sizes_[0] * (src() % 4));
			/*
			 * -EADDRINUSE: the guest wrote leaves into the new
			 * table cut was filling (it is arena memory too).
			 */
			HOSTILE_CHECK(r == 0 || r == -EIO || r == -ENOMEM ||
					      r == -ERANGE || r == -EADDRINUSE,
				      "cut: " + std::to_string(r));
			break;
		case 4:
			victim_.phys(va + src() % len);
			break;
		case 5:
			r = victim_.read_dirty(va, len, src() & 1);
			HOSTILE_CHECK(r == 0 || r == -EIO || r == -EOPNOTSUPP,
				      "read_and_clear_dirty: " +
					      std::to_string(r));
			break;
		case 6:
			r = victim_.set_dirty(va);
			HOSTILE_CHECK(r == 0 || r == -EIO || r == -ENOENT ||
					      r == -EOPNOTSUPP,
				      "set_dirty: " + std::to_string(r));
			break;
		default:
			r = victim_.visit(nullptr, nullptr);
			HOSTILE_CHECK(r == 0 || r == -EIO,
				      "for_each_entry: " + std::to_string(r));
			break;
		}
	}

	/* One write of the guest chosen by @src, into the victim's tables. */
	void guest_write(const Source &src)
	{
		if (tables_.empty())
			return;
		const TableInfo &tb = tables_[src() % tables_.size()];
		unsigned item_lg2 = ptrs_.empty() ? 3 : ptrs_[0].item_lg2;
		if (tb.size_lg2 < item_lg2)
			return;
		u64 n = u64(1) << (tb.size_lg2 - item_lg2);
		uint8_t *at = env_.host_of(tb.pa) + (size_t(src() % n) << item_lg2);
		u64 v;

		switch (src() % 5) {
		case 0:
			v = src() * 0x9e3779b97f4a7c15ull; /* a random word */
			break;
		case 1: /* a pointer from elsewhere: the same table twice */
			v = pool_.empty() ? 0 : pool_[src() % pool_.size()];
			break;
		case 2: /* a crafted pointer */
			v = crafted_.empty() ? 0 :
					       crafted_[src() % crafted_.size()];
			break;
		case 3: /* a pointer with a flipped address bit */
			v = pool_.empty() ? 0 :
					    pool_[src() % pool_.size()] ^
						    (u64(1) << (12 + src() % 40));
			break;
		default:
			v = 0;
			break;
		}
		store_item(at, item_lg2, v);
	}

	/*
	 * Every crafted pointer into every pointer entry the victim has, each
	 * followed by every operation over the entry's range: each must see
	 * the corrupt entry (-EIO, or 0 from iova_to_phys) and change nothing
	 * outside the victim. Then the entry is put back and the table works
	 * again. Returns the number of (entry, target) pairs tried.
	 */
	unsigned crafted_attacks()
	{
		unsigned tried = 0;
		std::vector<Pointer> ptrs = ptrs_;
		std::vector<u64> tgts = targets();
		for (const Pointer &p : ptrs) {
			for (u64 target : tgts) {
				u64 raw;
				if (target == p.oa || !craft(p, target, &raw))
					continue;
				crafted_.push_back(raw);
				attack_one(p, raw);
				tried++;
			}
		}
		return tried;
	}

	/* Random interleaving of guest writes and operations, one thread. */
	void interleaved(const Source &src, unsigned steps)
	{
		for (unsigned i = 0; i != steps; i++) {
			if (src() % 3 == 0)
				guest_write(src);
			else
				op(src);
			if (i % 16 == 0) {
				check_boundary(true);
				refresh();
			}
		}
		check_boundary(true);
	}

	/*
	 * The guest as another CPU: a thread scribbles over the whole arena
	 * (the other table included) while this one operates.
	 */
	void concurrent(const Source &src, unsigned steps, u64 seed)
	{
		std::atomic<bool> stop{ false };
		std::vector<std::pair<u64, unsigned>> spots;
		for (auto &t : tables_)
			spots.push_back({ t.pa, t.size_lg2 });
		for (auto &t : other_tables_)
			spots.push_back({ t.pa, t.size_lg2 });
		std::vector<u64> values = pool_;
		values.insert(values.end(), crafted_.begin(), crafted_.end());
		unsigned item_lg2 = ptrs_.empty() ? 3 : ptrs_[0].item_lg2;
		Env &env = env_;
		std::thread guest([&, seed] {
			std::mt19937_64 rng(seed);
			while (!stop.load(std::memory_order_relaxed)) {
				u64 off;
				if (rng() % 4 == 0 || spots.empty()) {
					off = rng() % env.arena_size();
				} else {
					auto &s = spots[rng() % spots.size()];
					off = s.first - env.pa +
					      rng() % (u64(1) << s.second);
				}
				off &= ~((u64(1) << item_lg2) - 1);
				u64 v = rng() % 3 == 0 || values.empty() ?
						rng() :
						values[rng() % values.size()];
				store_item(env.arena + off, item_lg2, v);
			}
		});
		try {
			for (unsigned i = 0; i != steps; i++)
				op(src);
		} catch (...) {
			stop = true;
			guest.join();
			throw;
		}
		stop = true;
		guest.join();
		check_boundary(false);
	}

	/*
	 * Free everything and check that exactly the arena's tables went:
	 * the arena empty (so unregister works), the runtime's count back.
	 */
	static void check_all_freed(Env &env, u64 live_before)
	{
		genericpt_alloc_stats st;
		genericpt_get_alloc_stats(&st);
		HOSTILE_CHECK(env.stats().live_tables == 0,
			      "arena tables left after deinit");
		HOSTILE_CHECK(st.live_tables == live_before,
			      "table allocations left after deinit");
	}

	Dom &victim() { return victim_; }
	const std::vector<Pointer> &pointers() const { return ptrs_; }

private:
	void populate(Dom &d)
	{
		u64 pg = sizes_[0];
		for (u64 part : { u64(0), win_len_ / 4, win_len_ / 2 + win_len_ / 8 }) {
			u64 va = win_lo_ + part;
			HOSTILE_CHECK(d.map(va, (u64(1) << 28) + part, 8 * pg, pg) == 0,
				      "populate map");
			if (sizes_.size() > 1) {
				u64 big = sizes_[1];
				u64 bva = (va + 16 * pg + big - 1) & ~(big - 1);
				if (bva + big <= win_lo_ + win_len_)
					HOSTILE_CHECK(d.map(bva, (u64(1) << 28) + (bva - win_lo_),
							    big, big) == 0,
						      "populate map large");
			}
		}
	}

	std::vector<std::vector<uint8_t>>
	arena_bytes(const std::vector<TableInfo> &tables) const
	{
		std::vector<std::vector<uint8_t>> out;
		for (auto &t : tables) {
			const uint8_t *p = env_.host_of(t.pa);
			out.emplace_back(p, p + (size_t(1) << t.size_lg2));
		}
		return out;
	}

	void attack_one(const Pointer &p, u64 raw)
	{
		uint8_t *at = item(p);
		u64 orig = load_item(at, p.item_lg2);
		u64 span = u64(1) << p.size_lg2;
		u64 corrupt0 = env_.stats().corrupt_entries;
		/* The range the entry covers, within what the API reaches. */
		u64 va = p.va, len = std::min<u64>(span, u64(1) << 30);
		bool reach = va <= ULONG_MAX / 2;

		store_item(at, p.item_lg2, raw);
		HOSTILE_CHECK(victim_.phys(va) == 0, "iova_to_phys through a corrupt entry");
		HOSTILE_CHECK(victim_.visit(nullptr, nullptr) == -EIO,
			      "for_each_entry through a corrupt entry");
		int r = victim_.cut(va + victim_.granule());
		HOSTILE_CHECK(r == -EIO, "cut through a corrupt entry: " + std::to_string(r));
		r = victim_.set_dirty(va);
		HOSTILE_CHECK(r == -EIO || r == -EOPNOTSUPP,
			      "set_dirty through a corrupt entry: " + std::to_string(r));
		if (reach) {
			r = victim_.read_dirty(va, len, true);
			HOSTILE_CHECK(r == -EIO || r == -EOPNOTSUPP,
				      "read_and_clear_dirty through a corrupt entry: " +
					      std::to_string(r));
			r = victim_.map(va, u64(1) << 28, victim_.granule(),
					victim_.granule());
			HOSTILE_CHECK(r == -EIO, "map through a corrupt entry: " +
							 std::to_string(r));
			HOSTILE_CHECK(victim_.unmap(va, len) == 0,
				      "unmap through a corrupt entry");
		}
		HOSTILE_CHECK(load_item(at, p.item_lg2) == raw,
			      "the library rewrote the corrupt entry");
		HOSTILE_CHECK(env_.stats().corrupt_entries > corrupt0,
			      "corrupt entries not counted");
		check_boundary(true);
		/* Put the entry back: the table is whole again. */
		store_item(at, p.item_lg2, orig);
		HOSTILE_CHECK(victim_.visit(nullptr, nullptr) == 0,
			      "for_each_entry after the entry was restored");
		if (reach) {
			HOSTILE_CHECK(victim_.map(va, u64(1) << 28,
						  victim_.granule(),
						  victim_.granule()) != -EIO,
				      "map after the entry was restored");
		}
	}

	Env &env_;
	Dom victim_, other_, heap_;
	u64 win_lo_ = 0, win_len_ = 0, leaf_page_ = 0;
	std::vector<u64> sizes_;
	std::vector<TableInfo> tables_, other_tables_, heap_tables_;
	std::vector<Pointer> ptrs_;
	std::vector<u64> pool_, crafted_;
	std::vector<std::vector<uint8_t>> heap_bytes_, other_bytes_;
	unsigned long warns_ = 0;
};

} // namespace hostile
