// SendElement: a JSON value parsed by simdjson (its DOM) given to a JsonUnitsSax as the
// events nlohmann's SAX parser would have sent for the same text, in the same order, so that
// both parsers lead to the same units and messages. simdjson gives a number literal the
// kind nlohmann gives it (an integer that fits int64, else uint64; a literal with a point or
// an exponent, a double, correctly rounded); the literals where they would differ (an
// integer beyond uint64, a number beyond a double) are errors in simdjson, for which the
// readers use nlohmann.
#ifndef ASSESS_IO_JSON_DOM_EVENTS_H_
#define ASSESS_IO_JSON_DOM_EVENTS_H_

#include <simdjson.h>

#include <string>

#include "io/json_units_sax.h"

namespace assess::io {

// Sends `value` and everything in it; false when the handler stopped the parse (then its
// error() says why). `scratch` holds strings and keys as the handler's interface wants them.
// The DOM is at most simdjson's maximum depth (1024) deep, so the recursion is bounded.
bool SendElement(simdjson::dom::element value, JsonUnitsSax& sax, std::string& scratch);

}  // namespace assess::io

#endif  // ASSESS_IO_JSON_DOM_EVENTS_H_
