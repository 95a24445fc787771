// This file's external interface is RankAndGrade: ranks within peer groups and grades
// with quotas (rule-language §10, §12 "Ranks and grades", "Vetoes").
#include "eval/ranking.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "core/run_on_threads.h"
#include "eval/quota.h"
#include "eval/rank_by_counting.h"
#include "num/round.h"

namespace assess::eval {
namespace {

struct Entry {
  uint32_t unit = 0;
  bool forced = false;    // a fired veto forces the grade: ranks after all others
  int forced_level = -1;  // the worst level forced
  int max_level = -1;     // the most restrictive max_grade (-1: none)
  double total = 0;       // rounded
  uint32_t tie = 0;       // where its rounded tie_break scores start in the group's `ties`
};

// Orders a group's entries: forced units last, then by total, then by tie_break scores
// (-inf where an indicator does not apply).
struct Before {
  const LargeVector<double>& ties;
  size_t count;  // tie_break scores per entry
  bool operator()(const Entry& a, const Entry& b) const {
    if (a.forced != b.forced) return !a.forced;
    if (a.total != b.total) return a.total > b.total;
    for (size_t k = 0; k < count; ++k) {
      const double x = ties[a.tie + k], y = ties[b.tie + k];
      if (x != y) return x > y;
    }
    return false;
  }
};

// Before, and of two entries that neither is before, the first unit first: sorting by it
// gives a stable sort's order without the stable sort's buffer of half the entries (a
// group's members are in input order).
struct BeforeOrFirst {
  Before before;
  bool operator()(const Entry& a, const Entry& b) const {
    if (before(a, b)) return true;
    if (before(b, a)) return false;
    return a.unit < b.unit;
  }
};

// Grades the units of one group, already in rank order (ties adjacent). `n` counts the
// group's units not in error.
template <class Order>
void Grade(const check::Grades& grades, const Order& order, size_t n, ResultTable& res) {
  const auto& rank = res.rank;
  const size_t levels = grades.levels.size();
  LevelQuotas quotas(grades, n);
  auto fits_min = [&](const Entry& e, size_t l) {
    return !grades.levels[l].min || e.total >= *grades.levels[l].min;
  };
  // Reused from one rank to the next: a million units must not cost millions of allocations
  // (this loop runs on one thread after the parallel sort).
  std::vector<const Entry*> open, takers, rest;
  for (size_t begin = 0; begin < order.size();) {
    size_t end = begin + 1;
    while (end < order.size() && rank[order[end].unit] == rank[order[begin].unit]) ++end;
    open.clear();
    for (size_t k = begin; k < end; ++k) {
      const Entry& e = order[k];
      if (e.forced) {
        res.grade[e.unit] = e.forced_level;  // takes no quota place
      } else {
        open.push_back(&e);
      }
    }
    for (size_t l = 0; l < levels && !open.empty(); ++l) {
      if (quotas.closed(l)) continue;
      takers.clear();
      rest.clear();
      for (const Entry* e : open) {
        const bool may =
            fits_min(*e, l) && (e->max_level < 0 || static_cast<int>(l) >= e->max_level);
        (may ? takers : rest).push_back(e);
      }
      if (takers.empty()) continue;
      if (quotas.Admit(l, static_cast<long long>(takers.size()))) {
        for (const Entry* e : takers) res.grade[e->unit] = static_cast<int32_t>(l);
        open.swap(rest);
      }
    }
    begin = end;
  }
}

// A group's entries in rank order without moving them: the k-th is
// halves[...][order[k]] (the halves' entries numbered on from the first's).
struct PermutedEntries {
  const LargeVector<Entry>* halves;
  const LargeVector<uint32_t>* order;
  size_t size() const { return order->size(); }
  const Entry& operator[](size_t k) const { return At(halves, (*order)[k]); }
  static const Entry& At(const LargeVector<Entry>* halves, size_t i) {
    return i < halves[0].size() ? halves[0][i] : halves[1][i - halves[0].size()];
  }
};

// The rank order of the entries of halves[0..parts) (members in input order), as
// `order` sorts them, by a radix sort of their totals as whole numbers of 10^-digits (the
// totals are rounded to `digits`): a counting pass or two over the entries instead of a
// comparison sort, and no copy of them. The sort is stable, so units of equal keys stay in
// input order, as `order` has them; with tie_break scores, each run of equal totals is
// then sorted by `order`. False, with nothing done, when a total is too large for its
// whole number of 10^-digits to be exact, or the totals span more than 2^32 of them.
bool RadixSortByTotal(const LargeVector<Entry>* halves, int parts, int digits, bool tie_breaks,
                      const BeforeOrFirst& order, LargeVector<uint32_t>& out) {
  const size_t n = halves[0].size() + (parts == 2 ? halves[1].size() : 0);
  if (n > std::numeric_limits<uint32_t>::max()) return false;
  auto entry = [&](size_t i) -> const Entry& { return PermutedEntries::At(halves, i); };
  // The higher total first (a smaller key), forced units after all others: their keys
  // follow the others' largest, so that the keys span no more than the totals do.
  const double scale = std::pow(10.0, digits);
  constexpr double kExactBelow = 0x1p40;  // far from where a product's rounding could err
  auto key_of = [&](const Entry& e) {
    return static_cast<uint64_t>((int64_t{1} << 41) -
                                 static_cast<int64_t>(std::nearbyint(e.total * scale)));
  };
  uint64_t lo[2] = {std::numeric_limits<uint64_t>::max(), std::numeric_limits<uint64_t>::max()};
  uint64_t hi[2] = {0, 0};  // [0]: not forced, [1]: forced
  for (size_t i = 0; i < n; ++i) {
    const Entry& e = entry(i);
    if (!(std::fabs(e.total * scale) < kExactBelow)) return false;  // NaN too
    const uint64_t key = key_of(e);
    lo[e.forced] = std::min(lo[e.forced], key);
    hi[e.forced] = std::max(hi[e.forced], key);
  }
  const uint64_t forced_from = lo[0] <= hi[0] ? hi[0] - lo[0] + 1 : 0;
  if (lo[1] <= hi[1] && forced_from + (hi[1] - lo[1]) > std::numeric_limits<uint32_t>::max()) {
    return false;
  }
  if (lo[0] <= hi[0] && hi[0] - lo[0] > std::numeric_limits<uint32_t>::max()) return false;
  LargeVector<uint32_t> keys(n);
  uint32_t top = 0;
  for (size_t i = 0; i < n; ++i) {
    const Entry& e = entry(i);
    const uint64_t key = e.forced ? forced_from + (key_of(e) - lo[1]) : key_of(e) - lo[0];
    keys[i] = static_cast<uint32_t>(key);
    top = std::max(top, keys[i]);
  }
  // Least significant 16 bits first; a second pass only when the keys need it.
  LargeVector<uint32_t> from(n), to(n);
  for (size_t i = 0; i < n; ++i) from[i] = static_cast<uint32_t>(i);
  std::vector<uint32_t> start(size_t{1} << 16);
  for (int shift = 0; shift < 32; shift += 16) {
    if (shift > 0 && (top >> shift) == 0) break;
    std::fill(start.begin(), start.end(), 0);
    auto digit = [&](uint32_t i) { return (keys[i] >> shift) & 0xFFFFu; };
    for (size_t j = 0; j < n; ++j) ++start[digit(from[j])];
    uint32_t sum = 0;
    for (uint32_t& c : start) sum += std::exchange(c, sum);
    for (size_t j = 0; j < n; ++j) to[start[digit(from[j])]++] = from[j];
    from.swap(to);
  }
  if (tie_breaks) {
    for (size_t b = 0; b < n;) {
      size_t e = b + 1;
      while (e < n && keys[from[e]] == keys[from[b]]) ++e;
      if (e - b > 1) {
        std::sort(from.begin() + b, from.begin() + e,
                  [&](uint32_t x, uint32_t y) { return order(entry(x), entry(y)); });
      }
      b = e;
    }
  }
  out = std::move(from);
  return true;
}

// Ranks the entries of one group, in rank order, and grades them.
template <class Order>
void RankInOrder(const check::Model& m, const Order& entries, const Before& before,
                 ResultTable& res) {
  for (size_t k = 0; k < entries.size(); ++k) {
    const bool tied = k > 0 && !before(entries[k - 1], entries[k]);
    res.rank[entries[k].unit] = tied ? res.rank[entries[k - 1].unit] : static_cast<int32_t>(k + 1);
  }
  if (m.grades && !m.grades->levels.empty()) {
    Grade(*m.grades, entries, entries.size(), res);
  }
}

// A radix pass clears 2^16 counters: a group smaller than this is sorted by comparing.
constexpr size_t kRadixSortFrom = 8192;

// A group of this many units or more is sorted in two halves on two threads when it is the
// only group (the usual case: no `peers`), then merged.
constexpr size_t kSplitGroupFrom = 16384;

// Ranks and grades one peer group, on up to `threads` threads: by counting where that fits
// (rank_by_counting.h), else by sorting the group's entries.
void RankGroup(const check::Model& m, const GroupMembers& members, ResultTable& res, int threads) {
  if (RankByCounting(m, members, res, threads)) return;
  const double kLowest = -std::numeric_limits<double>::infinity();
  const std::vector<int>& tie_break = m.grades ? m.grades->tie_break : std::vector<int>{};
  const size_t count = tie_break.size();
  // Member k's rounded tie_break scores are at k * count.
  LargeVector<double> ties(members.size() * count);
  const Before before{ties, count};
  const BeforeOrFirst sort_order{before};
  const int parts = threads >= 2 && members.size() >= kSplitGroupFrom ? 2 : 1;
  LargeVector<Entry> halves[2];
  RunOnThreads(parts, [&](int part) {
    const size_t from = members.size() * part / parts;
    const size_t to = members.size() * (part + 1) / parts;
    LargeVector<Entry>& entries = halves[part];
    entries.reserve(to - from);
    for (size_t k = from; k < to; ++k) {
      const uint32_t u = members[k];
      if (res.has_error(u)) continue;
      Entry e;
      e.unit = u;
      e.total = RoundDecimal(res.total[u], m.digits);
      for (size_t v = 0; v < m.vetoes.size(); ++v) {
        if (res.veto_fired[v][u] != 1.0) continue;
        const check::Veto& veto = m.vetoes[v];
        if (veto.forces) {
          e.forced = true;
          e.forced_level = std::max(e.forced_level, veto.force_level);
        } else {
          e.max_level = std::max(e.max_level, veto.max_level);
        }
      }
      e.tie = static_cast<uint32_t>(k * count);
      for (size_t j = 0; j < count; ++j) {
        const double s = res.scores[tie_break[j]][u];
        ties[k * count + j] = std::isnan(s) ? kLowest : RoundDecimal(s, m.digits);
      }
      entries.push_back(e);
    }
  });
  LargeVector<uint32_t> order;
  if (members.size() >= kRadixSortFrom &&
      RadixSortByTotal(halves, parts, m.digits, count > 0, sort_order, order)) {
    RankInOrder(m, PermutedEntries{halves, &order}, before, res);
    return;
  }
  RunOnThreads(parts,
               [&](int part) { std::sort(halves[part].begin(), halves[part].end(), sort_order); });
  // The halves hold the first and the last members: merged, the order is exactly one
  // sort's of the whole group.
  LargeVector<Entry> entries;
  if (parts == 1) {
    entries = std::move(halves[0]);
  } else {
    entries.resize(halves[0].size() + halves[1].size());
    std::merge(halves[0].begin(), halves[0].end(), halves[1].begin(), halves[1].end(),
               entries.begin(), sort_order);
  }
  RankInOrder(m, entries, before, res);
}

}  // namespace

void RankAndGrade(const check::Model& m, const PeerGroups& groups, ResultTable& res, int threads) {
  // No rank and no grade until the groups give them, set on every thread.
  const size_t n = res.units;
  res.rank.resize(n);
  res.grade.resize(n);
  const int fillers = n >= kCountInPartsFrom ? std::max(threads, 1) : 1;
  RunOnThreads(fillers, [&](int t) {
    const size_t from = n * t / fillers, to = n * (t + 1) / fillers;
    std::fill(res.rank.begin() + from, res.rank.begin() + to, 0);
    std::fill(res.grade.begin() + from, res.grade.begin() + to, -1);
  });
  // One group (no `peers`) takes every thread itself.
  if (groups.units.size() == 1) {
    RankGroup(m, groups.units[0], res, threads);
    return;
  }
  // Groups are independent and write only their own units: threads take groups.
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t g = next.fetch_add(1); g < groups.units.size(); g = next.fetch_add(1)) {
      RankGroup(m, groups.units[g], res, 1);
    }
  };
  const size_t workers = std::min<size_t>(std::max(threads, 1), groups.units.size());
  RunOnThreads(static_cast<int>(workers), [&](int) { work(); });
}

}  // namespace assess::eval
