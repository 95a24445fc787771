// SourceMap: turns byte offsets into a rule file into 1-based line and column positions,
// counting columns in Unicode code points, as diagnostics report them (rule-language §17).
#ifndef ASSESS_LOAD_SOURCE_MAP_H_
#define ASSESS_LOAD_SOURCE_MAP_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/source_pos.h"

namespace assess::load {

class SourceMap {
 public:
  // `text` must outlive the map. Lines end at '\n' (a "\r\n" pair ends a line too: the
  // '\r' is the last character of its line).
  explicit SourceMap(std::string_view text);

  std::string_view text() const { return text_; }

  // The position of the character holding byte `offset` (a byte inside a multi-byte
  // character gets that character's column); offsets past the end give the end.
  SourcePos PosOf(std::size_t offset) const;

  // PosOf for each offset; linear in the distance covered when the offsets do not
  // decrease (as the bytes of one scalar), so long lines cost no quadratic time.
  std::vector<SourcePos> PosOfEach(const std::vector<uint32_t>& offsets) const;

  // Byte offset at which 1-based `line` starts (clamped to the lines of the file).
  std::size_t LineStart(int line) const;

 private:
  // Columns are counted from a checkpoint every kCheckpointBytes, so that a position on a
  // huge one-line file (a hostile flow mapping) costs no scan of the whole line.
  static constexpr std::size_t kCheckpointBytes = 256;

  std::string_view text_;
  std::vector<std::size_t> line_starts_;  // offset of the first byte of each line
  // Per line: 1 when all its bytes are ASCII (then a column is an offset difference).
  std::vector<uint8_t> line_ascii_;
  // For each multiple k of kCheckpointBytes: the index of the line holding byte k, where
  // the search for an offset's line starts.
  std::vector<uint32_t> checkpoint_line_;

  // The index of the line holding `offset` (<= the text's size).
  std::size_t LineIndex(std::size_t offset) const;
  // For each multiple k of kCheckpointBytes: the lead bytes from the start of its line to k.
  std::vector<uint32_t> checkpoint_leads_;
};

// True for the first byte of a UTF-8 sequence (and for ASCII), false for continuation bytes.
inline bool IsLeadByte(unsigned char c) { return (c & 0xC0) != 0x80; }

}  // namespace assess::load

#endif  // ASSESS_LOAD_SOURCE_MAP_H_
