// What the C API tests share: a small scheme whose results are worked out by hand below,
// its data, and owners for the C handles so that a failed assertion leaks nothing.
#ifndef ASSESS_TESTS_CAPI_CAPI_TEST_UTIL_H_
#define ASSESS_TESTS_CAPI_CAPI_TEST_UTIL_H_

#include <memory>
#include <string>

#include "assess/assess.h"

namespace assess::capi_testing {

template <class T, void (*Free)(T*)>
struct Freer {
  void operator()(T* p) const { Free(p); }
};
using SchemePtr = std::unique_ptr<assess_scheme, Freer<assess_scheme, assess_scheme_free>>;
using DiagnosticsPtr =
    std::unique_ptr<assess_diagnostics, Freer<assess_diagnostics, assess_diagnostics_free>>;
using LoadOptionsPtr =
    std::unique_ptr<assess_load_options, Freer<assess_load_options, assess_load_options_free>>;
using BatchPtr = std::unique_ptr<assess_batch, Freer<assess_batch, assess_batch_free>>;
using BuilderPtr =
    std::unique_ptr<assess_batch_builder, Freer<assess_batch_builder, assess_batch_builder_free>>;
using EvalOptionsPtr =
    std::unique_ptr<assess_eval_options, Freer<assess_eval_options, assess_eval_options_free>>;
using ResultsPtr = std::unique_ptr<assess_results, Freer<assess_results, assess_results_free>>;
using StringPtr = std::unique_ptr<char, Freer<char, assess_string_free>>;

// Two peer groups. By hand (2 decimals):
//   A1: performance 90 × 0.8 = 72, survey mean(90, 80) / 5 = 17, bonus 2 × 1 = 2 → 91, good
//   A2: 100 × 0.8 = 80, survey not applicable → 80 × 100 / 80 = 100, bonus 2 × 3 = 6 capped
//       at 5 → 105; veto 安全事故 caps it at 60 and forces the lowest grade, ranks it last
//   A3: 50 × 0.8 = 40 + 100 / 5 = 20 → 60, poor
//   B1: `abc` is not a number: data error
//   B2: 80 × 0.8 = 64 + mean(50, 60, 70) / 5 = 12 → 76, poor, first of group b
inline constexpr char kSchemeYaml[] = R"(scheme: capi-test
title: C API 测试
version: "2025"
peers: group
params:
  award_points: 2
inputs:
  group: {type: text, values: [a, b], column: 组别}
  work: {type: number, min: 0, max: 100}
  awards: {type: integer, min: 0, default: 0}
  accident: {type: boolean, default: false}
  raters: {type: list, required: false}
indicators:
  - {id: performance, title: 工作, points: 80, score: work * 0.8}
  - {id: survey, points: 20, when: count(raters) > 0, on_missing: exclude, score: mean(raters) / 5}
  - id: bonus
    kind: bonus
    cap: 5
    rules:
      - {when: awards > 0, points: award_points * awards, reason: 表彰}
vetoes:
  - {id: safety, when: accident, reason: 安全事故, cap: 60}
grades:
  levels:
    - {name: good, min: 80}
    - {name: poor}
)";

inline constexpr char kCsv[] =
    "unit,组别,work,awards,accident,raters\n"
    "A1,a,90,1,false,90;80\n"
    "A2,a,100,3,true,\n"
    "A3,a,50,0,false,100\n"
    "B1,b,abc,0,false,\n"
    "B2,b,80,0,no,50;60;70\n";

inline SchemePtr LoadTestScheme() {
  assess_scheme* scheme = nullptr;
  if (assess_scheme_load_text(kSchemeYaml, sizeof(kSchemeYaml) - 1, "capi-test.yaml", nullptr,
                              &scheme, nullptr) != ASSESS_OK) {
    return nullptr;
  }
  return SchemePtr(scheme);
}

inline BatchPtr ReadTestCsv(const assess_scheme* scheme) {
  assess_batch* batch = nullptr;
  if (assess_batch_read_text(scheme, kCsv, sizeof(kCsv) - 1, ASSESS_DATA_CSV, "t.csv", &batch) !=
      ASSESS_OK) {
    return nullptr;
  }
  return BatchPtr(batch);
}

inline ResultsPtr EvaluateTest(const assess_scheme* scheme, const assess_batch* batch,
                               const assess_eval_options* options = nullptr) {
  assess_results* results = nullptr;
  if (assess_evaluate(scheme, batch, options, &results) != ASSESS_OK) return nullptr;
  return ResultsPtr(results);
}

inline std::string SourcePath(const std::string& relative) {
  return std::string(ASSESS_SOURCE_DIR) + "/" + relative;
}

}  // namespace assess::capi_testing

#endif  // ASSESS_TESTS_CAPI_CAPI_TEST_UTIL_H_
