// Tests of SharedEnd (io/shared_end.h): what the reader claims and the taker takes never
// overlap, and together they are the whole range, also with both threads at it at once.
#include "io/shared_end.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <thread>
#include <vector>

namespace assess::io {
namespace {

TEST(SharedEnd, TheReaderClaimsAStepAtATimeUpToTheEnd) {
  SharedEnd end(100, 1000, 300);
  EXPECT_EQ(end.Claim(100), 400u);
  EXPECT_EQ(end.Claim(390), 690u);
  EXPECT_EQ(end.Claim(800), 1000u);
  EXPECT_EQ(end.Claim(1000), 1000u);  // the end: no more
}

TEST(SharedEnd, ATakeStartsAtOrPastWhatWasClaimed) {
  SharedEnd end(0, 1000, 300);
  EXPECT_EQ(end.Claim(0), 300u);
  auto at = [](uint64_t where) {
    return [where](uint64_t, uint64_t) { return std::optional<uint64_t>(where); };
  };
  EXPECT_EQ(end.Take(at(299)), std::nullopt);   // the reader may be there already
  EXPECT_EQ(end.Take(at(1000)), std::nullopt);  // nothing to take
  const auto taken = end.Take(at(600));
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->first, 600u);
  EXPECT_EQ(taken->second, 1000u);
  // The pick sees what is claimed and where the reader's range now ends.
  end.Take([](uint64_t claimed, uint64_t last) {
    EXPECT_EQ(claimed, 300u);
    EXPECT_EQ(last, 600u);
    return std::optional<uint64_t>();
  });
  EXPECT_EQ(end.Claim(300), 600u);  // claimed up to the take, not past it
  EXPECT_EQ(end.Claim(600), 600u);  // and the reader's range ends there
}

TEST(SharedEnd, ATakeAtWhatWasClaimedLeavesTheReaderNoMore) {
  SharedEnd end(0, 1000, 300);
  EXPECT_EQ(end.Claim(0), 300u);
  const auto taken = end.Take([](uint64_t claimed, uint64_t) { return std::optional(claimed); });
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->first, 300u);
  EXPECT_EQ(end.Claim(300), 300u);
}

// Records of random lengths over [0, n): the reader reads them in order, claiming as it
// goes, as the CSV reader does; the taker takes the back half of what is unclaimed, at a
// record's start, reads it, and takes again while something is left. Every record is read
// once. (The reader works a little on each record, so that the taker has something to take.)
TEST(SharedEnd, TwoThreadsReadEveryRecordOnce) {
  std::mt19937_64 rng(5);
  int rounds_with_takes = 0;
  for (int round = 0; round < 200; ++round) {
    std::vector<uint64_t> starts;
    uint64_t n = 0;
    const int records = 1 + static_cast<int>(rng() % 3000);
    for (int r = 0; r < records; ++r) {
      starts.push_back(n);
      n += 1 + rng() % 50;
    }
    SharedEnd end(0, n, 1 + rng() % 400);
    std::vector<uint64_t> read_by_reader;
    std::vector<uint64_t> read_by_taker;
    std::thread reader([&] {
      uint64_t claimed = 0;
      for (std::size_t r = 0; r < starts.size(); ++r) {
        const uint64_t at = starts[r];
        if (at >= claimed) {
          claimed = end.Claim(at);
          if (at >= claimed) break;
        }
        read_by_reader.push_back(at);
        for (volatile int spin = 0; spin < 200; spin = spin + 1) {
        }
      }
    });
    std::thread taker([&] {
      for (;;) {
        const auto taken =
            end.Take([&](uint64_t claimed, uint64_t last) -> std::optional<uint64_t> {
              const auto it =
                  std::lower_bound(starts.begin(), starts.end(), claimed + (last - claimed) / 2);
              if (it == starts.end() || *it >= last) return std::nullopt;
              return *it;
            });
        if (!taken) break;
        for (auto it = std::lower_bound(starts.begin(), starts.end(), taken->first);
             it != starts.end() && *it < taken->second; ++it) {
          read_by_taker.push_back(*it);
        }
      }
    });
    reader.join();
    taker.join();
    std::vector<uint64_t> all = read_by_reader;
    all.insert(all.end(), read_by_taker.begin(), read_by_taker.end());
    std::sort(all.begin(), all.end());
    ASSERT_EQ(all, starts) << "round " << round;
    rounds_with_takes += !read_by_taker.empty();
  }
  EXPECT_GT(rounds_with_takes, 0);
}

}  // namespace
}  // namespace assess::io
