// DecodeScaled: whole numbers k of 10^-scale, stored in 8, 16 or 32 bits, back to the
// doubles k / 10^scale, a chunk at a time. The evaluator decodes every compact input and
// score column through it, chunk after chunk. Internal to the library.
#ifndef ASSESS_DATA_DECODE_SCALED_H_
#define ASSESS_DATA_DECODE_SCALED_H_

#include <cstddef>
#include <cstdint>

namespace assess::data {

// out[i] = v[i] == missing ? NaN : v[i] / divisor (one exact division: the double nearest
// to the quotient), for i < n; with any_missing false no v[i] is `missing`. The loop is
// compiled for the build's baseline and for AVX2, picked at the first call: the same
// operations, so the same bits.
void DecodeScaled(const int8_t* v, std::size_t n, int8_t missing, bool any_missing, double divisor,
                  double* out);
void DecodeScaled(const int16_t* v, std::size_t n, int16_t missing, bool any_missing,
                  double divisor, double* out);
void DecodeScaled(const int32_t* v, std::size_t n, int32_t missing, bool any_missing,
                  double divisor, double* out);

}  // namespace assess::data

#endif  // ASSESS_DATA_DECODE_SCALED_H_
