// ProgressBar: what `assess run` shows on standard error while it works, only when that is
// a terminal and without -q: a line naming the stage ("reading 2025.xlsx ..."), and once a
// stage has taken more than a second, a bar with the percent done and the rate in units per
// second, redrawn ten times a second from its own thread.
#ifndef ASSESS_CLI_PROGRESS_BAR_H_
#define ASSESS_CLI_PROGRESS_BAR_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace assess::cli {

class ProgressBar {
 public:
  enum class Rate { kBytes, kUnits };

  explicit ProgressBar(bool quiet);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  bool on() const { return on_; }
  // A stage without a measure: its name only.
  void Show(const std::string& text);
  // A stage measured by `done` out of `total` (both written by the worker as it goes), in
  // `rate`'s unit. With `units` (a read, measured in bytes), the rate shown is units read
  // per second from that counter, and MB/s only while it is still 0 (a reader that does
  // not count units as it goes).
  void Track(const std::string& text, const std::atomic<uint64_t>& done,
             const std::atomic<uint64_t>& total, Rate rate,
             const std::atomic<uint64_t>* units = nullptr);
  // Erases the line (before results or messages are printed).
  void Clear();

  // The bar's line for `done` of `total` after `seconds`, the rate `counted` (in `rate`'s
  // unit) per second (public for its tests).
  static std::string Line(const std::string& text, uint64_t done, uint64_t total, uint64_t counted,
                          double seconds, Rate rate, int width);

 private:
  void Stop();
  void Draw(const std::string& line);

  bool on_;
  std::size_t width_ = 0;  // of the line shown
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
};

}  // namespace assess::cli

#endif  // ASSESS_CLI_PROGRESS_BAR_H_
