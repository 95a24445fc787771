// Tests of NumberVector (data/number_vector.h) and ColumnArena (data/column_arena.h): every
// encoding gives back, bit for bit, the double it was given, through widening, raised
// scales, the fall back to doubles, missing values, truncation and arenas.
#include "data/number_vector.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace assess::data {
namespace {

using Encoding = NumberVector::Encoding;

uint64_t Bits(double x) { return std::bit_cast<uint64_t>(x); }

// What a vector must give back: the doubles pushed, or NaN for missing values.
void ExpectHolds(const NumberVector& v, const std::vector<std::optional<double>>& expected) {
  ASSERT_EQ(v.size(), expected.size());
  std::vector<double> scratch(expected.size() + 1);
  const double* slice = v.Slice(0, expected.size(), scratch.data());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(testing::Message() << "value " << i);
    if (!expected[i]) {
      EXPECT_TRUE(std::isnan(v.At(i)));
      EXPECT_TRUE(std::isnan(slice[i]));
      continue;
    }
    EXPECT_EQ(Bits(v.At(i)), Bits(*expected[i])) << v.At(i) << " != " << *expected[i];
    EXPECT_EQ(Bits(slice[i]), Bits(*expected[i]));
  }
  // A slice that does not start at 0 decodes the same values.
  if (expected.size() > 1) {
    const double* tail = v.Slice(1, expected.size() - 1, scratch.data());
    for (std::size_t i = 1; i < expected.size(); ++i) {
      if (expected[i]) EXPECT_EQ(Bits(tail[i - 1]), Bits(*expected[i]));
    }
  }
}

ShortDecimal Decimal(const char* text) {
  ShortDecimal d;
  EXPECT_TRUE(ParseShortDecimal(text, &d)) << text;
  return d;
}

// Append joins vectors of any two encodings (the CSV reader's two parts): every value
// reads back bit for bit, missing ones too.
TEST(NumberVector, AppendKeepsEveryValueWhateverTheEncodings) {
  const std::vector<std::vector<std::optional<double>>> kinds = {
      {},
      {1.0, std::nullopt, -5.0},         // int8, scale 0
      {0.125, 300.5, std::nullopt},      // int16 / int32, scale 3
      {2147483647.0, -2147483647.0},     // int32 at the edge
      {1e300, 0.1 + 0.2, std::nullopt},  // doubles
      {123456.789012, 0.000001},         // a large scale
      {40000.0, 7.0, std::nullopt, -1.5},
  };
  for (const auto& a : kinds) {
    for (const auto& b : kinds) {
      NumberVector va, vb;
      for (const auto& x : a) x ? va.Push(*x) : va.PushMissing();
      for (const auto& x : b) x ? vb.Push(*x) : vb.PushMissing();
      va.Append(vb);
      std::vector<std::optional<double>> both = a;
      both.insert(both.end(), b.begin(), b.end());
      ExpectHolds(va, both);
    }
  }
}

TEST(NumberVector, SmallWholeNumbersTakeOneByte) {
  NumberVector v;
  for (double x : {0.0, 1.0, -127.0, 127.0, 5.0}) v.Push(x);
  v.PushMissing();
  EXPECT_EQ(v.encoding(), Encoding::kInt8);
  EXPECT_EQ(v.scale(), 0);
  EXPECT_EQ(v.bytes(), 6u);
  ExpectHolds(v, {0.0, 1.0, -127.0, 127.0, 5.0, std::nullopt});
}

TEST(NumberVector, WidensAsMantissasGrowAndKeepsWhatItHeld) {
  struct Step {
    double x;
    Encoding after;
  };
  const Step steps[] = {
      {1, Encoding::kInt8},      {-128, Encoding::kInt16},  // -128 is int8's missing value
      {300, Encoding::kInt16},   {-32767, Encoding::kInt16},
      {70000, Encoding::kInt32}, {-2147483647, Encoding::kInt32},
      {3e9, Encoding::kDouble},  {2, Encoding::kDouble},
  };
  NumberVector v;
  std::vector<std::optional<double>> expected;
  for (const Step& s : steps) {
    v.Push(s.x);
    expected.push_back(s.x);
    v.PushMissing();
    expected.push_back(std::nullopt);
    EXPECT_EQ(v.encoding(), s.after) << s.x;
    ExpectHolds(v, expected);
  }
}

