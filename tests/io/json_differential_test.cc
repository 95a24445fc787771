// The simdjson readers (ReadJsonText, ReadJsonLinesText) against the nlohmann readers they
// replaced (ReadJsonTextByNlohmann, ReadJsonLinesTextByNlohmann) on thousands of generated
// hostile texts: wrong types, nulls, numbers beyond int64, uint64 and double, negative zero,
// escapes, surrogates, invalid UTF-8, control characters, repeated keys and ids, objects
// where values belong, nesting deeper than simdjson takes, bad lines, byte order marks, texts
// that are not arrays. Every text must give the same failure or the same table: ids, rows,
// messages and every value bit for bit, also when JSON is cut into tiny pieces and JSON
// Lines read in two parts, or from a file by tiny blocks.
#include <gtest/gtest.h>

#include <atomic>
#include <bit>
#include <cstdint>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "io/data_readers.h"
#include "io/file_range.h"

namespace assess::io {
namespace {

using data::DataSpec;
using data::InputSpec;
using data::UnitTable;

DataSpec HostileSpec() {
  auto input = [](const char* name, InputType type, bool required) {
    InputSpec in;
    in.name = in.column = name;
    in.type = type;
    in.required = required;
    return in;
  };
  DataSpec spec;
  spec.unit_column = "unit";
  InputSpec num = input("num", InputType::kNumber, false);
  num.min = 0;
  num.max = 100;
  InputSpec lst = input("lst", InputType::kList, false);
  lst.max = 100;
  spec.inputs = {num,
                 input("int", InputType::kInteger, false),
                 input("flag", InputType::kBoolean, false),
                 input("txt", InputType::kText, false),
                 lst,
                 input("req", InputType::kNumber, true),
                 input("big", InputType::kNumber, false)};
  return spec;
}

// `text` written to `path` (replacing what was there), then opened as `file`.
::testing::AssertionResult WriteAndOpen(const std::string& path, const std::string& text,
                                        ReadOnlyFile& file) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
  }
  std::string error;
  if (!file.Open(path, error)) return ::testing::AssertionFailure() << path << ": " << error;
  return ::testing::AssertionSuccess();
}

// Pieces of JSON, valid and not, that the generator strings together.
const std::vector<std::string> kScalars = {"0",
                                           "-0",
                                           "-0.0",
                                           "1e400",
                                           "-1e400",
                                           "1e-400",
                                           "-1e-400",
                                           "12345678901234567890",
                                           "18446744073709551615",
                                           "18446744073709551616",
                                           "-9223372036854775808",
                                           "-9223372036854775809",
                                           "123456789012345678901234567890",
                                           "9007199254740993",
                                           "-9007199254740993",
                                           "1e2",
                                           "100",
                                           "3.0",
                                           "2.5",
                                           "101",
                                           "1E2",
                                           "0.1",
                                           "4.9e-324",
                                           "2.2250738585072011e-308",
                                           "0.30000000000000004",
                                           "99.99999999999999999",
                                           "007",
                                           "1.",
                                           ".5",
                                           "+1",
                                           "NaN",
                                           "Infinity",
                                           "-",
                                           "1e",
                                           "true",
                                           "false",
                                           "null",
                                           "tru",
                                           "nul",
                                           "\"A\"",
                                           "\"42\"",
                                           "\" 7.5 \"",
                                           "\"yes\"",
                                           "\"1;2;x\"",
                                           "\"\\u00e9t\\u00e9\"",
                                           "\"\\uD83D\\uDE00\"",
                                           "\"\\uD800\"",
                                           "\"\\uDC00x\"",
                                           "\"a\\tb\\n\\\"q\\\"\\\\\"",
                                           "\"raw\ttab\"",
                                           "\"\\u0000\"",
                                           "\"\xff\"",
                                           "\"\xc3\xa9\"",
                                           "\"\xed\xa0\x80\"",
                                           "\"unterminated",
                                           "\"\\x\"",
                                           "\"},{\"",
                                           "\"}, {\\\"unit\\\": 1}, {\"",
                                           "\"\"",
                                           "\"\xef\xbb\xbf\""};
