// CountingBuf: a stream buffer that drops what it is given and counts it, so that a writer's
// benchmark measures the formatter, not a disk.
#ifndef ASSESS_BENCH_COUNTING_BUF_H_
#define ASSESS_BENCH_COUNTING_BUF_H_

#include <benchmark/benchmark.h>

#include <cstddef>
#include <streambuf>

namespace assess::bench {

class CountingBuf : public std::streambuf {
 public:
  std::size_t count() const { return count_ + static_cast<std::size_t>(pptr() - pbase()); }

 protected:
  int_type overflow(int_type c) override {
    count_ += static_cast<std::size_t>(pptr() - pbase());
    setp(buf_, buf_ + sizeof buf_);
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    count_ += static_cast<std::size_t>(n);
    benchmark::DoNotOptimize(s);
    return n;
  }

 private:
  char buf_[1 << 16];
  std::size_t count_ = 0;
};

}  // namespace assess::bench

#endif  // ASSESS_BENCH_COUNTING_BUF_H_
