// Where the cursor is in a rule file, as far as completion and hover need to know: the word
// under it, the keys of the mappings it is inside, and whether it is on a key or in the
// value of which key. Read from the text's indentation, so that it works on a document
// that does not load yet (the author is typing).
#ifndef ASSESS_LSP_CONTEXT_H_
#define ASSESS_LSP_CONTEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace assess::lsp {

struct Word {
  std::string text;  // "" when the cursor is on no name
  int begin = 0;     // code-point columns (0-based) on the line
  int end = 0;
};

// The name under or just before code-point column `column` ([A-Za-z0-9_], with
// `name.value` read as `name`).
Word WordAt(std::string_view line, int column);

struct CursorContext {
  // The schema path of the mapping the cursor is in (see authoring::KeysAt): {} at the top,
  // {"indicators", "[]"} in an indicator, {"inputs", "*"} in an input.
  std::vector<std::string> path;
  bool on_key = false;   // the cursor is where a key is written
  std::string value_of;  // otherwise the key whose value the cursor is in ("" if none)
};

// The context at 0-based `line` and code-point `column` of `text`.
CursorContext ContextAt(std::string_view text, int line, int column);

// Keys whose values are expressions.
bool IsExpressionKey(std::string_view key);

}  // namespace assess::lsp

#endif  // ASSESS_LSP_CONTEXT_H_
