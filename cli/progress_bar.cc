// This file's external interface is ProgressBar.
#include "progress_bar.h"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <iostream>

namespace assess::cli {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kQuietFor = std::chrono::seconds(1);  // no bar for a shorter stage
constexpr auto kRedrawEvery = std::chrono::milliseconds(100);

int TerminalWidth() {
  winsize ws{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) return ws.ws_col;
  return 80;
}

// 1234567 -> "1,234,567".
std::string Grouped(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

ProgressBar::ProgressBar(bool quiet) : on_(!quiet && isatty(STDERR_FILENO)) {}

ProgressBar::~ProgressBar() { Clear(); }

std::string ProgressBar::Line(const std::string& text, uint64_t done, uint64_t total,
                              uint64_t counted, double seconds, Rate rate, int width) {
  const double fraction =
      total == 0 ? 0.0 : std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
  const double per_second = seconds > 0 ? static_cast<double>(counted) / seconds : 0.0;
  const std::string speed =
      rate == Rate::kBytes ? fmt::format("{:.1f} MB/s", per_second / 1e6)
                           : fmt::format("{} units/s", Grouped(static_cast<uint64_t>(per_second)));
  const std::string tail = fmt::format(" {:3.0f}%  {}", fraction * 100, speed);
  // The text is cut rather than the bar when the terminal is narrow.
  const int bar = 24;
  std::string head = text;
  const int room = width - 1 - bar - 2 - static_cast<int>(tail.size()) - 1;
  if (static_cast<int>(head.size()) > room) head = head.substr(0, room > 3 ? room - 3 : 0) + "...";
  const int filled = static_cast<int>(fraction * bar + 0.5);
  std::string line = head + " [";
  for (int i = 0; i < bar; ++i) line += i < filled ? "#" : ".";
  return line + "]" + tail;
}

void ProgressBar::Draw(const std::string& line) {
  std::string out = "\r" + line;
  if (line.size() < width_) out += std::string(width_ - line.size(), ' ');
  std::cerr << out << std::flush;
  width_ = line.size();
}

void ProgressBar::Show(const std::string& text) {
  if (!on_) return;
  Stop();
  Draw(text);
}

void ProgressBar::Track(const std::string& text, const std::atomic<uint64_t>& done,
                        const std::atomic<uint64_t>& total, Rate rate,
                        const std::atomic<uint64_t>* units) {
  if (!on_) return;
  Stop();
  Draw(text + " ...");
  stop_ = false;
  thread_ = std::thread([this, text, &done, &total, rate, units] {
    const auto start = Clock::now();
    std::unique_lock<std::mutex> lock(mutex_);
    if (wake_.wait_for(lock, kQuietFor, [this] { return stop_; })) return;
    const int width = TerminalWidth();
    while (!stop_) {
      const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
      const uint64_t d = done.load(std::memory_order_relaxed);
      const uint64_t u = units != nullptr ? units->load(std::memory_order_relaxed) : 0;
      Draw(u > 0 ? Line(text, d, total.load(std::memory_order_relaxed), u, seconds, Rate::kUnits,
                        width)
                 : Line(text, d, total.load(std::memory_order_relaxed), d, seconds, rate, width));
      wake_.wait_for(lock, kRedrawEvery, [this] { return stop_; });
    }
  });
}

void ProgressBar::Stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ProgressBar::Clear() {
  if (!on_) return;
  Stop();
  if (width_ == 0) return;
  std::cerr << '\r' << std::string(width_, ' ') << '\r' << std::flush;
  width_ = 0;
}

}  // namespace assess::cli
