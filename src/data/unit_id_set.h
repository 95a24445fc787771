// UnitIdSet: the unit ids seen so far in a batch, to find repeated ids (rule-language §16 "Peers").
// An open-addressing table of (hash, unit index) over the builder's own id strings: no
// allocation per unit, where a node-based std::unordered_map<std::string, ...> cost a
// quarter of the time of reading a CSV file.
//
// With many units the table outgrows the caches, and a lookup is one cache miss. So a
// lookup is split in two: Prepare hashes the id and prefetches its slot when a unit
// begins, Insert probes when it ends, by which time its cells were read and the slot is in
// cache. (Finding a repeat at the end of the unit gives the same result as at its start:
// "duplicate unit id" replaces whatever error its cells had; it is the first problem.)
#ifndef ASSESS_DATA_UNIT_ID_SET_H_
#define ASSESS_DATA_UNIT_ID_SET_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/large_alloc.h"

namespace assess::data {

class UnitIdSet {
 public:
  // Starts the lookup of `id`, the id of the unit to be inserted next.
  void Prepare(std::string_view id);
  // Records ids[unit] (the id given to Prepare) unless an equal id is already recorded;
  // false when it was. True, recording nothing, when nothing was prepared (a unit without
  // a usable id). `ids` is the table's id column: the set keeps indices into it, not copies.
  bool Insert(const LargeVector<std::string>& ids, std::size_t unit);
  // Whether an id equal to `id` is recorded (`ids`: the column Insert was given).
  bool Contains(const LargeVector<std::string>& ids, std::string_view id) const;
  // Room for `ids` ids in all, so that the table does not grow (and rehash) on the way.
  void Reserve(std::size_t ids);

 private:
  struct Slot {
    uint64_t hash = 0;
    uint64_t unit_plus_one = 0;  // 0: empty
  };
  void Grow(std::size_t size);  // to `size` slots, a power of two

  LargeVector<Slot> slots_;  // a power of two in size, at most half full
  std::size_t count_ = 0;
  uint64_t prepared_hash_ = 0;
  bool prepared_ = false;
};

}  // namespace assess::data

#endif  // ASSESS_DATA_UNIT_ID_SET_H_
