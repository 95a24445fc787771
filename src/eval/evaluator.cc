// This file's external interface is Evaluate: phases one after another; inside a phase,
// threads take chunks of units, each from a range of its own first (chunk_ranges.h); between
// phases, the peer aggregates that the next phases read are reduced. Each unit is computed by
// exactly one thread and every reduction runs in a fixed order, so results do not depend on the
// thread count.
#include "eval/evaluator.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

#include "core/run_on_threads.h"
#include "core/thread_team.h"
#include "eval/chunk_ranges.h"
#include "eval/chunk_state.h"
#include "eval/error_messages.h"
#include "eval/peers.h"
#include "eval/ranking.h"

namespace assess::eval {
namespace {

constexpr double kNull = std::numeric_limits<double>::quiet_NaN();
// Batches from this many units get their columns from one huge-page arena.
constexpr size_t kArenaFromUnits = 16384;
// The units' error codes (8 bytes a unit) have room for this many more, so that rank and
// grade (4 bytes each, each rounded up to 64) fit in their room once they are read no more.
constexpr size_t kRankSlack = 16;

// Room for a vector of n elements of T in a ColumnArena.
template <class T>
size_t ArenaRoom(size_t n) {
  return data::ColumnArena::Room(n * sizeof(T));
}

// The bounds of node's scores, which choose its column's width (ScoreColumn): its clamp
// ([floor, cap]: a leaf's cap is its points unless it says otherwise; a group has none
// unless it says so), and for a bonus (deduction) node the amount's range, [0, cap]
// ([-cap, 0]).
std::pair<double, double> ScoreBounds(const check::Node& n) {
  switch (n.kind) {
    case NodeKind::kBonus:
      return {0, n.cap};
    case NodeKind::kDeduction:
      return {-n.cap, 0};
    case NodeKind::kLeaf:
    case NodeKind::kGroup:
      break;
  }
  return {n.floor, n.cap};
}

// The decimals of the codes a ScoreColumn keeps: under stage each every score is a whole
// number of 10^-digits; -1 (doubles) under stage output.
int ScoreDigits(const check::Model& m) { return m.stage_each ? m.digits : -1; }

// The bytes Allocate carves from its arena. Were it short, the columns past its end would
// come from the heap: slower to touch, never wrong.
size_t ArenaBytes(const check::Model& m, const compile::Program& p, size_t n, bool trace) {
  size_t doubles = static_cast<size_t>(p.value_columns + p.app_columns) + m.vetoes.size() +
                   (trace ? m.nodes.size() : 0) + 1;
  for (const compile::PeerSite& s : p.peer_sites) {
    doubles += (s.direct_input < 0) + check::IsPeerPerUnit(s.fn);
  }
  const int digits = ScoreDigits(m);
  size_t scores = 0;
  for (const check::Node& node : m.nodes) {
    const auto [lo, hi] = ScoreBounds(node);
    scores += data::ColumnArena::Room(n * ScoreColumn::BytesPerUnit(digits, lo, hi));
  }
  for (const compile::RuleCode& rule : p.rules) {
    scores += data::ColumnArena::Room(n * ScoreColumn::BytesPerUnit(digits, 0, rule.cap));
  }
  // The peer groups, and the error codes, whose room rank and grade take later.
  const size_t per_unit = ArenaRoom<int32_t>(n) + ArenaRoom<uint64_t>(n + kRankSlack);
  return scores + doubles * ArenaRoom<double>(n) + per_unit;
}

void Allocate(const check::Model& m, const compile::Program& p, size_t n, bool trace,
              ResultTable& res) {
  // Every per-unit column (scores, their 16-bit codes, results) in one arena, which the
  // kernel backs with huge pages: fresh memory is most of what an evaluation costs beyond
  // its arithmetic (a page fault per 4 KiB otherwise). Small batches take the heap, whose
  // pages a process that evaluates again and again has already touched.
  std::shared_ptr<data::ColumnArena> arena;
  if (n >= kArenaFromUnits) arena = std::make_shared<data::ColumnArena>(ArenaBytes(m, p, n, trace));
  const data::UninitializedArenaAllocator<double> from(arena);
  // Written entirely by the steps (resize leaves them uninitialized), except `raw`, which
  // only the steps of applicable units write.
  auto columns = [&](std::vector<ResultColumn>& cols, size_t count) {
    cols.clear();
    cols.reserve(count);
    for (size_t i = 0; i < count; ++i) cols.emplace_back(n, from);
  };
  res.units = n;
  res.traced = trace;
  res.scores.clear();
  res.scores.reserve(m.nodes.size());
  for (const check::Node& node : m.nodes) {
    const auto [lo, hi] = ScoreBounds(node);
    res.scores.emplace_back(n, ScoreDigits(m), arena, lo, hi);
  }
  columns(res.values, static_cast<size_t>(p.value_columns));
  columns(res.apps, static_cast<size_t>(p.app_columns));
  res.raw.clear();
  for (size_t i = 0; trace && i < m.nodes.size(); ++i) res.raw.emplace_back(n, kNull, from);
  res.rule_points.clear();
  res.rule_points.reserve(p.rules.size());
  for (const compile::RuleCode& rule : p.rules) {
    // Capped, not rounded: mostly whole numbers of 10^-digits, kept as codes.
    res.rule_points.emplace_back(n, ScoreDigits(m), arena, 0, rule.cap);
  }
  columns(res.veto_fired, m.vetoes.size());
  res.peer_args.resize(p.peer_sites.size());
  res.peer_results.resize(p.peer_sites.size());
  res.peer_group_results.resize(p.peer_sites.size());
  for (size_t site = 0; site < p.peer_sites.size(); ++site) {
    const compile::PeerSite& s = p.peer_sites[site];
    if (s.direct_input < 0) res.peer_args[site] = ResultColumn(n, from);
    if (check::IsPeerPerUnit(s.fn)) res.peer_results[site] = ResultColumn(n, from);
  }
  res.total = ResultColumn(n, from);
  // Empty, with the arena: the grouping fills it. (Rank and grade come from the error
  // codes' room: RankInErrorCodesRoom.)
  res.peer_group =
      data::UninitializedColumnVector<int32_t>(data::UninitializedArenaAllocator<int32_t>(arena));
  // Sized, not filled: Evaluate zeroes it on every thread.
  res.unit_error =
      data::UninitializedColumnVector<uint64_t>(data::UninitializedArenaAllocator<uint64_t>(arena));
  res.unit_error.reserve(n + kRankSlack);
  res.unit_error.resize(n);
}

// Once the units' messages are made, their error codes are read no more: rank and grade
// take the codes' room in the arena, 8 bytes a unit that the steps touched already. As 8
// fresh bytes a unit they were most of ranking's time on the project's VM (10^6 units, two
// threads: a fill of 9-11 ms of a ranking's 20 ms, every page a trap to the hypervisor).
void RankInErrorCodesRoom(ResultTable& res) {
  // A copy: get_allocator() gives a temporary, whose arena() reference would dangle.
  const std::shared_ptr<data::ColumnArena> arena = res.unit_error.get_allocator().arena();
  if (!arena || !arena->Owns(res.unit_error.data())) return;  // a small batch: the heap's
  auto room = std::make_shared<data::ColumnArena>(
      res.unit_error.data(), res.unit_error.capacity() * sizeof(uint64_t), arena);
  const data::UninitializedArenaAllocator<int32_t> ints(room);
  res.rank = data::UninitializedColumnVector<int32_t>(ints);
  res.grade = data::UninitializedColumnVector<int32_t>(ints);
  // Emptied, so that nothing reads the codes through it (its memory is the arena's).
  res.unit_error = data::UninitializedColumnVector<uint64_t>();
}

// Runs phase `phase` over every chunk, on `threads` threads.
void RunPhase(EvalShared& shared, std::vector<std::unique_ptr<ChunkState>>& states, int phase,
              int threads, std::atomic<uint64_t>* progress) {
  // Not a structured binding: lambdas cannot capture those before C++20 in clang 14.
  const int begin = shared.program.phases[phase].first;
  const int end = shared.program.phases[phase].second;
  if (begin == end) return;
  const size_t n = shared.units.size();
  const size_t chunks = (n + compile::kChunk - 1) / compile::kChunk;
  const int workers = static_cast<int>(std::min<size_t>(threads, chunks));
  ChunkRanges ranges(chunks, workers);
  auto work = [&](int t) {
    ChunkState& st = *states[t];
    while (const std::optional<size_t> c = ranges.Next(t)) {
      const size_t first = *c * compile::kChunk;
      st.Bind(first, static_cast<int>(std::min<size_t>(compile::kChunk, n - first)), phase);
      RunChunk(st, begin, end);
      if (progress != nullptr) {
        progress->fetch_add(std::min<size_t>(compile::kChunk, n - first),
                            std::memory_order_relaxed);
      }
    }
  };
  if (workers <= 1) {
    work(0);
    return;
  }
  RunOnThreads(workers, work);
}

// The peer reductions after a phase. Sites are independent (each writes its own result
// columns, and a reduction never depends on which thread runs it), so threads take sites:
// with a dozen `peer_max` over 10^6 units this was the largest serial part of a run.
void ReducePhase(EvalShared& shared, const PeerGroups& groups, const std::vector<int>& sites,
                 int threads) {
  const compile::Program& program = shared.program;
  ResultTable& res = shared.results;
  auto reduce = [&](int site) {
    const compile::PeerSite& s = program.peer_sites[site];
    PeerArgument arg;
    if (s.direct_input >= 0) {
      arg.input = &shared.units.columns[s.direct_input];
    } else {
      arg.computed = &res.peer_args[site];
    }
    const bool per_unit = check::IsPeerPerUnit(s.fn);
    ReducePeers(s.fn, groups, arg, per_unit ? nullptr : &res.peer_group_results[site],
                per_unit ? &res.peer_results[site] : nullptr);
    bool any = false;
    for (double v : res.peer_results[site]) any |= compile::IsErrorNaN(v);
    if (any) shared.column_errors[shared.peer_flag0 + site] = true;
  };
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t k = next.fetch_add(1); k < sites.size(); k = next.fetch_add(1)) reduce(sites[k]);
  };
  const size_t workers = std::min<size_t>(static_cast<size_t>(std::max(threads, 1)), sites.size());
  RunOnThreads(static_cast<int>(workers), [&](int) { work(); });
}

}  // namespace

