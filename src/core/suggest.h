// Nearest-name suggestions for diagnostics ("unknown name `gdp_grwoth` (did you mean
// `gdp_growth`?)").
#ifndef ASSESS_CORE_SUGGEST_H_
#define ASSESS_CORE_SUGGEST_H_

#include <string>
#include <string_view>
#include <vector>

namespace assess {

// Optimal string alignment distance (Levenshtein plus adjacent transpositions), in bytes.
int EditDistance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, if it is near enough to be a likely typo (distance at
// most 1 for short words, 2 up to 8 bytes, a third of the length beyond); "" otherwise.
std::string Nearest(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean `X`?)" or "".
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace assess

#endif  // ASSESS_CORE_SUGGEST_H_
