// This file's external interface is UnitTableBuilder.
//
// How a unit is built: BeginUnit records the id, place and an empty error; the Set* calls
// check a cell and push its value onto its column at once; EndUnit finds a repeated id,
// pushes a default or a missing value onto every column that got no value, and reports
// missing required inputs. So every column gets exactly one value per unit. The first
// problem of a unit is its error (`failed_`), and every later call for that unit is
// ignored, so a bad unit costs no more than a good one. A unit in error keeps the values
// stored before its error and missing values after it (no defaults); readers of the table
// must look at `errors` first.
//
// is_set_[input] for the current unit: 0 nothing seen yet, 1 a value stored, 2 seen but
// missing. Only the first value of an input counts (a repeated CSV header name or JSON key).
//
// A unit without an id (ids[current_] empty) reports "no unit id" at EndUnit unless a row
// problem came first (RowError: "not an object", "N cells, the header has M"), which says
// more; its cells are not checked, since their messages could not name the unit.
//
// Numbers read from text take ParseShortDecimal when they can: the column then stores the
// digits as they are (number_vector.h), and the value is the one ParseNumber gives.
#include "data/unit_table_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "data/cell_parse.h"
#include "num/number_text.h"

// x86-64-v2 (the library's default, CMakeLists.txt) has these; elsewhere lists of whole
// numbers are read a byte at a time.
#if defined(__SSSE3__) && defined(__SSE4_1__)
#include <immintrin.h>
#define ASSESS_WHOLES_SSE 1
#else
#define ASSESS_WHOLES_SSE 0
#endif

namespace assess::data {
namespace {

// A double as a message shows it (ShortestText has no form for NaN and infinities).
std::string NumberShown(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return ShortestText(x);
}

// "101 is above the maximum 100", for an x that is not InRange.
std::string RangeProblem(const InputSpec& in, double x) {
  if (in.min && x < *in.min) {
    return fmt::format("{} is below the minimum {}", ShortestText(x), ShortestText(*in.min));
  }
  return fmt::format("{} is above the maximum {}", ShortestText(x), ShortestText(*in.max));
}

}  // namespace

UnitTableBuilder::UnitTableBuilder(const DataSpec& spec, SourceKind source, std::string source_name)
    : spec_(spec) {
  table_.texts = spec.texts;
  table_.source = source;
  table_.source_name = std::move(source_name);
  table_.columns.resize(spec.inputs.size());
  bounds_.resize(spec.inputs.size());
  types_.resize(spec.inputs.size());
  allowed_.resize(spec.inputs.size());
  for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
    const InputSpec& in = spec.inputs[i];
    types_[i] = in.type;
    if (in.type == InputType::kList) list_inputs_.push_back(i);
    for (uint32_t a : in.allowed) {
      const std::string& text = spec.texts.Text(a);  // the pool's deque keeps it in place
      const uint64_t word = text.empty() || text.size() > 8
                                ? ~0ULL
                                : number_text_internal::LoadUpTo8(text.data(), text.size());
      allowed_[i].push_back(AllowedText{text, word, a, IsValidUtf8(text)});
    }
    table_.columns[i].is_list_ = in.type == InputType::kList;
    by_field_.try_emplace(in.column, i);
    Bounds& b = bounds_[i];
    b.lo = in.min ? *in.min : -std::numeric_limits<double>::infinity();
    b.hi = in.max ? *in.max : std::numeric_limits<double>::infinity();
    b.lo_none = !in.min;
    b.lo_zero = in.min && *in.min == 0;
    b.lo_ceil =
        in.min && *in.min >= 0 && *in.min < 0x1p31 ? static_cast<int64_t>(std::ceil(*in.min)) : -1;
    b.hi_none = !in.max;
    b.hi_whole = -1;
    if (in.max && *in.max >= 0 && *in.max < 0x1p31 && std::trunc(*in.max) == *in.max) {
      b.hi_whole = static_cast<int64_t>(*in.max);
    }
    // A whole number is at or above lo when at or above ceil(lo), at or below hi when at or
    // below floor(hi) (a NaN bound excludes nothing, as in InRange).
    b.whole_lo = b.lo > 0 ? static_cast<int64_t>(std::ceil(std::min(b.lo, 0x1p32))) : 0;
    b.whole_hi = b.hi < 0        ? -1
                 : b.hi < 0x1p32 ? static_cast<int64_t>(std::floor(b.hi))
                                 : 0xFFFFFFFF;
  }
  // Memory sources (the API, embedded tests) may name a field by the input's name as well;
  // a column name wins over an input name.
  if (source == SourceKind::kMemory) {
    for (std::size_t i = 0; i < spec.inputs.size(); ++i)
      by_field_.try_emplace(spec.inputs[i].name, i);
  }
  is_set_.assign(spec.inputs.size(), kUnseen);
  deferred_.assign(spec.inputs.size(), 0);
}

std::optional<std::size_t> UnitTableBuilder::FindInput(std::string_view field) const {
  auto it = by_field_.find(std::string(field));
  if (it == by_field_.end()) return std::nullopt;
  return it->second;
}

void UnitTableBuilder::BeginUnitWithoutId(uint64_t row) { BeginUnit({}, row); }