TEST(NumberVector, MoreDecimalsRaiseTheScale) {
  NumberVector v;
  v.PushDecimal(Decimal("87"));
  v.PushMissing();
  v.PushDecimal(Decimal("87.5"));
  EXPECT_EQ(v.scale(), 1);
  v.PushDecimal(Decimal("-0.125"));
  EXPECT_EQ(v.scale(), 3);
  EXPECT_EQ(v.encoding(), Encoding::kInt32);  // 87000 needs more than 16 bits
  v.PushDecimal(Decimal("3"));                // fewer decimals: stored as 3000
  v.Push(0.25);
  EXPECT_EQ(v.scale(), 3);
  ExpectHolds(v, {87.0, std::nullopt, 87.5, -0.125, 3.0, 0.25});
}

TEST(NumberVector, DecimalsAsWrittenKeepTheirScale) {
  // "80.50" is stored at scale 2 (its digits as written), so that a column of such values
  // takes the fast path every time.
  NumberVector v;
  for (const char* text : {"80.50", "1.25", "0.10", "-7.00"}) v.PushDecimal(Decimal(text));
  EXPECT_EQ(v.scale(), 2);
  EXPECT_EQ(v.encoding(), Encoding::kInt16);
  ExpectHolds(v, {80.5, 1.25, 0.1, -7.0});
}

TEST(NumberVector, ValuesNoMantissaHoldsTurnItIntoDoubles) {
  const double cases[] = {
      0.1 + 0.2,                                // 17 significant digits
      -0.0,                                     // would read back as +0.0
      1e300,                                    // too large
      4.9e-324,                                 // too small
      std::numeric_limits<double>::infinity(),  //
      0.123456789012,                           // 12 decimals: a mantissa above 2^31
      9007199254740993.0,                       // above 2^53
  };
  for (double x : cases) {
    SCOPED_TRACE(x);
    NumberVector v;
    v.PushDecimal(Decimal("12.5"));
    v.PushMissing();
    v.Push(x);
    EXPECT_EQ(v.encoding(), Encoding::kDouble);
    v.PushDecimal(Decimal("-3.75"));
    v.Push(7);
    ExpectHolds(v, {12.5, std::nullopt, x, -3.75, 7.0});
  }
}

TEST(NumberVector, ANaNOtherThanTheMissingOneIsKeptAsIs) {
  const double other_nan = std::bit_cast<double>(uint64_t{0x7ff8000000000123});
  NumberVector v;
  v.Push(1);
  v.Push(other_nan);
  v.Push(std::numeric_limits<double>::quiet_NaN());  // the missing value
  EXPECT_EQ(v.encoding(), Encoding::kDouble);
  EXPECT_EQ(Bits(v.At(1)), Bits(other_nan));
  EXPECT_TRUE(std::isnan(v.At(2)));
}

TEST(NumberVector, LongDecimalsAndExponentsReadBackExactly) {
  // Values ParseShortDecimal declines reach the vector as doubles (Push); those it takes,
  // as digits (PushDecimal). Both must read back as ParseNumber gives them.
  const char* texts[] = {"1.5e2",  "25e-2",        "0.000001", "123456.789", "1e-7",
                         "2.5E+3", "0.0000000001", "-4.25e1",  "99999.9999"};
  NumberVector v;
  std::vector<std::optional<double>> expected;
  for (const char* text : texts) {
    ShortDecimal d;
    if (ParseShortDecimal(text, &d)) {
      v.PushDecimal(d);
    } else {
      v.Push(*ParseNumber(text));
    }
    expected.push_back(*ParseNumber(text));
  }
  ExpectHolds(v, expected);
}

