// This file's external interface is Walker's limits, positions, Mapping and Sequence, and
// Quoted.
#include "load/walker.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "load/scalar_span.h"

namespace assess::load {
namespace {

// Past this many errors a file is garbage rather than a rule file with mistakes.
constexpr int kMaxErrors = 1000;

bool IsSpaceOrBreak(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A text on one line, for a message: each line break with the blanks around it becomes
// one space.
std::string OneLine(std::string_view text) {
  std::string out;
  std::size_t k = 0;
  while (k < text.size()) {
    char c = text[k];
    if (c == '\n' || c == '\r') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
      while (k < text.size() && IsSpaceOrBreak(text[k])) ++k;
      out += ' ';
      continue;
    }
    out += c;
    ++k;
  }
  return out;
}

// The keys of one mapping met so far, with their places, to report repeats. Most mappings
// have a handful of keys (a linear search); `inputs:` may have thousands.
class SeenKeys {
 public:
  explicit SeenKeys(std::size_t count) : hashed_(count > kLinearMax) {
    if (hashed_) {
      large_.reserve(count);
    } else {
      small_.reserve(count);
    }
  }
  // The place of the first `key`, or null (then `key` is recorded at `pos`).
  const SourcePos* FindOrAdd(std::string_view key, SourcePos pos) {
    if (hashed_) {
      auto [it, added] = large_.try_emplace(key, pos);
      return added ? nullptr : &it->second;
    }
    for (const auto& [k, p] : small_) {
      if (k == key) return &p;
    }
    small_.emplace_back(key, pos);
    return nullptr;
  }

