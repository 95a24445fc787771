// This file's external interface is SourceMap and ExprSource::PosAt.
#include "load/source_map.h"

#include <algorithm>

#include "load/scheme_decl.h"

namespace assess::load {

SourceMap::SourceMap(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  checkpoint_leads_.reserve(text.size() / kCheckpointBytes + 1);
  uint32_t leads = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i % kCheckpointBytes == 0) checkpoint_leads_.push_back(leads);
    if (text[i] == '\n') {
      line_starts_.push_back(i + 1);
      leads = 0;
    } else if (IsLeadByte(static_cast<unsigned char>(text[i]))) {
      ++leads;
    }
  }
}

std::size_t SourceMap::LineStart(int line) const {
  if (line <= 1) return 0;
  std::size_t index =
      std::min<std::size_t>(static_cast<std::size_t>(line - 1), line_starts_.size() - 1);
  return line_starts_[index];
}

SourcePos SourceMap::PosOf(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  // The last line start <= offset.
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::size_t line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  // Start counting at the last checkpoint on this line, if any.
  std::size_t line_start = line_starts_[line_index];
  std::size_t checkpoint = offset / kCheckpointBytes;
  std::size_t from = line_start;
  int column = 1;
  if (checkpoint * kCheckpointBytes > line_start && checkpoint < checkpoint_leads_.size()) {
    from = checkpoint * kCheckpointBytes;
    column += static_cast<int>(checkpoint_leads_[checkpoint]);
  }
  for (std::size_t i = from; i < offset; ++i) {
    if (IsLeadByte(static_cast<unsigned char>(text_[i]))) ++column;
  }
  // A continuation byte belongs to the character whose lead byte was just counted.
  if (offset < text_.size() && !IsLeadByte(static_cast<unsigned char>(text_[offset]))) {
    --column;
  }
  return SourcePos{static_cast<int>(line_index) + 1, std::max(column, 1)};
}

std::vector<SourcePos> SourceMap::PosOfEach(const std::vector<uint32_t>& offsets) const {
  std::vector<SourcePos> out;
  out.reserve(offsets.size());
  auto continuation_at = [&](std::size_t offset) {
    return offset < text_.size() && !IsLeadByte(static_cast<unsigned char>(text_[offset]));
  };
  // Walking state: `line` and the number of lead bytes from that line's start to `at`.
  bool started = false;
  std::size_t at = 0;
  int line = 1;
  int leads = 0;
  for (uint32_t raw : offsets) {
    std::size_t offset = std::min<std::size_t>(raw, text_.size());
    if (!started || offset < at) {
      SourcePos pos = PosOf(offset);
      line = pos.line;
      leads = pos.column - 1 + (continuation_at(offset) ? 1 : 0);
      started = true;
    } else {
      for (std::size_t i = at; i < offset; ++i) {
        unsigned char c = static_cast<unsigned char>(text_[i]);
        if (c == '\n') {
          ++line;
          leads = 0;
        } else if (IsLeadByte(c)) {
          ++leads;
        }
      }
    }
    at = offset;
    out.push_back(SourcePos{line, std::max(leads + 1 - (continuation_at(offset) ? 1 : 0), 1)});
  }
  return out;
}

SourcePos ExprSource::PosAt(uint32_t offset) const {
  if (byte_pos.empty()) return pos;
  return byte_pos[std::min<std::size_t>(offset, byte_pos.size() - 1)];
}

}  // namespace assess::load
