// This file's external interface is AppendUnits (unit_table_merge.h).
#include "data/unit_table_merge.h"

#include <fmt/format.h>

#include <string_view>
#include <unordered_set>

#include "data/unit_table_builder.h"

namespace assess::data {
namespace {

// A unit holds its id unless it has none or it is not valid UTF-8 (the builder then keeps
// an escaped form, and the id takes part in no duplicate check).
bool HoldsId(const UnitTable& t, std::size_t u) {
  const std::string& e = t.errors[u];
  const bool not_utf8 = e.size() >= kIdNotUtf8.size() &&
                        e.compare(e.size() - kIdNotUtf8.size(), kIdNotUtf8.size(), kIdNotUtf8) == 0;
  return !t.ids[u].empty() && !not_utf8;
}

}  // namespace

void AppendUnits(UnitTable& first, UnitTable&& second, const DataSpec& spec) {
  const std::size_t n1 = first.size(), n2 = second.size();
  first.ids.reserve(n1 + n2);  // the set below views first's ids: no reallocation after it
  std::unordered_set<std::string_view> held;
  held.reserve(n1);
  for (std::size_t u = 0; u < n1; ++u) {
    if (HoldsId(first, u)) held.insert(first.ids[u]);
  }

  // Texts the second part brought get ids in the first's pool (the scheme's texts have the
  // same ids in both).
  std::vector<double> map(second.texts.size());
  bool renumbered = false;
  for (uint32_t id = 0; id < second.texts.size(); ++id) {
    const uint32_t to = first.texts.Intern(second.texts.Text(id));
    map[id] = to;
    renumbered = renumbered || to != id;
  }
  for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
    if (renumbered && spec.inputs[i].type == InputType::kText) second.columns[i].RemapTexts(map);
    first.columns[i].Append(second.columns[i]);
  }

  for (std::size_t u = 0; u < n2; ++u) {
    first.ids.push_back(std::move(second.ids[u]));
    first.errors.push_back(std::move(second.errors[u]));
    first.rows.push_back(second.rows[u]);
  }
  for (std::size_t u = n1; u < n1 + n2; ++u) {
    if (HoldsId(first, u) && held.count(first.ids[u]) != 0) {
      first.errors[u] = fmt::format("data error: unit {} ({}): duplicate unit id", first.ids[u],
                                    first.PlaceOf(u));
    }
  }
}

}  // namespace assess::data
