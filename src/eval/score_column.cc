// This file's external interface is ScoreColumn's constructor, Store, StoreCodes and Load.
#include "eval/score_column.h"

#include <cmath>
#include <cstring>
#include <optional>

#if defined(__x86_64__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "data/decode_scaled.h"
#include "num/fast_round.h"

namespace assess::eval {
namespace {

bool Compact(int digits) { return digits >= 0 && digits <= 9; }

// out[i] = codes[i] - base (kNullCode8 for kNullCode16), for i < n; whether every code that
// is not null lies in [base, base + 254]. Every lane is written either way. This runs for
// every narrow node of every chunk, so it takes 16 codes at a time (GCC left the scalar loop,
// with its flag, unvectorized: 15 instructions a code, against 2 here).
bool NarrowCodes(const int16_t* codes, int n, int32_t base, uint8_t* out) {
  int i = 0;
  bool fits = true;
#if defined(__x86_64__) && defined(__GNUC__)
  const __m128i b = _mm_set1_epi16(static_cast<int16_t>(base));
  const __m128i null = _mm_set1_epi16(ScoreColumn::kNullCode16);
  const __m128i zero = _mm_setzero_si128(), greatest = _mm_set1_epi16(ScoreColumn::kNullCode8 - 1);
  // A lane is bad when it is no null and its d = code - base is below 0 or above 254.
  auto bad_lanes = [&](__m128i d, __m128i is_null) {
    return _mm_andnot_si128(is_null,
                            _mm_or_si128(_mm_cmpgt_epi16(zero, d), _mm_cmpgt_epi16(d, greatest)));
  };
  __m128i bad = zero;
  for (; i + 16 <= n; i += 16) {
    const __m128i c0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(codes + i));
    const __m128i c1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(codes + i + 8));
    // Saturating, so that a code far below the base stays below 0.
    const __m128i d0 = _mm_subs_epi16(c0, b), d1 = _mm_subs_epi16(c1, b);
    const __m128i n0 = _mm_cmpeq_epi16(c0, null), n1 = _mm_cmpeq_epi16(c1, null);
    bad = _mm_or_si128(bad, _mm_or_si128(bad_lanes(d0, n0), bad_lanes(d1, n1)));
    // The bytes: d saturated to [0, 255], or-ed with 255 where the code is null.
    const __m128i bytes = _mm_or_si128(_mm_packus_epi16(d0, d1), _mm_packs_epi16(n0, n1));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), bytes);
  }
  fits = _mm_movemask_epi8(bad) == 0;
#endif
  for (; i < n; ++i) {
    const bool null = codes[i] == ScoreColumn::kNullCode16;
    const int32_t d = int32_t{codes[i]} - base;
    fits &= null | (static_cast<uint32_t>(d) < ScoreColumn::kNullCode8);
    out[i] = null ? ScoreColumn::kNullCode8 : static_cast<uint8_t>(d);
  }
  return fits;
}

// out[i] = codes[i] + base (kNullCode16 for kNullCode8), for i < n: codes that NarrowCodes
// took.
void WidenCodes(const uint8_t* codes, std::size_t n, int32_t base, int16_t* out) {
  std::size_t i = 0;
#if defined(__x86_64__) && defined(__GNUC__)
  const __m128i b = _mm_set1_epi16(static_cast<int16_t>(base));
  const __m128i null = _mm_set1_epi8(static_cast<char>(ScoreColumn::kNullCode8));
  const __m128i null16 = _mm_set1_epi16(ScoreColumn::kNullCode16);
  const __m128i zero = _mm_setzero_si128();
  for (; i + 16 <= n; i += 16) {
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(codes + i));
    const __m128i is_null = _mm_cmpeq_epi8(c, null);
    const __m128i lo = _mm_add_epi16(_mm_unpacklo_epi8(c, zero), b);
    const __m128i hi = _mm_add_epi16(_mm_unpackhi_epi8(c, zero), b);
    const __m128i nlo = _mm_unpacklo_epi8(is_null, is_null);
    const __m128i nhi = _mm_unpackhi_epi8(is_null, is_null);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i),
                     _mm_or_si128(_mm_andnot_si128(nlo, lo), _mm_and_si128(nlo, null16)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i + 8),
                     _mm_or_si128(_mm_andnot_si128(nhi, hi), _mm_and_si128(nhi, null16)));
  }
