// CodeTexts: the text of every 16-bit score code at a scheme's digits, made once per write,
// so that a score kept as a code becomes text by a table look-up. The CSV writer's cells
// (CodeCells, code_cells.h) and the JSON writers' numbers (JsonCodeTexts, json_text.h) are
// two such tables. Internal to report/.
#ifndef ASSESS_REPORT_CODE_TEXTS_H_
#define ASSESS_REPORT_CODE_TEXTS_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "eval/score_column.h"
#include "num/fast_round.h"

namespace assess::report {

// Slot: the bytes a text may take (a Put copies them all). Text: text(x, digits, out)
// appends the writer's text of score x to out, x NaN for the null code, so that the bytes
// are the same as the writer's own path for that double.
template <std::size_t Slot, class Text>
class CodeTexts {
 public:
  static constexpr std::size_t kSlot = Slot;

  // The table for scores kept as codes k of k / 10^digits (eval::ScoreColumn); nullopt for
  // digits outside 0..9 (no codes are kept then) or when some text would not fit a slot.
  static std::optional<CodeTexts> For(int digits) {
    if (digits < 0 || digits > 9) return std::nullopt;
    const double scale = num_internal::kPow10[digits];  // ScoreColumn's divisor
    CodeTexts table;
    std::string text;
    for (int code = INT16_MIN; code <= INT16_MAX; ++code) {
      // The double ScoreColumn::Load gives for the code, and its text.
      const double x = code == eval::ScoreColumn::kNullCode16
                           ? std::numeric_limits<double>::quiet_NaN()
                           : static_cast<double>(code) / scale;
      text.clear();
      Text{}(x, digits, text);
      if (text.size() > Slot) return std::nullopt;
      const auto i = static_cast<uint16_t>(code);
      std::memcpy(&table.texts_[std::size_t{i} * Slot], text.data(), text.size());
      table.lengths_[i] = static_cast<uint8_t>(text.size());
    }
    return table;
  }

  // Writes code's text at p (room for kSlot bytes) and returns its end.
  char* Put(char* p, int16_t code) const {
    const auto i = static_cast<uint16_t>(code);
    std::memcpy(p, &texts_[std::size_t{i} * Slot], Slot);
    return p + lengths_[i];
  }

 private:
  // Zeroed, so that a Put copies no uninitialized bytes past a text.
  CodeTexts()
      : texts_(new char[(std::size_t{1} << 16) * Slot]()), lengths_(new uint8_t[1 << 16]()) {}

  std::unique_ptr<char[]> texts_;       // by the code's 16 bits, Slot bytes each
  std::unique_ptr<uint8_t[]> lengths_;  // and how many of them are the text
};

}  // namespace assess::report

#endif  // ASSESS_REPORT_CODE_TEXTS_H_
