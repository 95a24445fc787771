// This file's external interface is RunBaseline (baseline.h).
//
// What a careful engineer would write for this one scheme, as fast as plain C++ goes:
// peer maxima first (one pass per benchmarking leaf, per thread, then merged), then blocks
// of units taken by threads; in a block, one tight loop per leaf over its input columns
// with the leaf's form known, each score clamped and rounded to whole hundredths (int32),
// summed into its group as integers; then bonus and deduction rules, the total and the
// veto; then ranks and grades per peer group by counting over the integer totals (they are
// bounded), without a sort. Rounding is rule-language §11's, half away from zero on the shortest
// decimal text: a tie test near .5 decides the rare near-ties with assess's RoundDecimal,
// so the results are the same bit for bit as the engine's.
//
// Shortcuts that the generated data allows, and a hand-written program would take:
//  - no null handling: the data has no missing values and no bad values;
//  - no error checks: t >= 50 and peer maxima > 0, so no division by zero;
//  - raters are half points, so their plain sum is exact, and trimmed_mean(r, 1) is
//    (sum - min - max) / 5 without sorting or an exactly rounded sum;
//  - sums of rounded scores are sums of whole hundredths, exact as integers (the engine's
//    double sums round to the same hundredths).
#include "baseline.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

#include "num/round.h"

namespace assess::bench {
namespace {

constexpr std::size_t kBlock = 1024;

// v >= 0 rounded to hundredths, half away from zero on its shortest text: the product is
// decided by its fraction unless that lies within a few ulps of .5.
inline int32_t Cents(double v) {
  const double s = v * 100.0;
  const double whole = std::floor(s);
  const double f = s - whole;
  if (std::fabs(f - 0.5) > s * 0x1p-50 + 0x1p-1000) {
    return static_cast<int32_t>(whole) + (f > 0.5 ? 1 : 0);
  }
  return static_cast<int32_t>(std::nearbyint(RoundDecimal(v, kDigits) * 100.0));
}

inline int32_t Finish(double v, double cap) { return Cents(std::min(std::max(v, 0.0), cap)); }

inline double Clamp01(double t) { return t < 0 ? 0.0 : (t > 1 ? 1.0 : t); }

class Baseline {
 public:
  Baseline(const Workload& w, const Columns& c, BaselineResults& out)
      : w_(w), c_(c), out_(out), n_(c.units) {}

  void Run(int threads) {
    const std::size_t nodes = w_.leaves + w_.groups + 3;
    out_.cents.resize(nodes);
    for (std::vector<int32_t>& column : out_.cents) column.resize(n_);
    out_.total_cents.resize(n_);
    out_.rank.resize(n_);
    out_.grade.resize(n_);
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
    int32_t* s = out_.cents[k].data();
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
    const std::size_t m = end - begin;
    const int group0 = w_.leaves;
    int32_t acc[kBlock];
    int32_t sum[kBlock] = {};
    for (int g = 0; g < w_.groups; ++g) {
      std::fill(acc, acc + m, 0);
      for (int k = w_.group_begin[g]; k < w_.group_begin[g + 1]; ++k) {
        const int32_t* s = out_.cents[k].data() + begin;
        for (std::size_t i = 0; i < m; ++i) acc[i] += s[i];
      }
      int32_t* gs = out_.cents[group0 + g].data() + begin;
      for (std::size_t i = 0; i < m; ++i) {
        gs[i] = std::max(acc[i], 0);
        sum[i] += gs[i];
      }
    }
    const double* awards = Numbers(w_.awards);
    const double* city = Numbers(w_.city_award);
    const double* innovation = Numbers(w_.innovation);
    const double* complaints = Numbers(w_.complaints);
    const double* audit = Numbers(w_.audit_issues);
    const double* accidents = Numbers(w_.major_accidents);
    int32_t* bonus = out_.cents[w_.leaves + w_.groups].data();
    int32_t* deduct = out_.cents[w_.leaves + w_.groups + 1].data();
    int32_t* total = out_.cents[w_.leaves + w_.groups + 2].data();
    const int32_t veto_cap = Cents(w_.veto_cap);
    for (std::size_t u = begin; u < end; ++u) {
      double b = 0;
      if (awards[u] > 0) b += std::min(kAwardPoints * awards[u], kAwardCap);
      if (city[u] != 0) b += kCityAwardPoints;
      if (innovation[u] > kInnovationFrom) {
        b += std::min((innovation[u] - kInnovationFrom) / kInnovationDiv, kInnovationCap);
      }
      bonus[u] = Cents(std::min(b, kBonusCap));
      double d = 0;
      if (complaints[u] > 0) d += kComplaintPoints * complaints[u];
      if (audit[u] > kAuditFree) d += std::min(audit[u] - kAuditFree, kAuditCap);
      deduct[u] = -Cents(std::min(d, kDeductionCap));
      const int32_t t = std::max(sum[u - begin] + bonus[u] + deduct[u], 0);
      total[u] = t;
      out_.total_cents[u] = accidents[u] > 0 ? std::min(t, veto_cap) : t;
    }
  }