const std::vector<std::string> kKeys = {"unit", "num", "int",   "flag",       "txt", "lst",
                                        "req",  "big", "other", "un\\u0069t", "",    "n\\u0000m"};

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  int Below(int n) { return static_cast<int>(rng_() % static_cast<uint32_t>(n)); }
  bool OneIn(int n) { return Below(n) == 0; }

  std::string Space() {
    static const char* const kSpaces[] = {"", "", "", " ", "\t", "\r\n", "  "};
    return kSpaces[Below(7)];
  }

  std::string Number() {
    if (OneIn(2)) return std::to_string(Below(120));
    std::uniform_real_distribution<double> d(-1e3, 1e3);
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, OneIn(2) ? "%.17g" : "%.3f", d(rng_));
    return buffer;
  }

  std::string Deep(int depth, bool objects) {
    std::string s;
    for (int i = 0; i < depth; ++i) s += objects ? "{\"a\":" : "[";
    s += "1";
    for (int i = 0; i < depth; ++i) s += objects ? "}" : "]";
    return s;
  }

  std::string Value(int depth) {
    switch (Below(depth > 2 ? 4 : 9)) {
      case 0:
      case 1:
        return Number();
      case 2:
      case 3:
        return kScalars[Below(static_cast<int>(kScalars.size()))];
      case 4: {
        std::string s = "[";
        const int n = Below(4);
        for (int i = 0; i < n; ++i) s += (i ? "," : "") + Space() + Value(depth + 1);
        return s + (OneIn(40) ? "" : "]");
      }
      case 5:
        return Object(depth + 1);
      case 6:
        return OneIn(3) ? Deep(1000 + Below(100), OneIn(2)) : "[" + Number() + "," + Number() + "]";
      case 7:
        return "[]";
      default:
        return "{}";
    }
  }

  std::string Object(int depth) {
    std::string s = "{" + Space();
    const int n = Below(9);
    for (int i = 0; i < n; ++i) {
      if (i > 0) s += OneIn(60) ? " " : ",";
      s += Space() + "\"" + kKeys[Below(static_cast<int>(kKeys.size()))] + "\"" + Space() +
           (OneIn(80) ? "" : ":") + Space() + Value(depth);
    }
    if (OneIn(60)) s += ",";
    return s + Space() + (OneIn(80) ? "" : "}");
  }

  // A unit object: an id (usually a text of few values, so that ids repeat) and values.
  std::string Unit() {
    std::string s = "{";
    if (!OneIn(10)) {
      s += "\"unit\":" + (OneIn(5) ? Value(1) : "\"U" + std::to_string(Below(30)) + "\"") + ",";
    }
    if (OneIn(3)) {  // a text input given a scalar, which it keeps as its text
      s += "\"txt\":" + kScalars[Below(static_cast<int>(kScalars.size()))] + ",";
    }
    s += "\"req\":" + (OneIn(6) ? Value(1) : Number());
    const int n = Below(6);
    for (int i = 0; i < n; ++i) {
      s += "," + Space() + "\"" + kKeys[Below(static_cast<int>(kKeys.size()))] + "\":" + Space() +
           Value(1);
    }
    return s + "}";
  }

  std::string Element() {
    if (OneIn(12)) return Value(1);
    if (OneIn(8)) return Object(1);
    return Unit();
  }

  std::string JsonDocument() {
    std::string s = OneIn(30) ? "\xef\xbb\xbf" : "";
    s += Space();
    switch (Below(40)) {
      case 0:
        return s + Unit();
      case 1:
        return s + Value(1);
      case 2:
        return s;
      case 3:
        return s + "[" + Space() + "]";
      default:
        break;
    }
    s += "[";
    const int n = 1 + Below(12);
    for (int i = 0; i < n; ++i) s += (i ? "," : "") + Space() + Element();
    s += Space() + (OneIn(30) ? "" : "]") + Space();
    if (OneIn(30)) s += OneIn(2) ? "x" : "[]";
    return s;
  }

  std::string JsonLinesDocument() {
    std::string s;
    const int n = Below(10);
    for (int i = 0; i < n; ++i) {
      if (OneIn(10))
        s += Space();  // a blank line
      else if (OneIn(15))
        s += "\xef\xbb\xbf" + Unit();
      else if (OneIn(10))
        s += Element() + Space() + Element();
      else
        s += Space() + Element() + Space();
      s += OneIn(8) ? "\r\n" : "\n";
    }
    if (OneIn(3)) s += Unit();  // a last line without its line break
    return s;
  }

 private:
  std::mt19937 rng_;
};

