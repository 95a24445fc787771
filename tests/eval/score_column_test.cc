// ScoreColumn keeps whole numbers of 10^-digits as 8-, 16- or 32-bit integers, chunk by
// chunk, and every value reads back bit for bit, whatever the chunk holds.
#include "eval/score_column.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <thread>
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

TEST(ScoreColumn, BoundsOfFewerThan255CodesMakeItNarrow) {
  // At two decimals [0, 2.52] allows codes 0..252, with a code's margin each side 255 bytes
  // (254 and the null); [0, 2.53] one more.
  EXPECT_EQ(ScoreColumn::BytesPerUnit(2, 0, 2.52), 1u);
  EXPECT_EQ(ScoreColumn::BytesPerUnit(2, 0, 2.53), 2u);
  EXPECT_EQ(ScoreColumn::BytesPerUnit(2, -1.26, 1.26), 1u);
  EXPECT_EQ(ScoreColumn::BytesPerUnit(0, 0, 100), 1u);
  EXPECT_EQ(ScoreColumn::BytesPerUnit(2, 0, std::numeric_limits<double>::infinity()), 2u);
  EXPECT_EQ(ScoreColumn::BytesPerUnit(-1, 0, 1), 8u);  // stage output: doubles
}

TEST(ScoreColumn, NarrowColumnReadsBackEveryScoreWithinItsBounds) {
  // Scores of a leaf with floor 1 and cap 3.5: every hundredth between, and nulls.
  std::vector<double> values;
  for (int k = 100; k <= 350; ++k) values.push_back(k / 100.0);
  for (int k = 350; k >= 100; --k) values.push_back(k / 100.0);
  values[7] = std::nan("");
  values.resize(3 * compile::kChunk, 2.5);
  ScoreColumn column(values.size(), 2, nullptr, 1, 3.5);
  ASSERT_EQ(ScoreColumn::BytesPerUnit(2, 1, 3.5), 1u);
  ExpectRoundTrip(column, values);
}

TEST(ScoreColumn, NarrowColumnKeepsChunksBeyondItsBoundsExactly) {
  // Bounds [0, 1.5]; each chunk but the first strays from them in its own way.
  const double kError =
      compile::ErrorNaN(compile::MakePoison(2, compile::ErrorKind::kDivisionByZero));
  std::vector<double> values(6 * compile::kChunk, 0.75);
  values[3] = 1.5;
  values[4] = 0;
  values[compile::kChunk + 1] = -0.02;        // below the floor (and its margin)
  values[2 * compile::kChunk + 2] = 2.55;     // above the cap, within 16 bits
  values[3 * compile::kChunk + 3] = 1000.25;  // beyond 16 bits
  values[4 * compile::kChunk + 4] = kError;   // doubles
  values[5 * compile::kChunk + 5] = 1.0 / 3;  // doubles
  ScoreColumn column(values.size(), 2, nullptr, 0, 1.5);
  ExpectRoundTrip(column, values);
  EXPECT_TRUE(compile::IsErrorNaN(column[4 * compile::kChunk + 4]));
}

TEST(ScoreColumn, NarrowColumnTakesTheCodesOfTheFastPath) {
  // What RoundEachInto does: the 16-bit codes written where Codes16Of says (the scratch,
  // for a narrow column), then FinishCodes.
  constexpr int n = compile::kChunk;
  ScoreColumn column(2 * n, 2, nullptr, 0, 2);
  int16_t scratch[n];
  int32_t codes[n];
  for (int chunk = 0; chunk < 2; ++chunk) {
    int16_t* codes16 = column.Codes16Of(chunk * n, scratch);
    ASSERT_EQ(codes16, scratch);
    int32_t hi = 0;
    for (int i = 0; i < n; ++i) {
      // The second chunk holds one code above the bounds' bytes (but within 16 bits).
      codes[i] = chunk == 1 && i == 9 ? 300 : i % 201;
      codes[i] = i == 5 ? ScoreColumn::kNullCode : codes[i];
      codes16[i] = i == 5 ? ScoreColumn::kNullCode16 : static_cast<int16_t>(codes[i]);
      hi = std::max(hi, codes[i]);
    }
    column.FinishCodes(chunk * n, codes16, codes, n, 0, hi);
  }
  for (int u = 0; u < 2 * n; ++u) {
    const int i = u % n;
    if (i == 5) {
      EXPECT_TRUE(std::isnan(column[u]));
      continue;
    }
    const int k = u == n + 9 ? 300 : i % 201;
    EXPECT_EQ(Bits(column[u]), Bits(k / 100.0)) << u;
  }
  // The writers' 16-bit codes: the first chunk's widened, the second's kept in 32 bits.
  std::vector<int16_t> widened(n);
  const int16_t* first = column.Codes16(0, n, widened.data());
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first[5], ScoreColumn::kNullCode16);
  EXPECT_EQ(first[200], 200);
  EXPECT_EQ(first[201], 0);
  EXPECT_EQ(column.Codes16(n, n, widened.data()), nullptr);
}

TEST(ScoreColumn, AChunkStoredAgainReadsBackItsLatestValues) {
  // Doubles, then 32-bit codes, then 16-bit codes, then doubles again, in one chunk: each
  // store drops what the one before kept wider.
  const std::vector<std::vector<double>> stores = {
      {1.0 / 3, 2.5}, {1000.25, -0.5}, {0.25, std::nan("")}, {-0.0, 1.75}};
  for (const bool narrow : {false, true}) {
    ScoreColumn column(2, 2, nullptr, 0, narrow ? 2 : std::numeric_limits<double>::infinity());
    for (const std::vector<double>& values : stores) {
      column.Store(0, values.data(), 2);
      for (size_t u = 0; u < 2; ++u) EXPECT_EQ(Bits(column[u]), Bits(values[u])) << narrow;
    }
  }
}

TEST(ScoreColumn, ThreadsStoringWideChunksAtOnceEachKeepTheirs) {
  // The table of wider chunks is made by whichever thread stores the first: threads that
  // race to make it must all find their chunks in the one that stays.
  constexpr int kThreads = 4;
  for (int round = 0; round < 50; ++round) {
    ScoreColumn column(kThreads * compile::kChunk, 2);
    std::vector<std::vector<double>> values(kThreads, std::vector<double>(compile::kChunk));
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      for (int i = 0; i < compile::kChunk; ++i) {
        // Thread t's chunk: 32-bit codes for the even threads, doubles for the odd.
        values[t][i] = t % 2 == 0 ? (100000 + 1000 * t + i) / 100.0 : (t + i) / 3.0;
      }
      threads.emplace_back([&, t] {
        column.Store(static_cast<size_t>(t) * compile::kChunk, values[t].data(), compile::kChunk);
      });
    }
    for (std::thread& th : threads) th.join();
    for (int t = 0; t < kThreads; ++t) {
      for (int i = 0; i < compile::kChunk; ++i) {
        ASSERT_EQ(Bits(column[static_cast<size_t>(t) * compile::kChunk + i]), Bits(values[t][i]))
            << "thread " << t << ", unit " << i << ", round " << round;
      }
    }
  }
}

}  // namespace
}  // namespace assess::eval
