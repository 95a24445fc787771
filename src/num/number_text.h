// Numbers as texts: the strict syntax of data cells (SPEC §12) and the shortest and
// fixed-decimal forms in which results are written (SPEC §7, §8).
#ifndef ASSESS_NUM_NUMBER_TEXT_H_
#define ASSESS_NUM_NUMBER_TEXT_H_

#include <optional>
#include <string>
#include <string_view>

namespace assess {

// Parses `[+-]digits[.digits][(e|E)[+-]digits]` (the whole text; the caller trims spaces).
// No NaN, Inf, hex, thousands separators, or leading/trailing garbage. A number that
// overflows a double is rejected (nullopt). "-0" gives 0.0 (never -0.0).
std::optional<double> ParseNumber(std::string_view text);

// The shortest decimal text that reads back as x (std::to_chars): "0.1", "2.675", "3".
// Whole numbers below 1e15 are written without exponent and without ".0".
std::string ShortestText(double x);

// Appends x with exactly `digits` decimals (digits 0..17), never "-0.00": the value is
// first rounded half away from zero at `digits` decimals on its shortest text (RoundDecimal).
void AppendFixed(std::string& out, double x, int digits);
std::string FixedText(double x, int digits);

}  // namespace assess

#endif  // ASSESS_NUM_NUMBER_TEXT_H_
