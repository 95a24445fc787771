// This file's external interface is Walker's scalar readers: Text, TextOf, Number,
// NumberOf, Bool, Choice, Expr and Literal.
#include <fmt/format.h>

#include <cmath>

#include "load/scalar_span.h"
#include "load/walker.h"

namespace assess::load {
namespace {

std::size_t CodePoints(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += IsLeadByte(static_cast<unsigned char>(c)) ? 1 : 0;
  return n;
}

// "`a` or `b`", "one of `a`, `b`, `c`".
std::string Alternatives(std::span<const std::string_view> names) {
  std::string out;
  if (names.size() == 2) return fmt::format("`{}` or `{}`", names[0], names[1]);
  out = "one of ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out += fmt::format("`{}`", names[i]);
  }
  return out;
}

}  // namespace

std::optional<bool> PlainBool(const YamlNode& n) {
  if (!IsPlain(n)) return std::nullopt;
  std::string_view s = n.Scalar();
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

std::optional<std::string> Walker::Text(const Entry& e, bool empty_ok) {
  if (e.uncut_text) return e.uncut_text;
  if (e.value.IsNull() && empty_ok) return std::string();
  return ReadText(e.value, ValuePos(e), Subject{e.key, true});
}

std::optional<std::string> Walker::TextOf(const YamlNode& n, SourcePos pos, std::string_view what) {
  return ReadText(n, pos, Subject{what});
}

std::optional<std::string> Walker::ReadText(const YamlNode& n, SourcePos pos, Subject what) {
  if (n.IsScalar()) return std::string(n.Scalar());
  Error(Pos(n, pos), fmt::format("{} must be a text, got {}", what.str(), Describe(n)));
  return std::nullopt;
}

std::optional<NumberDecl> Walker::Number(const Entry& e, bool percent_ok) {
  return ReadNumber(e.value, ValuePos(e), Subject{e.key, true}, percent_ok);
}

std::optional<NumberDecl> Walker::NumberOf(const YamlNode& n, SourcePos pos, std::string_view what,
                                           bool percent_ok) {
  return ReadNumber(n, pos, Subject{what}, percent_ok);
}

std::optional<NumberDecl> Walker::ReadNumber(const YamlNode& n, SourcePos pos, Subject what,
                                             bool percent_ok) {
  pos = Pos(n, pos);
  // A quoted "40" is a text: numbers are written plain, as everywhere else in the file.
  std::optional<Decimal> decimal;
  if (IsPlain(n)) decimal = Decimal::Parse(n.Scalar());
  if (!decimal) {
    Error(pos, fmt::format("{} must be a number, got {}", what.str(), Describe(n)));
    return std::nullopt;
  }
  std::string_view text = n.Scalar();
  bool percent = !text.empty() && text.back() == '%';
  if (percent && !percent_ok) {
    Error(pos, fmt::format("{} must be a plain number, not a percentage: got {}", what.str(),
                           Quoted(text)));
    return std::nullopt;
  }
  double value = decimal->ToDouble();
  if (!std::isfinite(value)) {
    Error(pos, fmt::format("{} is out of range: {}", what.str(), Quoted(text)));
    return std::nullopt;
  }
  NumberDecl out;
  out.text = std::string(text);
  out.decimal = *decimal;
  out.value = value;
  out.percent = percent;
  out.pos = pos;
  return out;
}

std::optional<bool> Walker::Bool(const Entry& e) {
  if (auto b = PlainBool(e.value)) return b;
  Error(ValuePos(e),
        fmt::format("{} must be `true` or `false`, got {}", Quoted(e.key), Describe(e.value)));
  return std::nullopt;
}

std::optional<std::size_t> Walker::Choice(const Entry& e, std::span<const std::string_view> names) {
  if (e.value.IsScalar()) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (e.value.Scalar() == names[i]) return i;
    }
  }
  std::string message =
      fmt::format("{} must be {}, got {}", Quoted(e.key), Alternatives(names), Describe(e.value));
  if (e.value.IsScalar()) {
    if (auto nearest = NearestKey(e.value.Scalar(), names)) {
      message += fmt::format(" (did you mean `{}`?)", *nearest);
    }
  }
  Error(ValuePos(e), std::move(message));
  return std::nullopt;
}

std::optional<ExprSource> Walker::Expr(const Entry& e) {
  SourcePos value_pos = ValuePos(e);
  ExprSource out;
  std::vector<uint32_t> offsets;
  if (e.uncut_text) {
    out.text = *e.uncut_text;
    offsets = e.uncut_offsets;
  } else if (e.value.IsScalar()) {
    out.text = std::string(e.value.Scalar());
  } else if (e.value.IsNull()) {
    Error(value_pos, fmt::format("{} is empty: it needs an expression", Quoted(e.key)));
    return std::nullopt;
  } else {
    std::string_view why = e.value.IsSequence()
                               ? "quote an expression that starts with `[`"
                               : "quote an expression that holds `: ` or starts with `{`";
    Error(value_pos, fmt::format("{} must be an expression (one YAML scalar), got {} ({})",
                                 Quoted(e.key), Describe(e.value), why));
    return std::nullopt;
  }
  std::size_t length = CodePoints(out.text);
  if (length > limits().max_expression_chars) {
    Error(value_pos, fmt::format("the expression of {} is {} characters long, more than the "
                                 "limit of {}",
                                 Quoted(e.key), length, limits().max_expression_chars));
    return std::nullopt;
  }
  if (offsets.empty()) {
    std::size_t start = Offset(e.value);
    if (start != std::string_view::npos) offsets = AlignScalar(map().text(), start, out.text);
  }
  if (offsets.size() == out.text.size() + 1) {
    out.byte_pos = map().PosOfEach(offsets);
  } else {
    out.byte_pos.assign(out.text.size() + 1, value_pos);  // no mark: all at the value
  }
  out.pos = out.text.empty() ? value_pos : out.byte_pos.front();
  return out;
}

std::optional<LiteralValue> Walker::Literal(const YamlNode& n, SourcePos pos) {
  if (!Visit(n)) return std::nullopt;
  LiteralValue out;
  out.pos = Pos(n, pos);
  Nest nest(*this, out.pos);
  if (!nest.ok()) return std::nullopt;
  if (n.IsNull()) {
    out.kind = LiteralValue::Kind::kNull;
  } else if (n.IsScalar()) {
    out.kind = LiteralValue::Kind::kScalar;
    out.scalar = std::string(n.Scalar());
    out.quoted = !IsPlain(n);
  } else if (n.IsSequence()) {
    out.kind = LiteralValue::Kind::kSequence;
    for (std::size_t i = 0; i < n.size(); ++i) {
      auto item = Literal(n.Item(i), out.pos);
      if (!item) return std::nullopt;  // only a limit stops a literal
      out.items.push_back(std::move(*item));
    }
  } else if (n.IsMap()) {
    out.kind = LiteralValue::Kind::kMap;
    auto entries = Mapping(n, out.pos, "a value", std::nullopt);
    if (!entries) return std::nullopt;
    for (const Entry& e : *entries) {
      auto value = Literal(e.value, e.key_pos);
      if (!value) return std::nullopt;
      out.entries.push_back({e.key, std::move(*value)});
    }
  }
  return out;
}

}  // namespace assess::load
