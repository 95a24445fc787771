// This file's external interface is LoadInputs, LoadParams, LoadTotal, LoadGrades and
// LoadRounding: the sections of rule-language §3, §2, §6 and §7 besides the indicator tree.
#include <fmt/format.h>

#include <array>

#include "load/sections.h"

namespace assess::load {
namespace {

using std::string_view_literals::operator""sv;

constexpr std::array kTypeNames = {"number"sv, "integer"sv, "boolean"sv, "text"sv, "list"sv};
constexpr std::array kTypeValues = {InputType::kNumber, InputType::kInteger, InputType::kBoolean,
                                    InputType::kText, InputType::kList};
constexpr std::array kTiesNames = {"demote"sv, "admit"sv};
constexpr std::array kQuotaRoundingNames = {"floor"sv, "nearest"sv};
constexpr std::array kStageNames = {"each"sv, "output"sv};
constexpr int kMaxDigits = 15;

std::optional<InputDecl> LoadInput(Walker& w, const Entry& named) {
  InputDecl in;
  in.name = named.key;
  in.pos = named.key_pos;
  in.column = named.key;
  if (!named.value.IsMap()) {
    w.Error(w.ValuePos(named),
            fmt::format("input {} must be a mapping such as `{{type: number}}`, got {}",
                        Quoted(named.key), w.Describe(named.value)));
    return std::nullopt;
  }
  auto entries = w.Mapping(named.value, named.key_pos, "an input", KeyContext::kInput);
  if (!entries) return std::nullopt;
  for (const Entry& e : *entries) {
    if (e.key == "type") {
      if (auto c = w.Choice(e, kTypeNames)) in.type = kTypeValues[*c];
    } else if (e.key == "title") {
      in.title = w.Text(e, true).value_or("");
    } else if (e.key == "min") {
      in.min = w.Number(e, false);
    } else if (e.key == "max") {
      in.max = w.Number(e, false);
    } else if (e.key == "values") {
      in.values_pos = w.ValuePos(e);
      if (auto items = w.Sequence(e)) {
        std::vector<std::string> values;
        for (const YamlNode& item : *items) {
          if (auto text = w.TextOf(item, in.values_pos, "each of `values`")) {
            values.push_back(*text);
          }
        }
        in.values = std::move(values);
      }
    } else if (e.key == "column") {
      if (auto column = w.Text(e)) in.column = *column;
    } else if (e.key == "required") {
      in.required = w.Bool(e);
    } else if (e.key == "default") {
      in.default_value = w.Literal(e.value, e.key_pos);
    }
  }
  return in;
}

// A param's kind follows its value: number, bool, text, list of numbers, or table.
std::optional<ParamDecl> LoadParam(Walker& w, const Entry& named) {
  ParamDecl p;
  p.name = named.key;
  p.pos = named.key_pos;
  p.value_pos = w.ValuePos(named);
  const YamlNode v = named.value;
  if (v.IsNull()) {
    w.Error(p.value_pos, fmt::format("param {} has no value", Quoted(p.name)));
    return std::nullopt;
  }
  if (v.IsScalar()) {
    std::optional<Decimal> number;
    if (IsPlain(v)) number = Decimal::Parse(v.Scalar());
    if (number) {
      p.kind = ParamDecl::Kind::kNumber;
      auto decl = w.NumberOf(v, p.value_pos, fmt::format("param {}", Quoted(p.name)), true);
      if (!decl) return std::nullopt;
      p.number = std::move(*decl);
    } else if (auto b = PlainBool(v)) {
      p.kind = ParamDecl::Kind::kBool;
      p.bool_value = *b;
    } else {
      p.kind = ParamDecl::Kind::kText;
      p.text = std::string(v.Scalar());
    }
    return p;
  }
  if (v.IsSequence()) {
    p.kind = ParamDecl::Kind::kList;
    std::size_t index = 0;
    for (; index < v.size(); ++index) {
      const YamlNode item_node = v.Item(index);
      if (!w.Visit(item_node)) return std::nullopt;
      auto item =
          w.NumberOf(item_node, p.value_pos,
                     fmt::format("element {} of param {}", index + 1, Quoted(p.name)), true);
      if (item) p.list.push_back(std::move(*item));
    }
    return p;
  }
  p.kind = ParamDecl::Kind::kTable;
  auto entries = w.Mapping(v, p.value_pos, fmt::format("param {}", Quoted(p.name)), std::nullopt);
  if (!entries) return std::nullopt;
  for (const Entry& e : *entries) {
    auto item =
        w.NumberOf(e.value, e.key_pos,
                   fmt::format("the value of {} in param {}", Quoted(e.key), Quoted(p.name)), true);
    if (item) p.table.emplace_back(e.key, std::move(*item));
  }
  return p;
}

std::optional<LevelDecl> LoadLevel(Walker& w, const YamlNode& n) {
  LevelDecl level;
  level.pos = w.ItemPos(n);
  auto entries = w.Mapping(n, level.pos, "a grade level", KeyContext::kLevel);
  if (!entries) return std::nullopt;
  bool has_name = false;
  for (const Entry& e : *entries) {
    if (e.key == "name") {
      has_name = true;
      level.name = w.Text(e).value_or("");
    } else if (e.key == "min") {
      level.min = w.Number(e, false);
    } else if (e.key == "quota") {
      level.quota = w.Number(e, true);
    }
  }
  if (!has_name) w.Error(level.pos, "a grade level needs a `name`");
  return level;
}

}  // namespace

void LoadInputs(Walker& walker, const Entry& entry, SchemeDecl& decl) {
  auto entries = walker.Mapping(entry.value, entry.key_pos, "`inputs`", std::nullopt);
  if (!entries) return;
  decl.inputs.reserve(entries->size());
  for (const Entry& e : *entries) {
    if (auto input = LoadInput(walker, e)) decl.inputs.push_back(std::move(*input));
    if (walker.stopped()) return;
  }
}

void LoadParams(Walker& walker, const Entry& entry, SchemeDecl& decl) {
  auto entries = walker.Mapping(entry.value, entry.key_pos, "`params`", std::nullopt);
  if (!entries) return;
  for (const Entry& e : *entries) {
    if (auto param = LoadParam(walker, e)) decl.params.push_back(std::move(*param));
    if (walker.stopped()) return;
  }
}

void LoadTotal(Walker& walker, const Entry& entry, SchemeDecl& decl) {
  decl.total.pos = entry.key_pos;
  auto entries = walker.Mapping(entry.value, entry.key_pos, "`total`", KeyContext::kTotal);
  if (!entries) return;
  for (const Entry& e : *entries) {
    if (e.key == "points") {
      decl.total.points = walker.Number(e, false);
    } else if (e.key == "cap") {
      ReadCap(walker, e, decl.total.cap, decl.total.cap_none);
    } else if (e.key == "floor") {
      decl.total.floor = walker.Number(e, false);
    }
  }
}

void LoadGrades(Walker& walker, const Entry& entry, SchemeDecl& decl) {
  GradesDecl grades;
  grades.pos = entry.key_pos;
  auto entries = walker.Mapping(entry.value, entry.key_pos, "`grades`", KeyContext::kGrades);
  if (!entries) return;
  for (const Entry& e : *entries) {
    if (e.key == "levels") {
      if (auto items = walker.Sequence(e)) {
        for (const YamlNode& item : *items) {
          if (auto level = LoadLevel(walker, item)) grades.levels.push_back(std::move(*level));
          if (walker.stopped()) return;
        }
      }
    } else if (e.key == "tie_break") {
      if (auto items = walker.Sequence(e)) {
        for (const YamlNode& item : *items) {
          SourcePos pos = walker.Pos(item, walker.ValuePos(e));
          if (auto id = walker.TextOf(item, pos, "each of `tie_break`")) {
            grades.tie_break.emplace_back(*id, pos);
          }
        }
      }
    } else if (e.key == "ties") {
      if (auto c = walker.Choice(e, kTiesNames)) grades.ties_admit = *c == 1;
    } else if (e.key == "quota_rounding") {
      if (auto c = walker.Choice(e, kQuotaRoundingNames)) grades.quota_nearest = *c == 1;
    }
  }
  decl.grades = std::move(grades);
}

void LoadRounding(Walker& walker, const Entry& entry, SchemeDecl& decl) {
  decl.rounding.pos = entry.key_pos;
  auto entries = walker.Mapping(entry.value, entry.key_pos, "`rounding`", KeyContext::kRounding);
  if (!entries) return;
  for (const Entry& e : *entries) {
    if (e.key == "digits") {
      const std::string text(e.value.Scalar());  // "" unless a scalar
      bool whole = IsPlain(e.value) && !text.empty() && text.size() <= 2 &&
                   text.find_first_not_of("0123456789") == std::string::npos;
      if (whole && std::stoi(text) <= kMaxDigits) {
        decl.rounding.digits = std::stoi(text);
      } else {
        walker.Error(walker.ValuePos(e),
                     fmt::format("`digits` must be a whole number from 0 to {}, got {}", kMaxDigits,
                                 walker.Describe(e.value)));
      }
    } else if (e.key == "stage") {
      if (auto c = walker.Choice(e, kStageNames)) decl.rounding.stage_each = *c == 0;
    }
  }
}

}  // namespace assess::load
