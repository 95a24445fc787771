// This file's external interface is CodeCells::For (code_cells.h).
#include "report/code_cells.h"

#include <string>

#include "eval/score_column.h"
#include "num/number_text.h"

namespace assess::report {

CodeCells::CodeCells() : words_(new uint64_t[1 << 16]), lengths_(new uint8_t[1 << 16]) {}

std::optional<CodeCells> CodeCells::For(int digits) {
  if (digits < 0 || digits > 9) return std::nullopt;  // ScoreColumn keeps no codes then
  double scale = 1;
  for (int d = 0; d < digits; ++d) scale *= 10;  // exact: 10^9 < 2^53
  CodeCells cells;
  std::string text;
  for (int code = INT16_MIN; code <= INT16_MAX; ++code) {
    // The double ScoreColumn::Load gives for the code, and the text the writer gives it.
    text.assign(1, ',');
    if (code != eval::ScoreColumn::kNullCode16) {
      const double x = static_cast<double>(code) / scale;
      char room[kFixedShortMaxBytes];
      if (char* end = WriteFixedShort(room, x, digits)) {
        text.append(room, static_cast<std::size_t>(end - room));
      } else {
        AppendFixed(text, x, digits);
      }
    }
    if (text.size() > sizeof(uint64_t)) return std::nullopt;
    uint64_t word = 0;
    std::memcpy(&word, text.data(), text.size());
    const auto i = static_cast<uint16_t>(code);
    cells.words_[i] = word;
    cells.lengths_[i] = static_cast<uint8_t>(text.size());
  }
  return cells;
}

}  // namespace assess::report
