// This file's external interface is PartialsHook (partials.h): a part's own contribution to
// a round (partial aggregates, value counts, rank counts), and the merged ones of earlier
// rounds fed back into its evaluation, computed as ReducePeers and RankAndGrade compute
// them from one batch, so that every unit's results are the same bit for bit.
#include <algorithm>
#include <cmath>
#include <limits>

#include "eval/chunk_state.h"
#include "eval/partials.h"
#include "eval/peers.h"
#include "num/decimal.h"
#include "num/round.h"

namespace assess::eval {
namespace {

constexpr double kNull = std::numeric_limits<double>::quiet_NaN();

// The name of the group of unit `u` in every part.
GroupKey KeyOf(const check::Model& m, const data::UnitTable& units, uint32_t u) {
  if (m.peers_input < 0) return "*";
  const double v = units.columns[m.peers_input].At(u);
  if (std::isnan(v)) return "-";  // the units without a peers value
  GroupKey key = "=";
  key.append(units.texts.Text(static_cast<uint32_t>(v)));
  return key;
}

std::vector<GroupKey> KeysOf(const check::Model& m, const data::UnitTable& units,
                             const PeerGroups& groups) {
  std::vector<GroupKey> keys;
  for (const auto& members : groups.units) keys.push_back(KeyOf(m, units, members.front()));
  return keys;
}

PeerArgument ArgumentOf(const EvalShared& shared, int site) {
  const compile::PeerSite& s = shared.program.peer_sites[site];
  PeerArgument arg;
  if (s.direct_input >= 0) {
    arg.input = &shared.units.columns[s.direct_input];
  } else {
    arg.computed = &shared.results.peer_args[site];
  }
  return arg;
}

// A unit's place in its group's ranking, as RankGroup computes it.
struct RankEntry {
  std::vector<double> key;  // see RankCounts
  int forced_level = -1;
  int max_level = -1;
};

RankEntry EntryOf(const check::Model& m, const ResultTable& res, uint32_t u) {
  RankEntry e;
  bool forced = false;
  for (std::size_t v = 0; v < m.vetoes.size(); ++v) {
    if (res.veto_fired[v][u] != 1.0) continue;
    const check::Veto& veto = m.vetoes[v];
    if (veto.forces) {
      forced = true;
      e.forced_level = std::max(e.forced_level, veto.force_level);
    } else {
      e.max_level = std::max(e.max_level, veto.max_level);
    }
  }
  e.key.push_back(forced ? 1 : 0);
  e.key.push_back(-RoundDecimal(res.total[u], m.digits));
  if (m.grades) {
    for (int node : m.grades->tie_break) {
      const double s = res.scores[node][u];
      e.key.push_back(std::isnan(s) ? std::numeric_limits<double>::infinity()
                                    : -RoundDecimal(s, m.digits));
    }
  }
  return e;
}

long long QuotaCount(const Decimal& q, uint64_t n, bool nearest) {
  auto product = q.Multiply(Decimal::FromInt(static_cast<long long>(n)));
  if (!product) return static_cast<long long>(n);
  return nearest ? product->RoundHalfUp() : product->Floor();
}

// A group's grades from its merged rank counts, as Grade (ranking.cc) gives them unit by
// unit: tied units (one key) are admitted to a level or not together, so counts suffice.
// Per key, max_level -> the level (-1: none); forced keys are left out (their units'
// grades are their own).
std::map<std::vector<double>, std::map<int, int>> GradeCounts(const check::Grades& grades,
                                                              const RankCounts& counts) {
  uint64_t n = 0;
  for (const auto& [key, by_level] : counts) {
    for (const auto& [level, c] : by_level) n += c;
  }
  const std::size_t levels = grades.levels.size();
  std::vector<long long> quota(levels, -1), used(levels, 0);
  std::vector<bool> closed(levels, false);
  for (std::size_t l = 0; l < levels; ++l) {
    if (grades.levels[l].quota) {
      quota[l] = QuotaCount(*grades.levels[l].quota, n, grades.quota_nearest);
      closed[l] = quota[l] <= 0;
    }
  }
  std::map<std::vector<double>, std::map<int, int>> out;
  for (const auto& [key, by_level] : counts) {
    if (key[0] != 0) continue;  // forced: no quota place
    const double total = -key[1];
    std::map<int, int>& grade = out[key];
    std::map<int, uint64_t> open = by_level;
    for (std::size_t l = 0; l < levels && !open.empty(); ++l) {
      if (closed[l]) continue;
      const bool fits_min = !grades.levels[l].min || total >= *grades.levels[l].min;
      std::vector<int> takers;
      long long taking = 0;
      for (const auto& [max_level, c] : open) {
        if (fits_min && (max_level < 0 || static_cast<int>(l) >= max_level)) {
          takers.push_back(max_level);
          taking += static_cast<long long>(c);
        }
      }
      if (takers.empty()) continue;
      bool admit = true;
      if (quota[l] >= 0) {
        const long long left = quota[l] - used[l];
        if (taking > left) {
          closed[l] = true;
          admit = grades.ties_admit;
        }
        if (admit) {
          used[l] += taking;
          if (used[l] >= quota[l]) closed[l] = true;
        }
      }
      if (admit) {
        for (int max_level : takers) {
          grade[max_level] = static_cast<int>(l);
          open.erase(max_level);
        }
      }
    }
  }
  return out;
}

}  // namespace

PartialsHook::PartialsHook(const compile::Program& program, const std::vector<PeerPartials>& merged)
    : program_(program),
      phases_(PeerRoundPhases(program)),
      merged_(merged),
      round_(static_cast<int>(merged.size())) {
  gathered.round = round_;
}

bool PartialsHook::AfterPhase(int phase, const std::vector<int>& sites, EvalShared& shared,
                              const PeerGroups& groups) {
  if (sites.empty()) return true;
  const int r =
      static_cast<int>(std::find(phases_.begin(), phases_.end(), phase) - phases_.begin());
  const std::vector<GroupKey> keys = KeysOf(shared.model, shared.units, groups);
  ResultTable& res = shared.results;
  if (r == round_) {  // this round's: the part's own partials, and the evaluation stops
    for (int site : sites) {
      const check::Fn fn = program_.peer_sites[site].fn;
      const PeerArgument arg = ArgumentOf(shared, site);
      for (std::size_t g = 0; g < groups.units.size(); ++g) {
        if (check::IsPeerPerUnit(fn)) {
          std::vector<double> v;
          for (uint32_t u : groups.units[g]) {
            if (!std::isnan(arg(u))) v.push_back(arg(u));
          }
          std::sort(v.begin(), v.end());
          ValueCounts& vc = gathered.values[site][keys[g]];
          for (double x : v) {
            if (!vc.empty() && vc.back().first == x) {
              ++vc.back().second;
            } else {
              vc.emplace_back(x, 1);
            }
          }
        } else {
          PeerAggregate& a = gathered.aggregates[site][keys[g]];
          for (uint32_t u : groups.units[g]) {
            if (!std::isnan(arg(u))) a.Add(arg(u));
          }
        }
      }
    }
    return false;
  }
  // An earlier round's: the merged results, as ReducePeers gives them.
  const PeerPartials& merged = merged_[r];
  for (int site : sites) {
    const check::Fn fn = program_.peer_sites[site].fn;
    const PeerArgument arg = ArgumentOf(shared, site);
    if (check::IsPeerPerUnit(fn)) {
      ResultColumn& result = res.peer_results[site];
      std::fill(result.begin(), result.end(), kNull);
      bool any_error = false;
      const auto by_site = merged.values.find(site);
      for (std::size_t g = 0; g < groups.units.size(); ++g) {
        static const ValueCounts kNone;
        const ValueCounts* vc = &kNone;
        if (by_site != merged.values.end()) {
          auto it = by_site->second.find(keys[g]);
          if (it != by_site->second.end()) vc = &it->second;
        }
        std::vector<uint64_t> below(vc->size() + 1, 0);  // units with smaller values
        for (std::size_t k = 0; k < vc->size(); ++k) below[k + 1] = below[k] + (*vc)[k].second;
        const double peers = static_cast<double>(below.back());
        for (uint32_t u : groups.units[g]) {
          const double x = arg(u);
          if (std::isnan(x)) {
            result[u] = x;  // null stays null; an error stays the unit's error
            any_error |= compile::IsErrorNaN(x);
            continue;
          }
          const auto lo = std::lower_bound(vc->begin(), vc->end(), x,
                                           [](const auto& e, double v) { return e.first < v; });
          const std::size_t k = static_cast<std::size_t>(lo - vc->begin());
          const double smaller = static_cast<double>(below[k]);
          const bool found = lo != vc->end() && !(x < lo->first);
          const double larger = peers - static_cast<double>(below[found ? k + 1 : k]);
          result[u] = PerUnitPeerResult(fn, smaller, larger, peers);
        }
      }
      if (any_error) shared.column_errors[shared.peer_flag0 + site] = true;
    } else {
      std::vector<double>& per_group = res.peer_group_results[site];
      per_group.assign(groups.units.size(), kNull);
      const auto by_site = merged.aggregates.find(site);
      if (by_site == merged.aggregates.end()) continue;
      for (std::size_t g = 0; g < groups.units.size(); ++g) {
        auto it = by_site->second.find(keys[g]);
        if (it != by_site->second.end()) per_group[g] = it->second.Result(fn);
      }
    }
  }
  return true;
}

void PartialsHook::Rank(const check::Model& m, const data::UnitTable& units,
                        const PeerGroups& groups, ResultTable& res) {
  res.rank.assign(res.units, 0);
  res.grade.assign(res.units, -1);
  const std::vector<GroupKey> keys = KeysOf(m, units, groups);
  if (!final()) {  // the rank round: this part's units by ranking key
    for (std::size_t g = 0; g < groups.units.size(); ++g) {
      RankCounts& rc = gathered.ranks[keys[g]];
      for (uint32_t u : groups.units[g]) {
        if (res.has_error(u)) continue;
        RankEntry e = EntryOf(m, res, u);
        ++rc[std::move(e.key)][e.max_level];
      }
    }
    return;
  }
  const PeerPartials& merged = merged_.back();
  const bool graded = m.grades && !m.grades->levels.empty();
  for (std::size_t g = 0; g < groups.units.size(); ++g) {
    auto it = merged.ranks.find(keys[g]);
    if (it == merged.ranks.end()) continue;  // every unit of the group is in error
    const RankCounts& rc = it->second;
    // Units ranked before each key: a unit's rank is one more (tied units share it).
    std::map<std::vector<double>, uint64_t> before;
    uint64_t seen = 0;
    for (const auto& [key, by_level] : rc) {
      before[key] = seen;
      for (const auto& [level, c] : by_level) seen += c;
    }
    std::map<std::vector<double>, std::map<int, int>> grades;
    if (graded) grades = GradeCounts(*m.grades, rc);
    for (uint32_t u : groups.units[g]) {
      if (res.has_error(u)) continue;
      const RankEntry e = EntryOf(m, res, u);
      auto b = before.find(e.key);
      if (b == before.end()) continue;  // not in the merged counts: not of this batch
      res.rank[u] = static_cast<int32_t>(b->second + 1);
      if (!graded) continue;
      if (e.key[0] != 0) {
        res.grade[u] = e.forced_level;
      } else {
        const auto& by_level = grades[e.key];
        auto l = by_level.find(e.max_level);
        if (l != by_level.end()) res.grade[u] = l->second;
      }
    }
  }
}

}  // namespace assess::eval
