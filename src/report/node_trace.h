// NodeTrace: how one node's score came about for one unit, from an evaluation's columns:
// the basis of `assess explain` and of JSON output with explanation. Internal to report/.
#ifndef ASSESS_REPORT_NODE_TRACE_H_
#define ASSESS_REPORT_NODE_TRACE_H_

#include <optional>
#include <string>
#include <vector>

#include "report/result_view.h"

namespace assess::report {

struct NodeTrace {
  int node = 0;
  // "applies", "not applicable", "zero (when missing)", "full marks (when missing)", "error"
  std::string state;
  std::optional<std::string> value;  // the node's `value`, as text
  // The same value as data, for JSON: its kind, and the number (or 0 / 1 for a boolean).
  enum class ValueKind { kNull, kNumber, kBool, kText };
  ValueKind value_kind = ValueKind::kNull;
  double value_number = 0;
  std::optional<double> raw;      // before floor / cap (needs a traced evaluation);
                                  // a deduction's is negative, as its score
  std::optional<double> score;    // as published (rounded)
  std::string clamped;            // "", "cap", "floor"
  std::optional<double> rescale;  // groups: P / A when non-applicable children rescale
  struct Rule {
    std::string reason;
    double points;
  };
  std::vector<Rule> fired;
};

// Every node of the unit, root first, in pre-order.
std::vector<NodeTrace> TraceUnit(const ResultView& view, std::size_t unit);

}  // namespace assess::report

#endif  // ASSESS_REPORT_NODE_TRACE_H_
