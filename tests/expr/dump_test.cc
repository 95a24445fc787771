// Tests of expr::Dump on hand-built trees: number forms, quoting, and every node kind.
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "expr/parser.h"

namespace assess::expr {
namespace {

ExprPtr Number(double x) {
  auto e = std::make_unique<Expr>();
  e->kind = Kind::kNumber;
  e->number = x;
  return e;
}

ExprPtr Text(std::string s) {
  auto e = std::make_unique<Expr>();
  e->kind = Kind::kText;
  e->text = std::move(s);
  return e;
}

ExprPtr Name(std::string s) {
  auto e = std::make_unique<Expr>();
  e->kind = Kind::kName;
  e->name = std::move(s);
  return e;
}

TEST(ExprDump, NumbersPrintInShortestForm) {
  struct Case {
    double x;
    const char* dump;
  };
  for (const Case& c : std::vector<Case>{{0.08, "0.08"},
                                         {1000, "1000"},
                                         {0.1 + 0.2, "0.30000000000000004"},
                                         {1e21, "1e+21"},
                                         {1e-7, "1e-07"},
                                         {5e-324, "5e-324"},
                                         {0, "0"}}) {
    EXPECT_EQ(Dump(*Number(c.x)), c.dump);
  }
}

TEST(ExprDump, TextsAreQuotedWithEscapes) {
  EXPECT_EQ(Dump(*Text("A")), "\"A\"");
  EXPECT_EQ(Dump(*Text("say \"hi\"")), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(Dump(*Text("a\\b")), "\"a\\\\b\"");
  EXPECT_EQ(Dump(*Text("it's")), "\"it's\"");
  EXPECT_EQ(Dump(*Text("")), "\"\"");
}

TEST(ExprDump, MapKeysAreBareOnlyWhenTheyAreNames) {
  auto map = std::make_unique<Expr>();
  map->kind = Kind::kMap;
  for (const char* key : {"A", "b c", "", "1x", "_y2"}) {
    map->keys.push_back(key);
    map->args.push_back(Number(1));
  }
  EXPECT_EQ(Dump(*map), "(map A:1 \"b c\":1 \"\":1 \"1x\":1 _y2:1)");
}

TEST(ExprDump, EveryKindHasItsForm) {
  auto member = std::make_unique<Expr>();
  member->kind = Kind::kMember;
  member->name = "gdp";
  member->text = "value";
  EXPECT_EQ(Dump(*member), "gdp.value");

  auto call = std::make_unique<Expr>();
  call->kind = Kind::kCall;
  call->name = "f";
  EXPECT_EQ(Dump(*call), "(call f)");
  call->args.push_back(Name("x"));
  call->args.push_back(std::make_unique<Expr>());  // kNull by default
  EXPECT_EQ(Dump(*call), "(call f x null)");

  auto unary = std::make_unique<Expr>();
  unary->kind = Kind::kUnary;
  unary->unary = UnaryOp::kNot;
  unary->args.push_back(Name("x"));
  EXPECT_EQ(Dump(*unary), "(not x)");
  unary->unary = UnaryOp::kNeg;
  EXPECT_EQ(Dump(*unary), "(neg x)");

  auto binary = std::make_unique<Expr>();
  binary->kind = Kind::kBinary;
  binary->args.push_back(Name("a"));
  binary->args.push_back(Name("b"));
  const std::pair<BinaryOp, const char*> ops[] = {
      {BinaryOp::kOr, "(or a b)"}, {BinaryOp::kAnd, "(and a b)"}, {BinaryOp::kEq, "(== a b)"},
      {BinaryOp::kNe, "(!= a b)"}, {BinaryOp::kLt, "(< a b)"},    {BinaryOp::kLe, "(<= a b)"},
      {BinaryOp::kGt, "(> a b)"},  {BinaryOp::kGe, "(>= a b)"},   {BinaryOp::kAdd, "(+ a b)"},
      {BinaryOp::kSub, "(- a b)"}, {BinaryOp::kMul, "(* a b)"},   {BinaryOp::kDiv, "(/ a b)"},
      {BinaryOp::kPow, "(^ a b)"},
  };
  for (const auto& [op, dump] : ops) {
    binary->binary = op;
    EXPECT_EQ(Dump(*binary), dump);
  }

  auto boolean = std::make_unique<Expr>();
  boolean->kind = Kind::kBool;
  EXPECT_EQ(Dump(*boolean), "false");
  boolean->bool_value = true;
  EXPECT_EQ(Dump(*boolean), "true");

  auto list = std::make_unique<Expr>();
  list->kind = Kind::kList;
  EXPECT_EQ(Dump(*list), "(list)");
}

}  // namespace
}  // namespace assess::expr
