// This file's external interface is LoadYaml and LoadYamlFile: the checks before parsing,
// the parse (yaml_parse.cc), and the top level of the walk (rule-language §3).
#include "load/yaml_loader.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <system_error>

#include "load/sections.h"
#include "load/source_map.h"
#include "load/walker.h"
#include "load/yaml_parse.h"
#include "load/yaml_prescan.h"
#include "load/yaml_tree.h"

namespace assess::load {
namespace {

std::string_view Shape(const YamlNode& n) {
  if (n.IsSequence()) return "a list";
  if (n.IsScalar()) return "a single text";
  return "nothing";
}

void LoadTop(Walker& w, const YamlNode& root, SchemeDecl& decl) {
  constexpr SourcePos kStart{1, 1};
  auto entries = w.Mapping(root, kStart, "the rule file", KeyContext::kTop);
  if (!entries) return;
  bool has_scheme = false;
  bool has_indicators = false;
  for (const Entry& e : *entries) {
    if (w.stopped()) return;
    if (e.key == "scheme") {
      has_scheme = true;
      decl.pos = w.ValuePos(e);
      decl.id = w.Text(e).value_or("");
    } else if (e.key == "title") {
      decl.title = w.Text(e, true).value_or("");
    } else if (e.key == "version") {
      decl.version = w.Text(e, true).value_or("");
    } else if (e.key == "description") {
      decl.description = w.Text(e, true).value_or("");
    } else if (e.key == "unit") {
      if (auto unit = w.Text(e)) decl.unit_column = *unit;
    } else if (e.key == "peers") {
      decl.peers_pos = w.ValuePos(e);
      decl.peers = w.Text(e);
    } else if (e.key == "inputs") {
      LoadInputs(w, e, decl);
    } else if (e.key == "params") {
      LoadParams(w, e, decl);
    } else if (e.key == "total") {
      LoadTotal(w, e, decl);
    } else if (e.key == "indicators") {
      has_indicators = true;
      LoadIndicators(w, e, decl);
    } else if (e.key == "vetoes") {
      LoadVetoes(w, e, decl);
    } else if (e.key == "grades") {
      LoadGrades(w, e, decl);
    } else if (e.key == "rounding") {
      LoadRounding(w, e, decl);
    } else if (e.key == "tests") {
      LoadTests(w, e, decl);
    }
  }
  if (!has_scheme) w.Error(kStart, "the rule file needs `scheme:` (the scheme's id)");
  if (!has_indicators) {
    w.Error(kStart, "the rule file needs `indicators:` (a list of at least one indicator)");
  }
}

}  // namespace

std::optional<SchemeDecl> LoadYaml(std::string_view yaml, const LoadLimits& limits,
                                   DiagnosticSink& sink) {
  // A UTF-8 byte order mark is no character of the first line.
  if (yaml.starts_with("\xEF\xBB\xBF")) yaml.remove_prefix(3);
  SourceMap map(yaml);
  if (!PrescanYaml(yaml, map, limits, sink)) return std::nullopt;

  YamlTree tree;
  std::optional<SourcePos> second;
  if (!ParseYaml(yaml, map, limits, tree, second, sink)) return std::nullopt;
  const YamlNode root = tree.root();
  if (root.IsNull()) {
    sink.Error(SourcePos{1, 1},
               "the file is empty: a rule file needs at least `scheme:` and `indicators:`");
    return std::nullopt;
  }
  if (!root.IsMap()) {
    sink.Error(
        root.MarkPos() < 0 ? SourcePos{1, 1} : map.PosOf(static_cast<std::size_t>(root.MarkPos())),
        fmt::format("a rule file is a YAML mapping (`scheme: ...`, `indicators: ...`), "
                    "but this one is {}",
                    Shape(root)));
    return std::nullopt;
  }

  Walker walker(map, limits, sink);
  SchemeDecl decl;
  decl.pos = SourcePos{1, 1};
  if (second) {
    // yaml-cpp also starts a new document where a top-level list or mapping ends early.
    walker.Error(*second,
                 "a rule file is one YAML document, but a second one starts here (check the "
                 "indentation, or remove the `---`)");
  }
  try {
    LoadTop(walker, root, decl);
  } catch (const std::exception& e) {
    // The walk uses no yaml-cpp call that throws on a parsed tree; this keeps the promise
    // that nothing escapes even if one does (or memory runs out).
    sink.Error(SourcePos{1, 1}, fmt::format("the rule file cannot be read: {}", e.what()));
    return std::nullopt;
  }
  if (walker.stopped()) return std::nullopt;
  return decl;
}

std::optional<SchemeDecl> LoadYamlFile(const std::string& path, const LoadLimits& limits,
                                       DiagnosticSink& sink) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    sink.Error(SourcePos{}, fmt::format("`{}` is a directory, not a rule file", path));
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::string why = std::filesystem::exists(path, ec) ? "cannot be opened" : "does not exist";
    sink.Error(SourcePos{}, fmt::format("the rule file `{}` {}", path, why));
    return std::nullopt;
  }
  // Read in pieces and stop past the limit, so that a huge file (or an endless device)
  // is never read whole.
  std::string text;
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > limits.max_file_bytes) {
      sink.Error(SourcePos{}, fmt::format("the rule file `{}` is larger than the limit of {} bytes",
                                          path, limits.max_file_bytes));
      return std::nullopt;
    }
  }
  if (in.bad()) {
    sink.Error(SourcePos{}, fmt::format("the rule file `{}` cannot be read", path));
    return std::nullopt;
  }
  return LoadYaml(text, limits, sink);
}

}  // namespace assess::load
