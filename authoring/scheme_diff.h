// What changed between two schemes, by meaning: declarations matched by id or name,
// defaults applied, points worked out from weights, expressions compared as parsed.
#ifndef ASSESS_AUTHORING_SCHEME_DIFF_H_
#define ASSESS_AUTHORING_SCHEME_DIFF_H_

#include <string>
#include <vector>

#include "assess/scheme.h"

namespace assess::authoring {

struct Change {
  enum class Kind { kAdded, kRemoved, kChanged, kMoved };
  Kind kind = Kind::kChanged;
  std::string subject;               // "indicator economy", "param gdp_weight", "grades", "scheme"
  std::string field;                 // "points", "score", ... ("" for added / removed)
  std::string old_value, new_value;  // as an author reads them; "" when absent
  // false for what only labels results (titles, descriptions, a rule's reason, the order
  // of siblings): listed, but not a change of results.
  bool affects_results = true;
  int new_line = 0;  // where it is in the new file (0: not there)
};

std::string_view KindName(Change::Kind kind);

// The changes from `old_scheme` to `new_scheme`, in the order of the new file's sections.
std::vector<Change> DiffSchemes(const SchemeOutline& old_scheme, const SchemeOutline& new_scheme);

// A number as an author writes it: 40, 12.5, 0.08; "none" for an absent cap.
std::string NumberText(double x);

}  // namespace assess::authoring

#endif  // ASSESS_AUTHORING_SCHEME_DIFF_H_
