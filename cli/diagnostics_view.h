// How the command line shows a rule file's diagnostics: as a compiler does (the message,
// then the source line with a caret and a ~~~ underline of the token, coloured on a
// terminal) or as JSON for tools.
#ifndef ASSESS_CLI_DIAGNOSTICS_VIEW_H_
#define ASSESS_CLI_DIAGNOSTICS_VIEW_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "assess/diagnostic.h"

namespace assess::cli {

enum class ColorMode { kAuto, kAlways, kNever };

struct DiagnosticsStyle {
  ColorMode color = ColorMode::kAuto;
  bool json = false;  // one JSON object instead of text
};

// The place of a diagnostic on its source line, in display columns (a CJK character is two
// columns wide, as terminals show it): where the caret goes and how wide the token is.
struct Underline {
  std::string line;  // the source line, tabs shown as one space each
  int caret = 0;     // display columns before the caret
  int width = 1;     // display columns of the token (the caret included)
};

// The token that a diagnostic at 1-based code-point `column` of `line` points at: a name
// (with `.value`), a number (with `%`), a quoted text, a two- or one-character operator.
// Its length in code points (at least 1; 1 past the end of the line).
int TokenLength(std::string_view line, int column);

// The caret and underline of that token, in display columns.
Underline UnderlineAt(std::string_view line, int column);

// The source text of a file's lines, read once per file (a diagnostic may name a file that
// cannot be read: it is then shown without its line).
class SourceLines {
 public:
  // Line `line` (1-based) of `file`, without its end of line; false when there is none.
  bool Get(const std::string& file, int line, std::string* text);

 private:
  std::string file_;
  bool loaded_ = false;
  std::vector<std::string> lines_;
};

// Whether colour is on for standard error under `mode` (auto: a terminal, TERM not `dumb`,
// NO_COLOR unset).
bool ColorOnStderr(ColorMode mode);

// "FILE:LINE:COL: error: MESSAGE" and, when the line is known, the source line and its
// caret line, as clang shows them.
std::string RenderDiagnostic(const Diagnostic& d, SourceLines& sources, bool color);

// {"file", "line", "column", "end_column", "severity", "message", "source"}: end_column is
// the code-point column just after the token (0 when the place is not known).
std::string DiagnosticsJson(const std::string& file, bool ok,
                            const std::vector<Diagnostic>& diagnostics, SourceLines& sources);

}  // namespace assess::cli

#endif  // ASSESS_CLI_DIAGNOSTICS_VIEW_H_