  // rule-language §10: rank by total within the group, units with the (forcing) veto last; walk
  // the tied blocks in rank order, each taking the best level whose min it reaches and
  // whose quota is open; a block that straddles the quota's end is demoted, and closes it.
  // Totals are whole hundredths between 0 and the most a total can be, so the blocks are
  // found by counting units per total, not by sorting them.
  void RankAndGrade(int group) {
    const uint8_t* type = c_.type().data();
    const double* accidents = Numbers(w_.major_accidents);
    const int32_t* totals = out_.total_cents.data();
    int32_t top = 0;
    for (std::size_t u = 0; u < n_; ++u) top = std::max(top, totals[u]);
    // count[forced][t]: units of the group with total t; then, from the top down, how many
    // rank above a total (the forced ones after every unforced one).
    std::vector<int64_t> count[2] = {std::vector<int64_t>(top + 2, 0),
                                     std::vector<int64_t>(top + 2, 0)};
    int64_t members = 0;
    for (std::size_t u = 0; u < n_; ++u) {
      if (type[u] != group) continue;
      ++count[accidents[u] > 0][totals[u]];
      ++members;
    }
    // above[f][t]: units ranked before a unit of total t (forced f); level[t] of unforced.
    std::vector<int64_t> above[2] = {std::vector<int64_t>(top + 1), std::vector<int64_t>(top + 1)};
    std::vector<int8_t> level(top + 1);
    const long long quota = members * kQuotaPercent / 100;
    long long used = 0;
    bool top_closed = quota <= 0;
    const int lowest = static_cast<int>(w_.level_names.size()) - 1;
    int64_t seen = 0;
    for (int32_t t = top; t >= 0; --t) {
      above[0][t] = seen;
      seen += count[0][t];
      if (count[0][t] == 0) continue;
      const double total = t / 100.0;
      int l = total >= w_.level_min[1] ? 1 : total >= w_.level_min[2] ? 2 : lowest;
      if (!top_closed && total >= w_.level_min[0]) {
        const long long tied = count[0][t];
        if (tied > quota - used) {
          top_closed = true;  // ties: demote
        } else {
          l = 0;
          used += tied;
          top_closed = used >= quota;
        }
      }
      level[t] = static_cast<int8_t>(l);
    }
    for (int32_t t = top; t >= 0; --t) {
      above[1][t] = seen;
      seen += count[1][t];
    }
    for (std::size_t u = 0; u < n_; ++u) {
      if (type[u] != group) continue;
      const bool forced = accidents[u] > 0;
      const int32_t t = totals[u];
      out_.rank[u] = static_cast<int32_t>(above[forced][t] + 1);
      out_.grade[u] = forced ? lowest : level[t];
    }
  }

  const Workload& w_;
  const Columns& c_;
  BaselineResults& out_;
  const std::size_t n_;
  std::vector<double> peer_max_;
};

}  // namespace

void RunBaseline(const Workload& w, const Columns& c, int threads, BaselineResults& out) {
  Baseline(w, c, out).Run(std::max(1, threads));
}

}  // namespace assess::bench