void UnitTableBuilder::BeginUnit(std::string_view id, uint64_t row) {
  if (in_unit_) EndUnit();
  id = TrimSpaces(id);
  current_ = table_.ids.size();
  const bool valid = IsValidUtf8(id);
  table_.ids.emplace_back(valid ? std::string(id) : ShownValue(id));
  table_.rows.push_back(row);
  std::fill(is_set_.begin(), is_set_.end(), kUnseen);
  stored_ = 0;
  in_unit_ = true;
  failed_ = false;
  accepting_ = !id.empty();
  if (id.empty()) return;
  const std::string& stored = table_.ids[current_];
  if (!valid) {
    Fail(fmt::format("data error: unit {} ({}): {}", stored, table_.PlaceOf(current_), kIdNotUtf8));
    return;
  }
  seen_ids_.Prepare(stored);  // looked up at EndUnit (see unit_id_set.h)
}

void UnitTableBuilder::Fail(std::string message) {
  if (failed_) return;
  table_.errors.Set(current_, std::move(message));
  failed_ = true;
  accepting_ = false;
}

std::string UnitTableBuilder::CellPlace(std::string_view field) const {
  const std::string row = table_.RowText(current_);
  switch (table_.source) {
    case SourceKind::kCsv:
      return fmt::format("row {}, column \"{}\"", row, field);
    case SourceKind::kJson:
      return fmt::format("[{}].{}", row, field);
    case SourceKind::kJsonLines:
      return fmt::format("line {}, field {}", row, field);
    case SourceKind::kMemory:
      return fmt::format("unit #{}, field {}", row, field);
    case SourceKind::kXlsx: {
      const auto it = cell_columns_.find(field);
      if (it == cell_columns_.end()) {
        return fmt::format("sheet {}, row {}, column \"{}\"", sheet_, row, field);
      }
      return fmt::format("sheet {}, cell {}{}, column \"{}\"", sheet_, it->second, row, field);
    }
  }
  return {};
}

void UnitTableBuilder::NameCells(std::string sheet,
                                 std::unordered_map<std::string, std::string> cell_columns) {
  sheet_ = std::move(sheet);
  cell_columns_.clear();
  for (auto& [field, column] : cell_columns) cell_columns_.emplace(field, std::move(column));
}

void UnitTableBuilder::SetBad(std::size_t input, std::string_view problem, std::string_view field) {
  if (!TakesValue(input)) return;
  Fail(fmt::format("data error: unit {}, input {}: {} ({})", table_.ids[current_],
                   spec_.inputs[input].name, problem, CellPlace(field)));
}

void UnitTableBuilder::SetMissing(std::size_t input) {
  if (!TakesValue(input)) return;
  is_set_[input] = kSeenMissing;
}

void UnitTableBuilder::MapColumns(std::vector<std::pair<std::size_t, std::size_t>> columns,
                                  std::vector<std::string> fields) {
  row_cells_.clear();
  for (const auto& [column, input] : columns) {
    const Bounds& b = bounds_[input];
    const InputType type = types_[input];
    const bool fast = (type == InputType::kNumber || type == InputType::kInteger) &&
                      (b.lo_none || b.lo_ceil >= 0) && (b.hi_none || b.hi_whole >= 0);
    row_cells_.push_back(
        RowCell{column, input, type, fast ? &table_.columns[input].values_ : nullptr});
  }
  row_fields_ = std::move(fields);
}

