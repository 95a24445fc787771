// Edit distance, for the "did you mean" of diagnostics (load/keys.cc, check/suggester.cc).
#ifndef ASSESS_CORE_SUGGEST_H_
#define ASSESS_CORE_SUGGEST_H_

#include <string_view>

namespace assess {

// Optimal string alignment distance (Levenshtein plus adjacent transpositions), in bytes.
// Costs |a| x |b|: callers bound the lengths or budget the calls.
int EditDistance(std::string_view a, std::string_view b);

}  // namespace assess

#endif  // ASSESS_CORE_SUGGEST_H_
