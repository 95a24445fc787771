// Tests of UnitTableBuilder (rule-language §4, §8, §12 "Data", "Peers") and of data/cell_parse.h.
#include "data/unit_table_builder.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "data/cell_parse.h"

namespace assess::data {
namespace {

InputSpec Input(std::string name, InputType type) {
  InputSpec in;
  in.column = name;
  in.name = std::move(name);
  in.type = type;
  return in;
}

// A list input that may be missing, with elements in [min, max].
InputSpec OptionalList(std::string name, double min, double max) {
  InputSpec in = Input(std::move(name), InputType::kList);
  in.min = min;
  in.max = max;
  in.required = false;
  return in;
}

// A column's values of units [0, n).
std::vector<double> ValuesOf(const Column& col, std::size_t n) {
  std::vector<double> out;
  for (std::size_t u = 0; u < n; ++u) out.push_back(col.At(u));
  return out;
}

// Every list element of a column, in order.
std::vector<double> ElementsOf(const Column& col) {
  std::vector<double> out;
  for (std::size_t i = 0; i < col.elements().size(); ++i) out.push_back(col.elements().At(i));
  return out;
}

// Where the lists of units [0, n) begin, and where the last ends.
std::vector<uint64_t> OffsetsOf(const Column& col, std::size_t n) {
  std::vector<uint64_t> out{0};
  for (std::size_t u = 0; u < n; ++u) out.push_back(out.back() + col.ListSize(u));
  return out;
}

// The inputs of conformance case 09-missing-data-and-bad-rows.
DataSpec Case09Spec() {
  DataSpec spec;
  InputSpec output = Input("output", InputType::kNumber);
  output.min = 0;
  InputSpec target = Input("target", InputType::kNumber);
  target.min = 0;
  InputSpec survey = Input("survey", InputType::kNumber);
  survey.min = 0;
  survey.max = 100;
  survey.required = false;
  InputSpec grade = Input("grade", InputType::kText);
  for (const char* v : {"A", "B", "C", "D"}) grade.allowed.push_back(spec.texts.Intern(v));
  InputSpec pilot = Input("pilot", InputType::kBoolean);
  pilot.has_default = true;
  pilot.default_value = 0;
  spec.inputs = {output, target, survey, grade, pilot};
  return spec;
}

// Feeds rows of cells (the unit id first, then one cell per input) as a CSV reader would,
// the first at row 2.
UnitTable BuildCsv(const DataSpec& spec, const std::vector<std::vector<std::string>>& rows) {
  UnitTableBuilder builder(spec, SourceKind::kCsv, "units.csv");
  uint64_t row = 2;
  for (const auto& cells : rows) {
    builder.BeginUnit(cells[0], row++);
    for (std::size_t i = 1; i < cells.size(); ++i) {
      builder.SetText(i - 1, cells[i], spec.inputs[i - 1].column);
    }
    builder.EndUnit();
  }
  return builder.Finish();
}

TEST(UnitTableBuilder, CountsUnitsForAProgressDisplayAsItGoesAndAllOnFinish) {
  DataSpec spec;
  spec.inputs = {Input("x", InputType::kNumber)};
  std::atomic<uint64_t> units{0};
  UnitTableBuilder builder(spec, SourceKind::kCsv, "units.csv");
  builder.CountUnitsIn(&units);
  for (uint64_t i = 0; i < 10'000; ++i) {
    builder.BeginUnit("u" + std::to_string(i), i + 2);
    builder.SetText(0, "1", "x");
    builder.EndUnit();
    // Every 4096 units, not each one: a counter shared by two reading threads.
    if (i + 1 == 4095) EXPECT_EQ(units.load(), 0u);
    if (i + 1 == 4096) EXPECT_EQ(units.load(), 4096u);
  }
  EXPECT_EQ(units.load(), 8192u);
  builder.BeginUnit("dup", 10'002);  // units in error count too
  builder.BeginUnit("u1", 10'003);
  const UnitTable table = builder.Finish();
  EXPECT_EQ(units.load(), 10'002u);
  EXPECT_EQ(table.size(), 10'002u);
}

TEST(UnitTableBuilder, MessagesOfConformanceCase09) {
  const DataSpec spec = Case09Spec();
  const UnitTable t = BuildCsv(spec, {
                                         {"M01", "80", "100", "90", "A", "yes"},
                                         {"M02", "120", "100", "", "B", "no"},
                                         {"M03", "50", "0", "80", "A", ""},
                                         {"M04", "abc", "100", "70", "A", ""},
                                         {"M05", "60", "100", "101", "B", ""},
                                         {"M06", "", "100", "60", "C", ""},
                                         {"M07", "70", "100", "75", "E", ""},
                                         {"M08", "90", "100", "85", "D", "TRUE"},
                                         {"M09", "100", "100", "95", "B", "maybe"},
                                         {"M01", "10", "100", "10", "C", ""},
                                         {"M10", "100", "100", "100", "A", "1"},
                                     });
  const std::vector<std::string> expected = {
      "",
      "",
      "",
      R"(data error: unit M04, input output: bad number "abc" (row 5, column "output"))",
      R"(data error: unit M05, input survey: 101 is above the maximum 100 (row 6, column "survey"))",
      R"(data error: unit M06: missing output (required input, row 7, column "output"))",
      R"(data error: unit M07, input grade: unknown value "E" (allowed: A, B, C, D) (row 8, column "grade"))",
      "",
      R"(data error: unit M09, input pilot: bad boolean "maybe" (row 10, column "pilot"))",
      "data error: unit M01 (row 11): duplicate unit id",
      "",
  };
  ASSERT_EQ(t.size(), expected.size());
  EXPECT_EQ(t.errors.Of(t.size()), expected);
  // The repeat is still a row, in input order.
  EXPECT_EQ(t.ids[9], "M01");
  EXPECT_EQ(t.rows[9], 11u);
  // Values of the good units.
  EXPECT_EQ(t.columns[0].At(0), 80);
  EXPECT_EQ(t.columns[0].At(1), 120);
  EXPECT_TRUE(std::isnan(t.columns[2].At(1)));  // survey: not required, missing
  EXPECT_EQ(t.columns[4].At(0), 1);             // pilot yes
  EXPECT_EQ(t.columns[4].At(1), 0);             // pilot no
  EXPECT_EQ(t.columns[4].At(2), 0);             // pilot: the default
  EXPECT_EQ(t.columns[4].At(7), 1);             // TRUE
  EXPECT_EQ(t.columns[4].At(10), 1);            // 1
  EXPECT_EQ(t.texts.Text(static_cast<uint32_t>(t.columns[3].At(0))), "A");
  EXPECT_EQ(t.columns[3].At(7), *spec.texts.Find("D"));  // the scheme's id for "D"
}

struct CellCase {
  InputType type;
  std::string cell;
  double value;         // when `problem` is empty; NaN = missing
  std::string problem;  // the message's problem text
};

TEST(UnitTableBuilder, ReadsACellByTheInputsType) {
  const double kMissing = std::nan("");
  const std::vector<CellCase> cases = {
      {InputType::kNumber, "8.4", 8.4, ""},
      {InputType::kNumber, "  -3.5e2 ", -350, ""},
      {InputType::kNumber, "+7", 7, ""},
      {InputType::kNumber, "-0", 0, ""},
      {InputType::kNumber, "", kMissing, ""},
      {InputType::kNumber, "   ", kMissing, ""},
      {InputType::kNumber, "1,000", 0, R"(bad number "1,000")"},
      {InputType::kNumber, "NaN", 0, R"(bad number "NaN")"},
      {InputType::kNumber, "inf", 0, R"(bad number "inf")"},
      {InputType::kNumber, "0x10", 0, R"(bad number "0x10")"},
      {InputType::kNumber, "1e400", 0, R"(bad number "1e400")"},
      {InputType::kNumber, "12abc", 0, R"(bad number "12abc")"},
      {InputType::kInteger, "3", 3, ""},
      {InputType::kInteger, "3.0", 3, ""},
      {InputType::kInteger, "3.5", 0, R"(bad integer "3.5")"},
      {InputType::kInteger, "x", 0, R"(bad integer "x")"},
      {InputType::kBoolean, "true", 1, ""},
      {InputType::kBoolean, "False", 0, ""},
      {InputType::kBoolean, "YES", 1, ""},
      {InputType::kBoolean, "no", 0, ""},
      {InputType::kBoolean, "1", 1, ""},
      {InputType::kBoolean, "0", 0, ""},
      {InputType::kBoolean, "2", 0, R"(bad boolean "2")"},
      {InputType::kBoolean, "y", 0, R"(bad boolean "y")"},
      {InputType::kBoolean, "1.0", 0, R"(bad boolean "1.0")"},
  };
  for (const CellCase& c : cases) {
    SCOPED_TRACE(c.cell);
    DataSpec spec;
    InputSpec in = Input("x", c.type);
    in.required = false;
    spec.inputs = {in};
    const UnitTable t = BuildCsv(spec, {{"U1", c.cell}});
    if (c.problem.empty()) {
      EXPECT_EQ(t.errors[0], "");
      if (std::isnan(c.value)) {
        EXPECT_TRUE(std::isnan(t.columns[0].At(0)));
      } else {
        EXPECT_EQ(t.columns[0].At(0), c.value);
        EXPECT_EQ(std::signbit(t.columns[0].At(0)), std::signbit(c.value));  // "-0" -> 0
      }
    } else {
      EXPECT_EQ(t.errors[0],
                "data error: unit U1, input x: " + c.problem + " (row 2, column \"x\")");
    }
  }
}

TEST(UnitTableBuilder, ChecksMinAndMaxInShortestForm) {
  DataSpec spec;
  InputSpec in = Input("rate", InputType::kNumber);
  in.min = -0.5;
  in.max = 1e20;
  spec.inputs = {in};
  const UnitTable t = BuildCsv(spec, {{"U1", "-0.75"}, {"U2", "2e20"}, {"U3", "-0.5"}});
  EXPECT_EQ(
      t.errors[0],
      R"(data error: unit U1, input rate: -0.75 is below the minimum -0.5 (row 2, column "rate"))");
  EXPECT_EQ(
      t.errors[1],
      R"(data error: unit U2, input rate: 2e+20 is above the maximum 1e+20 (row 3, column "rate"))");
  EXPECT_EQ(t.errors[2], "");
  EXPECT_EQ(t.columns[0].At(2), -0.5);
}

TEST(UnitTableBuilder, ListsAreSemicolonSeparatedNumbers) {
  DataSpec spec;
  spec.inputs = {OptionalList("raters", 0, 100)};
  const UnitTable t = BuildCsv(spec, {{"U1", "88; 92.5 ;79"},
                                      {"U2", ""},
                                      {"U3", "100"},
                                      {"U4", "88;;79"},
                                      {"U5", "88;x"},
                                      {"U6", "50;101"},
                                      {"U7", "1;2;"}});
  const Column& col = t.columns[0];
  EXPECT_EQ(t.errors[0], "");
  EXPECT_EQ(t.errors[1], "");
  EXPECT_EQ(t.errors[2], "");
  EXPECT_EQ(t.errors[3],
            R"(data error: unit U4, input raters: bad list element "" (row 5, column "raters"))");
  EXPECT_EQ(t.errors[4],
            R"(data error: unit U5, input raters: bad list element "x" (row 6, column "raters"))");
  EXPECT_EQ(
      t.errors[5],
      R"(data error: unit U6, input raters: 101 is above the maximum 100 (row 7, column "raters"))");
  EXPECT_EQ(t.errors[6],
            R"(data error: unit U7, input raters: bad list element "" (row 8, column "raters"))");
  ASSERT_EQ(OffsetsOf(col, 7).size(), 8u);
  EXPECT_EQ(OffsetsOf(col, 3), (std::vector<uint64_t>{0, 3, 3, 4}));
  EXPECT_EQ(ElementsOf(col), (std::vector<double>{88, 92.5, 79, 100}));
  EXPECT_FALSE(col.ListMissing(0));
  EXPECT_TRUE(col.ListMissing(1));  // an empty list cell is missing
  EXPECT_FALSE(col.ListMissing(2));
  // A bad list leaves nothing behind.
  EXPECT_EQ(col.elements().size(), 4u);
}

TEST(UnitTableBuilder, AppliesDefaultsOfEveryType) {
  DataSpec spec;
  InputSpec n = Input("n", InputType::kInteger);
  n.has_default = true;
  n.default_value = 0;
  InputSpec kind = Input("kind", InputType::kText);
  kind.has_default = true;
  kind.default_value = spec.texts.Intern("street");
  InputSpec raters = Input("raters", InputType::kList);
  raters.has_default = true;
  raters.default_list = {60, 70};
  spec.inputs = {n, kind, raters};
  const UnitTable t = BuildCsv(spec, {{"U1", "", "", ""}, {"U2", "4", "office", "1;2;3"}});
  EXPECT_EQ(t.errors.Of(t.size()), (std::vector<std::string>{"", ""}));
  EXPECT_EQ(ValuesOf(t.columns[0], 2), (std::vector<double>{0, 4}));
  EXPECT_EQ(t.texts.Text(static_cast<uint32_t>(t.columns[1].At(0))), "street");
  EXPECT_EQ(t.texts.Text(static_cast<uint32_t>(t.columns[1].At(1))), "office");
  EXPECT_EQ(OffsetsOf(t.columns[2], 2), (std::vector<uint64_t>{0, 2, 5}));
  EXPECT_EQ(ElementsOf(t.columns[2]), (std::vector<double>{60, 70, 1, 2, 3}));
}

TEST(UnitTableBuilder, TextsAreInternedAfterTheSchemesAndCaseSensitive) {
  DataSpec spec;
  spec.texts.Intern("street");
  InputSpec type = Input("type", InputType::kText);
  type.allowed = {spec.texts.Intern("A"), spec.texts.Intern("B")};
  InputSpec note = Input("note", InputType::kText);
  note.required = false;
  spec.inputs = {type, note};
  const UnitTable t =
      BuildCsv(spec, {{"U1", "B", "new text"}, {"U2", "a", "x"}, {"U3", " A ", "new text"}});
  EXPECT_EQ(t.errors[0], "");
  EXPECT_EQ(
      t.errors[1],
      R"(data error: unit U2, input type: unknown value "a" (allowed: A, B) (row 3, column "type"))");
  EXPECT_EQ(t.columns[0].At(0), 2);  // "B": the scheme's id
  EXPECT_EQ(t.columns[0].At(2), 1);  // "A", trimmed
  EXPECT_EQ(t.columns[1].At(0), 3);  // the first new text
  EXPECT_EQ(t.columns[1].At(2), 3);
  EXPECT_EQ(t.texts.size(), 4u);  // "a" and "x" of the unit in error were not interned
  EXPECT_EQ(spec.texts.size(), 3u);
}

TEST(UnitTableBuilder, FirstProblemOfAUnitIsItsError) {
  DataSpec spec;
  spec.inputs = {Input("a", InputType::kNumber), Input("b", InputType::kNumber)};
  const UnitTable t = BuildCsv(spec, {{"U1", "x", "y"}, {"U2", "", "y"}, {"U2", "x", "y"}});
  EXPECT_EQ(t.errors[0], R"(data error: unit U1, input a: bad number "x" (row 2, column "a"))");
  // A bad cell comes before the missing one (checked at the end of the unit).
  EXPECT_EQ(t.errors[1], R"(data error: unit U2, input b: bad number "y" (row 3, column "b"))");
  EXPECT_EQ(t.errors[2], "data error: unit U2 (row 4): duplicate unit id");
}

TEST(UnitTableBuilder, ManyUnitsWithRepeats) {
  // Enough units to grow the id set many times; every 7th unit repeats an earlier id.
  DataSpec spec;
  UnitTableBuilder builder(spec, SourceKind::kJson, "u.json");
  const std::size_t n = 100'000;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t id = i % 7 == 6 ? i / 2 : i;
    builder.BeginUnit("unit-" + std::to_string(id), i);
    builder.EndUnit();
  }
  const UnitTable t = builder.Finish();
  std::size_t repeats = 0;
  for (std::size_t i = 0; i < n; ++i) {
    // i / 2 was seen before i unless it is itself a repeating position (then it was never
    // given as an id, and this unit is the first with it).
    const bool repeat = i % 7 == 6 && (i / 2) % 7 != 6;
    if (repeat) {
      ++repeats;
      ASSERT_EQ(t.errors[i], "data error: unit unit-" + std::to_string(i / 2) + " ([" +
                                 std::to_string(i) + "]): duplicate unit id");
    } else {
      ASSERT_EQ(t.errors[i], "") << i;
    }
  }
  // i = 7k + 6 < 100,000 for k = 0..14284; i / 2 is 7(k/2) + 3 for even k, a first id, and
  // 7((k-1)/2) + 6 for odd k, never given: 7,143 repeats.
  EXPECT_EQ(repeats, 7'143u);
}

TEST(UnitTableBuilder, RowsWithoutUnitId) {
  DataSpec spec;
  spec.inputs = {Input("a", InputType::kNumber)};
  UnitTableBuilder builder(spec, SourceKind::kCsv, "u.csv");
  builder.BeginUnit("  ", 12);
  builder.SetText(0, "oops", "a");  // not checked: its message could not name the unit
  builder.EndUnit();
  builder.BeginUnitWithoutId(13);
  builder.RowError("expected an object, got a number");
  builder.EndUnit();
  builder.BeginUnit("U1", 14);
  builder.RowError("4 cells, the header has 3");
  builder.SetText(0, "oops", "a");
  builder.EndUnit();
  const UnitTable t = builder.Finish();
  EXPECT_EQ(t.errors.Of(t.size()), (std::vector<std::string>{
                                       "data error: row 12: no unit id",
                                       "data error: row 13: expected an object, got a number",
                                       "data error: unit U1 (row 14): 4 cells, the header has 3",
                                   }));
  EXPECT_EQ(t.ids, (std::vector<std::string>{"", "", "U1"}));
}

TEST(UnitTableBuilder, PlacesFollowTheSource) {
  struct PlaceCase {
    SourceKind source;
    uint64_t row;
    std::string cell_error;
    std::string place;
  };
  const std::vector<PlaceCase> cases = {
      {SourceKind::kCsv, 5,
       R"(data error: unit U, input out put: bad number "x" (row 5, column "out put"))", "row 5"},
      {SourceKind::kJson, 3, R"(data error: unit U, input out put: bad number "x" ([3].out put))",
       "[3]"},
      {SourceKind::kJsonLines, 4,
       R"(data error: unit U, input out put: bad number "x" (line 4, field out put))", "line 4"},
      {SourceKind::kMemory, 0,
       R"(data error: unit U, input out put: bad number "x" (unit #0, field out put))", "unit #0"},
  };
  for (const PlaceCase& c : cases) {
    DataSpec spec;
    spec.inputs = {Input("out put", InputType::kNumber)};
    UnitTableBuilder builder(spec, c.source, "f");
    builder.BeginUnit("U", c.row);
    builder.SetText(0, "x", "out put");
    builder.EndUnit();
    builder.BeginUnit("V", c.row + 1);
    builder.EndUnit();
    const UnitTable t = builder.Finish();
    EXPECT_EQ(t.errors[0], c.cell_error);
    EXPECT_EQ(t.PlaceOf(0), c.place);
    EXPECT_EQ(t.source, c.source);
    EXPECT_EQ(t.source_name, "f");
  }
}

TEST(UnitTableBuilder, MissingInJsonAndMemoryPlaces) {
  DataSpec spec;
  InputSpec gdp = Input("gdp", InputType::kNumber);
  gdp.column = "GDP 增速";
  spec.inputs = {gdp};
  UnitTableBuilder json(spec, SourceKind::kJson, "u.json");
  json.BeginUnit("S1", 0);
  json.EndUnit();
  EXPECT_EQ(json.Finish().errors[0],
            "data error: unit S1: missing gdp (required input, [0].GDP 增速)");
  UnitTableBuilder memory(spec, SourceKind::kMemory, "test");
  memory.BeginUnit("S1", 1);
  memory.EndUnit();
  EXPECT_EQ(memory.Finish().errors[0],
            "data error: unit S1: missing gdp (required input, unit #1, field gdp)");
}

TEST(UnitTableBuilder, FindInputByColumnAndForMemoryByName) {
  DataSpec spec;
  InputSpec gdp = Input("gdp", InputType::kNumber);
  gdp.column = "GDP";
  spec.inputs = {Input("x", InputType::kNumber), gdp};
  UnitTableBuilder csv(spec, SourceKind::kCsv, "u.csv");
  EXPECT_EQ(csv.FindInput("GDP"), 1u);
  EXPECT_EQ(csv.FindInput("gdp"), std::nullopt);
  EXPECT_EQ(csv.FindInput("other"), std::nullopt);
  UnitTableBuilder memory(spec, SourceKind::kMemory, "test");
  EXPECT_EQ(memory.FindInput("GDP"), 1u);
  EXPECT_EQ(memory.FindInput("gdp"), 1u);
}

TEST(UnitTableBuilder, TypedSettersOfJsonValues) {
  DataSpec spec;
  InputSpec num = Input("num", InputType::kNumber);
  InputSpec integer = Input("int", InputType::kInteger);
  InputSpec flag = Input("flag", InputType::kBoolean);
  InputSpec text = Input("text", InputType::kText);
  InputSpec list = Input("list", InputType::kList);
  list.max = 10;
  spec.inputs = {num, integer, flag, text, list};
  const double three[] = {1, 2, 3};
  const double big[] = {1, 20};
  struct Step {
    void (*set)(UnitTableBuilder&, const double*, const double*);
    std::string error;  // "" = fine
  };
  const std::vector<Step> steps = {
      {[](UnitTableBuilder& b, const double* l, const double*) {
         b.SetNumber(0, -0.0, "num");
         b.SetNumber(1, 3, "int");
         b.SetNumber(2, 1, "flag");
         b.SetNumber(3, 2.5, "text");
         b.SetList(4, std::span<const double>(l, 3), "list");
       },
       ""},
      {[](UnitTableBuilder& b, const double*, const double*) { b.SetBool(0, true, "num"); },
       "data error: unit U, input num: expected a number, got true ([0].num)"},
      {[](UnitTableBuilder& b, const double*, const double*) { b.SetNumber(1, 2.5, "int"); },
       R"(data error: unit U, input int: bad integer "2.5" ([0].int))"},
      {[](UnitTableBuilder& b, const double*, const double*) { b.SetNumber(2, 2, "flag"); },
       R"(data error: unit U, input flag: bad boolean "2" ([0].flag))"},
      {[](UnitTableBuilder& b, const double* l, const double*) {
         b.SetList(3, std::span<const double>(l, 3), "text");
       },
       "data error: unit U, input text: expected a text, got a list ([0].text)"},
      {[](UnitTableBuilder& b, const double*, const double* g) {
         b.SetList(4, std::span<const double>(g, 2), "list");
       },
       "data error: unit U, input list: 20 is above the maximum 10 ([0].list)"},
      {[](UnitTableBuilder& b, const double*, const double*) {
         b.SetNumber(0, std::nan(""), "num");
       },
       R"(data error: unit U, input num: bad number "nan" ([0].num))"},
      {[](UnitTableBuilder& b, const double*, const double*) {
         b.SetBad(0, "expected a number, got an object", "num");
       },
       "data error: unit U, input num: expected a number, got an object ([0].num)"},
  };
  for (const Step& step : steps) {
    SCOPED_TRACE(step.error);
    UnitTableBuilder b(spec, SourceKind::kJson, "u.json");
    b.BeginUnit("U", 0);
    // The step's calls come first (the first value of an input counts), then every input
    // gets a good value, so that only the step can fail.
    step.set(b, three, big);
    b.SetNumber(0, 1, "num");
    b.SetNumber(1, 1, "int");
    b.SetBool(2, false, "flag");
    b.SetText(3, "t", "text");
    b.SetNumber(4, 5, "list");
    b.EndUnit();
    const UnitTable t = b.Finish();
    EXPECT_EQ(t.errors[0], step.error);
    if (step.error.empty()) {
      EXPECT_EQ(t.columns[0].At(0), 0);
      EXPECT_FALSE(std::signbit(t.columns[0].At(0)));
      EXPECT_EQ(t.columns[1].At(0), 3);
      EXPECT_EQ(t.columns[2].At(0), 1);
      EXPECT_EQ(t.texts.Text(static_cast<uint32_t>(t.columns[3].At(0))), "2.5");
      EXPECT_EQ(ElementsOf(t.columns[4]), (std::vector<double>{1, 2, 3}));
    }
  }
}

TEST(UnitTableBuilder, ANumberForAListIsAListOfOne) {
  DataSpec spec;
  spec.inputs = {Input("list", InputType::kList)};
  UnitTableBuilder b(spec, SourceKind::kJson, "u.json");
  b.BeginUnit("U", 0);
  b.SetNumber(0, 7, "list");
  b.EndUnit();
  const UnitTable t = b.Finish();
  EXPECT_EQ(t.errors[0], "");
  EXPECT_EQ(OffsetsOf(t.columns[0], 1), (std::vector<uint64_t>{0, 1}));
  EXPECT_EQ(ElementsOf(t.columns[0]), (std::vector<double>{7}));
}

TEST(UnitTableBuilder, FirstValueOfAnInputCounts) {
  DataSpec spec;
  InputSpec a = Input("a", InputType::kNumber);
  a.required = false;
  spec.inputs = {a};
  UnitTableBuilder b(spec, SourceKind::kJson, "u.json");
  b.BeginUnit("U", 0);
  b.SetMissing(0);
  b.SetNumber(0, 5, "a");  // a repeated key: ignored
  b.EndUnit();
  b.BeginUnit("V", 1);
  b.SetNumber(0, 5, "a");
  b.SetText(0, "bad", "a");
  b.EndUnit();
  const UnitTable t = b.Finish();
  EXPECT_EQ(t.errors.Of(t.size()), (std::vector<std::string>{"", ""}));
  EXPECT_TRUE(std::isnan(t.columns[0].At(0)));
  EXPECT_EQ(t.columns[0].At(1), 5);
}

TEST(UnitTableBuilder, InvalidUtf8IsAnErrorShownWithReplacementCharacters) {
  DataSpec spec;
  InputSpec note = Input("note", InputType::kText);
  spec.inputs = {note, Input("n", InputType::kNumber)};
  const UnitTable t = BuildCsv(spec, {{"U1", "ab\xFF", "1"},
                                      {"U\xC3", "x", "1"},
                                      {"U3", "x", "9\xE4\xB8"},
                                      {"U4", "\xE5\x8C\x97\xE4\xBA\xAC", "1"}});
  EXPECT_EQ(
      t.errors[0],
      "data error: unit U1, input note: bad text \"ab\xEF\xBF\xBD\" (not valid UTF-8) (row 2, "
      "column \"note\")");
  EXPECT_EQ(t.errors[1], "data error: unit U\xEF\xBF\xBD (row 3): the unit id is not valid UTF-8");
  EXPECT_EQ(t.ids[1], "U\xEF\xBF\xBD");
  EXPECT_EQ(t.errors[2],
            "data error: unit U3, input n: bad number \"9\xEF\xBF\xBD\xEF\xBF\xBD\" (row 4, column "
            "\"n\")");
  EXPECT_EQ(t.errors[3], "");  // 北京
}

TEST(UnitTableBuilder, LongBadValueIsCutInTheMessage) {
  DataSpec spec;
  spec.inputs = {Input("n", InputType::kNumber)};
  const std::string huge(10'000'000, '7');
  const UnitTable t = BuildCsv(spec, {{"U1", huge + "x"}});
  EXPECT_EQ(t.errors[0], "data error: unit U1, input n: bad number \"" + std::string(60, '7') +
                             "...\" (row 2, column \"n\")");
}

TEST(UnitTableBuilder, EmptyBatch) {
  DataSpec spec;
  spec.texts.Intern("A");
  spec.inputs = {Input("l", InputType::kList)};
  UnitTableBuilder b(spec, SourceKind::kCsv, "u.csv");
  const UnitTable t = b.Finish();
  EXPECT_EQ(t.size(), 0u);
  EXPECT_EQ(t.columns.size(), 1u);
  EXPECT_EQ(ElementsOf(t.columns[0]).size(), 0u);
  EXPECT_EQ(t.texts.size(), 1u);
}

// Whether two tables hold the same units: ids, errors, places, and every value bit for bit.
void ExpectSameTables(const UnitTable& a, const UnitTable& b, const DataSpec& spec) {
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(a.ids, b.ids);
  EXPECT_EQ(a.errors, b.errors);
  EXPECT_EQ(a.rows, b.rows);
  for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
    const Column& ca = a.columns[i];
    const Column& cb = b.columns[i];
    for (std::size_t u = 0; u < a.size(); ++u) {
      SCOPED_TRACE(testing::Message() << "input " << spec.inputs[i].name << ", unit " << u);
      if (spec.inputs[i].type != InputType::kList) {
        const double x = ca.At(u), y = cb.At(u);
        EXPECT_TRUE(std::isnan(x) ? std::isnan(y)
                                  : std::bit_cast<uint64_t>(x) == std::bit_cast<uint64_t>(y))
            << x << " vs " << y;
        continue;
      }
      ASSERT_EQ(ca.ListMissing(u), cb.ListMissing(u));
      if (ca.ListMissing(u)) continue;
      ASSERT_EQ(ca.ListSize(u), cb.ListSize(u));
      std::vector<double> la(ca.ListSize(u)), lb(cb.ListSize(u));
      ca.ListCopy(u, la.data());
      cb.ListCopy(u, lb.data());
      for (std::size_t k = 0; k < la.size(); ++k) {
        EXPECT_EQ(std::bit_cast<uint64_t>(la[k]), std::bit_cast<uint64_t>(lb[k])) << k;
      }
    }
  }
}

// SetRow (the CSV reader's loop, with its own fast paths for numbers and lists) must do
// exactly what SetText does cell by cell: the same first errors, the same values. Cells are
// drawn from values that take every path: plain decimals, spaces, signs, exponents, long
// numbers, bad texts, values on and beyond min and max, integers with decimals, lists with
// bad or out-of-range elements in either order.
TEST(UnitTableBuilder, SetRowDoesWhatSetTextDoes) {
  DataSpec spec;
  auto add = [&](const char* name, InputType type, std::optional<double> min,
                 std::optional<double> max) {
    InputSpec in = Input(name, type);
    in.min = min;
    in.max = max;
    in.required = spec.inputs.size() % 3 != 0;
    if (spec.inputs.size() % 5 == 4) {
      in.has_default = true;
      in.default_value = 1;
      in.default_list = {1, 2};
    }
    spec.inputs.push_back(in);
  };
  add("n", InputType::kNumber, std::nullopt, std::nullopt);
  add("n0", InputType::kNumber, 0, std::nullopt);
  add("n0_100", InputType::kNumber, 0, 100);
  add("nm", InputType::kNumber, -0.5, 1e20);
  add("nf", InputType::kNumber, std::nullopt, 2.5);
  add("i0", InputType::kInteger, 0, std::nullopt);
  add("i", InputType::kInteger, std::nullopt, 100);
  add("l0_100", InputType::kList, 0, 100);
  add("l", InputType::kList, std::nullopt, std::nullopt);
  add("t", InputType::kText, std::nullopt, std::nullopt);
  InputSpec grade = Input("g", InputType::kText);
  for (const char* v : {"A", "B", "\xFF"}) grade.allowed.push_back(spec.texts.Intern(v));
  spec.inputs.push_back(grade);
  add("b", InputType::kBoolean, std::nullopt, std::nullopt);

  const std::vector<std::string> numbers = {"",
                                            " ",
                                            "12",
                                            "12.5",
                                            "-3",
                                            "-0",
                                            "-0.0",
                                            "+7",
                                            "0.001",
                                            " 4 ",
                                            "\t4",
                                            "1e3",
                                            "1.5e-2",
                                            "abc",
                                            "12.",
                                            ".5",
                                            "100",
                                            "100.0",
                                            "100.00",
                                            "100.01",
                                            "101",
                                            "-0.5",
                                            "-0.51",
                                            "2.5",
                                            "2.50",
                                            "2.51",
                                            "3.0",
                                            "3.5",
                                            "1e20",
                                            "1.00000000000000001e20",
                                            "123456789012345678",
                                            "9007199254740993",
                                            "0.0000000000000000001",
                                            "7e400",
                                            "1-2",
                                            "--1",
                                            "99999999",
                                            "-99999999.5"};
  const std::vector<std::string> lists = {"",
                                          "1;2;3",
                                          "1; 2",
                                          " 1;2 ",
                                          "1;;2",
                                          "1;x",
                                          "50;101",
                                          "101;x",
                                          "x;101",
                                          "1e2;3",
                                          "-1;2",
                                          "100;100.0;99.99",
                                          "100.01",
                                          "7",
                                          ";",
                                          "1;2;",
                                          "2.5",
                                          "0.5;-0",
                                          "1.25;12345678901234567890"};
  const std::vector<std::string> texts = {"",  "A",    "B",   "C", " A ", "a",  "\xFF",  "\xC3",
                                          "x", "北京", "yes", "0", "12",  "no", "maybe", "TRUE"};
  std::mt19937 rng(99);
  for (int trial = 0; trial < 40; ++trial) {
    std::vector<std::vector<std::string>> rows;
    for (int u = 0; u < 60; ++u) {
      std::vector<std::string> cells{"U" + std::to_string(u % 50)};  // some repeated ids
      for (const InputSpec& in : spec.inputs) {
        const auto& pool = in.type == InputType::kList ? lists
                           : in.type == InputType::kText || in.type == InputType::kBoolean
                               ? texts
                               : numbers;
        // Mostly good values, as in real files, so that later cells are reached.
        const bool tame = rng() % 4 != 0;
        std::string cell = pool[rng() % pool.size()];
        if (tame && in.type != InputType::kText && in.type != InputType::kBoolean) {
          cell = std::to_string(rng() % 90) + (rng() % 2 ? "." + std::to_string(rng() % 10) : "");
        }
        cells.push_back(cell);
      }
      if (rng() % 10 == 0) cells.resize(rng() % cells.size() + 1);  // a short row
      rows.push_back(cells);
    }
    // By SetRow, with the columns sized after 10 units, as the CSV reader does.
    UnitTableBuilder by_row(spec, SourceKind::kCsv, "u.csv");
    std::vector<std::pair<std::size_t, std::size_t>> map;
    std::vector<std::string> fields;
    for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
      map.emplace_back(i + 1, i);
      fields.push_back(spec.inputs[i].column);
    }
    by_row.MapColumns(map, fields);
    // By SetText, cell by cell.
    UnitTableBuilder by_text(spec, SourceKind::kCsv, "u.csv");
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const std::vector<std::string>& cells = rows[r];
      std::vector<std::string_view> views(cells.begin(), cells.end());
      by_row.BeginUnit(cells[0], r + 2);
      by_row.SetRow(views);
      by_row.EndUnit();
      if (r == 10) by_row.Reserve(rows.size());
      by_text.BeginUnit(cells[0], r + 2);
      for (std::size_t i = 0; i < spec.inputs.size() && i + 1 < cells.size(); ++i) {
        by_text.SetText(i, cells[i + 1], spec.inputs[i].column);
      }
      by_text.EndUnit();
    }
    SCOPED_TRACE(trial);
    ExpectSameTables(by_row.Finish(), by_text.Finish(), spec);
  }
}

// A negative max with no min (or a min of 0): a negative value is not below the max just
// because it is negative. Found in review: DecimalInRange took every negative decimal as
// within any max.
TEST(UnitTableBuilder, NegativeMaxIsCheckedForNegativeValues) {
  DataSpec spec;
  InputSpec x = Input("x", InputType::kNumber);
  x.max = -5;
  x.required = false;
  InputSpec l = Input("l", InputType::kList);
  l.max = -0.5;
  l.required = false;
  spec.inputs = {x, l};
  const UnitTable t = BuildCsv(spec, {{"U1", "-1", ""},
                                      {"U2", "-0", ""},
                                      {"U3", "-5", "-0.25"},
                                      {"U4", "-6", "-1;-0.5"},
                                      {"U5", " -4 ", ""}});
  EXPECT_EQ(t.errors[0],
            R"(data error: unit U1, input x: -1 is above the maximum -5 (row 2, column "x"))");
  EXPECT_EQ(t.errors[1],
            R"(data error: unit U2, input x: 0 is above the maximum -5 (row 3, column "x"))");
  EXPECT_EQ(t.errors[2],
            R"(data error: unit U3, input l: -0.25 is above the maximum -0.5 (row 4, column "l"))");
  EXPECT_EQ(t.errors[3], "");
  EXPECT_EQ(t.errors[4],
            R"(data error: unit U5, input x: -4 is above the maximum -5 (row 6, column "x"))");
  EXPECT_EQ(t.columns[0].At(3), -6);
}

// The fast paths (ParseShortDecimal, DecimalInRange, NumberVector::PushDecimal, SetRow)
// against the general path written out here: ParseNumber, then min <= x <= max as doubles.
// Bounds of every kind: none, 0, negative, whole, fractional, tiny.
TEST(UnitTableBuilder, FastPathsAgreeWithParseNumberAndDoubleBounds) {
  const std::vector<std::optional<double>> bounds = {
      std::nullopt, 0.0, -0.0, -5, -0.5, 2.5, 100, 1e-9, -1e-9, 2147483647, 0.1, 3e9, 1, 0.01};
  const std::vector<std::string> cells = {"0",
                                          "-0",
                                          "1",
                                          "-1",
                                          "5",
                                          "-5",
                                          "-5.0",
                                          "-4.99",
                                          "2.5",
                                          "2.50",
                                          "2.5001",
                                          "100",
                                          "100.0000",
                                          "100.000001",
                                          "0.1",
                                          "-0.1",
                                          "0.10",
                                          "1e-9",
                                          "-1e-9",
                                          "0.000000001",
                                          "-0.000000001",
                                          "0.0000000011",
                                          "3e9",
                                          "3000000000",
                                          "2147483647",
                                          "2147483648",
                                          "2147483647.0000000001",
                                          "-0.5",
                                          "-0.50",
                                          "-0.49",
                                          "-0.51",
                                          "99.99999999999999999",
                                          "+100",
                                          "100.00000000000001",
                                          "0.01",
                                          "0.010",
                                          "0.0099",
                                          "0.999",
                                          "1.0",
                                          "1.001",
                                          "3",
                                          "2.49"};
  std::mt19937 rng(123);
  for (const auto& lo : bounds) {
    for (const auto& hi : bounds) {
      if (lo && hi && *lo > *hi) continue;
      for (InputType type : {InputType::kNumber, InputType::kInteger}) {
        DataSpec spec;
        InputSpec in = Input("x", type);
        in.min = lo;
        in.max = hi;
        in.required = false;
        spec.inputs = {in};
        std::vector<std::vector<std::string>> rows;
        for (std::size_t i = 0; i < cells.size(); ++i) {
          rows.push_back({"U" + std::to_string(i), cells[i]});
        }
        for (int i = 0; i < 40; ++i) {  // random short decimals
          std::string c = (rng() % 2 ? "-" : "") + std::to_string(rng() % 100000);
          const int scale = static_cast<int>(rng() % 12);
          if (scale > 0) {
            std::string frac = std::to_string(rng() % 1000000000000ULL);
            frac.resize(static_cast<std::size_t>(scale), '0');
            c += "." + frac;
          }
          rows.push_back({"R" + std::to_string(i), c});
        }
        // By SetText and by SetRow (with its own fast path).
        const UnitTable t = BuildCsv(spec, rows);
        UnitTableBuilder by_row(spec, SourceKind::kCsv, "units.csv");
        by_row.MapColumns({{1, 0}}, {"x"});
        for (std::size_t r = 0; r < rows.size(); ++r) {
          std::vector<std::string_view> views(rows[r].begin(), rows[r].end());
          by_row.BeginUnit(rows[r][0], r + 2);
          by_row.SetRow(views);
          by_row.EndUnit();
        }
        const UnitTable tr = by_row.Finish();
        for (std::size_t r = 0; r < rows.size(); ++r) {
          const std::string& cell = rows[r][1];
          SCOPED_TRACE(testing::Message()
                       << "cell " << cell << " min " << (lo ? std::to_string(*lo) : "-") << " max "
                       << (hi ? std::to_string(*hi) : "-") << " integer "
                       << (type == InputType::kInteger));
          const std::optional<double> v = ParseNumber(cell);
          ASSERT_TRUE(v.has_value());
          bool ok = !(lo && *v < *lo) && !(hi && *v > *hi);
          if (type == InputType::kInteger && std::trunc(*v) != *v) ok = false;
          EXPECT_EQ(t.errors[r].empty(), ok) << t.errors[r];
          EXPECT_EQ(tr.errors[r].empty(), ok) << tr.errors[r];
          if (ok && t.errors[r].empty()) {
            EXPECT_EQ(std::bit_cast<uint64_t>(t.columns[0].At(r)), std::bit_cast<uint64_t>(*v));
          }
          if (ok && tr.errors[r].empty()) {
            EXPECT_EQ(std::bit_cast<uint64_t>(tr.columns[0].At(r)), std::bit_cast<uint64_t>(*v));
          }
        }
      }
    }
  }
}

// A list of whole numbers without signs or spaces ("63;69;60") is read at once; every
// other list element by element. Both must store the same values and give the same
// messages: each random list is read as written and with a space after each ';' (which
// only the element by element path takes). Two columns: one of marks with leading zeros
// and, now and then, a list with halves (the column's scale then rises, and the whole
// numbers after it are stored at that scale); one of 9- and 10-digit numbers. With values
// out of range, lists longer than the fast path's buffer, and malformed lists.
TEST(UnitTableBuilder, ListsOfWholeNumbersReadAtOnceAsElementByElement) {
  DataSpec spec;
  spec.inputs = {OptionalList("marks", 0, 100), OptionalList("big", 0, 2e9)};
  std::mt19937 rng(20261206);
  auto list = [&](int kind, bool large, std::string& a, std::string& b) {
    const std::size_t count = kind == 0 ? 300 : 1 + rng() % 12;
    for (std::size_t i = 0; i < count; ++i) {
      std::string e;
      if (large) {
        e = std::to_string(rng() % 2 ? 100000000 + rng() % 900000000      // 9 digits
                                     : 1000000000 + rng() % 1100000000);  // 10
      } else if (kind == 1 && i == 0) {
        e = std::to_string(rng() % 100) + ".5";
      } else {
        e = (rng() % 4 ? "" : "0") + std::to_string(rng() % 101);  // a leading zero
      }
      a += (i ? ";" : "") + e;
      b += (i ? "; " : "") + e;
    }
    if (kind == 2) a += ";", b += "; ";  // a ';' at the end: a bad element
    if (kind == 3) a = "5;;6", b = "5; ; 6";
    if (kind == 4) a = "-1;3", b = "-1; 3";  // below the min
  };
  std::vector<std::vector<std::string>> plain, spaced;
  for (int u = 0; u < 3000; ++u) {
    const std::string id = "U" + std::to_string(u);
    plain.push_back({id});
    spaced.push_back({id});
    for (bool large : {false, true}) {
      std::string a, b;
      list(static_cast<int>(rng() % 16), large, a, b);
      plain.back().push_back(a);
      spaced.back().push_back(b);
    }
  }
  const UnitTable p = BuildCsv(spec, plain);
  const UnitTable q = BuildCsv(spec, spaced);
  ASSERT_EQ(p.size(), q.size());
  std::size_t fine = 0;
  for (std::size_t u = 0; u < p.size(); ++u) {
    ASSERT_EQ(p.errors[u], q.errors[u]) << plain[u][1] << " " << plain[u][2];
    for (std::size_t i = 0; i < 2; ++i) {
      ASSERT_EQ(p.columns[i].ListSize(u), q.columns[i].ListSize(u)) << plain[u][i + 1];
    }
    fine += p.errors[u].empty();
  }
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(ElementsOf(p.columns[i]), ElementsOf(q.columns[i])) << spec.inputs[i].name;
  }
  EXPECT_EQ(p.columns[0].elements().scale(), 1);  // the halves raised it
  EXPECT_GT(fine, 1200u);
  EXPECT_LT(fine, 3000u);
}

// Lists of 1 to 40 elements of 1 to 4 digits (read 32 bytes at a time), and some with 5 or 6
// (read a byte at a time).
TEST(UnitTableBuilder, ListsOfOneToFortyElementsReadAtOnceAsElementByElement) {
  DataSpec spec;
  spec.inputs = {OptionalList("marks", 0, 1e9)};
  std::mt19937 rng(20261207);
  std::vector<std::vector<std::string>> plain, spaced;
  for (int count = 1; count <= 40; ++count) {
    for (int k = 0; k < 20; ++k) {
      std::string a, b;
      for (int i = 0; i < count; ++i) {
        const int digits =
            k < 15 ? 1 + static_cast<int>(rng() % 4) : 1 + static_cast<int>(rng() % 6);
        std::string e;
        for (int d = 0; d < digits; ++d) e += static_cast<char>('0' + rng() % 10);
        a += (i ? ";" : "") + e;
        b += (i ? "; " : "") + e;
      }
      plain.push_back({"U" + std::to_string(plain.size()), a});
      spaced.push_back({"U" + std::to_string(spaced.size()), b});
    }
  }
  const UnitTable p = BuildCsv(spec, plain);
  const UnitTable q = BuildCsv(spec, spaced);
  ASSERT_EQ(p.size(), q.size());
  for (std::size_t u = 0; u < p.size(); ++u) {
    EXPECT_EQ(p.errors[u], "") << plain[u][1];
    ASSERT_EQ(p.columns[0].ListSize(u), q.columns[0].ListSize(u)) << plain[u][1];
  }
  EXPECT_EQ(ElementsOf(p.columns[0]), ElementsOf(q.columns[0]));
}

TEST(UnitTableBuilder, ListsOfWholeNumbersAtOnceTakeTheBoundsAsElementByElement) {
  // Bounds of every kind: none, whole, between whole numbers, negative, beyond 2^32.
  const std::optional<double> none;
  const std::vector<std::pair<std::optional<double>, std::optional<double>>> bounds = {
      {0, 100},     {0.5, 99.5},  {-3, 7.2},     {100, 100},           {none, -1},
      {1e10, none}, {none, none}, {2.5, none},   {none, 0x1p32 + 0.5}, {-0.5, 0x1p32 - 1.5},
      {7, 7.5},     {none, 0},    {0x1p32, none}};
  const std::uint32_t values[] = {0, 1, 2, 3, 7, 8, 99, 100, 101, 999999999};
  std::size_t taken = 0, refused = 0;
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    DataSpec spec;
    InputSpec in = Input("l" + std::to_string(i), InputType::kList);
    in.min = bounds[i].first;
    in.max = bounds[i].second;
    in.required = false;
    spec.inputs = {in};
    // Every pair of values, plain (read at once) and with spaces (element by element).
    std::vector<std::vector<std::string>> plain, spaced;
    for (std::uint32_t v : values) {
      for (std::uint32_t w : values) {
        const std::string id = "U" + std::to_string(plain.size());
        plain.push_back({id, std::to_string(v) + ";" + std::to_string(w)});
        spaced.push_back({id, std::to_string(v) + "; " + std::to_string(w)});
      }
    }
    const UnitTable p = BuildCsv(spec, plain);
    const UnitTable q = BuildCsv(spec, spaced);
    ASSERT_EQ(p.size(), q.size());
    for (std::size_t u = 0; u < p.size(); ++u) {
      // A value out of range is the unit's error, the first one named, the same in both.
      ASSERT_EQ(p.errors[u], q.errors[u]) << in.name << " " << plain[u][1];
      (p.errors[u].empty() ? taken : refused) += 1;
    }
    EXPECT_EQ(ElementsOf(p.columns[0]), ElementsOf(q.columns[0])) << in.name;
  }
  EXPECT_GT(taken, 300u);
  EXPECT_GT(refused, 300u);
}

// What ReadWholes (or ReadWholesByByte) makes of a text: 0 for a text that is not a list of
// whole numbers, else the elements, the least and the greatest.
struct WholesRead {
  std::size_t n = 0;
  std::vector<std::uint32_t> elements;
  std::uint32_t least = 0;
  std::uint32_t greatest = 0;
  bool operator==(const WholesRead&) const = default;
};

std::ostream& operator<<(std::ostream& os, const WholesRead& r) {
  os << r.n << " elements, " << r.least << ".." << r.greatest << ":";
  for (std::uint32_t e : r.elements) os << " " << e;
  return os;
}

WholesRead ReadWholesOf(std::string_view text, bool by_byte) {
  constexpr std::size_t kRoom = UnitTableBuilder::kWholesRoom;
  std::vector<std::uint32_t> out(kRoom + 8, 12345);  // 8 more, which must stay as they are
  WholesRead r;
  r.n = by_byte ? UnitTableBuilder::ReadWholesByByte(text, out.data(), r.least, r.greatest)
                : UnitTableBuilder::ReadWholes(text, out.data(), r.least, r.greatest);
  EXPECT_EQ(std::vector<std::uint32_t>(out.begin() + kRoom, out.end()),
            std::vector<std::uint32_t>(8, 12345));
  if (r.n == 0) {
    r.least = r.greatest = 0;
  } else {
    r.elements.assign(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(r.n));
  }
  return r;
}

// A text of `size` bytes, mostly a list of whole numbers (of 1 to 4 digits, some longer, some
// with leading zeros), cut at `size` (so perhaps ending in ';'), and sometimes with a byte or
// two replaced by another: a ';', a digit, or a byte that is not part of such a list (those
// next to the digits and ';' among them).
std::string RandomWholesText(std::mt19937& rng, std::size_t size) {
  std::string t;
  while (t.size() < size) {
    if (!t.empty()) t += ';';
    const unsigned r = rng() % 32;
    const std::size_t digits = r < 28 ? 1 + r % 4 : 5 + rng() % 6;
    for (std::size_t d = 0; d < digits; ++d) t += static_cast<char>('0' + rng() % 10);
  }
  t.resize(size);
  static constexpr char kOthers[] = {';', '0', '9',  '/',    ':',    '<',    '-',    '+',   ' ',
                                     '.', 'e', '\0', '\x80', '\xB0', '\xB9', '\xBB', '\xFF'};
  for (unsigned changes = rng() % 6; size > 0 && changes > 3; --changes) {
    t[rng() % size] = kOthers[rng() % sizeof kOthers];
  }
  return t;
}

// Every size from 0 to 600 bytes (one, two and more steps of 32, and the byte loop from 512).
TEST(UnitTableBuilder, ReadWholesAsByteByByte) {
  std::mt19937 rng(20261208);
  std::size_t lists = 0;
  for (std::size_t size = 0; size <= 600; ++size) {
    for (int k = 0; k < 40; ++k) {
      const std::string t = RandomWholesText(rng, size);
      const WholesRead by_byte = ReadWholesOf(t, true);
      ASSERT_EQ(ReadWholesOf(t, false), by_byte) << '"' << t << '"';
      lists += by_byte.n > 0;
    }
  }
  EXPECT_GT(lists, 3000u);  // lists, and not only other texts
  // The limits: 256 elements (the most that 511 bytes hold), 9 digits.
  std::string most = "7";
  for (int i = 1; i < 256; ++i) most += ";7";
  ASSERT_EQ(most.size(), 511u);
  EXPECT_EQ(ReadWholesOf(most, false), ReadWholesOf(most, true));
  EXPECT_EQ(ReadWholesOf(most, false).n, 256u);
  EXPECT_EQ(ReadWholesOf(most + ";7", false).n, 0u);
  EXPECT_EQ(ReadWholesOf(most + ";", false).n, 0u);
  EXPECT_EQ(ReadWholesOf("12345;1", false), (WholesRead{2, {12345, 1}, 1, 12345}));
  EXPECT_EQ(ReadWholesOf("1;999999999;0", false), (WholesRead{3, {1, 999999999, 0}, 0, 999999999}));
  EXPECT_EQ(ReadWholesOf("1;1000000000;0", false).n, 0u);
  EXPECT_EQ(ReadWholesOf("0009;9999;0;12", false), (WholesRead{4, {9, 9999, 0, 12}, 0, 9999}));
}

// Texts are views into larger buffers, which may end where a page does: the reading reads no
// byte before or after the text (the pages around it here are not readable).
TEST(UnitTableBuilder, ReadWholesReadsNoByteOutsideTheText) {
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  void* const map =
      mmap(nullptr, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(map, MAP_FAILED);
  char* const pages = static_cast<char*>(map);
  ASSERT_EQ(mprotect(pages, page, PROT_NONE), 0);
  ASSERT_EQ(mprotect(pages + 2 * page, page, PROT_NONE), 0);
  std::mt19937 rng(20261209);
  for (std::size_t size = 1; size <= 600; ++size) {
    for (int k = 0; k < 3; ++k) {
      const std::string t = RandomWholesText(rng, size);
      for (char* at : {pages + page, pages + 2 * page - size}) {
        std::memcpy(at, t.data(), size);
        ASSERT_EQ(ReadWholesOf(std::string_view(at, size), false), ReadWholesOf(t, true)) << t;
      }
    }
  }
  munmap(map, 3 * page);
}

TEST(CellParse, ShownValueCutsOnACharacterBoundary) {
  std::string text;
  for (int i = 0; i < 30; ++i) text += "\xE5\x8C\x97";  // 北, 3 bytes
  EXPECT_EQ(ShownValue(text), std::string(text, 0, 60) + "...");
  EXPECT_EQ(ShownValue(std::string(text, 0, 61)), std::string(text, 0, 60) + "...");
  EXPECT_EQ(ShownValue("abc"), "abc");
}

TEST(CellParse, Utf8Validity) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"", true},
      {"plain ascii text, longer than 8", true},
      {"\xE5\x8C\x97\xE4\xBA\xAC", true},
      {"\xF0\x9F\x98\x80", true},   // U+1F600
      {"\xC0\xAF", false},          // overlong
      {"\xED\xA0\x80", false},      // a surrogate
      {"\xF4\x90\x80\x80", false},  // above U+10FFFF
      {"abcdefgh\x80", false},
      {"\xE5\x8C", false},  // cut short
  };
  for (const auto& [text, valid] : cases) EXPECT_EQ(IsValidUtf8(text), valid) << text;
}

}  // namespace
}  // namespace assess::data
