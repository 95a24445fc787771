// This file's external interface is AppendUnits, AddToRows and RecordIds
// (unit_table_merge.h).
#include "data/unit_table_merge.h"

#include <fmt/format.h>

#include <atomic>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/run_on_threads.h"
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

void AppendUnits(UnitTable& first, UnitTable&& second, const DataSpec& spec,
                 const UnitIdSet& first_ids) {
  const std::size_t n1 = first.size(), n2 = second.size();
  // A repeat is an id that a unit of `first` holds: looked up before the ids are moved.
  std::vector<uint8_t> repeated(n2, 0);
  for (std::size_t u = 0; u < n2; ++u) {
    repeated[u] = HoldsId(second, u) && first_ids.Contains(first.ids, second.ids[u]);
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
  // Task 0 the per-unit vectors, task 1 + i column i: each copies into memory of its own,
  // so the two threads share nothing (but the arena, which allows that).
  const std::size_t tasks = 1 + spec.inputs.size();
  std::atomic<std::size_t> next{0};
  RunOnThreads(tasks > 1 ? 2 : 1, [&](int) {
    for (std::size_t t = next.fetch_add(1); t < tasks; t = next.fetch_add(1)) {
      if (t > 0) {
        const std::size_t i = t - 1;
        if (renumbered && spec.inputs[i].type == InputType::kText) {
          second.columns[i].RemapTexts(map);
        }
        first.columns[i].Append(second.columns[i]);
        // Freed now, not with `second`: the columns appended next grow into this memory
        // rather than fresh pages, and the join never holds the second part whole twice.
        second.columns[i] = Column();
        continue;
      }
      first.ids.reserve(n1 + n2);
      first.rows.reserve(n1 + n2);
      for (std::size_t u = 0; u < n2; ++u) {
        first.ids.push_back(std::move(second.ids[u]));
        first.rows.push_back(second.rows[u]);
      }
      LargeVector<std::string>().swap(second.ids);
      first.errors.Append(std::move(second.errors), n1);
      LargeVector<uint64_t>().swap(second.rows);
    }
  });
  for (std::size_t u = 0; u < n2; ++u) {
    if (repeated[u]) {
      first.errors.Set(n1 + u, fmt::format("data error: unit {} ({}): duplicate unit id",
                                           first.ids[n1 + u], first.PlaceOf(n1 + u)));
    }
  }
}

void AddToRows(UnitTable& table, uint64_t rows_before) {
  if (!table.rows_relative) return;
  for (uint64_t& row : table.rows) row += rows_before;
  // Each message names its unit's place once, the number between two marks.
  for (std::size_t u = 0; u < table.errors.held(); ++u) {
    const std::string& message = table.errors[u];
    const std::size_t open = message.find(kRowMark);
    if (open == std::string::npos) continue;
    const std::size_t close = message.find(kRowMark, open + 1);
    if (close == std::string::npos) continue;
    uint64_t row = 0;
    const auto [end, ec] = std::from_chars(message.data() + open + 1, message.data() + close, row);
    if (ec != std::errc() || end != message.data() + close) continue;
    table.errors.Set(u, fmt::format("{}{}{}", message.substr(0, open), row + rows_before,
                                    message.substr(close + 1)));
  }
  table.rows_relative = false;
}

void RecordIds(UnitIdSet& ids, const UnitTable& table, std::size_t from) {
  for (std::size_t u = from; u < table.size(); ++u) {
    if (!HoldsId(table, u)) continue;
    ids.Prepare(table.ids[u]);
    ids.Insert(table.ids, u);  // false for a repeat: its first unit is recorded already
  }
}

}  // namespace assess::data
