// The threads of a phase share its chunks through ChunkRanges: each takes its own range in
// order, then what is left of the others' from their ends; every chunk is taken exactly
// once, however the threads race.
#include "eval/chunk_ranges.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <optional>
#include <thread>
#include <vector>

namespace assess::eval {
namespace {

std::vector<std::size_t> TakeAll(ChunkRanges& ranges, int t) {
  std::vector<std::size_t> taken;
  while (const std::optional<std::size_t> c = ranges.Next(t)) taken.push_back(*c);
  return taken;
}

TEST(ChunkRanges, OneWorkerTakesEveryChunkInOrder) {
  ChunkRanges ranges(5, 1);
  EXPECT_EQ(TakeAll(ranges, 0), (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

TEST(ChunkRanges, AWorkerTakesItsOwnRangeFirstThenTheOthersFromTheirEnds) {
  // Ranges of 10 chunks on 3 workers: [0, 3), [3, 6), [6, 10).
  ChunkRanges ranges(10, 3);
  EXPECT_EQ(ranges.Next(1), 3u);
  EXPECT_EQ(ranges.Next(1), 4u);
  EXPECT_EQ(ranges.Next(1), 5u);
  // Its own range done, worker 1 takes from the end of worker 2's, then of worker 0's.
  EXPECT_EQ(ranges.Next(1), 9u);
  EXPECT_EQ(ranges.Next(2), 6u);
  EXPECT_EQ(ranges.Next(0), 0u);
  EXPECT_EQ(TakeAll(ranges, 1), (std::vector<std::size_t>{8, 7, 2, 1}));
  EXPECT_EQ(ranges.Next(0), std::nullopt);
  EXPECT_EQ(ranges.Next(2), std::nullopt);
}

TEST(ChunkRanges, MoreWorkersThanChunksLeaveSomeRangesEmpty) {
  ChunkRanges ranges(2, 4);
  std::vector<std::size_t> all;
  for (int t = 0; t < 4; ++t) {
    for (std::size_t c : TakeAll(ranges, t)) all.push_back(c);
  }
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, (std::vector<std::size_t>{0, 1}));
  ChunkRanges none(0, 2);
  EXPECT_EQ(none.Next(0), std::nullopt);
  EXPECT_EQ(none.Next(1), std::nullopt);
}

TEST(ChunkRanges, ThreadsRacingTakeEveryChunkExactlyOnce) {
  constexpr std::size_t kChunks = 20000;
  for (int workers : {2, 3, 8}) {
    ChunkRanges ranges(kChunks, workers);
    std::vector<std::atomic<int>> times(kChunks);
    std::vector<std::thread> threads;
    for (int t = 0; t < workers; ++t) {
      threads.emplace_back([&, t] {
        while (const std::optional<std::size_t> c = ranges.Next(t)) {
          times[*c].fetch_add(1, std::memory_order_relaxed);
        }
      });
    }
    for (std::thread& th : threads) th.join();
    for (std::size_t c = 0; c < kChunks; ++c) {
      ASSERT_EQ(times[c].load(), 1) << "chunk " << c << " with " << workers << " workers";
    }
  }
}

}  // namespace
}  // namespace assess::eval
