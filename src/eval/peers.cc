// This file's external interface is GroupUnits and ReducePeers.
#include "eval/peers.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "compile/program.h"
#include "core/run_on_threads.h"
#include "num/exact_sum.h"
#include "num/extreme.h"

namespace assess::eval {
namespace {

constexpr double kNull = std::numeric_limits<double>::quiet_NaN();

// Whether a group's members are consecutive units (every unit of a batch without peer
// groups or data errors): then their arguments are a range of the column.
bool Consecutive(const GroupMembers& members) {
  return !members.empty() && members.back() - members.front() + 1 == members.size();
}

// Calls block(p, len) over the arguments of a group's members, in their order: a block of
// consecutive units at a time when the members are consecutive (every unit of a batch
// without peer groups or data errors), read as the column holds them, instead of one
// decoded value at a time.
template <class Block>
void ForEachBlock(const PeerArgument& arg, const GroupMembers& members, Block block) {
  constexpr std::size_t kBlock = 4096;
  double buffer[kBlock];
  if (Consecutive(members)) {
    const std::size_t end = std::size_t{members.back()} + 1;
    for (std::size_t s = members.front(); s < end; s += kBlock) {
      const std::size_t len = std::min(kBlock, end - s);
      block(arg.computed ? arg.computed->data() + s : arg.input->Slice(s, len, buffer), len);
    }
    return;
  }
  std::size_t len = 0;
  for (uint32_t u : members) {
    buffer[len++] = arg(u);
    if (len == kBlock) {
      block(static_cast<const double*>(buffer), len);
      len = 0;
    }
  }
  if (len > 0) block(static_cast<const double*>(buffer), len);
}

// peer_max (peer_min with `max` false) of a group: its largest argument that is not null
// or an error, the first of equal ones (as std::max_element gives); null when none.
double Extreme(const PeerArgument& arg, const GroupMembers& members, bool max) {
  // An input column over consecutive members (no peer groups, no unit in data error): its
  // stored integers compared as they are, not decoded one block at a time (12 peer_max of
  // 10^6 units: 12 ms of an evaluation's 0.7 s on one thread).
  if (arg.input != nullptr && Consecutive(members)) {
    std::size_t present = 0;
    const double best = arg.input->values().Extreme(members.front(), members.size(), max, &present);
    return present > 0 ? best : kNull;
  }
  num::Extreme extreme(max);
  ForEachBlock(arg, members, [&](const double* p, std::size_t len) { extreme.Add(p, len); });
  return extreme.present() > 0 ? extreme.best() : kNull;
}

}  // namespace

namespace {

// Without `peers`: one group of every unit not in data error, in input order, made on up
// to `threads` threads (a part of the units each: counted, then written at its place).
PeerGroups OneGroup(const data::UnitTable& units, int threads,
                    const data::UninitializedArenaAllocator<int32_t>& from) {
  PeerGroups g;
  const size_t n = units.size();
  g.group_of = data::UninitializedColumnVector<int32_t>(n, from);  // each written below
  const int parts = threads >= 2 && n >= kGroupInPartsFrom ? threads : 1;
  auto range = [&](int part) {
    return std::pair{n * static_cast<size_t>(part) / static_cast<size_t>(parts),
                     n * static_cast<size_t>(part + 1) / static_cast<size_t>(parts)};
  };
  std::vector<size_t> count(static_cast<size_t>(parts), 0);
  RunOnThreads(parts, [&](int part) {
    const auto [from, to] = range(part);
    size_t c = 0;
    for (size_t u = from; u < to; ++u) {
      const bool fine = !units.has_error(u);
      g.group_of[u] = fine ? 0 : -1;
      c += fine;
    }
    count[static_cast<size_t>(part)] = c;
  });
  size_t total = 0;
  for (size_t c : count) total += c;
  if (total == 0) return g;
  GroupMembers& members = g.units.emplace_back(total);
  RunOnThreads(parts, [&](int part) {
    const auto [from, to] = range(part);
    size_t at = 0;
    for (int p = 0; p < part; ++p) at += count[static_cast<size_t>(p)];
    for (size_t u = from; u < to; ++u) {
      if (g.group_of[u] == 0) members[at++] = static_cast<uint32_t>(u);
    }
  });
  return g;
}

}  // namespace

PeerGroups GroupUnits(const check::Model& model, const data::UnitTable& units, int threads,
                      const data::UninitializedArenaAllocator<int32_t>& from) {
  if (model.peers_input < 0) return OneGroup(units, threads, from);
  PeerGroups g;
  g.group_of = data::UninitializedColumnVector<int32_t>(units.size(), -1, from);
  const data::Column& col = units.columns[model.peers_input];
  // Groups are numbered by first appearance; the number only names the group. The peers
  // value is a text id, below the size of the batch's text pool.
  std::vector<int32_t> by_text(units.texts.size(), -1);
  int32_t missing_group = -1;
  for (size_t u = 0; u < units.size(); ++u) {
    if (units.has_error(u)) continue;
    const double key = col.At(u);
    int32_t* slot = std::isnan(key) ? &missing_group : &by_text[static_cast<size_t>(key)];
    if (*slot < 0) {
      *slot = static_cast<int32_t>(g.units.size());
      g.units.emplace_back();
    }
    g.group_of[u] = *slot;
    g.units[*slot].push_back(static_cast<uint32_t>(u));
  }
  return g;
}

void ReducePeers(check::Fn fn, const PeerGroups& groups, const PeerArgument& arg,
                 std::vector<double>* per_group, ResultColumn* per_unit) {
  if (per_unit) std::fill(per_unit->begin(), per_unit->end(), kNull);
  if (per_group) per_group->assign(groups.units.size(), kNull);
  std::vector<double> values;
  for (size_t g = 0; g < groups.units.size(); ++g) {
    const GroupMembers& members = groups.units[g];
    if (fn == check::Fn::kPeerMax || fn == check::Fn::kPeerMin) {
      (*per_group)[g] = Extreme(arg, members, fn == check::Fn::kPeerMax);
      continue;
    }
    values.clear();
    ForEachBlock(arg, members, [&](const double* p, std::size_t len) {
      for (std::size_t i = 0; i < len; ++i) {
        if (!std::isnan(p[i])) values.push_back(p[i]);  // null and errors are left out
      }
    });
    if (check::IsPeerPerUnit(fn)) {
      ResultColumn& result = *per_unit;
      std::sort(values.begin(), values.end());
      const double peers = static_cast<double>(values.size());
      for (uint32_t u : members) {
        const double x = arg(u);
        if (std::isnan(x)) {
          result[u] = x;  // null stays null; an error stays the unit's error
          continue;
        }
        const auto lo = std::lower_bound(values.begin(), values.end(), x);
        const auto hi = std::upper_bound(values.begin(), values.end(), x);
        const double smaller = static_cast<double>(lo - values.begin());
        const double larger = static_cast<double>(values.end() - hi);
        result[u] = PerUnitPeerResult(fn, smaller, larger, peers);
      }
      continue;
    }
    if (values.empty()) continue;  // no peer left: null
    double aggregate = kNull;
    switch (fn) {
      case check::Fn::kPeerCount:
        aggregate = static_cast<double>(values.size());
        break;
      case check::Fn::kPeerSum:
        aggregate = ExactSumOf(values.data(), values.size());
        break;
      case check::Fn::kPeerMean:
        aggregate = ExactSumOf(values.data(), values.size()) / static_cast<double>(values.size());
        break;
      default:
        break;
    }
    (*per_group)[g] = aggregate;
  }
}

}  // namespace assess::eval
