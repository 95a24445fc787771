// ChunkRanges: how the threads of a phase share its chunks of units. Each worker owns a
// contiguous range of chunks and takes them in order; a worker whose range is done takes
// chunks from the end of another's.
//
// Why ranges rather than one shared counter: with a counter the two threads of a 2-core
// machine took alternate chunks, so each one's reads of every input column and writes of
// every result column jumped 1,024 units at a time. In ranges each thread streams through
// its part of the columns as a loop over half the units would. Measured (peer-bench data,
// `evaluate` of `assess run --threads 2`, 9 runs each, alternated with the counter; the
// medians): 300,000 x 40 0.064 -> 0.055 s, 120,000 x 80 0.046 -> 0.043 s, 50,000 x 100
// 0.022 -> 0.020 s.
// Why stealing rather than fixed halves: a thread that the host slows down, or a range of
// units that costs more (errors, long lists), must not hold the phase up.
//
// A chunk is taken exactly once whoever takes it, and the results of a chunk do not depend
// on the thread that computes it, so results stay the same for any number of threads.
#ifndef ASSESS_EVAL_CHUNK_RANGES_H_
#define ASSESS_EVAL_CHUNK_RANGES_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

namespace assess::eval {

class ChunkRanges {
 public:
  // `chunks` (below 2^32) split into `workers` (>= 1) ranges as even as can be.
  ChunkRanges(std::size_t chunks, int workers)
      : workers_(workers < 1 ? 1 : workers),
        ranges_(new Range[static_cast<std::size_t>(workers_)]) {
    const auto w = static_cast<std::size_t>(workers_);
    for (std::size_t t = 0; t < w; ++t) {
      ranges_[t].bounds.store(Pack(chunks * t / w, chunks * (t + 1) / w),
                              std::memory_order_relaxed);
    }
  }

  // The next chunk for worker t: the first left in its own range, else the last left in
  // the next range that has one; nullopt once every chunk is taken.
  std::optional<std::size_t> Next(int t) {
    if (std::optional<std::size_t> c = TakeFront(ranges_[static_cast<std::size_t>(t)])) return c;
    for (int k = 1; k < workers_; ++k) {
      Range& other = ranges_[static_cast<std::size_t>((t + k) % workers_)];
      if (std::optional<std::size_t> c = TakeBack(other)) return c;
    }
    return std::nullopt;
  }

 private:
  // [first, end) of one worker's chunks in one word, so that its owner (at the front) and
  // a thief (at the back) agree on what is left with one compare-and-swap. Each range on
  // a cache line of its own.
  struct alignas(64) Range {
    std::atomic<uint64_t> bounds{0};
  };
  static uint64_t Pack(std::size_t first, std::size_t end) {
    return static_cast<uint64_t>(first) << 32 | static_cast<uint64_t>(end);
  }
  static std::optional<std::size_t> TakeFront(Range& r) {
    uint64_t b = r.bounds.load(std::memory_order_relaxed);
    while (true) {
      const std::size_t first = b >> 32, end = b & 0xffffffffu;
      if (first >= end) return std::nullopt;
      if (r.bounds.compare_exchange_weak(b, Pack(first + 1, end), std::memory_order_relaxed)) {
        return first;
      }
    }
  }
  static std::optional<std::size_t> TakeBack(Range& r) {
    uint64_t b = r.bounds.load(std::memory_order_relaxed);
    while (true) {
      const std::size_t first = b >> 32, end = b & 0xffffffffu;
      if (first >= end) return std::nullopt;
      if (r.bounds.compare_exchange_weak(b, Pack(first, end - 1), std::memory_order_relaxed)) {
        return end - 1;
      }
    }
  }

  int workers_;
  std::unique_ptr<Range[]> ranges_;
};

}  // namespace assess::eval

#endif  // ASSESS_EVAL_CHUNK_RANGES_H_
