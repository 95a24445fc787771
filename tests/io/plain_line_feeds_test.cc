// Tests of PlainLineFeeds (io/plain_line_feeds.h) against a byte-at-a-time count: texts of
// every length around its blocks of 16 bytes and its rounds of 255 blocks, with few and
// with only line feeds (a lane's counter holds 255), and a quote or a CR at every place.
#include "io/plain_line_feeds.h"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>

namespace assess::io {
namespace {

std::optional<uint64_t> ByteAtATime(const std::string& text) {
  uint64_t n = 0;
  for (char c : text) {
    if (c == '"' || c == '\r') return std::nullopt;
    n += c == '\n';
  }
  return n;
}

std::optional<uint64_t> Count(const std::string& text) {
  return PlainLineFeeds(text.data(), text.data() + text.size());
}

TEST(PlainLineFeeds, CountsAsOneByteAtATimeAtEveryLength) {
  std::mt19937 rng(11);
  for (std::size_t length :
       {0, 1, 15, 16, 17, 31, 32, 33, 4079, 4080, 4081, 4096, 8160, 8161, 12345}) {
    for (int density : {0, 3, 50, 100}) {  // percent of line feeds
      std::string text(length, 'x');
      for (char& c : text) {
        const int roll = static_cast<int>(rng() % 100);
        c = roll < density ? '\n' : static_cast<char>('0' + roll % 10);
      }
      EXPECT_EQ(Count(text), ByteAtATime(text)) << length << " bytes, " << density << "% LF";
    }
  }
}

TEST(PlainLineFeeds, OnlyLineFeedsAreCountedPastALanesByte) {
  const std::string text(16 * 255 * 3 + 7, '\n');
  EXPECT_EQ(Count(text), std::optional<uint64_t>(text.size()));
}

TEST(PlainLineFeeds, AQuoteOrACrAnywhereIsNone) {
  const std::string base = std::string(600, 'a') + "\n" + std::string(4200, 'b') + "\n";
  for (char odd : {'"', '\r'}) {
    for (std::size_t at = 0; at < base.size(); at += at < 64 ? 1 : 37) {
      std::string text = base;
      text[at] = odd;
      EXPECT_EQ(Count(text), std::nullopt) << "at " << at;
    }
  }
  EXPECT_EQ(Count(base), std::optional<uint64_t>(2));
}

TEST(PlainLineFeeds, HighBytesAreNotLineFeeds) {
  const std::string text = "区域\n绩效,考核\n" + std::string(40, '\xff') + "\n";
  EXPECT_EQ(Count(text), std::optional<uint64_t>(3));
}

}  // namespace
}  // namespace assess::io
