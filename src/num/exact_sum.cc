// This file's external interface is ExactSum and ExactSumOf (exact_sum.h).
//
// A port of Python's math.fsum (Shewchuk's msum, "Adaptive Precision Floating-Point
// Arithmetic and Fast Robust Geometric Predicates", with fsum's final half-way correction).
// The result is the exact sum correctly rounded, a function of the exact sum alone, so it
// does not depend on the order of the terms or on how they were split between threads.
#include "num/exact_sum.h"

#include <cmath>
#include <utility>

namespace assess {

void ExactSum::Add(double x) {
  if (!std::isfinite(x)) {  // not expected; keep it from poisoning the partials
    overflow_ += x;
    return;
  }
  // Invariant: partials_ are nonzero, non-overlapping and increasing in magnitude, and add
  // up exactly to the terms seen so far.
  std::size_t kept = 0;
  for (std::size_t j = 0; j < partials_.size(); ++j) {
    double y = partials_[j];
    if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
    const double hi = x + y;
    const double lo = y - (hi - x);  // exact error of hi, as |x| >= |y|
    if (lo != 0.0) partials_[kept++] = lo;
    x = hi;
  }
  partials_.resize(kept);
  if (!std::isfinite(x)) {
    // The running sum left the double range: the result is that infinity from now on
    // (opposite overflows give NaN). The partials no longer mean anything.
    overflow_ += x;
    partials_.clear();
    return;
  }
  if (x != 0.0) partials_.push_back(x);
}

void ExactSum::Merge(const ExactSum& other) {
  overflow_ += other.overflow_;
  for (double p : other.partials_) Add(p);
}

double ExactSum::Result() const {
  if (overflow_ != 0) return overflow_;  // also true for NaN
  std::size_t n = partials_.size();
  if (n == 0) return 0.0;
  // Add the partials from the top down, stopping at the first inexact addition: the
  // smaller partials cannot change the rounding except at an exact half, handled below.
  double hi = partials_[--n];
  double lo = 0.0;
  while (n > 0) {
    const double x = hi;
    const double y = partials_[--n];
    hi = x + y;
    const double yr = hi - x;
    lo = y - yr;
    if (lo != 0.0) break;
  }
  // If hi + lo is a tie (lo is half an ulp of hi) and the next partial pushes the exact
  // sum past it, round away from hi: sum([1e-16, 1, 1e16]) is 10000000000000002, not
  // 1e16, because the 1e-16 makes the 1 slightly more than half an ulp.
  if (n > 0 && ((lo < 0.0 && partials_[n - 1] < 0.0) || (lo > 0.0 && partials_[n - 1] > 0.0))) {
    const double y = lo * 2.0;
    const double x = hi + y;
    const double yr = x - hi;
    if (y == yr) hi = x;
  }
  return hi;
}

double ExactSumSlow(const double* v, std::size_t n) {
  ExactSum sum;
  for (std::size_t i = 0; i < n; ++i) sum.Add(v[i]);
  return sum.Result();
}

}  // namespace assess
