// What the parts of the checker share while they work (internal to check/).
#ifndef ASSESS_CHECK_CHECK_CONTEXT_H_
#define ASSESS_CHECK_CHECK_CONTEXT_H_

#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "check/checker.h"
#include "check/model.h"
#include "core/diagnostics.h"

namespace assess::check {

// Words that can never be ids (rule-language §8).
bool IsReservedWord(std::string_view word);
bool IsValidId(std::string_view word);

// "Did you mean" suggestions under a budget of work. Finding the nearest name is an edit
// distance against every candidate, and a hostile file can hold 100,000 unknown names, or
// names of thousands of characters, against 100,000 candidates: past the budget, messages
// simply carry no suggestion. The budget is far above what real files use.
class Suggester {
 public:
  // " (did you mean `X`?)" or "": the nearest candidate of all `lists` that is near enough
  // to be a likely typo (the distances of core/suggest.h's Nearest).
  std::string DidYouMean(std::string_view word,
                         std::initializer_list<const std::vector<std::string>*> lists);

 private:
  long long budget_ = 50'000'000;  // cells of edit-distance tables, for the whole check
};

struct CheckContext {
  const CheckOptions& options;
  DiagnosticSink& sink;
  Model& model;
  // Every name an expression may use (inputs, params, indicator ids), for suggestions.
  std::vector<std::string> known_names;
  std::vector<std::string> node_ids;  // indicator ids, for suggestions
  Suggester suggester;
};

// inputs.cc: inputs and the unit / peers columns.
void CheckInputs(const load::SchemeDecl& decl, CheckContext& ctx);
// params.cc: params and their overrides.
void CheckParams(const load::SchemeDecl& decl, CheckContext& ctx);
// tree.cc: the indicator tree: ids, kinds, points and weights, floors and caps.
void CheckTree(load::SchemeDecl& decl, CheckContext& ctx);
// expressions.cc: parses, resolves and types every expression of the model.
void CheckExpressions(CheckContext& ctx);
// grades.cc: grades, tie_break and vetoes (their `when` is checked by CheckExpressions).
void CheckGrades(load::SchemeDecl& decl, CheckContext& ctx);
// lint.cc: warnings that do not stop loading.
void Lint(CheckContext& ctx);

// Parses an ExprSource into an Expression, reporting a syntax error (mapped to the file)
// into the sink. Returns false on error.
bool ParseExpression(load::ExprSource source, const CheckContext& ctx, Expression& out);

}  // namespace assess::check

#endif  // ASSESS_CHECK_CHECK_CONTEXT_H_
