// Tests of params (rule-language §3 `params`) and their NAME=VALUE overrides, read by each param's
// type (rule-language §16 "Loading": numbers may be `8%`, lists `;`- or `,`-separated, tables as
// JSON; an unknown name is an error).
#include <gtest/gtest.h>

#include <algorithm>

#include "check/checker.h"
#include "check/front_test_util.h"

namespace assess::check {
namespace {

using assess::testing::Checked;
using assess::testing::CheckText;
using assess::testing::Errors;
using assess::testing::ExpectDiagnostics;
using Kind = load::ParamDecl::Kind;

// Every kind of param, each used once.
constexpr std::string_view kScheme = R"(scheme: s
inputs:
  x: {type: number}
  g: {type: text}
params:
  target: 8%
  label: north
  quoted: "12"
  strict: true
  thresholds: [1, 2.5, 3%]
  scores: {A: 1, B: 0.8}
indicators:
  - id: a
    points: 10
    when: 'strict and label != "south" and quoted != "1" and x in thresholds'
    score: 'lookup(g, scores) * x / target'
)";

Checked Override(std::vector<std::pair<std::string, std::string>> params) {
  CheckOptions options;
  options.params = std::move(params);
  return CheckText(kScheme, options);
}

const Param& ParamOf(const Model& m, std::string_view name) {
  const int i = m.FindParam(name);
  EXPECT_GE(i, 0) << name;
  return m.params[i < 0 ? 0 : i];
}

std::vector<std::pair<std::string, double>> TableOf(const Model& m, const Param& p) {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& [id, v] : p.table) out.emplace_back(m.texts().Text(id), v);
  return out;
}

TEST(Params, KindsAsWritten) {
  auto checked = CheckText(kScheme);
  ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
  EXPECT_TRUE(checked.diagnostics.empty()) << ::testing::PrintToString(checked.diagnostics);
  const Model& m = *checked.model;
  EXPECT_EQ(ParamOf(m, "target").kind, Kind::kNumber);
  EXPECT_EQ(ParamOf(m, "target").number, 0.08);
  EXPECT_EQ(ParamOf(m, "label").kind, Kind::kText);
  EXPECT_EQ(m.texts().Text(static_cast<uint32_t>(ParamOf(m, "label").number)), "north");
  EXPECT_EQ(ParamOf(m, "quoted").kind, Kind::kText);  // quoted: never a number
  EXPECT_EQ(m.texts().Text(static_cast<uint32_t>(ParamOf(m, "quoted").number)), "12");
  EXPECT_EQ(ParamOf(m, "strict").kind, Kind::kBool);
  EXPECT_EQ(ParamOf(m, "strict").number, 1);
  EXPECT_EQ(ParamOf(m, "thresholds").kind, Kind::kList);
  EXPECT_EQ(ParamOf(m, "thresholds").list, (std::vector<double>{1, 2.5, 0.03}));
  EXPECT_EQ(ParamOf(m, "scores").kind, Kind::kTable);
  EXPECT_EQ(TableOf(m, ParamOf(m, "scores")),
            (std::vector<std::pair<std::string, double>>{{"A", 1}, {"B", 0.8}}));
  EXPECT_EQ(m.FindParam("x"), -1);
}

TEST(Params, OverridesAreReadByTheParamsType) {
  auto checked = Override({{"target", "12.5%"},
                           {"label", "south east"},
                           {"quoted", "7"},
                           {"strict", "No"},
                           {"thresholds", "4;5.5; 6%"},
                           {"scores", R"({"C": 2, "A": 0.5})"}});
  ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
  const Model& m = *checked.model;
  EXPECT_EQ(ParamOf(m, "target").number, 0.125);
  EXPECT_EQ(m.texts().Text(static_cast<uint32_t>(ParamOf(m, "label").number)), "south east");
  EXPECT_EQ(m.texts().Text(static_cast<uint32_t>(ParamOf(m, "quoted").number)), "7");
  EXPECT_EQ(ParamOf(m, "strict").number, 0);
  EXPECT_EQ(ParamOf(m, "thresholds").list, (std::vector<double>{4, 5.5, 0.06}));
  // A table given is the whole table: B is gone.
  auto table = TableOf(m, ParamOf(m, "scores"));
  std::sort(table.begin(), table.end());
  EXPECT_EQ(table, (std::vector<std::pair<std::string, double>>{{"A", 0.5}, {"C", 2}}));
}