namespace {

inline bool IsSpaceChar(char c) { return c == ' ' || c == '\t'; }

// The id of the entry of `allowed` (an input's `values`) equal to `text` when that is 1 to 8
// bytes long, else -1. The texts are compared as words, all of them, without a branch per
// value: which one matches is as random as the data. (A template: AllowedText is the
// builder's own type.)
template <class Allowed>
inline int64_t FindAllowedWord(const std::vector<Allowed>& allowed, std::string_view text) {
  if (text.empty() || text.size() > 8) return -1;
  const uint64_t word = number_text_internal::LoadUpTo8(text.data(), text.size());
  int64_t found = -1;
  for (const Allowed& a : allowed) {
    const bool same = a.word == word && a.text.size() == text.size() && a.valid_utf8;
    found = same ? a.id : found;
  }
  return found;
}

// a == b, without a call to memcmp for the short texts of `values` lists.
inline bool SameText(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  if (a.size() <= 8) {
    return number_text_internal::LoadUpTo8(a.data(), a.size()) ==
           number_text_internal::LoadUpTo8(b.data(), b.size());
  }
  return std::memcmp(a.data(), b.data(), a.size()) == 0;
}

#if ASSESS_WHOLES_SSE
// ReadShortWholes's tables, made by the compiler.
//
// An element is read from the 4 bytes before its end (its ';', or the lane after the text),
// the last first, gathered by pshufb into a 32-bit lane (the units digit in the lowest
// byte), those before its start left out (zero). The ends are taken 8 lanes at a time, at
// most 4 of them (a digit comes before each end), from the 16 bytes that start 8 lanes
// before them; which bytes to gather follows from the ends of those 8 lanes and of the 4
// before them (where the first element may start): 12 bits, `pattern`. control[id[pattern]]
// is the pshufb control (lanes after the last element repeat the first, which changes
// neither the least nor the greatest). The patterns without two ends side by side (the
// only ones a list that passes the checks has) need 178 controls; the others, and those
// without an end in the 8 lanes, have id 0.
struct WholesTables {
  std::uint8_t id[4096];
  alignas(16) std::uint8_t control[192][16];
  std::uint8_t count[192];  // the elements that control[i] reads
  // 16 bytes from slide + 16 + k: the pshufb control whose lane j takes lane j + k (k may be
  // negative), and zero where that is not in 0..15.
  alignas(16) std::uint8_t slide[48];
};

constexpr WholesTables MakeWholesTables() {
  WholesTables t{};
  for (auto& b : t.control[0]) b = 0x80;
  int controls = 1;
  for (int pattern = 0; pattern < 4096; ++pattern) {
    if ((pattern & pattern >> 1) != 0 || (pattern >> 4) == 0) continue;
    std::uint8_t c[16] = {};
    int k = 0;
    int start = -5;  // the lane after the last end (lanes -4..7 are the pattern's bits 0..11)
    for (int lane = -4; lane < 8; ++lane) {
      if ((pattern >> (lane + 4) & 1) == 0) continue;
      if (lane >= 0 && k < 4) {
        for (int b = 0; b < 4; ++b) {  // byte b: lane - 1 - b, at 8 + lane - 1 - b in the 16
          const int from = lane - 1 - b;
          c[4 * k + b] = from >= start ? static_cast<std::uint8_t>(8 + from) : 0x80;
        }
        ++k;
      }
      start = lane + 1;
    }
    for (int i = 4 * k; i < 16; ++i) c[i] = c[i % 4];
    int id = 0;
    while (id < controls) {
      bool same = true;
      for (int i = 0; i < 16; ++i) same = same && t.control[id][i] == c[i];
      if (same) break;
      ++id;
    }
    if (id == controls) {
      if (controls == 192) throw "more controls than room";  // at compile time: an error
      for (int i = 0; i < 16; ++i) t.control[id][i] = c[i];
      t.count[id] = static_cast<std::uint8_t>(k);
      ++controls;
    }
    t.id[pattern] = static_cast<std::uint8_t>(id);
  }
  for (int i = 0; i < 48; ++i)
    t.slide[i] = i >= 16 && i < 32 ? static_cast<std::uint8_t>(i - 16) : 0x80;
  return t;
}

constexpr WholesTables kWholesTables = MakeWholesTables();

__m128i LoadControl(const std::uint8_t* p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}

// The bytes of a text of 4 to 15 bytes in the first lanes, zeros after them, without reading
// a byte outside it (it may end where a page does): two loads of 8 (or 4) bytes, at its
// start and at its end, overlapping.
__m128i ShortText(const char* p, std::size_t size) {
  if (size >= 8) {
    const __m128i head = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
    const __m128i tail = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p + size - 8));
    return _mm_or_si128(head, _mm_shuffle_epi8(tail, LoadControl(kWholesTables.slide + 24 - size)));
  }
  std::uint32_t head, tail;
  std::memcpy(&head, p, 4);
  std::memcpy(&tail, p + size - 4, 4);
  return _mm_or_si128(_mm_cvtsi32_si128(static_cast<int>(head)),
                      _mm_shuffle_epi8(_mm_cvtsi32_si128(static_cast<int>(tail)),
                                       LoadControl(kWholesTables.slide + 20 - size)));
}

// The last `left` (0..15) bytes of a text of 16 bytes or more that ends at `end`, in the
// first lanes, zeros after them: its last 16 bytes moved down.
__m128i TextTail(const char* end, std::size_t left) {
  const __m128i last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(end - 16));
  return _mm_shuffle_epi8(last, LoadControl(kWholesTables.slide + 32 - left));
}

// What ReadShortWholes returns for a text with an element of 5 digits or more, which the
// byte loop reads.
constexpr std::size_t kLongElement = std::numeric_limits<std::size_t>::max();

