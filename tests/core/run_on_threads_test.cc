// RunOnThreads runs every worker and joins them all before returning, and an exception of
// any worker comes back to the caller instead of ending the process.
#include "core/run_on_threads.h"

#include <gtest/gtest.h>

#include <atomic>
#include <new>
#include <stdexcept>
#include <vector>

namespace assess {
namespace {

TEST(RunOnThreads, EveryWorkerRunsOnce) {
  for (int workers : {1, 2, 5}) {
    std::vector<std::atomic<int>> ran(static_cast<size_t>(workers));
    RunOnThreads(workers, [&](int t) { ran[static_cast<size_t>(t)]++; });
    for (const auto& r : ran) EXPECT_EQ(r.load(), 1);
  }
}

TEST(RunOnThreads, AnExceptionOfAnyWorkerReachesTheCallerAfterAllFinish) {
  for (int thrower : {0, 1, 3}) {
    std::atomic<int> finished{0};
    EXPECT_THROW(RunOnThreads(4,
                              [&](int t) {
                                if (t == thrower) throw std::bad_alloc();
                                finished++;
                              }),
                 std::bad_alloc);
    EXPECT_EQ(finished.load(), 3) << "thrower " << thrower;  // the others ran to their end
  }
}

}  // namespace
}  // namespace assess
