// This file's external interface is AllowedKeys, IsAllowedKey, ContextName, KeyDistance,
// NearestKey and UnknownKeyMessage.
#include "load/keys.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

#include "core/suggest.h"

namespace assess::load {
namespace {

using std::string_view_literals::operator""sv;

constexpr std::array kTopKeys = {
    "scheme"sv, "title"sv, "version"sv,    "description"sv, "unit"sv,   "peers"sv,    "inputs"sv,
    "params"sv, "total"sv, "indicators"sv, "vetoes"sv,      "grades"sv, "rounding"sv, "tests"sv};
constexpr std::array kNodeKeys = {
    "id"sv,    "title"sv, "description"sv, "meta"sv, "kind"sv,       "points"sv, "weight"sv,
    "value"sv, "score"sv, "children"sv,    "when"sv, "on_missing"sv, "floor"sv,  "cap"sv};
constexpr std::array kBonusNodeKeys = {"id"sv,  "title"sv, "description"sv, "meta"sv,      "kind"sv,
                                       "cap"sv, "rules"sv, "when"sv,        "on_missing"sv};
constexpr std::array kRuleKeys = {"when"sv, "points"sv, "reason"sv, "cap"sv};
constexpr std::array kVetoKeys = {"id"sv, "when"sv, "reason"sv, "grade"sv, "max_grade"sv, "cap"sv};
constexpr std::array kGradesKeys = {"levels"sv, "tie_break"sv, "ties"sv, "quota_rounding"sv};
constexpr std::array kLevelKeys = {"name"sv, "min"sv, "quota"sv};
constexpr std::array kTotalKeys = {"points"sv, "cap"sv, "floor"sv};
constexpr std::array kRoundingKeys = {"digits"sv, "stage"sv};
constexpr std::array kTestKeys = {"name"sv, "units"sv, "expect"sv};
constexpr std::array kInputKeys = {"type"sv,   "title"sv,  "min"sv,      "max"sv,
                                   "values"sv, "column"sv, "required"sv, "default"sv};

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::span<const std::string_view> AllowedKeys(KeyContext context) {
  switch (context) {
    case KeyContext::kTop:
      return kTopKeys;
    case KeyContext::kNode:
      return kNodeKeys;
    case KeyContext::kBonusNode:
      return kBonusNodeKeys;
    case KeyContext::kRule:
      return kRuleKeys;
    case KeyContext::kVeto:
      return kVetoKeys;
    case KeyContext::kGrades:
      return kGradesKeys;
    case KeyContext::kLevel:
      return kLevelKeys;
    case KeyContext::kTotal:
      return kTotalKeys;
    case KeyContext::kRounding:
      return kRoundingKeys;
    case KeyContext::kTest:
      return kTestKeys;
    case KeyContext::kInput:
      return kInputKeys;
  }
  return {};
}

bool IsAllowedKey(KeyContext context, std::string_view key) {
  auto keys = AllowedKeys(context);
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string_view ContextName(KeyContext context) {
  switch (context) {
    case KeyContext::kTop:
      return "the top level";
    case KeyContext::kNode:
      return "an indicator";
    case KeyContext::kBonusNode:
      return "a bonus / deduction indicator";
    case KeyContext::kRule:
      return "a rule";
    case KeyContext::kVeto:
      return "a veto";
    case KeyContext::kGrades:
      return "`grades`";
    case KeyContext::kLevel:
      return "a grade level";
    case KeyContext::kTotal:
      return "`total`";
    case KeyContext::kRounding:
      return "`rounding`";
    case KeyContext::kTest:
      return "a test";
    case KeyContext::kInput:
      return "an input";
  }
  return "?";
}

int KeyDistance(std::string_view a, std::string_view b) {
  constexpr std::size_t kMaxLength = 64;
  if (a.size() > kMaxLength || b.size() > kMaxLength) {
    return static_cast<int>(std::max(a.size(), b.size()));
  }
  // Keys are compared without case: `Points` is surely `points`.
  std::string la(a), lb(b);
  for (char& c : la) c = Lower(c);
  for (char& c : lb) c = Lower(c);
  return EditDistance(la, lb);
}

std::optional<std::string_view> NearestKey(std::string_view key,
                                           std::span<const std::string_view> allowed) {
  std::optional<std::string_view> best;
  int best_distance = 0;
  for (std::string_view candidate : allowed) {
    int d = KeyDistance(key, candidate);
    // Near enough: about one edit per three characters of the longer word.
    int longer = static_cast<int>(std::max(key.size(), candidate.size()));
    if (d * 3 > longer + 1) continue;
    if (!best || d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

std::string UnknownKeyMessage(std::string_view key, KeyContext context) {
  auto allowed = AllowedKeys(context);
  constexpr std::size_t kMaxShown = 60;
  std::string shown(key.substr(0, kMaxShown));
  if (key.size() > kMaxShown) {
    while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) {
      shown.pop_back();  // a cut character
    }
    if (!shown.empty() && static_cast<unsigned char>(shown.back()) >= 0xC0) shown.pop_back();
    shown += "...";
  }
  if (auto nearest = NearestKey(key, allowed)) {
    return fmt::format("unknown key `{}` (did you mean `{}`?)", shown, *nearest);
  }
  std::string list;
  for (std::string_view k : allowed) {
    if (!list.empty()) list += ", ";
    list += k;
  }
  return fmt::format("unknown key `{}` in {} (allowed: {})", shown, ContextName(context), list);
}

}  // namespace assess::load
