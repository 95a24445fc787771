// CodeCells: the CSV cell of every 16-bit score code at a scheme's digits, made once per
// write, so that a score kept as a code becomes text by a table look-up. Internal to
// report/.
#ifndef ASSESS_REPORT_CODE_CELLS_H_
#define ASSESS_REPORT_CODE_CELLS_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>

namespace assess::report {

class CodeCells {
 public:
  // The cells for scores kept as codes k of k / 10^digits (eval::ScoreColumn): each is
  // "," and the text the writer gives the double k / 10^digits (nothing for the null
  // code), so the bytes are the same by either path. nullopt when some cell would not fit
  // one 8-byte word (digits 5 and more).
  static std::optional<CodeCells> For(int digits);

  // Writes code's cell at p (room for 8 bytes) and returns its end.
  char* Put(char* p, int16_t code) const {
    const auto i = static_cast<uint16_t>(code);
    std::memcpy(p, &words_[i], sizeof(uint64_t));
    return p + lengths_[i];
  }

 private:
  CodeCells();

  std::unique_ptr<uint64_t[]> words_;   // by the code's 16 bits: the cell's bytes in order
  std::unique_ptr<uint8_t[]> lengths_;  // and how many of them it is
};

}  // namespace assess::report

#endif  // ASSESS_REPORT_CODE_CELLS_H_
