// This file's external interface is DiagnosticSink and Diagnostic::ToString.
#include "core/diagnostics.h"

#include <fmt/format.h>

#include <algorithm>

namespace assess {

std::string Diagnostic::ToString() const {
  const char* kind = severity == Severity::kError ? "error" : "warning";
  if (line <= 0) return fmt::format("{}: {}: {}", file, kind, message);
  return fmt::format("{}:{}:{}: {}: {}", file, line, column, kind, message);
}

void DiagnosticSink::Error(SourcePos pos, std::string message) {
  items_.push_back({Severity::kError, file_, pos.line, pos.column, std::move(message)});
  ++errors_;
}

void DiagnosticSink::Warning(SourcePos pos, std::string message) {
  items_.push_back({Severity::kWarning, file_, pos.line, pos.column, std::move(message)});
}

std::vector<Diagnostic> DiagnosticSink::Sorted() const {
  std::vector<Diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.line != b.line) return a.line < b.line;
    return a.column < b.column;
  });
  return out;
}

}  // namespace assess
