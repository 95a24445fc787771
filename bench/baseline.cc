// This file's external interface is RunBaseline (baseline.h).
//
// What a good engineer would write for this one scheme: peer maxima first (one pass per
// benchmarking leaf, per thread, then merged), then blocks of units taken by threads; in a
// block, one tight loop per leaf over its input columns, then group sums, bonus and
// deduction rules, the total and the veto; then ranks and grades per peer group. Every
// score is clamped and rounded to 2 digits half away from zero on the shortest decimal
// text, with assess's own RoundDecimal, as SPEC §7 asks (so the results are the same bit
// for bit as the engine's).
//
// Shortcuts that the generated data allows, and a hand-written program would take:
//  - no null handling: the data has no missing values and no bad values;
//  - no error checks: t >= 50 and peer maxima > 0, so no division by zero;
//  - raters are half points, so their plain sum is exact, and trimmed_mean(r, 1) is
//    (sum - min - max) / 5 without sorting or an exactly rounded sum.
#include "baseline.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "num/round.h"

namespace assess::bench {
namespace {

constexpr std::size_t kBlock = 2048;

inline double Finish(double v, double cap) {
  return RoundDecimal(std::min(std::max(v, 0.0), cap), kDigits);
}

inline double Clamp01(double t) { return t < 0 ? 0.0 : (t > 1 ? 1.0 : t); }

class Baseline {
 public:
  Baseline(const Workload& w, const Columns& c, BaselineResults& out)
      : w_(w), c_(c), out_(out), n_(c.units) {}

  void Run(int threads) {
    const std::size_t nodes = w_.leaves + w_.groups + 3;
    out_.scores.assign(nodes, std::vector<double>(n_));
    out_.totals.assign(n_, 0);
    out_.rank.assign(n_, 0);
    out_.grade.assign(n_, -1);
    PeerMaxima(threads);
    std::atomic<std::size_t> next{0};
    const std::size_t blocks = (n_ + kBlock - 1) / kBlock;
    Parallel(threads, [&](int) {
      for (std::size_t b = next.fetch_add(1); b < blocks; b = next.fetch_add(1)) {
        ScoreBlock(b * kBlock, std::min(n_, (b + 1) * kBlock));
      }
    });
    Parallel(std::min(threads, kPeerTypes), [&](int t) {
      for (int g = t; g < kPeerTypes; g += std::min(threads, kPeerTypes)) RankAndGrade(g);
    });
  }

 private:
  template <class F>
  static void Parallel(int threads, F work) {
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (std::thread& th : pool) th.join();
  }

  const double* Numbers(int input) const { return c_.numbers[w_.inputs[input].slot].data(); }

  // peer_max_[leaf * kPeerTypes + type] for the benchmarking leaves.
  void PeerMaxima(int threads) {
    peer_max_.assign(static_cast<std::size_t>(w_.leaves) * kPeerTypes, 0);
    std::vector<std::vector<double>> partial(threads, peer_max_);
    const uint8_t* type = c_.type().data();
    Parallel(threads, [&](int t) {
      const std::size_t begin = n_ * t / threads, end = n_ * (t + 1) / threads;
      for (int k = 0; k < w_.leaves; ++k) {
        if (w_.leaf[k].form != Form::kBenchmark) continue;
        const double* x = Numbers(w_.leaf[k].x);
        double m[kPeerTypes] = {};
        for (std::size_t u = begin; u < end; ++u) m[type[u]] = std::max(m[type[u]], x[u]);
        for (int g = 0; g < kPeerTypes; ++g) partial[t][k * kPeerTypes + g] = m[g];
      }
    });
    for (const std::vector<double>& p : partial) {
      for (std::size_t i = 0; i < p.size(); ++i) peer_max_[i] = std::max(peer_max_[i], p[i]);
    }
  }

