// This file's external interface is Dump: the canonical S-expression form of an AST that
// the parser tests compare against (format in parser.h).
#include <charconv>
#include <string>
#include <system_error>

#include "expr/parser.h"

namespace assess::expr {
namespace {

std::string_view BinarySpelling(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr:
      return "or";
    case BinaryOp::kAnd:
      return "and";
    case BinaryOp::kEq:
      return "==";
    case BinaryOp::kNe:
      return "!=";
    case BinaryOp::kLt:
      return "<";
    case BinaryOp::kLe:
      return "<=";
    case BinaryOp::kGt:
      return ">";
    case BinaryOp::kGe:
      return ">=";
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSub:
      return "-";
    case BinaryOp::kMul:
      return "*";
    case BinaryOp::kDiv:
      return "/";
    case BinaryOp::kPow:
      return "^";
  }
  return "?";
}

// The shortest text that reads back as x: 0.08, 1000, 1e+21.
void AppendNumber(std::string& out, double x) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  out.append(buf, ec == std::errc() ? end : buf);
}

void AppendQuoted(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

// Keys that are names print bare (A:1), others quoted ("a b":1), so that a dump reads back
// unambiguously.
void AppendKey(std::string& out, std::string_view key) {
  bool bare = !key.empty() && !(key[0] >= '0' && key[0] <= '9');
  for (char c : key) {
    bool word =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    bare = bare && word;
  }
  if (bare) {
    out += key;
  } else {
    AppendQuoted(out, key);
  }
}

void DumpTo(std::string& out, const Expr& e);

// "(head arg arg ...)"
void AppendForm(std::string& out, std::string_view head, const Expr& e) {
  out += '(';
  out += head;
  for (const ExprPtr& arg : e.args) {
    out += ' ';
    DumpTo(out, *arg);
  }
  out += ')';
}

void DumpTo(std::string& out, const Expr& e) {
  switch (e.kind) {
    case Kind::kNumber:
      return AppendNumber(out, e.number);
    case Kind::kText:
      return AppendQuoted(out, e.text);
    case Kind::kBool:
      out += e.bool_value ? "true" : "false";
      return;
    case Kind::kNull:
      out += "null";
      return;
    case Kind::kName:
      out += e.name;
      return;
    case Kind::kMember:
      out += e.name + "." + e.text;
      return;
    case Kind::kUnary:
      return AppendForm(out, e.unary == UnaryOp::kNot ? "not" : "neg", e);
    case Kind::kBinary:
      return AppendForm(out, BinarySpelling(e.binary), e);
    case Kind::kIn:
      return AppendForm(out, "in", e);
    case Kind::kIf:
      return AppendForm(out, "if", e);
    case Kind::kCall:
      return AppendForm(out, "call " + e.name, e);
    case Kind::kList:
      return AppendForm(out, "list", e);
    case Kind::kMap:
      out += "(map";
      for (size_t i = 0; i < e.args.size(); ++i) {
        out += ' ';
        AppendKey(out, i < e.keys.size() ? e.keys[i] : "?");
        out += ':';
        DumpTo(out, *e.args[i]);
      }
      out += ')';
      return;
  }
}

}  // namespace

std::string Dump(const Expr& e) {
  std::string out;
  DumpTo(out, e);
  return out;
}

}  // namespace assess::expr
