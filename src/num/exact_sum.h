// Exactly rounded sums (SPEC §12): `sum`, `mean`, `trimmed_mean`, `peer_sum` and
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
  void Clear() { partials_.clear(); overflow_ = 0; }

 private:
  std::vector<double> partials_;
  double overflow_ = 0;  // +-inf once an intermediate sum overflows
};

// The exactly rounded sum of v[0..n). A fast path sums with error-free transformations and
// returns the plain sum when no rounding happened; otherwise it falls back to ExactSum.
double ExactSumOf(const double* v, std::size_t n);

}  // namespace assess

#endif  // ASSESS_NUM_EXACT_SUM_H_
