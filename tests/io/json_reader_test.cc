// Tests of ReadJson and ReadJsonLines (rule-language §13, §12 "Data"), including hostile files, and
// of ReadDataFile / FormatOfPath.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/data_readers.h"

namespace assess::io {
namespace {

using assess::InputType;
using data::DataSpec;
using data::InputSpec;
using data::UnitTable;

InputSpec Input(std::string name, InputType type, bool required = true) {
  InputSpec in;
  in.column = name;
  in.name = std::move(name);
  in.type = type;
  in.required = required;
  return in;
}

// Optional inputs of every type, so that one object can show every conversion.
DataSpec AllTypes() {
  DataSpec spec;
  InputSpec list = Input("list", InputType::kList, false);
  list.max = 100;
  spec.inputs = {Input("num", InputType::kNumber, false), Input("int", InputType::kInteger, false),
                 Input("flag", InputType::kBoolean, false), Input("text", InputType::kText, false),
                 list};
  return spec;
}

ReadResult Json(const std::string& text, const DataSpec& spec) {
  std::istringstream in(text);
  return ReadJson(in, spec, "units.json");
}

ReadResult Lines(const std::string& text, const DataSpec& spec) {
  std::istringstream in(text);
  return ReadJsonLines(in, spec, "units.jsonl");
}

UnitTable Ok(const ReadResult& r) {
  EXPECT_EQ(r.error, "");
  return r.table ? *r.table : UnitTable{};
}

std::string TextOf(const UnitTable& t, std::size_t column, std::size_t unit) {
  return t.texts.Text(static_cast<uint32_t>(t.columns[column].At(unit)));
}

std::vector<double> ListOf(const UnitTable& t, std::size_t column, std::size_t unit) {
  const data::Column& c = t.columns[column];
  std::vector<double> out(c.ListSize(unit));
  c.ListCopy(unit, out.data());
  return out;
}

TEST(JsonReader, ValuesOfEveryKind) {
  const UnitTable t = Ok(Json(R"([
    {"unit": "A", "num": 8.4, "int": 3, "flag": true, "text": "street", "list": [90, 85.5]},
    {"unit": "B", "num": " -2.5e1 ", "int": "4.0", "flag": "YES", "text": 3, "list": "1; 2"},
    {"unit": "C", "num": null, "int": 5.0, "flag": 0, "text": 2.5, "list": []},
    {"unit": "D", "flag": 1, "text": " padded ", "other": {"deep": [1, [2, {"x": 3}]]}}
  ])",
                              AllTypes()));
  EXPECT_EQ(t.errors.Of(t.size()), (std::vector<std::string>{"", "", "", ""}));
  EXPECT_EQ(t.ids, (std::vector<std::string>{"A", "B", "C", "D"}));
  EXPECT_EQ(t.rows, (std::vector<uint64_t>{0, 1, 2, 3}));
  EXPECT_EQ(t.columns[0].At(0), 8.4);
  EXPECT_EQ(t.columns[0].At(1), -25);
  EXPECT_TRUE(std::isnan(t.columns[0].At(2)));
  EXPECT_TRUE(std::isnan(t.columns[0].At(3)));
  EXPECT_EQ(t.columns[1].At(1), 4);
  EXPECT_EQ(t.columns[1].At(2), 5);
  for (std::size_t u = 0; u < 4; ++u) EXPECT_EQ(t.columns[2].At(u), u == 2 ? 0 : 1) << u;
  EXPECT_EQ(TextOf(t, 3, 0), "street");
  EXPECT_EQ(TextOf(t, 3, 1), "3");
  EXPECT_EQ(TextOf(t, 3, 2), "2.5");
  EXPECT_EQ(TextOf(t, 3, 3), "padded");
  EXPECT_EQ(ListOf(t, 4, 0), (std::vector<double>{90, 85.5}));
  EXPECT_EQ(ListOf(t, 4, 1), (std::vector<double>{1, 2}));
  EXPECT_EQ(ListOf(t, 4, 2), (std::vector<double>{}));
  for (std::size_t u = 0; u < 4; ++u) EXPECT_EQ(t.columns[4].ListMissing(u), u == 3) << u;
  EXPECT_EQ(t.source, data::SourceKind::kJson);
}

TEST(JsonReader, UnitIdsAsTextsAndNumbers) {
  const UnitTable t = Ok(Json(
      R"([{"unit": 3}, {"unit": 2.5}, {"unit": 12345678901234567890}, {"unit": -7},
          {"unit": 1e2}, {"unit": " S1 "}, {"unit": true}, {"unit": null}, {"unit": ""},
          {"unit": {"a": 1}}, {"num": 1}])",
      DataSpec{}));
  EXPECT_EQ(t.ids, (std::vector<std::string>{"3", "2.5", "12345678901234567890", "-7", "100", "S1",
                                             "", "", "", "", ""}));
  EXPECT_EQ(t.errors.Of(t.size()),
            (std::vector<std::string>{
                "",
                "",
                "",
                "",
                "",
                "",
                "data error: [6]: the unit id is a boolean, not a text or a number",
                "data error: [7]: no unit id",
                "data error: [8]: no unit id",
                "data error: [9]: the unit id is an object, not a text or a number",
                "data error: [10]: no unit id",
            }));
}

