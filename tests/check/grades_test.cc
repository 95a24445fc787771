// Tests of grades and vetoes (rule-language §9, §6, §12 "Ranks and grades", "Vetoes", "Loading"):
// levels, quotas, tie_break, and the levels that vetoes name.
#include <gtest/gtest.h>

#include "check/checker.h"
#include "check/front_test_util.h"

namespace assess::check {
namespace {

using assess::testing::CheckText;
using assess::testing::DiagnosticCase;
using assess::testing::ExpectDiagnostics;

// A scheme with two indicators and `tail` appended.
std::string With(std::string_view tail) {
  return std::string(R"(scheme: s
inputs: {x: {type: number}, accidents: {type: integer}}
indicators:
  - {id: economy, points: 60, score: x}
  - {id: party, points: 40, score: x}
)") + std::string(tail);
}

TEST(Grades, LevelsTieBreakAndSettings) {
  auto checked = CheckText(With(R"(vetoes:
  - {id: safety, when: accidents > 0}
grades:
  levels:
    - {name: excellent, min: 90, quota: 20%}
    - {name: good, min: 80, quota: 0.5}
    - {name: fair, min: 60}
    - {name: poor}
  tie_break: [party, economy]
  ties: admit
  quota_rounding: nearest
)"));
  ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
  const Grades& g = *checked.model->grades;
  ASSERT_EQ(g.levels.size(), 4u);
  EXPECT_EQ(g.levels[0].name, "excellent");
  EXPECT_EQ(g.levels[0].min, 90);
  EXPECT_EQ(g.levels[0].quota, Decimal::Parse("0.2"));
  EXPECT_EQ(g.levels[1].quota, Decimal::Parse("0.5"));
  EXPECT_EQ(g.levels[2].min, 60);
  EXPECT_FALSE(g.levels[2].quota.has_value());
  EXPECT_FALSE(g.levels[3].min.has_value());
  EXPECT_EQ(g.tie_break, (std::vector<int>{2, 1}));
  EXPECT_TRUE(g.ties_admit);
  EXPECT_TRUE(g.quota_nearest);
}

TEST(Grades, DefaultsDemoteAndFloor) {
  auto checked = CheckText(With(R"(vetoes:
  - {id: safety, when: accidents > 0}
grades:
  levels:
    - {name: pass, min: 60}
    - {name: fail}
)"));
  ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
  EXPECT_FALSE(checked.model->grades->ties_admit);
  EXPECT_FALSE(checked.model->grades->quota_nearest);
  EXPECT_TRUE(checked.model->grades->tie_break.empty());
}

TEST(Grades, NoGradesSection) {
  auto checked = CheckText(With(R"(vetoes:
  - {id: safety, when: accidents > 0}
)"));
  ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
  EXPECT_FALSE(checked.model->grades.has_value());
  // Without grades a veto still forces: the unit ranks last (rule-language §16 "Vetoes").
  EXPECT_TRUE(checked.model->vetoes[0].forces);
  EXPECT_EQ(checked.model->vetoes[0].force_level, -1);
}

TEST(Grades, VetoesNameLevels) {
  auto checked = CheckText(With(R"(vetoes:
  - {id: plain, when: accidents > 0}
  - {id: forced, when: accidents > 1, grade: fair, reason: "two accidents", cap: 60}
  - {id: barred, when: accidents > 2, max_grade: good}
grades:
  levels:
    - {name: excellent, min: 90}
    - {name: good, min: 80}
    - {name: fair, min: 60}
    - {name: poor}
)"));
  ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
  const std::vector<Veto>& v = checked.model->vetoes;
  ASSERT_EQ(v.size(), 3u);
  // Neither `grade` nor `max_grade`: the lowest level is forced.
  EXPECT_TRUE(v[0].forces);
  EXPECT_EQ(v[0].force_level, 3);
  EXPECT_EQ(v[0].max_level, -1);
  EXPECT_EQ(v[0].reason, "accidents > 0");  // default: the `when` text
  EXPECT_EQ(v[0].cap, kNoCap);
  EXPECT_TRUE(v[1].forces);
  EXPECT_EQ(v[1].force_level, 2);
  EXPECT_EQ(v[1].reason, "two accidents");
  EXPECT_EQ(v[1].cap, 60);
  // `max_grade` only: barred from better levels, nothing forced.
  EXPECT_FALSE(v[2].forces);
  EXPECT_EQ(v[2].force_level, -1);
  EXPECT_EQ(v[2].max_level, 1);
}

class GradesDiagnostics : public ::testing::TestWithParam<DiagnosticCase> {};

TEST_P(GradesDiagnostics, ReportsExactlyTheseDiagnostics) {
  auto checked = CheckText(GetParam().yaml);
  ExpectDiagnostics(checked.diagnostics, GetParam().expected);
  EXPECT_EQ(checked.model, nullptr);
}

const std::vector<DiagnosticCase> kErrorsGradesDiagnostics = {
    {"LastLevelHasNoMin",
     With(R"(grades:
  levels:
    - {name: good, min: 80}
    - {name: poor, min: 0}
)"),
     {"9:25: the last level (`poor`) has no `min`"}},
    {"OtherLevelsNeedAMin",
     With(R"(grades:
  levels:
    - {name: excellent, min: 90}
    - {name: good}
    - {name: poor}
)"),
     {"9:5: level `good` needs a `min` (only the last level has none)"}},
    {"RepeatedLevelName",
     With(R"(grades:
  levels:
    - {name: good, min: 90}
    - {name: good, min: 80}
    - {name: poor}
)"),
     {"9:5: repeated level `good`"}},
    {"LevelsGoBestFirst",
     With(R"(grades:
  levels:
    - {name: good, min: 80}
    - {name: excellent, min: 90}
    - {name: poor}
)"),
     {"9:30: levels go best first, but the `min` of `excellent` is above that of `good`"}},
    {"QuotaAboveAll",
     With(R"(grades:
  levels:
    - {name: good, min: 80, quota: 120%}
    - {name: poor}
)"),
     {"8:36: a `quota` is a share between 0% and 100%"}},
    {"QuotaNegative",
     With(R"(grades:
  levels:
    - {name: good, min: 80, quota: -0.1}
    - {name: poor}
)"),
     {"8:36: a `quota` is a share between 0% and 100%"}},
    {"TieBreakNamesAnIndicator",
     With(R"(grades:
  levels:
    - {name: poor}
  tie_break: [party, ecnomy]
)"),
     {"9:22: `tie_break` names `ecnomy`, which is not an indicator (did you mean `economy`?)"}},
    {"VetoGradeMustNameALevel",
     With(R"(vetoes:
  - {id: v, when: x > 1, grade: goood}
grades:
  levels:
    - {name: good, min: 80}
    - {name: poor}
)"),
     {"7:33: `grade: goood` must name a level (did you mean `good`?)"}},
    {"VetoMaxGradeMustNameALevel",
     With(R"(vetoes:
  - {id: v, when: x > 1, max_grade: excelent}
grades:
  levels:
    - {name: excellent, min: 80}
    - {name: poor}
)"),
     {"7:37: `max_grade: excelent` must name a level (did you mean `excellent`?)"}},
    {"VetoGradeWithoutGrades",
     With(R"(vetoes:
  - {id: v, when: x > 1, grade: poor}
)"),
     {"7:33: a veto's `grade` needs a `grades` section"}},
    {"VetoGradeAndMaxGrade",
     With(R"(vetoes:
  - {id: v, when: x > 1, grade: poor, max_grade: good}
grades:
  levels:
    - {name: good, min: 80}
    - {name: poor}
)"),
     {"7:50: a veto has `grade` (forced) or `max_grade`, not both"}},
    {"VetoCapNegative",
     With(R"(vetoes:
  - {id: v, when: x > 1, cap: -60}
)"),
     {"7:31: a veto's `cap` must be 0 or more"}},
    {"VetoIdInvalid",
     With(R"(vetoes:
  - {id: 2v, when: x > 1}
)"),
     {"7:3: `2v` is not a valid veto id"}},
};

INSTANTIATE_TEST_SUITE_P(Errors, GradesDiagnostics, ::testing::ValuesIn(kErrorsGradesDiagnostics),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace assess::check
