// JsonDomUnits: the units of JSON values simdjson parsed (its DOM), an element of a JSON
// array or the value of a JSON Lines line, read straight into a UnitTableBuilder. It makes
// the builder calls JsonUnitsSax makes for the same text, in the same order, so both
// parsers give the same units and messages (json_differential_test.cc compares them); but
// it walks the DOM where it is, with keys and texts as views into simdjson's buffer and
// each value's kind known, instead of replaying it as events: a unit is read in one pass
// over its fields once its id is found, with nothing held back until the object ends.
#ifndef ASSESS_IO_JSON_DOM_UNITS_H_
#define ASSESS_IO_JSON_DOM_UNITS_H_

#include <simdjson.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "data/unit_table_builder.h"

namespace assess::io {

class JsonDomUnits {
 public:
  JsonDomUnits(const data::DataSpec& spec, data::UnitTableBuilder& builder);

  // The unit of `value` (an object; anything else is the row's error), at `row`: an index of
  // a JSON array, a line of JSON Lines.
  void Read(simdjson::dom::element value, uint64_t row);

 private:
  // What a unit object's key names: the unit id, an input (kNoInput: none), or both.
  static constexpr uint32_t kNoInput = UINT32_MAX;
  struct KeyMeaning {
    uint32_t input = kNoInput;
    bool is_id = false;
  };
  KeyMeaning Meaning(std::size_t place, std::string_view key) {
    if (place < key_memo_.size()) {
      const KeyMemo& m = key_memo_[place];
      if (key.size() == m.size && (key.size() > kShortKey ? key == m.key : SameShortKey(key, m))) {
        return m.meaning;
      }
    }
    return NewMeaning(place, key);
  }
  KeyMeaning NewMeaning(std::size_t place, std::string_view key);
  void ReadId(simdjson::dom::element id, uint64_t row);
  void ReadValue(uint32_t input, simdjson::dom::element value);
  void ReadList(uint32_t input, simdjson::dom::array list, std::string_view field);

  const data::DataSpec& spec_;
  data::UnitTableBuilder& builder_;
  // The keys of the last unit objects by their place in the object, with what they mean:
  // units usually repeat their keys in the same order, so most keys are known by one
  // comparison instead of a hash lookup. At most kMaxKeyMemo are kept.
  static constexpr std::size_t kMaxKeyMemo = 4096;
  // A key of up to kShortKey bytes is compared as two words (its bytes, zeros after them).
  // simdjson keeps a key in its string buffer, followed by a zero byte and other strings
  // or its padding (SIMDJSON_PADDING >= 64 bytes), so 16 bytes from a key's start can be
  // read.
  static constexpr std::size_t kShortKey = 16;
  struct KeyMemo {
    std::string key;
    std::size_t size = 0;
    uint64_t words[2] = {0, 0};
    KeyMeaning meaning;
  };
  static bool SameShortKey(std::string_view key, const KeyMemo& m) {
    uint64_t w[2];
    std::memcpy(w, key.data(), sizeof w);
    // The key's bytes only: the mask keeps the low `size` bytes of the two words.
    const std::size_t n = key.size();
    const uint64_t low = n >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * n)) - 1;
    const uint64_t high = n <= 8 ? 0 : n >= 16 ? ~uint64_t{0} : (uint64_t{1} << (8 * (n - 8))) - 1;
    return ((w[0] & low) == m.words[0]) & ((w[1] & high) == m.words[1]);
  }
  std::vector<KeyMemo> key_memo_;
  // Per input, the serial of the last unit that gave it a value: of a repeated key the
  // first counts, as of a repeated CSV header name.
  std::vector<uint64_t> seen_in_;
  uint64_t serial_ = 0;
  std::vector<double> list_values_;    // reused between lists
  std::vector<uint32_t> list_wholes_;  // reused: a list's elements when whole numbers
};

}  // namespace assess::io

#endif  // ASSESS_IO_JSON_DOM_UNITS_H_
