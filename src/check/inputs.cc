// This file's external interface is CheckInputs: inputs become the DataSpec that data
// readers check values against (rule-language §4).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "check/check_context.h"
#include "num/number_text.h"

namespace assess::check {
namespace {

std::optional<bool> ParseBoolText(std::string_view t) {
  std::string lower;
  for (char c : t) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "true" || lower == "yes" || lower == "1") return true;
  if (lower == "false" || lower == "no" || lower == "0") return false;
  return std::nullopt;
}

// Reads an input's `default` by the input's type into `spec`; false (and a diagnostic) when
// it does not fit.
bool ReadDefault(const load::LiteralValue& v, data::InputSpec& spec, CheckContext& ctx) {
  auto bad = [&](std::string_view why) {
    ctx.sink.Error(v.pos, fmt::format("the default of `{}` {}", spec.name, why));
    return false;
  };
  auto number = [&](const load::LiteralValue& item, double& out) {
    if (item.kind != load::LiteralValue::Kind::kScalar) return false;
    auto n = ParseNumber(item.scalar);
    if (!n) return false;
    out = *n;
    return true;
  };
  auto in_range = [&](double x) {
    return !(spec.min && x < *spec.min) && !(spec.max && x > *spec.max);
  };
  switch (spec.type) {
    case InputType::kNumber:
    case InputType::kInteger: {
      double x;
      if (!number(v, x)) return bad("must be a number");
      if (spec.type == InputType::kInteger && x != std::floor(x)) {
        return bad("must be a whole number");
      }
      if (!in_range(x)) return bad("is outside its min / max");
      spec.default_value = x;
      break;
    }
    case InputType::kBoolean: {
      auto b = v.kind == load::LiteralValue::Kind::kScalar ? ParseBoolText(v.scalar) : std::nullopt;
      if (!b) return bad("must be true or false");
      spec.default_value = *b ? 1 : 0;
      break;
    }
    case InputType::kText: {
      if (v.kind != load::LiteralValue::Kind::kScalar) return bad("must be a text");
      const uint32_t id = ctx.model.texts().Intern(v.scalar);
      if (!spec.allowed.empty() &&
          std::find(spec.allowed.begin(), spec.allowed.end(), id) == spec.allowed.end()) {
        return bad("is not one of its `values`");
      }
      spec.default_value = id;
      break;
    }
    case InputType::kList: {
      if (v.kind != load::LiteralValue::Kind::kSequence) return bad("must be a list of numbers");
      for (const load::LiteralValue& item : v.items) {
        double x;
        if (!number(item, x)) return bad("must be a list of numbers");
        if (!in_range(x)) return bad("has an element outside its min / max");
        spec.default_list.push_back(x);
      }
      break;
    }
  }
  spec.has_default = true;
  return true;
}

}  // namespace

void CheckInputs(const load::SchemeDecl& decl, CheckContext& ctx) {
  Model& m = ctx.model;
  m.data.unit_column = decl.unit_column;
  for (const load::InputDecl& in : decl.inputs) {
    if (!IsValidId(in.name)) {
      ctx.sink.Error(in.pos, fmt::format("`{}` is not a valid input name: use letters, digits "
                                         "and `_`, not starting with a digit, and no reserved word",
                                         in.name));
      continue;
    }
    data::InputSpec spec;
    spec.name = in.name;
    spec.column = in.column.empty() ? in.name : in.column;
    spec.type = in.type;
    const bool numeric = in.type == InputType::kNumber || in.type == InputType::kInteger ||
                         in.type == InputType::kList;
    if (in.min) {
      if (!numeric) ctx.sink.Error(in.min->pos, "`min` applies to number, integer and list inputs");
      spec.min = in.min->value;
    }
    if (in.max) {
      if (!numeric) ctx.sink.Error(in.max->pos, "`max` applies to number, integer and list inputs");
      spec.max = in.max->value;
    }
    if (spec.min && spec.max && *spec.min > *spec.max) {
      ctx.sink.Error(in.max->pos, fmt::format("`max` of `{}` is below its `min`", in.name));
    }
    if (in.values) {
      if (in.type != InputType::kText) {
        ctx.sink.Error(in.values_pos, "`values` applies to text inputs only");
      }
      for (const std::string& v : *in.values) spec.allowed.push_back(m.texts().Intern(v));
    }
    if (in.default_value) ReadDefault(*in.default_value, spec, ctx);
    spec.required = in.required.value_or(true) && !spec.has_default;
    m.input_index.emplace(in.name, static_cast<int>(m.data.inputs.size()));
    m.data.inputs.push_back(std::move(spec));
    m.input_titles.push_back(in.title);
    m.input_pos.push_back(in.pos);
    ctx.known_names.push_back(in.name);
  }
  if (decl.peers) {
    const int i = m.FindInput(*decl.peers);
    if (i < 0) {
      std::vector<std::string> names;
      for (const auto& s : m.data.inputs) names.push_back(s.name);
      ctx.sink.Error(decl.peers_pos,
                     fmt::format("`peers` names `{}`, which is not an input{}", *decl.peers,
                                 ctx.suggester.DidYouMean(*decl.peers, {&names})));
    } else if (m.data.inputs[i].type != InputType::kText) {
      ctx.sink.Error(decl.peers_pos,
                     fmt::format("`peers` must name a text input; `{}` is a {} input", *decl.peers,
                                 InputTypeName(m.data.inputs[i].type)));
    } else {
      m.peers_input = i;
    }
  }
}

}  // namespace assess::check
