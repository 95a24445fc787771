// This file's external interface is PlainLineFeeds (plain_line_feeds.h).
#include "io/plain_line_feeds.h"

#include <algorithm>
#include <cstddef>

#if defined(__x86_64__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

namespace assess::io {

std::optional<uint64_t> PlainLineFeeds(const char* p, const char* end) {
  uint64_t n = 0;
#if defined(__x86_64__) && defined(__GNUC__)
  // 16 bytes at a time (SSE2, every x86-64 has it): a line feed subtracts -1 from its lane's
  // byte counter, which holds up to 255 of them, summed every 255 blocks; quotes and CRs
  // are gathered into one mask, looked at once per round.
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i cr = _mm_set1_epi8('\r');
  while (end - p >= 16) {
    const std::size_t blocks = std::min<std::size_t>(static_cast<std::size_t>(end - p) / 16, 255);
    __m128i counts = _mm_setzero_si128();
    __m128i odd = _mm_setzero_si128();
    for (std::size_t b = 0; b < blocks; ++b, p += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(v, lf));
      odd = _mm_or_si128(odd, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, cr)));
    }
    if (_mm_movemask_epi8(odd) != 0) return std::nullopt;
    const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());  // two 64-bit sums
    n += static_cast<uint64_t>(_mm_cvtsi128_si64(sums)) +
         static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  }
#endif
  for (; p < end; ++p) {
    if (*p == '"' || *p == '\r') return std::nullopt;
    n += *p == '\n';
  }
  return n;
}

}  // namespace assess::io
