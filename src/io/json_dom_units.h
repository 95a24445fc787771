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
  KeyMeaning Meaning(std::size_t place, std::string_view key);
  void ReadId(simdjson::dom::element id, uint64_t row);
  void ReadValue(uint32_t input, simdjson::dom::element value);
  void ReadList(uint32_t input, simdjson::dom::array list, std::string_view field);

  const data::DataSpec& spec_;
  data::UnitTableBuilder& builder_;
  // The keys of the last unit objects by their place in the object, with what they mean:
  // units usually repeat their keys in the same order, so most keys are known by one
  // comparison instead of a hash lookup. At most kMaxKeyMemo are kept.
  static constexpr std::size_t kMaxKeyMemo = 4096;
  struct KeyMemo {
    std::string key;
    KeyMeaning meaning;
  };
  std::vector<KeyMemo> key_memo_;
  // Per input, the serial of the last unit that gave it a value: of a repeated key the
  // first counts, as of a repeated CSV header name.
  std::vector<uint64_t> seen_in_;
  uint64_t serial_ = 0;
  std::vector<double> list_values_;  // reused between lists
};

}  // namespace assess::io

#endif  // ASSESS_IO_JSON_DOM_UNITS_H_
