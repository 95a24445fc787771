// The JSON Schema (draft 2020-12) of rule files, kept in authoring/rules.schema.json and
// built into the program, and what it says of the keys allowed at a place in a rule file.
#ifndef ASSESS_AUTHORING_SCHEMA_H_
#define ASSESS_AUTHORING_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

namespace assess::authoring {

// The schema's text (JSON).
std::string_view SchemaText();

struct KeyDoc {
  std::string key;
  std::string description;
  std::vector<std::string> values;  // allowed values, when the schema lists them
};

// The keys allowed in the mapping at `path`: keys of the rule file from the top, with
// "[]" for an element of a list and "*" for any name of a free-named mapping (an input,
// a param). {} is the top level; {"indicators", "[]"} an indicator; {"inputs", "*"} an
// input. Empty when the schema allows any key there or knows no such place.
std::vector<KeyDoc> KeysAt(const std::vector<std::string>& path);

// The description of key `key` of the mapping at `path` ("" when unknown).
std::string KeyDescription(const std::vector<std::string>& path, std::string_view key);

}  // namespace assess::authoring

#endif  // ASSESS_AUTHORING_SCHEMA_H_