// ReadWholes of a text of 4 to 511 bytes (so at most 256 elements) whose elements have up to
// 4 digits, 32 bytes at a time (two registers: one step for most lists); kLongElement when
// an element is longer; 0 for any text that is not such a list (as the byte loop: 0 for
// exactly these).
//
// The 32 lanes of a step (in the last: the bytes left, zeros after them) are checked on
// their bit masks: every byte a digit or a ';'; no two ends side by side, counting the
// lane before the text as one (so no empty element, no ';' at either end); no 5 digits in
// a row, also across steps. The elements are then read 4 at a time (WholesTables), their
// values made by two multiply-adds, stored (up to 3 values past the last element are
// written) and kept in the least and the greatest.
//
// No byte outside the text is read (it is a view into a larger buffer or a Python str, and
// may end where a page does): whole registers are loaded only while 16 bytes are left, and
// the last bytes by TextTail (the 16 before the end) or ShortText.
std::size_t ReadShortWholes(const char* p, std::size_t size, std::uint32_t* out,
                            std::uint32_t& least, std::uint32_t& greatest) {
  const __m128i semicolon = _mm_set1_epi8(';');
  const __m128i low = _mm_set1_epi8(0x0F);
  const __m128i tens = _mm_set1_epi16(0x0A01);        // bytes 1, 10
  const __m128i hundreds = _mm_set1_epi32(0x640001);  // 16-bit 1, 100
  __m128i lo = _mm_set1_epi32(-1);
  __m128i hi = _mm_setzero_si128();
  std::size_t n = 0;
  // The elements ending in 8 lanes, from the 16 bytes that start 8 lanes before them;
  // `pattern`: the ends of those 8 lanes and of the 4 before them.
  auto read_ends = [&](__m128i from, unsigned pattern) __attribute__((always_inline)) {
    const unsigned id = kWholesTables.id[pattern];
    const __m128i w = _mm_shuffle_epi8(
        from, _mm_load_si128(reinterpret_cast<const __m128i*>(kWholesTables.control[id])));
    const __m128i v = _mm_madd_epi16(_mm_maddubs_epi16(_mm_and_si128(w, low), tens), hundreds);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + n), v);
    lo = _mm_min_epu32(lo, v);
    hi = _mm_max_epu32(hi, v);
    n += kWholesTables.count[id];
  };
  // Digits 0x30..0x39 moved to -128..-119, below every other byte.
  auto digit_bits = [](__m128i x) __attribute__((always_inline)) {
    return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmplt_epi8(
        _mm_add_epi8(x, _mm_set1_epi8(static_cast<char>(0x80 - '0'))), _mm_set1_epi8(-118))));
  };
  auto sep_bits = [&](__m128i x) __attribute__((always_inline)) {
    return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, semicolon)));
  };
  // The ends and digits of the 32 lanes read last (bits 28..31: the 4 lanes before the next).
  std::uint64_t ends = std::uint64_t{1} << 31;  // the lane before the text is an end
  std::uint64_t digits = 0;
  // 32 lanes (x0, x1) after `prev`: the text's lanes `valid`, and `after` the lane after it
  // when in them. Whether they read as a list: kRead, kNotWholes, kLong.
  enum Step { kRead, kNotWholes, kLong };
  auto step = [&](__m128i prev, __m128i x0, __m128i x1, std::uint64_t valid, std::uint64_t after)
      __attribute__((always_inline)) {
    const std::uint64_t seps = sep_bits(x0) | std::uint64_t{sep_bits(x1)} << 16;
    const std::uint64_t these = digit_bits(x0) | std::uint64_t{digit_bits(x1)} << 16;
    // Bit i: lane i - 4 is an end (the 4 lanes before these from the 32 before).
    const std::uint64_t e = (seps | after) << 4 | ends >> 28;
    const std::uint64_t run = these << 4 | digits >> 28;
    const std::uint64_t two = run & run >> 1;
    if ((seps | these) != valid || (e & e >> 1) != 0) return kNotWholes;
    if ((two & two >> 2 & run >> 4) != 0) return kLong;
    if ((e >> 4 & 0xFF) != 0) read_ends(_mm_alignr_epi8(x0, prev, 8), e & 0xFFF);
    if ((e >> 12 & 0xFF) != 0) read_ends(x0, e >> 8 & 0xFFF);
    if ((e >> 20 & 0xFF) != 0) read_ends(_mm_alignr_epi8(x1, x0, 8), e >> 16 & 0xFFF);
    if ((e >> 28 & 0xFF) != 0) read_ends(x1, e >> 24 & 0xFFF);
    ends = seps;
    digits = these;
    return kRead;
  };
  const __m128i zero = _mm_setzero_si128();
  Step read;
  if (size < 32) {  // most lists: one step
    const std::uint64_t after = std::uint64_t{1} << size;
    if (size < 16) {
      read = step(zero, ShortText(p, size), zero, after - 1, after);
    } else {
      read = step(zero, _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)),
                  TextTail(p + size, size - 16), after - 1, after);
    }
  } else {
    __m128i prev = zero;  // its bytes before an end are never read
    for (std::size_t at = 0;; at += 32) {
      const std::size_t left = size - at;
      if (left >= 32) {
        const __m128i x0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
        const __m128i x1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at + 16));
        read = step(prev, x0, x1, 0xFFFFFFFF, 0);
        if (read != kRead) break;
        prev = x1;
        continue;
      }
      const std::uint64_t after = std::uint64_t{1} << left;
      if (left >= 16) {
        read = step(prev, _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at)),
                    TextTail(p + size, left - 16), after - 1, after);
      } else {
        read = step(prev, TextTail(p + size, left), zero, after - 1, after);
      }
      break;
    }
  }
  if (read != kRead) return read == kLong ? kLongElement : 0;
  lo = _mm_min_epu32(lo, _mm_shuffle_epi32(lo, 0x4E));
  lo = _mm_min_epu32(lo, _mm_shuffle_epi32(lo, 0xB1));
  hi = _mm_max_epu32(hi, _mm_shuffle_epi32(hi, 0x4E));
  hi = _mm_max_epu32(hi, _mm_shuffle_epi32(hi, 0xB1));
  least = static_cast<std::uint32_t>(_mm_cvtsi128_si32(lo));
  greatest = static_cast<std::uint32_t>(_mm_cvtsi128_si32(hi));
  return n;
}
#endif

}  // namespace

