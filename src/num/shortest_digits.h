// This file's external interface is ShortestDigits and RoundHalfAwayAt, internal to src/num:
// the exact decimal path shared by RoundDecimal (round.cc) and AppendFixed (number_text.cc),
// so that a rounded value and its written text come from the same digits.
#ifndef ASSESS_NUM_SHORTEST_DIGITS_H_
#define ASSESS_NUM_SHORTEST_DIGITS_H_

namespace assess::num_internal {

// value = (negative ? -1 : 1) x digits[0..count) x 10^exponent, with no leading zero digit.
// Zero has count 0. A shortest text has at most 17 digits; rounding may carry into an 18th.
struct DecimalDigits {
  bool negative = false;
  int count = 0;
  int exponent = 0;
  char digits[24];
};

// The shortest decimal that reads back as x (std::to_chars). x must be finite.
DecimalDigits ShortestDigits(double x);

// Rounds d half away from zero at `decimals` decimals (decimals >= 0). Afterwards
// exponent >= -decimals, trailing zero digits are stripped, and a zero has count 0.
void RoundHalfAwayAt(DecimalDigits& d, int decimals);

}  // namespace assess::num_internal

#endif  // ASSESS_NUM_SHORTEST_DIGITS_H_