// Random decimal texts of every shape the data has, pushed by both paths in one vector and
// checked against ParseNumber: the vector's encoding changes many times on the way.
TEST(NumberVector, RandomDecimalsReadBackAsParseNumberGivesThem) {
  std::mt19937_64 rng(2024);
  for (int round = 0; round < 200; ++round) {
    NumberVector v;
    std::vector<std::optional<double>> expected;
    const int max_digits = 1 + static_cast<int>(rng() % 12);
    const int max_decimals = static_cast<int>(rng() % 7);
    for (int i = 0; i < 300; ++i) {
      if (rng() % 17 == 0) {
        v.PushMissing();
        expected.push_back(std::nullopt);
        continue;
      }
      const int digits = 1 + static_cast<int>(rng() % max_digits);
      std::string text = rng() % 4 == 0 ? "-" : "";
      for (int k = 0; k < digits; ++k) text += static_cast<char>('0' + rng() % 10);
      const int decimals = max_decimals == 0 ? 0 : static_cast<int>(rng() % (max_decimals + 1));
      if (decimals > 0) {
        text += '.';
        for (int k = 0; k < decimals; ++k) text += static_cast<char>('0' + rng() % 10);
      }
      if (rng() % 50 == 0) text += "e" + std::to_string(static_cast<int>(rng() % 9) - 4);
      const double x = *ParseNumber(text);
      ShortDecimal d;
      if (rng() % 2 == 0 && ParseShortDecimal(text, &d)) {
        v.PushDecimal(d);
      } else {
        v.Push(x);
      }
      expected.push_back(x);
    }
    SCOPED_TRACE(round);
    ExpectHolds(v, expected);
  }
}

TEST(NumberVector, TruncateThenPushAgain) {
  NumberVector v;
  v.PushDecimal(Decimal("1.5"));
  v.Push(2);
  v.Push(1e300);
  v.Truncate(2);
  v.PushDecimal(Decimal("-4"));
  ExpectHolds(v, {1.5, 2.0, -4.0});
}

TEST(ColumnArena, ReservedColumnsLiveInTheArenaAndGrowOutOfIt) {
  auto arena = std::make_shared<ColumnArena>(std::size_t{1} << 16);
  NumberVector v;
  v.Push(1);
  v.Reserve(1000, arena);
  std::vector<std::optional<double>> expected{1.0};
  for (int i = 0; i < 5000; ++i) {  // past the room reserved, and widened on the way
    const double x = i % 7 == 0 ? i * 1000.5 : i;
    v.Push(x);
    expected.push_back(x);
  }
  ExpectHolds(v, expected);
  const NumberVector copy = v;  // a copy is on the heap, and independent
  v.Truncate(1);
  ExpectHolds(copy, expected);
  arena.reset();  // the vectors keep the arena alive
  ExpectHolds(copy, expected);
  ExpectHolds(v, {1.0});
}

// Random sequences of every operation (pushes of decimals and doubles of every kind,
// missing values, truncations, reserves in and out of arenas, moves and copies) against a
// plain vector of the doubles pushed.
TEST(NumberVector, RandomOperationsKeepEveryValue) {
  std::mt19937_64 rng(2024);
  const char* const texts[] = {"0",
                               "-0",
                               "1",
                               "-1",
                               "127",
                               "-127",
                               "128",
                               "-128",
                               "32767",
                               "-32768",
                               "32768",
                               "2147483647",
                               "-2147483647",
                               "2147483648",
                               "0.5",
                               "-0.25",
                               "12.345",
                               "0.000000001",
                               "0.000000000000000001",
                               "9007199254740992",
                               "900719925474.0992",
                               "1.0000000000",
                               "99999.99999",
                               "-214748364.7",
                               "0.1",
                               "3"};
  const double doubles[] = {0.0,
                            -0.0,
                            1.0,
                            0.1,
                            1e300,
                            -1e-300,
                            2.5,
                            3e9,
                            -3e9,
                            1e-22,
                            123.456,
                            std::nan(""),
                            1.0 / 3,
                            -2147483647.0,
                            -2147483648.0,
                            2147483647.0,
                            std::numeric_limits<double>::infinity()};
  for (int trial = 0; trial < 400; ++trial) {
    NumberVector v;
    std::vector<std::optional<double>> expected;
    std::shared_ptr<ColumnArena> arena;
    const int ops = static_cast<int>(rng() % 60);
    for (int op = 0; op < ops; ++op) {
      switch (rng() % 9) {
        case 0:
        case 1:
        case 2: {
          const char* text = texts[rng() % std::size(texts)];
          v.PushDecimal(Decimal(text));
          expected.push_back(ParseNumber(text));
          break;
        }
        case 3: {
          std::string text = std::to_string(rng() % 100000) + "." + std::to_string(rng() % 1000);
          if (rng() % 2) text.insert(0, "-");
          ShortDecimal d;
          ASSERT_TRUE(ParseShortDecimal(text, &d));
          v.PushDecimal(d);
          expected.push_back(ParseNumber(text));
          break;
        }
        case 4: {
          const double x = doubles[rng() % std::size(doubles)];
          v.Push(x);
          expected.push_back(std::isnan(x) ? std::nullopt : std::optional<double>(x));
          break;
        }
        case 5:
          v.PushMissing();
          expected.push_back(std::nullopt);
          break;
        case 6: {
          const std::size_t n = expected.empty() ? 0 : rng() % (expected.size() + 1);
          v.Truncate(n);
          if (n < expected.size()) expected.resize(n);
          break;
        }
        case 7:
          if (rng() % 2) arena = std::make_shared<ColumnArena>(rng() % 4096);
          v.Reserve(expected.size() + rng() % 100, rng() % 2 ? arena : nullptr);
          break;
        case 8:
          if (rng() % 2) {
            NumberVector moved = std::move(v);
            v = std::move(moved);
          } else {
            NumberVector copy = v;
            v = copy;
          }
          arena.reset();
          break;
      }
      ASSERT_EQ(v.size(), expected.size());
    }
    SCOPED_TRACE(trial);
    // -0.0 reads back as -0.0 from a double, as +0.0 from a decimal (ParseNumber's value).
    ExpectHolds(v, expected);
  }
}

