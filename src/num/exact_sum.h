// Exactly rounded sums (rule-language §16): `sum`, `mean`, `trimmed_mean`, `peer_sum` and
// `peer_mean` give the double nearest to the exact sum of their terms, so a result never
// depends on the order of units or on the number of threads.
#ifndef ASSESS_NUM_EXACT_SUM_H_
#define ASSESS_NUM_EXACT_SUM_H_

#include <cstddef>
#include <vector>

namespace assess {

// Shewchuk's algorithm with non-overlapping partials (as Python's math.fsum). Terms are
// finite; if the exact sum is outside the double range, Result() is +-infinity.
class ExactSum {
 public:
  void Add(double x);
  // Adds every term of `other` (partial sums of two threads combine exactly).
  void Merge(const ExactSum& other);
  double Result() const;
  // The state, to carry a sum to another process and go on there (FromState).
  const std::vector<double>& partials() const { return partials_; }
  double overflow() const { return overflow_; }
  static ExactSum FromState(std::vector<double> partials, double overflow) {
    ExactSum s;
    for (double p : partials) s.Add(p);  // Add keeps the invariant whatever was sent
    s.overflow_ += overflow;
    return s;
  }
  void Clear() {
    partials_.clear();
    overflow_ = 0;
  }

 private:
  std::vector<double> partials_;
  double overflow_ = 0;  // +-inf once an intermediate sum overflows
};

// Sums v[0..n) with ExactSum.
double ExactSumSlow(const double* v, std::size_t n);

// The exactly rounded sum of v[0..n). The fast path, inline for the evaluator's list loops,
// is a plain left-to-right sum checked with Knuth's TwoSum: when no addition rounded (sums
// of integers and of numbers with few decimals at similar magnitudes: most scores), the
// plain sum is the exact sum. Otherwise ExactSumSlow.
inline double ExactSumOf(const double* v, std::size_t n) {
  double s = 0.0;
  bool exact = true;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = v[i];
    const double t = s + x;
    const double xp = t - s;
    const double error = (s - (t - xp)) + (x - xp);
    exact &= error == 0.0;  // NaN (after an overflow) is not 0 either
    s = t;
  }
  if (exact && s - s == 0.0) return s + 0.0;  // finite; + 0.0: no -0.0
  return ExactSumSlow(v, n);
}

}  // namespace assess

#endif  // ASSESS_NUM_EXACT_SUM_H_
