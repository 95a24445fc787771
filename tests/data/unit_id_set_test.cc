// Tests of UnitIdSet (data/unit_id_set.h) and of AppendUnits, which looks repeats up in the
// first table's set, and AddToRows (data/unit_table_merge.h).
#include "data/unit_id_set.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "data/unit_table_builder.h"
#include "data/unit_table_merge.h"

namespace assess::data {
namespace {

TEST(UnitIdSet, ContainsWhatWasInsertedThroughEveryGrowth) {
  LargeVector<std::string> ids;
  UnitIdSet set;
  for (int u = 0; u < 5000; ++u) {  // grows from 64 slots many times
    ids.push_back("unit-" + std::to_string(u));
    set.Prepare(ids.back());
    EXPECT_TRUE(set.Insert(ids, ids.size() - 1));
  }
  ids.push_back("unit-17");
  set.Prepare(ids.back());
  EXPECT_FALSE(set.Insert(ids, ids.size() - 1)) << "a repeat is not recorded";
  for (int u = 0; u < 5000; ++u) EXPECT_TRUE(set.Contains(ids, "unit-" + std::to_string(u)));
  EXPECT_FALSE(set.Contains(ids, "unit-5000"));
  EXPECT_FALSE(set.Contains(ids, ""));
  EXPECT_FALSE(UnitIdSet().Contains(ids, "unit-1")) << "an empty set holds nothing";
}

// Two parts read by two builders, joined: a unit of the second whose id the first holds is
// a duplicate, found in the first builder's set.
TEST(AppendUnits, RepeatsOfTheFirstPartsIdsAreDuplicates) {
  DataSpec spec;
  InputSpec x;
  x.name = x.column = "x";
  x.type = InputType::kNumber;
  spec.inputs = {x};
  auto read = [&](UnitTableBuilder& b, const std::vector<std::string>& ids, uint64_t row) {
    for (const std::string& id : ids) {
      b.BeginUnit(id, row++);
      b.SetText(0, "1", "x");
      b.EndUnit();
    }
  };
  UnitTableBuilder first(spec, SourceKind::kCsv, "units.csv");
  read(first, {"A", "B", "", "A", "\xFF"}, 2);
  UnitTable table = first.Finish();
  UnitTableBuilder second(spec, SourceKind::kCsv, "units.csv");
  read(second, {"C", "B", "", "\xFF", "C", "D"}, 7);
  AppendUnits(table, second.Finish(), spec, first.ids_held());
  ASSERT_EQ(table.size(), 11u);
  EXPECT_EQ(table.ids[6], "B");
  EXPECT_EQ(table.rows[6], 8u);
  EXPECT_EQ(table.errors[6], "data error: unit B (row 8): duplicate unit id");
  EXPECT_EQ(table.errors[3], "data error: unit A (row 5): duplicate unit id");
  EXPECT_EQ(table.errors[9], "data error: unit C (row 11): duplicate unit id");
  for (std::size_t u : {0, 1, 5, 10}) EXPECT_EQ(table.errors[u], "") << u;
  // No id, or not UTF-8: an error of its own, never a duplicate.
  EXPECT_EQ(table.errors[7].find("duplicate"), std::string::npos) << table.errors[7];
  EXPECT_EQ(table.errors[8].find("duplicate"), std::string::npos) << table.errors[8];
}

// A part read with its rows counted from its start (a later part of a JSON text, read on
// another thread) gives, once the rows before it are added, the rows and messages of a
// builder that knew them: a bad value, a missing required input, a row's own error, a
// repeated id, and a unit without one, in each source's words.
TEST(AddToRows, RowsCountedFromAPartsStartReadAsTheWholeTextsRows) {
  DataSpec spec;
  InputSpec x;
  x.name = x.column = "x";
  x.type = InputType::kNumber;
  x.required = true;
  spec.inputs = {x};
  auto read = [&](UnitTableBuilder& b, uint64_t row) {
    b.BeginUnit("A", row++);
    b.SetText(0, "abc", "x");
    b.EndUnit();
    b.BeginUnit("B", row++);
    b.EndUnit();
    b.BeginUnitWithoutId(row++);
    b.RowError("expected an object, got 7");
    b.EndUnit();
    b.BeginUnit("A", row++);
    b.SetText(0, "1", "x");
    b.EndUnit();
    b.BeginUnitWithoutId(row++);
    b.EndUnit();
    b.BeginUnit("C", row++);
    b.SetText(0, "12345678901", "x");
    b.EndUnit();
  };
  for (SourceKind source : {SourceKind::kJson, SourceKind::kJsonLines, SourceKind::kCsv}) {
    UnitTableBuilder known(spec, source, "units");
    read(known, 1000);
    const UnitTable expected = known.Finish();
    UnitTableBuilder later(spec, source, "units");
    later.NumberRowsLater();
    read(later, 1);
    UnitTable table = later.Finish();
    EXPECT_TRUE(table.rows_relative);
    AddToRows(table, 999);
    EXPECT_FALSE(table.rows_relative);
    EXPECT_EQ(std::vector<uint64_t>(table.rows.begin(), table.rows.end()),
              std::vector<uint64_t>(expected.rows.begin(), expected.rows.end()));
    EXPECT_EQ(table.errors.Of(6), expected.errors.Of(6));
    EXPECT_EQ(table.PlaceOf(5), expected.PlaceOf(5));
    EXPECT_NE(expected.errors[0].find("1000"), std::string::npos) << expected.errors[0];
  }
}

}  // namespace
}  // namespace assess::data