TEST(ColumnArena, AnEmptyArenaSendsEverythingToTheHeap) {
  auto arena = std::make_shared<ColumnArena>(0);
  ColumnVector<int> v{ArenaAllocator<int>(arena)};
  for (int i = 0; i < 1000; ++i) v.push_back(i);
  EXPECT_FALSE(arena->Owns(v.data()));
  EXPECT_EQ(v[999], 999);
}

// PushValues (a run at once, for columns built a column at a time) ends where a Push per
// value ends: the same encoding, scale and values, bit for bit, from any state, through
// raised scales, widening, missing values and the fall back to doubles.
TEST(NumberVector, PushValuesEndsWherePushEnds) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::mt19937_64 rng(5);
  const std::vector<double> edges = {kNaN,
                                     -0.0,
                                     0.0,
                                     1e300,
                                     0.1,
                                     1.0 / 3,
                                     2147483647,
                                     2147483648,
                                     -12.5,
                                     1e-9,
                                     std::numeric_limits<double>::infinity(),
                                     99};
  for (int trial = 0; trial < 400; ++trial) {
    std::vector<double> before, run;
    const int scale = static_cast<int>(rng() % 4);
    const double unit = std::pow(10.0, scale);
    const int n_before = static_cast<int>(rng() % 5) + (trial % 5 == 1 ? 1 : 0);
    for (int i = 0; i < n_before; ++i) {
      before.push_back(static_cast<double>(rng() % 2000) / unit - 1000 / unit);
    }
    if (trial % 5 == 1) before.push_back(1 / unit);  // the scale itself
    const int n = static_cast<int>(rng() % 300);
    const int edge_every = trial % 3 == 0 ? 0 : static_cast<int>(rng() % 50) + 1;
    for (int i = 0; i < n; ++i) {
      if (edge_every != 0 && rng() % edge_every == 0) {
        run.push_back(edges[rng() % edges.size()]);
      } else {
        // Every fifth run within the scale it starts at (PushValues' one-pass case).
        const int s = static_cast<int>(rng() % (trial % 5 == 1 ? scale + 1 : 5));
        run.push_back(static_cast<double>(static_cast<int64_t>(rng() % 200000) - 100000) /
                      std::pow(10.0, s));
      }
    }
    NumberVector one, all;
    for (double x : before) {
      one.Push(x);
      all.Push(x);
    }
    for (double x : run) one.Push(x);
    all.PushValues(run.data(), run.size());
    ASSERT_EQ(all.size(), one.size()) << trial;
    ASSERT_EQ(all.encoding(), one.encoding()) << trial;
    ASSERT_EQ(all.scale(), one.scale()) << trial;
    for (std::size_t i = 0; i < one.size(); ++i) {
      ASSERT_EQ(Bits(all.At(i)), Bits(one.At(i))) << trial << " " << i << " " << one.At(i);
    }
  }
}

