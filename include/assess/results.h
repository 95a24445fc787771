// Results: every unit's scores, total, rank, grade, vetoes, fired rules or error, as
// published (numbers rounded to the scheme's digits).
#ifndef ASSESS_RESULTS_H_
#define ASSESS_RESULTS_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "assess/api.h"
#include "assess/batch.h"
#include "assess/expected.h"

namespace assess {

namespace internal {
struct ResultsImpl;
}

struct FiredRule {
  std::string indicator;  // the bonus / deduction node's id
  std::string reason;
  double points = 0;  // what the rule counted (before the node's cap)
};

class ASSESS_API Results {
 public:
  std::size_t size() const;
  std::size_t error_count() const;
  const std::string& unit_id(std::size_t unit) const;
  std::optional<std::size_t> Find(std::string_view unit_id) const;

  bool ok(std::size_t unit) const;
  const std::string& error(std::size_t unit) const;  // "" when fine
  // Where the unit is in its data: "row 5" (CSV, .xlsx), "[3]" (JSON), "line 4" (JSON Lines).
  std::string place(std::size_t unit) const;
  // The unit's peer group: its value of the scheme's `peers` input ("" without peers, or
  // when the unit has no value).
  std::string peer_group(std::size_t unit) const;
  // nullopt when the indicator does not apply to the unit or the unit is in error.
  // `indicator` indexes Scheme::indicators().
  std::optional<double> score(std::size_t unit, std::size_t indicator) const;
  std::optional<double> score(std::size_t unit, std::string_view indicator_id) const;
  std::optional<double> total(std::size_t unit) const;  // after vetoes
  // The same a column at a time, for bindings that fill arrays (Python's DataFrame): the
  // values of score(u, indicator) / total(u) for units [first, first + count) into `out`,
  // NaN where they have none. Much faster than a call per unit.
  void ScoresInto(std::size_t indicator, std::size_t first, std::size_t count, double* out) const;
  void TotalsInto(std::size_t first, std::size_t count, double* out) const;
  std::optional<int> rank(std::size_t unit) const;
  std::optional<std::string> grade(std::size_t unit) const;
  std::vector<std::string> vetoes(std::size_t unit) const;  // reasons, in the order written
  std::vector<FiredRule> fired_rules(std::size_t unit) const;

  // One unit's whole computation, node by node.
  std::string Explain(std::size_t unit) const;

  // The writers format on the evaluation's threads (EvalOptions::threads); the bytes are the
  // same for any number. A stream set to throw (exceptions()) throws out of them.
  void WriteCsv(std::ostream& out) const;
  // With `explain`, each unit's object carries each node's computation ("explain").
  void WriteJson(std::ostream& out, bool explain = false) const;
  void WriteJsonLines(std::ostream& out) const;
  void WriteJsonLines(std::ostream& out, bool explain) const;

  const internal::ResultsImpl& impl() const { return *impl_; }

 private:
  friend struct internal::ResultsImpl;
  explicit Results(std::shared_ptr<const internal::ResultsImpl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const internal::ResultsImpl> impl_;
};

}  // namespace assess

#endif  // ASSESS_RESULTS_H_
