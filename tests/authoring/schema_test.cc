// The rule-file schema: every place's keys are exactly the loader's (so an editor flags a
// misspelled key just as `assess check` does), each with a description.
#include "authoring/schema.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "load/keys.h"

namespace assess::authoring {
namespace {

std::set<std::string> SchemaKeys(const std::vector<std::string>& path) {
  std::set<std::string> keys;
  for (const KeyDoc& k : KeysAt(path)) {
    EXPECT_FALSE(k.description.empty()) << k.key;
    keys.insert(k.key);
  }
  return keys;
}

std::set<std::string> LoaderKeys(load::KeyContext context) {
  std::set<std::string> keys;
  for (std::string_view k : load::AllowedKeys(context)) keys.emplace(k);
  return keys;
}

TEST(Schema, IsJsonOfDraft2020_12) {
  const nlohmann::json schema = nlohmann::json::parse(SchemaText());
  EXPECT_EQ(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(schema["additionalProperties"], false);
}

TEST(Schema, EveryPlaceAllowsExactlyTheLoadersKeys) {
  using load::KeyContext;
  EXPECT_EQ(SchemaKeys({}), LoaderKeys(KeyContext::kTop));
  // One schema for indicators: the keys of leaves and groups and of bonus / deduction nodes
  // (which of them a node may have is said by `if kind ...`).
  std::set<std::string> node = LoaderKeys(KeyContext::kNode);
  for (const std::string& k : LoaderKeys(KeyContext::kBonusNode)) node.insert(k);
  EXPECT_EQ(SchemaKeys({"indicators", "[]"}), node);
  EXPECT_EQ(SchemaKeys({"indicators", "[]", "children", "[]"}), node);
  EXPECT_EQ(SchemaKeys({"indicators", "[]", "rules", "[]"}), LoaderKeys(KeyContext::kRule));
  EXPECT_EQ(SchemaKeys({"vetoes", "[]"}), LoaderKeys(KeyContext::kVeto));
  EXPECT_EQ(SchemaKeys({"grades"}), LoaderKeys(KeyContext::kGrades));
  EXPECT_EQ(SchemaKeys({"grades", "levels", "[]"}), LoaderKeys(KeyContext::kLevel));
  EXPECT_EQ(SchemaKeys({"total"}), LoaderKeys(KeyContext::kTotal));
  EXPECT_EQ(SchemaKeys({"rounding"}), LoaderKeys(KeyContext::kRounding));
  EXPECT_EQ(SchemaKeys({"tests", "[]"}), LoaderKeys(KeyContext::kTest));
  EXPECT_EQ(SchemaKeys({"inputs", "*"}), LoaderKeys(KeyContext::kInput));
}

TEST(Schema, FreeMappingsAndUnknownPlacesHaveNoKeys) {
  EXPECT_TRUE(KeysAt({"indicators", "[]", "meta"}).empty());
  EXPECT_TRUE(KeysAt({"no_such_section"}).empty());
}

TEST(Schema, KeysWithAFixedSetOfValuesListThem) {
  std::vector<std::string> values;
  for (const KeyDoc& k : KeysAt({"indicators", "[]"})) {
    if (k.key == "on_missing") values = k.values;
  }
  EXPECT_EQ(values, (std::vector<std::string>{"error", "zero", "full", "exclude"}));
  EXPECT_NE(KeyDescription({"vetoes", "[]"}, "max_grade").find("一票否优"), std::string::npos);
}

}  // namespace
}  // namespace assess::authoring
