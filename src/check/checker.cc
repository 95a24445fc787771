// This file's external interface is Check and the lookups of Model.
#include "check/checker.h"

#include <array>

#include "check/check_context.h"

namespace assess::check {

bool IsReservedWord(std::string_view word) {
  static constexpr std::array<std::string_view, 13> kReserved = {
      "if",   "then",  "else", "and",    "or",    "not",  "in",
      "true", "false", "null", "points", "value", "total"};
  for (std::string_view r : kReserved) {
    if (r == word) return true;
  }
  return false;
}

bool IsValidId(std::string_view word) {
  if (word.empty() || IsReservedWord(word)) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(word[0])) return false;
  for (char c : word) {
    if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

int Model::FindNode(std::string_view id) const {
  auto it = node_index.find(id);
  return it == node_index.end() ? -1 : it->second;
}

std::optional<double> Model::ConstantNumber(const expr::Expr& e) const {
  if (e.kind == expr::Kind::kNumber) return e.number;
  if (e.kind == expr::Kind::kUnary && e.unary == expr::UnaryOp::kNeg) {
    auto inner = ConstantNumber(*e.args[0]);
    if (inner) return -*inner;
    return std::nullopt;
  }
  if (e.kind == expr::Kind::kName && e.ref == expr::Ref::kParam &&
      params[e.ref_index].kind == load::ParamDecl::Kind::kNumber) {
    return params[e.ref_index].number;
  }
  return std::nullopt;
}

int Model::FindInput(std::string_view name) const {
  auto it = input_index.find(name);
  return it == input_index.end() ? -1 : it->second;
}

int Model::FindParam(std::string_view name) const {
  auto it = param_index.find(name);
  return it == param_index.end() ? -1 : it->second;
}

std::unique_ptr<Model> Check(load::SchemeDecl decl, const CheckOptions& options,
                             DiagnosticSink& sink) {
  auto model = std::make_unique<Model>();
  Model& m = *model;
  m.id = decl.id;
  m.title = decl.title;
  m.version = decl.version;
  m.description = decl.description;
  m.digits = decl.rounding.digits;
  m.stage_each = decl.rounding.stage_each;
  CheckContext ctx{options, sink, m, {}, {}, {}};
  CheckInputs(decl, ctx);
  CheckParams(decl, ctx);
  CheckTree(decl, ctx);
  CheckGrades(decl, ctx);
  CheckExpressions(ctx);
  m.tests = std::move(decl.tests);
  if (sink.has_errors()) return nullptr;
  Lint(ctx);
  return model;
}

}  // namespace assess::check
