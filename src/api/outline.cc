// This file's external interface is Scheme::Outline and Scheme::CanonicalExpression: a
// loaded scheme's declarations, by meaning and place, for tools above the API (diff, the
// language server).
#include <charconv>
#include <cmath>

#include "api/api_impl.h"
#include "assess/scheme.h"
#include "expr/parser.h"

namespace assess {
namespace {

std::string Number(double x) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// "[1, 2.5]": a list's numbers as the outline shows them. Appended one piece at a time to a
// string of its own: `"["` assigned first and then `(i ? ", " : "") + Number(x)` appended
// made GCC 12 warn (-Wrestrict, a false positive of its inlining, GCC bug 105329).
std::string NumberList(const std::vector<double>& xs) {
  std::string out(1, '[');
  for (size_t i = 0; i < xs.size(); ++i) {
    if (i > 0) out += ", ";
    out += Number(xs[i]);
  }
  out += ']';
  return out;
}

// "{"a": 1, "b": 2}": a table parameter's entries, made as NumberList is (see there).
std::string TableText(const std::vector<std::pair<uint32_t, double>>& table,
                      const TextPool& texts) {
  std::string out(1, '{');
  for (size_t i = 0; i < table.size(); ++i) {
    if (i > 0) out += ", ";
    out += Quoted(texts.Text(table[i].first));
    out += ": ";
    out += Number(table[i].second);
  }
  out += '}';
  return out;
}

Place PlaceOf(SourcePos p) { return {p.line, p.column}; }

std::optional<double> CapOf(double cap) {
  if (std::isinf(cap)) return std::nullopt;
  return cap;
}

ExpressionOutline ExpressionOf(const check::Expression& e) {
  return {e.source.text, e.root ? expr::Dump(*e.root) : std::string(), PlaceOf(e.source.pos)};
}

std::optional<ExpressionOutline> ExpressionOf(const std::optional<check::Expression>& e) {
  if (!e) return std::nullopt;
  return ExpressionOf(*e);
}

ParamOutline ParamOf(const check::Param& p, const TextPool& texts) {
  using Kind = load::ParamDecl::Kind;
  ParamOutline out{p.name, "", "", PlaceOf(p.pos)};
  switch (p.kind) {
    case Kind::kNumber:
      out.type = "number";
      out.value = Number(p.number);
      break;
    case Kind::kBool:
      out.type = "bool";
      out.value = p.number != 0 ? "true" : "false";
      break;
    case Kind::kText:
      out.type = "text";
      out.value = Quoted(texts.Text(static_cast<uint32_t>(p.number)));
      break;
    case Kind::kList:
      out.type = "list";
      out.value = NumberList(p.list);
      break;
    case Kind::kTable:
      out.type = "table";
      out.value = TableText(p.table, texts);
      break;
  }
  return out;
}

InputOutline InputOf(const check::Model& m, size_t i) {
  const data::InputSpec& s = m.data.inputs[i];
  InputOutline in;
  in.name = s.name;
  in.column = s.column;
  in.title = m.input_titles[i];
  in.type = std::string(InputTypeName(s.type));
  in.required = s.required;
  in.min = s.min;
  in.max = s.max;
  for (uint32_t id : s.allowed) in.values.push_back(m.texts().Text(id));
  if (s.has_default) {
    if (s.type == InputType::kText) {
      in.default_value = Quoted(m.texts().Text(static_cast<uint32_t>(s.default_value)));
    } else if (s.type == InputType::kBoolean) {
      in.default_value = s.default_value != 0 ? "true" : "false";
    } else if (s.type == InputType::kList) {
      in.default_value = NumberList(s.default_list);
    } else {
      in.default_value = Number(s.default_value);
    }
  }
  in.place = i < m.input_pos.size() ? PlaceOf(m.input_pos[i]) : Place{};
  return in;
}

IndicatorOutline IndicatorOf(const check::Model& m, const check::Node& n) {
  IndicatorOutline out;
  out.id = n.id;
  out.title = n.title;
  out.description = n.description;
  out.kind = std::string(NodeKindName(n.kind));
  out.parent = n.parent > 0 ? m.nodes[n.parent].id : "";
  out.points = n.counts_points ? n.points : 0;
  out.floor = n.floor;
  out.cap = CapOf(n.cap);
  out.on_missing = std::string(OnMissingName(n.on_missing));
  out.value = ExpressionOf(n.value);
  out.score = ExpressionOf(n.score);
  out.when = ExpressionOf(n.when);
  for (const check::Rule& r : n.rules) {
    out.rules.push_back({ExpressionOf(r.when), ExpressionOf(r.points), r.reason, CapOf(r.cap)});
  }
  out.place = PlaceOf(n.pos);
  return out;
}

}  // namespace

SchemeOutline Scheme::Outline() const {
  const check::Model& m = *impl_->model;
  SchemeOutline o;
  o.id = m.id;
  o.title = m.title;
  o.version = m.version;
  o.description = m.description;
  o.unit_column = m.data.unit_column;
  o.peers = m.peers_input >= 0 ? m.data.inputs[m.peers_input].name : "";
  const check::Node& total = m.nodes[0];
  o.total_points = total.points;
  o.total_floor = total.floor;
  o.total_cap = CapOf(total.cap);
  o.digits = m.digits;
  o.rounding_stage = m.stage_each ? "each" : "output";
  for (size_t i = 0; i < m.data.inputs.size(); ++i) o.inputs.push_back(InputOf(m, i));
  for (const check::Param& p : m.params) o.params.push_back(ParamOf(p, m.texts()));
  for (size_t i = 1; i < m.nodes.size(); ++i) o.indicators.push_back(IndicatorOf(m, m.nodes[i]));
  const auto level_name = [&](int level) {
    return m.grades && level >= 0 && level < static_cast<int>(m.grades->levels.size())
               ? m.grades->levels[level].name
               : std::string();
  };
  for (const check::Veto& v : m.vetoes) {
    o.vetoes.push_back({v.id, ExpressionOf(v.when), v.reason,
                        v.forces ? level_name(v.force_level) : "", level_name(v.max_level),
                        CapOf(v.cap), PlaceOf(v.pos)});
  }
  if (m.grades) {
    o.has_grades = true;
    for (const check::Level& l : m.grades->levels) {
      o.levels.push_back({l.name, l.min, l.quota ? l.quota->ToString() : "", PlaceOf(l.pos)});
    }
    for (int node : m.grades->tie_break) o.tie_break.push_back(m.nodes[node].id);
    o.ties = m.grades->ties_admit ? "admit" : "demote";
    o.quota_rounding = m.grades->quota_nearest ? "nearest" : "floor";
  }
  return o;
}

Expected<std::string> Scheme::CanonicalExpression(const std::string& text) {
  expr::ParseResult parsed = expr::Parse(text);
  if (!parsed.root) {
    const std::string message = parsed.error ? parsed.error->message : "not an expression";
    return Error{message, {}};
  }
  return expr::Dump(*parsed.root);
}

}  // namespace assess