#endif
  for (; i < n; ++i) {
    out[i] = codes[i] == ScoreColumn::kNullCode8 ? ScoreColumn::kNullCode16
                                                 : static_cast<int16_t>(base + codes[i]);
  }
}

// The base of a narrow column for scores in [lo, hi] at `digits` decimals: the least code
// they allow less one (a margin for the products' rounding), when the greatest plus one is
// at most 254 above it; nothing otherwise.
std::optional<int32_t> NarrowBase(int digits, double lo, double hi) {
  if (!Compact(digits) || !std::isfinite(lo) || !std::isfinite(hi) || lo > hi) return {};
  const double p = num_internal::kPow10[digits];
  const double least = std::floor(lo * p) - 1, greatest = std::ceil(hi * p) + 1;
  // Within 16 bits too, which the fast path's codes come in (FinishCodes).
  if (least <= INT16_MIN || greatest > INT16_MAX || greatest - least > 254) return {};
  return static_cast<int32_t>(least);
}

}  // namespace

WiderChunks::Table& WiderChunks::Made(std::size_t chunks) {
  Table* t = table_.load(std::memory_order_acquire);
  if (t != nullptr) return *t;
  auto made = std::make_unique<Table>(chunks);
  // Another thread may make it first, for another chunk: then its table is the one.
  if (table_.compare_exchange_strong(t, made.get(), std::memory_order_acq_rel)) {
    return *made.release();
  }
  return *t;
}

namespace {

// The chunk's block in `keep` (made if it has none), and none in `drop`.
template <class T, class U>
T* Keep(std::unique_ptr<T[]>& keep, std::unique_ptr<U[]>& drop) {
  drop.reset();
  if (!keep) keep = std::make_unique<T[]>(compile::kChunk);
  return keep.get();
}

}  // namespace

int32_t* WiderChunks::MakeWide(std::size_t chunk, std::size_t chunks) {
  Table& t = Made(chunks);
  return Keep(t.wide[chunk], t.doubles[chunk]);
}

double* WiderChunks::MakeDoubles(std::size_t chunk, std::size_t chunks) {
  Table& t = Made(chunks);
  return Keep(t.doubles[chunk], t.wide[chunk]);
}

std::size_t ScoreColumn::BytesPerUnit(int digits, double lo, double hi) {
  if (!Compact(digits)) return sizeof(double);
  return NarrowBase(digits, lo, hi) ? sizeof(uint8_t) : sizeof(int16_t);
}

ScoreColumn::ScoreColumn(std::size_t units, int digits,
                         const std::shared_ptr<data::ColumnArena>& arena, double lo, double hi)
    : units_(units) {
  compact_ = Compact(digits);
  if (compact_) {
    digits_ = digits;
    scale_ = num_internal::kPow10[digits];
    const std::optional<int32_t> base = NarrowBase(digits, lo, hi);
    const std::size_t bytes = units * BytesPerUnit(digits, lo, hi);
    void* room = arena ? arena->Allocate(bytes) : nullptr;
    if (room != nullptr) {
      arena_ = arena;
    } else {
      heap_codes_.reset(new uint8_t[bytes == 0 ? 2 : bytes]);  // not filled: Store writes it
      room = heap_codes_.get();
    }
    if (base) {
      base_ = *base;
      narrow_ = static_cast<uint8_t*>(room);
    } else {
      codes_ = static_cast<int16_t*>(room);
    }
  } else {
    plain_ = decltype(plain_)(units, data::UninitializedArenaAllocator<double>(arena));
  }
}

void ScoreColumn::Store(std::size_t first, const double* v, int n) {
  if (!compact_) {
    std::memcpy(plain_.data() + first, v, sizeof(double) * static_cast<std::size_t>(n));
    return;
  }
  // A value fits when it is NaN without payload (null), or a whole number k of 10^-digits
  // with |k| < 2^31 that reads back bit for bit (so never -0.0 or an ErrorNaN).
  int32_t codes[compile::kChunk];
  bool fits = true;
  for (int i = 0; i < n; ++i) {
    const double x = v[i];
    if (x != x) {
      fits &= !compile::IsErrorNaN(x);
      codes[i] = kNullCode;
      continue;
    }
    // Rounded to an integer inline (std::nearbyint is a libm call without SSE4.1): adding
    // and taking away 1.5 * 2^52 rounds any |t| < 2^51; larger values fail the test below.
    const double t = x * scale_;
    const double k = (t + 0x1.8p52) - 0x1.8p52;
    const bool ok = std::fabs(k) < 2147483647.0 && k / scale_ == x && !(x == 0 && std::signbit(x));
    fits &= ok;
    codes[i] = ok ? static_cast<int32_t>(k) : 0;
  }
  if (fits) {
    StoreCodes(first, codes, n);
    return;
  }
  double* block = wider_.MakeDoubles(first / compile::kChunk, Chunks());
  std::memcpy(block, v, sizeof(double) * static_cast<std::size_t>(n));
}

