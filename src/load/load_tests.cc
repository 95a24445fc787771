// This file's external interface is LoadTests: the embedded tests of rule-language §12, whose units
// and expectations are data (LiteralValue), checked against the scheme later.
#include <fmt/format.h>

#include "load/sections.h"

namespace assess::load {
namespace {

// A mapping of field -> value, in file order.
std::optional<std::vector<std::pair<std::string, LiteralValue>>> LoadFields(Walker& w,
                                                                            const YamlNode& n,
                                                                            SourcePos pos,
                                                                            std::string_view what) {
  auto entries = w.Mapping(n, pos, what, std::nullopt);
  if (!entries) return std::nullopt;
  std::vector<std::pair<std::string, LiteralValue>> fields;
  for (const Entry& e : *entries) {
    auto value = w.Literal(e.value, e.key_pos);
    if (!value) return std::nullopt;
    fields.emplace_back(e.key, std::move(*value));
  }
  return fields;
}

std::optional<TestDecl> LoadTest(Walker& w, const YamlNode& n) {
  TestDecl test;
  test.pos = w.ItemPos(n);
  auto entries = w.Mapping(n, test.pos, "a test", KeyContext::kTest);
  if (!entries) return std::nullopt;
  bool has_name = false;
  for (const Entry& e : *entries) {
    if (w.stopped()) return std::nullopt;
    if (e.key == "name") {
      has_name = true;
      test.name = w.Text(e).value_or("");
    } else if (e.key == "units") {
      auto items = w.Sequence(e);
      if (!items) continue;
      for (const YamlNode& item : *items) {
        TestDecl::Unit unit;
        unit.pos = w.ItemPos(item);
        if (!item.IsMap()) {
          w.Error(unit.pos, fmt::format("a test unit must be a mapping of fields such as "
                                        "`{{unit: S1, gdp: 8}}`, got {}",
                                        w.Describe(item)));
          continue;
        }
        auto fields = LoadFields(w, item, unit.pos, "a test unit");
        if (!fields) continue;
        unit.fields = std::move(*fields);
        test.units.push_back(std::move(unit));
      }
    } else if (e.key == "expect") {
      auto expected = w.Mapping(e.value, e.key_pos, "`expect`", std::nullopt);
      if (!expected) continue;
      for (const Entry& unit_entry : *expected) {
        TestDecl::Expect expect;
        expect.unit = unit_entry.key;
        expect.pos = unit_entry.key_pos;
        if (!unit_entry.value.IsMap()) {
          w.Error(w.ValuePos(unit_entry),
                  fmt::format("the expectation for {} must be a mapping such as "
                              "`{{total: 90, grade: good}}`, got {}",
                              Quoted(unit_entry.key), w.Describe(unit_entry.value)));
          continue;
        }
        auto fields = LoadFields(w, unit_entry.value, expect.pos, "an expectation");
        if (!fields) continue;
        expect.fields = std::move(*fields);
        test.expect.push_back(std::move(expect));
      }
    }
  }
  if (!has_name) w.Error(test.pos, "a test needs a `name`");
  return test;
}

}  // namespace

void LoadTests(Walker& walker, const Entry& entry, SchemeDecl& decl) {
  auto items = walker.Sequence(entry);
  if (!items) return;
  for (const YamlNode& item : *items) {
    if (auto test = LoadTest(walker, item)) decl.tests.push_back(std::move(*test));
    if (walker.stopped()) return;
  }
}

}  // namespace assess::load