TEST(JsonReader, UnitIdMayComeAfterItsValues) {
  DataSpec spec;
  spec.inputs = {Input("gdp", InputType::kNumber)};
  const UnitTable t = Ok(Json(R"([{"gdp": "x", "unit": "S1"}, {"unit": "S2"}])", spec));
  EXPECT_EQ(
      t.errors.Of(t.size()),
      (std::vector<std::string>{R"(data error: unit S1, input gdp: bad number "x" ([0].gdp))",
                                "data error: unit S2: missing gdp (required input, [1].gdp)"}));
}

TEST(JsonReader, ValuesOfTheWrongShape) {
  struct Case {
    std::string value;
    std::string problem;  // at input "list" (a list) or "num" (a number)
    std::string input;
  };
  const std::vector<Case> cases = {
      {R"({"a": 1})", "expected a number, got an object", "num"},
      {"[1, 2]", "expected a number, got an array", "num"},
      {"true", "expected a number, got true", "num"},
      {"\"1,5\"", R"(bad number "1,5")", "num"},
      {R"([1, "x", 3])", R"(bad list element "x")", "list"},
      {"[1, null]", "bad list element null", "list"},
      {"[1, [2]]", "bad list element an array", "list"},
      {R"([{"a": 1}])", "bad list element an object", "list"},
      {"[50, 101]", "101 is above the maximum 100", "list"},
      {R"({"a": [1]})", "expected a list, got an object", "list"},
      {"\"1;x\"", R"(bad list element "x")", "list"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.value);
    const UnitTable t =
        Ok(Json(R"([{"unit": "U", ")" + c.input + "\": " + c.value + "}]", AllTypes()));
    EXPECT_EQ(t.errors[0],
              "data error: unit U, input " + c.input + ": " + c.problem + " ([0]." + c.input + ")");
  }
}

TEST(JsonReader, ElementThatIsNotAnObjectIsItsRowsError) {
  DataSpec spec;
  const UnitTable t =
      Ok(Json(R"([{"unit": "A"}, 5, "x", null, [{"unit": "B"}], {"unit": "C"}])", spec));
  EXPECT_EQ(t.errors.Of(t.size()), (std::vector<std::string>{
                                       "",
                                       "data error: [1]: expected an object, got a number",
                                       "data error: [2]: expected an object, got a text",
                                       "data error: [3]: expected an object, got null",
                                       "data error: [4]: expected an object, got an array",
                                       "",
                                   }));
  EXPECT_EQ(t.ids, (std::vector<std::string>{"A", "", "", "", "", "C"}));
  EXPECT_EQ(t.rows, (std::vector<uint64_t>{0, 1, 2, 3, 4, 5}));
}

TEST(JsonReader, RepeatedKeyFirstCountsAndRepeatedIdIsAnError) {
  DataSpec spec;
  spec.inputs = {Input("a", InputType::kNumber, false)};
  const UnitTable t = Ok(Json(R"([{"unit": "A", "a": 1, "a": "bad", "unit": "Z"},
                                  {"unit": "A", "a": 2}])",
                              spec));
  EXPECT_EQ(t.errors.Of(t.size()),
            (std::vector<std::string>{"", "data error: unit A ([1]): duplicate unit id"}));
  EXPECT_EQ(t.ids, (std::vector<std::string>{"A", "A"}));
  EXPECT_EQ(t.columns[0].At(0), 1);
}

TEST(JsonReader, FileThatIsNotAnArrayOfObjectsFailsTheBatch) {
  DataSpec spec;
  EXPECT_EQ(Json(R"({"unit": "A"})", spec).error,
            "units.json: expected an array of objects, found an object");
  EXPECT_EQ(Json("42", spec).error, "units.json: expected an array of objects, found a number");
  EXPECT_EQ(Json("", spec).error,
            "units.json: parse error at line 1, column 1: syntax error while parsing value - "
            "unexpected end of input; expected '[', '{', or a literal (byte 1)");
  EXPECT_EQ(Json("[{\"unit\": \"A\"},\n {\"unit\": tru}]", spec).error,
            "units.json: parse error at line 2, column 14: syntax error while parsing value - "
            "invalid literal; last read: '\"unit\": tru}' (byte 30)");
  EXPECT_EQ(Json("[{\"unit\": \"A\"}] x", spec).error.substr(0, 44),
            "units.json: parse error at line 1, column 17");
  EXPECT_FALSE(Json("[{\"unit\": \"A\"}", spec).table.has_value());
}

