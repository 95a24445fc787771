// A ThreadTeam runs each step's work on the same threads, step after step; RunOnThreads
// uses it inside a scope and starts threads of its own everywhere else; an exception comes
// back to the caller and the team goes on.
#include "core/thread_team.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/run_on_threads.h"

namespace assess {
namespace {

// The thread that ran work(t), per t, for one call of RunOnThreads.
std::vector<std::thread::id> WhoRuns(int workers) {
  std::vector<std::thread::id> who(static_cast<size_t>(workers));
  RunOnThreads(workers, [&](int t) { who[static_cast<size_t>(t)] = std::this_thread::get_id(); });
  return who;
}

TEST(ThreadTeam, EveryWorkerRunsOnceInEachStep) {
  ThreadTeam team(3);
  ASSERT_EQ(team.size(), 3);
  for (int step = 0; step < 200; ++step) {
    const int workers = 1 + step % 3;
    std::vector<std::atomic<int>> ran(3);
    auto work = [&](int t) { ran[static_cast<size_t>(t)]++; };
    team.Run(workers, work);
    for (int t = 0; t < 3; ++t) EXPECT_EQ(ran[t].load(), t < workers ? 1 : 0) << step;
  }
}

TEST(ThreadTeam, InsideAScopeRunOnThreadsUsesTheTeamsThreads) {
  ThreadTeam team(2);
  ThreadTeam::Scope scope(team);
  // A thread's own variable: a new thread starts without the mark (a thread id could be
  // reused by a thread started after another was joined, a thread_local is not).
  static thread_local int marks = 0;
  std::vector<int> seen(2);
  for (int step = 0; step < 3; ++step) {
    RunOnThreads(2, [&](int t) { seen[static_cast<size_t>(t)] = ++marks; });
    EXPECT_EQ(seen[1], step + 1);  // the same worker every time, not a new thread
  }
  EXPECT_EQ(WhoRuns(2)[0], std::this_thread::get_id());
}

TEST(ThreadTeam, OutsideAScopeEachCallStartsThreadsOfItsOwn) {
  ThreadTeam team(2);
  std::vector<std::thread::id> seen;
  {
    ThreadTeam::Scope scope(team);
    seen.push_back(WhoRuns(2)[1]);
  }
  // Closed scope; and another thread than the scope's owner never sees the team.
  const std::thread::id after = WhoRuns(2)[1];
  EXPECT_NE(after, seen[0]);
  ThreadTeam::Scope scope(team);
  std::thread::id from_elsewhere;
  std::thread([&] { from_elsewhere = WhoRuns(2)[1]; }).join();
  EXPECT_NE(from_elsewhere, seen[0]);
  EXPECT_EQ(WhoRuns(2)[1], seen[0]);
}

TEST(ThreadTeam, AStepStartedInsideAStepOrLargerThanTheTeamGetsThreadsOfItsOwn) {
  ThreadTeam team(2);
  ThreadTeam::Scope scope(team);
  const std::thread::id worker = WhoRuns(2)[1];
  std::mutex m;
  std::set<std::thread::id> inner;
  RunOnThreads(2, [&](int t) {
    if (t != 0) return;
    RunOnThreads(2, [&](int) {
      std::lock_guard<std::mutex> lock(m);
      inner.insert(std::this_thread::get_id());
    });
  });
  EXPECT_EQ(inner.size(), 2u);
  EXPECT_EQ(inner.count(worker), 0u);  // the team's worker was busy with the outer step
  const std::vector<std::thread::id> wide = WhoRuns(3);
  EXPECT_EQ(std::set<std::thread::id>(wide.begin(), wide.end()).size(), 3u);
  EXPECT_EQ(WhoRuns(2)[1], worker);  // and the team is still there
}

TEST(ThreadTeam, AnExceptionReachesTheCallerAfterEveryWorkerFinishedAndTheTeamGoesOn) {
  ThreadTeam team(4);
  for (int thrower : {0, 1, 3}) {
    std::atomic<int> finished{0};
    auto work = [&](int t) {
      if (t == thrower) throw std::runtime_error("step failed");
      finished++;
    };
    EXPECT_THROW(team.Run(4, work), std::runtime_error);
    EXPECT_EQ(finished.load(), 3) << "thrower " << thrower;
    EXPECT_FALSE(team.busy());
  }
  std::atomic<int> ran{0};
  auto count = [&](int) { ran++; };
  team.Run(4, count);
  EXPECT_EQ(ran.load(), 4);
}

TEST(ThreadTeam, AWorkerThatSleptWakesForTheNextStep) {
  ThreadTeam team(2);
  std::atomic<int> ran{0};
  auto count = [&](int) { ran++; };
  team.Run(2, count);
  // Far past the spin: the worker is asleep on its condition variable by now.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  team.Run(2, count);
  EXPECT_EQ(ran.load(), 4);
}

}  // namespace
}  // namespace assess
