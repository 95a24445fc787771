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
namespace {

// One finite term x into the partials p[0..n) (nonzero, non-overlapping and increasing in
// magnitude, adding up exactly to the terms seen so far): the partials it leaves are
// rewritten in place and counted in the result; x becomes the new top, which the caller
// appends when it is nonzero and finite (an infinite one: the running sum overflowed).
inline std::size_t Absorb(double* p, std::size_t n, double& x) {
  std::size_t kept = 0;
  for (std::size_t j = 0; j < n; ++j) {
    double y = p[j];
    if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
    const double hi = x + y;
    const double lo = y - (hi - x);  // exact error of hi, as |x| >= |y|
    if (lo != 0.0) p[kept++] = lo;
    x = hi;
  }
  return kept;
}

// The exact sum of the partials p[0..n), correctly rounded.
double Rounded(const double* p, std::size_t n) {
  if (n == 0) return 0.0;
  // Add the partials from the top down, stopping at the first inexact addition: the
  // smaller partials cannot change the rounding except at an exact half, handled below.
  double hi = p[--n];
  double lo = 0.0;
  while (n > 0) {
    const double x = hi;
    const double y = p[--n];
    hi = x + y;
    const double yr = hi - x;
    lo = y - yr;
    if (lo != 0.0) break;
  }
  // If hi + lo is a tie (lo is half an ulp of hi) and the next partial pushes the exact
  // sum past it, round away from hi: sum([1e-16, 1, 1e16]) is 10000000000000002, not
  // 1e16, because the 1e-16 makes the 1 slightly more than half an ulp.
  if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
    const double y = lo * 2.0;
    const double x = hi + y;
    const double yr = x - hi;
    if (y == yr) hi = x;
  }
  return hi;
}

}  // namespace

void ExactSum::Add(double x) {
  if (!std::isfinite(x)) {  // not expected; keep it from poisoning the partials
    overflow_ += x;
    return;
  }
  partials_.resize(Absorb(partials_.data(), partials_.size(), x));
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
  return Rounded(partials_.data(), partials_.size());
}

double ExactSumSlow(const double* v, std::size_t n) {
  // As ExactSum, with the partials on the stack: a list of a few terms with decimals (four
  // quarterly marks of tenths) needs two or three, and the vector's allocation was most of
  // the cost of such a sum. Terms spread over enough magnitudes to need more partials than
  // the room holds take ExactSum.
  constexpr std::size_t kRoom = 32;
  double partials[kRoom];
  std::size_t count = 0;
  double overflow = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double x = v[i];
    if (!std::isfinite(x)) {
      overflow += x;
      continue;
    }
    if (count == kRoom) {
      ExactSum sum;
      for (std::size_t j = 0; j < n; ++j) sum.Add(v[j]);
      return sum.Result();
    }
    count = Absorb(partials, count, x);
    if (!std::isfinite(x)) {
      overflow += x;
      count = 0;
      continue;
    }
    if (x != 0.0) partials[count++] = x;
  }
  if (overflow != 0) return overflow;
  return Rounded(partials, count);
}

}  // namespace assess
