// This file's external interface is WordAt, ContextAt and IsExpressionKey: the cursor's
// place in a rule file, from indentation (block YAML) and the line itself (flow mappings).
#include "lsp/context.h"

#include <algorithm>

#include "lsp/protocol.h"

namespace assess::lsp {
namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

struct Open {
  int indent;
  std::string name;  // a key whose value is the block below it, or "[]" for a list item
};

// Pops what a line at `column` closes: mappings indented at or past it, and list items
// (a key may hold a list written at its own indentation: `key:` then `- item`).
void CloseFrom(std::vector<Open>& stack, int column, bool dash) {
  while (!stack.empty()) {
    const Open& top = stack.back();
    const bool closes = top.name == "[]" ? top.indent >= column
                                         : (dash ? top.indent > column : top.indent >= column);
    if (!closes) break;
    stack.pop_back();
  }
}

// The key written at `at` on `line` ("" when what is there is not `name:`).
std::string KeyAt(std::string_view line, std::size_t at, std::size_t* after) {
  std::size_t end = at;
  while (end < line.size() && line[end] != ':' && line[end] != '#' && line[end] != '{' &&
         line[end] != '[') {
    ++end;
  }
  if (end >= line.size() || line[end] != ':' ||
      (end + 1 < line.size() && line[end + 1] != ' ' && line[end + 1] != '\t')) {
    return "";
  }
  std::string_view key = line.substr(at, end - at);
  while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
  if (key.size() >= 2 && (key[0] == '"' || key[0] == '\'')) key = key.substr(1, key.size() - 2);
  *after = end + 1;
  return std::string(key);
}

std::vector<std::string> SchemaPath(const std::vector<Open>& stack) {
  std::vector<std::string> path;
  for (const Open& o : stack) {
    // An input's or a param's name is free: the schema calls it "*".
    const bool free_name = !path.empty() && (path.back() == "inputs" || path.back() == "params");
    path.push_back(free_name && o.name != "[]" ? "*" : o.name);
  }
  return path;
}

}  // namespace

Word WordAt(std::string_view line, int column) {
  const std::size_t at = ByteOffset(line, column);
  std::size_t begin = at, end = at;
  while (begin > 0 && IsNameChar(line[begin - 1])) --begin;
  while (end < line.size() && IsNameChar(line[end])) ++end;
  // `gdp.value`: the name is `gdp`.
  if (begin > 0 && line[begin - 1] == '.' && line.substr(begin, end - begin) == "value") {
    std::size_t b = begin - 1;
    while (b > 0 && IsNameChar(line[b - 1])) --b;
    end = begin - 1;
    begin = b;
  }
  if (begin == end) return {};
  const auto points = [&](std::size_t byte) {
    int n = 0;
    for (std::size_t i = 0; i < byte; ++i) n += (static_cast<unsigned char>(line[i]) >> 6) != 2;
    return n;
  };
  return {std::string(line.substr(begin, end - begin)), points(begin), points(end)};
}

CursorContext ContextAt(std::string_view text, int line, int column) {
  std::vector<Open> stack;
  CursorContext out;
  // One pass over the lines up to the cursor's (a line past the end is the last one).
  std::size_t start = 0;
  for (int i = 0; i <= line && start <= text.size(); ++i) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    const bool cursor_line = i == line || end == text.size();
    start = end + 1;
    const std::size_t limit = cursor_line ? ByteOffset(l, column) : l.size();
    std::size_t at = 0;
    while (at < limit && l[at] == ' ') ++at;
    if (!cursor_line && (at >= l.size() || l[at] == '#')) continue;  // blank or comment
    // List items: `- ` (possibly `- - `).
    while (at + 1 < l.size() && l[at] == '-' && (l[at + 1] == ' ') && at < limit) {
      CloseFrom(stack, static_cast<int>(at), true);
      stack.push_back({static_cast<int>(at), "[]"});
      at += 2;
      while (at < limit && l[at] == ' ') ++at;
    }
    at = std::min(at, limit);  // the cursor inside `- `
    std::size_t after = 0;
    const std::string key = KeyAt(l, at, &after);
    if (cursor_line) {
      CloseFrom(stack, static_cast<int>(at), false);
      std::string_view before = l.substr(at, limit - at);
      if (key.empty() || limit <= at + key.size()) {
        // The cursor is on the key being written, unless the line holds a flow mapping.
        out.on_key = before.find_first_of(":{[") == std::string_view::npos;
      } else {
        out.value_of = key;
      }
      // Inside a flow mapping `{id: a, score: x|}`: the last `key:` before the cursor.
      const std::size_t brace = before.rfind('{');
      if (brace != std::string_view::npos) {
        if (!key.empty()) stack.push_back({static_cast<int>(at), key});
        std::string_view inside = before.substr(brace + 1);
        const std::size_t comma = inside.rfind(',');
        std::string_view piece =
            comma == std::string_view::npos ? inside : inside.substr(comma + 1);
        const std::size_t colon = piece.find(": ");
        if (colon == std::string_view::npos) {
          out.on_key = true;
          out.value_of.clear();
        } else {
          std::string_view k = piece.substr(0, colon);
          while (!k.empty() && k.front() == ' ') k.remove_prefix(1);
          out.on_key = false;
          out.value_of = std::string(k);
        }
      }
      out.path = SchemaPath(stack);
      return out;
    }
    if (key.empty()) continue;
    CloseFrom(stack, static_cast<int>(at), false);
    std::size_t rest = after;
    while (rest < l.size() && l[rest] == ' ') ++rest;
    if (rest >= l.size() || l[rest] == '#') stack.push_back({static_cast<int>(at), key});
  }
  out.path = SchemaPath(stack);
  return out;
}

bool IsExpressionKey(std::string_view key) {
  return key == "score" || key == "value" || key == "when" || key == "points";
}

}  // namespace assess::lsp
