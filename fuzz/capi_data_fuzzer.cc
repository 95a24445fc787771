// libFuzzer target: the C API's data path. The first byte picks the format (CSV, JSON, JSON
// Lines or by name), the rest is the data, read with assess_batch_read_text, evaluated with
// assess_evaluate and read back through every results accessor and assess_results_write.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "assess/assess.h"
#include "data_fuzz_scheme.h"

namespace {

const assess_scheme* FuzzScheme() {
  static assess_scheme* scheme = [] {
    assess_scheme* s = nullptr;
    const std::string_view text = assess_fuzz::kDataFuzzScheme;
    if (assess_scheme_load_text(text.data(), text.size(), "fuzz.yaml", nullptr, &s, nullptr) !=
        ASSESS_OK)
      std::abort();
    return s;
  }();
  return scheme;
}

void ReadResults(const assess_results* results, size_t batch_size) {
  size_t size = 0;
  if (assess_results_size(results, &size) != ASSESS_OK || size != batch_size) std::abort();
  for (size_t u = 0; u < size; ++u) {
    const char* id = nullptr;
    const char* error = nullptr;
    if (assess_results_unit(results, u, &id, &error) != ASSESS_OK || !id || !error) std::abort();
    double value = 0;
    int has = 0;
    int rank = 0;
    (void)assess_results_score(results, u, "economy", &value, &has);
    (void)assess_results_total(results, u, &value, &has);
    (void)assess_results_rank(results, u, &rank, &has);
    const char* grade = nullptr;
    (void)assess_results_grade(results, u, &grade);
    size_t count = 0;
    (void)assess_results_veto_count(results, u, &count);
    (void)assess_results_fired_rule_count(results, u, &count);
    char* text = nullptr;
    if (assess_results_explain(results, u, &text) != ASSESS_OK) std::abort();
    assess_string_free(text);
  }
  for (assess_output_format f :
       {ASSESS_OUTPUT_CSV, ASSESS_OUTPUT_JSON_EXPLAIN, ASSESS_OUTPUT_JSON_LINES}) {
    char* text = nullptr;
    if (assess_results_write(results, f, &text) != ASSESS_OK) std::abort();
    assess_string_free(text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const assess_data_format kFormats[] = {ASSESS_DATA_CSV, ASSESS_DATA_JSON,
                                                ASSESS_DATA_JSON_LINES, ASSESS_DATA_AUTO};
  const assess_data_format format = kFormats[data[0] % 4];
  const char* names[] = {"fuzz.csv", "fuzz.json", "fuzz.jsonl", nullptr};
  assess_batch* batch = nullptr;
  if (assess_batch_read_text(FuzzScheme(), reinterpret_cast<const char*>(data + 1), size - 1,
                             format, names[data[0] / 4 % 4], &batch) != ASSESS_OK) {
    return 0;
  }
  size_t batch_size = 0;
  if (assess_batch_size(batch, &batch_size) != ASSESS_OK) std::abort();
  assess_eval_options* options = nullptr;
  if (assess_eval_options_new(&options) != ASSESS_OK) std::abort();
  (void)assess_eval_options_set_threads(options, 1);
  (void)assess_eval_options_set_explain(options, 1);
  assess_results* results = nullptr;
  if (assess_evaluate(FuzzScheme(), batch, options, &results) != ASSESS_OK) std::abort();
  ReadResults(results, batch_size);
  assess_results_free(results);
  assess_eval_options_free(options);
  assess_batch_free(batch);
  return 0;
}
