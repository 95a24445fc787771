// This file's external interface is CheckParams: named constants (rule-language §3) and their
// NAME=VALUE overrides, read by each param's type (rule-language §16).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "check/check_context.h"
#include "num/decimal.h"
#include "num/number_text.h"

namespace assess::check {
namespace {

using Kind = load::ParamDecl::Kind;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<double> ReadNumber(std::string_view text) {
  auto d = Decimal::Parse(Trim(text));
  if (!d || !std::isfinite(d->ToDouble())) return std::nullopt;
  return d->ToDouble();
}

std::string_view KindName(Kind k) {
  switch (k) {
    case Kind::kNumber:
      return "a number";
    case Kind::kText:
      return "a text";
    case Kind::kBool:
      return "true or false";
    case Kind::kList:
      return "a list of numbers (`1;2;3` or `1,2,3`)";
    case Kind::kTable:
      return "a table as JSON, each key once (`{\"A\": 1, \"B\": 0.8}`)";
  }
  return "?";
}

// A table given as a JSON object of numbers; nullopt when it is not one, or repeats a key
// (one entry would silently win over the other).
std::optional<std::vector<std::pair<uint32_t, double>>> ReadTable(std::string_view text,
                                                                  TextPool& texts) {
  std::set<std::string> keys;
  bool repeated = false;
  auto callback = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    if (event == nlohmann::json::parse_event_t::key && depth == 1 &&
        !keys.insert(parsed.get<std::string>()).second) {
      repeated = true;
    }
    return true;
  };
  nlohmann::json j = nlohmann::json::parse(text, callback, /*allow_exceptions=*/false);
  if (repeated || !j.is_object()) return std::nullopt;
  std::vector<std::pair<uint32_t, double>> table;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!it.value().is_number() || !std::isfinite(it.value().get<double>())) return std::nullopt;
    table.emplace_back(texts.Intern(it.key()), it.value().get<double>());
  }
  return table;
}

// Reads an override text into `p` by p's kind; false when it does not fit.
bool ReadOverride(std::string_view text, Param& p, TextPool& texts) {
  switch (p.kind) {
    case Kind::kNumber: {
      auto n = ReadNumber(text);
      if (!n) return false;
      p.number = *n;
      return true;
    }
    case Kind::kText:
      p.number = texts.Intern(text);
      return true;
    case Kind::kBool: {
      std::string lower;
      for (char c : Trim(text)) {
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      if (lower == "true" || lower == "yes" || lower == "1")
        p.number = 1;
      else if (lower == "false" || lower == "no" || lower == "0")
        p.number = 0;
      else
        return false;
      return true;
    }
    case Kind::kList: {
      std::vector<double> list;
      const char sep = text.find(';') != std::string_view::npos ? ';' : ',';
      std::string_view rest = Trim(text);
      while (!rest.empty()) {
        const size_t cut = rest.find(sep);
        auto n = ReadNumber(rest.substr(0, cut));
        if (!n) return false;
        list.push_back(*n);
        if (cut == std::string_view::npos) break;
        rest = rest.substr(cut + 1);
      }
      p.list = std::move(list);
      return true;
    }
    case Kind::kTable: {
      auto table = ReadTable(text, texts);
      if (!table) return false;
      p.table = std::move(*table);
      return true;
    }
  }
  return false;
}

}  // namespace

void CheckParams(const load::SchemeDecl& decl, CheckContext& ctx) {
  Model& m = ctx.model;
  for (const load::ParamDecl& d : decl.params) {
    if (!IsValidId(d.name)) {
      ctx.sink.Error(d.pos, fmt::format("`{}` is not a valid param name", d.name));
      continue;
    }
    if (m.FindInput(d.name) >= 0) {
      ctx.sink.Error(d.pos, fmt::format("`{}` is both an input and a param", d.name));
      continue;
    }
    Param p;
    p.name = d.name;
    p.kind = d.kind;
    p.pos = d.pos;
    switch (d.kind) {
      case Kind::kNumber:
        p.number = d.number.value;
        break;
      case Kind::kText:
        p.number = m.texts().Intern(d.text);
        break;
      case Kind::kBool:
        p.number = d.bool_value ? 1 : 0;
        break;
      case Kind::kList:
        for (const load::NumberDecl& n : d.list) p.list.push_back(n.value);
        break;
      case Kind::kTable:
        for (const auto& [key, n] : d.table) p.table.emplace_back(m.texts().Intern(key), n.value);
        break;
    }
    m.param_index.emplace(d.name, static_cast<int>(m.params.size()));
    m.params.push_back(std::move(p));
    ctx.known_names.push_back(d.name);
  }
  for (const auto& [name, text] : ctx.options.params) {
    const int i = m.FindParam(name);
    if (i < 0) {
      std::vector<std::string> names;
      for (const Param& p : m.params) names.push_back(p.name);
      ctx.sink.Error({}, fmt::format("unknown param `{}` given as a value{}", name,
                                     ctx.suggester.DidYouMean(name, {&names})));
      continue;
    }
    Param& p = m.params[i];
    if (!ReadOverride(text, p, m.texts())) {
      ctx.sink.Error({},
                     fmt::format("param `{}` must be {}, got `{}`", name, KindName(p.kind), text));
    }
  }
}

}  // namespace assess::check
