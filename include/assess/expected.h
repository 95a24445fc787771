// Expected<T> and Status: user errors come back as values, never as exceptions an
// integrator has to guess at.
#ifndef ASSESS_EXPECTED_H_
#define ASSESS_EXPECTED_H_

#include <cstdlib>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "assess/diagnostic.h"

namespace assess {

// Why an operation failed: a one-line message for people, and for a rule file that does not
// load, every diagnostic with its line and column.
struct Error {
  std::string message;
  std::vector<Diagnostic> diagnostics;
};

// A value or an Error. Reading the value of a failed Expected is a programming error and
// aborts; check ok() first.
template <class T>
class Expected {
 public:
  Expected(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Expected(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    if (!ok()) std::abort();
    return std::get<0>(v_);
  }
  const T& value() const& {
    if (!ok()) std::abort();
    return std::get<0>(v_);
  }
  T&& value() && {
    if (!ok()) std::abort();
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    if (ok()) std::abort();
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

// Success or an Error.
class Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  static Status Ok() { return Status(); }

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace assess

#endif  // ASSESS_EXPECTED_H_
