#include "load/keys.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace assess::load {
namespace {

std::vector<std::string> Keys(KeyContext c) {
  auto keys = AllowedKeys(c);
  return {keys.begin(), keys.end()};
}

using V = std::vector<std::string>;

// The lists of rule-language §16 "Loading" and §1, exactly.
TEST(AllowedKeys, AreTheKeysOfTheSpec) {
  EXPECT_EQ(Keys(KeyContext::kTop),
            (V{"scheme", "title", "version", "description", "unit", "peers", "inputs", "params",
               "total", "indicators", "vetoes", "grades", "rounding", "tests"}));
  EXPECT_EQ(Keys(KeyContext::kNode),
            (V{"id", "title", "description", "meta", "kind", "points", "weight", "value", "score",
               "children", "when", "on_missing", "floor", "cap"}));
  EXPECT_EQ(Keys(KeyContext::kBonusNode), (V{"id", "title", "description", "meta", "kind", "cap",
                                             "rules", "when", "on_missing"}));
  EXPECT_EQ(Keys(KeyContext::kRule), (V{"when", "points", "reason", "cap"}));
  EXPECT_EQ(Keys(KeyContext::kVeto), (V{"id", "when", "reason", "grade", "max_grade", "cap"}));
  EXPECT_EQ(Keys(KeyContext::kGrades), (V{"levels", "tie_break", "ties", "quota_rounding"}));
  EXPECT_EQ(Keys(KeyContext::kLevel), (V{"name", "min", "quota"}));
  EXPECT_EQ(Keys(KeyContext::kTotal), (V{"points", "cap", "floor"}));
  EXPECT_EQ(Keys(KeyContext::kRounding), (V{"digits", "stage"}));
  EXPECT_EQ(Keys(KeyContext::kTest), (V{"name", "units", "expect"}));
  EXPECT_EQ(Keys(KeyContext::kInput),
            (V{"type", "title", "min", "max", "values", "column", "required", "default"}));
}

TEST(KeyDistance, CountsEditsWithTranspositionsAsOne) {
  EXPECT_EQ(KeyDistance("caps", "cap"), 1);
  EXPECT_EQ(KeyDistance("tilte", "title"), 1);
  EXPECT_EQ(KeyDistance("Points", "points"), 0);
  EXPECT_EQ(KeyDistance("", "abc"), 3);
  EXPECT_EQ(KeyDistance("min_grade", "max_grade"), 2);
  EXPECT_EQ(KeyDistance(std::string(100, 'a'), "a"), 100);
}

struct NearestCase {
  std::string_view key;
  KeyContext context;
  std::optional<std::string_view> nearest;
};

TEST(NearestKey, SuggestsOnlyLikelyTypos) {
  const NearestCase cases[] = {
      {"caps", KeyContext::kNode, "cap"},
      {"scroe", KeyContext::kNode, "score"},
      {"childern", KeyContext::kNode, "children"},
      {"colum", KeyContext::kInput, "column"},
      {"indicator", KeyContext::kTop, "indicators"},
      {"Weight", KeyContext::kNode, "weight"},
      {"x", KeyContext::kNode, std::nullopt},
      {"author", KeyContext::kNode, std::nullopt},
      {"grades", KeyContext::kVeto, "grade"},
  };
  for (const NearestCase& c : cases) {
    EXPECT_EQ(NearestKey(c.key, AllowedKeys(c.context)), c.nearest) << c.key;
  }
}

TEST(UnknownKeyMessage, SuggestsOrListsTheAllowedKeys) {
  EXPECT_EQ(UnknownKeyMessage("caps", KeyContext::kNode),
            "unknown key `caps` (did you mean `cap`?)");
  EXPECT_EQ(UnknownKeyMessage("author", KeyContext::kRule),
            "unknown key `author` in a rule (allowed: when, points, reason, cap)");
}

}  // namespace
}  // namespace assess::load
