// This file's external interface is LoadYaml and LoadYamlFile: the checks before parsing,
// yaml-cpp's parse (whose exceptions become diagnostics here, and nowhere else), and the
// top level of the walk (SPEC §1).
#include "load/yaml_loader.h"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "load/sections.h"
#include "load/source_map.h"
#include "load/walker.h"
#include "load/yaml_prescan.h"

namespace assess::load {
namespace {

// yaml-cpp's messages, in the words of a rule author.
std::string ReadableSyntaxError(const std::string& message) {
  struct Rewrite {
    std::string_view yaml_cpp;
    std::string_view readable;
  };
  static constexpr Rewrite kRewrites[] = {
      {"end of map not found", "a mapping ends here unexpectedly (check the indentation)"},
      {"end of map flow not found", "a `{` is not closed by `}`"},
      {"end of sequence not found", "a list ends here unexpectedly (check the indentation)"},
      {"end of sequence flow not found", "a `[` is not closed by `]`"},
      {"illegal map value",
       "a `: ` where it cannot be (a plain text cannot hold `: `; quote it, or check the "
       "indentation)"},
      {"illegal block entry", "a `- ` list item where it cannot be (check the indentation)"},
      {"illegal map key", "a `? ` key where it cannot be"},
      {"illegal flow end", "a `]` or `}` that closes nothing"},
      {"unknown token", "a character that cannot start anything here"},
      {"the referenced anchor is not defined", "an alias `*name` refers to no anchor `&name`"},
      {"bad file", "the YAML is nested too deeply"},
      {"illegal EOF in scalar", "a quoted text is not closed before the end of the file"},
      {"illegal character in scalar", "a character that is not allowed in this text"},
      {"unexpected character in block scalar",
       "a character that is not allowed in a `|` or "
       "`>` text"},
  };
  for (const Rewrite& r : kRewrites) {
    if (message == r.yaml_cpp) return fmt::format("YAML syntax error: {}", r.readable);
  }
  if (message.find("tab") != std::string::npos) {
    return "YAML syntax error: a tab in the indentation (indent with spaces)";
  }
  return fmt::format("YAML syntax error: {}", message);
}

SourcePos MarkPos(const SourceMap& map, const YAML::Mark& mark) {
  if (mark.pos < 0) return SourcePos{1, 1};
  return map.PosOf(static_cast<std::size_t>(mark.pos));
}

// Where the first node of each document starts, from yaml-cpp's parse events.
class DocumentProbe : public YAML::EventHandler {
 public:
  struct First {
    YAML::Mark mark;
    bool null = false;
  };
  std::optional<First> first;  // of the document parsed last

  void OnDocumentStart(const YAML::Mark&) override { first.reset(); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { Note(mark, true); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { Note(mark, false); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    Note(mark, false);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    Note(mark, false);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    Note(mark, false);
  }
  void OnMapEnd() override {}

 private:
  void Note(const YAML::Mark& mark, bool null) {
    if (!first) first = First{mark, null};
  }
};

bool IsAt(std::string_view text, const YAML::Mark& mark, char c) {
  return mark.pos >= 0 && static_cast<std::size_t>(mark.pos) < text.size() &&
         text[static_cast<std::size_t>(mark.pos)] == c;
}

bool OnlyBlanksAndCommentsFrom(std::string_view text, const YAML::Mark& mark) {
  std::size_t k = mark.pos < 0 ? text.size() : static_cast<std::size_t>(mark.pos);
  while (k < text.size()) {
    char c = text[k];
    if (c == '#') {
      k = text.find('\n', k);
      if (k == std::string_view::npos) return true;
    } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      return false;
    }
    ++k;
  }
  return true;
}

struct Parsed {
  YAML::Node root;                  // the first document
  std::optional<SourcePos> second;  // where a second document with content starts
};

// Parses the first document of the text; nullopt (reported) on a syntax error.
//
// yaml-cpp's LoadAll loops forever (allocating) on a `,` outside any flow collection: the
// parser reports an empty document at the comma without consuming it. So the documents
// are walked here at most twice, with a probe that sees where each one starts.
std::optional<Parsed> Parse(const std::string& text, const SourceMap& map, DiagnosticSink& sink) {
  constexpr std::string_view kStrayComma =
      "YAML syntax error: a `,` outside of a flow list `[...]` or flow mapping `{...}`";
  try {
    Parsed parsed;
    std::istringstream in(text);
    YAML::Parser parser(in);
    DocumentProbe probe;
    if (!parser.HandleNextDocument(probe)) return parsed;  // no document: empty
    if (probe.first && probe.first->null && IsAt(text, probe.first->mark, ',')) {
      sink.Error(MarkPos(map, probe.first->mark), std::string(kStrayComma));
      return std::nullopt;
    }
    if (parser.HandleNextDocument(probe) && probe.first) {
      const DocumentProbe::First& first = *probe.first;
      if (first.null && IsAt(text, first.mark, ',')) {
        sink.Error(MarkPos(map, first.mark), std::string(kStrayComma));
        return std::nullopt;
      }
      // An empty document after a trailing `---` is harmless.
      if (!first.null || !OnlyBlanksAndCommentsFrom(text, first.mark)) {
        parsed.second = MarkPos(map, first.mark);
      }
    }
    parsed.root = YAML::Load(text);
    return parsed;
  } catch (const YAML::Exception& e) {
    sink.Error(MarkPos(map, e.mark), ReadableSyntaxError(e.msg));
  } catch (const std::exception& e) {
    sink.Error(SourcePos{1, 1}, fmt::format("the YAML cannot be read: {}", e.what()));
  }
  return std::nullopt;
}

std::string_view Shape(const YAML::Node& n) {
  if (n.IsSequence()) return "a list";
  if (n.IsScalar()) return "a single text";
  return "nothing";
}

void LoadTop(Walker& w, const YAML::Node& root, SchemeDecl& decl) {
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

  auto parsed = Parse(std::string(yaml), map, sink);
  if (!parsed) return std::nullopt;
  const YAML::Node& root = parsed->root;
  if (root.IsNull()) {
    sink.Error(SourcePos{1, 1},
               "the file is empty: a rule file needs at least `scheme:` and `indicators:`");
    return std::nullopt;
  }
  if (!root.IsMap()) {
    sink.Error(MarkPos(map, root.Mark()),
               fmt::format("a rule file is a YAML mapping (`scheme: ...`, `indicators: ...`), "
                           "but this one is {}",
                           Shape(root)));
    return std::nullopt;
  }

  Walker walker(map, limits, sink);
  SchemeDecl decl;
  decl.pos = SourcePos{1, 1};
  if (parsed->second) {
    // yaml-cpp also starts a new document where a top-level list or mapping ends early.
    walker.Error(*parsed->second,
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
