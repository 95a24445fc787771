// DiagnosticSink: collects every load error and warning of a rule file, so that they are
// reported all at once (rule-language §17) instead of one at a time.
#ifndef ASSESS_CORE_DIAGNOSTICS_H_
#define ASSESS_CORE_DIAGNOSTICS_H_

#include <string>
#include <vector>

#include "assess/diagnostic.h"
#include "core/source_pos.h"

namespace assess {

class DiagnosticSink {
 public:
  explicit DiagnosticSink(std::string file) : file_(std::move(file)) {}

  void Error(SourcePos pos, std::string message);
  void Warning(SourcePos pos, std::string message);

  bool has_errors() const { return errors_ > 0; }
  const std::string& file() const { return file_; }

  // Every diagnostic, sorted by line then column (stable for equal places).
  std::vector<Diagnostic> Sorted() const;

 private:
  std::string file_;
  std::vector<Diagnostic> items_;
  int errors_ = 0;
};

}  // namespace assess

#endif  // ASSESS_CORE_DIAGNOSTICS_H_
