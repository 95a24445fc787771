// This file's external interface is ThreadTeam (thread_team.h).
#include "core/thread_team.h"

#include <chrono>
#include <system_error>

namespace assess {
namespace {

thread_local ThreadTeam* t_current = nullptr;

// How long a waiting thread spins before it sleeps. The serial parts between an
// evaluation's steps take from microseconds to a few milliseconds; a sleeping thread is
// woken through the hypervisor (tens to hundreds of microseconds), a spinning one at once.
// Spinning longer would only burn a core that the caller may want for something else.
constexpr auto kSpin = std::chrono::microseconds(500);

void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#else
  std::this_thread::yield();
#endif
}

// Returns once ready() holds: spinning for kSpin, then asleep on `cv`, whose notifier makes
// ready() true before it takes `m` to notify.
template <class Ready>
void SpinThenSleep(const Ready& ready, std::mutex& m, std::condition_variable& cv) {
  const auto until = std::chrono::steady_clock::now() + kSpin;
  for (unsigned i = 0; !ready(); ++i) {
    if (i % 256 == 255 && std::chrono::steady_clock::now() >= until) {
      std::unique_lock<std::mutex> lock(m);
      cv.wait(lock, ready);
      return;
    }
    CpuRelax();
  }
}

}  // namespace

ThreadTeam::ThreadTeam(int threads) : thrown_(static_cast<size_t>(threads > 1 ? threads : 1)) {
  workers_.reserve(thrown_.size() - 1);
  try {
    for (int t = 1; t < threads; ++t) workers_.emplace_back([this, t] { Loop(t); });
  } catch (const std::system_error&) {
    // No more threads now: the team is the workers that started.
  }
}

ThreadTeam::~ThreadTeam() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    generation_.fetch_add(1, std::memory_order_release);
  }
  wake_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void ThreadTeam::Dispatch(int workers, Call call, void* work) {
  busy_ = true;
  call_ = call;
  work_ = work;
  step_workers_ = workers;
  for (std::exception_ptr& e : thrown_) e = nullptr;
  pending_.store(static_cast<int>(workers_.size()), std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    generation_.fetch_add(1, std::memory_order_release);
  }
  wake_.notify_all();
  try {
    call(work, 0);
  } catch (...) {
    thrown_[0] = std::current_exception();
  }
  SpinThenSleep([this] { return pending_.load(std::memory_order_acquire) == 0; }, mutex_,
                finished_);
  busy_ = false;
  for (const std::exception_ptr& e : thrown_) {
    if (e) std::rethrow_exception(e);
  }
}

void ThreadTeam::Loop(int index) {
  uint64_t seen = 0;
  for (;;) {
    SpinThenSleep([&] { return generation_.load(std::memory_order_acquire) != seen; }, mutex_,
                  wake_);
    // Dispatch waits for every worker before it publishes the next step, so no step is
    // missed between the wait and this load.
    seen = generation_.load(std::memory_order_acquire);
    if (stop_) return;
    if (index < step_workers_) {
      try {
        call_(work_, index);
      } catch (...) {
        thrown_[static_cast<size_t>(index)] = std::current_exception();
      }
    }
    if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      std::lock_guard<std::mutex> lock(mutex_);
      finished_.notify_one();
    }
  }
}

ThreadTeam::Scope::Scope(ThreadTeam& team) : previous_(t_current) { t_current = &team; }

ThreadTeam::Scope::~Scope() { t_current = previous_; }

ThreadTeam* ThreadTeam::Current() { return t_current; }

}  // namespace assess