// The loop of reading CSV rows. A number cell that ParseShortDecimalPrefix reads whole (the
// byte loop: on the cells of a few bytes that data has, measured 5% faster here than
// ParseShortDecimal's word path, and fewer instructions) and DecimalInRange accepts is stored
// right here; a list cell without spaces around it goes straight to SetListText, and a text
// cell that is one of its input's `values` is stored here too. Every other cell, and every
// problem, takes SetCell, which does what SetText does.
void UnitTableBuilder::SetRow(std::span<const std::string_view> cells) {
  const std::size_t n = cells.size();
  uint8_t* const is_set = is_set_.data();  // neither is resized here
  const RowCell* const row_cells = row_cells_.data();
  for (std::size_t k = 0; k < row_cells_.size() && accepting_; ++k) {
    const RowCell& rc = row_cells[k];
    if (rc.column >= n) break;  // missing trailing cells are empty
    if (is_set[rc.input] != kUnseen) continue;
    const std::string_view text = cells[rc.column];
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    if (rc.fast_values != nullptr) {
      // No test for spaces first: the parse takes a sign, digits and a point only, so a
      // cell with a space around it fails it (and SetCell trims it), as an empty one does.
      ShortDecimal d;
      if (begin != end && ParseShortDecimalPrefix(begin, end, &d) == end &&
          (d.scale == 0 || rc.type == InputType::kNumber) && DecimalInRange(bounds_[rc.input], d)) {
        rc.fast_values->PushDecimal(d);
        is_set[rc.input] = kStored;
        ++stored_;
        continue;
      }
    } else if (begin != end && !IsSpaceChar(*begin) && !IsSpaceChar(end[-1])) {
      if (rc.type == InputType::kList) {
        SetListText(rc.input, text, row_fields_[k]);
        continue;
      }
      if (rc.type == InputType::kText) {
        // One of the `values` (a grade, A-D), as SetTextText finds it first, without the
        // calls through SetCell; anything else goes there.
        const int64_t found = FindAllowedWord(allowed_[rc.input], text);
        if (found >= 0) {
          StoreWhole(rc.input, static_cast<uint64_t>(found));
          continue;
        }
      }
    }
    SetCell(rc.input, text, row_fields_[k]);
  }
}

void UnitTableBuilder::SetText(std::size_t input, std::string_view text, std::string_view field) {
  if (TakesValue(input)) SetCell(input, text, field);
}

// A cell as SetText reads it. Out of line, so that SetRow's loop around its own fast paths
// keeps its values in registers.
[[gnu::noinline]] void UnitTableBuilder::SetCell(std::size_t input, std::string_view text,
                                                 std::string_view field) {
  text = TrimSpaces(text);
  if (text.empty()) {
    is_set_[input] = kSeenMissing;
    return;
  }
  switch (types_[input]) {
    case InputType::kNumber:
    case InputType::kInteger: {
      ShortDecimal d;
      if (!ParseShortDecimal(text, &d)) {
        SetNumberTextSlow(input, text, field);
        return;
      }
      if (d.scale != 0 && types_[input] == InputType::kInteger && !IsWholeNumber(d.Value())) {
        BadCell(input, text, field);
        return;
      }
      if (!DecimalInRange(bounds_[input], d)) {
        OutOfRange(input, d.Value(), field);
        return;
      }
      table_.columns[input].values_.PushDecimal(d);
      SetStored(input);
      return;
    }
    case InputType::kList:
      SetListText(input, text, field);
      return;
    case InputType::kText:
      SetTextText(input, text, field);
      return;
    case InputType::kBoolean: {
      const std::optional<bool> b = ParseBoolean(text);
      if (!b) {
        BadCell(input, text, field);
        return;
      }
      SetBool(input, *b, field);
      return;
    }
  }
}

// Whether d.Value() is within min and max, mostly without computing it: a decimal is
// compared with a min of 0 by its sign, with another min L >= 0 by m >= ceil(L) x 10^scale,
// and with a whole max H by m <= H x 10^scale, which implies d.Value() <= H (rounding is
// monotone and H is a double; so is ceil(L)). Otherwise, and when that test fails (the
// value may still round onto the bound), the double decides.
[[gnu::always_inline]] inline bool UnitTableBuilder::DecimalInRange(const Bounds& b,
                                                                    const ShortDecimal& d) {
  static constexpr uint64_t kPow10[10] = {1,      10,      100,      1000,      10000,
                                          100000, 1000000, 10000000, 100000000, 1000000000};
  // A min L >= 0: a decimal at or above the whole number ceil(L) is at or above L.
  const bool lo_ok = b.lo_none || (b.lo_zero && (!d.negative || d.mantissa == 0)) ||
                     (!d.negative && b.lo_ceil >= 0 && d.scale <= 9 &&
                      d.mantissa >= static_cast<uint64_t>(b.lo_ceil) * kPow10[d.scale]);
  // A negative decimal is within a max of 0 or more (not a negative max: -1 > -5).
  const bool hi_ok = b.hi_none || (d.negative && b.hi >= 0) ||
                     (b.hi_whole >= 0 && d.scale <= 9 &&
                      d.mantissa <= static_cast<uint64_t>(b.hi_whole) * kPow10[d.scale]);
  if (lo_ok && hi_ok) return true;
  const double x = d.Value();
  return !(x < b.lo) && !(x > b.hi);
}

void UnitTableBuilder::BadCell(std::size_t input, std::string_view text, std::string_view field) {
  const InputType type = spec_.inputs[input].type;
  SetBad(
      input,
      fmt::format("bad {} \"{}\"", type == InputType::kList ? "list element" : InputTypeName(type),
                  ShownValue(text)),
      field);
}

void UnitTableBuilder::OutOfRange(std::size_t input, double x, std::string_view field) {
  SetBad(input, RangeProblem(spec_.inputs[input], x), field);
}

// Numbers ParseShortDecimal does not take: exponents, many digits, and bad ones.
void UnitTableBuilder::SetNumberTextSlow(std::size_t input, std::string_view text,
                                         std::string_view field) {
  const std::optional<double> v = ParseNumber(text);
  if (!v || (spec_.inputs[input].type == InputType::kInteger && !IsWholeNumber(*v))) {
    BadCell(input, text, field);
    return;
  }
  if (!InRange(input, *v)) {
    OutOfRange(input, *v, field);
    return;
  }
  table_.columns[input].values_.Push(*v);
  SetStored(input);
}

