// This file's external interface is the C API's evaluation (assess_eval_options_*,
// assess_evaluate) and results (assess_results_*), over assess::Evaluate and
// assess::Results.
#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "capi/c_internal.h"

using assess::capi::CheckIndex;
using assess::capi::Fail;
using assess::capi::Guard;
using assess::capi::GuardArgs;
using assess::capi::Require;

const assess_results::UnitStrings& assess_results::StringsOf(std::size_t unit) const {
  std::lock_guard<std::mutex> lock(mutex);
  auto it = strings.find(unit);
  if (it == strings.end()) {
    UnitStrings s{results.grade(unit), results.vetoes(unit), results.fired_rules(unit)};
    it = strings.emplace(unit, std::move(s)).first;
  }
  return it->second;
}

namespace {

// Checks the results handle and the unit index, the start of most reads.
assess_status CheckUnit(const char* fn, const assess_results* results, std::size_t unit) {
  if (assess_status s = Require(fn, {{results, "results"}}); s != ASSESS_OK) return s;
  return CheckIndex(fn, "unit", unit, results->results.size());
}

template <class T>
void Optional(const std::optional<T>& value, T* out_value, int* out_has_value) {
  if (out_value) *out_value = value ? *value : T{};
  if (out_has_value) *out_has_value = value ? 1 : 0;
}

assess_status Write(const char* fn, const assess::Results& results, assess_output_format format,
                    std::ostream& out) {
  switch (format) {
    case ASSESS_OUTPUT_CSV:
      results.WriteCsv(out);
      return ASSESS_OK;
    case ASSESS_OUTPUT_JSON:
      results.WriteJson(out, false);
      return ASSESS_OK;
    case ASSESS_OUTPUT_JSON_EXPLAIN:
      results.WriteJson(out, true);
      return ASSESS_OK;
    case ASSESS_OUTPUT_JSON_LINES:
      results.WriteJsonLines(out);
      return ASSESS_OK;
    case ASSESS_OUTPUT_MAX_ENUM_:
      break;
  }
  return Fail(ASSESS_ERROR_ARGUMENT, fn,
              "unknown output format " + std::to_string(static_cast<int>(format)));
}

// assess_evaluate and assess_evaluate_releasing: `evaluate(options)` with the options given
// (or the defaults), its results in a new handle with the scheme's indicator ids.
template <class EvaluateFn>
assess_status NewResults(const char* fn, const assess_scheme* scheme,
                         const assess_eval_options* options, assess_results** out_results,
                         EvaluateFn&& evaluate) {
  static const assess::EvalOptions kDefaults;
  assess::Expected<assess::Results> results = evaluate(options ? options->options : kDefaults);
  if (!results) return assess::capi::FailWith(ASSESS_ERROR_EVALUATE, fn, results.error());
  std::vector<std::string> ids;
  for (const assess::IndicatorInfo& info : scheme->scheme.indicators()) ids.push_back(info.id);
  // Built in place: the handle holds a mutex, which cannot move.
  *out_results = new assess_results{std::move(results).value(), std::move(ids), {}, {}};
  return ASSESS_OK;
}

}  // namespace

