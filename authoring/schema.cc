// This file's external interface is SchemaText, KeysAt and KeyDescription: the rule-file
// schema and its keys, read from the schema itself so that the editor's completion and the
// schema never disagree.
#include "authoring/schema.h"

#include <nlohmann/json.hpp>

#include "authoring/schema_text.h"

namespace assess::authoring {
namespace {

using Json = nlohmann::json;

const Json& Parsed() {
  static const Json schema = Json::parse(kSchemaText);
  return schema;
}

// `node` with its $ref followed (only local "#/$defs/NAME" references occur).
const Json* Resolve(const Json* node) {
  for (int hops = 0; node && node->is_object() && node->contains("$ref") && hops < 8; ++hops) {
    const std::string ref = (*node)["$ref"].get<std::string>();
    const std::string prefix = "#/$defs/";
    if (ref.rfind(prefix, 0) != 0) return nullptr;
    const Json& defs = Parsed()["$defs"];
    auto it = defs.find(ref.substr(prefix.size()));
    node = it == defs.end() ? nullptr : &*it;
  }
  return node;
}

// The schema of the value at `path`.
const Json* SchemaAt(const std::vector<std::string>& path) {
  const Json* node = &Parsed();
  for (const std::string& step : path) {
    node = Resolve(node);
    if (!node || !node->is_object()) return nullptr;
    if (step == "[]") {
      auto it = node->find("items");
      node = it == node->end() ? nullptr : &*it;
    } else if (step == "*") {
      auto it = node->find("additionalProperties");
      node = it == node->end() || !it->is_object() ? nullptr : &*it;
    } else {
      auto props = node->find("properties");
      if (props == node->end()) return nullptr;
      auto it = props->find(step);
      node = it == props->end() ? nullptr : &*it;
    }
  }
  return Resolve(node);
}

std::string Description(const Json& property) {
  if (property.is_object() && property.contains("description")) {
    return property["description"].get<std::string>();
  }
  const Json* target = Resolve(&property);
  if (target && target != &property && target->is_object() && target->contains("description")) {
    return (*target)["description"].get<std::string>();
  }
  return "";
}

std::vector<std::string> Values(const Json& property) {
  std::vector<std::string> out;
  const Json* target = Resolve(&property);
  if (target && target->is_object() && target->contains("enum")) {
    for (const Json& v : (*target)["enum"]) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

}  // namespace

std::string_view SchemaText() { return kSchemaText; }

std::vector<KeyDoc> KeysAt(const std::vector<std::string>& path) {
  std::vector<KeyDoc> out;
  const Json* node = SchemaAt(path);
  if (!node || !node->is_object() || !node->contains("properties")) return out;
  for (const auto& [key, property] : (*node)["properties"].items()) {
    if (property.is_boolean()) continue;
    out.push_back({key, Description(property), Values(property)});
  }
  return out;
}

std::string KeyDescription(const std::vector<std::string>& path, std::string_view key) {
  for (const KeyDoc& k : KeysAt(path)) {
    if (k.key == key) return k.description;
  }
  return "";
}

}  // namespace assess::authoring