void UnitTableBuilder::SetTextText(std::size_t input, std::string_view text,
                                   std::string_view field) {
  const InputSpec& in = spec_.inputs[input];
  // A value of a few allowed ones is found faster by comparing than by hashing, and one
  // that is valid UTF-8 needs no check (a text's id is unique in the pool, so a match is
  // what Find would give). Short ones are compared as words (FindAllowedWord; SetRow looks
  // there first too).
  const std::vector<AllowedText>& allowed = allowed_[input];
  if (!allowed.empty() && text.size() <= 8) {
    const int64_t found = FindAllowedWord(allowed, text);
    if (found >= 0) {
      StoreWhole(input, static_cast<uint64_t>(found));
      return;
    }
  } else {
    for (const AllowedText& a : allowed) {
      if (SameText(a.text, text) && a.valid_utf8) {
        StoreWhole(input, a.id);
        return;
      }
    }
  }
  if (!IsValidUtf8(text)) {
    SetBad(input, fmt::format("bad text \"{}\" (not valid UTF-8)", ShownValue(text)), field);
    return;
  }
  std::optional<uint32_t> id;
  if (!in.allowed.empty()) {
    for (uint32_t a : in.allowed) {
      if (table_.texts.Text(a) == text) {
        id = a;
        break;
      }
    }
    if (!id) {
      std::string allowed;
      for (uint32_t a : in.allowed) {
        if (!allowed.empty()) allowed += ", ";
        allowed += spec_.texts.Text(a);
      }
      SetBad(input, fmt::format("unknown value \"{}\" (allowed: {})", ShownValue(text), allowed),
             field);
      return;
    }
  } else {
    // Look before interning, so that rejected values do not grow the pool.
    id = table_.texts.Find(text);
    if (!id) id = table_.texts.Intern(text);
  }
  StoreWhole(input, *id);
}

// Any other text (a sign, a space, a decimal point, an empty element, a ';' at the end, a
// 10-digit element, more than kMaxWholes elements) gives 0, and the general loop reads it.
// Texts of 4 to 511 bytes whose elements have at most 4 digits are read 32 bytes at a time
// (ReadShortWholes); the others, and those with a longer element, a byte at a time.
std::size_t UnitTableBuilder::ReadWholes(std::string_view text, std::uint32_t* out,
                                         std::uint32_t& least, std::uint32_t& greatest) {
#if ASSESS_WHOLES_SSE
  static_assert(kWholesRoom >= kMaxWholes + 3, "ReadShortWholes stores 4 values at a time");
  if (text.size() >= 4 && text.size() < 2 * kMaxWholes) {  // then at most kMaxWholes elements
    const std::size_t n = ReadShortWholes(text.data(), text.size(), out, least, greatest);
    if (n != kLongElement) return n;
  }
#endif
  return ReadWholesByByte(text, out, least, greatest);
}

// Out of line: ReadWholes, inlined into SetListText, stays small.
[[gnu::noinline]] std::size_t UnitTableBuilder::ReadWholesByByte(std::string_view text,
                                                                 std::uint32_t* out,
                                                                 std::uint32_t& least,
                                                                 std::uint32_t& greatest) {
  // Locals, not the references, in the loop: `out` may alias them for all the compiler knows.
  std::uint32_t lo = std::numeric_limits<std::uint32_t>::max(), hi = 0;
  std::size_t n = 0;
  std::uint32_t m = 0;
  int digits = 0;
  for (const char c : text) {
    const auto d = static_cast<unsigned char>(c - '0');
    if (d < 10) {
      m = m * 10 + d;
      ++digits;
      continue;
    }
    if (c != ';' || digits == 0 || digits > 9 || n + 1 == kMaxWholes) return 0;
    out[n++] = m;
    lo = m < lo ? m : lo;
    hi = m > hi ? m : hi;
    m = 0;
    digits = 0;
  }
  if (digits == 0 || digits > 9) return 0;  // empty, a ';' at the end, or too long
  out[n++] = m;
  least = m < lo ? m : lo;
  greatest = m > hi ? m : hi;
  return n;
}

// `a; b; c`. A bad element is reported before a value out of range, whatever their order.
// The common list, whole numbers (ReadWholes), is read, checked and pushed at once; any
// other (or one with a value out of range, whose message the general loop gives) is read by
// SetListTextLoop. The range is an interval: when the least and the greatest are in it,
// every one is.
void UnitTableBuilder::SetListText(std::size_t input, std::string_view text,
                                   std::string_view field) {
  std::uint32_t wholes[kWholesRoom];
  std::uint32_t least = 0, greatest = 0;
  const std::size_t n = ReadWholes(text, wholes, least, greatest);
  const Bounds& b = bounds_[input];
  if (n > 0 && least >= b.whole_lo && greatest <= b.whole_hi) {
    table_.columns[input].elements_.PushWholes(wholes, n, greatest);
    SetStored(input);
    return;
  }
  SetListTextLoop(input, text, field);
}

