// This file's external interface is RankByCounting (rank_by_counting.h).
#include "eval/rank_by_counting.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "core/large_alloc.h"
#include "core/run_on_threads.h"
#include "eval/quota.h"
#include "num/fast_round.h"
#include "num/round.h"

namespace assess::eval {
namespace {

// A member's class, one byte: not ranked (in error); not forced, with the most restrictive
// max_grade level + 1 (0: none); or forced, kForced + the worst forced level + 1.
constexpr int8_t kNotRanked = -1;
constexpr int8_t kInexact = -2;  // a total too large to count (or NaN without an error)
constexpr int8_t kForced = 64;
constexpr size_t kMaxLevels = 62;  // so that every class fits below 127

// Totals whose whole number of 10^-digits is at least this are left to the sort: far from
// where a product's rounding could make the number inexact.
constexpr double kExactBelow = 0x1p40;

// What a part of the members holds: the range of its keys (not forced and forced apart),
// whether every total was small enough to count, whether a max_grade veto fired.
struct PartSummary {
  int64_t lo[2] = {std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::max()};
  int64_t hi[2] = {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::min()};
  bool exact = true;
  bool barred = false;
  size_t ranked = 0;
};

// Where the keys of the group go in the tally: not-forced keys from 0, forced ones after
// them, each key `classes` cells wide (one per max_grade class when a max_grade veto fired).
struct Tally {
  int64_t lo[2] = {0, 0};
  size_t forced_from = 0;
  size_t buckets = 0;
  size_t classes = 1;
  // A key is given by its low 32 bits: once the tally fits (fewer than 2^32 buckets), a
  // key's distance from the least is those bits' distance from the least's, modulo 2^32.
  size_t Bucket(uint32_t key, bool forced) const {
    const auto from = static_cast<uint32_t>(lo[forced ? 1 : 0]);
    return (forced ? forced_from : 0) + static_cast<uint32_t>(key - from);
  }
  size_t Cell(uint32_t key, int8_t cls) const {
    const bool forced = cls >= kForced;
    return Bucket(key, forced) * classes + (forced || classes == 1 ? 0 : static_cast<size_t>(cls));
  }
};

// Grades each (not-forced bucket, class) cell in rank order, as Grade in ranking.cc grades
// the units of a tie one at a time: the units of a cell are alike (one rounded total, one
// max_grade), so they take a level, or straddle a quota, together. Forced units take no
// quota place; `ranked` (all ranked units, forced too) is what quotas are shares of.
LargeVector<int8_t> GradeCells(const check::Grades& grades, const Tally& tally,
                               const LargeVector<uint32_t>& count, double scale, size_t ranked) {
  const size_t levels = grades.levels.size();
  LevelQuotas quotas(grades, ranked);
  LargeVector<int8_t> grade(tally.forced_from * tally.classes, -1);
  std::vector<size_t> open, takers, rest;
  for (size_t b = 0; b < tally.forced_from; ++b) {
    // The bucket's rounded total is the double nearest to its whole number of 10^-digits
    // over 10^digits, as RoundDecimal gives it.
    const double total = static_cast<double>(-(tally.lo[0] + static_cast<int64_t>(b))) / scale;
    open.clear();
    for (size_t c = 0; c < tally.classes; ++c) {
      if (count[b * tally.classes + c] > 0) open.push_back(c);
    }
    for (size_t l = 0; l < levels && !open.empty(); ++l) {
      if (quotas.closed(l)) continue;
      const bool fits_min = !grades.levels[l].min || total >= *grades.levels[l].min;
      takers.clear();
      rest.clear();
      long long taking = 0;
      for (size_t c : open) {
        // Class c: max_grade level c - 1 (none for 0).
        const bool may = fits_min && (c == 0 || l + 1 >= c);
        (may ? takers : rest).push_back(c);
        if (may) taking += count[b * tally.classes + c];
      }
      if (takers.empty()) continue;
      if (quotas.Admit(l, taking)) {
        for (size_t c : takers) grade[b * tally.classes + c] = static_cast<int8_t>(l);
        open.swap(rest);
      }
    }
  }
  return grade;
}

}  // namespace

bool RankByCounting(const check::Model& m, const GroupMembers& members, ResultTable& res,
                    int threads) {
  const bool graded = m.grades && !m.grades->levels.empty();
  if (m.grades && !m.grades->tie_break.empty()) return false;
  if (graded && m.grades->levels.size() > kMaxLevels) return false;
  if (m.digits < 0 || m.digits > num_internal::kMaxExactPow10) return false;
  const double scale = num_internal::kPow10[m.digits];
  const size_t n = members.size();
  const int parts = threads >= 2 && n >= kCountInPartsFrom ? threads : 1;
  auto part_range = [&](int part) {
    return std::pair{n * static_cast<size_t>(part) / static_cast<size_t>(parts),
                     n * static_cast<size_t>(part + 1) / static_cast<size_t>(parts)};
  };

  // What classify reads, in locals the compiler keeps in registers: the vetoes' columns and
  // levels, not looked up through the model and the results for every unit. With the
  // rounding's whole number taken as it is (below), the first pass went from 4.0-7.1 ms to
  // 3.2-4.9 ms (10^6 units, two threads; 7.7-8.1 to 6.2-6.3 ms on one).
  struct FiredVeto {
    const double* fired;
    bool forces;
    int level;  // forced, or the max_grade
  };
  std::vector<FiredVeto> vetoes;
  for (size_t v = 0; v < m.vetoes.size(); ++v) {
    const check::Veto& veto = m.vetoes[v];
    vetoes.push_back(
        {res.veto_fired[v].data(), veto.forces, veto.forces ? veto.force_level : veto.max_level});
  }
  const double* const totals = res.total.data();
  const int digits = m.digits;

  // Unit u's class, and its key (minus its rounded total in whole 10^-digits: the higher
  // total first) when it is ranked.
  auto classify = [&](uint32_t u, int64_t& key) -> int8_t {
    // A unit in error has a NaN total: its message is looked at only then.
    const double total = totals[u];
    if (std::isnan(total) && res.has_error(u)) return kNotRanked;
    // The whole number of 10^-digits that RoundDecimal divides by 10^digits, where its
    // fast path finds it (nearly every unit): no division, product and rounding back.
    double whole;
    if (double k; num_internal::FastRoundScaled(std::fabs(total), scale, &k)) {
      whole = total < 0 ? -k : k;
    } else {
      whole = std::nearbyint(RoundDecimal(total, digits) * scale);
    }
    if (!(std::fabs(whole) < kExactBelow)) return kInexact;  // NaN too
    bool forced = false;
    int forced_level = -1, max_level = -1;
    for (const FiredVeto& veto : vetoes) {
      if (veto.fired[u] != 1.0) continue;
      if (veto.forces) {
        forced = true;
        forced_level = std::max(forced_level, veto.level);
      } else {
        max_level = std::max(max_level, veto.level);
      }
    }
    key = -static_cast<int64_t>(whole);
    return static_cast<int8_t>(forced ? kForced + forced_level + 1 : max_level + 1);
  };

  // The first pass keeps each member's class in its grade and its key's low 32 bits in its
  // rank, until the last pass sets them: those are written anyway, where arrays of keys
  // were fresh memory, whose page faults cost more than the counting (300,000 units, one
  // group: the ranking 19-21 ms on one thread with the arrays, 3.6-4.4 ms without).
  auto unranked = [&] {  // what the caller expects of the members when counting gives up
    RunOnThreads(parts, [&](int part) {
      const auto [from, to] = part_range(part);
      for (size_t k = from; k < to; ++k) {
        res.rank[members[k]] = 0;
        res.grade[members[k]] = -1;
      }
    });
  };
  std::vector<PartSummary> summary(static_cast<size_t>(parts));
  RunOnThreads(parts, [&](int part) {
    // Kept on the thread's stack and stored once: the parts' summaries share a cache line,
    // and updating them in place for every member made two threads slower than one
    // (10^6 members: 11.6-11.8 ms against 8.5-8.8 ms).
    PartSummary s;
    const auto [from, to] = part_range(part);
    for (size_t k = from; k < to; ++k) {
      const uint32_t u = members[k];
      int64_t key = 0;
      const int8_t cls = classify(u, key);
      res.grade[u] = cls;
      if (cls == kNotRanked) continue;
      if (cls == kInexact) {
        s.exact = false;
        break;
      }
      res.rank[u] = static_cast<int32_t>(static_cast<uint32_t>(key));
      const bool forced = cls >= kForced;
      s.lo[forced] = std::min(s.lo[forced], key);
      s.hi[forced] = std::max(s.hi[forced], key);
      s.barred |= !forced && cls > 0;
      ++s.ranked;
    }
    summary[static_cast<size_t>(part)] = s;
  });

  PartSummary all;
  for (const PartSummary& s : summary) {
    if (!s.exact) {
      unranked();
      return false;
    }
    for (int f = 0; f < 2; ++f) {
      all.lo[f] = std::min(all.lo[f], s.lo[f]);
      all.hi[f] = std::max(all.hi[f], s.hi[f]);
    }
    all.barred |= s.barred;
    all.ranked += s.ranked;
  }
  // The keys span at most 2^41 each, so these sums cannot overflow.
  Tally tally;
  tally.lo[0] = all.lo[0];
  tally.lo[1] = all.lo[1];
  const auto span = [&](int f) {
    return all.lo[f] <= all.hi[f] ? static_cast<uint64_t>(all.hi[f] - all.lo[f]) + 1 : 0;
  };
  tally.forced_from = span(0);
  tally.buckets = span(0) + span(1);
  tally.classes = graded && all.barred ? m.grades->levels.size() + 1 : 1;
  // A tally no larger than a few cells per member (or a small fixed size): counting then
  // costs about what the members do. Wider totals are sorted.
  if (tally.buckets > (2 * n + 4096) / tally.classes || tally.buckets >= (uint64_t{1} << 32)) {
    unranked();
    return false;
  }

  // Counts per cell, one tally per part, then added into the first.
  std::vector<LargeVector<uint32_t>> counts(static_cast<size_t>(parts));
  RunOnThreads(parts, [&](int part) {
    LargeVector<uint32_t>& count = counts[static_cast<size_t>(part)];
    count.assign(tally.buckets * tally.classes, 0);
    const auto [from, to] = part_range(part);
    for (size_t k = from; k < to; ++k) {
      const uint32_t u = members[k];
      const auto cls = static_cast<int8_t>(res.grade[u]);
      if (cls >= 0) ++count[tally.Cell(static_cast<uint32_t>(res.rank[u]), cls)];
    }
  });
  LargeVector<uint32_t>& count = counts[0];
  for (int part = 1; part < parts; ++part) {
    const LargeVector<uint32_t>& more = counts[static_cast<size_t>(part)];
    for (size_t c = 0; c < count.size(); ++c) count[c] += more[c];
  }

  // A bucket's rank: one more than the units before it (its units tie).
  LargeVector<int32_t> rank_of(tally.buckets);
  uint32_t before = 0;
  for (size_t b = 0; b < tally.buckets; ++b) {
    rank_of[b] = static_cast<int32_t>(before) + 1;
    for (size_t c = 0; c < tally.classes; ++c) before += count[b * tally.classes + c];
  }
  LargeVector<int8_t> grade_of;
  if (graded) grade_of = GradeCells(*m.grades, tally, count, scale, all.ranked);

  RunOnThreads(parts, [&](int part) {
    const auto [from, to] = part_range(part);
    for (size_t k = from; k < to; ++k) {
      const uint32_t u = members[k];
      const auto c = static_cast<int8_t>(res.grade[u]);
      if (c < 0) continue;  // in error: the first pass left its grade -1, its rank as it was
      const auto key = static_cast<uint32_t>(res.rank[u]);
      const bool forced = c >= kForced;
      res.rank[u] = rank_of[tally.Bucket(key, forced)];
      if (!graded) {
        res.grade[u] = -1;
      } else {
        res.grade[u] = forced ? c - kForced - 1 : grade_of[tally.Cell(key, c)];
      }
    }
  });
  return true;
}

}  // namespace assess::eval
