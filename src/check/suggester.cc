// This file's external interface is Suggester::DidYouMean: suggestions for unknown names
// whose cost stays bounded on hostile files (see check_context.h).
#include <cstdlib>

#include "check/check_context.h"
#include "core/suggest.h"

namespace assess::check {

std::string Suggester::DidYouMean(std::string_view word,
                                  std::initializer_list<const std::vector<std::string>*> lists) {
  // The same nearness as core's Nearest: distance at most 1 for short words, 2 up to 8
  // bytes, a third of the length beyond.
  const long long len = static_cast<long long>(word.size());
  const long long limit = len <= 3 ? 1 : len <= 8 ? 2 : len / 3;
  const std::string* best = nullptr;
  long long best_distance = limit + 1;
  for (const std::vector<std::string>* list : lists) {
    for (const std::string& c : *list) {
      const long long clen = static_cast<long long>(c.size());
      // The distance is at least the difference of the lengths: no table needed.
      if (c == word || std::llabs(clen - len) >= best_distance) continue;
      const long long cost = (len + 1) * (clen + 1);
      if (cost > budget_) {
        budget_ = 0;
        return "";
      }
      budget_ -= cost;
      const long long d = EditDistance(word, c);
      if (d < best_distance) {
        best_distance = d;
        best = &c;
      }
    }
  }
  if (best == nullptr) return "";
  return " (did you mean `" + *best + "`?)";
}

}  // namespace assess::check