// The common case, plain decimals and semicolons only, is read and stored in one pass (and
// taken back if a value is out of range); any other list is read again by SetListTextSlow.
// Out of line, so that SetListText stays small.
[[gnu::noinline]] void UnitTableBuilder::SetListTextLoop(std::size_t input, std::string_view text,
                                                         std::string_view field) {
  NumberVector& elements = table_.columns[input].elements_;
  const std::size_t old_size = elements.size();
  const Bounds bounds = bounds_[input];  // a copy: the pushes below cannot change it
  const char* p = text.data();
  const char* const end = p + text.size();
  bool in_range = true;
  ShortDecimal out_of_range;
  while (true) {
    ShortDecimal d;
    p = ParseShortDecimalPrefix(p, end, &d);
    if (p == nullptr || (p != end && *p != ';')) {
      elements.Truncate(old_size);
      SetListTextSlow(input, text, field);
      return;
    }
    if (in_range && !DecimalInRange(bounds, d)) {
      in_range = false;
      out_of_range = d;
    }
    elements.PushDecimal(d);
    if (p == end) break;
    ++p;  // past the ';'
  }
  if (!in_range) {
    elements.Truncate(old_size);
    OutOfRange(input, out_of_range.Value(), field);
    return;
  }
  SetStored(input);
}

// Lists with spaces, exponents, long numbers or bad elements: each element is cut at its
// ';', trimmed and read by ParseNumber.
void UnitTableBuilder::SetListTextSlow(std::size_t input, std::string_view text,
                                       std::string_view field) {
  std::vector<double> values;
  std::string_view bad;
  if (!ParseNumberList(text, values, &bad)) {
    BadCell(input, bad, field);
    return;
  }
  for (double v : values) {
    if (!InRange(input, v)) {
      OutOfRange(input, v, field);
      return;
    }
  }
  NumberVector& elements = table_.columns[input].elements_;
  for (double v : values) elements.Push(v);
  SetStored(input);
}

void UnitTableBuilder::SetNumber(std::size_t input, double value, std::string_view field) {
  if (!TakesValue(input)) return;
  const InputSpec& in = spec_.inputs[input];
  if (!std::isfinite(value)) {
    SetBad(input, fmt::format("bad {} \"{}\"", InputTypeName(in.type), NumberShown(value)), field);
    return;
  }
  if (value == 0) value = 0;  // -0.0 reads as 0, as ParseNumber("-0") does
  switch (types_[input]) {
    case InputType::kInteger:
      if (!IsWholeNumber(value)) {
        SetBad(input, fmt::format("bad integer \"{}\"", ShortestText(value)), field);
        return;
      }
      [[fallthrough]];
    case InputType::kNumber: {
      if (!InRange(input, value)) {
        SetBad(input, RangeProblem(in, value), field);
        return;
      }
      table_.columns[input].values_.PushFinite(value);  // finite, and not -0.0 (above)
      SetStored(input);
      return;
    }
    case InputType::kBoolean:
      if (value != 0 && value != 1) {
        SetBad(input, fmt::format("bad boolean \"{}\"", ShortestText(value)), field);
        return;
      }
      SetBool(input, value == 1, field);
      return;
    case InputType::kText:
      SetText(input, ShortestText(value), field);  // 3 -> "3", 2.5 -> "2.5" (rule-language §16)
      return;
    case InputType::kList:
      SetList(input, std::span<const double>(&value, 1), field);  // a list of one
      return;
  }
}

void UnitTableBuilder::SetInteger(std::size_t input, int64_t value, std::string_view field) {
  if (!TakesValue(input)) return;
  const InputType type = types_[input];
  if (type == InputType::kText) {
    char buffer[24];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    SetCell(input, std::string_view(buffer, static_cast<std::size_t>(end - buffer)), field);
    return;
  }
  // Below 2^31 in magnitude a double holds it exactly, and PushDecimal stores what Push
  // of that double stores (scale 0 is the smallest at which it reads back).
  constexpr int64_t kSmall = int64_t{1} << 31;
  if ((type == InputType::kNumber || type == InputType::kInteger) && value > -kSmall &&
      value < kSmall) {
    const ShortDecimal d{static_cast<uint64_t>(value < 0 ? -value : value), 0, value < 0};
    if (DecimalInRange(bounds_[input], d)) {
      table_.columns[input].values_.PushDecimal(d);
      SetStored(input);
      return;
    }
  }
  SetNumber(input, static_cast<double>(value), field);
}

void UnitTableBuilder::SetBool(std::size_t input, bool value, std::string_view field) {
  if (!TakesValue(input)) return;
  const InputSpec& in = spec_.inputs[input];
  if (in.type != InputType::kBoolean) {
    SetBad(
        input,
        fmt::format("expected {}, got {}", InputTypeWithArticle(in.type), value ? "true" : "false"),
        field);
    return;
  }
  StoreWhole(input, value ? 1u : 0u);
}

void UnitTableBuilder::SetList(std::size_t input, std::span<const double> values,
                               std::string_view field) {
  if (!TakesValue(input)) return;
  const InputSpec& in = spec_.inputs[input];
  if (in.type != InputType::kList) {
    SetBad(input, fmt::format("expected {}, got a list", InputTypeWithArticle(in.type)), field);
    return;
  }
  // Whole numbers below 10^9 (raters' marks, a JSON list's usual elements) are pushed at
  // once, as SetListText pushes them: the same mantissas Push finds one value at a time.
  std::uint32_t wholes[kWholesRoom];
  std::uint32_t greatest = 0;
  bool all_wholes = values.size() <= kMaxWholes;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double v = values[i];
    if (!std::isfinite(v)) {
      SetBad(input, fmt::format("bad list element \"{}\"", NumberShown(v)), field);
      return;
    }
    if (!InRange(input, v)) {
      SetBad(input, RangeProblem(in, v), field);
      return;
    }
    if (all_wholes) {
      all_wholes = v >= 0 && v < 1e9;
      const auto m = static_cast<std::uint32_t>(all_wholes ? v : 0);
      all_wholes = all_wholes && static_cast<double>(m) == v;
      wholes[i] = m;
      greatest = std::max(greatest, m);
    }
  }
  NumberVector& elements = table_.columns[input].elements_;
  if (all_wholes) {
    elements.PushWholes(wholes, values.size(), greatest);
  } else {
    for (double v : values) elements.Push(v == 0 ? 0 : v);
  }
  SetStored(input);
}

