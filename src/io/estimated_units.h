// EstimatedUnits: how many units a JSON or JSON Lines text holds, judged from its first
// ones, so that a builder's columns are sized once (UnitTableBuilder::Reserve).
#ifndef ASSESS_IO_ESTIMATED_UNITS_H_
#define ASSESS_IO_ESTIMATED_UNITS_H_

#include <cstddef>
#include <cstdint>

namespace assess::io {

// The units a text of `size` bytes holds if its units (objects, lines) are like the first
// `units`, which took `scanned` bytes, with a little to spare; bounded so that the room
// reserved stays within a few times the text's size, whatever its first units were like.
inline std::size_t EstimatedUnits(uint64_t units, uint64_t scanned, uint64_t size,
                                  std::size_t inputs) {
  const double estimate =
      static_cast<double>(units) * static_cast<double>(size) / static_cast<double>(scanned) * 1.02 +
      64;
  const double bound = static_cast<double>(size) / static_cast<double>(80 + 2 * inputs);
  return static_cast<std::size_t>(estimate < bound ? estimate : bound);
}

}  // namespace assess::io

#endif  // ASSESS_IO_ESTIMATED_UNITS_H_
