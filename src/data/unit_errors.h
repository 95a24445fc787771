// UnitErrors: each unit's data error, "" when the unit is fine, stored only from the first
// unit in error on. Most batches have none, and a million empty strings were 32 MB of
// fresh memory written while reading (the slowest thing a read does, docs/performance.md).
#ifndef ASSESS_DATA_UNIT_ERRORS_H_
#define ASSESS_DATA_UNIT_ERRORS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "core/large_alloc.h"

namespace assess::data {

class UnitErrors {
 public:
  // Unit u's message; "" for a unit that is fine (any u past the last one in error).
  const std::string& operator[](std::size_t u) const {
    return u < messages_.size() ? messages_[u] : kEmpty;
  }
  void Set(std::size_t u, std::string message);
  // Appends the messages of `other`'s units after this table's `units` units.
  void Append(UnitErrors&& other, std::size_t units);

  // How many units' messages are held (those past them are fine): for tests.
  std::size_t held() const { return messages_.size(); }
  // The messages of units [0, units), for tests and diagnostics.
  std::vector<std::string> Of(std::size_t units) const;

  // The same message for every unit.
  friend bool operator==(const UnitErrors& a, const UnitErrors& b);

 private:
  // Constant-initialized (std::string's default constructor is constexpr), so read without
  // a call or a guard: a function's static cost 2 M instructions at 50,000 units.
  static inline const std::string kEmpty;

  LargeVector<std::string> messages_;  // units [0, held()); "" for those fine
};

}  // namespace assess::data

#endif  // ASSESS_DATA_UNIT_ERRORS_H_
