// This file's external interface is the C API's status machinery: versions, status names,
// the per-thread last error, caller-owned strings, and the helpers every entry point uses
// to fail (Fail, Require, CheckIndex, FailWith).
#include <cstdlib>
#include <cstring>

#include "capi/c_internal.h"

namespace assess::capi {
namespace {

// The text assess_last_error() returns. Per thread, so that threads sharing a scheme never
// see each other's messages; `shown` points into `message`, or at a literal when there
// was no memory to copy the message.
thread_local std::string t_message;
thread_local const char* t_shown = "";

}  // namespace

assess_status Fail(assess_status status, const char* function, std::string_view message) noexcept {
  try {
    t_message.assign(function);
    t_message += ": ";
    t_message += message;
    t_shown = t_message.c_str();
  } catch (...) {
    t_shown = "out of memory";
  }
  return status;
}

void ClearError() noexcept {
  t_message.clear();  // keeps its capacity: no allocation, cannot throw
  t_shown = "";
}

assess_status Require(const char* function,
                      std::initializer_list<std::pair<const void*, const char*>> args) noexcept {
  for (const auto& [pointer, name] : args) {
    if (pointer == nullptr) {
      try {
        return Fail(ASSESS_ERROR_ARGUMENT, function, std::string(name) + " is NULL");
      } catch (...) {
        return Fail(ASSESS_ERROR_ARGUMENT, function, "a pointer is NULL");
      }
    }
  }
  return ASSESS_OK;
}

assess_status CheckIndex(const char* function, const char* what, std::size_t index,
                         std::size_t size) noexcept {
  if (index < size) return ASSESS_OK;
  try {
    return Fail(ASSESS_ERROR_ARGUMENT, function,
                std::string(what) + " " + std::to_string(index) + " is out of range (there are " +
                    std::to_string(size) + ")");
  } catch (...) {
    return Fail(ASSESS_ERROR_ARGUMENT, function, "an index is out of range");
  }
}

assess_status FailWith(assess_status status, const char* function, const Error& error) noexcept {
  try {
    std::string message = error.message;
    // A load error's message counts the errors; the first one, with its place, is what a
    // log line needs when the caller does not read the diagnostics.
    for (const Diagnostic& d : error.diagnostics) {
      if (d.severity == Severity::kError) {
        if (message.find(d.message) == std::string::npos) message += "; first: " + d.ToString();
        break;
      }
    }
    return Fail(status, function, message);
  } catch (...) {
    return Fail(status, function, error.message);
  }
}

char* CopyForCaller(std::string_view text) {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

void SetParam(std::vector<std::pair<std::string, std::string>>& params, const char* name,
              const char* value) {
  for (auto& [n, v] : params) {
    if (n == name) {
      v = value;
      return;
    }
  }
  params.emplace_back(name, value);
}

}  // namespace assess::capi

extern "C" {

int assess_abi_version(void) { return ASSESS_ABI_VERSION; }

const char* assess_version(void) { return ASSESS_VERSION_STRING; }

const char* assess_status_name(assess_status status) {
  switch (status) {
    case ASSESS_OK:
      return "ASSESS_OK";
    case ASSESS_ERROR_ARGUMENT:
      return "ASSESS_ERROR_ARGUMENT";
    case ASSESS_ERROR_LOAD:
      return "ASSESS_ERROR_LOAD";
    case ASSESS_ERROR_DATA:
      return "ASSESS_ERROR_DATA";
    case ASSESS_ERROR_EVALUATE:
      return "ASSESS_ERROR_EVALUATE";
    case ASSESS_ERROR_NOT_FOUND:
      return "ASSESS_ERROR_NOT_FOUND";
    case ASSESS_ERROR_IO:
      return "ASSESS_ERROR_IO";
    case ASSESS_ERROR_OUT_OF_MEMORY:
      return "ASSESS_ERROR_OUT_OF_MEMORY";
    case ASSESS_ERROR_INTERNAL:
      return "ASSESS_ERROR_INTERNAL";
    case ASSESS_STATUS_MAX_ENUM_:
      break;
  }
  return "ASSESS_UNKNOWN_STATUS";
}

const char* assess_last_error(void) { return assess::capi::t_shown; }

void assess_string_free(char* text) { std::free(text); }

}  // extern "C"
