// Helpers for tests that evaluate rule files through the public API: load a scheme from a
// YAML text, evaluate CSV or JSON data with it, and read results by unit id. A scheme or a
// data text that does not load throws, which GoogleTest reports as the test's failure with
// every diagnostic.
#ifndef ASSESS_TESTS_EVAL_EVAL_TEST_UTIL_H_
#define ASSESS_TESTS_EVAL_EVAL_TEST_UTIL_H_

#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "api/api_impl.h"
#include "assess/batch.h"
#include "assess/diagnostic.h"
#include "assess/evaluate.h"
#include "assess/expected.h"
#include "assess/results.h"
#include "assess/scheme.h"

namespace assess::testing {

inline std::string Describe(const Error& e) {
  std::string s = e.message;
  for (const Diagnostic& d : e.diagnostics) s += "\n  " + d.ToString();
  return s;
}

inline Scheme LoadScheme(std::string_view yaml) {
  Expected<Scheme> s = Scheme::LoadText(yaml, "rules.yaml");
  if (!s) throw std::runtime_error("the scheme does not load: " + Describe(s.error()));
  return std::move(*s);
}

inline Batch ReadBatch(const Scheme& scheme, std::string_view data,
                       DataFormat format = DataFormat::kCsv) {
  Expected<Batch> b = Batch::ReadText(scheme, data, format, "data");
  if (!b) throw std::runtime_error("the data does not load: " + Describe(b.error()));
  return std::move(*b);
}

inline Results Eval(const Scheme& scheme, const Batch& batch, const EvalOptions& options = {}) {
  Expected<Results> r = Evaluate(scheme, batch, options);
  if (!r) throw std::runtime_error("Evaluate failed: " + Describe(r.error()));
  return std::move(*r);
}

// Loads `yaml`, reads `data` (CSV unless told), evaluates on one thread.
inline Results RunText(std::string_view yaml, std::string_view data,
                       DataFormat format = DataFormat::kCsv, EvalOptions options = {}) {
  const Scheme scheme = LoadScheme(yaml);
  if (options.threads == 0) options.threads = 1;
  return Eval(scheme, ReadBatch(scheme, data, format), options);
}

// The `value` of `node` for `unit`, exactly as evaluated (NaN: null or an error).
inline double ValueOf(const Results& r, std::size_t unit, std::string_view node) {
  const internal::ResultsImpl& impl = r.impl();
  const int n = impl.scheme->model->FindNode(node);
  if (n <= 0 || impl.scheme->program.value_column_of[n] < 0) {
    throw std::runtime_error("no value of " + std::string(node));
  }
  return impl.table.values[impl.scheme->program.value_column_of[n]][unit];
}

// Results by unit id; a unit that is not there throws.
class View {
 public:
  explicit View(Results r) : r_(std::move(r)) {}
  std::size_t Unit(std::string_view id) const {
    auto u = r_.Find(id);
    if (!u) throw std::runtime_error("no unit " + std::string(id));
    return *u;
  }
  std::optional<double> Score(std::string_view unit, std::string_view node) const {
    return r_.score(Unit(unit), node);
  }
  std::optional<double> Total(std::string_view unit) const { return r_.total(Unit(unit)); }
  std::optional<int> Rank(std::string_view unit) const { return r_.rank(Unit(unit)); }
  std::optional<std::string> Grade(std::string_view unit) const { return r_.grade(Unit(unit)); }
  const std::string& Error(std::string_view unit) const { return r_.error(Unit(unit)); }
  std::vector<std::string> Vetoes(std::string_view unit) const { return r_.vetoes(Unit(unit)); }
  double Value(std::string_view unit, std::string_view node) const {
    return ValueOf(r_, Unit(unit), node);
  }
  std::string Csv() const {
    std::ostringstream out;
    r_.WriteCsv(out);
    return out.str();
  }
  const Results& results() const { return r_; }

 private:
  Results r_;
};

}  // namespace assess::testing

#endif  // ASSESS_TESTS_EVAL_EVAL_TEST_UTIL_H_
