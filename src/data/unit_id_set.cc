// This file's external interface is UnitIdSet.
#include "data/unit_id_set.h"

#include <functional>

namespace assess::data {

void UnitIdSet::Prepare(std::string_view id) {
  prepared_hash_ = std::hash<std::string_view>{}(id);
  prepared_ = true;
  if (!slots_.empty()) __builtin_prefetch(&slots_[prepared_hash_ & (slots_.size() - 1)]);
}

bool UnitIdSet::Insert(const LargeVector<std::string>& ids, std::size_t unit) {
  if (!prepared_) return true;
  prepared_ = false;
  if ((count_ + 1) * 2 > slots_.size()) Grow(slots_.empty() ? 64 : slots_.size() * 2);
  const std::string& id = ids[unit];
  const uint64_t hash = prepared_hash_;
  const std::size_t mask = slots_.size() - 1;
  // Linear probing: a clash of ids is rare, a clash of slots cheap (adjacent in memory).
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.unit_plus_one == 0) {
      slot.hash = hash;
      slot.unit_plus_one = unit + 1;
      ++count_;
      return true;
    }
    if (slot.hash == hash && ids[slot.unit_plus_one - 1] == id) return false;
  }
}

bool UnitIdSet::Contains(const LargeVector<std::string>& ids, std::string_view id) const {
  if (slots_.empty()) return false;
  const uint64_t hash = std::hash<std::string_view>{}(id);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.unit_plus_one == 0) return false;
    if (slot.hash == hash && ids[slot.unit_plus_one - 1] == id) return true;
  }
}

void UnitIdSet::Reserve(std::size_t ids) {
  std::size_t size = slots_.empty() ? 64 : slots_.size();
  while (size < ids * 2) size *= 2;
  if (size > slots_.size()) Grow(size);
}

void UnitIdSet::Grow(std::size_t size) {
  LargeVector<Slot> old = std::move(slots_);
  slots_.assign(size, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.unit_plus_one == 0) continue;
    std::size_t i = s.hash & mask;
    while (slots_[i].unit_plus_one != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

}  // namespace assess::data
