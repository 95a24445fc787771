// JsonUnitsSax: a nlohmann-json SAX handler that turns a JSON array of unit objects (or one
// unit object, a line of JSON Lines) into UnitTableBuilder calls, without building a DOM:
// the reader of the texts simdjson does not accept (JsonDomUnits reads the others, making
// the same calls).
// nlohmann's SAX parser keeps its nesting on a heap stack, not the call stack, and this
// handler only counts depth below a unit's values, so a 100,000-deep array is one bad
// value, not a stack overflow.
#ifndef ASSESS_IO_JSON_UNITS_SAX_H_
#define ASSESS_IO_JSON_UNITS_SAX_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/unit_table_builder.h"

namespace assess::io {

class JsonUnitsSax {
 public:
  enum class Mode {
    kArray,      // JSON: `[{...}, {...}]`; units are emitted as they end; row = index
    kOneObject,  // a JSON Lines line: `{...}`; the unit waits for EmitLine (the rest of the
                 // line may still be bad JSON, which makes the whole line the row's error)
  };

  JsonUnitsSax(const data::DataSpec& spec, data::UnitTableBuilder& builder, Mode mode);

  // kOneObject: forgets the previous line; `row` is the line number.
  void StartLine(uint64_t row);
  // kOneObject, after the line parsed as JSON: gives its unit to the builder.
  void EmitLine();

  // Set when the parse stopped: nlohmann's message (without its "[json.exception...] "
  // prefix) and the byte where it stopped; or, kArray, the top value was not an array.
  const std::string& error() const { return error_; }
  std::size_t error_byte() const { return error_byte_; }

  // The SAX interface (nlohmann::json::sax_parse).
  using json = nlohmann::json;
  bool null();
  bool boolean(bool value);
  bool number_integer(json::number_integer_t value);
  bool number_unsigned(json::number_unsigned_t value);
  bool number_float(json::number_float_t value, const json::string_t& text);
  bool string(json::string_t& value);
  bool binary(json::binary_t& value);
  bool start_object(std::size_t elements);
  bool key(json::string_t& key);
  bool end_object();
  bool start_array(std::size_t elements);
  bool end_array();
  bool parse_error(std::size_t position, const std::string& last_token, const json::exception& ex);

 private:
  // A scalar value, as it is handed to the builder.
  enum class Kind { kNull, kBool, kNumber, kText, kList, kBad };
  struct Scalar {
    Kind kind = Kind::kNull;
    bool flag = false;
    double number = 0;
    std::string text;  // kText: the text; kBad: what it was ("an object")
  };
  struct Pending {
    std::size_t input = 0;
    Scalar value;
    std::size_t list_begin = 0, list_end = 0;  // kList: in list_values_
  };

  bool OnScalar(Kind kind, bool flag, double number, std::string_view text, const char* what);
  void OnContainer(const char* what, bool is_array);  // an object or array opened
  void BeginRecord();
  void EndRecord();
  void NonObject(const char* what);  // an element / line that is not an object
  void Emit();
  Pending& NextPending(std::size_t input);

  const data::DataSpec& spec_;
  data::UnitTableBuilder& builder_;
  const Mode mode_;
  const uint64_t record_depth_;  // the depth of a unit object (2 in an array, 1 alone)

  uint64_t depth_ = 0;  // objects and arrays open
  uint64_t row_ = 0;
  uint64_t next_index_ = 0;  // kArray: the index of the next element

  // The current unit object.
  bool in_record_ = false;
  bool record_done_ = false;          // kOneObject: waiting for EmitLine
  const char* non_object_ = nullptr;  // kOneObject: the line is not an object but this
  bool element_is_array_ = false;     // kArray: an element that is an array is open
  bool key_is_id_ = false;
  std::size_t key_input_ = SIZE_MAX;  // the input the current key names, if any
  bool id_seen_ = false;
  Scalar id_;
  std::vector<uint8_t> input_seen_;
  // The keys of the last unit objects by their place in the object, and the input each
  // names (FindInput): units usually repeat their keys in the same order, so most keys are
  // known by one comparison instead of a hash lookup. At most kMaxKeyMemo are kept.
  static constexpr std::size_t kMaxKeyMemo = 4096;
  struct KeyMemo {
    std::string key;
    std::optional<std::size_t> input;
  };
  std::vector<KeyMemo> key_memo_;
  std::size_t key_index_ = 0;     // the place of the next key in the current unit object
  std::vector<Pending> pending_;  // reused between units, so texts keep their capacity
  std::size_t pending_count_ = 0;
  std::vector<double> list_values_;
  // A list being read: its input, and its first bad element.
  std::size_t list_input_ = SIZE_MAX;
  std::size_t list_begin_ = 0;
  std::string list_bad_;

  std::string error_;
  std::size_t error_byte_ = 0;
};

}  // namespace assess::io

#endif  // ASSESS_IO_JSON_UNITS_SAX_H_