  void ScoreLeaf(const LeafDesc& leaf, int k, std::size_t begin, std::size_t end) {
    double* s = out_.scores[k].data();
    const double p = leaf.points, cap = leaf.cap;
    switch (leaf.form) {
      case Form::kCompletion: {
        const double* a = Numbers(leaf.x);
        const double* t = Numbers(leaf.t);
        for (std::size_t u = begin; u < end; ++u) {
          s[u] = Finish(p * std::min(a[u] / t[u], kCompletionCap), cap);
        }
        break;
      }
      case Form::kRamp:
      case Form::kFallingRamp: {
        const double* x = Numbers(leaf.x);
        const bool rising = leaf.form == Form::kRamp;
        const double lo = rising ? kRampLo : kFallLo, hi = rising ? kRampHi : kFallHi;
        for (std::size_t u = begin; u < end; ++u) {
          s[u] = Finish(p * Clamp01((x[u] - lo) / (hi - lo)), cap);
        }
        break;
      }
      case Form::kGrade: {
        const uint8_t* g = c_.codes[w_.inputs[leaf.x].slot].data();
        for (std::size_t u = begin; u < end; ++u) s[u] = Finish(p * kGradeScores[g[u]], cap);
        break;
      }
      case Form::kTrimmedMean: {
        const double* r = c_.lists[w_.inputs[leaf.x].slot].data();
        static_assert(kTrim == 1);
        for (std::size_t u = begin; u < end; ++u) {
          const double* e = r + u * kRaters;
          double sum = e[0], lo = e[0], hi = e[0];
          for (int j = 1; j < kRaters; ++j) {
            sum += e[j];
            lo = std::min(lo, e[j]);
            hi = std::max(hi, e[j]);
          }
          const double mean = (sum - lo - hi) / (kRaters - 2 * kTrim);
          s[u] = Finish(p * mean / 100, cap);
        }
        break;
      }
      case Form::kDeduction: {
        const double* x = Numbers(leaf.x);
        for (std::size_t u = begin; u < end; ++u) s[u] = Finish(p - kPerOccurrence * x[u], cap);
        break;
      }
      case Form::kBenchmark: {
        const double* x = Numbers(leaf.x);
        const uint8_t* type = c_.type().data();
        const double* pm = &peer_max_[static_cast<std::size_t>(k) * kPeerTypes];
        for (std::size_t u = begin; u < end; ++u) s[u] = Finish(x[u] / pm[type[u]] * p, cap);
        break;
      }
      case Form::kThresholds: {
        const double* x = Numbers(leaf.x);
        for (std::size_t u = begin; u < end; ++u) {
          const double v = x[u];
          const double y = v >= kStepX[2]   ? kStepY[2]
                           : v >= kStepX[1] ? kStepY[1]
                           : v >= kStepX[0] ? kStepY[0]
                                            : 0.0;
          s[u] = Finish(y * p, cap);
        }
        break;
      }
    }
  }

