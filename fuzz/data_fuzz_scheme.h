// The small scheme the data fuzzers (csv_fuzzer, json_fuzzer, jsonl_fuzzer, capi_data_fuzzer)
// read their bytes for: one input of each type, peer groups, ranks, a graded quota, a veto
// and a bonus rule, so that a row the readers accept reaches every part of the evaluator.
#ifndef ASSESS_FUZZ_DATA_FUZZ_SCHEME_H_
#define ASSESS_FUZZ_DATA_FUZZ_SCHEME_H_

#include <cstdlib>
#include <sstream>
#include <string_view>

#include "assess/batch.h"
#include "assess/evaluate.h"
#include "assess/expected.h"
#include "assess/results.h"
#include "assess/scheme.h"

namespace assess_fuzz {

inline constexpr std::string_view kDataFuzzScheme = R"yaml(scheme: fuzz-data
unit: unit
peers: type
params:
  grade_scores: {A: 1, B: 0.8, C: 0.6}
inputs:
  type:      {type: text, values: [street, department]}
  growth:    {type: number, required: false, column: "GDP增速(%)"}
  target:    {type: number, min: 0.1, required: false}
  grade:     {type: text, values: [A, B, C]}
  raters:    {type: list, min: 0, max: 100}
  awards:    {type: integer, min: 0, default: 0}
  audited:   {type: boolean, default: false}
indicators:
  - id: economy
    points: 40
    when: type == "street"
    score: 'points * min(growth / target, 1.2)'
    cap: 48
  - id: party
    points: 30
    score: lookup(grade, grade_scores) * points
  - id: democratic
    points: 30
    score: trimmed_mean(raters, 1) / 100 * points
  - id: bonus
    kind: bonus
    cap: 3
    rules:
      - {when: awards > 0, points: 1.5 * awards, reason: awards}
vetoes:
  - {id: audit, when: audited, reason: audit, cap: 60}
grades:
  levels:
    - {name: excellent, min: 90, quota: 20%}
    - {name: good, min: 75}
    - {name: poor}
)yaml";

// The scheme, loaded once per process (a fuzzer calls its target millions of times).
inline const assess::Scheme& DataFuzzScheme() {
  static const assess::Scheme scheme = [] {
    assess::Expected<assess::Scheme> loaded =
        assess::Scheme::LoadText(kDataFuzzScheme, "fuzz.yaml");
    if (!loaded) std::abort();  // the fuzzers' own scheme must load
    return *loaded;
  }();
  return scheme;
}

// Reads `text` in `format`, evaluates every unit and writes the results in each format. A
// batch must have as many units as its results, with the same ids in the same order.
inline void FuzzDataText(std::string_view text, assess::DataFormat format) {
  const assess::Scheme& scheme = DataFuzzScheme();
  assess::Expected<assess::Batch> batch = assess::Batch::ReadText(scheme, text, format, "fuzz");
  if (!batch) return;
  assess::EvalOptions options;
  options.threads = 1;
  options.explain = true;
  assess::Expected<assess::Results> results = assess::Evaluate(scheme, *batch, options);
  if (!results) std::abort();  // no params: the evaluation always starts
  if (results->size() != batch->size()) std::abort();
  for (std::size_t u = 0; u < results->size(); ++u) {
    if (results->unit_id(u) != batch->unit_id(u)) std::abort();
    if (!batch->data_error(u).empty() && results->ok(u)) std::abort();
  }
  std::ostringstream out;
  results->WriteCsv(out);
  results->WriteJson(out, true);
  results->WriteJsonLines(out);
}

}  // namespace assess_fuzz

#endif  // ASSESS_FUZZ_DATA_FUZZ_SCHEME_H_
