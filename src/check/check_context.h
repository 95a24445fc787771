// What the parts of the checker share while they work (internal to check/).
#ifndef ASSESS_CHECK_CHECK_CONTEXT_H_
#define ASSESS_CHECK_CHECK_CONTEXT_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "check/checker.h"
#include "check/model.h"
#include "core/diagnostics.h"

namespace assess::check {

// Words that can never be ids (SPEC §4).
bool IsReservedWord(std::string_view word);
bool IsValidId(std::string_view word);

struct CheckContext {
  const CheckOptions& options;
  DiagnosticSink& sink;
  Model& model;
  // Every name an expression may use (inputs, params, indicator ids), for suggestions.
  std::vector<std::string> known_names;
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
