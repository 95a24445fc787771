// This file's external interface is UnitTable::PlaceOf.
#include "data/unit_table.h"

#include <fmt/format.h>

namespace assess::data {

std::string UnitTable::PlaceOf(std::size_t unit) const {
  const uint64_t row = rows[unit];
  switch (source) {
    case SourceKind::kCsv:
      return fmt::format("row {}", row);
    case SourceKind::kJson:
      return fmt::format("[{}]", row);
    case SourceKind::kJsonLines:
      return fmt::format("line {}", row);
    case SourceKind::kMemory:
      return fmt::format("unit #{}", row);
  }
  return {};
}

}  // namespace assess::data
