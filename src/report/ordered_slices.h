// WriteInSlices: a writer's units formatted on every thread and written in their order.
// Internal to report/.
//
// Units go in slices of a few MB of text, so that memory stays at a slice per thread
// whatever the batch. Each thread takes the next slice, formats it into its own buffer, and
// writes it once the slice before it is written: one thread copies its slice into the
// stream while the other formats the next. (Formatting a round of slices on all threads and
// then writing them from one left the other core idle two thirds of the CSV's write phase:
// 10^6 units x 100 leaves took 0.82-0.87 s so, 0.69-0.76 s in turns.)
#ifndef ASSESS_REPORT_ORDERED_SLICES_H_
#define ASSESS_REPORT_ORDERED_SLICES_H_

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <ostream>

#include "core/run_on_threads.h"
#include "report/text_buffer.h"

namespace assess::report {

// Whose turn it is to write: slice s is written after slices 0 .. s-1, by whichever thread
// formatted it. A thread that fails to format or write its slice ends the turns, so that
// no thread waits for a slice that never comes.
class SliceTurns {
 public:
  // Waits until slice s may be written; false when a slice before it failed.
  bool WaitFor(std::size_t s) {
    std::unique_lock<std::mutex> lock(mutex_);
    turn_.wait(lock, [&] { return failed_ || written_ == s; });
    return !failed_;
  }
  void Done(std::size_t s) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      written_ = s + 1;
    }
    turn_.notify_all();
  }
  void Fail() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      failed_ = true;
    }
    turn_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable turn_;
  std::size_t written_ = 0;  // slices written
  bool failed_ = false;
};

// Units [0, units) in slices of `slice_units`, formatted by format(begin, end, text) on up
// to `threads` threads (the calling one among them) and written to `out` in order. An
// exception of `format` or of the stream (exceptions()) is rethrown here once every thread
// has ended; nothing after the failed slice is written.
template <class Format>
void WriteInSlices(std::ostream& out, std::size_t units, std::size_t slice_units, int threads,
                   Format&& format) {
  const std::size_t slices = (units + slice_units - 1) / slice_units;
  if (slices == 0) return;
  const int workers = static_cast<int>(
      std::min<std::size_t>(static_cast<std::size_t>(std::max(1, threads)), slices));
  std::atomic<std::size_t> next{0};
  SliceTurns turns;
  RunOnThreads(workers, [&](int) {
    TextBuffer text;
    for (std::size_t s = next.fetch_add(1); s < slices; s = next.fetch_add(1)) {
      const std::size_t begin = s * slice_units;
      text.Clear();
      try {
        format(begin, std::min(units, begin + slice_units), text);
        if (!turns.WaitFor(s)) return;
        const std::string_view t = text.Text();
        out.write(t.data(), static_cast<std::streamsize>(t.size()));
        turns.Done(s);
      } catch (...) {
        turns.Fail();  // out of memory, or the stream: the threads of later slices end
        throw;
      }
    }
  });
}

}  // namespace assess::report

#endif  // ASSESS_REPORT_ORDERED_SLICES_H_