TEST(JsonReader, NumberTooLargeForADoubleFailsTheBatch) {
  DataSpec spec;
  spec.inputs = {Input("a", InputType::kNumber)};
  EXPECT_EQ(Json(R"([{"unit": "A", "a": 1e400}])", spec).error,
            "units.json: number overflow parsing '1e400' (byte 25)");
}

TEST(JsonReader, InvalidUtf8FailsTheBatch) {
  DataSpec spec;
  const ReadResult r = Json("[{\"unit\": \"caf\xE9\"}]", spec);
  EXPECT_FALSE(r.table.has_value());
  EXPECT_NE(r.error.find("invalid string: ill-formed UTF-8 byte"), std::string::npos) << r.error;
}

TEST(JsonReader, HundredThousandDeepArraysAreAnErrorNotAStackOverflow) {
  DataSpec spec;
  spec.inputs = {Input("a", InputType::kNumber)};
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  // As an element, as a value, and as the whole file.
  const UnitTable t = Ok(Json("[" + deep + R"(, {"unit": "U", "a": )" + deep + "}]", spec));
  EXPECT_EQ(t.errors.Of(t.size()),
            (std::vector<std::string>{
                "data error: [0]: expected an object, got an array",
                "data error: unit U, input a: expected a number, got an array ([1].a)",
            }));
  const UnitTable whole = Ok(Json(deep, spec));
  EXPECT_EQ(whole.errors.Of(whole.size()),
            (std::vector<std::string>{"data error: [0]: expected an object, got an array"}));
  EXPECT_EQ(Json(std::string(100'000, '['), spec).error.substr(0, 40),
            "units.json: parse error at line 1, colum");
}

TEST(JsonLinesReader, OneObjectPerLine) {
  DataSpec spec;
  spec.inputs = {Input("a", InputType::kNumber)};
  const UnitTable t =
      Ok(Lines("{\"unit\": \"A\", \"a\": 1}\r\n"
               "\n"
               "   \n"
               "{\"unit\": \"B\", \"a\": \"x\"}\n"
               "[1, 2]\n"
               "{\"unit\": \"C\", \"a\": tru}\n"
               "{\"unit\": \"D\", \"a\": 4} {\"unit\": \"E\"}\n"
               "{\"unit\": \"F\", \"a\": 1e400}\n"
               "7\n"
               "{\"unit\": \"G\"}",
               spec));
  EXPECT_EQ(t.errors.Of(t.size()),
            (std::vector<std::string>{
                "",
                R"(data error: unit B, input a: bad number "x" (line 4, field a))",
                "data error: line 5: expected an object, got an array",
                "data error: line 6: not valid JSON at byte 23: syntax error while parsing value "
                "- invalid literal; last read: '\"a\": tru}'",
                "data error: line 7: not valid JSON at byte 23: syntax error while parsing value "
                "- unexpected '{'; expected end of input",
                "data error: line 8: not valid JSON at byte 24: number overflow parsing '1e400'",
                "data error: line 9: expected an object, got a number",
                "data error: unit G: missing a (required input, line 10, field a)",
            }));
  EXPECT_EQ(t.ids, (std::vector<std::string>{"A", "B", "", "", "", "", "", "G"}));
  EXPECT_EQ(t.rows, (std::vector<uint64_t>{1, 4, 5, 6, 7, 8, 9, 10}));
  EXPECT_EQ(t.columns[0].At(0), 1);
  EXPECT_EQ(t.source, data::SourceKind::kJsonLines);
}

// Keys are known by comparing them with the keys of the unit before at the same place (as
// words up to 16 bytes): keys of every length that differ in their last byte alone, in an
// order that changes from line to line, and a key of an unknown input beside them.
TEST(JsonLinesReader, KeysOfEveryLengthAreToldApart) {
  DataSpec spec;
  for (std::size_t n = 1; n <= 20; ++n) {
    const std::string base(n - 1, 'k');
    spec.inputs.push_back(Input(base + "a", InputType::kNumber, false));
    spec.inputs.push_back(Input(base + "b", InputType::kNumber, false));
  }
  std::string text;
  for (int line = 0; line < 6; ++line) {
    text += "{\"unit\": \"U" + std::to_string(line) + "\"";
    for (std::size_t n = 1; n <= 20; ++n) {
      const std::string base(n - 1, 'k');
      const std::string a = "\"" + base + "a\": " + std::to_string(100 * line + 2 * n);
      const std::string b = "\"" + base + "b\": " + std::to_string(100 * line + 2 * n + 1);
      const std::string other = "\"" + base + "c\": 7";
      text += line % 3 == 0 ? ", " + a + ", " + b : line % 3 == 1 ? ", " + b + ", " + a : "";
      text += ", " + other;
      if (line % 3 == 2) text += ", " + a + ", " + b;
    }
    text += "}\n";
  }
  const UnitTable t = Ok(Lines(text, spec));
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t.errors.Of(t.size()), std::vector<std::string>(6, ""));
  for (std::size_t u = 0; u < 6; ++u) {
    for (std::size_t n = 1; n <= 20; ++n) {
      EXPECT_EQ(t.columns[2 * (n - 1)].At(u), static_cast<double>(100 * u + 2 * n))
          << u << " " << n;
      EXPECT_EQ(t.columns[2 * (n - 1) + 1].At(u), static_cast<double>(100 * u + 2 * n + 1))
          << u << " " << n;
    }
  }
}

TEST(JsonLinesReader, HostileLines) {
  DataSpec spec;
  const std::string deep_array = std::string(100'000, '[') + std::string(100'000, ']');
  std::string deep_object;
  for (int i = 0; i < 100'000; ++i) deep_object += "{\"a\":";
  deep_object += "1" + std::string(100'000, '}');
  const UnitTable t = Ok(Lines(deep_array + "\n" +                                             //
                                   "{\"unit\": \"D\", \"junk\": " + deep_object + "}\n" +      //
                                   "{\"unit\": \"caf\xE9\"}\n" +                               //
                                   "{\"unit\": \"" + std::string(10'000'000, 'x') + "\"}\n" +  //
                                   std::string(100'000, '[') + "\n",
                               spec));
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t.errors[0], "data error: line 1: expected an object, got an array");
  EXPECT_EQ(t.errors[1], "");
  EXPECT_EQ(t.ids[1], "D");
  EXPECT_NE(t.errors[2].find("ill-formed UTF-8"), std::string::npos) << t.errors[2];
  EXPECT_EQ(t.errors[3], "");
  EXPECT_EQ(t.ids[3].size(), 10'000'000u);
  EXPECT_EQ(t.errors[4],
            "data error: line 5: not valid JSON at byte 100001: syntax error while "
            "parsing value - unexpected end of input; expected '[', '{', or a literal");
}

TEST(DataFile, FormatOfPath) {
  EXPECT_EQ(FormatOfPath("units.json"), DataFormat::kJson);
  EXPECT_EQ(FormatOfPath("dir.v2/UNITS.JSON"), DataFormat::kJson);
  EXPECT_EQ(FormatOfPath("units.jsonl"), DataFormat::kJsonLines);
  EXPECT_EQ(FormatOfPath("units.ndjson"), DataFormat::kJsonLines);
  EXPECT_EQ(FormatOfPath("units.csv"), DataFormat::kCsv);
  EXPECT_EQ(FormatOfPath("units.txt"), DataFormat::kCsv);
  EXPECT_EQ(FormatOfPath("json"), DataFormat::kCsv);
}

TEST(DataFile, ReadsByFormatAndNamesTheFileInErrors) {
  char dir_template[] = "/tmp/assess_data_test_XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  DataSpec spec;
  spec.inputs = {Input("a", InputType::kNumber)};
  {
    std::ofstream(dir + "/u.csv") << "unit,a\nU1,1\n";
    std::ofstream(dir + "/u.json") << R"([{"unit": "U1", "a": 2}])";
    std::ofstream(dir + "/u.jsonl") << R"({"unit": "U1", "a": 3})"
                                    << "\n";
    std::ofstream(dir + "/bad.csv") << "unit\nU1\n";
  }
  const double expected[] = {1, 2, 3};
  const char* names[] = {"/u.csv", "/u.json", "/u.jsonl"};
  for (int i = 0; i < 3; ++i) {
    const std::string path = dir + names[i];
    const ReadResult r = ReadDataFile(path, FormatOfPath(path), spec);
    ASSERT_TRUE(r.table.has_value()) << r.error;
    ASSERT_EQ(r.table->size(), 1u);
    EXPECT_EQ(r.table->columns[0].At(0), expected[i]);
    EXPECT_EQ(r.table->source_name, path);
  }
  EXPECT_EQ(ReadDataFile(dir + "/bad.csv", DataFormat::kCsv, spec).error,
            dir + R"(/bad.csv: required column "a" is missing (columns found: unit))");
  EXPECT_EQ(ReadDataFile(dir + "/none.csv", DataFormat::kCsv, spec).error,
            dir + "/none.csv: cannot open (No such file or directory)");
  EXPECT_EQ(ReadDataFile(dir, DataFormat::kCsv, spec).error, dir + ": read error");
  for (const char* f : {"/u.csv", "/u.json", "/u.jsonl", "/bad.csv"})
    std::remove((dir + f).c_str());
  rmdir(dir.c_str());
}

}  // namespace
}  // namespace assess::io
