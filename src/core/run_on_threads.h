// RunOnThreads: the library's one way of using threads (the evaluator's phases, peer
// reductions and ranking; the CSV reader's two parts). Internal to the library. Inside an
// open ThreadTeam::Scope (core/thread_team.h) it runs on the team's workers instead of
// threads of its own.
#ifndef ASSESS_CORE_RUN_ON_THREADS_H_
#define ASSESS_CORE_RUN_ON_THREADS_H_

#include <exception>
#include <thread>
#include <vector>

#include "core/thread_team.h"

namespace assess {

// Calls work(0) on this thread and work(1) .. work(workers - 1) on threads of their own,
// and returns when all have returned. An exception of any of them (out of memory) is
// rethrown here, the first one caught, after every thread is joined: never a
// std::terminate from a thread left running or an exception leaving a thread.
template <class Work>
void RunOnThreads(int workers, Work&& work) {
  if (ThreadTeam* team = ThreadTeam::Current();
      team != nullptr && workers > 1 && workers <= team->size() && !team->busy()) {
    team->Run(workers, work);
    return;
  }
  std::vector<std::exception_ptr> thrown(workers > 1 ? workers : 1);
  auto guarded = [&](int t) {
    try {
      work(t);
    } catch (...) {
      thrown[t] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers > 1 ? workers - 1 : 0);
  try {
    for (int t = 1; t < workers; ++t) pool.emplace_back(guarded, t);
  } catch (...) {
    thrown[0] = std::current_exception();  // a thread could not start: the others end
  }
  if (!thrown[0]) guarded(0);
  for (std::thread& th : pool) th.join();
  for (const std::exception_ptr& e : thrown) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace assess

#endif  // ASSESS_CORE_RUN_ON_THREADS_H_
