// JSON text of numbers and strings (report/json_text.h): the same bytes as nlohmann-json's
// dump, which the JSON writers wrote before they wrote text directly.
#include "report/json_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace assess::report {
namespace {

using Json = nlohmann::ordered_json;

std::string Dumped(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// One buffer for every call: a TextBuffer starts at 1 MB, and 400,000 of them took minutes
// under AddressSanitizer.
TextBuffer& Scratch() {
  static TextBuffer buffer;
  buffer.Clear();
  return buffer;
}

std::string NumberText(double x) {
  TextBuffer& out = Scratch();
  AppendJsonNumber(out, x);
  return std::string(out.Text());
}

std::string StringText(std::string_view s) {
  TextBuffer& out = Scratch();
  AppendJsonString(out, s);
  return std::string(out.Text());
}

TEST(JsonText, NumbersAreNlohmannsDumpOfTheDouble) {
  const std::vector<double> chosen = {
      0.0,     -0.0,    1.0,     40.0,   12.5,    0.1,
      1e-4,    1e-5,    1e-7,    1e15,   1e16,    123456789012345678.0,
      -327.68, 99.995,  1.0 / 3, 2e-308, 5e-324,  1.7976931348623157e308,
      0.3,     -1e-300, 65535.0, 1e21,   -2.5e-6, 100.0};
  for (const double x : chosen) EXPECT_EQ(NumberText(x), Dumped(Json(x))) << x;
  std::mt19937_64 bits(20261207);
  for (int i = 0; i < 200000; ++i) {
    const uint64_t b = bits();
    double x;
    std::memcpy(&x, &b, sizeof x);
    if (!std::isfinite(x)) continue;
    ASSERT_EQ(NumberText(x), Dumped(Json(x))) << b;
  }
  // Scores as published: decimals of a few digits.
  std::uniform_int_distribution<int64_t> mantissa(-100000000, 100000000);
  for (int i = 0; i < 200000; ++i) {
    const double x = static_cast<double>(mantissa(bits)) / std::pow(10.0, i % 7);
    ASSERT_EQ(NumberText(x), Dumped(Json(x))) << x;
  }
}

TEST(JsonText, NumbersThatAreNotFiniteAreNull) {
  EXPECT_EQ(NumberText(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(NumberText(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(NumberText(-std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(Dumped(Json(std::numeric_limits<double>::quiet_NaN())), "null");  // as nlohmann
}

TEST(JsonText, EveryCodesTextIsItsScoresNumber) {
  for (const int digits : {0, 1, 2, 4, 9}) {
    const std::optional<JsonCodeTexts> table = JsonCodeTexts::For(digits);
    ASSERT_TRUE(table.has_value()) << digits;
    const double scale = std::pow(10.0, digits);
    for (int code = INT16_MIN; code <= INT16_MAX; ++code) {
      char room[JsonCodeTexts::kSlot];
      char* end = table->Put(room, static_cast<int16_t>(code));
      const std::string expected =
          code == INT16_MIN ? "null" : Dumped(Json(static_cast<double>(code) / scale));
      ASSERT_EQ(std::string(room, static_cast<std::size_t>(end - room)), expected)
          << code << " at " << digits;
    }
  }
  EXPECT_FALSE(JsonCodeTexts::For(-1).has_value());
  EXPECT_FALSE(JsonCodeTexts::For(10).has_value());
}

TEST(JsonText, StringsAreNlohmannsDumpOfTheText) {
  const std::vector<std::string> texts = {"",
                                          "U0000001",
                                          "a \"quoted\" id",
                                          "back\\slash",
                                          "line\nbreak\ttab\r",
                                          "\x01\x1f",
                                          "del\x7f",
                                          "街道 甲",
                                          "caf\xc3\xa9",
                                          "bad \xff byte",
                                          "cut \xe8\xa1",
                                          "\xc3",
                                          "/slash/",
                                          "\xed\xa0\x80 surrogate"};
  for (const std::string& s : texts) {
    EXPECT_EQ(StringText(s), Dumped(Json(s))) << s;
    EXPECT_EQ(JsonString(s), Dumped(Json(s))) << s;
  }
  EXPECT_EQ(StringText("U1"), "\"U1\"");
  EXPECT_EQ(StringText("a\"b"), "\"a\\\"b\"");
}

}  // namespace
}  // namespace assess::report
