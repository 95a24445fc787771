// This file's external interface is Server::Hover, Server::Completion and
// Server::Definition: what a name in a rule file is, what may be written at the cursor, and
// where a name is declared.
#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "authoring/schema.h"
#include "authoring/scheme_diff.h"
#include "lsp/context.h"
#include "lsp/protocol.h"
#include "lsp/server.h"

namespace assess::lsp {
namespace {

using Json = nlohmann::json;

// LSP CompletionItemKind values.
constexpr int kKindFunction = 3;
constexpr int kKindField = 5;
constexpr int kKindVariable = 6;
constexpr int kKindProperty = 10;
constexpr int kKindValue = 12;
constexpr int kKindConstant = 21;

std::string IndicatorDoc(const IndicatorOutline& n) {
  std::string doc = fmt::format("**indicator** `{}`{}\n\n{}", n.id,
                                n.title.empty() ? "" : " — " + n.title, n.kind);
  if (n.kind == "leaf" || n.kind == "group") {
    doc += fmt::format(", {} points", authoring::NumberText(n.points));
  }
  if (n.cap) doc += fmt::format(", cap {}", authoring::NumberText(*n.cap));
  if (!n.parent.empty()) doc += fmt::format(", in `{}`", n.parent);
  if (n.score) doc += fmt::format("\n\nscore: `{}`", n.score->text);
  if (n.when) doc += fmt::format("\n\nwhen: `{}`", n.when->text);
  if (!n.description.empty()) doc += "\n\n" + n.description;
  return doc;
}

std::string InputDoc(const InputOutline& in) {
  std::string doc =
      fmt::format("**input** `{}`{}\n\n{}{}", in.name, in.title.empty() ? "" : " — " + in.title,
                  in.type, in.required ? ", required" : ", may be missing (null)");
  if (!in.default_value.empty()) doc += ", default " + in.default_value;
  if (in.min) doc += ", min " + authoring::NumberText(*in.min);
  if (in.max) doc += ", max " + authoring::NumberText(*in.max);
  if (in.column != in.name) doc += fmt::format(", column `{}`", in.column);
  return doc;
}

std::string ParamDoc(const ParamOutline& p) {
  return fmt::format("**param** `{}` ({}) = `{}`", p.name, p.type, p.value);
}

const FunctionInfo* FindFunction(const std::string& name) {
  for (const FunctionInfo& f : Scheme::Functions()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string FunctionDoc(const FunctionInfo& f) {
  return fmt::format("**function** `{}`\n\n{}", f.signature, f.doc);
}

// What `name` is in `o`, as Markdown ("" when it is none of its names).
std::string DocOf(const SchemeOutline& o, const std::string& name, Place* place) {
  for (const IndicatorOutline& n : o.indicators) {
    if (n.id == name) return *place = n.place, IndicatorDoc(n);
  }
  for (const InputOutline& in : o.inputs) {
    if (in.name == name) return *place = in.place, InputDoc(in);
  }
  for (const ParamOutline& p : o.params) {
    if (p.name == name) return *place = p.place, ParamDoc(p);
  }
  return "";
}

// The author's own words on a declaration: the comment lines just above it and a comment
// at the end of its line (`limit: 1.2   # over-achievement credited up to 120%`).
std::string CommentsAt(std::string_view text, int line_number) {
  std::vector<std::string> lines;
  for (int i = line_number - 1; i >= 0 && lines.size() < 5; --i) {
    std::string_view l = LineOf(text, i);
    while (!l.empty() && l.front() == ' ') l.remove_prefix(1);
    if (l.empty() || l.front() != '#') break;
    l.remove_prefix(1);
    while (!l.empty() && l.front() == ' ') l.remove_prefix(1);
    lines.insert(lines.begin(), std::string(l));
  }
  const std::string_view own = LineOf(text, line_number);
  const std::size_t hash = own.find(" #");
  // A `#` inside quotes is text, not a comment: only a line without quotes before it.
  if (hash != std::string_view::npos &&
      own.substr(0, hash).find_first_of("\"'") == std::string_view::npos) {
    std::string_view c = own.substr(hash + 2);
    while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
    lines.emplace_back(c);
  }
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : " ") + l;
  return out;
}

Json Range(std::string_view line, int line_number, int begin, int end) {
  return {{"start", {{"line", line_number}, {"character", Utf16Column(line, begin)}}},
          {"end", {{"line", line_number}, {"character", Utf16Column(line, end)}}}};
}

struct Cursor {
  int line = 0;
  int column = 0;  // code points
  std::string_view text;
};

Cursor CursorOf(const std::string& text, const Json& params) {
  const Json& pos = params.at("position");
  const std::optional<int> line = PositionField(pos, "line");
  const std::optional<int> character = PositionField(pos, "character");
  if (!line || !character) {
    throw InvalidParams("position: `line` and `character` must be integers from 0 to 2147483647");
  }
  Cursor c;
  c.line = *line;
  c.text = LineOf(text, c.line);
  c.column = CodePointColumn(c.text, *character);
  return c;
}

}  // namespace

Json Server::Hover(const Json& params) const {
  const Document* doc = Find(params);
  if (!doc) return nullptr;
  const Cursor c = CursorOf(doc->text, params);
  const Word w = WordAt(c.text, c.column);
  if (w.text.empty()) return nullptr;
  std::string markdown;
  // A key (`score:`): the schema's words for it.
  const std::size_t after = ByteOffset(c.text, w.end);
  if (after < c.text.size() && c.text[after] == ':') {
    const CursorContext ctx = ContextAt(doc->text, c.line, w.begin);
    const std::string description = authoring::KeyDescription(ctx.path, w.text);
    if (!description.empty()) markdown = fmt::format("**{}**\n\n{}", w.text, description);
  }
  Place place;
  if (markdown.empty() && doc->outline) {
    markdown = DocOf(*doc->outline, w.text, &place);
    const std::string comments =
        place.line > 0 ? CommentsAt(doc->text, place.line - 1) : std::string();
    if (!markdown.empty() && !comments.empty()) markdown += "\n\n" + comments;
  }
  if (markdown.empty()) {
    if (const FunctionInfo* f = FindFunction(w.text)) markdown = FunctionDoc(*f);
  }
  if (markdown.empty()) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", markdown}}},
          {"range", Range(c.text, c.line, w.begin, w.end)}};
}

Json Server::Completion(const Json& params) const {
  const Document* doc = Find(params);
  if (!doc) return Json::array();
  const Cursor c = CursorOf(doc->text, params);
  const CursorContext ctx = ContextAt(doc->text, c.line, c.column);
  Json items = Json::array();
  if (ctx.on_key) {
    for (const authoring::KeyDoc& k : authoring::KeysAt(ctx.path)) {
      items.push_back({{"label", k.key},
                       {"kind", kKindProperty},
                       {"documentation", {{"kind", "markdown"}, {"value", k.description}}},
                       {"insertText", k.key + ": "}});
    }
    return items;
  }
  if (IsExpressionKey(ctx.value_of)) {
    if (doc->outline) {
      const SchemeOutline& o = *doc->outline;
      for (const InputOutline& in : o.inputs) {
        items.push_back({{"label", in.name},
                         {"kind", kKindVariable},
                         {"detail", "input " + in.type},
                         {"documentation", {{"kind", "markdown"}, {"value", InputDoc(in)}}}});
      }
      for (const ParamOutline& p : o.params) {
        items.push_back({{"label", p.name},
                         {"kind", kKindConstant},
                         {"detail", "param " + p.type},
                         {"documentation", {{"kind", "markdown"}, {"value", ParamDoc(p)}}}});
      }
      for (const IndicatorOutline& n : o.indicators) {
        items.push_back({{"label", n.id},
                         {"kind", kKindField},
                         {"detail", "indicator " + n.kind},
                         {"documentation", {{"kind", "markdown"}, {"value", IndicatorDoc(n)}}}});
      }
    }
    for (const FunctionInfo& f : Scheme::Functions()) {
      items.push_back({{"label", f.name},
                       {"kind", kKindFunction},
                       {"detail", f.signature},
                       {"documentation", {{"kind", "markdown"}, {"value", f.doc}}}});
    }
    return items;
  }
  // The value of a key with a fixed set of values (`type:`, `on_missing:` ...).
  for (const authoring::KeyDoc& k : authoring::KeysAt(ctx.path)) {
    if (k.key != ctx.value_of) continue;
    for (const std::string& v : k.values) {
      items.push_back({{"label", v}, {"kind", kKindValue}, {"detail", k.key}});
    }
  }
  return items;
}

Json Server::Definition(const Json& params) const {
  const Document* doc = Find(params);
  if (!doc || !doc->outline) return nullptr;
  const Cursor c = CursorOf(doc->text, params);
  const Word w = WordAt(c.text, c.column);
  if (w.text.empty()) return nullptr;
  Place place;
  if (DocOf(*doc->outline, w.text, &place).empty() || place.line <= 0) return nullptr;
  // The declaration's place is its name's first character (an indicator: its id's value).
  const std::string_view line = LineOf(doc->text, place.line - 1);
  const int begin = place.column - 1;
  const Word name = WordAt(line, begin);
  const int end = name.text.empty() ? begin + 1 : name.end;
  return {{"uri", doc->uri},
          {"range", Range(line, place.line - 1, begin, std::max(end, begin + 1))}};
}

}  // namespace assess::lsp
