// ThreadTeam: worker threads kept for the parallel steps of one piece of work (an
// evaluation), so that its steps do not each start and join threads of their own.
//
// Why: an evaluation runs a dozen parallel steps (grouping, each phase, the peer
// reductions, the units' messages, ranking's passes), most of them short. Starting and
// joining a thread for each cost 0.3-0.5 ms on the project's VM (the second core wakes from
// idle through the hypervisor): at 50,000 units x 100 leaves, about 3 ms of a 25 ms
// evaluation on two threads. A team's worker waits for the next step spinning for a
// moment, then asleep, and is joined once.
//
// A team is used through RunOnThreads (core/run_on_threads.h): while a ThreadTeam::Scope is
// open on a thread, RunOnThreads called on that thread runs its work on the team. Code
// that runs steps therefore does not change, and a step started from inside another (or on
// another thread) starts threads of its own as before. Internal to the library.
#ifndef ASSESS_CORE_THREAD_TEAM_H_
#define ASSESS_CORE_THREAD_TEAM_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace assess {

class ThreadTeam {
 public:
  // `threads` in all, the caller's included: threads - 1 workers start now. When one cannot
  // start the team keeps those that did (RunOnThreads starts threads for larger steps).
  explicit ThreadTeam(int threads);
  ~ThreadTeam();  // stops and joins the workers
  ThreadTeam(const ThreadTeam&) = delete;
  ThreadTeam& operator=(const ThreadTeam&) = delete;

  // The team's threads, the caller's included.
  int size() const { return static_cast<int>(workers_.size()) + 1; }

  // work(0) on this thread and work(1) .. work(workers - 1) on the team's workers
  // (workers <= size()); returns when all have returned, then rethrows the first exception
  // any of them threw. Not reentrant: RunOnThreads checks busy().
  template <class Work>
  void Run(int workers, Work& work) {
    Dispatch(
        workers, [](void* w, int t) { (*static_cast<Work*>(w))(t); }, &work);
  }
  bool busy() const { return busy_; }

  // Makes `team` the one RunOnThreads uses on this thread while the scope is open.
  class Scope {
   public:
    explicit Scope(ThreadTeam& team);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    ThreadTeam* previous_;
  };
  // The team of the innermost open scope on this thread, or nullptr.
  static ThreadTeam* Current();

 private:
  using Call = void (*)(void*, int);
  void Dispatch(int workers, Call call, void* work);
  void Loop(int index);

  std::vector<std::thread> workers_;
  std::vector<std::exception_ptr> thrown_;  // per thread, for the current step
  // The current step, written by Dispatch before it publishes a new generation.
  Call call_ = nullptr;
  void* work_ = nullptr;
  int step_workers_ = 0;
  bool stop_ = false;
  bool busy_ = false;  // only the owner's thread looks at it

  std::atomic<uint64_t> generation_{0};  // one more per step (and for the stop)
  std::atomic<int> pending_{0};          // workers yet to finish the current step
  std::mutex mutex_;                     // for the two waits that sleep
  std::condition_variable wake_;
  std::condition_variable finished_;
};

}  // namespace assess

#endif  // ASSESS_CORE_THREAD_TEAM_H_
