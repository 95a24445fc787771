// UnitMessages: after an evaluation, the message of each unit in error ("" for the others),
// as a byte a unit that says which, written on every thread, and the messages of the units
// in error alone, in unit order. A table of a string a unit was 32 bytes of fresh memory a
// unit, written on one thread before any message was made: at 200,000 units with one in 36
// in error, 0.9-13 ms of an evaluation of 80-130 ms, most of it the kernel's first touch.
#ifndef ASSESS_EVAL_UNIT_MESSAGES_H_
#define ASSESS_EVAL_UNIT_MESSAGES_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace assess::eval {

class UnitMessages {
 public:
  // The units of one part of the batch that are in error, in unit order, and their messages.
  struct Part {
    std::vector<uint32_t> units;
    std::vector<std::string> messages;
  };

  UnitMessages() = default;
  // Room for the flags of `units` units, each written by MarkRange before anything reads it.
  explicit UnitMessages(std::size_t units);

  // Whether nothing is held: the evaluation found no unit in error (most batches).
  bool empty() const { return flags_ == nullptr; }
  bool has(std::size_t u) const { return flags_ != nullptr && flags_[u] != 0; }
  // Unit u's message; "" for a unit that is fine.
  const std::string& operator[](std::size_t u) const;

  // Writes the flags of units [from, to) from `part` (which holds that range's units in
  // error): each thread its own range.
  void MarkRange(std::size_t from, std::size_t to, const Part& part);
  // Takes the parts' messages, the parts in unit order (after every MarkRange).
  void Join(std::vector<Part>&& parts);

  // The same units in error, with the same messages.
  friend bool operator==(const UnitMessages& a, const UnitMessages& b) {
    return a.units_ == b.units_ && a.messages_ == b.messages_;
  }

 private:
  static inline const std::string kEmpty;

  std::unique_ptr<uint8_t[]> flags_;  // per unit: 1 in error
  std::vector<uint32_t> units_;       // the units in error, rising
  std::vector<std::string> messages_;
};

}  // namespace assess::eval

#endif  // ASSESS_EVAL_UNIT_MESSAGES_H_
