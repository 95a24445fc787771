// This file's external interface is ParseYaml and ParseInParts: yaml-cpp's parse of the
// whole text, or of two parts at once (the plan of yaml_split.cc, checked here).
//
// Why the two parts give the whole text's tree when the checks pass. yaml-cpp's scanner
// reads the whole text and the first part alike up to the cut, and the whole text and the
// second part alike from the cut to the end of the key line that follows the list (which
// the second part includes), if at the cut the whole text's scanner stands at a line start
// with nothing pending (no open quote, flow collection or unresolved key) and the list's
// block level open: the levels below the list's are never looked at while the list lasts,
// because no token inside it is less indented than its items. The first part shows that
// nothing was pending at the cut: the key after the list, which it reads right after the
// cut, is a key of the top-level mapping, where nothing pending could have let it be (an
// open quote or bracket would hold it; an unresolved key makes its `:` an error). It
// holds the list with exactly the items the plan counted before the cut, so the list is
// open there. The second part must give a block list of exactly the items counted after
// the cut, without an error and without anchors or aliases (which would refer across the
// parts), and the key line must then start a new document there: so nothing is pending at
// the list's end either (yaml-cpp takes the end of its input as the end of an open quoted
// text, so this is checked on the key, not left to an error), and the whole text reads the
// rest from the state the first part reads it from. The one remaining difference is the mark of a
// value left empty at the end of the first part's last item, which yaml-cpp puts at the next token:
// the builder moves it to the second part's first item (YamlTree::Builder::SetGap). Any other
// outcome, a syntax error included, parses the whole text instead, which reports the error exactly.
//
// The nesting the prescan allowed still bounds yaml-cpp's recursion: the second part nests no
// deeper than the whole text there, and the first part at most twice as deep (when it is wrong:
// brackets left open at the cut run on into the rest), below yaml-cpp's own guard.
#include "load/yaml_parse.h"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <istream>
#include <streambuf>
#include <system_error>
#include <thread>

#include "load/yaml_split.h"

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

SourcePos MarkPos(const SourceMap& map, int mark) {
  if (mark < 0) return SourcePos{1, 1};
  return map.PosOf(static_cast<std::size_t>(mark));
}
SourcePos MarkPos(const SourceMap& map, const YAML::Mark& mark) { return MarkPos(map, mark.pos); }

