// This file's external interface is ShortestDigits and RoundHalfAwayAt (shortest_digits.h).
#include "num/shortest_digits.h"

#include <cassert>
#include <charconv>
#include <cmath>

namespace assess::num_internal {

DecimalDigits ShortestDigits(double x) {
  assert(std::isfinite(x));
  DecimalDigits d;
  d.negative = std::signbit(x);
  if (x == 0) return d;
  // Scientific shortest form: "D[.DDD]e[+-]XX[X]". Its digits are Ryu's shortest digits.
  char buf[40];
  auto [end, ec] =
      std::to_chars(buf, buf + sizeof buf, std::fabs(x), std::chars_format::scientific);
  assert(ec == std::errc());
  const char* p = buf;
  for (; p < end && *p != 'e'; ++p) {
    if (*p != '.') d.digits[d.count++] = *p;
  }
  ++p;  // 'e'
  bool exp_negative = *p == '-';
  ++p;
  int e = 0;
  for (; p < end; ++p) e = e * 10 + (*p - '0');
  if (exp_negative) e = -e;
  // The first digit stands at 10^e, the last one at 10^(e - count + 1).
  d.exponent = e - d.count + 1;
  while (d.count > 0 && d.digits[d.count - 1] == '0') {
    --d.count;
    ++d.exponent;
  }
  return d;
}

void RoundHalfAwayAt(DecimalDigits& d, int decimals) {
  assert(decimals >= 0);
  if (d.count == 0) {
    d.exponent = 0;
    return;
  }
  if (d.exponent >= -decimals) return;
  // Digits to drop from the right: the value has count digits ending at 10^exponent.
  long long drop = static_cast<long long>(-decimals) - d.exponent;
  d.exponent = -decimals;
  if (drop > d.count) {  // below half a unit of the last kept place
    d.count = 0;
    d.exponent = 0;
    return;
  }
  int keep = d.count - static_cast<int>(drop);
  bool up = d.digits[keep] >= '5';  // half or more of the last kept place: away from zero
  d.count = keep;
  if (up) {
    int i = keep - 1;
    while (i >= 0 && d.digits[i] == '9') d.digits[i--] = '0';
    if (i >= 0) {
      ++d.digits[i];
    } else {  // all nines (or nothing kept): carry into a new leading digit
      for (int j = d.count; j > 0; --j) d.digits[j] = d.digits[j - 1];
      d.digits[0] = '1';
      ++d.count;
    }
  }
  while (d.count > 0 && d.digits[d.count - 1] == '0') {
    --d.count;
    ++d.exponent;
  }
  if (d.count == 0) d.exponent = 0;
}

}  // namespace assess::num_internal
