// TextPool: interns texts as dense 32-bit ids, so that text columns, `==` on texts and
// `lookup` tables work on numbers. A scheme owns a pool of the texts it knows (literals,
// `values`, param tables); a batch copies it and adds the texts its data brings, so the
// scheme's ids stay valid in every batch.
#ifndef ASSESS_CORE_TEXT_POOL_H_
#define ASSESS_CORE_TEXT_POOL_H_

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace assess {

class TextPool {
 public:
  TextPool() = default;
  TextPool(const TextPool& other);
  TextPool& operator=(const TextPool& other);
  // noexcept, though std::deque's move allocates (a new empty map for the moved-from pool,
  // libstdc++): so that a vector of tables moves them when it grows (a reader's parts),
  // rather than copying every column. Out of memory there ends the process.
  TextPool(TextPool&&) noexcept = default;
  TextPool& operator=(TextPool&&) noexcept = default;

  uint32_t Intern(std::string_view text);
  std::optional<uint32_t> Find(std::string_view text) const;
  const std::string& Text(uint32_t id) const { return texts_[id]; }
  uint32_t size() const { return static_cast<uint32_t>(texts_.size()); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // A deque keeps the strings in place, so the map's keys can view them.
  std::deque<std::string> texts_;
  std::unordered_map<std::string_view, uint32_t, Hash, std::equal_to<>> ids_;
};

}  // namespace assess

#endif  // ASSESS_CORE_TEXT_POOL_H_
