// Progress: how far a read has come, for a display on another thread (the CLI's progress
// bar). Every counter is optional and only ever added to, with relaxed atomics: a reader
// pays one addition per few thousand units.
#ifndef ASSESS_IO_READ_PROGRESS_H_
#define ASSESS_IO_READ_PROGRESS_H_

#include <atomic>
#include <cstdint>

namespace assess::io {

struct Progress {
  std::atomic<uint64_t>* done = nullptr;   // bytes read (.xlsx: of the worksheet's XML inflated)
  std::atomic<uint64_t>* total = nullptr;  // the bytes in all, once known
  std::atomic<uint64_t>* units = nullptr;  // units (rows, objects, lines) read
};

}  // namespace assess::io

#endif  // ASSESS_IO_READ_PROGRESS_H_