// Shared values are read where they are (Slice gives a pointer into them), kept alive by
// their owner while the vector shares them, and copied before the vector changes: a push,
// a Truncate or an Append onto it keeps every value, and lets the owner go.
TEST(NumberVector, SharedValuesAreReadWhereTheyAreAndCopiedBeforeAChange) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (int change = 0; change < 3; ++change) {
    SCOPED_TRACE(change);
    auto values = std::make_shared<std::vector<double>>(std::vector<double>{1.5, nan, -2, 1e300});
    std::weak_ptr<std::vector<double>> watch = values;
    NumberVector v;
    v.Push(7);
    v.Share(values->data(), values->size(), true, values);
    values.reset();
    ASSERT_FALSE(watch.expired());  // the vector keeps its owner
    EXPECT_TRUE(v.shared());
    EXPECT_EQ(v.size(), 4u);
    EXPECT_EQ(v.encoding(), Encoding::kDouble);
    double scratch[4];
    EXPECT_EQ(v.Slice(0, 4, scratch), watch.lock()->data());
    EXPECT_EQ(v.At(0), 1.5);
    EXPECT_TRUE(std::isnan(v.At(1)));
    NumberVector other;
    other.Push(3);
    switch (change) {
      case 0:
        v.Push(0.25);
        break;
      case 1:
        v.Truncate(3);
        break;
      default:
        v.Append(other);
        break;
    }
    EXPECT_FALSE(v.shared());
    EXPECT_TRUE(watch.expired());
    EXPECT_EQ(v.size(), change == 1 ? 3u : 5u);
    EXPECT_EQ(v.At(0), 1.5);
    EXPECT_TRUE(std::isnan(v.At(1)));
    EXPECT_EQ(v.At(2), -2);
    if (change != 1) {
      EXPECT_EQ(v.At(3), 1e300);
      EXPECT_EQ(v.At(4), change == 0 ? 0.25 : 3);
    }
  }
}

// Extreme of a range equals what decoding every value and comparing the doubles gives, in
// every encoding, with missing values anywhere, and is NaN with no value present.
TEST(NumberVector, ExtremeOfARangeIsTheExtremeOfItsDecodedValues) {
  std::mt19937_64 rng(11);
  // Values that keep a vector at one byte, two, four, and doubles; negatives and decimals.
  const std::vector<std::vector<double>> pools = {{-3, 0, 7, 1.5, -2.5, 9.9},
                                                  {-300, 1218.9, 1608, 0.1, -1e3},
                                                  {-70000.25, 123456.75, 5, -1},
                                                  {0.1 + 0.2, -1e300, 3.5, 2.0 / 3.0}};
  for (std::size_t p = 0; p < pools.size(); ++p) {
    for (const int missing_every : {0, 2, 7}) {
      SCOPED_TRACE(testing::Message() << "pool " << p << ", missing every " << missing_every);
      NumberVector v;
      std::vector<double> decoded;
      for (int i = 0; i < 3000; ++i) {
        if (missing_every > 0 && i % missing_every == 0) {
          v.PushMissing();
        } else {
          v.Push(pools[p][rng() % pools[p].size()]);
        }
      }
      EXPECT_EQ(v.encoding(), p == 0   ? Encoding::kInt8
                              : p == 1 ? Encoding::kInt16
                              : p == 2 ? Encoding::kInt32
                                       : Encoding::kDouble);
      decoded.resize(v.size());
      v.CopyTo(0, v.size(), decoded.data());
      for (const auto& [start, n] :
           {std::pair<std::size_t, std::size_t>{0, 3000}, {5, 1}, {17, 900}, {2999, 1}, {100, 0}}) {
        for (const bool max : {true, false}) {
          double want = max ? -std::numeric_limits<double>::infinity()
                            : std::numeric_limits<double>::infinity();
          std::size_t count = 0;
          for (std::size_t i = start; i < start + n; ++i) {
            if (std::isnan(decoded[i])) continue;
            ++count;
            want = max ? std::max(want, decoded[i]) : std::min(want, decoded[i]);
          }
          std::size_t present = 99;
          const double got = v.Extreme(start, n, max, &present);
          EXPECT_EQ(present, count) << start << "+" << n;
          if (count == 0) {
            EXPECT_TRUE(std::isnan(got));
          } else {
            EXPECT_EQ(Bits(got), Bits(want)) << start << "+" << n << (max ? " max" : " min");
          }
        }
      }
    }
  }
  NumberVector none;
  for (int i = 0; i < 10; ++i) none.PushMissing();
  std::size_t present = 99;
  EXPECT_TRUE(std::isnan(none.Extreme(0, 10, false, &present)));
  EXPECT_EQ(present, 0u);
}

}  // namespace
}  // namespace assess::data
