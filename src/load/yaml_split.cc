// This file's external interface is PlanSplit.
//
// The plan looks at lines only: the key line `indicators:` at column 0, then the list's
// lines, which are blank, comments, more indented than its items, or items. It does not
// know whether a line lies inside a quoted text or a flow collection that started on an
// earlier line; the parse finds that out (a part then fails, or holds another number of
// items than the plan counted) and falls back to one parse.
#include "load/yaml_split.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace assess::load {
namespace {

struct Line {
  std::size_t start = 0;
  std::size_t end = 0;   // before its line break (and a '\r' before the '\n')
  std::size_t next = 0;  // start of the next line
  std::size_t indent = 0;
  bool tab_in_indent = false;
  bool blank = false;    // spaces and tabs only
  bool comment = false;  // its first non-blank character is `#`
};

Line ReadLine(std::string_view text, std::size_t start) {
  Line line;
  line.start = start;
  const void* nl = std::memchr(text.data() + start, '\n', text.size() - start);
  line.end =
      nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) : text.size();
  line.next = nl ? line.end + 1 : text.size();
  if (line.end > start && text[line.end - 1] == '\r') --line.end;
  std::size_t k = start;
  while (k < line.end && text[k] == ' ') ++k;
  line.indent = k - start;
  while (k < line.end && (text[k] == ' ' || text[k] == '\t')) {
    line.tab_in_indent = true;
    ++k;
  }
  line.blank = k == line.end;
  line.comment = !line.blank && text[k] == '#';
  return line;
}

// `-` followed by a blank or the line's end: a block list item (yaml-cpp's BlockEntry).
bool IsItem(std::string_view text, const Line& line) {
  std::size_t k = line.start + line.indent;
  if (line.blank || line.tab_in_indent || text[k] != '-') return false;
  return k + 1 == line.end || text[k + 1] == ' ' || text[k + 1] == '\t';
}

// `indicators:` at column 0, with nothing after it but blanks and a comment.
bool IsListKey(std::string_view text, const Line& line) {
  constexpr std::string_view kKey = "indicators:";
  std::string_view s = text.substr(line.start, line.end - line.start);
  if (!s.starts_with(kKey)) return false;
  std::size_t k = kKey.size();
  while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
  return k == s.size() || (k > kKey.size() && s[k] == '#');
}

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// yaml-cpp's time on a part is about proportional to its bytes plus this many per line
// (fitted on the generated benchmark schemes: short lines of flow mappings cost more per
// byte than long ones).
constexpr std::size_t kLineWeight = 44;

// An item line of the list: its start, and the number of lines before it.
struct ItemLine {
  std::size_t start;
  std::size_t line;
};

}  // namespace

std::optional<SplitPlan> PlanSplit(std::string_view text, std::size_t min_part_bytes) {
  if (text.size() < 2 * min_part_bytes) return std::nullopt;
  // A '\r' that is not part of "\r\n" breaks a line for yaml-cpp, not for ReadLine.
  for (const char* p = text.data();
       (p = static_cast<const char*>(std::memchr(p, '\r', text.size() - (p - text.data())))) !=
       nullptr;
       ++p) {
    if (p + 1 == text.data() + text.size() || p[1] != '\n') return std::nullopt;
  }

  std::size_t pos = 0;
  std::size_t lines = 0;  // before `pos`
  bool found = false;
  while (pos < text.size() && !found) {
    Line line = ReadLine(text, pos);
    if (text[pos] == '%') return std::nullopt;  // a directive: tags could mean other things
    found = IsListKey(text, line);
    pos = line.next;
    ++lines;
  }
  if (!found) return std::nullopt;

  SplitPlan plan;
  std::vector<ItemLine> items;
  bool in_list = false;
  bool ended = false;
  for (; pos < text.size(); ++lines) {
    Line line = ReadLine(text, pos);
    if (line.tab_in_indent) return std::nullopt;
    if (line.blank || line.comment) {
      pos = line.next;
      continue;
    }
    if (!in_list) {
      // The first item, indented, on the first line with content.
      if (line.indent == 0 || !IsItem(text, line)) return std::nullopt;
      in_list = true;
      plan.indent = line.indent;
      plan.first_item = line.start;
    }
    if (line.indent < plan.indent || (line.indent == plan.indent && !IsItem(text, line))) {
      plan.end = line.start;
      plan.key_line_end = line.next;
      ended = true;
      break;
    }
    if (line.indent == plan.indent) items.push_back({line.start, lines});
    pos = line.next;
  }
  // The list must end at a top-level key.
  if (items.size() < 2 || !ended || !IsLetter(text[plan.end])) return std::nullopt;

  // The second part about half the work: the first part holds all that is not in it.
  const std::size_t end_line = lines;
  const std::size_t total =
      text.size() + kLineWeight * (lines + std::count(text.begin() + plan.end, text.end(), '\n'));
  auto imbalance = [&](const ItemLine& item) {
    const std::size_t second = 2 * (plan.end - item.start + kLineWeight * (end_line - item.line));
    return second > total ? second - total : total - second;
  };
  std::size_t best = 1;
  for (std::size_t i = 2; i < items.size(); ++i) {
    if (imbalance(items[i]) < imbalance(items[best])) best = i;
  }
  plan.cut = items[best].start;
  plan.items_before = best;
  plan.items_after = items.size() - best;
  if (plan.end - plan.cut < min_part_bytes) return std::nullopt;
  return plan;
}

}  // namespace assess::load