void ScoreColumn::StoreCodes(std::size_t first, const int32_t* codes, int n) {
  const std::size_t chunk = first / compile::kChunk;
  if (narrow_ != nullptr) {
    uint8_t* out = narrow_ + first;
    bool fits = true;
    for (int i = 0; i < n; ++i) {
      const bool null = codes[i] == kNullCode;
      const int64_t d = int64_t{codes[i]} - base_;
      fits &= null || (d >= 0 && d < kNullCode8);
      out[i] = null ? kNullCode8 : static_cast<uint8_t>(d);
    }
    if (fits) {
      wider_.Narrow(chunk);
      return;
    }
    std::memcpy(wider_.MakeWide(chunk, Chunks()), codes,
                sizeof(int32_t) * static_cast<std::size_t>(n));
    return;
  }
  // kNullCode (null) becomes kNullCode16; any other code must lie strictly between them.
  int32_t lo = 0, hi = 0;
  for (int i = 0; i < n; ++i) {
    const int32_t c = codes[i] == kNullCode ? 0 : codes[i];
    lo = c < lo ? c : lo;
    hi = c > hi ? c : hi;
  }
  if (lo > INT16_MIN && hi <= INT16_MAX) {
    wider_.Narrow(chunk);
    int16_t* out = codes_ + first;
    for (int i = 0; i < n; ++i) {
      out[i] = codes[i] == kNullCode ? kNullCode16 : static_cast<int16_t>(codes[i]);
    }
    return;
  }
  std::memcpy(wider_.MakeWide(chunk, Chunks()), codes,
              sizeof(int32_t) * static_cast<std::size_t>(n));
}

void ScoreColumn::FinishCodes(std::size_t first, const int16_t* codes16, const int32_t* codes,
                              int n, int32_t lo, int32_t hi) {
  const std::size_t chunk = first / compile::kChunk;
  // Every code is its 16 bits: a narrow column's chunk is narrow when each lies in its bytes.
  if (lo > INT16_MIN && hi <= INT16_MAX &&
      (narrow_ == nullptr || NarrowCodes(codes16, n, base_, narrow_ + first))) {
    wider_.Narrow(chunk);
    return;
  }
  std::memcpy(wider_.MakeWide(chunk, Chunks()), codes,
              sizeof(int32_t) * static_cast<std::size_t>(n));
}

void ScoreColumn::Load(std::size_t first, int n, double* out) const {
  if (!compact_) {
    std::memcpy(out, plain_.data() + first, sizeof(double) * static_cast<std::size_t>(n));
    return;
  }
  const std::size_t chunk = first / compile::kChunk;
  if (const double* block = wider_.Doubles(chunk)) {
    std::memcpy(out, block, sizeof(double) * static_cast<std::size_t>(n));
    return;
  }
  const auto count = static_cast<std::size_t>(n);
  if (const int32_t* w = wider_.Wide(chunk)) {
    data::DecodeScaled(w, count, kNullCode, /*any_missing=*/true, scale_, out);
    return;
  }
  if (narrow_ != nullptr) {
    // Through 16-bit codes: the same division as theirs, so the same bits.
    int16_t codes[compile::kChunk];
    WidenCodes(narrow_ + first, count, base_, codes);
    data::DecodeScaled(codes, count, kNullCode16, /*any_missing=*/true, scale_, out);
    return;
  }
  data::DecodeScaled(codes_ + first, count, kNullCode16, /*any_missing=*/true, scale_, out);
}

const int16_t* ScoreColumn::Codes16(std::size_t first, std::size_t n, int16_t* scratch) const {
  if (!compact_) return nullptr;
  const std::size_t chunk = first / compile::kChunk;
  if (wider_.Doubles(chunk) != nullptr || wider_.Wide(chunk) != nullptr) return nullptr;
  if (narrow_ == nullptr) return codes_ + first;
  WidenCodes(narrow_ + first, n, base_, scratch);
  return scratch;
}

}  // namespace assess::eval