ResultTable Evaluate(const check::Model& model, const compile::Program& program,
                     const data::UnitTable& units, const EvalSettings& settings) {
  ResultTable res;
  const size_t n = units.size();
  const int threads = std::max(1, settings.threads);
  // The evaluation's steps run on one team of threads (core/thread_team.h), started first
  // so that its worker is up by the first step. A batch of one chunk runs on this thread.
  std::optional<ThreadTeam> team;
  std::optional<ThreadTeam::Scope> on_team;
  if (threads > 1 && n > static_cast<size_t>(compile::kChunk)) {
    team.emplace(threads);
    on_team.emplace(*team);
  }
  Allocate(model, program, n, settings.trace, res);
  EvalShared shared(model, program, units, res, settings.trace);
  shared.value_flag0 = model.nodes.size();
  shared.app_flag0 = shared.value_flag0 + program.value_columns;
  shared.peer_flag0 = shared.app_flag0 + program.app_columns;
  shared.flag_count = shared.peer_flag0 + program.peer_sites.size();
  shared.column_errors = std::make_unique<std::atomic<bool>[]>(shared.flag_count);
  for (size_t f = 0; f < shared.flag_count; ++f) shared.column_errors[f] = false;
  shared.used = UsedRegisters(program);

  // Each unit's group is made in its results column (from the arena), not copied there.
  PeerGroups groups = GroupUnits(model, units, threads, res.peer_group.get_allocator());
  res.peer_group = std::move(groups.group_of);
  // Every thread's state is made on this one, whose heap has memory that the batch's read
  // or an earlier evaluation touched already; a worker's heap is mostly fresh pages, and
  // its first state cost 4.5-8.5 ms there against 0.6-0.8 ms here (10^6 units x 100
  // leaves, two threads: 2% of the evaluation). Each thread then zeroes its share of the
  // units' error codes.
  const int workers = static_cast<int>(
      std::min<size_t>(threads, std::max<size_t>(1, (n + compile::kChunk - 1) / compile::kChunk)));
  std::vector<std::unique_ptr<ChunkState>> states(static_cast<size_t>(workers));
  for (auto& state : states) state = std::make_unique<ChunkState>(shared);
  RunOnThreads(workers, [&](int t) {
    std::fill(res.unit_error.begin() + n * t / workers,
              res.unit_error.begin() + n * (t + 1) / workers, uint64_t{0});
  });

  if (settings.progress_total != nullptr) {
    uint64_t phases = 0;
    for (const auto& [begin, end] : program.phases) phases += begin != end;
    settings.progress_total->store(phases * n);
  }
  if (n > 0) {
    for (int phase = 0; phase < static_cast<int>(program.phases.size()); ++phase) {
      RunPhase(shared, states, phase, workers, settings.progress_done);
      if (settings.peers == nullptr) {
        ReducePhase(shared, groups, program.reductions[phase], threads);
      } else if (!settings.peers->AfterPhase(phase, program.reductions[phase], shared, groups)) {
        return res;
      }
    }
  }
  // Each unit's message, on every thread (each writes its own units' entries). Most
  // batches have none, and their `errors` stays empty: the threads look first.
  std::atomic<bool> any_error{false};
  RunOnThreads(workers, [&](int t) {
    bool found = false;
    for (size_t u = n * t / workers, to = n * (t + 1) / workers; u < to && !found; ++u) {
      found = units.has_error(u) || res.unit_error[u] != 0;
    }
    if (found) any_error.store(true, std::memory_order_relaxed);
  });
  if (any_error.load(std::memory_order_relaxed)) {
    UnitMessages messages(n);
    std::vector<UnitMessages::Part> parts(static_cast<size_t>(workers));
    RunOnThreads(workers, [&](int t) {
      UnitMessages::Part& part = parts[static_cast<size_t>(t)];
      const size_t from = n * t / workers, to = n * (t + 1) / workers;
      for (size_t u = from; u < to; ++u) {
        std::string message;
        if (units.has_error(u)) {
          message = units.errors[u];
        } else if (res.unit_error[u] != 0) {
          message = DescribeError(model, program, units, res, shared.lookup_keys, u);
        }
        if (message.empty()) continue;
        res.total[u] = kNull;
        part.units.push_back(static_cast<uint32_t>(u));
        part.messages.push_back(std::move(message));
      }
      messages.MarkRange(from, to, part);
    });
    messages.Join(std::move(parts));
    res.errors = std::move(messages);
  }
  RankInErrorCodesRoom(res);
  if (settings.peers == nullptr) {
    RankAndGrade(model, groups, res, threads);
  } else {
    settings.peers->Rank(model, units, groups, res);
  }
  return res;
}

}  // namespace assess::eval
