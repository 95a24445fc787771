// TextBuffer: a growing buffer of output text written through a raw pointer, so that the
// per-value work of a writer is a bounds check and the bytes themselves. Each thread of a
// writer formats its slice of units into its own (ordered_slices.h). Internal to report/.
#ifndef ASSESS_REPORT_TEXT_BUFFER_H_
#define ASSESS_REPORT_TEXT_BUFFER_H_

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace assess::report {

class TextBuffer {
 public:
  TextBuffer() : buf_(new char[kFirstBytes]), cap_(kFirstBytes) {
    p_ = buf_.get();
    end_ = p_ + cap_;
  }

  // Room for n more bytes at Pos().
  void Reserve(std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n) Grow(n);
  }
  char* Pos() { return p_; }
  void SetPos(char* p) { p_ = p; }
  void Put(char c) {
    Reserve(1);
    *p_++ = c;
  }
  void Append(std::string_view s) {
    Reserve(s.size());
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  std::string_view Text() const { return {buf_.get(), static_cast<std::size_t>(p_ - buf_.get())}; }
  void Clear() { p_ = buf_.get(); }

 private:
  static constexpr std::size_t kFirstBytes = std::size_t{1} << 20;

  void Grow(std::size_t n) {
    const std::size_t used = static_cast<std::size_t>(p_ - buf_.get());
    const std::size_t cap = std::max(cap_ * 2, used + n);
    std::unique_ptr<char[]> bigger(new char[cap]);
    std::memcpy(bigger.get(), buf_.get(), used);
    buf_ = std::move(bigger);
    cap_ = cap;
    p_ = buf_.get() + used;
    end_ = buf_.get() + cap_;
  }

  std::unique_ptr<char[]> buf_;
  std::size_t cap_;
  char* p_;
  char* end_;
};

}  // namespace assess::report

#endif  // ASSESS_REPORT_TEXT_BUFFER_H_
