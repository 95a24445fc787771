// A message about a rule file, with the place it points at.
#ifndef ASSESS_DIAGNOSTIC_H_
#define ASSESS_DIAGNOSTIC_H_

#include <string>

#include "assess/api.h"

namespace assess {

enum class Severity { kError, kWarning };

// One load error or warning. Line and column are 1-based and point into the rule file
// (inside an expression: at the offending token); columns count Unicode code points.
// 0 means the place is not known (e.g. the file could not be read at all).
struct ASSESS_API Diagnostic {
  Severity severity = Severity::kError;
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;

  // "FILE:LINE:COLUMN: error: MESSAGE" (or "warning:"), the form of rule-language §17.
  std::string ToString() const;
};

}  // namespace assess

#endif  // ASSESS_DIAGNOSTIC_H_
