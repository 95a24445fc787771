// This file's external interface is UnitErrors (unit_errors.h).
#include "data/unit_errors.h"

#include <algorithm>
#include <utility>

namespace assess::data {

void UnitErrors::Set(std::size_t u, std::string message) {
  if (messages_.size() <= u) messages_.resize(u + 1);
  messages_[u] = std::move(message);
}

void UnitErrors::Append(UnitErrors&& other, std::size_t units) {
  if (other.messages_.empty()) return;
  messages_.resize(units);  // "" for this table's units past its last in error
  messages_.reserve(units + other.messages_.size());
  for (std::string& m : other.messages_) messages_.push_back(std::move(m));
  LargeVector<std::string>().swap(other.messages_);
}

std::vector<std::string> UnitErrors::Of(std::size_t units) const {
  std::vector<std::string> out;
  out.reserve(units);
  for (std::size_t u = 0; u < units; ++u) out.push_back((*this)[u]);
  return out;
}

bool operator==(const UnitErrors& a, const UnitErrors& b) {
  const std::size_t n = std::max(a.messages_.size(), b.messages_.size());
  for (std::size_t u = 0; u < n; ++u) {
    if (a[u] != b[u]) return false;
  }
  return true;
}

}  // namespace assess::data
