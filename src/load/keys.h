// The keys allowed in each kind of mapping of a rule file (rule-language §3-§9, §12 "Loading"), and
// the nearest allowed key to suggest for a typo.
#ifndef ASSESS_LOAD_KEYS_H_
#define ASSESS_LOAD_KEYS_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace assess::load {

enum class KeyContext {
  kTop,
  kNode,       // a leaf or group
  kBonusNode,  // kind: bonus / deduction
  kRule,
  kVeto,
  kGrades,
  kLevel,
  kTotal,
  kRounding,
  kTest,
  kInput,
};

std::span<const std::string_view> AllowedKeys(KeyContext context);
bool IsAllowedKey(KeyContext context, std::string_view key);

// "a node", "a rule", ... as messages name the mapping.
std::string_view ContextName(KeyContext context);

// Edit distance with adjacent transpositions counted as one edit (optimal string
// alignment), ignoring ASCII case. Texts longer than 64 bytes are simply far apart.
int KeyDistance(std::string_view a, std::string_view b);

// The allowed key nearest to `key`, if near enough to be a likely typo.
std::optional<std::string_view> NearestKey(std::string_view key,
                                           std::span<const std::string_view> allowed);

// "unknown key `caps` (did you mean `cap`?)", or with the list of allowed keys.
std::string UnknownKeyMessage(std::string_view key, KeyContext context);

}  // namespace assess::load

#endif  // ASSESS_LOAD_KEYS_H_