bool UnitTableBuilder::SetListWholes(std::size_t input, std::span<const std::uint32_t> values,
                                     std::uint32_t least, std::uint32_t greatest) {
  if (!TakesValue(input)) return true;  // as SetList: nothing to do
  const Bounds& b = bounds_[input];
  if (values.empty() || types_[input] != InputType::kList || least < b.whole_lo ||
      greatest > b.whole_hi) {
    return false;
  }
  table_.columns[input].elements_.PushWholes(values.data(), values.size(), greatest);
  SetStored(input);
  return true;
}

void UnitTableBuilder::RowError(std::string_view problem) {
  if (!in_unit_ || failed_) return;
  const std::string& id = table_.ids[current_];
  if (id.empty()) {
    Fail(fmt::format("data error: {}: {}", table_.PlaceOf(current_), problem));
  } else {
    Fail(fmt::format("data error: unit {} ({}): {}", id, table_.PlaceOf(current_), problem));
  }
}

void UnitTableBuilder::EndUnit() {
  if (!in_unit_) return;
  // The first row of an id is the unit; a repeat is an error and no peer (rule-language §16). This
  // is the first problem of a repeat, whatever its cells held.
  if (!seen_ids_.Insert(table_.ids, current_)) {
    table_.errors.Set(current_, fmt::format("data error: unit {} ({}): duplicate unit id",
                                            table_.ids[current_], table_.PlaceOf(current_)));
    failed_ = true;
  }
  if (!failed_ && table_.ids[current_].empty()) {
    Fail(fmt::format("data error: {}: no unit id", table_.PlaceOf(current_)));
  }
  if (stored_ == spec_.inputs.size()) {
    // Every input has its value (the common case): only lists have more to record.
    for (std::size_t i : list_inputs_) table_.columns[i].PushList(/*missing=*/false);
  } else {
    // Inputs without a value get their default, or else a missing value (and an error when
    // required), up to the unit's first problem; after it, missing values.
    for (std::size_t i = 0; i < spec_.inputs.size(); ++i) {
      // A deferred input that the unit did not take: the unit has failed (or has no id, which
      // failed above), so it would get a missing value, which its caller pushes.
      if (deferred_[i] != 0) continue;
      const InputSpec& in = spec_.inputs[i];
      Column& col = table_.columns[i];
      const bool is_list = in.type == InputType::kList;
      if (is_set_[i] == kStored) {
        if (is_list) col.PushList(/*missing=*/false);
        continue;
      }
      bool missing = false;
      if (!failed_ && in.has_default) {
        if (is_list) {
          for (double v : in.default_list) col.elements_.Push(v);
        } else {
          col.values_.Push(in.default_value);
        }
      } else {
        missing = true;
        if (!failed_ && in.required) {
          const std::string_view field = table_.source == SourceKind::kMemory ? in.name : in.column;
          Fail(fmt::format("data error: unit {}: missing {} (required input, {})",
                           table_.ids[current_], in.name, CellPlace(field)));
        }
        if (!is_list) col.values_.PushMissing();
      }
      if (is_list) col.PushList(missing);
    }
  }
  in_unit_ = false;
  accepting_ = false;
  // Every 4096 units: the counter's cache line moves between threads rarely.
  if (units_counter_ != nullptr && ++units_uncounted_ == 4096) {
    units_counter_->fetch_add(units_uncounted_, std::memory_order_relaxed);
    units_uncounted_ = 0;
  }
}

void UnitTableBuilder::Reserve(std::size_t units) {
  table_.ids.reserve(units);
  table_.rows.reserve(units);
  seen_ids_.Reserve(units);
  // The columns' room, at their encodings so far, from one arena (column_arena.h).
  const std::size_t so_far = table_.ids.size();
  auto per_unit = [&](const Column& col) {
    return so_far == 0 ? std::size_t{1} : (col.elements_.size() + so_far - 1) / so_far;
  };
  constexpr std::size_t kAlign = 64;  // the arena's
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < spec_.inputs.size(); ++i) {
    const Column& col = table_.columns[i];
    if (types_[i] != InputType::kList) {
      bytes += col.values_.BytesFor(units) + kAlign;
    } else {
      bytes += units + (units + 1) * sizeof(uint32_t) +
               col.elements_.BytesFor(units * per_unit(col)) + 3 * kAlign;
    }
  }
  auto arena = std::make_shared<ColumnArena>(bytes);
  for (std::size_t i = 0; i < spec_.inputs.size(); ++i) {
    Column& col = table_.columns[i];
    if (types_[i] != InputType::kList) {
      col.values_.Reserve(units, arena);
      continue;
    }
    ReserveIn(col.list_missing_, units, arena);
    ReserveIn(col.offsets32_, units + 1, arena);
    col.elements_.Reserve(units * per_unit(col), arena);
  }
}

UnitTable UnitTableBuilder::Finish() {
  EndUnit();
  if (units_counter_ != nullptr) {
    units_counter_->fetch_add(units_uncounted_, std::memory_order_relaxed);
    units_uncounted_ = 0;
  }
  return std::move(table_);
}

}  // namespace assess::data
