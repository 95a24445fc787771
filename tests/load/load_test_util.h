// Helpers for the tests of the load stage: load a YAML text, and see its diagnostics as
// "LINE:COLUMN: message" strings.
#ifndef ASSESS_TESTS_LOAD_LOAD_TEST_UTIL_H_
#define ASSESS_TESTS_LOAD_LOAD_TEST_UTIL_H_

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "load/yaml_loader.h"

namespace assess::load::testing {

struct Loaded {
  std::optional<SchemeDecl> decl;
  std::vector<std::string> diagnostics;  // "LINE:COLUMN: message", sorted by place
};

inline Loaded LoadText(std::string_view yaml, const LoadLimits& limits = {}) {
  DiagnosticSink sink("rules.yaml");
  Loaded out;
  out.decl = LoadYaml(yaml, limits, sink);
  for (const Diagnostic& d : sink.Sorted()) {
    out.diagnostics.push_back(fmt::format("{}:{}: {}", d.line, d.column, d.message));
  }
  return out;
}

// A valid scheme whose only indicator is `a`, with `extra` appended at the top level.
inline std::string WithIndicator(std::string_view extra) {
  return "scheme: s\nindicators:\n  - {id: a, points: 10, score: points}\n" + std::string(extra);
}

// Each expected "LINE:COLUMN: text" matches the diagnostic at the same index when the
// place is equal and the message contains the text; the counts must be equal too.
inline void ExpectDiagnostics(const std::vector<std::string>& actual,
                              const std::vector<std::string>& expected) {
  ASSERT_EQ(actual.size(), expected.size()) << fmt::format("got:\n  {}", fmt::join(actual, "\n  "));
  for (std::size_t i = 0; i < expected.size(); ++i) {
    std::string_view want = expected[i];
    std::size_t place_end = want.find(": ");
    ASSERT_NE(place_end, std::string_view::npos) << want;
    std::string_view place = want.substr(0, place_end + 2);
    std::string_view text = want.substr(place_end + 2);
    EXPECT_TRUE(actual[i].starts_with(place) && actual[i].find(text) != std::string::npos)
        << "expected: " << want << "\n     got: " << actual[i];
  }
}

}  // namespace assess::load::testing

#endif  // ASSESS_TESTS_LOAD_LOAD_TEST_UTIL_H_
