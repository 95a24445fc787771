// ResultView: what the writers of results read: the scheme, its program, the batch and the
// evaluation's columns. Internal to report/.
#ifndef ASSESS_REPORT_RESULT_VIEW_H_
#define ASSESS_REPORT_RESULT_VIEW_H_

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "check/model.h"
#include "compile/program.h"
#include "data/unit_table.h"
#include "eval/result_table.h"

namespace assess::report {

struct ResultView {
  const check::Model& model;
  const compile::Program& program;
  const data::UnitTable& units;
  const eval::ResultTable& table;

  // A node's score as published: rounded to the scheme's digits; nullopt when the node
  // does not apply or the unit is in error.
  std::optional<double> Score(std::size_t unit, int node) const;
  std::optional<double> Total(std::size_t unit) const;
  // The same for units [first, first + count) into `out`, NaN where they give nullopt: a
  // column at a time, a chunk of scores loaded at once (for arrays, such as Python's).
  void ScoresInto(int node, std::size_t first, std::size_t count, double* out) const;
  void TotalsInto(std::size_t first, std::size_t count, double* out) const;
  // Reasons of the unit's fired vetoes, in the order the vetoes are written.
  std::vector<std::string> Vetoes(std::size_t unit) const;
  struct Fired {
    int node;
    int rule;
    double points;
  };
  std::vector<Fired> FiredRules(std::size_t unit) const;
};

// Results per rule-language §13: a header; unit, one column per indicator (pre-order), total, rank,
// grade (when grades are defined), vetoes, error; numbers with exactly `digits` decimals.
// Rows are formatted on `threads` threads; the bytes are the same for any number.
void WriteCsv(const ResultView& view, std::ostream& out, int threads = 1);
// An array of objects with the same fields; with `explain`, each node's computation too.
// Objects are formatted on `threads` threads; the bytes are the same for any number.
void WriteJson(const ResultView& view, std::ostream& out, bool explain, int threads = 1);
// One object a line.
void WriteJsonLines(const ResultView& view, std::ostream& out, bool explain = false,
                    int threads = 1);
// One unit's whole computation, node by node, for people (`assess explain`).
std::string ExplainText(const ResultView& view, std::size_t unit);

}  // namespace assess::report

#endif  // ASSESS_REPORT_RESULT_VIEW_H_