 private:
  static constexpr std::size_t kLinearMax = 16;
  bool hashed_;
  std::vector<std::pair<std::string_view, SourcePos>> small_;
  std::unordered_map<std::string_view, SourcePos> large_;
};

std::string SingleQuoted(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

}  // namespace

std::string Quoted(std::string_view name) {
  constexpr std::size_t kMaxShown = 60;
  if (name.size() <= kMaxShown) return fmt::format("`{}`", name);
  std::size_t cut = kMaxShown;
  while (cut > 0 && !IsLeadByte(static_cast<unsigned char>(name[cut]))) --cut;
  return fmt::format("`{}...`", name.substr(0, cut));
}

void Walker::Error(SourcePos pos, std::string message) {
  if (stopped_) return;
  sink_.Error(pos, std::move(message));
  if (++errors_ >= kMaxErrors) {
    sink_.Error(pos, fmt::format("more than {} errors: stopped reading the file", kMaxErrors));
    stopped_ = true;
  }
}

bool Walker::Visit(const YamlNode& n) {
  if (stopped_) return false;
  if (++visited_ > limits_.max_yaml_nodes) {
    sink_.Error(Pos(n), fmt::format("the YAML has more than {} nodes (aliases `*name` may "
                                    "repeat a part many times): stopped reading the file",
                                    limits_.max_yaml_nodes));
    stopped_ = true;
    return false;
  }
  return true;
}

Walker::Nest::Nest(Walker& walker, SourcePos pos) : walker_(walker) {
  ++walker_.depth_;
  ok_ = !walker_.stopped_ && walker_.depth_ <= walker_.limits_.max_yaml_depth;
  if (!ok_ && !walker_.stopped_) {
    walker_.sink_.Error(pos, fmt::format("the YAML is nested more than {} levels deep (an alias "
                                         "`*name` may hold itself): stopped reading the file",
                                         walker_.limits_.max_yaml_depth));
    walker_.stopped_ = true;
  }
}

std::size_t Walker::Offset(const YamlNode& n) const {
  int mark = n.MarkPos();
  std::string_view text = map_.text();
  if (mark < 0 || static_cast<std::size_t>(mark) > text.size()) return std::string_view::npos;
  std::size_t offset = SkipNodeProperties(text, static_cast<std::size_t>(mark));
  if (n.IsNull()) {
    // An empty value's mark is the next token's; only a written null has a place.
    std::string_view rest = text.substr(std::min(offset, text.size()));
    bool written = rest.starts_with("~") || rest.starts_with("null") || rest.starts_with("Null") ||
                   rest.starts_with("NULL");
    if (!written) return std::string_view::npos;
  }
  return offset;
}

SourcePos Walker::Pos(const YamlNode& n, SourcePos fallback) const {
  std::size_t offset = Offset(n);
  if (offset == std::string_view::npos) return fallback;
  return map_.PosOf(offset);
}

SourcePos Walker::ItemPos(const YamlNode& n) const {
  int mark = n.MarkPos();
  std::string_view text = map_.text();
  if (mark < 0 || static_cast<std::size_t>(mark) > text.size()) return Pos(n);
  std::size_t k = static_cast<std::size_t>(mark);
  while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t')) --k;
  if (k > 0 && text[k - 1] == '-') return map_.PosOf(k - 1);
  return Pos(n);
}

SourcePos Walker::ValuePos(const Entry& e) const {
  if (e.uncut_text && !e.uncut_offsets.empty()) return map_.PosOf(e.uncut_offsets.front());
  return Pos(e.value, e.key_pos);
}

std::optional<std::vector<Entry>> Walker::Mapping(const YamlNode& n, SourcePos pos,
                                                  std::string_view what,
                                                  std::optional<KeyContext> context,
                                                  const KeyHint& hint,
                                                  std::span<const std::string_view> expr_keys) {
  if (!Visit(n)) return std::nullopt;
  std::vector<Entry> out;
  if (n.IsNull()) return out;
  if (!n.IsMap()) {
    Error(Pos(n, pos), fmt::format("{} must be a mapping, got {}", what, Describe(n)));
    return std::nullopt;
  }
  const std::size_t count = n.size();
  for (std::size_t i = 0; i < count; ++i) {
    if (!Visit(n.Key(i))) return std::nullopt;
  }
  out.reserve(count);
  const bool flow = n.IsFlow();
  SeenKeys seen(count);
  std::size_t i = 0;
  while (i < count && !stopped_) {
    const YamlNode key = n.Key(i);
    SourcePos key_pos = Pos(key, pos);
    if (!key.IsScalar()) {
      Error(key_pos, fmt::format("a key must be a name, got {}", Describe(key)));
      ++i;
      continue;
    }
    std::string_view name = key.Scalar();
    if (const SourcePos* first = seen.FindOrAdd(name, key_pos)) {
      Error(key_pos, fmt::format("repeated key {} (first at line {})", Quoted(name), first->line));
      ++i;
      continue;
    }
    if (context && !IsAllowedKey(*context, name)) {
      std::string message = hint ? hint(name) : std::string();
      Error(key_pos, message.empty() ? UnknownKeyMessage(name, *context) : message);
      ++i;
      continue;
    }
    Entry entry{std::string(name), key_pos, n.Value(i), std::nullopt, {}};
    std::size_t pieces = (context && flow) ? FindCommaCut(n, i, *context, expr_keys, entry) : 0;
    out.push_back(std::move(entry));
    i += 1 + pieces;
  }
  if (stopped_) return std::nullopt;
  return out;
}

// In `{id: a, score: points * min(x / t, 1.2)}` YAML ends the score at the comma and reads
// ` 1.2)` as a key without a value. That shape (a plain value directly followed by a comma,
// then keys that are not allowed here and have no value) is reported once, at the comma,
// with the quotes that fix it; the pieces are not reported again as unknown keys.
std::size_t Walker::FindCommaCut(const YamlNode& map, std::size_t i, KeyContext context,
                                 std::span<const std::string_view> expr_keys, Entry& entry) {
  const YamlNode value = map.Value(i);
  if (!IsPlain(value)) return 0;
  std::size_t pieces = 0;
  for (std::size_t k = i + 1; k < map.size(); ++k) {
    const YamlNode key = map.Key(k);
    if (!IsPlain(key) || !map.Value(k).IsNull() || IsAllowedKey(context, key.Scalar())) break;
    ++pieces;
  }
  if (pieces == 0) return 0;
  std::string_view text = map_.text();
  std::size_t start = Offset(value);
  const YamlNode last_piece = map.Key(i + pieces);
  std::size_t piece_start = Offset(last_piece);
  if (start == std::string_view::npos || piece_start == std::string_view::npos) return 0;
  std::size_t value_end = AlignScalar(text, start, value.Scalar()).back();
  std::size_t comma = value_end;
  while (comma < text.size() && IsSpaceOrBreak(text[comma])) ++comma;
  if (comma >= text.size() || text[comma] != ',') return 0;
  std::size_t end = AlignScalar(text, piece_start, last_piece.Scalar()).back();
  if (end <= comma) return 0;

  entry.uncut_text = std::string(text.substr(start, end - start));
  entry.uncut_offsets.clear();
  for (std::size_t k = start; k <= end; ++k)
    entry.uncut_offsets.push_back(static_cast<uint32_t>(k));
  bool is_expr = std::find(expr_keys.begin(), expr_keys.end(), entry.key) != expr_keys.end();
  std::string cut = OneLine(value.Scalar());
  std::string whole = SingleQuoted(OneLine(*entry.uncut_text));
  if (is_expr) {
    Error(map_.PosOf(comma),
          fmt::format("the expression {} was cut at this comma: in a flow mapping `{{...}}` a "
                      "comma ends the value; quote the expression: {}",
                      Quoted(cut), whole));
  } else {
    Error(map_.PosOf(comma),
          fmt::format("the value of {} was cut at this comma (to {}): in a flow mapping "
                      "`{{...}}` a comma ends the value; quote the value: {}",
                      Quoted(entry.key), Quoted(cut), whole));
  }
  return pieces;
}

std::optional<std::vector<YamlNode>> Walker::Sequence(const Entry& e) {
  if (!Visit(e.value)) return std::nullopt;
  std::vector<YamlNode> items;
  if (e.value.IsNull()) return items;
  if (!e.value.IsSequence()) {
    Error(ValuePos(e), fmt::format("{} must be a list, got {}", Quoted(e.key), Describe(e.value)));
    return std::nullopt;
  }
  const std::size_t count = e.value.size();
  items.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    YamlNode item = e.value.Item(i);
    if (!Visit(item)) return std::nullopt;
    items.push_back(item);
  }
  return items;
}

std::string Walker::Describe(const YamlNode& n) const {
  if (n.IsNull() || !n.IsDefined()) return "nothing";
  if (n.IsSequence()) return "a list";
  if (n.IsMap()) return "a mapping";
  std::string shown = OneLine(n.Scalar());
  if (IsPlain(n)) return Quoted(shown);
  return "the quoted text " + Quoted(shown);
}

}  // namespace assess::load
