// Tests of the .xlsx reader: cells of every type read as the CSV reader reads their text,
// places naming the sheet and the cell, sheet choice, and files that cannot be used
// (not a zip, broken XML, a document type, parts over their limits, zip bombs).
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "io/data_readers.h"
#include "io/xlsx_sheet.h"
#include "io/xlsx_test_util.h"
#include "io/xlsx_workbook.h"

namespace assess::io {
namespace {

using data::DataSpec;
using data::InputSpec;
using data::UnitTable;
using testing::TestSheet;
using testing::WorkbookOf;

InputSpec Input(std::string name, InputType type) {
  InputSpec in;
  in.column = name;
  in.name = std::move(name);
  in.type = type;
  return in;
}

// unit + n (number, 0..1000), code (text), flag (boolean, default false), grade (A-D),
// scores (list).
DataSpec Spec() {
  DataSpec spec;
  InputSpec n = Input("n", InputType::kNumber);
  n.min = 0;
  n.max = 1000;
  InputSpec flag = Input("flag", InputType::kBoolean);
  flag.has_default = true;
  InputSpec grade = Input("grade", InputType::kText);
  for (const char* v : {"A", "B", "C", "D"}) grade.allowed.push_back(spec.texts.Intern(v));
  InputSpec scores = Input("scores", InputType::kList);
  scores.required = false;
  spec.inputs = {n, Input("code", InputType::kText), flag, grade, scores};
  return spec;
}

// Shared strings 0..6 of the header, then data texts.
const std::vector<std::string> kShared = {"unit", "n",  "code", "flag",     "grade", "scores",
                                          "note", "U1", "A",    "88; 92.5", "B"};
const std::string kHeader =
    R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>)"
    R"(<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c>)"
    R"(<c r="G1" t="s"><v>6</v></c></row>)";

ReadResult Read(const std::string& rows, const std::string& sheet_name = "数据") {
  const std::string bytes = WorkbookOf({{sheet_name, kHeader + rows}}, kShared);
  return ReadXlsxBytes(bytes, Spec(), "units.xlsx");
}

UnitTable ReadOk(const std::string& rows) {
  ReadResult r = Read(rows);
  EXPECT_EQ(r.error, "");
  if (!r.table) return UnitTable{};
  return std::move(*r.table);
}

TEST(XlsxReader, ReadsEachCellTypeAsItsText) {
  const UnitTable t = ReadOk(
      // shared strings, a number typed into a text input, a boolean, a shared list
      R"(<row r="2"><c r="A2" t="s"><v>7</v></c><c r="B2"><v>87.5</v></c><c r="C2"><v>1001</v></c>)"
      R"(<c r="D2" t="b"><v>1</v></c><c r="E2" t="s"><v>8</v></c><c r="F2" t="s"><v>9</v></c></row>)"
      // a numeric id, formulas with cached values (number and text), an inline rich text
      // with a phonetic guide, a number in a list input
      R"(<row r="3"><c r="A3"><v>1002</v></c><c r="B3"><f>B2*2</f><v>175</v></c>)"
      R"(<c r="C3" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="D3" t="b"><v>0</v></c>)"
      R"(<c r="E3" t="inlineStr"><is><r><t>B</t></r><rPh><t>bee</t></rPh></is></c><c r="F3"><v>90</v></c></row>)"
      // digits as Excel may write them; a number format with text in quotes is no date;
      // cells without `r` follow one another; no flag: its default
      R"(<row r="4"><c r="A4" t="inlineStr"><is><t> U4 </t></is></c><c r="B4" s="3"><v>0.30000000000000004</v></c>)"
      R"(<c><v>1.0000000000000001E-2</v></c><c r="E4" t="inlineStr"><is><t>C</t></is></c></row>)");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t.ids, (std::vector<std::string>{"U1", "1002", "U4"}));
  EXPECT_EQ(t.errors.Of(t.size()), (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(t.rows, (std::vector<uint64_t>{2, 3, 4}));
  EXPECT_EQ(t.columns[0].At(0), 87.5);
  EXPECT_EQ(t.columns[0].At(1), 175);
  EXPECT_EQ(t.columns[0].At(2), 0.30000000000000004);
  EXPECT_EQ(t.texts.Text(static_cast<uint32_t>(t.columns[1].At(0))), "1001");
  EXPECT_EQ(t.texts.Text(static_cast<uint32_t>(t.columns[1].At(1))), "xy");
  EXPECT_EQ(t.texts.Text(static_cast<uint32_t>(t.columns[1].At(2))), "0.01");
  EXPECT_EQ(t.columns[2].At(0), 1);
  EXPECT_EQ(t.columns[2].At(1), 0);
  EXPECT_EQ(t.columns[2].At(2), 0);  // the default
  EXPECT_EQ(t.texts.Text(static_cast<uint32_t>(t.columns[3].At(1))), "B");
  ASSERT_EQ(t.columns[4].ListSize(0), 2u);
  double list[2];
  t.columns[4].ListCopy(0, list);
  EXPECT_EQ(list[1], 92.5);
  ASSERT_EQ(t.columns[4].ListSize(1), 1u);
  t.columns[4].ListCopy(1, list);
  EXPECT_EQ(list[0], 90);
  EXPECT_EQ(t.source, data::SourceKind::kXlsx);
}

TEST(XlsxReader, DataErrorsNameTheSheetAndTheCellAndTheOtherUnitsGoOn) {
  const UnitTable t = ReadOk(
      R"(<row r="2"><c r="A2" t="inlineStr"><is><t>E1</t></is></c><c r="B2" t="e"><v>#N/A</v></c>)"
      R"(<c r="C2"><v>1</v></c><c r="E2" t="s"><v>8</v></c></row>)"
      R"(<row r="3"><c r="A3" t="inlineStr"><is><t>E2</t></is></c><c r="B3" s="1"><v>45658</v></c>)"
      R"(<c r="C3"><v>1</v></c><c r="E3" t="s"><v>8</v></c></row>)"
      R"(<row r="4"><c r="A4" t="inlineStr"><is><t>E3</t></is></c><c r="B4" s="2"><v>45658</v></c>)"
      R"(<c r="C4"><v>1</v></c><c r="E4" t="s"><v>8</v></c></row>)"
      // a formatted but empty row is blank: skipped, as a blank CSV line
      R"(<row r="5" s="1"><c r="A5" s="1"/><c r="B5" s="1"/></row>)"
      R"(<row r="6"><c r="A6" t="inlineStr"><is><t>E4</t></is></c><c r="B6" t="inlineStr"><is><t>abc</t></is></c>)"
      R"(<c r="C6"><v>1</v></c><c r="E6" t="s"><v>8</v></c></row>)"
      R"(<row r="7"><c r="A7" t="inlineStr"><is><t>E5</t></is></c><c r="C7"><v>1</v></c>)"
      R"(<c r="E7" t="s"><v>8</v></c></row>)"
      R"(<row r="8"><c r="A8" t="e"><v>#REF!</v></c><c r="B8"><v>1</v></c><c r="C8"><v>1</v></c></row>)"
      R"(<row r="9"><c r="A9" t="inlineStr"><is><t>OK</t></is></c><c r="B9"><v>1500</v></c>)"
      R"(<c r="C9"><v>1</v></c><c r="E9" t="inlineStr"><is><t>E</t></is></c></row>)"
      R"(<row r="10"><c r="A10" t="inlineStr"><is><t>E1</t></is></c><c r="B10"><v>1</v></c>)"
      R"(<c r="C10"><v>1</v></c><c r="E10" t="s"><v>8</v></c></row>)"
      R"(<row r="11"><c r="A11" t="inlineStr"><is><t>E7</t></is></c><c r="B11"><v>1</v></c>)"
      R"(<c r="C11"><v>1</v></c><c r="E11" t="s"><v>99</v></c></row>)"
      R"(<row r="12"><c r="A12" t="inlineStr"><is><t>FINE</t></is></c><c r="B12"><v>3</v></c>)"
      R"(<c r="C12"><v>1</v></c><c r="E12" t="s"><v>8</v></c></row>)");
  const std::vector<std::string> expected = {
      R"(data error: unit E1, input n: the cell holds the error #N/A (sheet 数据, cell B2, column "n"))",
      R"(data error: unit E2, input n: the cell holds a date (enter the value as a number or a text, not as a date) (sheet 数据, cell B3, column "n"))",
      R"(data error: unit E3, input n: the cell holds a date (enter the value as a number or a text, not as a date) (sheet 数据, cell B4, column "n"))",
      R"(data error: unit E4, input n: bad number "abc" (sheet 数据, cell B6, column "n"))",
      R"(data error: unit E5: missing n (required input, sheet 数据, cell B7, column "n"))",
      R"(data error: row 8: the unit id cell (sheet 数据, cell A8) holds the error #REF!)",
      R"(data error: unit OK, input n: 1500 is above the maximum 1000 (sheet 数据, cell B9, column "n"))",
      "data error: unit E1 (row 10): duplicate unit id",
      R"(data error: unit E7, input grade: the cell holds shared string 99, which does not exist (the workbook has 11) (sheet 数据, cell E11, column "grade"))",
      "",
  };
  EXPECT_EQ(t.errors.Of(t.size()), expected);
  EXPECT_EQ(t.rows, (std::vector<uint64_t>{2, 3, 4, 6, 7, 8, 9, 10, 11, 12}));
  EXPECT_EQ(t.columns[0].At(9), 3);
}

TEST(XlsxReader, ReadsTheSameTableAsCsvOfTheSameCells) {
  const std::string csv =
      "unit,n,code,flag,grade,scores\n"
      "U1,87.5,1001,yes,A,88;92.5\n"
      "U2,12,x,,B,\n"
      "U3,,y,no,C,70\n"
      "U4,5,z,1,E,\n";
  std::istringstream in(csv);
  ReadResult from_csv = ReadCsv(in, Spec(), "units.csv");
  ASSERT_TRUE(from_csv.table);
  auto s = [](const char* text) {
    return std::string(R"(<c t="inlineStr"><is><t>)") + text + "</t></is></c>";
  };
  auto n = [](const char* v) { return std::string("<c><v>") + v + "</v></c>"; };
  const std::string header =
      "<row>" + s("unit") + s("n") + s("code") + s("flag") + s("grade") + s("scores") + "</row>";
  const std::string bytes = WorkbookOf(
      {{"Sheet1", header + "<row>" + s("U1") + n("87.5") + n("1001") + R"(<c t="b"><v>1</v></c>)" +
                      s("A") + s("88;92.5") + "</row><row>" + s("U2") + n("12") + s("x") + "<c/>" +
                      s("B") + "</row><row>" + s("U3") + "<c/>" + s("y") + s("no") + s("C") +
                      n("70") + "</row><row>" + s("U4") + n("5") + s("z") + n("1") + s("E") +
                      "</row>"}});
  ReadResult from_xlsx = ReadXlsxBytes(bytes, Spec(), "units.xlsx");
  ASSERT_TRUE(from_xlsx.table) << from_xlsx.error;
  const UnitTable& a = *from_csv.table;
  const UnitTable& b = *from_xlsx.table;
  EXPECT_EQ(a.ids, b.ids);
  EXPECT_EQ(a.rows, b.rows);
  for (std::size_t u = 0; u < a.size(); ++u) {
    EXPECT_EQ(a.errors[u].empty(), b.errors[u].empty()) << u;
    for (std::size_t c = 0; c < 4; ++c) {
      const double x = a.columns[c].At(u), y = b.columns[c].At(u);
      if (c == 1 || c == 3) {  // texts: compare the texts, their ids may differ
        EXPECT_EQ(std::isnan(x), std::isnan(y));
        if (!std::isnan(x)) {
          EXPECT_EQ(a.texts.Text(static_cast<uint32_t>(x)), b.texts.Text(static_cast<uint32_t>(y)));
        }
      } else {
        EXPECT_TRUE(x == y || (std::isnan(x) && std::isnan(y))) << u << " " << c;
      }
    }
  }
  EXPECT_EQ(
      b.errors[3],
      R"(data error: unit U4, input grade: unknown value "E" (allowed: A, B, C, D) (sheet Sheet1, cell E5, column "grade"))");
}

TEST(XlsxReader, ReadsTheFirstSheetOrTheOneNamed) {
  const std::string first =
      R"(<row><c t="inlineStr"><is><t>unit</t></is></c><c t="inlineStr"><is><t>n</t></is></c></row>)"
      R"(<row><c t="inlineStr"><is><t>A</t></is></c><c><v>1</v></c></row>)";
  const std::string second =
      R"(<row><c t="inlineStr"><is><t>unit</t></is></c><c t="inlineStr"><is><t>n</t></is></c></row>)"
      R"(<row><c t="inlineStr"><is><t>B</t></is></c><c><v>2</v></c></row>)";
  DataSpec spec;
  spec.inputs = {Input("n", InputType::kNumber)};
  const std::string bytes = WorkbookOf({{"说明", first}, {"数据", second}});
  ReadResult r = ReadXlsxBytes(bytes, spec, "w.xlsx");
  ASSERT_TRUE(r.table);
  EXPECT_EQ(r.table->ids, std::vector<std::string>{"A"});
  r = ReadXlsxBytes(bytes, spec, "w.xlsx", "数据");
  ASSERT_TRUE(r.table);
  EXPECT_EQ(r.table->ids, std::vector<std::string>{"B"});
  r = ReadXlsxBytes(bytes, spec, "w.xlsx", "Sheet9");
  EXPECT_FALSE(r.table);
  EXPECT_EQ(r.error, R"(w.xlsx: no sheet "Sheet9" (the workbook's sheets: 说明, 数据))");
}

TEST(XlsxReader, AbsentRequiredColumnFailsTheBatch) {
  DataSpec spec = Spec();
  const std::string bytes = WorkbookOf(
      {{"数据",
        R"(<row r="3"><c r="B3" t="inlineStr"><is><t>unit</t></is></c><c r="C3" t="inlineStr"><is><t>code</t></is></c></row>)"}});
  const ReadResult r = ReadXlsxBytes(bytes, spec, "w.xlsx");
  EXPECT_FALSE(r.table);
  EXPECT_EQ(
      r.error,
      R"(w.xlsx: sheet 数据: required columns "n", "grade" are missing from the header (row 3; columns found: unit, code))");
}

TEST(XlsxReader, NamesElementsWithoutTheirPrefix) {
  DataSpec spec;
  spec.inputs = {Input("n", InputType::kNumber)};
  const std::string bytes = WorkbookOf(
      {{"S",
        R"(<x:row xmlns:x="urn:x"><x:c t="inlineStr"><x:is><x:t>unit</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>n</x:t></x:is></x:c></x:row>)"
        R"(<x:row xmlns:x="urn:x"><x:c t="inlineStr"><x:is><x:t>P</x:t></x:is></x:c><x:c><x:v>4</x:v></x:c></x:row>)"}});
  const ReadResult r = ReadXlsxBytes(bytes, spec, "w.xlsx");
  ASSERT_TRUE(r.table) << r.error;
  EXPECT_EQ(r.table->columns[0].At(0), 4);
}

TEST(XlsxReader, RefusesFilesItCannotUseWithAClearError) {
  DataSpec spec;
  spec.inputs = {Input("n", InputType::kNumber)};
  ReadResult r = ReadXlsxBytes("unit,n\nA,1\n", spec, "w.xlsx");
  EXPECT_FALSE(r.table);
  EXPECT_EQ(r.error.rfind("w.xlsx: not an .xlsx workbook (it does not read as a zip archive", 0),
            0u)
      << r.error;

  r = ReadXlsxBytes(testing::ZipOf({{"hello.txt", "hi"}}), spec, "w.xlsx");
  EXPECT_EQ(
      r.error,
      "w.xlsx: not an .xlsx workbook (no part xl/workbook.xml: a zip, but not of a spreadsheet)");

  r = ReadXlsxBytes(WorkbookOf({{"S", "<row><c><v>1</v></row>"}}), spec, "w.xlsx");
  EXPECT_FALSE(r.table);
  EXPECT_EQ(r.error.rfind("w.xlsx: sheet S: part xl/worksheets/sheet1.xml, line 1, column ", 0), 0u)
      << r.error;
  EXPECT_NE(r.error.find("mismatched tag"), std::string::npos) << r.error;

  r = ReadXlsxFile("/nonexistent/w.xlsx", spec);
  EXPECT_EQ(r.error.rfind("/nonexistent/w.xlsx: cannot open", 0), 0u) << r.error;

  r = ReadXlsxBytes(WorkbookOf({{"S", ""}}), spec, "w.xlsx");
  EXPECT_EQ(r.error, "w.xlsx: sheet S: no header row (the sheet is empty)");
}

TEST(XlsxReader, RefusesADocumentTypeDeclaration) {
  // The billion laughs: entities that expand to gigabytes. No part of a workbook has a DTD.
  const std::string sheet_xml =
      R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>)"
      R"(<worksheet><sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>)";
  std::vector<std::pair<std::string, std::string>> parts = {
      {"xl/workbook.xml",
       R"(<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships><Relationship Id="rId1" Type="http://x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)"},
      {"xl/worksheets/sheet1.xml", sheet_xml}};
  DataSpec spec;
  spec.inputs = {Input("n", InputType::kNumber)};
  const ReadResult r = ReadXlsxBytes(testing::ZipOf(parts), spec, "w.xlsx");
  EXPECT_FALSE(r.table);
  EXPECT_EQ(r.error,
            "w.xlsx: sheet S: part xl/worksheets/sheet1.xml, line 1, column 37: a document type "
            "declaration (not allowed in a workbook part)");
}

TEST(XlsxReader, RefusesPartsOverTheirLimitsAndZipBombsNamingTheLimit) {
  DataSpec spec;
  spec.inputs = {Input("n", InputType::kNumber)};
  std::string rows =
      R"(<row><c t="inlineStr"><is><t>unit</t></is></c><c t="inlineStr"><is><t>n</t></is></c></row>)";
  for (int i = 0; i < 40000; ++i)
    rows += R"(<row><c t="inlineStr"><is><t>U</t></is></c><c><v>1</v></c></row>)";
  const std::string bytes = WorkbookOf({{"S", rows}});

  XlsxLimits small;
  small.max_sheet_bytes = 100000;
  ReadResult r = ReadXlsxBytes(bytes, spec, "w.xlsx", "", small);
  EXPECT_FALSE(r.table);
  EXPECT_NE(r.error.find("part xl/worksheets/sheet1.xml is "), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("inflated, over the limit of 100000 bytes (XlsxLimits::max_sheet_bytes)"),
            std::string::npos)
      << r.error;

  XlsxLimits strict;
  strict.max_ratio = 20;  // the repeated rows deflate far better than that
  strict.ratio_from_bytes = 1000;
  r = ReadXlsxBytes(bytes, spec, "w.xlsx", "", strict);
  EXPECT_FALSE(r.table);
  EXPECT_NE(r.error.find("more than 20 times (XlsxLimits::max_ratio): refused as a zip bomb"),
            std::string::npos)
      << r.error;

  // Within the default limits the same file reads, every unit a duplicate but the first.
  r = ReadXlsxBytes(bytes, spec, "w.xlsx");
  ASSERT_TRUE(r.table) << r.error;
  EXPECT_EQ(r.table->size(), 40000u);
}

// What the fuzzer (fuzz/xlsx_fuzzer.cc) does at length, briefly and in every test run:
// workbooks with bytes flipped, cut short or repeated read or fail with a message, and
// never crash (the ASan build runs this too).
TEST(XlsxReader, DamagedWorkbooksReadOrFailWithAMessage) {
  const std::string good = WorkbookOf(
      {{"数据", kHeader + R"(<row r="2"><c r="A2" t="s"><v>7</v></c><c r="B2"><v>87.5</v></c>)"
                          R"(<c r="C2"><v>1001</v></c><c r="E2" t="s"><v>8</v></c></row>)"}},
      kShared);
  ASSERT_TRUE(ReadXlsxBytes(good, Spec(), "w.xlsx").table);
  std::mt19937 random(20251205);
  int failed = 0;
  for (int i = 0; i < 600; ++i) {
    std::string bytes = good;
    switch (i % 3) {
      case 0:  // a few bytes changed
        for (int k = 0; k < 1 + i % 7; ++k)
          bytes[random() % bytes.size()] = static_cast<char>(random());
        break;
      case 1:  // cut short
        bytes.resize(random() % bytes.size());
        break;
      default:  // a stretch repeated
        const std::size_t at = random() % bytes.size();
        bytes.insert(at, bytes.substr(at, random() % 64));
        break;
    }
    const ReadResult r = ReadXlsxBytes(bytes, Spec(), "w.xlsx");
    if (!r.table) {
      ++failed;
      EXPECT_EQ(r.error.rfind("w.xlsx: ", 0), 0u) << r.error;
      EXPECT_GT(r.error.size(), 10u) << r.error;
    }
  }
  EXPECT_GT(failed, 100);  // most damage is seen (the zip's checksums, the XML)
}

TEST(XlsxReader, TellsDateFormats) {
  EXPECT_TRUE(IsDateFormat(14, ""));
  EXPECT_TRUE(IsDateFormat(31, ""));  // yyyy"年"m"月"d"日" in a Chinese Excel
  EXPECT_FALSE(IsDateFormat(0, "General"));
  EXPECT_FALSE(IsDateFormat(2, "0.00"));
  EXPECT_TRUE(IsDateFormat(164, "yyyy-mm-dd"));
  EXPECT_TRUE(IsDateFormat(165, "[$-804]yyyy\"年\"m\"月\""));
  EXPECT_TRUE(IsDateFormat(166, "[h]:mm"));
  EXPECT_FALSE(IsDateFormat(167, "0.00\"万元\""));
  EXPECT_FALSE(IsDateFormat(168, "[Red]#,##0.00_);(#,##0.00)"));
  EXPECT_FALSE(IsDateFormat(169, "0.0E+00"));
}

TEST(XlsxReader, NamesColumnsAsExcelDoes) {
  EXPECT_EQ(ColumnName(0), "A");
  EXPECT_EQ(ColumnName(25), "Z");
  EXPECT_EQ(ColumnName(26), "AA");
  EXPECT_EQ(ColumnName(16383), "XFD");
}

}  // namespace
}  // namespace assess::io
