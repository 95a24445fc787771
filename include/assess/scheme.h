// Scheme: a rule file, loaded, checked and compiled once. A Scheme is immutable; copies
// share it, and any number of threads may evaluate it at once.
#ifndef ASSESS_SCHEME_H_
#define ASSESS_SCHEME_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "assess/api.h"
#include "assess/diagnostic.h"
#include "assess/expected.h"

namespace assess {

namespace internal {
struct SchemeImpl;
}

// Bounds that keep a hostile rule file from crashing or hanging the loader. Each limit
// exceeded is a load error naming it.
struct Limits {
  std::size_t max_file_bytes = 16u << 20;    // rule file size
  int max_yaml_depth = 64;                   // YAML nesting
  std::size_t max_yaml_nodes = 1000000;      // YAML nodes visited (aliases included)
  std::size_t max_expression_chars = 10000;  // one expression's length
  int max_expression_depth = 64;             // nesting inside one expression
  std::size_t max_expression_nodes = 5000;   // AST nodes of one expression
  std::size_t max_nodes = 100000;            // indicators and rules in the scheme
};

struct LoadOptions {
  Limits limits;
  // NAME=VALUE overrides of the scheme's params, read by each param's type: numbers (may be
  // `8%`), `true`/`false`, texts, lists `1;2;3`, tables as JSON `{"A": 1}`.
  std::vector<std::pair<std::string, std::string>> params;
};

struct IndicatorInfo {
  std::string id;
  std::string title;
  std::string kind;   // "leaf", "group", "bonus" or "deduction"
  int parent = -1;    // index into Scheme::indicators(); -1 at the top level
  int depth = 1;      // top level: 1
  double points = 0;  // full marks (0 for bonus / deduction)
};

struct InputInfo {
  std::string name;
  std::string column;  // name in data files
  std::string title;
  std::string type;  // "number", "integer", "boolean", "text" or "list"
  bool required = true;
};

class ASSESS_API Scheme {
 public:
  // Loads a rule file. On failure, the Error carries every diagnostic (file, line, column).
  static Expected<Scheme> LoadFile(const std::string& path, const LoadOptions& options = {});
  static Expected<Scheme> LoadText(std::string_view yaml, std::string_view file_name = "<text>",
                                   const LoadOptions& options = {});

  // The same scheme with other param values (loaded again from its text).
  Expected<Scheme> WithParams(const std::vector<std::pair<std::string, std::string>>& params) const;

  const std::string& id() const;
  const std::string& title() const;
  const std::string& version() const;
  const std::string& file_name() const;
  // The data column of unit ids (`unit:` in the rule file; "unit" by default).
  const std::string& unit_column() const;
  const std::vector<Diagnostic>& warnings() const;
  const std::vector<IndicatorInfo>& indicators() const;  // pre-order, as written
  const std::vector<InputInfo>& inputs() const;
  std::vector<std::string> grade_levels() const;  // best first; empty without grades
  int digits() const;                             // decimals of published numbers
  int test_count() const;                         // embedded tests

  // The indicator tree and the dependencies between indicators, as Graphviz DOT.
  std::string ToDot() const;

  // Not part of the stable API: the library's own access to the compiled scheme.
  const internal::SchemeImpl& impl() const { return *impl_; }
  const std::shared_ptr<const internal::SchemeImpl>& shared_impl() const { return impl_; }
  static Scheme FromImpl(std::shared_ptr<const internal::SchemeImpl> impl) {
    return Scheme(std::move(impl));
  }

 private:
  explicit Scheme(std::shared_ptr<const internal::SchemeImpl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const internal::SchemeImpl> impl_;
};

}  // namespace assess

#endif  // ASSESS_SCHEME_H_
