// This file's external interface is SendElement.
#include "io/json_dom_events.h"

namespace assess::io {

bool SendElement(simdjson::dom::element value, JsonUnitsSax& sax, std::string& scratch) {
  using simdjson::dom::element_type;
  switch (value.type()) {
    case element_type::OBJECT: {
      const simdjson::dom::object object = value.get_object().value_unsafe();
      if (!sax.start_object(object.size())) return false;
      for (const simdjson::dom::key_value_pair field : object) {
        scratch.assign(field.key);
        if (!sax.key(scratch) || !SendElement(field.value, sax, scratch)) return false;
      }
      return sax.end_object();
    }
    case element_type::ARRAY: {
      const simdjson::dom::array array = value.get_array().value_unsafe();
      if (!sax.start_array(array.size())) return false;
      for (const simdjson::dom::element element : array) {
        if (!SendElement(element, sax, scratch)) return false;
      }
      return sax.end_array();
    }
    case element_type::INT64:
      return sax.number_integer(value.get_int64().value_unsafe());
    case element_type::UINT64:
      return sax.number_unsigned(value.get_uint64().value_unsafe());
    case element_type::DOUBLE:
      scratch.clear();  // the handler does not use a double's text
      return sax.number_float(value.get_double().value_unsafe(), scratch);
    case element_type::STRING:
      scratch.assign(value.get_string().value_unsafe());
      return sax.string(scratch);
    case element_type::BOOL:
      return sax.boolean(value.get_bool().value_unsafe());
    case element_type::NULL_VALUE:
      return sax.null();
  }
  return false;
}

}  // namespace assess::io