  void ScoreBlock(std::size_t begin, std::size_t end) {
    for (int k = 0; k < w_.leaves; ++k) ScoreLeaf(w_.leaf[k], k, begin, end);
    const int group0 = w_.leaves;
    double acc[kBlock];
    double* total = out_.scores[w_.leaves + w_.groups + 2].data();
    std::fill(total + begin, total + end, 0.0);
    for (int g = 0; g < w_.groups; ++g) {
      std::fill(acc, acc + (end - begin), 0.0);
      for (int k = w_.group_begin[g]; k < w_.group_begin[g + 1]; ++k) {
        const double* s = out_.scores[k].data() + begin;
        for (std::size_t i = 0; i < end - begin; ++i) acc[i] += s[i];
      }
      double* gs = out_.scores[group0 + g].data();
      for (std::size_t u = begin; u < end; ++u) {
        gs[u] = RoundDecimal(std::max(acc[u - begin], 0.0), kDigits);
        total[u] += gs[u];
      }
    }
    const double* awards = Numbers(w_.awards);
    const double* city = Numbers(w_.city_award);
    const double* innovation = Numbers(w_.innovation);
    const double* complaints = Numbers(w_.complaints);
    const double* audit = Numbers(w_.audit_issues);
    const double* accidents = Numbers(w_.major_accidents);
    double* bonus = out_.scores[w_.leaves + w_.groups].data();
    double* deduct = out_.scores[w_.leaves + w_.groups + 1].data();
    for (std::size_t u = begin; u < end; ++u) {
      double b = 0;
      if (awards[u] > 0) b += std::min(kAwardPoints * awards[u], kAwardCap);
      if (city[u] != 0) b += kCityAwardPoints;
      if (innovation[u] > kInnovationFrom) {
        b += std::min((innovation[u] - kInnovationFrom) / kInnovationDiv, kInnovationCap);
      }
      bonus[u] = RoundDecimal(std::min(b, kBonusCap), kDigits);
      double d = 0;
      if (complaints[u] > 0) d += kComplaintPoints * complaints[u];
      if (audit[u] > kAuditFree) d += std::min(audit[u] - kAuditFree, kAuditCap);
      // 0 - amount: a deduction of nothing is +0, as published, never -0.
      deduct[u] = 0.0 - RoundDecimal(std::min(d, kDeductionCap), kDigits);
      double t = RoundDecimal(std::max(total[u] + bonus[u] + deduct[u], 0.0), kDigits);
      total[u] = t;
      if (accidents[u] > 0) t = RoundDecimal(std::min(t, w_.veto_cap), kDigits);
      out_.totals[u] = t;
    }
  }

  // SPEC §6: rank by total within the group, units with the (forcing) veto last; walk
  // the tied blocks in rank order, each taking the best level whose min it reaches and
  // whose quota is open; a block that straddles the quota's end is demoted, and closes it.
  void RankAndGrade(int group) {
    struct Entry {
      double total;
      uint32_t unit;
      bool forced;
    };
    const uint8_t* type = c_.type().data();
    const double* accidents = Numbers(w_.major_accidents);
    std::vector<Entry> e;
    for (std::size_t u = 0; u < n_; ++u) {
      if (type[u] == group) {
        e.push_back({out_.totals[u], static_cast<uint32_t>(u), accidents[u] > 0});
      }
    }
    std::sort(e.begin(), e.end(), [](const Entry& a, const Entry& b) {
      if (a.forced != b.forced) return !a.forced;
      return a.total > b.total;
    });
    const long long quota = static_cast<long long>(e.size()) * kQuotaPercent / 100;
    long long used = 0;
    bool top_closed = quota <= 0;
    const int lowest = static_cast<int>(w_.level_names.size()) - 1;
    for (std::size_t begin = 0; begin < e.size();) {
      std::size_t end = begin + 1;
      while (end < e.size() && e[end].forced == e[begin].forced && e[end].total == e[begin].total) {
        ++end;
      }
      const int rank = static_cast<int>(begin) + 1;
      int level = lowest;
      if (!e[begin].forced) {
        const double t = e[begin].total;
        const long long tied = static_cast<long long>(end - begin);
        level = t >= w_.level_min[1] ? 1 : t >= w_.level_min[2] ? 2 : lowest;
        if (!top_closed && t >= w_.level_min[0]) {
          if (tied > quota - used) {
            top_closed = true;  // ties: demote
          } else {
            level = 0;
            used += tied;
            top_closed = used >= quota;
          }
        }
      }
      for (std::size_t k = begin; k < end; ++k) {
        out_.rank[e[k].unit] = rank;
        out_.grade[e[k].unit] = level;
      }
      begin = end;
    }
  }

  const Workload& w_;
  const Columns& c_;
  BaselineResults& out_;
  const std::size_t n_;
  std::vector<double> peer_max_;
};

}  // namespace

BaselineResults RunBaseline(const Workload& w, const Columns& c, int threads) {
  BaselineResults out;
  Baseline(w, c, out).Run(std::max(1, threads));
  return out;
}

}  // namespace assess::bench
