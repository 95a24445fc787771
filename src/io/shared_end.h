// SharedEnd: where the first part of a text read on two threads ends, while one thread reads
// it and the other, done with its own part, may take its back (csv_reader.cc, ReadInTwo).
//
// Why: the parts are cut before reading, and the first thread also makes the table's
// columns for the whole text, whose first touch on a virtual machine costs anywhere from
// nothing to half a second, as the host has the memory at hand or not (10^6 x 100: the
// first part 1.3-2.6 s against the second's 1.2-1.8 s). Taking from it is what balances.
//
// The reader claims its range a step at a time as it reads (Claim); the other thread takes
// [at, end) for an `at` at or past all that was claimed (Take), and `at` becomes the
// reader's end. Both under one lock, which the reader takes once a step: neither thread
// ever reads what the other does, and together they read it all.
#ifndef ASSESS_IO_SHARED_END_H_
#define ASSESS_IO_SHARED_END_H_

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <optional>
#include <utility>

namespace assess::io {

class SharedEnd {
 public:
  // The range [begin, end), claimed `step` bytes at a time.
  SharedEnd(uint64_t begin, uint64_t end, uint64_t step)
      : claimed_(begin), end_(end), step_(std::max<uint64_t>(step, 1)) {}

  // By the reader, at `position`, having read everything before it: how far it may read
  // now, past `position`; `position` itself when its range ends there.
  uint64_t Claim(uint64_t position) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (position >= end_) return position;
    claimed_ = std::max(claimed_, std::min(end_, position + step_));
    return claimed_;
  }

  // By the reader: whether its range ends by `at` (then it stays so: the other thread
  // takes nothing before what was claimed).
  bool EndsBy(uint64_t at) {
    std::lock_guard<std::mutex> lock(mutex_);
    return end_ <= at;
  }

  // By the other thread: `pick(claimed, end)` gives where the part it takes starts, in
  // [claimed, end), or nullopt; that part, [at, end), is then the taker's. (Called under the
  // lock: the reader waits for it when it needs to claim meanwhile.)
  template <class Pick>
  std::optional<std::pair<uint64_t, uint64_t>> Take(Pick pick) {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::optional<uint64_t> at = pick(claimed_, end_);
    if (!at || *at < claimed_ || *at >= end_) return std::nullopt;
    const uint64_t taken_end = end_;
    end_ = *at;
    return std::pair{*at, taken_end};
  }

 private:
  std::mutex mutex_;
  uint64_t claimed_;
  uint64_t end_;
  const uint64_t step_;
};

}  // namespace assess::io

#endif  // ASSESS_IO_SHARED_END_H_
