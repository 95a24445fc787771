// ScoreColumn keeps whole numbers of 10^-digits as 16- or 32-bit integers, chunk by chunk,
// and every value reads back bit for bit, whatever the chunk holds.
#include "eval/score_column.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "compile/program.h"

namespace assess::eval {
namespace {

uint64_t Bits(double x) {
  uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

// Stores `values` (one chunk, or several) and checks both ways of reading them back.
void ExpectRoundTrip(ScoreColumn& column, const std::vector<double>& values) {
  for (size_t first = 0; first < values.size(); first += compile::kChunk) {
    const int n = static_cast<int>(std::min<size_t>(compile::kChunk, values.size() - first));
    column.Store(first, values.data() + first, n);
  }
  for (size_t u = 0; u < values.size(); ++u) {
    EXPECT_EQ(Bits(column[u]), Bits(values[u])) << "unit " << u << ": " << values[u];
  }
  std::vector<double> loaded(compile::kChunk);
  for (size_t first = 0; first < values.size(); first += compile::kChunk) {
    const int n = static_cast<int>(std::min<size_t>(compile::kChunk, values.size() - first));
    column.Load(first, n, loaded.data());
    for (int i = 0; i < n; ++i) EXPECT_EQ(Bits(loaded[i]), Bits(values[first + i]));
  }
}

TEST(ScoreColumn, RoundedScoresAndNullsReadBackExactly) {
  std::vector<double> values;
  for (int k = -3000; k < 3000; ++k) values.push_back(k / 100.0);  // the doubles rounding gives
  values[17] = std::nan("");
  values.push_back(21474836.47);
  ScoreColumn column(values.size(), 2);
  ExpectRoundTrip(column, values);
}

TEST(ScoreColumn, ChunksThatDoNotFitAreKeptAsDoubles) {
  const double kError =
      compile::ErrorNaN(compile::MakePoison(3, compile::ErrorKind::kDivisionByZero));
  std::vector<double> values(3 * compile::kChunk + 5, 1.25);
  values[10] = 1.0 / 3;                  // not a whole number of hundredths
  values[compile::kChunk + 1] = kError;  // an error keeps its payload
  values[2 * compile::kChunk + 2] = -0.0;
  values[3 * compile::kChunk + 3] = 3e10;  // beyond 32 bits in hundredths
  ScoreColumn column(values.size(), 2);
  ExpectRoundTrip(column, values);
  EXPECT_TRUE(compile::IsErrorNaN(column[compile::kChunk + 1]));
}

TEST(ScoreColumn, StageOutputKeepsEveryValue) {
  std::vector<double> values = {1.0 / 3, 2.675, -0.0, 1e300, std::nan("")};
  ScoreColumn column(values.size(), -1);
  ExpectRoundTrip(column, values);
}

TEST(ScoreColumn, ZeroDigitsMeansWholeNumbers) {
  std::vector<double> values = {0, 1, -7, 100000, 2.5};  // 2.5 makes its chunk doubles
  ScoreColumn column(values.size(), 0);
  ExpectRoundTrip(column, values);
}

TEST(ScoreColumn, ChunksOfSixteenAndThirtyTwoBitCodesReadBackExactly) {
  // 327.67 is the largest score of two decimals that 16 bits hold; -327.67 the smallest
  // (-327.68 would be the null code). Each chunk holds one value beyond its neighbour's.
  std::vector<double> values(4 * compile::kChunk, 0.5);
  values[5] = 327.67;
  values[6] = -327.67;
  values[compile::kChunk + 7] = 327.68;
  values[2 * compile::kChunk + 8] = -327.68;
  values[3 * compile::kChunk + 9] = std::nan("");
  values[3 * compile::kChunk + 10] = -21474836.46;
  ScoreColumn column(values.size(), 2);
  ExpectRoundTrip(column, values);
}

TEST(ScoreColumn, StoredCodesReadBackAsTheirScores) {
  std::vector<int32_t> codes(compile::kChunk);
  for (int i = 0; i < compile::kChunk; ++i) codes[i] = (i - 512) * 97;  // beyond 16 bits
  ScoreColumn column(compile::kChunk + 3, 2);
  column.StoreCodes(0, codes.data(), compile::kChunk);
  const int32_t small[3] = {1, -1, 32767};
  column.StoreCodes(compile::kChunk, small, 3);
  for (int i = 0; i < compile::kChunk; ++i) {
    EXPECT_EQ(Bits(column[i]), Bits(codes[i] / 100.0)) << i;
  }
  EXPECT_EQ(column[compile::kChunk], 0.01);
  EXPECT_EQ(column[compile::kChunk + 1], -0.01);
  EXPECT_EQ(column[compile::kChunk + 2], 327.67);
}

}  // namespace
}  // namespace assess::eval