uint64_t Bits(double x) { return std::bit_cast<uint64_t>(x); }

// Where two results differ, or "" when they are the same.
std::string Difference(const ReadResult& a, const ReadResult& b, const DataSpec& spec) {
  if (a.error != b.error) return "error: [" + a.error + "] vs [" + b.error + "]";
  if (a.table.has_value() != b.table.has_value()) return "one has a table";
  if (!a.table) return "";
  const UnitTable& x = *a.table;
  const UnitTable& y = *b.table;
  if (x.ids != y.ids) return "ids";
  if (x.rows != y.rows) return "rows";
  if (x.errors != y.errors) {
    for (std::size_t u = 0; u < x.size() && u < y.size(); ++u) {
      if (x.errors[u] != y.errors[u])
        return "message: [" + x.errors[u] + "] vs [" + y.errors[u] + "]";
    }
    return "messages";
  }
  for (std::size_t c = 0; c < spec.inputs.size(); ++c) {
    for (std::size_t u = 0; u < x.size(); ++u) {
      if (x.has_error(u)) continue;  // a unit in error keeps no values that are read
      const std::string where = spec.inputs[c].name + " of unit " + std::to_string(u);
      if (spec.inputs[c].type == InputType::kList) {
        if (x.columns[c].ListMissing(u) != y.columns[c].ListMissing(u)) return where;
        std::vector<double> p(x.columns[c].ListSize(u)), q(y.columns[c].ListSize(u));
        if (p.size() != q.size()) return where;
        x.columns[c].ListCopy(u, p.data());
        y.columns[c].ListCopy(u, q.data());
        for (std::size_t i = 0; i < p.size(); ++i) {
          if (Bits(p[i]) != Bits(q[i])) return where;
        }
      } else if (spec.inputs[c].type == InputType::kText) {
        const double i = x.columns[c].At(u), j = y.columns[c].At(u);
        if (std::isnan(i) != std::isnan(j)) return where;
        if (!std::isnan(i) &&
            x.texts.Text(static_cast<uint32_t>(i)) != y.texts.Text(static_cast<uint32_t>(j))) {
          return where;
        }
      } else if (Bits(x.columns[c].At(u)) != Bits(y.columns[c].At(u))) {
        return where;
      }
    }
  }
  return "";
}

TEST(JsonDifferential, HostileJsonReadsAsNlohmannReadIt) {
  const DataSpec spec = HostileSpec();
  int tables = 0;
  for (uint32_t seed = 1; seed <= 3000; ++seed) {
    Generator gen(seed);
    const std::string text = gen.JsonDocument();
    const ReadResult old = ReadJsonTextByNlohmann(text, spec, "units.json");
    tables += old.table.has_value();
    // Whole, and cut into pieces of a few objects each, on one thread and on two.
    for (std::size_t piece : {kJsonPieceBytes, std::size_t{16}}) {
      for (std::size_t two_parts_from : {kJsonTwoPartsFrom, std::size_t{0}}) {
        const std::string diff =
            Difference(ReadJsonText(text, spec, "units.json", piece, two_parts_from), old, spec);
        ASSERT_EQ(diff, "") << "seed " << seed << ", pieces of " << piece << ", two parts from "
                            << two_parts_from << ":\n"
                            << text;
      }
    }
    // In two parts, the first shared as a large one is: the second thread takes the back of
    // the first part (the first waits until it tried), and again while bytes are left.
    const PartSharing taking{
        .two_parts_from = 0, .least_taken = 1, .claim_step = 1 + seed % 64, .first_waits = true};
    ASSERT_EQ(Difference(ReadJsonText(text, spec, "units.json", 16, taking), old, spec), "")
        << "seed " << seed << ", taking:\n"
        << text;
  }
  EXPECT_GT(tables, 300);  // the generator makes usable files too, not only broken ones
}

