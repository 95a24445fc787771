// This file's external interface is TextPool.
#include "core/text_pool.h"

namespace assess {

TextPool::TextPool(const TextPool& other) { *this = other; }

TextPool& TextPool::operator=(const TextPool& other) {
  if (this == &other) return *this;
  texts_.clear();
  ids_.clear();
  for (const std::string& t : other.texts_) Intern(t);
  return *this;
}

uint32_t TextPool::Intern(std::string_view text) {
  auto it = ids_.find(text);
  if (it != ids_.end()) return it->second;
  const uint32_t id = size();
  texts_.emplace_back(text);
  ids_.emplace(std::string_view(texts_.back()), id);
  return id;
}

std::optional<uint32_t> TextPool::Find(std::string_view text) const {
  auto it = ids_.find(text);
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

}  // namespace assess
