// This file's external interface is cli::OutputFile, cli::OutputClash and
// cli::InstallOutputSignalHandlers (output_file.h).
#include "output_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace assess::cli {
namespace {

// The temporary file being written, for the signal handler: a fixed buffer (the handler
// may not allocate) and a flag set once the buffer holds a path.
char g_temp_path[PATH_MAX];
volatile std::sig_atomic_t g_temp_set = 0;

extern "C" void RemoveTempAndExit(int sig) {
  if (g_temp_set) unlink(g_temp_path);  // async-signal-safe, as is _exit
  _exit(128 + sig);
}

void RegisterTemp(const std::string& path) {
  g_temp_set = 0;
  std::atomic_signal_fence(std::memory_order_seq_cst);
  const std::size_t n = std::min(path.size(), sizeof g_temp_path - 1);
  std::memcpy(g_temp_path, path.data(), n);
  g_temp_path[n] = '\0';
  std::atomic_signal_fence(std::memory_order_seq_cst);
  g_temp_set = 1;
}

void UnregisterTemp() { g_temp_set = 0; }

std::string CannotWrite(const std::string& path, int err) {
  return fmt::format("assess: cannot write {}: {}", path, std::strerror(err));
}

}  // namespace

void InstallOutputSignalHandlers() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) {
      continue;  // ignored by whoever started us (nohup, a background job): stay so
    }
    struct sigaction action {};
    action.sa_handler = RemoveTempAndExit;
    sigemptyset(&action.sa_mask);
    sigaction(sig, &action, nullptr);
  }
  // A file size limit (ulimit -f) is then a write error (EFBIG) with a message and the old
  // output kept, instead of a kill that leaves the temporary file behind.
  std::signal(SIGXFSZ, SIG_IGN);
}

std::optional<std::string> OutputClash(
    const std::string& output, const std::vector<std::pair<std::string, std::string>>& inputs) {
  struct stat out {};
  if (stat(output.c_str(), &out) != 0) return std::nullopt;  // a new file clashes with none
  for (const auto& [what, path] : inputs) {
    struct stat in {};
    if (stat(path.c_str(), &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
      return fmt::format("assess: the output {} is {} ({}): refusing to overwrite it", output, what,
                         path);
    }
  }
  return std::nullopt;
}

FdStreamBuf::FdStreamBuf() { setp(buffer_, buffer_ + sizeof buffer_); }

// Writes of the 64 KB buffer, not of the writers' megabyte pieces at once: on this kind of
// VM a write of several MB into the page cache measured slower (the whole run's write
// phase 1.4-1.9 s against 0.9-1.1 s for 10^6 units), so large pieces are copied through it.
bool FdStreamBuf::Drain() {
  const char* p = pbase();
  std::size_t left = static_cast<std::size_t>(pptr() - pbase());
  while (left > 0 && error_ == 0) {
    const ssize_t n = write(fd_, p, left);
    if (n < 0) {
      if (errno != EINTR) error_ = errno;
      continue;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
    written_ += static_cast<uint64_t>(n);
  }
  setp(buffer_, buffer_ + sizeof buffer_);
#if defined(__linux__)
  // The file is fsync'ed before it replaces the target (OutputFile::Commit). Its pages are
  // sent to the disk as they are written, so that the disk works while the results are
  // formatted: the final fsync then waits for the last few MB, not for the whole file
  // (10^6 units, 590 MB of CSV: the write phase 1.05-1.15 s before). A pipe or terminal
  // refuses (ESPIPE), which changes nothing.
  if (error_ == 0 && written_ - sent_ >= kSendEvery) {
    (void)sync_file_range(fd_, static_cast<off_t>(sent_), static_cast<off_t>(written_ - sent_),
                          SYNC_FILE_RANGE_WRITE);
    sent_ = written_;
  }
#endif
  return error_ == 0;
}

FdStreamBuf::int_type FdStreamBuf::overflow(int_type c) {
  if (!Drain()) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

int FdStreamBuf::sync() { return Drain() ? 0 : -1; }

OutputFile::~OutputFile() { Discard(); }

void OutputFile::Discard() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  if (!temp_.empty()) {
    unlink(temp_.c_str());  // before unregistering: a signal in between unlinks it again
    UnregisterTemp();
    temp_.clear();
  }
}

bool OutputFile::Open(const std::string& target, std::string* error) {
  target_ = target;
  struct stat st {};
  // A link is followed: the file it names gets the results, the link stays a link.
  if (lstat(target.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    if (char* real = realpath(target.c_str(), nullptr)) {
      target_ = real;
      std::free(real);
    }
  }
  const bool exists = stat(target_.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) {
    fd_ = open(target_.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd_ < 0) {
      *error = CannotWrite(target, errno);
      return false;
    }
    buffer_.Attach(fd_);
    return true;
  }
  const std::filesystem::path path(target_);
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
  for (int attempt = 0; fd_ < 0; ++attempt) {
    temp_ = (folder / fmt::format(".{}.{}-{}.tmp", path.filename().string(), getpid(), attempt))
                .string();
    RegisterTemp(temp_);
    fd_ = open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ < 0) {
      const int err = errno;
      UnregisterTemp();
      temp_.clear();
      if (err != EEXIST || attempt >= 100) {
        *error = CannotWrite(target, err);
        return false;
      }
    }
  }
  // The replaced file keeps its permissions (a new one gets 0666 less the umask).
  if (exists) (void)fchmod(fd_, st.st_mode & 07777);
  buffer_.Attach(fd_);
  return true;
}

bool OutputFile::Commit(std::string* error) {
  out_.flush();
  int err = buffer_.error();
  if (err == 0 && !out_) err = EIO;
  if (err == 0 && !temp_.empty() && fsync(fd_) != 0) err = errno;
  if (err == 0) {
    const int fd = fd_;
    fd_ = -1;
    if (close(fd) != 0) err = errno;
  }
  if (err == 0 && !temp_.empty() && rename(temp_.c_str(), target_.c_str()) != 0) err = errno;
  if (err != 0) {
    *error = CannotWrite(target_, err);
    Discard();
    return false;
  }
  if (!temp_.empty()) {
    UnregisterTemp();
    temp_.clear();
    // The rename itself reaches the disk with the folder (best effort: some file systems
    // cannot fsync a folder).
    const std::filesystem::path folder = std::filesystem::path(target_).parent_path();
    const int dir = open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
      (void)fsync(dir);
      close(dir);
    }
  }
  return true;
}

}  // namespace assess::cli
