// The objects behind the C API's opaque handles, and the one place where a call's outcome
// becomes a status code and a last-error message. Internal to capi/.
//
// The C API is written on the public C++ API alone (include/assess/), so that it can never
// reach around what C++ integrators get. Every entry point runs its body inside Guard: no
// exception crosses the C boundary, and the thread's last error is set on every return.
#ifndef ASSESS_CAPI_C_INTERNAL_H_
#define ASSESS_CAPI_C_INTERNAL_H_

#include <cstddef>
#include <exception>
#include <initializer_list>
#include <map>
#include <mutex>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "assess/assess.h"
#include "assess/batch.h"
#include "assess/diagnostic.h"
#include "assess/evaluate.h"
#include "assess/expected.h"
#include "assess/results.h"
#include "assess/scheme.h"

struct assess_load_options {
  assess::LoadOptions options;
};

struct assess_diagnostics {
  std::vector<assess::Diagnostic> items;
  std::string text;  // every item's ToString, one a line
};

struct assess_scheme {
  assess::Scheme scheme;
  std::vector<std::string> grades;  // Scheme::grade_levels() gives copies; these stay put
};

struct assess_batch {
  assess::Batch batch;
};

struct assess_batch_builder {
  assess::BatchBuilder builder;
};

struct assess_eval_options {
  assess::EvalOptions options;
};

struct assess_results {
  assess::Results results;
  std::vector<std::string> indicator_ids;  // to tell an unknown id from "not applicable"

  // Results gives grades, vetoes and fired rules as new values, but the C API hands out
  // pointers that live as long as the handle: they are made once per unit and kept here.
  // Several threads may read one results handle, hence the lock; map nodes never move.
  struct UnitStrings {
    std::optional<std::string> grade;
    std::vector<std::string> vetoes;
    std::vector<assess::FiredRule> fired_rules;
  };
  mutable std::mutex mutex;
  mutable std::map<std::size_t, UnitStrings> strings;

  const UnitStrings& StringsOf(std::size_t unit) const;
};

namespace assess::capi {

// Records the calling thread's last error ("FUNCTION: MESSAGE") and returns `status`.
// Never throws: without memory for the text, the message becomes "out of memory".
assess_status Fail(assess_status status, const char* function, std::string_view message) noexcept;

// The last error becomes "".
void ClearError() noexcept;

// ASSESS_ERROR_ARGUMENT naming the first NULL of `args` ({pointer, parameter name}), or
// ASSESS_OK when there is none.
assess_status Require(const char* function,
                      std::initializer_list<std::pair<const void*, const char*>> args) noexcept;

// For Require: an array argument may be NULL when it holds nothing (count == 0).
inline const void* UnlessEmpty(const void* pointer, std::size_t count) noexcept {
  static const char kNothingNeeded = 0;
  return count > 0 ? pointer : &kNothingNeeded;
}

// ASSESS_ERROR_ARGUMENT when `index` is not below `size`.
assess_status CheckIndex(const char* function, const char* what, std::size_t index,
                         std::size_t size) noexcept;

// The status of a C++ Error, with its message (and for a load, its first error's place).
assess_status FailWith(assess_status status, const char* function, const Error& error) noexcept;

// Runs `body(function)` (which returns a status, after calling Fail on a failure), turning
// every exception into a status: no exception may unwind into C. The body gets the entry
// point's name because __func__ inside a lambda names the lambda.
template <class Body>
assess_status Guard(const char* function, Body&& body) noexcept {
  try {
    const assess_status status = body(function);
    if (status == ASSESS_OK) ClearError();
    return status;
  } catch (const std::bad_alloc&) {
    return Fail(ASSESS_ERROR_OUT_OF_MEMORY, function, "out of memory");
  } catch (const std::logic_error& e) {  // a call the handle's state does not allow
    return Fail(ASSESS_ERROR_ARGUMENT, function, e.what());
  } catch (const std::exception& e) {
    return Fail(ASSESS_ERROR_INTERNAL, function, e.what());
  } catch (...) {
    return Fail(ASSESS_ERROR_INTERNAL, function, "an unknown exception");
  }
}

// Guard, after Require(function, args): the entry points' common opening, which checks
// their pointer arguments before the body runs.
template <class Body>
assess_status GuardArgs(const char* function,
                        std::initializer_list<std::pair<const void*, const char*>> args,
                        Body&& body) noexcept {
  return Guard(function, [&](const char* fn) {
    if (const assess_status s = Require(fn, args); s != ASSESS_OK) return s;
    return body(fn);
  });
}

// A copy of `text` in memory the caller frees with assess_string_free (malloc'd, so that
// the caller's free and ours agree even across C runtimes' views of new/delete).
char* CopyForCaller(std::string_view text);

// Sets NAME=VALUE in `params`, replacing an earlier value of NAME.
void SetParam(std::vector<std::pair<std::string, std::string>>& params, const char* name,
              const char* value);

}  // namespace assess::capi

#endif  // ASSESS_CAPI_C_INTERNAL_H_