// The text as yaml-cpp's input stream, without copying it.
class TextBuffer : public std::streambuf {
 public:
  explicit TextBuffer(std::string_view text) {
    // Only read: a putback of the character just read moves the pointer back.
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

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

bool IsAt(std::string_view text, int mark, char c) {
  return mark >= 0 && static_cast<std::size_t>(mark) < text.size() &&
         text[static_cast<std::size_t>(mark)] == c;
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

// Parses the first document of the text into `tree` (yaml-cpp's events, as YAML::Load
// would read them) and sets `second` where a second document with content starts; false
// (reported) on a syntax error.
//
// yaml-cpp's LoadAll loops forever (allocating) on a `,` outside any flow collection: the
// parser reports an empty document at the comma without consuming it. So the documents
// are walked here at most twice, seeing where each one starts.
bool ParseWhole(std::string_view text, const SourceMap& map, YamlTree& tree,
                std::optional<SourcePos>& second, DiagnosticSink& sink) {
  constexpr std::string_view kStrayComma =
      "YAML syntax error: a `,` outside of a flow list `[...]` or flow mapping `{...}`";
  try {
    TextBuffer buffer(text);
    std::istream in(&buffer);
    YAML::Parser parser(in);
    YamlTree::Builder builder(tree);
    if (!parser.HandleNextDocument(builder)) return true;  // no document: empty
    const auto& start = builder.first();
    if (start && start->null && IsAt(text, start->mark, ',')) {
      sink.Error(MarkPos(map, start->mark), std::string(kStrayComma));
      return false;
    }
    DocumentProbe probe;
    if (parser.HandleNextDocument(probe) && probe.first) {
      const DocumentProbe::First& first = *probe.first;
      if (first.null && IsAt(text, first.mark.pos, ',')) {
        sink.Error(MarkPos(map, first.mark), std::string(kStrayComma));
        return false;
      }
      // An empty document after a trailing `---` is harmless.
      if (!first.null || !OnlyBlanksAndCommentsFrom(text, first.mark)) {
        second = MarkPos(map, first.mark);
      }
    }
    return true;
  } catch (const YAML::Exception& e) {
    sink.Error(MarkPos(map, e.mark), ReadableSyntaxError(e.msg));
  } catch (const std::exception& e) {
    sink.Error(SourcePos{1, 1}, fmt::format("the YAML cannot be read: {}", e.what()));
  }
  return false;
}

// The text in two pieces, as one input stream for yaml-cpp, copying nothing.
class TwoPieceBuffer : public std::streambuf {
 public:
  TwoPieceBuffer(std::string_view first, std::string_view second) : second_(second) { Set(first); }

 protected:
  int_type underflow() override {
    if (gptr() == egptr() && !second_.empty()) {
      Set(second_);
      second_ = {};
    }
    return gptr() == egptr() ? traits_type::eof() : traits_type::to_int_type(*gptr());
  }

 private:
  void Set(std::string_view piece) {
    // Only read: a putback of the character just read moves the pointer back.
    char* begin = const_cast<char*>(piece.data());
    setg(begin, begin, begin + piece.size());
  }
  std::string_view second_;
};

// The second part: [cut, end) of the text, and the line of the key after it, which ends
// the list (and a value left unfinished at its end) as in the whole text. True when the
// first document is a block list of the planned items, and the next one starts with that
// key (not so when the list's end left a quoted text open: yaml-cpp takes the end of the
// input as its end).
bool ParseSecondPart(std::string_view text, const SplitPlan& plan, YamlTree& tree) noexcept {
  try {
    TextBuffer buffer(text.substr(plan.cut, plan.key_line_end - plan.cut));
    std::istream in(&buffer);
    YAML::Parser parser(in);
    const int offset = static_cast<int>(plan.cut);
    YamlTree::Builder builder(tree, offset);
    if (!parser.HandleNextDocument(builder) || builder.saw_anchors()) return false;
    const YamlNode root = tree.root();
    if (!root.IsSequence() || root.IsFlow() ||
        root.MarkPos() != static_cast<int>(plan.cut + plan.indent) ||
        root.size() != plan.items_after) {
      return false;
    }
    YamlTree next;
    YamlTree::Builder next_builder(next, offset);
    if (!parser.HandleNextDocument(next_builder)) return false;
    const YamlNode map = next.root();
    const int key = static_cast<int>(plan.end);
    return map.IsMap() && !map.IsFlow() && map.MarkPos() == key && map.size() > 0 &&
           map.Key(0).IsPlain() && map.Key(0).MarkPos() == key;
  } catch (...) {
    return false;  // a syntax error, or no memory: the whole text is parsed again
  }
}

// The first part: the text without [cut, end), into `tree`. True when it holds the list
// with the planned items, followed by the next top-level key, in one document. The
// list's node is `list`.
bool ParseFirstPart(std::string_view text, const SplitPlan& plan, YamlTree& tree,
                    YamlNode& list) noexcept {
  try {
    TwoPieceBuffer buffer(text.substr(0, plan.cut), text.substr(plan.end));
    std::istream in(&buffer);
    YAML::Parser parser(in);
    YamlTree::Builder builder(tree);
    builder.SetGap(static_cast<int>(plan.cut), static_cast<int>(plan.end - plan.cut),
                   static_cast<int>(plan.cut + plan.indent));
    builder.WatchSequence(static_cast<int>(plan.first_item + plan.indent));
    if (!parser.HandleNextDocument(builder)) return false;
    // A stray comma, a second document: reported by the whole parse.
    if (!builder.first() || builder.first()->null) return false;
    DocumentProbe probe;
    if (parser.HandleNextDocument(probe)) return false;
    const YamlNode seq = builder.watched();
    if (!seq.IsDefined() || seq.size() != plan.items_before) return false;
    const YamlNode root = tree.root();
    bool key_found = false;
    for (std::size_t i = 0; i < root.size() && !key_found; ++i) {
      key_found = root.Key(i).IsScalar() && root.Key(i).MarkPos() == static_cast<int>(plan.end);
    }
    if (!root.IsMap() || root.IsFlow() || !key_found) return false;
    list = seq;
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace

bool ParseInParts(std::string_view text, const SplitPlan& plan, YamlTree& tree) {
  YamlTree second;
  bool second_ok = false;
  std::optional<std::thread> worker;
  try {
    worker.emplace([&] { second_ok = ParseSecondPart(text, plan, second); });
  } catch (const std::exception&) {
    return false;  // no thread to be had
  }
  YamlNode list;
  bool first_ok = ParseFirstPart(text, plan, tree, list);
  worker->join();
  if (!first_ok || !second_ok) return false;
  try {
    return tree.AppendItems(list, second.root());
  } catch (const std::bad_alloc&) {
    return false;
  }
}

bool ParseYaml(std::string_view text, const SourceMap& map, const LoadLimits& limits,
               YamlTree& tree, std::optional<SourcePos>& second, DiagnosticSink& sink) {
  static const unsigned kCores = std::thread::hardware_concurrency();
  if (kCores >= 2 && limits.parallel_part_bytes > 0) {
    if (auto plan = PlanSplit(text, limits.parallel_part_bytes)) {
      if (ParseInParts(text, *plan, tree)) return true;
      tree = YamlTree();
    }
  }
  return ParseWhole(text, map, tree, second, sink);
}

}  // namespace assess::load
