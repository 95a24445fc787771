// MappedFile: a data file's bytes, mapped read-only into memory (mmap), so that the JSON
// readers parse it where the kernel keeps it, from any number of threads, without copying
// it. Parts already read can be released (Release), so that the mapping does not keep a
// whole large file resident: the process's memory stays the tables, not the text.
#ifndef ASSESS_IO_MAPPED_FILE_H_
#define ASSESS_IO_MAPPED_FILE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/read_progress.h"

namespace assess::io {

class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  // Maps `path`, opened as ReadOnlyFile::Open opens it (file_range.h), which says when it
  // is false and what `error` then holds; also false, with `error` set, when it cannot be
  // mapped.
  bool Open(const std::string& path, std::string& error);

  std::string_view text() const { return {data_, size_}; }

  // Tells the kernel that the pages wholly inside [from, to) (pointers into text()) will not
  // be read again: they leave the process's resident memory (the page cache keeps them).
  void Release(const char* from, const char* to) const;

  // Progress for a display on another thread: a reader that reads the text once from start
  // to end tells how many bytes it has read (Read), which progress.done adds up, and counts
  // the units it reads in UnitsRead() (given to its UnitTableBuilders).
  void ReportTo(const Progress& progress) { progress_ = progress; }
  void Read(std::size_t bytes) const {
    if (progress_.done != nullptr) progress_.done->fetch_add(bytes, std::memory_order_relaxed);
  }
  std::atomic<uint64_t>* UnitsRead() const { return progress_.units; }
  // A read that gives up its work so far (to read the text again another way) starts the
  // counts over.
  void RestartProgress() const {
    if (progress_.done != nullptr) progress_.done->store(0, std::memory_order_relaxed);
    if (progress_.units != nullptr) progress_.units->store(0, std::memory_order_relaxed);
  }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t mapped_ = 0;  // bytes mapped (0 for an empty file, which is not mapped)
  Progress progress_;
};

}  // namespace assess::io

#endif  // ASSESS_IO_MAPPED_FILE_H_