extern "C" {

// ---- evaluation --------------------------------------------------------------------------

assess_status assess_eval_options_new(assess_eval_options** out) {
  if (out) *out = nullptr;
  return GuardArgs(__func__, {{out, "out"}}, [&](const char* fn) {
    *out = new assess_eval_options();
    return ASSESS_OK;
  });
}

assess_status assess_eval_options_set_threads(assess_eval_options* options, int threads) {
  return GuardArgs(__func__, {{options, "options"}}, [&](const char* fn) {
    if (threads < 0) {
      return Fail(ASSESS_ERROR_ARGUMENT, fn,
                  "threads is " + std::to_string(threads) + "; use 0 for every core");
    }
    options->options.threads = threads;
    return ASSESS_OK;
  });
}

assess_status assess_eval_options_set_param(assess_eval_options* options, const char* name,
                                            const char* value) {
  return GuardArgs(__func__, {{options, "options"}, {name, "name"}, {value, "value"}},
                   [&](const char* fn) {
                     assess::capi::SetParam(options->options.params, name, value);
                     return ASSESS_OK;
                   });
}

assess_status assess_eval_options_set_explain(assess_eval_options* options, int explain) {
  return GuardArgs(__func__, {{options, "options"}}, [&](const char* fn) {
    options->options.explain = explain != 0;
    return ASSESS_OK;
  });
}

void assess_eval_options_free(assess_eval_options* options) { delete options; }

assess_status assess_evaluate(const assess_scheme* scheme, const assess_batch* batch,
                              const assess_eval_options* options, assess_results** out_results) {
  if (out_results) *out_results = nullptr;
  return GuardArgs(__func__, {{scheme, "scheme"}, {batch, "batch"}, {out_results, "out_results"}},
                   [&](const char* fn) {
                     return NewResults(fn, scheme, options, out_results,
                                       [&](const assess::EvalOptions& o) {
                                         return assess::Evaluate(scheme->scheme, batch->batch, o);
                                       });
                   });
}

assess_status assess_evaluate_releasing(const assess_scheme* scheme, assess_batch* batch,
                                        const assess_eval_options* options,
                                        assess_results** out_results) {
  if (out_results) *out_results = nullptr;
  const std::unique_ptr<assess_batch> taken(batch);  // freed on every path, as documented
  return GuardArgs(
      __func__, {{scheme, "scheme"}, {batch, "batch"}, {out_results, "out_results"}},
      [&](const char* fn) {
        return NewResults(fn, scheme, options, out_results, [&](const assess::EvalOptions& o) {
          return assess::EvaluateReleasing(scheme->scheme, std::move(taken->batch), o);
        });
      });
}

// ---- results -----------------------------------------------------------------------------

assess_status assess_results_size(const assess_results* results, size_t* out_size) {
  return GuardArgs(__func__, {{results, "results"}, {out_size, "out_size"}}, [&](const char* fn) {
    *out_size = results->results.size();
    return ASSESS_OK;
  });
}

assess_status assess_results_error_count(const assess_results* results, size_t* out_count) {
  return GuardArgs(__func__, {{results, "results"}, {out_count, "out_count"}}, [&](const char* fn) {
    *out_count = results->results.error_count();
    return ASSESS_OK;
  });
}

assess_status assess_results_find(const assess_results* results, const char* unit_id,
                                  size_t* out_unit) {
  return GuardArgs(__func__, {{results, "results"}, {unit_id, "unit_id"}, {out_unit, "out_unit"}},
                   [&](const char* fn) {
                     const std::optional<std::size_t> unit = results->results.Find(unit_id);
                     if (!unit) {
                       return Fail(ASSESS_ERROR_NOT_FOUND, fn,
                                   std::string("no unit `") + unit_id + "`");
                     }
                     *out_unit = *unit;
                     return ASSESS_OK;
                   });
}

assess_status assess_results_unit(const assess_results* results, size_t unit, const char** out_id,
                                  const char** out_error) {
  return Guard(__func__, [&](const char* fn) {
    if (assess_status s = CheckUnit(fn, results, unit); s != ASSESS_OK) return s;
    if (out_id) *out_id = results->results.unit_id(unit).c_str();
    if (out_error) *out_error = results->results.error(unit).c_str();
    return ASSESS_OK;
  });
}

assess_status assess_results_score(const assess_results* results, size_t unit,
                                   const char* indicator_id, double* out_score,
                                   int* out_has_value) {
  return Guard(__func__, [&](const char* fn) {
    if (assess_status s = CheckUnit(fn, results, unit); s != ASSESS_OK) return s;
    if (assess_status s = Require(fn, {{indicator_id, "indicator_id"}}); s != ASSESS_OK) return s;
    const std::vector<std::string>& ids = results->indicator_ids;
    if (std::find(ids.begin(), ids.end(), indicator_id) == ids.end()) {
      return Fail(ASSESS_ERROR_NOT_FOUND, fn, std::string("no indicator `") + indicator_id + "`");
    }
    Optional(results->results.score(unit, std::string_view(indicator_id)), out_score,
             out_has_value);
    return ASSESS_OK;
  });
}

assess_status assess_results_score_at(const assess_results* results, size_t unit, size_t indicator,
                                      double* out_score, int* out_has_value) {
  return Guard(__func__, [&](const char* fn) {
    if (assess_status s = CheckUnit(fn, results, unit); s != ASSESS_OK) return s;
    if (assess_status s = CheckIndex(fn, "indicator", indicator, results->indicator_ids.size());
        s != ASSESS_OK) {
      return s;
    }
    Optional(results->results.score(unit, indicator), out_score, out_has_value);
    return ASSESS_OK;
  });
}

assess_status assess_results_total(const assess_results* results, size_t unit, double* out_total,
                                   int* out_has_value) {
  return Guard(__func__, [&](const char* fn) {
    if (assess_status s = CheckUnit(fn, results, unit); s != ASSESS_OK) return s;
    Optional(results->results.total(unit), out_total, out_has_value);
    return ASSESS_OK;
  });
}

assess_status assess_results_rank(const assess_results* results, size_t unit, int* out_rank,
                                  int* out_has_value) {
  return Guard(__func__, [&](const char* fn) {
    if (assess_status s = CheckUnit(fn, results, unit); s != ASSESS_OK) return s;
    Optional(results->results.rank(unit), out_rank, out_has_value);
    return ASSESS_OK;
  });
}

assess_status assess_results_grade(const assess_results* results, size_t unit,
                                   const char** out_grade) {
  return Guard(__func__, [&](const char* fn) {
    if (assess_status s = CheckUnit(fn, results, unit); s != ASSESS_OK) return s;
    if (assess_status s = Require(fn, {{out_grade, "out_grade"}}); s != ASSESS_OK) return s;
    const std::optional<std::string>& grade = results->StringsOf(unit).grade;
    *out_grade = grade ? grade->c_str() : nullptr;
    return ASSESS_OK;
  });
}

assess_status assess_results_veto_count(const assess_results* results, size_t unit,
                                        size_t* out_count) {
  return Guard(__func__, [&](const char* fn) {
    if (assess_status s = CheckUnit(fn, results, unit); s != ASSESS_OK) return s;
    if (assess_status s = Require(fn, {{out_count, "out_count"}}); s != ASSESS_OK) return s;
    *out_count = results->StringsOf(unit).vetoes.size();
    return ASSESS_OK;
  });
}

assess_status assess_results_veto(const assess_results* results, size_t unit, size_t index,
                                  const char** out_reason) {
  return Guard(__func__, [&](const char* fn) {
    if (assess_status s = CheckUnit(fn, results, unit); s != ASSESS_OK) return s;
    if (assess_status s = Require(fn, {{out_reason, "out_reason"}}); s != ASSESS_OK) return s;
    const std::vector<std::string>& vetoes = results->StringsOf(unit).vetoes;
    if (assess_status s = CheckIndex(fn, "veto", index, vetoes.size()); s != ASSESS_OK) return s;
    *out_reason = vetoes[index].c_str();
    return ASSESS_OK;
  });
}

assess_status assess_results_fired_rule_count(const assess_results* results, size_t unit,
                                              size_t* out_count) {
  return Guard(__func__, [&](const char* fn) {
    if (assess_status s = CheckUnit(fn, results, unit); s != ASSESS_OK) return s;
    if (assess_status s = Require(fn, {{out_count, "out_count"}}); s != ASSESS_OK) return s;
    *out_count = results->StringsOf(unit).fired_rules.size();
    return ASSESS_OK;
  });
}

assess_status assess_results_fired_rule(const assess_results* results, size_t unit, size_t index,
                                        const char** out_indicator, const char** out_reason,
                                        double* out_points) {
  return Guard(__func__, [&](const char* fn) {
    if (assess_status s = CheckUnit(fn, results, unit); s != ASSESS_OK) return s;
    const std::vector<assess::FiredRule>& fired = results->StringsOf(unit).fired_rules;
    if (assess_status s = CheckIndex(fn, "fired rule", index, fired.size()); s != ASSESS_OK) {
      return s;
    }
    if (out_indicator) *out_indicator = fired[index].indicator.c_str();
    if (out_reason) *out_reason = fired[index].reason.c_str();
    if (out_points) *out_points = fired[index].points;
    return ASSESS_OK;
  });
}

assess_status assess_results_explain(const assess_results* results, size_t unit, char** out_text) {
  if (out_text) *out_text = nullptr;
  return Guard(__func__, [&](const char* fn) {
    if (assess_status s = CheckUnit(fn, results, unit); s != ASSESS_OK) return s;
    if (assess_status s = Require(fn, {{out_text, "out_text"}}); s != ASSESS_OK) return s;
    *out_text = assess::capi::CopyForCaller(results->results.Explain(unit));
    return ASSESS_OK;
  });
}

assess_status assess_results_write(const assess_results* results, assess_output_format format,
                                   char** out_text) {
  if (out_text) *out_text = nullptr;
  return GuardArgs(__func__, {{results, "results"}, {out_text, "out_text"}}, [&](const char* fn) {
    std::ostringstream out;
    if (assess_status s = Write(fn, results->results, format, out); s != ASSESS_OK) return s;
    *out_text = assess::capi::CopyForCaller(out.str());
    return ASSESS_OK;
  });
}

assess_status assess_results_write_file(const assess_results* results, assess_output_format format,
                                        const char* path) {
  return GuardArgs(__func__, {{results, "results"}, {path, "path"}}, [&](const char* fn) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return Fail(ASSESS_ERROR_IO, fn, std::string(path) + ": cannot open for writing");
    if (assess_status s = Write(fn, results->results, format, out); s != ASSESS_OK) return s;
    out.close();
    if (!out) return Fail(ASSESS_ERROR_IO, fn, std::string(path) + ": cannot write");
    return ASSESS_OK;
  });
}

void assess_results_free(assess_results* results) { delete results; }

}  // extern "C"
