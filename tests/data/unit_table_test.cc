// Tests of Column's list storage (data/unit_table.h): lists of one length store no offsets,
// and no byte per unit until some list is missing; whatever the storage, every list reads
// back, and appending one column to another (the CSV reader's two parts) keeps them all.
#include "data/unit_table.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "data/unit_table_builder.h"

namespace assess::data {
namespace {

// A list input that may be missing (an empty cell).
DataSpec ListSpec() {
  InputSpec in;
  in.name = in.column = "raters";
  in.type = InputType::kList;
  in.min = 0;
  in.max = 100;
  in.required = false;
  DataSpec spec;
  spec.inputs = {in};
  return spec;
}

// A table of one list input: a cell per unit ("" for a missing list).
UnitTable Build(const std::vector<std::string>& cells) {
  const DataSpec spec = ListSpec();
  UnitTableBuilder builder(spec, SourceKind::kCsv, "units.csv");
  uint64_t row = 2;
  for (const std::string& cell : cells) {
    builder.BeginUnit("U" + std::to_string(row), row);
    builder.SetText(0, cell, "raters");
    builder.EndUnit();
    ++row;
  }
  return builder.Finish();
}

// The lists of a column, as the evaluator reads them: nullopt for a missing list.
std::vector<std::optional<std::vector<double>>> Lists(const Column& col, std::size_t units) {
  std::vector<std::optional<std::vector<double>>> out;
  for (std::size_t u = 0; u < units; ++u) {
    if (col.ListMissing(u)) {
      EXPECT_EQ(col.ListSize(u), 0u) << u;
      out.emplace_back();
      continue;
    }
    std::vector<double> list(col.ListSize(u));
    col.ListCopy(u, list.data());
    out.emplace_back(list);
  }
  // The chunk-wide copy agrees with the one-by-one one.
  std::vector<double> all(col.ListOffset(units) - col.ListOffset(0));
  col.ListsCopy(0, units, all.data());
  for (std::size_t u = 0; u < units; ++u) {
    if (!out[u]) continue;
    const std::vector<double> part(
        all.begin() + static_cast<std::ptrdiff_t>(col.ListOffset(u)),
        all.begin() + static_cast<std::ptrdiff_t>(col.ListOffset(u + 1)));
    EXPECT_EQ(part, *out[u]) << u;
  }
  return out;
}

using Expected = std::vector<std::optional<std::vector<double>>>;

TEST(ColumnLists, ListsOfOneLengthStoreTheirElementsOnly) {
  const UnitTable t = Build({"1;2;3", "4;5;6", "7;8;9", "10;11;12"});
  const Column& col = t.columns[0];
  EXPECT_EQ(Lists(col, 4), (Expected{{{1, 2, 3}}, {{4, 5, 6}}, {{7, 8, 9}}, {{10, 11, 12}}}));
  // 12 elements of a byte each: no offsets, no byte for missing lists.
  EXPECT_EQ(col.bytes(), col.elements().bytes());
  EXPECT_EQ(col.elements().bytes(), 12u);
}

TEST(ColumnLists, AListOfAnotherLengthStoresTheOffsetsOfAll) {
  const UnitTable t = Build({"1;2", "3;4", "5", "6;7;8", "9;10"});
  const Column& col = t.columns[0];
  EXPECT_EQ(Lists(col, 5), (Expected{{{1, 2}}, {{3, 4}}, {{5}}, {{6, 7, 8}}, {{9, 10}}}));
  EXPECT_EQ(col.bytes(), col.elements().bytes() + 6 * sizeof(uint32_t));
}

TEST(ColumnLists, AMissingListIsMarkedFromThenOn) {
  const UnitTable t = Build({"1;2", "3;4", "", "5;6", ""});
  const Column& col = t.columns[0];
  EXPECT_EQ(Lists(col, 5), (Expected{{{1, 2}}, {{3, 4}}, std::nullopt, {{5, 6}}, std::nullopt}));
  // A missing list has no elements: offsets, and a byte per unit.
  EXPECT_EQ(col.bytes(), col.elements().bytes() + 6 * sizeof(uint32_t) + 5);
}

TEST(ColumnLists, EmptyListsOnlyAreOfLengthZero) {
  const UnitTable t = Build({"", ""});
  EXPECT_EQ(Lists(t.columns[0], 2), (Expected{std::nullopt, std::nullopt}));
}

// Appending: every pair of storages, in both orders, reads back as the lists end to end.
TEST(ColumnLists, AppendingKeepsEveryListWhateverTheStorages) {
  const std::vector<std::vector<std::string>> parts = {
      {"1;2;3", "4;5;6"},        // of length 3
      {"7;8;9"},                 // of length 3
      {"10;11", "12;13"},        // of length 2
      {"14", "15;16;17", "18"},  // offsets
      {"19;20;21", ""},          // a missing list
      {},                        // no unit
  };
  for (const auto& a : parts) {
    for (const auto& b : parts) {
      UnitTable first = Build(a);
      const UnitTable second = Build(b);
      first.columns[0].Append(second.columns[0]);
      std::vector<std::string> both = a;
      both.insert(both.end(), b.begin(), b.end());
      const UnitTable whole = Build(both);
      SCOPED_TRACE(testing::Message() << a.size() << " units, then " << b.size());
      EXPECT_EQ(Lists(first.columns[0], both.size()), Lists(whole.columns[0], both.size()));
      // Appended, a column takes no more room than built whole.
      EXPECT_EQ(first.columns[0].bytes(), whole.columns[0].bytes());
    }
  }
}

}  // namespace
}  // namespace assess::data
