// Tests of the CSV scanner (RFC 4180 records across block boundaries) and of ReadCsv
// (rule-language §13, §12 "Data"), including hostile files.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "io/csv_scanner.h"
#include "io/data_readers.h"
#include "io/file_range.h"
#include "num/number_text.h"

namespace assess::io {
namespace {

using assess::InputType;
using data::DataSpec;
using data::InputSpec;
using data::UnitTable;

// Every record as "ROW[cell|cell]", followed by "blank", "u<i>" (unterminated cell i) and
// "j<i>" (text after the closing quote of cell i) when they apply. Block size 0 scans the
// text in memory, where it is.
std::string Scan(const std::string& text, std::size_t block_bytes) {
  std::istringstream in(text);
  CsvScanner stream_scanner(in, block_bytes == 0 ? 16 : block_bytes);
  CsvScanner text_scanner(std::string_view{text});
  CsvScanner& scanner = block_bytes == 0 ? text_scanner : stream_scanner;
  CsvRecord r;
  std::string out;
  while (scanner.Next(r)) {
    if (!out.empty()) out += ' ';
    out += std::to_string(r.row) + "[";
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
      if (i > 0) out += '|';
      out += r.cells[i];
    }
    out += "]";
    if (r.blank) out += "blank";
    if (r.unterminated_cell >= 0) out += "u" + std::to_string(r.unterminated_cell);
    if (r.junk_cell >= 0) out += "j" + std::to_string(r.junk_cell);
  }
  EXPECT_EQ(scanner.failure(), "");
  return out;
}

TEST(CsvScanner, SplitsRecordsTheSameForEveryBlockSize) {
  struct Case {
    std::string text;
    std::string records;
  };
  const std::vector<Case> cases = {
      {"a,b\n1,2\n", "1[a|b] 2[1|2]"},
      {"a,b\n1,2", "1[a|b] 2[1|2]"},               // no final line break
      {"a,b\r\n1,2\r\n", "1[a|b] 2[1|2]"},         // CRLF
      {"a,b\r1,2\r", "1[a|b] 2[1|2]"},             // a lone CR ends a record too
      {"a,b\n\r\n1,2", "1[a|b] 2[]blank 3[1|2]"},  // a blank line is a row
      {"\xEF\xBB\xBF"
       "a,b\n",
       "1[a|b]"},              // BOM
      {",,\n", "1[||]blank"},  // only empty cells: blank
      {" , \"\" \n", "1[|]"},
      {"  a , b\t\n", "1[a|b]"},        // trimmed outside quotes
      {"\"  a \",b\n", "1[  a |b]"},    // kept inside quotes
      {"  \"x,y\"  ,z\n", "1[x,y|z]"},  // spaces around quotes
      {"\"he said \"\"hi\"\"\",2\n", "1[he said \"hi\"|2]"},
      {"\"line1\nline2\",2\nnext,3\n", "1[line1\nline2|2] 2[next|3]"},
      {"\"a\r\nb\",2\r\n", "1[a\r\nb|2]"},  // CRLF inside quotes kept as written
      {"ab\"c,d\n", "1[ab\"c|d]"},          // a quote inside an unquoted cell is text
      {"\"ab\"c,d\n", "1[ab|d]j0"},         // text after a closing quote: flagged
      {"\"\",x\n", "1[|x]"},                // a quoted empty cell is not blank
      {"\"\"\n", "1[]"},
      {"a,\"bc\nd", "1[a|bc\nd]u1"},  // the quote never closes
      {"\"\"\"\"", "1[\"]"},          // four quotes: one cell of one quote
      {"\"\"\"\"\"", "1[\"\"]u0"},    // five: unterminated
      {"", ""},
      {"\xEF\xBB\xBF", ""},
      {"\n\n", "1[]blank 2[]blank"},
      {"x,\"0123456789abcdef\"\"0123456789abcdef\"\"0123\",y\n",
       "1[x|0123456789abcdef\"0123456789abcdef\"0123|y]"},
  };
  for (const Case& c : cases) {
    for (std::size_t block : {0, 16, 17, 19, 23, 64, 1 << 20}) {
      SCOPED_TRACE("block " + std::to_string(block) + ": " + c.text);
      EXPECT_EQ(Scan(c.text, block), c.records);
    }
  }
}

TEST(CsvScanner, RandomTextSplitsTheSameForEveryBlockSize) {
  // Block boundaries fall everywhere: inside quotes, between the two quotes of a pair,
  // between CR and LF, inside runs of spaces.
  std::mt19937 rng(20240501);
  const char alphabet[] = {'a', 'b', ',', '"', '"', '\n', '\r', ' '};
  for (int i = 0; i < 3000; ++i) {
    std::string text(rng() % 60, ' ');
    for (char& c : text) c = alphabet[rng() % sizeof alphabet];
    SCOPED_TRACE(text);
    const std::string whole = Scan(text, 1 << 20);
    EXPECT_EQ(Scan(text, 0), whole);
    EXPECT_EQ(Scan(text, 16), whole);
    EXPECT_EQ(Scan(text, 17), whole);
  }
}

// What Scan gives for text without quotes, by the definition: records end at LF, CRLF or
// CR (or the end), cells at commas, and cells are trimmed of spaces and tabs.
std::string SplitPlain(const std::string& text) {
  std::string out;
  std::size_t row = 0, i = 0;
  while (i < text.size()) {
    std::size_t e = i;
    while (e < text.size() && text[e] != '\n' && text[e] != '\r') ++e;
    const std::string line = text.substr(i, e - i);
    if (e < text.size() && text[e] == '\r' && e + 1 < text.size() && text[e + 1] == '\n') ++e;
    i = e + 1;
    std::vector<std::string> cells;
    std::size_t start = 0;
    bool blank = true;
    while (true) {
      const std::size_t comma = line.find(',', start);
      std::string cell =
          line.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      const std::size_t b = cell.find_first_not_of(" \t");
      cell = b == std::string::npos ? "" : cell.substr(b, cell.find_last_not_of(" \t") - b + 1);
      blank = blank && cell.empty();
      cells.push_back(cell);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (!out.empty()) out += ' ';
    out += std::to_string(++row) + "[";
    for (std::size_t c = 0; c < cells.size(); ++c) out += (c > 0 ? "|" : "") + cells[c];
    out += "]";
    if (blank) out += "blank";
  }
  return out;
}

TEST(CsvScanner, TextWithoutQuotesSplitsByTheDefinition) {
  // Long enough to span several 64-byte windows and blocks of the sizes below.
  std::mt19937 rng(77);
  const char alphabet[] = {'a', '1', '.', ',', ',', ' ', '\t', '\n', '\r', 'x', '7', ';'};
  for (int i = 0; i < 2000; ++i) {
    std::string text(rng() % 500, ' ');
    for (char& c : text) c = alphabet[rng() % sizeof alphabet];
    if (i % 3 == 0) {  // mostly long records, as in real files
      for (char& c : text) {
        if ((c == '\n' || c == '\r') && rng() % 8 != 0) c = ',';
      }
    }
    SCOPED_TRACE(text);
    const std::string expected = SplitPlain(text);
    for (std::size_t block : {0, 16, 17, 63, 64, 65, 200, 1 << 20}) {
      ASSERT_EQ(Scan(text, block), expected) << "block " << block;
    }
  }
}

TEST(CsvScanner, LongRandomTextSplitsTheSameForEveryBlockSize) {
  // Quotes anywhere in long records: the scan of records without quotes gives way to the
  // general one at any byte of any 64-byte window.
  std::mt19937 rng(4711);
  const char alphabet[] = {'a', ',', ',', ',', '"', '\n', ' ', '1', '2', '3'};
  for (int i = 0; i < 2000; ++i) {
    std::string text(rng() % 400, ' ');
    for (char& c : text) c = alphabet[rng() % sizeof alphabet];
    if (i % 2 == 0) {  // few quotes
      for (char& c : text) {
        if (c == '"' && rng() % 6 != 0) c = 'b';
      }
    }
    SCOPED_TRACE(text);
    const std::string whole = Scan(text, 1 << 20);
    for (std::size_t block : {0, 16, 17, 64, 65, 129}) {
      ASSERT_EQ(Scan(text, block), whole) << "block " << block;
    }
  }
}

TEST(CsvScanner, KeepsAtMostMaxCellsButCountsAll) {
  std::istringstream in("a,b,c,d,e\n");
  CsvScanner scanner(in);
  scanner.set_max_cells(2);
  CsvRecord r;
  ASSERT_TRUE(scanner.Next(r));
  EXPECT_EQ(r.cells.size(), 2u);
  EXPECT_EQ(r.cell_count, 5u);
}

TEST(CsvScanner, RecordLargerThanTheLimitFailsTheScan) {
  std::istringstream in("a\n\"" + std::string(5000, 'x') + "\n");
  CsvScanner scanner(in, 64, 1024);
  CsvRecord r;
  ASSERT_TRUE(scanner.Next(r));
  EXPECT_FALSE(scanner.Next(r));
  EXPECT_EQ(scanner.failure(), "row 2 is larger than 1024 bytes (an unbalanced quote?)");
  // In memory too, where the whole record is always there.
  const std::string text = "a\n\"" + std::string(5000, 'x') + "\n";
  CsvScanner in_memory(std::string_view{text}, 1024);
  ASSERT_TRUE(in_memory.Next(r));
  EXPECT_FALSE(in_memory.Next(r));
  EXPECT_EQ(in_memory.failure(), "row 2 is larger than 1024 bytes (an unbalanced quote?)");
}

InputSpec Input(std::string name, InputType type) {
  InputSpec in;
  in.column = name;
  in.name = std::move(name);
  in.type = type;
  return in;
}

// unit + output (number, min 0), target (number), survey (optional), grade (A-D), pilot
// (boolean, default false): conformance case 09.
DataSpec Case09Spec() {
  DataSpec spec;
  InputSpec output = Input("output", InputType::kNumber);
  output.min = 0;
  InputSpec survey = Input("survey", InputType::kNumber);
  survey.max = 100;
  survey.required = false;
  InputSpec grade = Input("grade", InputType::kText);
  for (const char* v : {"A", "B", "C", "D"}) grade.allowed.push_back(spec.texts.Intern(v));
  InputSpec pilot = Input("pilot", InputType::kBoolean);
  pilot.has_default = true;
  spec.inputs = {output, Input("target", InputType::kNumber), survey, grade, pilot};
  return spec;
}

ReadResult Read(const std::string& text, const DataSpec& spec) {
  std::istringstream in(text);
  return ReadCsv(in, spec, "units.csv");
}

UnitTable ReadOk(const std::string& text, const DataSpec& spec) {
  ReadResult r = Read(text, spec);
  EXPECT_EQ(r.error, "");
  if (!r.table) return UnitTable{};
  return std::move(*r.table);
}

TEST(CsvReader, ConformanceCase09) {
  const UnitTable t = ReadOk(
      "unit,output,target,survey,grade,pilot\n"
      "M01,80,100,90,A,yes\n"
      "M02,120,100,,B,no\n"
      "M03,50,0,80,A,\n"
      "M04,abc,100,70,A,\n"
      "M05,60,100,101,B,\n"
      "M06,,100,60,C,\n"
      "M07,70,100,75,E,\n"
      "M08,90,100,85,D,TRUE\n"
      "M09,100,100,95,B,maybe\n"
      "M01,10,100,10,C,\n"
      "M10,100,100,100,A,1\n",
      Case09Spec());
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
  EXPECT_EQ(t.errors.Of(t.size()), expected);
  EXPECT_EQ(t.ids, (std::vector<std::string>{"M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08",
                                             "M09", "M01", "M10"}));
  EXPECT_EQ(t.rows, (std::vector<uint64_t>{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
  EXPECT_EQ(t.columns[0].At(0), 80);
  EXPECT_EQ(t.columns[1].At(2), 0);
  EXPECT_TRUE(std::isnan(t.columns[2].At(1)));
  EXPECT_EQ(t.columns[4].At(0), 1);
  EXPECT_EQ(t.columns[4].At(2), 0);  // the default
  EXPECT_EQ(t.columns[4].At(10), 1);
  EXPECT_EQ(t.source, data::SourceKind::kCsv);
  EXPECT_EQ(t.source_name, "units.csv");
}

TEST(CsvReader, AbsentRequiredColumnFailsTheBatchListingColumnsFound) {
  const DataSpec spec = Case09Spec();
  EXPECT_EQ(
      Read("unit,target,survey\nM1,1,2\n", spec).error,
      R"(units.csv: required columns "output", "grade" are missing (columns found: unit, target, survey))");
  EXPECT_EQ(
      Read("unit,target,survey,grade\n", spec).error,
      R"(units.csv: required column "output" is missing (columns found: unit, target, survey, grade))");
  EXPECT_EQ(
      Read("id,output,target,grade\n", spec).error,
      R"(units.csv: required column "unit" is missing (columns found: id, output, target, grade))");
  EXPECT_FALSE(Read("id,output,target,grade\n", spec).table.has_value());
  // survey (not required) and pilot (a default) may be absent.
  const UnitTable t = ReadOk("grade,target,output,unit\nB,100,5,M1\n", spec);
  EXPECT_EQ(t.errors.Of(t.size()), (std::vector<std::string>{""}));
  EXPECT_EQ(t.columns[0].At(0), 5);
  EXPECT_TRUE(std::isnan(t.columns[2].At(0)));
  EXPECT_EQ(t.columns[4].At(0), 0);
}

TEST(CsvReader, RowShapes) {
  DataSpec spec;
  InputSpec b = Input("b", InputType::kNumber);
  b.required = false;
  spec.inputs = {Input("a", InputType::kNumber), b};
  const UnitTable t = ReadOk(
      "unit,a,b\n"
      "U1,1,2,3\n"           // more cells than the header
      "U2,1\n"               // missing trailing cells are empty
      "U3\n"                 // ... also a required one
      "\n"                   // a blank row, skipped
      "   \n"                // spaces only: blank
      ", ,\n"                // empty cells only: blank
      ",5,6\n"               // no unit id
      " U4 , 7 ,\" 8 \"\n",  // trimmed, quotes or not
      spec);
  EXPECT_EQ(t.errors.Of(t.size()),
            (std::vector<std::string>{
                "data error: unit U1 (row 2): 4 cells, the header has 3",
                "",
                R"(data error: unit U3: missing a (required input, row 4, column "a"))",
                "data error: row 8: no unit id",
                "",
            }));
  EXPECT_EQ(t.ids, (std::vector<std::string>{"U1", "U2", "U3", "", "U4"}));
  EXPECT_EQ(t.rows, (std::vector<uint64_t>{2, 3, 4, 8, 9}));
  EXPECT_EQ(t.columns[0].At(1), 1);
  EXPECT_TRUE(std::isnan(t.columns[1].At(1)));
  EXPECT_EQ(t.columns[0].At(4), 7);
  EXPECT_EQ(t.columns[1].At(4), 8);
}

TEST(CsvReader, RowsCountRecordsNotLines) {
  DataSpec spec;
  InputSpec note = Input("note", InputType::kText);
  note.required = false;
  spec.inputs = {note, Input("n", InputType::kNumber)};
  const UnitTable t = ReadOk(
      "unit,note,n\r\n"
      "U1,\"first line\r\nsecond line\r\nthird\",1\r\n"
      "U2,,x\r\n",
      spec);
  EXPECT_EQ(t.rows, (std::vector<uint64_t>{2, 3}));
  EXPECT_EQ(t.texts.Text(static_cast<uint32_t>(t.columns[0].At(0))),
            "first line\r\nsecond line\r\nthird");
  EXPECT_EQ(t.errors[1], R"(data error: unit U2, input n: bad number "x" (row 3, column "n"))");
}

TEST(CsvReader, RepeatedHeaderNameFirstColumnCounts) {
  DataSpec spec;
  spec.inputs = {Input("a", InputType::kNumber)};
  const UnitTable t = ReadOk("unit,a,a,unit\nU1,1,junk,V\n", spec);
  EXPECT_EQ(t.errors.Of(t.size()), (std::vector<std::string>{""}));
  EXPECT_EQ(t.ids[0], "U1");
  EXPECT_EQ(t.columns[0].At(0), 1);
}

TEST(CsvReader, UnusedColumnsAreNotChecked) {
  DataSpec spec;
  spec.inputs = {Input("a", InputType::kNumber)};
  const UnitTable t = ReadOk("x,unit,y,a,z\n\"q,\"\"q\",U1,\xFF\xFE,2,not a number\n", spec);
  EXPECT_EQ(t.errors.Of(t.size()), (std::vector<std::string>{""}));
  EXPECT_EQ(t.columns[0].At(0), 2);
}

TEST(CsvReader, HeaderAndUnitColumnNamesFromTheSpec) {
  DataSpec spec;
  spec.unit_column = "单位";
  InputSpec type = Input("type", InputType::kText);
  type.column = "单位类别";
  spec.inputs = {type};
  const UnitTable t = ReadOk("\xEF\xBB\xBF单位,单位类别\n街道一,street\n", spec);
  EXPECT_EQ(t.ids, (std::vector<std::string>{"街道一"}));
  EXPECT_EQ(t.texts.Text(static_cast<uint32_t>(t.columns[0].At(0))), "street");
}

TEST(CsvReader, UnterminatedQuoteIsTheDataErrorOfItsRow) {
  DataSpec spec;
  InputSpec note = Input("note", InputType::kText);
  note.required = false;
  spec.inputs = {note};
  const UnitTable t = ReadOk("unit,note\nU1,ok\nU2,\"never closed\nU3,x\n", spec);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t.errors[0], "");
  EXPECT_EQ(t.errors[1],
            "data error: unit U2 (row 3): the quote opened in column \"note\" is never closed "
            "(the rest of the file is in it)");
  const UnitTable u = ReadOk("unit,note\n\"U1,x\n", spec);
  EXPECT_EQ(
      u.errors.Of(u.size()),
      (std::vector<std::string>{"data error: row 2: the quote opened in column \"unit\" is never "
                                "closed (the rest of the file is in it)"}));
}

TEST(CsvReader, TextAfterAClosingQuoteIsARowError) {
  DataSpec spec;
  spec.inputs = {Input("a", InputType::kNumber)};
  const UnitTable t = ReadOk("unit,a\nU1,\"1\"2\n", spec);
  EXPECT_EQ(
      t.errors.Of(t.size()),
      (std::vector<std::string>{"data error: unit U1 (row 2): text after the closing quote in "
                                "column \"a\""}));
}

TEST(CsvReader, FilesWithoutAUsableHeader) {
  DataSpec spec;
  EXPECT_EQ(Read("", spec).error, "units.csv: no header row (the file is empty or blank)");
  EXPECT_EQ(Read("\xEF\xBB\xBF", spec).error,
            "units.csv: no header row (the file is empty or blank)");
  EXPECT_EQ(Read("\n\n \n", spec).error, "units.csv: no header row (the file is empty or blank)");
  EXPECT_EQ(Read("\"\"\"\"\"\"\"", spec).error, "units.csv: unterminated quote in the header row");
  EXPECT_EQ(Read("\"\"\"\"\"\"", spec).error,
            R"(units.csv: required column "unit" is missing (columns found: ""))");
  EXPECT_EQ(Read("a,,b\n", spec).error,
            R"(units.csv: required column "unit" is missing (columns found: a, b))");
  EXPECT_EQ(Read(",\n", spec).error, "units.csv: no header row (the file is empty or blank)");
  EXPECT_EQ(Read("\"\",\"\"\n", spec).error,
            R"(units.csv: required column "unit" is missing (columns found: none))");
}

TEST(CsvReader, HeaderOnlyFileHasNoUnits) {
  const ReadResult r = Read("unit,output,target,grade\n", Case09Spec());
  ASSERT_TRUE(r.table.has_value());
  EXPECT_EQ(r.table->size(), 0u);
  EXPECT_EQ(r.table->columns.size(), 5u);
}

TEST(CsvReader, CarriageReturnOnlyLineEndings) {
  DataSpec spec;
  spec.inputs = {Input("a", InputType::kNumber)};
  const UnitTable t = ReadOk("unit,a\rU1,1\rU2,x\r", spec);
  EXPECT_EQ(t.ids, (std::vector<std::string>{"U1", "U2"}));
  EXPECT_EQ(t.columns[0].At(0), 1);
  EXPECT_EQ(t.errors[1], R"(data error: unit U2, input a: bad number "x" (row 3, column "a"))");
}

TEST(CsvReader, InvalidUtf8InATextCellIsADataError) {
  DataSpec spec;
  InputSpec note = Input("note", InputType::kText);
  spec.inputs = {note};
  const UnitTable t = ReadOk("unit,note\nU1,caf\xE9\nU2,café\n", spec);
  EXPECT_EQ(
      t.errors[0],
      "data error: unit U1, input note: bad text \"caf\xEF\xBF\xBD\" (not valid UTF-8) (row 2, "
      "column \"note\")");
  EXPECT_EQ(t.errors[1], "");
}

TEST(CsvReader, TenMegabyteCells) {
  DataSpec spec;
  InputSpec note = Input("note", InputType::kText);
  spec.inputs = {note, Input("n", InputType::kNumber)};
  const std::string big(10'000'000, 'x');
  std::string quoted_big;  // x"x"x"... with the quotes doubled: 10 MB of text
  for (int i = 0; i < 2'500'000; ++i) quoted_big += "xx\"\"";
  const UnitTable t = ReadOk(
      "unit,skip,note,n\n"
      "U1," +
          big +
          ",short,5\n"
          "U2,s,\"" +
          quoted_big +
          "\",6\n"
          "U3,s,t,7\n",
      spec);
  EXPECT_EQ(t.errors.Of(t.size()), (std::vector<std::string>{"", "", ""}));
  for (std::size_t u = 0; u < 3; ++u) EXPECT_EQ(t.columns[1].At(u), 5.0 + u) << u;
  const std::string& note2 = t.texts.Text(static_cast<uint32_t>(t.columns[0].At(1)));
  EXPECT_EQ(note2.size(), 7'500'000u);
  EXPECT_EQ(note2.substr(0, 6), "xx\"xx\"");
  EXPECT_EQ(t.rows, (std::vector<uint64_t>{2, 3, 4}));
}

TEST(CsvReader, RowOfAMillionCommas) {
  DataSpec spec;
  spec.inputs = {Input("a", InputType::kNumber)};
  const UnitTable t = ReadOk("unit,a\nU1,1" + std::string(1'000'000, ',') + "\nU2,2\n", spec);
  EXPECT_EQ(t.errors[0], "data error: unit U1 (row 2): 1000002 cells, the header has 2");
  EXPECT_EQ(t.errors[1], "");
}

// A stream whose reads fail after some bytes, as a disk error would.
class FailingBuf : public std::streambuf {
 public:
  explicit FailingBuf(std::string head) : head_(std::move(head)) {
    setg(head_.data(), head_.data(), head_.data() + head_.size());
  }

 protected:
  int_type underflow() override { throw std::runtime_error("disk error"); }

 private:
  std::string head_;
};

// A file long enough for the reader to size its columns from its first rows (and from
// one arena), whose later values then outgrow what those rows promised: wider mantissas,
// more decimals, values only a double holds, longer lists, missing values. Read from memory
// (with its size known) and from a stream (without), it gives the same table, and the values
// ParseNumber gives.
TEST(CsvReader, ColumnsSizedFromTheFirstRowsTakeWhateverComesLater) {
  DataSpec spec;
  InputSpec x = Input("x", InputType::kNumber);
  x.required = false;
  InputSpec list = Input("list", InputType::kList);
  list.required = false;
  InputSpec kind = Input("kind", InputType::kText);
  spec.inputs = {x, list, kind};
  std::string csv = "unit,x,list,kind\n";
  std::vector<std::string> xs;
  for (int u = 0; u < 1000; ++u) {
    std::string value = std::to_string(u % 100);
    if (u == 300) value = "1234.5";     // int16 at scale 1
    if (u == 400) value = "-70000.25";  // int32 at scale 2
    if (u == 500) value = "0.001";      // scale 3
    if (u == 600) value = "";           // missing
    if (u == 700) value = "1e300";      // doubles from here on
    if (u == 800) value = "-0";         // +0.0
    if (u == 900) value = "0.1";
    xs.push_back(value);
    std::string elements = "1;2";
    if (u > 600) elements = "1.5;2.25;300;4;5;6;7;8;9";
    csv += "U" + std::to_string(u) + "," + value + "," + elements + ",k" + std::to_string(u % 300) +
           "\n";
  }
  const ReadResult in_memory = ReadText(csv, DataFormat::kCsv, spec, "units.csv");
  const ReadResult streamed = Read(csv, spec);
  ASSERT_TRUE(in_memory.table && streamed.table);
  const UnitTable& a = *in_memory.table;
  const UnitTable& b = *streamed.table;
  ASSERT_EQ(a.size(), 1000u);
  ASSERT_EQ(b.size(), 1000u);
  EXPECT_EQ(a.errors, b.errors);
  EXPECT_EQ(a.texts.size(), b.texts.size());
  for (std::size_t u = 0; u < 1000; ++u) {
    SCOPED_TRACE(u);
    const std::optional<double> expected = ParseNumber(xs[u]);
    for (const UnitTable* t : {&a, &b}) {
      const double got = t->columns[0].At(u);
      if (!expected) {
        EXPECT_TRUE(std::isnan(got));
      } else {
        EXPECT_EQ(std::bit_cast<uint64_t>(got), std::bit_cast<uint64_t>(*expected));
      }
      ASSERT_EQ(t->columns[1].ListSize(u), u > 600 ? 9u : 2u);
      std::vector<double> elements(t->columns[1].ListSize(u));
      t->columns[1].ListCopy(u, elements.data());
      EXPECT_EQ(elements[1], u > 600 ? 2.25 : 2.0);
      EXPECT_EQ(t->texts.Text(static_cast<uint32_t>(t->columns[2].At(u))),
                "k" + std::to_string(u % 300));
    }
  }
  EXPECT_EQ(a.columns[0].values().encoding(), data::NumberVector::Encoding::kDouble);
}

// Random files with quotes, doubled quotes (also in unit ids and texts), CRLF, blank
// lines, cells of spaces and tabs, rows shorter and longer than the header: read in place
// from memory (doubled quotes made single in the scanner's own buffer) and from a stream
// (made single in the block), they give the same units, errors and values.
TEST(CsvReader, InMemoryAndStreamedReadTheSameRandomFiles) {
  DataSpec spec;
  InputSpec x = Input("x", InputType::kNumber);
  x.required = false;
  x.max = -1;
  InputSpec l = Input("l", InputType::kList);
  l.required = false;
  InputSpec t = Input("t", InputType::kText);
  t.required = false;
  spec.inputs = {x, l, t};
  std::mt19937 rng(808);
  const char* const cells[] = {"",        " ",    "\t",    "-2",         "-0.5",        "3",
                               "\"-7\"",  "1;2",  "a\"b",  "\"a\"\"b\"", "\"\"\"\"",    "x y",
                               "\"x,y\"", "-1e1", "  -3 ", "\"\r\n\"",   "\xEF\xBB\xBF"};
  for (int trial = 0; trial < 300; ++trial) {
    std::string csv = rng() % 4 == 0 ? "\xEF\xBB\xBF" : "";
    csv += "unit,x,l,t\r\n";
    const int rows = static_cast<int>(rng() % 40);
    for (int r = 0; r < rows; ++r) {
      if (rng() % 10 == 0) {
        csv += rng() % 2 ? "\n" : "\r\n";  // a blank line
        continue;
      }
      csv += rng() % 5 == 0 ? "\"U\"\"" + std::to_string(r) + "\"" : "U" + std::to_string(r);
      const int n = static_cast<int>(rng() % 6);  // 3 is the header's
      for (int c = 0; c < n; ++c) csv += "," + std::string(cells[rng() % std::size(cells)]);
      csv += rng() % 3 == 0 ? "\r\n" : "\n";
    }
    SCOPED_TRACE(csv);
    const ReadResult a = ReadText(csv, DataFormat::kCsv, spec, "units.csv");
    const ReadResult b = Read(csv, spec);
    ASSERT_EQ(a.error, b.error);
    ASSERT_TRUE(a.table && b.table);
    ASSERT_EQ(a.table->ids, b.table->ids);
    ASSERT_EQ(a.table->errors, b.table->errors);
    ASSERT_EQ(a.table->rows, b.table->rows);
    for (std::size_t u = 0; u < a.table->size(); ++u) {
      const double xa = a.table->columns[0].At(u), xb = b.table->columns[0].At(u);
      EXPECT_EQ(std::isnan(xa), std::isnan(xb));
      if (!std::isnan(xa)) {
        EXPECT_EQ(xa, xb);
        if (a.table->errors[u].empty()) {
          EXPECT_LE(xa, -1);  // the max
        }
      }
      const double ta = a.table->columns[2].At(u), tb = b.table->columns[2].At(u);
      EXPECT_EQ(std::isnan(ta), std::isnan(tb));
      if (!std::isnan(ta)) {
        EXPECT_EQ(a.table->texts.Text(static_cast<uint32_t>(ta)),
                  b.table->texts.Text(static_cast<uint32_t>(tb)));
      }
    }
  }
}

// A large text whose first part holds no quote is read in two parts on two threads (the
// second also taking pieces of the first) and joined: the same table as one part gives,
// bit for bit. The random files make the join work: ids repeated across the parts, missing
// and invalid ids, free texts new to each part, numbers whose encodings differ between the
// parts (small integers, many decimals, huge values), lists, LF / CRLF / lone CR line
// breaks, blank lines, short and long rows; and quoted cells with line breaks in them, in
// the second part only (still two parts) or anywhere (one part, after the second thread
// found a quote in the first).
TEST(CsvReader, TwoPartsReadWhatOnePartReads) {
  DataSpec spec;
  InputSpec x = Input("x", InputType::kNumber);
  x.required = false;
  InputSpec n = Input("n", InputType::kInteger);
  n.has_default = true;
  n.default_value = 7;
  InputSpec l = Input("l", InputType::kList);
  l.required = false;
  InputSpec t = Input("t", InputType::kText);  // free texts: each part's pool grows its own
  t.required = false;
  InputSpec g = Input("g", InputType::kText);
  g.required = false;
  for (const char* v : {"A", "B"}) g.allowed.push_back(spec.texts.Intern(v));
  InputSpec b = Input("b", InputType::kBoolean);
  b.required = false;
  spec.inputs = {x, n, l, t, g, b};
  std::mt19937 rng(2027);
  const char* const small[] = {"1", "-2", "3.5", "100", "", "0"};
  const char* const wide[] = {"0.001", "123456.789", "1e300", "-0.0000001", "2147483648", "x"};
  const char* const texts[] = {"p", "q", "r", "长", "", "s t"};
  const char* const breaks[] = {"\n", "\r\n", "\r"};
  for (int trial = 0; trial < 200; ++trial) {
    std::string csv = "unit,x,n,l,t,g,b\n";
    const int rows = 2 + static_cast<int>(rng() % 60);
    const int quotes = trial % 3;  // 0: none; 1: late rows only; 2: any row
    for (int r = 0; r < rows; ++r) {
      const bool late = r > rows / 2;  // the second part's values differ in kind
      const bool quoted = rng() % 6 == 0 && (quotes == 2 || (quotes == 1 && r > rows * 3 / 4));
      if (rng() % 12 == 0) {
        csv += breaks[rng() % 3];  // a blank line
        continue;
      }
      switch (rng() % 12) {
        case 0:
          break;  // no id
        case 1:
          csv += "U" + std::to_string(rng() % 5);
          break;  // often repeated
        case 2:
          csv += "\xFF\xFE";
          break;  // not UTF-8
        default:
          csv += "U" + std::to_string(r);
          break;
      }
      const std::string cells[] = {
          late ? wide[rng() % 6] : small[rng() % 6],
          late ? (rng() % 2 ? "40000" : "-3") : (rng() % 2 ? "5" : ""),
          rng() % 4 == 0 ? ""
                         : std::string(small[rng() % 4]) + ";" + (late ? wide[rng() % 4] : "2"),
          quoted ? "\"q,\n" + std::string(texts[rng() % 6]) + "\"\"\""
                 : texts[rng() % 6] + (late ? std::to_string(rng() % 3) : ""),
          rng() % 5 == 0 ? "C" : (rng() % 2 ? "A" : "B"),
          rng() % 6 == 0 ? "maybe" : (rng() % 2 ? "yes" : "0")};
      const int count = static_cast<int>(rng() % 9);  // 6 is the header's
      for (int c = 0; c < count; ++c) csv += "," + (c < 6 ? cells[c] : std::string("extra"));
      csv += breaks[rng() % 3];
    }
    SCOPED_TRACE(csv);
    const ReadResult one = ReadCsvText(csv, spec, "units.csv", SIZE_MAX);
    // The same text as a file, read by ranges in two parts (the CLI's way).
    const std::string path = ::testing::TempDir() + "/two_parts_read_what_one_part_reads.csv";
    {
      std::ofstream out(path, std::ios::binary);
      out << csv;
    }
    ReadOnlyFile file;
    std::string open_error;
    ASSERT_TRUE(file.Open(path, open_error)) << open_error;
    // Also with the first part shared as a large one is: the second thread takes the back
    // of the first part (the first waits until it tried), and again while bytes are left:
    // the table is then joined from many pieces.
    const PartSharing taking{
        .two_parts_from = 0, .least_taken = 1, .claim_step = 1 + rng() % 64, .first_waits = true};
    for (const ReadResult& two :
         {ReadCsvText(csv, spec, "units.csv", 0), ReadCsvFile(file, spec, "units.csv", 0),
          ReadCsvText(csv, spec, "units.csv", taking),
          ReadCsvFile(file, spec, "units.csv", taking)}) {
      ASSERT_EQ(one.error, two.error);
      ASSERT_TRUE(one.table && two.table);
      const UnitTable& a = *one.table;
      const UnitTable& c = *two.table;
      ASSERT_EQ(a.ids, c.ids);
      ASSERT_EQ(a.errors, c.errors);
      ASSERT_EQ(a.rows, c.rows);
      // The values of units in error are never read (they are not evaluated, and take no part
      // in peer functions); a unit that becomes a duplicate at the join keeps its defaults.
      for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
        for (std::size_t u = 0; u < a.size(); ++u) {
          if (a.has_error(u)) continue;
          SCOPED_TRACE("input " + spec.inputs[i].name + ", unit " + std::to_string(u));
          if (spec.inputs[i].type == InputType::kList) {
            ASSERT_EQ(a.columns[i].ListMissing(u), c.columns[i].ListMissing(u));
            ASSERT_EQ(a.columns[i].ListSize(u), c.columns[i].ListSize(u));
            std::vector<double> la(a.columns[i].ListSize(u)), lc(la.size());
            a.columns[i].ListCopy(u, la.data());
            c.columns[i].ListCopy(u, lc.data());
            for (std::size_t k = 0; k < la.size(); ++k) {
              EXPECT_EQ(std::bit_cast<uint64_t>(la[k]), std::bit_cast<uint64_t>(lc[k]));
            }
            continue;
          }
          const double va = a.columns[i].At(u), vc = c.columns[i].At(u);
          if (spec.inputs[i].type == InputType::kText && !std::isnan(va) && !std::isnan(vc)) {
            EXPECT_EQ(a.texts.Text(static_cast<uint32_t>(va)),
                      c.texts.Text(static_cast<uint32_t>(vc)));
          } else {
            EXPECT_EQ(std::bit_cast<uint64_t>(va), std::bit_cast<uint64_t>(vc));
          }
        }
      }
    }
    std::remove(path.c_str());
  }
}

// A CSV file large enough to be read in two parts (and scanned in windows of 1 MB before
// the split, with CRLF line ends that a window may cut between CR and LF) gives the table
// the stream reader gives: ids, row numbers, data errors and values.
TEST(CsvReader, LargeFileReadsAsTheStreamDoes) {
  DataSpec spec;
  InputSpec x = Input("x", InputType::kNumber);
  x.required = false;
  spec.inputs = {x};
  std::string csv = "unit,x,pad\r\n";
  const std::string pad(40, 'p');
  for (int u = 0; csv.size() < (std::size_t{40} << 20); ++u) {
    csv += "U" + std::to_string(u) + "," + (u % 997 == 0 ? "bad" : std::to_string(u % 1000)) + "," +
           pad + (u % 5 == 0 ? "\n" : "\r\n");
    if (u % 7919 == 0) csv += "\r\n";  // a blank line counts as a row
  }
  const std::string path = ::testing::TempDir() + "/large_file_reads_as_the_stream_does.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << csv;
  }
  std::istringstream in(csv);
  const ReadResult streamed = ReadCsv(in, spec, path);
  const ReadResult from_file = ReadDataFile(path, DataFormat::kCsv, spec);
  std::remove(path.c_str());
  ASSERT_TRUE(streamed.table && from_file.table) << streamed.error << from_file.error;
  const UnitTable& a = *streamed.table;
  const UnitTable& b = *from_file.table;
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(a.ids, b.ids);
  EXPECT_EQ(a.rows, b.rows);
  EXPECT_EQ(a.errors, b.errors);
  for (std::size_t u = 0; u < a.size(); ++u) {
    if (a.has_error(u)) continue;
    ASSERT_EQ(std::bit_cast<uint64_t>(a.columns[0].At(u)),
              std::bit_cast<uint64_t>(b.columns[0].At(u)))
        << "unit " << u;
  }
}

TEST(CsvReader, ReadErrorFailsTheBatch) {
  DataSpec spec;
  FailingBuf buf("unit\nU1\n");
  std::istream in(&buf);
  const ReadResult r = ReadCsv(in, spec, "units.csv");
  EXPECT_EQ(r.error, "units.csv: read error");
  EXPECT_FALSE(r.table.has_value());
}

}  // namespace
}  // namespace assess::io
