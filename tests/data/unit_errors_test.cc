// Tests of UnitErrors (data/unit_errors.h): nothing is held until a unit is in error, and
// every unit reads its own message however the messages were set or appended.
#include "data/unit_errors.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace assess::data {
namespace {

std::vector<std::string> Messages(const UnitErrors& e, std::size_t units) {
  std::vector<std::string> out;
  for (std::size_t u = 0; u < units; ++u) out.push_back(e[u]);
  return out;
}

TEST(UnitErrors, UnitsAreFineAndNothingIsHeldUntilOneIsInError) {
  UnitErrors e;
  EXPECT_EQ(Messages(e, 3), (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(e.held(), 0u);
  e.Set(2, "bad");
  EXPECT_EQ(Messages(e, 5), (std::vector<std::string>{"", "", "bad", "", ""}));
  EXPECT_EQ(e.held(), 3u);
  e.Set(0, "first");
  e.Set(2, "again");  // replaced
  EXPECT_EQ(Messages(e, 4), (std::vector<std::string>{"first", "", "again", ""}));
}

TEST(UnitErrors, AppendedMessagesFollowTheFirstTablesUnits) {
  // (units of the first table, its unit in error or -1) x (the same for the second)
  for (int first_bad : {-1, 0, 1}) {
    for (int second_bad : {-1, 0, 2}) {
      UnitErrors a, b;
      if (first_bad >= 0) a.Set(first_bad, "a");
      if (second_bad >= 0) b.Set(second_bad, "b");
      a.Append(std::move(b), 3);
      std::vector<std::string> want(6);
      if (first_bad >= 0) want[first_bad] = "a";
      if (second_bad >= 0) want[3 + second_bad] = "b";
      EXPECT_EQ(Messages(a, 6), want) << first_bad << " " << second_bad;
      EXPECT_EQ(a.held(), second_bad >= 0 ? 4u + second_bad : first_bad + 1u);
    }
  }
}

TEST(UnitErrors, EqualWhenEveryUnitHasTheSameMessage) {
  UnitErrors a, b;
  EXPECT_TRUE(a == b);
  a.Set(3, "x");
  EXPECT_FALSE(a == b);
  b.Set(3, "x");
  EXPECT_TRUE(a == b);
  a.Set(5, "");  // holds more units, all fine
  EXPECT_TRUE(a == b);
  EXPECT_TRUE(b == a);
  b.Set(1, "y");
  EXPECT_FALSE(a == b);
}

}  // namespace
}  // namespace assess::data