// A valid array is read by simdjson (not left to nlohmann, which would give the same table):
// its units and bytes are counted as its pieces are read, with blanks around the cuts, in
// pieces of a few objects, on one thread and on two (also taking from each other).
TEST(JsonDifferential, ValidJsonFilesAreReadBySimdjsonInPieces) {
  const DataSpec spec = HostileSpec();
  const std::string path = ::testing::TempDir() + "/valid_json_file.json";
  std::string text = " \n[";
  for (int u = 0; u < 3000; ++u) {
    text += (u > 0 ? (u % 3 == 0 ? " ,\n " : ",") : "") + std::string(R"({"unit": "u)") +
            std::to_string(u) + R"(", "num": )" + std::to_string(u % 101) + R"(, "req": 1})";
  }
  text += "]\n";
  ReadOnlyFile file;
  ASSERT_TRUE(WriteAndOpen(path, text, file));
  const ReadResult old = ReadJsonTextByNlohmann(text, spec, "units.json");
  ASSERT_TRUE(old.table.has_value());
  // In one part, in two, and in two with the second thread taking pieces of the first.
  const PartSharing sharings[] = {
      {.two_parts_from = kJsonTwoPartsFrom},
      {.two_parts_from = 0},
      {.two_parts_from = 0, .least_taken = 1, .claim_step = 300, .first_waits = true}};
  for (std::size_t piece : {kJsonPieceBytes, std::size_t{100}}) {
    for (std::size_t k = 0; k < 3; ++k) {
      std::atomic<uint64_t> done{0}, units{0};
      const ReadResult r = ReadJsonFile(file, spec, "units.json", piece, sharings[k],
                                        Progress{&done, nullptr, &units});
      EXPECT_EQ(Difference(r, old, spec), "") << piece << " " << k;
      EXPECT_EQ(units.load(), 3000u) << piece << " " << k;
      // Every byte between the brackets but the commas the pieces were cut at.
      EXPECT_LE(done.load(), text.size() - 5) << piece << " " << k;
      EXPECT_GT(done.load(), text.size() - 5 - 3000) << piece << " " << k;
    }
  }
}

