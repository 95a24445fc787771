// This file's external interface is UnitMessages (unit_messages.h).
#include "eval/unit_messages.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace assess::eval {

// Not value-initialized: MarkRange writes every unit's flag, each range on its thread.
UnitMessages::UnitMessages(std::size_t units) : flags_(new uint8_t[units == 0 ? 1 : units]) {}

const std::string& UnitMessages::operator[](std::size_t u) const {
  if (!has(u)) return kEmpty;
  const auto at = std::lower_bound(units_.begin(), units_.end(), static_cast<uint32_t>(u));
  return messages_[static_cast<std::size_t>(at - units_.begin())];
}

void UnitMessages::MarkRange(std::size_t from, std::size_t to, const Part& part) {
  std::fill(flags_.get() + from, flags_.get() + to, uint8_t{0});
  for (uint32_t u : part.units) flags_[u] = 1;
}

void UnitMessages::Join(std::vector<Part>&& parts) {
  std::size_t count = 0;
  for (const Part& p : parts) count += p.units.size();
  units_.reserve(count);
  messages_.reserve(count);
  for (Part& p : parts) {
    units_.insert(units_.end(), p.units.begin(), p.units.end());
    std::move(p.messages.begin(), p.messages.end(), std::back_inserter(messages_));
  }
}

}  // namespace assess::eval
