// This file's external interface is SourceMap and ExprSource::PosAt.
#include "load/source_map.h"

#include <algorithm>
#include <cstring>

#include "load/scheme_decl.h"

namespace assess::load {

namespace {

bool AllAscii(const char* p, std::size_t n) {
  constexpr uint64_t kHighBits = 0x8080808080808080ull;
  uint64_t any = 0;
  std::size_t k = 0;
  for (; k + 8 <= n; k += 8) {
    uint64_t word;
    std::memcpy(&word, p + k, 8);
    any |= word;
  }
  for (; k < n; ++k) any |= static_cast<unsigned char>(p[k]);
  return (any & kHighBits) == 0;
}

}  // namespace

// Line by line: rule files are mostly ASCII, whose lines need no counting of characters.
SourceMap::SourceMap(std::string_view text) : text_(text) {
  const std::size_t size = text.size();
  checkpoint_leads_.resize((size + kCheckpointBytes - 1) / kCheckpointBytes);
  checkpoint_line_.resize(checkpoint_leads_.size() + 1);
  std::size_t start = 0;
  while (true) {
    const void* nl = start < size ? std::memchr(text.data() + start, '\n', size - start) : nullptr;
    const std::size_t end =
        nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) : size;
    const bool ascii = AllAscii(text.data() + start, end - start);
    line_starts_.push_back(start);
    line_ascii_.push_back(ascii ? 1 : 0);
    // The checkpoints on this line (its break included): the lead bytes before each.
    std::size_t counted = start;
    uint32_t leads = 0;
    for (std::size_t k = (start + kCheckpointBytes - 1) / kCheckpointBytes;
         k * kCheckpointBytes <= end && k * kCheckpointBytes < size; ++k) {
      const std::size_t at = k * kCheckpointBytes;
      if (ascii) {
        leads = static_cast<uint32_t>(at - start);
      } else {
        for (; counted < at; ++counted) {
          if (IsLeadByte(static_cast<unsigned char>(text[counted]))) ++leads;
        }
      }
      checkpoint_leads_[k] = leads;
      checkpoint_line_[k] = static_cast<uint32_t>(line_starts_.size() - 1);
    }
    if (nl == nullptr) break;
    start = end + 1;
  }
  // The text's end, when it is a multiple of kCheckpointBytes.
  checkpoint_line_.back() = static_cast<uint32_t>(line_starts_.size() - 1);
}

std::size_t SourceMap::LineIndex(std::size_t offset) const {
  std::size_t index = checkpoint_line_[offset / kCheckpointBytes];
  while (index + 1 < line_starts_.size() && line_starts_[index + 1] <= offset) ++index;
  return index;
}

std::size_t SourceMap::LineStart(int line) const {
  if (line <= 1) return 0;
  std::size_t index =
      std::min<std::size_t>(static_cast<std::size_t>(line - 1), line_starts_.size() - 1);
  return line_starts_[index];
}

SourcePos SourceMap::PosOf(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  std::size_t line_index = LineIndex(offset);
  std::size_t line_start = line_starts_[line_index];
  if (line_ascii_[line_index]) {
    return SourcePos{static_cast<int>(line_index) + 1, static_cast<int>(offset - line_start) + 1};
  }
  // Start counting at the last checkpoint on this line, if any.
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
  // The common case: consecutive offsets on one ASCII line (a scalar as it stands).
  if (!offsets.empty() && offsets.back() < text_.size() &&
      offsets.back() - offsets.front() == offsets.size() - 1) {
    const std::size_t index = LineIndex(offsets.front());
    const std::size_t line_end =
        index + 1 < line_starts_.size() ? line_starts_[index + 1] : text_.size();
    bool consecutive = line_ascii_[index] != 0 && offsets.back() < line_end;
    for (std::size_t i = 1; consecutive && i < offsets.size(); ++i) {
      consecutive = offsets[i] == offsets[i - 1] + 1;
    }
    if (consecutive) {
      const int line = static_cast<int>(index) + 1;
      const int column = static_cast<int>(offsets.front() - line_starts_[index]) + 1;
      for (std::size_t i = 0; i < offsets.size(); ++i) {
        out.push_back(SourcePos{line, column + static_cast<int>(i)});
      }
      return out;
    }
  }
  auto continuation_at = [&](std::size_t offset) {
    return offset < text_.size() && !IsLeadByte(static_cast<unsigned char>(text_[offset]));
  };
  // Walking state: `line` and the number of lead bytes from that line's start to `at`.
  bool started = false;
  std::size_t at = 0;
  int line = 1;
  int leads = 0;
  std::size_t line_end = 0;  // where the next line starts (past the end for the last line)
  bool ascii = false;
  for (uint32_t raw : offsets) {
    std::size_t offset = std::min<std::size_t>(raw, text_.size());
    if (started && ascii && offset >= at && offset < line_end) {
      leads += static_cast<int>(offset - at);  // on an ASCII line every byte is a character
      at = offset;
      out.push_back(SourcePos{line, leads + 1});
      continue;
    }
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
    const std::size_t index = static_cast<std::size_t>(line - 1);
    ascii = line_ascii_[index] != 0;
    line_end = index + 1 < line_starts_.size() ? line_starts_[index + 1] : text_.size() + 1;
    out.push_back(SourcePos{line, std::max(leads + 1 - (continuation_at(offset) ? 1 : 0), 1)});
  }
  return out;
}

SourcePos ExprSource::PosAt(uint32_t offset) const {
  if (byte_pos.empty()) return pos;
  return byte_pos[std::min<std::size_t>(offset, byte_pos.size() - 1)];
}

}  // namespace assess::load