// A JSON Lines file of 3,000 lines (some blank, some bad, some ids repeated across the
// parts) read in blocks, in one part, in two, and in two with the second thread taking
// blocks of the first: the same table as nlohmann's, and every unit and byte counted once.
TEST(JsonDifferential, ValidJsonLinesFilesAreReadInPartsThatTakeFromEachOther) {
  const DataSpec spec = HostileSpec();
  const std::string path = ::testing::TempDir() + "/valid_json_lines_file.jsonl";
  std::string text;
  for (int u = 0; u < 3000; ++u) {
    if (u % 97 == 0) text += "  \n";  // a blank line: skipped, but counted
    if (u % 211 == 5) {
      text += "{\"unit\": \"bad" + std::to_string(u) + "\", \"num\": tru}\n";
      continue;
    }
    text += std::string(R"({"unit": "u)") + std::to_string(u % 2900) + R"(", "num": )" +
            std::to_string(u % 101) + R"(, "req": 1})" + "\n";
  }
  ReadOnlyFile file;
  ASSERT_TRUE(WriteAndOpen(path, text, file));
  const ReadResult old = ReadJsonLinesTextByNlohmann(text, spec, "units.jsonl");
  ASSERT_TRUE(old.table.has_value());
  const PartSharing sharings[] = {
      JsonSharing(kJsonLinesTwoPartsFrom),
      {.two_parts_from = 0, .claim_step = 500},
      {.two_parts_from = 0, .least_taken = 1, .claim_step = 500, .first_waits = true}};
  for (std::size_t k = 0; k < 3; ++k) {
    std::atomic<uint64_t> done{0}, units{0};
    const ReadResult r =
        ReadJsonLinesFile(file, spec, "units.jsonl", sharings[k], Progress{&done, nullptr, &units});
    EXPECT_EQ(Difference(r, old, spec), "") << k;
    EXPECT_EQ(units.load(), old.table->size()) << k;
    EXPECT_EQ(done.load(), text.size()) << k;
  }
}

// The same texts as files, read by pread (ReadJsonFile, the CLI's way): whole, and in
// pieces of a few objects, on one thread and on two; what simdjson does not read is
// streamed to nlohmann.
TEST(JsonDifferential, HostileJsonFilesReadAsNlohmannReadThem) {
  const DataSpec spec = HostileSpec();
  const std::string path = ::testing::TempDir() + "/hostile_json_files.json";
  for (uint32_t seed = 1; seed <= 600; ++seed) {
    Generator gen(seed);
    const std::string text = gen.JsonDocument();
    ReadOnlyFile file;
    ASSERT_TRUE(WriteAndOpen(path, text, file));
    const ReadResult old = ReadJsonTextByNlohmann(text, spec, "units.json");
    for (std::size_t piece : {kJsonPieceBytes, std::size_t{16}}) {
      for (std::size_t two_parts_from : {kJsonTwoPartsFrom, std::size_t{0}}) {
        const std::string diff =
            Difference(ReadJsonFile(file, spec, "units.json", piece, two_parts_from), old, spec);
        ASSERT_EQ(diff, "") << "seed " << seed << ", pieces of " << piece << ", two parts from "
                            << two_parts_from << ":\n"
                            << text;
      }
    }
    const PartSharing taking{
        .two_parts_from = 0, .least_taken = 1, .claim_step = 1 + seed % 64, .first_waits = true};
    ASSERT_EQ(Difference(ReadJsonFile(file, spec, "units.json", 16, taking), old, spec), "")
        << "seed " << seed << ", taking:\n"
        << text;
  }
}

TEST(JsonDifferential, HostileJsonLinesReadAsNlohmannReadThem) {
  const DataSpec spec = HostileSpec();
  int units = 0;
  for (uint32_t seed = 1; seed <= 3000; ++seed) {
    Generator gen(seed);
    const std::string text = gen.JsonLinesDocument();
    const ReadResult old = ReadJsonLinesTextByNlohmann(text, spec, "units.jsonl");
    units += static_cast<int>(old.table->size());
    for (std::size_t two_parts_from : {kJsonLinesTwoPartsFrom, std::size_t{0}}) {
      const std::string diff =
          Difference(ReadJsonLinesText(text, spec, "units.jsonl", two_parts_from), old, spec);
      ASSERT_EQ(diff, "") << "seed " << seed << ", two parts from " << two_parts_from << ":\n"
                          << text;
    }
    // In two parts, the first shared as a large one is: the second thread takes the back of
    // the first part (the first waits until it tried), and again while bytes are left.
    const PartSharing taking{
        .two_parts_from = 0, .least_taken = 1, .claim_step = 1 + seed % 40, .first_waits = true};
    ASSERT_EQ(Difference(ReadJsonLinesText(text, spec, "units.jsonl", taking), old, spec), "")
        << "seed " << seed << ", taking:\n"
        << text;
  }
  EXPECT_GT(units, 5000);
}

// The same texts as files, read by blocks (ReadJsonLinesFile, the CLI's way): blocks of a
// few bytes, so that lines straddle them and outgrow them, and of a few KB; in one part
// and in two, and with the second thread taking from the first.
TEST(JsonDifferential, HostileJsonLinesFilesReadAsNlohmannReadThem) {
  const DataSpec spec = HostileSpec();
  const std::string path = ::testing::TempDir() + "/hostile_json_lines_files.jsonl";
  for (uint32_t seed = 1; seed <= 600; ++seed) {
    Generator gen(seed);
    const std::string text = gen.JsonLinesDocument();
    ReadOnlyFile file;
    ASSERT_TRUE(WriteAndOpen(path, text, file));
    const ReadResult old = ReadJsonLinesTextByNlohmann(text, spec, "units.jsonl");
    for (std::size_t block : {std::size_t{7}, std::size_t{4096}}) {
      for (std::size_t two_parts_from : {kJsonLinesTwoPartsFrom, std::size_t{0}}) {
        for (bool taking : {false, true}) {
          const PartSharing sharing{.two_parts_from = two_parts_from,
                                    .least_taken = taking ? 1 : PartSharing{}.least_taken,
                                    .claim_step = block,
                                    .first_waits = taking};
          const std::string diff =
              Difference(ReadJsonLinesFile(file, spec, "units.jsonl", sharing), old, spec);
          ASSERT_EQ(diff, "") << "seed " << seed << ", block " << block << ", two parts from "
                              << two_parts_from << (taking ? ", taking" : "") << ":\n"
                              << text;
        }
      }
    }
  }
}

}  // namespace
}  // namespace assess::io