TEST(Params, ListOverridesTakeCommasOrSemicolons) {
  for (const auto& [text, list] :
       std::vector<std::pair<std::string, std::vector<double>>>{{"1;2", {1, 2}},
                                                                {"1,2", {1, 2}},
                                                                {" 1 , 2 , 3 ", {1, 2, 3}},
                                                                {"7", {7}},
                                                                {"-1;1e2", {-1, 100}},
                                                                {"", {}}}) {
    SCOPED_TRACE(text);
    auto checked = Override({{"thresholds", text}});
    ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
    EXPECT_EQ(ParamOf(*checked.model, "thresholds").list, list);
  }
}

TEST(Params, BoolOverridesTakeTheTextsOfData) {
  for (const auto& [text, value] : std::vector<std::pair<std::string, double>>{
           {"true", 1}, {"FALSE", 0}, {"yes", 1}, {"no", 0}, {"1", 1}, {" 0 ", 0}}) {
    SCOPED_TRACE(text);
    auto checked = Override({{"strict", text}});
    ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
    EXPECT_EQ(ParamOf(*checked.model, "strict").number, value);
  }
}

TEST(Params, BadOverrideValuesAreErrors) {
  struct Case {
    std::string name, text, message;
  };
  for (const Case& c : std::vector<Case>{
           {"target", "abc", "param `target` must be a number, got `abc`"},
           {"target", "8 %", "param `target` must be a number"},
           {"target", "1e999", "param `target` must be a number"},
           {"target", "", "param `target` must be a number"},
           {"strict", "maybe", "param `strict` must be true or false, got `maybe`"},
           {"thresholds", "1;;2", "param `thresholds` must be a list of numbers"},
           {"thresholds", "1;2,3", "param `thresholds` must be a list of numbers"},
           {"thresholds", "a,b", "param `thresholds` must be a list of numbers"},
           {"scores", "[1, 2]", "param `scores` must be a table as JSON"},
           {"scores", "{\"A\": \"x\"}", "param `scores` must be a table as JSON"},
           {"scores", "{\"A\": 1", "param `scores` must be a table as JSON"},
           {"scores", "{\"A\": 1, \"A\": 2}",
            "param `scores` must be a table as JSON, each key once"},
       }) {
    SCOPED_TRACE(c.name + "=" + c.text);
    auto checked = Override({{c.name, c.text}});
    EXPECT_EQ(checked.model, nullptr);
    ExpectDiagnostics(checked.diagnostics, {"0:0: " + c.message});
  }
}

TEST(Params, UnknownOverrideSuggestsTheNearestParam) {
  auto checked = Override({{"targte", "1"}, {"zzz", "2"}});
  EXPECT_EQ(checked.model, nullptr);
  ExpectDiagnostics(checked.diagnostics,
                    {"0:0: unknown param `targte` given as a value (did you mean `target`?)",
                     "0:0: unknown param `zzz` given as a value"});
  EXPECT_EQ(checked.diagnostics[1].find("did you mean"), std::string::npos);
}

// Checks that depend on a param's value see the overridden value.
TEST(Params, ChecksSeeTheOverriddenValue) {
  constexpr std::string_view kInterp = R"(scheme: s
inputs: {x: {type: number}}
params: {knee: 5}
indicators:
  - {id: a, points: 10, score: 'interp(x, [0, 0], [knee, 5], [10, 10])'}
)";
  CheckOptions options;
  EXPECT_NE(CheckText(kInterp, options).model, nullptr);
  options.params = {{"knee", "10"}};
  auto checked = CheckText(kInterp, options);
  ExpectDiagnostics(checked.diagnostics,
                    {"5:62: the x of the points of `interp` must strictly increase"});
}

// An override of a param's value does not change its kind.
TEST(Params, OverrideKeepsTheKind) {
  auto checked = Override({{"label", "8"}, {"target", "8"}});
  ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
  EXPECT_EQ(ParamOf(*checked.model, "label").kind, Kind::kText);
  EXPECT_EQ(ParamOf(*checked.model, "target").kind, Kind::kNumber);
  EXPECT_EQ(ParamOf(*checked.model, "target").number, 8);
}

}  // namespace
}  // namespace assess::check
