// Helpers for the tests of the front end (check, graph, compile): load a YAML text and check
// it, and see the diagnostics as "LINE:COLUMN: message" strings ("LINE:COLUMN: warning:
// message" for warnings), sorted by place.
#ifndef ASSESS_TESTS_CHECK_FRONT_TEST_UTIL_H_
#define ASSESS_TESTS_CHECK_FRONT_TEST_UTIL_H_

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "check/checker.h"
#include "core/diagnostics.h"
#include "load/yaml_loader.h"

namespace assess::testing {

inline std::vector<std::string> Lines(const DiagnosticSink& sink) {
  std::vector<std::string> out;
  for (const Diagnostic& d : sink.Sorted()) {
    out.push_back(fmt::format("{}:{}: {}{}", d.line, d.column,
                              d.severity == Severity::kWarning ? "warning: " : "", d.message));
  }
  return out;
}

struct Checked {
  std::unique_ptr<check::Model> model;   // null when loading or checking failed
  std::vector<std::string> diagnostics;  // errors and warnings, sorted by place
  bool loaded = false;                   // LoadYaml gave a SchemeDecl
};

// Loads and checks `yaml`, with `options` for the checker.
inline Checked CheckText(std::string_view yaml, const check::CheckOptions& options = {}) {
  DiagnosticSink sink("rules.yaml");
  Checked out;
  auto decl = load::LoadYaml(yaml, {}, sink);
  out.loaded = decl.has_value();
  if (decl) out.model = check::Check(std::move(*decl), options, sink);
  out.diagnostics = Lines(sink);
  return out;
}

// Each expected "LINE:COLUMN: text" matches the diagnostic at the same index when the place
// is equal and the message contains the text; the counts must be equal too. A warning's
// text starts with "warning: ".
inline void ExpectDiagnostics(const std::vector<std::string>& actual,
                              const std::vector<std::string>& expected) {
  ASSERT_EQ(actual.size(), expected.size()) << fmt::format("got:\n  {}", fmt::join(actual, "\n  "));
  for (std::size_t i = 0; i < expected.size(); ++i) {
    std::string_view want = expected[i];
    const std::size_t place_end = want.find(": ");
    ASSERT_NE(place_end, std::string_view::npos) << want;
    const std::string_view place = want.substr(0, place_end + 2);
    const std::string_view text = want.substr(place_end + 2);
    EXPECT_TRUE(actual[i].starts_with(place) && actual[i].find(text) != std::string::npos)
        << "expected: " << want << "\n     got: " << actual[i];
  }
}

// Errors only: the diagnostics that are not warnings.
inline std::vector<std::string> Errors(const std::vector<std::string>& diagnostics) {
  std::vector<std::string> out;
  for (const std::string& d : diagnostics) {
    if (d.find(": warning: ") == std::string::npos) out.push_back(d);
  }
  return out;
}

// A table row: a rule file and the diagnostics it must give.
struct DiagnosticCase {
  std::string name;
  std::string yaml;
  std::vector<std::string> expected;
};

inline std::ostream& operator<<(std::ostream& os, const DiagnosticCase& c) { return os << c.name; }

}  // namespace assess::testing

#endif  // ASSESS_TESTS_CHECK_FRONT_TEST_UTIL_H_
