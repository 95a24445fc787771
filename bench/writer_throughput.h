// A results writer's throughput (BM_Csv_Write, BM_JsonLines_Write): what it writes goes to
// CountingBuf, a stream buffer that drops the bytes and counts them, so that the figure is
// the formatter's, not a disk's.
#ifndef ASSESS_BENCH_WRITER_THROUGHPUT_H_
#define ASSESS_BENCH_WRITER_THROUGHPUT_H_

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <ostream>
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

// Times write(stream) once per iteration into a CountingBuf; the bytes per second, and
// the MB of one write as the counter "MB".
template <class Write>
void MeasureWrite(benchmark::State& state, Write write) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    CountingBuf buf;
    std::ostream out(&buf);
    write(out);
    out.flush();
    bytes += buf.count();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["MB"] =
      state.iterations() ? static_cast<double>(bytes) / 1e6 / state.iterations() : 0;
}

}  // namespace assess::bench

#endif  // ASSESS_BENCH_WRITER_THROUGHPUT_H_
