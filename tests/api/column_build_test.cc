// BatchBuilder's column build (src/api/batch.cc): numeric columns that no value of makes a
// problem are stored a column at a time after the units, the others cell by cell. On
// hostile columns (NaN, infinities, values out of range, fractions for integers, -0.0,
// values no mantissa holds, repeated, empty and non-UTF-8 ids, a unit failing before,
// between and after the clean columns), a batch built from columns must be the batch the
// same values give row by row (AddUnit / Set / SetMissing): the same ids, the same error
// for every unit (its first problem, in column order), the same stored value of every
// input, bit for bit, and the same results, on one part and on two (65,536 units or more).
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "api/api_impl.h"
#include "assess/batch.h"
#include "assess/results.h"
#include "eval/eval_test_util.h"

namespace assess {
namespace {

using testing::LoadScheme;

// a and b are required; c optional without a default (NaN is fine in it), d defaulted; e
// and f required and clean in every batch below (e first, f last), t a text between them.
constexpr const char* kScheme = R"(scheme: columns
inputs:
  a: {type: number, min: 0, max: 100}
  b: {type: integer, min: 0, max: 30}
  t: {type: text, values: [A, B], required: false}
  c: {type: number, required: false}
  d: {type: number, default: 5}
  e: {type: number}
  f: {type: number, min: 0}
indicators:
  - {id: x, points: 50, score: 'min(points, a / 2 + b)'}
  - {id: y, points: 50, score: 'min(points, e / 10 + d + f)'}
  - {id: z, points: 10, when: c > 0, score: 'min(points, c)'}
)";

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

struct Data {
  std::vector<std::string> ids;
  std::vector<std::string> names;            // the columns, in their order
  std::vector<std::vector<double>> numbers;  // per column (empty for the text column)
  std::vector<std::string> texts;            // column "t"
};

// `hostile`: how often a value of a, b, c or d is one that is a problem or an edge case.
Data Make(std::size_t n, double hostile, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  Data d;
  d.names = {"e", "a", "b", "t", "c", "d", "f"};
  d.numbers.resize(d.names.size());
  const std::vector<double> odd_numbers = {kNaN,  kInf, -kInf,   -0.0,       -1,   100.5,
                                           1e300, 0.1,  1.0 / 3, 123456.789, 1e-9, 2.5};
  for (std::size_t u = 0; u < n; ++u) {
    std::string id = "U" + std::to_string(u);
    const double r = unit(rng);
    if (r < hostile * 0.05) id = "U" + std::to_string(u / 2);  // a repeat (or the first)
    if (r > 1 - hostile * 0.02) id = "";
    if (r > 1 - hostile * 0.01) id = "\xff\xfe";
    d.ids.push_back(id);
    auto pick = [&](double fine) {
      return unit(rng) < hostile ? odd_numbers[rng() % odd_numbers.size()] : fine;
    };
    d.numbers[0].push_back(std::round(unit(rng) * 1e4) / 100);  // clean: deferred
    d.numbers[1].push_back(pick(std::round(unit(rng) * 1000) / 10));
    d.numbers[2].push_back(pick(static_cast<double>(rng() % 31)));
    d.texts.push_back(unit(rng) < hostile ? (rng() % 2 ? "C" : "") : (rng() % 2 ? "A" : "B"));
    d.numbers[4].push_back(pick(std::round(unit(rng) * 100) / 4));
    d.numbers[5].push_back(pick(static_cast<double>(rng() % 10)));
    d.numbers[6].push_back(static_cast<double>(rng() % 1000) / 8);  // clean: deferred
  }
  return d;
}

// `text_by_function`: column t through SetTextColumnView(input, size, function), which
// Build calls from its threads. `shared`: the ids through SetUnitIdViews, the number
// columns through SetColumnShared, each a copy that only the batch keeps once this returns.
Batch ByColumns(const Scheme& s, const Data& d, bool text_by_function = false,
                bool shared = false) {
  BatchBuilder b(s);
  if (shared) {
    const std::vector<std::string_view> ids(d.ids.begin(), d.ids.end());
    EXPECT_TRUE(b.SetUnitIdViews(ids).ok());
  } else {
    EXPECT_TRUE(b.SetUnitIds(d.ids).ok());
  }
  for (std::size_t c = 0; c < d.names.size(); ++c) {
    if (d.names[c] == "t" && text_by_function) {
      const std::vector<std::string>* texts = &d.texts;
      EXPECT_TRUE(b.SetTextColumnView("t", texts->size(), [texts](std::size_t u) {
                     return std::string_view((*texts)[u]);
                   }).ok());
    } else if (d.names[c] == "t") {
      EXPECT_TRUE(b.SetTextColumn("t", d.texts).ok());
    } else if (shared) {
      auto copy = std::make_shared<const std::vector<double>>(d.numbers[c]);
      EXPECT_TRUE(b.SetColumnShared(d.names[c], copy->data(), copy->size(), copy).ok());
    } else {
      EXPECT_TRUE(b.SetColumnView(d.names[c], d.numbers[c].data(), d.numbers[c].size()).ok());
    }
  }
  Expected<Batch> batch = b.Build();
  EXPECT_TRUE(batch.ok());
  return std::move(*batch);
}

Batch ByRows(const Scheme& s, const Data& d) {
  BatchBuilder b(s);
  for (std::size_t u = 0; u < d.ids.size(); ++u) {
    EXPECT_TRUE(b.AddUnit(d.ids[u]).ok());
    for (std::size_t c = 0; c < d.names.size(); ++c) {
      if (d.names[c] == "t") {
        EXPECT_TRUE(b.Set("t", d.texts[u]).ok());
      } else if (std::isnan(d.numbers[c][u])) {
        EXPECT_TRUE(b.SetMissing(d.names[c]).ok());
      } else {
        EXPECT_TRUE(b.Set(d.names[c], d.numbers[c][u]).ok());
      }
    }
  }
  Expected<Batch> batch = b.Build();
  EXPECT_TRUE(batch.ok());
  return std::move(*batch);
}

void ExpectSameBatches(const Scheme& s, const Batch& columns, const Batch& rows) {
  ASSERT_EQ(columns.size(), rows.size());
  const data::UnitTable& ct = columns.impl().table;
  const data::UnitTable& rt = rows.impl().table;
  ASSERT_EQ(ct.columns.size(), rt.columns.size());
  for (std::size_t u = 0; u < columns.size(); ++u) {
    ASSERT_EQ(columns.unit_id(u), rows.unit_id(u)) << u;
    ASSERT_EQ(columns.data_error(u), rows.data_error(u)) << u;
    for (std::size_t i = 0; i < ct.columns.size(); ++i) {
      ASSERT_EQ(std::bit_cast<uint64_t>(ct.columns[i].At(u)),
                std::bit_cast<uint64_t>(rt.columns[i].At(u)))
          << "unit " << u << ", input " << i << ": " << ct.columns[i].At(u) << " vs "
          << rt.columns[i].At(u);
    }
  }
  const Results a = testing::Eval(s, columns);
  const Results b = testing::Eval(s, rows);
  ASSERT_EQ(a.error_count(), b.error_count());
  for (std::size_t u = 0; u < columns.size(); ++u) {
    ASSERT_EQ(a.error(u), b.error(u)) << u;
    ASSERT_EQ(a.total(u), b.total(u)) << u;
    ASSERT_EQ(a.score(u, "x"), b.score(u, "x")) << u;
    ASSERT_EQ(a.score(u, "y"), b.score(u, "y")) << u;
    ASSERT_EQ(a.rank(u), b.rank(u)) << u;
  }
}

TEST(ColumnBuild, HostileColumnsGiveTheRowByRowBatch) {
  const Scheme s = LoadScheme(kScheme);
  for (double hostile : {0.0, 0.01, 0.2, 0.9}) {
    SCOPED_TRACE(hostile);
    const Data d = Make(3000, hostile, 7);
    const Batch rows = ByRows(s, d);
    ExpectSameBatches(s, ByColumns(s, d), rows);
    ExpectSameBatches(s, ByColumns(s, d, false, true), rows);
  }
}

TEST(ColumnBuild, TwoPartsGiveTheRowByRowBatch) {
  const Scheme s = LoadScheme(kScheme);
  for (double hostile : {0.0, 0.05}) {
    SCOPED_TRACE(hostile);
    const Data d = Make(70'000, hostile, 11);
    const Batch rows = ByRows(s, d);
    ExpectSameBatches(s, ByColumns(s, d), rows);
    ExpectSameBatches(s, ByColumns(s, d, true), rows);
    ExpectSameBatches(s, ByColumns(s, d, false, true), rows);
  }
}

// Shared columns (SetColumnShared) whose values are all stored as they are become the
// table's columns without a copy; one with a value the table would not keep as it is
// (-0.0, a NaN other than the missing one, a problem), or that a unit failing in an
// earlier column does not take, is stored as a view's would be. Either way the batch is the
// row by row one, on one part and on two.
TEST(ColumnBuild, SharedColumnsAreReadWhereTheyAreWhenStoredAsTheyAre) {
  const Scheme s = LoadScheme(kScheme);
  // Inputs a, b, t, c, d, e, f; columns e, a, b, t, c, d, f.
  constexpr std::size_t kA = 0, kB = 1, kC = 3, kD = 4, kE = 5, kF = 6;
  for (std::size_t n : {3000, 70'000}) {
    SCOPED_TRACE(n);
    Data d = Make(n, 0, 3);
    for (std::size_t u = 0; u < n; u += 7) d.numbers[4][u] = kNaN;  // c: optional
    {
      const Batch batch = ByColumns(s, d, false, true);
      ExpectSameBatches(s, batch, ByRows(s, d));
      const data::UnitTable& t = batch.impl().table;
      for (std::size_t i : {kA, kB, kC, kD, kE, kF}) {
        EXPECT_TRUE(t.columns[i].values().shared()) << i;
      }
    }
    // -0.0 in a, a NaN with a payload in c, a problem in d (missing: it is defaulted, so a
    // value is stored instead), and unit 5 failing at b (above 30): f, after b, is not
    // taken by unit 5.
    d.numbers[1][n / 2] = -0.0;
    d.numbers[4][n / 3] = -std::numeric_limits<double>::quiet_NaN();
    d.numbers[5][n - 1] = kNaN;
    d.numbers[2][5] = 31;
    const Batch batch = ByColumns(s, d, false, true);
    ExpectSameBatches(s, batch, ByRows(s, d));
    EXPECT_NE(batch.data_error(5), "");
    const data::UnitTable& t = batch.impl().table;
    for (std::size_t i : {kA, kC, kD, kF}) EXPECT_FALSE(t.columns[i].values().shared()) << i;
    EXPECT_TRUE(t.columns[kE].values().shared());  // before every column that fails
    EXPECT_TRUE(std::isnan(t.columns[kF].At(5)));
  }
}

// Whole numbers given as int64 views (a NumPy int64 array's buffer) are read as the
// doubles nearest to them: the batch is the one their doubles give row by row, values out
// of range, below zero and beyond 2^53 included, on one part and on two.
TEST(ColumnBuild, WholeNumberViewsGiveTheRowByRowBatch) {
  const Scheme s = LoadScheme(kScheme);
  for (std::size_t n : {3000, 70'000}) {
    SCOPED_TRACE(n);
    std::mt19937_64 rng(5);
    Data d;
    d.names = {"e", "a", "b", "t", "c", "d", "f"};
    std::vector<std::vector<std::int64_t>> wholes(d.names.size());
    for (std::size_t u = 0; u < n; ++u) {
      d.ids.push_back("U" + std::to_string(u));
      d.texts.push_back(rng() % 2 ? "A" : "B");
      wholes[0].push_back(static_cast<std::int64_t>(rng() % 10'000));         // e: clean
      wholes[1].push_back(static_cast<std::int64_t>(rng() % 103));            // a: max 100
      wholes[2].push_back(static_cast<std::int64_t>(rng() % 32) - (u == 7));  // b: 0..30
      wholes[4].push_back((std::int64_t{1} << 53) + static_cast<std::int64_t>(rng() % 4));  // c
      wholes[5].push_back(-static_cast<std::int64_t>(rng() % 5));    // d: any
      wholes[6].push_back(static_cast<std::int64_t>(rng() % 1000));  // f: clean
    }
    d.numbers.resize(d.names.size());
    for (std::size_t c = 0; c < d.names.size(); ++c) {
      for (std::int64_t w : wholes[c]) d.numbers[c].push_back(static_cast<double>(w));
    }
    BatchBuilder b(s);
    ASSERT_TRUE(b.SetUnitIds(d.ids).ok());
    for (std::size_t c = 0; c < d.names.size(); ++c) {
      if (d.names[c] == "t") {
        ASSERT_TRUE(b.SetTextColumn("t", d.texts).ok());
      } else {
        ASSERT_TRUE(b.SetColumnView(d.names[c], wholes[c].data(), wholes[c].size()).ok());
      }
    }
    Expected<Batch> columns = b.Build();
    ASSERT_TRUE(columns.ok());
    std::size_t failed = 0;
    for (std::size_t u = 0; u < n; ++u) failed += !columns->data_error(u).empty();
    EXPECT_GT(failed, n / 20);  // a above 100, b above 30 or below 0
    ExpectSameBatches(s, *columns, ByRows(s, d));
  }
}

// Every kind of problem, once, with the message the row by row build gives (and the first
// problem of a unit wins, whichever build stores its columns first).
TEST(ColumnBuild, EachProblemIsTheUnitsFirst) {
  const Scheme s = LoadScheme(kScheme);
  Data d;
  d.names = {"e", "a", "b", "t", "c", "d", "f"};
  d.ids = {"ok", "inf", "frac", "range", "text", "nan-a", "dup", "dup", "", "negzero"};
  d.numbers = {
      {10, 20, 30, 40, 50, 60, 70, 80, 90, 100},  // e: clean
      {1, kInf, 1, 101, 1, kNaN, 1, 1, 1, -0.0},  // a
      {1, 1, 2.5, 1, 1, 1, 1, 1, 1, 1},           // b
      {},                                         // t
      {kNaN, 1, 1, 1, 1, 1, 1, 1, 1, -0.0},       // c: optional
      {kNaN, 1, 1, 1, 1, 1, 1, 1, 1, 1},          // d: defaulted
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},             // f: clean
  };
  d.texts = {"A", "A", "A", "A", "C", "A", "A", "A", "A", "B"};
  const Batch columns = ByColumns(s, d);
  ExpectSameBatches(s, columns, ByRows(s, d));
  EXPECT_EQ(columns.data_error(0), "");
  EXPECT_NE(columns.data_error(1).find("bad number \"inf\""), std::string::npos);
  EXPECT_NE(columns.data_error(2).find("bad integer \"2.5\""), std::string::npos);
  EXPECT_NE(columns.data_error(3).find("101 is above the maximum 100"), std::string::npos);
  EXPECT_NE(columns.data_error(4).find("unknown value \"C\""), std::string::npos);
  EXPECT_NE(columns.data_error(5).find("missing a"), std::string::npos);
  EXPECT_NE(columns.data_error(7).find("duplicate unit id"), std::string::npos);
  EXPECT_NE(columns.data_error(8).find("no unit id"), std::string::npos);
  EXPECT_EQ(columns.data_error(9), "");
  // Inputs a, b, t, c, d, e, f: the defaulted d of unit 0; e and f, stored a column at a
  // time: e before each unit's problem, f after it (a failed unit keeps no later value).
  const data::UnitTable& t = columns.impl().table;
  EXPECT_EQ(t.columns[4].At(0), 5);
  EXPECT_EQ(t.columns[5].At(9), 100);
  EXPECT_EQ(t.columns[5].At(1), 20);
  EXPECT_TRUE(std::isnan(t.columns[6].At(1)));
  EXPECT_EQ(t.columns[6].At(9), 9);
  EXPECT_EQ(std::bit_cast<uint64_t>(t.columns[3].At(9)), 0u);  // -0.0 reads as 0
  EXPECT_TRUE(std::isnan(t.columns[5].At(8)));                 // no id: no values
}

}  // namespace
}  // namespace assess
