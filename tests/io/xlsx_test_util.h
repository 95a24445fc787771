// Workbooks for the tests of the .xlsx reader, made part by part (libzip), so that a test
// can hold any cell type, any writer's quirks, or a hostile part.
#ifndef ASSESS_TESTS_IO_XLSX_TEST_UTIL_H_
#define ASSESS_TESTS_IO_XLSX_TEST_UTIL_H_

#include <unistd.h>
#include <zip.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace assess::io::testing {

// The bytes of a zip holding `parts` (name, content), deflated.
inline std::string ZipOf(const std::vector<std::pair<std::string, std::string>>& parts) {
  char path[] = "/tmp/assess-xlsx-test-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp");
  close(fd);
  int error = 0;
  zip_t* zip = zip_open(path, ZIP_TRUNCATE, &error);
  if (zip == nullptr) throw std::runtime_error("zip_open");
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(zip, content.data(), content.size(), 0);
    if (source == nullptr || zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      throw std::runtime_error("zip_file_add");
    }
  }
  if (zip_close(zip) != 0) throw std::runtime_error("zip_close");
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::remove(path);
  return bytes.str();
}

inline std::string XmlText(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '"') {
      out += "&quot;";
    } else {
      out += c;
    }
  }
  return out;
}

// Styles whose cellXfs are: 0 general, 1 a built-in date (14), 2 a custom date
// (yyyy"年"m"月"), 3 a custom number format with text in quotes (0.00"万元").
inline const char* kTestStyles =
    R"(<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/>)"
    R"(<numFmt numFmtId="165" formatCode="0.00&quot;万元&quot;"/></numFmts>)"
    R"(<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>)"
    R"(<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>)"
    R"(</styleSheet>)";

struct TestSheet {
  std::string name;
  std::string rows;  // the <row> elements of <sheetData>
};

// A workbook of `sheets` with the shared strings `shared` and kTestStyles.
inline std::string WorkbookOf(const std::vector<TestSheet>& sheets,
                              const std::vector<std::string>& shared = {}) {
  const std::string ns = R"(xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main")";
  const std::string rel_ns =
      R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")";
  const std::string type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  std::vector<std::pair<std::string, std::string>> parts;
  parts.emplace_back(
      "[Content_Types].xml",
      R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)");
  parts.emplace_back(
      "_rels/.rels",
      R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type=")" +
          type + R"(officeDocument" Target="xl/workbook.xml"/></Relationships>)");
  std::string workbook = "<?xml version=\"1.0\"?><workbook " + ns + " " + rel_ns + "><sheets>";
  std::string rels =
      R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const std::string id = "rId" + std::to_string(i + 1);
    const std::string part = "worksheets/sheet" + std::to_string(i + 1) + ".xml";
    workbook += "<sheet name=\"" + XmlText(sheets[i].name) + "\" sheetId=\"" +
                std::to_string(i + 1) + "\" r:id=\"" + id + "\"/>";
    rels +=
        "<Relationship Id=\"" + id + "\" Type=\"" + type + "worksheet\" Target=\"" + part + "\"/>";
    parts.emplace_back("xl/" + part, "<?xml version=\"1.0\"?><worksheet " + ns + "><sheetData>" +
                                         sheets[i].rows + "</sheetData></worksheet>");
  }
  workbook += "</sheets></workbook>";
  rels +=
      "<Relationship Id=\"rIdS\" Type=\"" + type + "sharedStrings\" Target=\"sharedStrings.xml\"/>";
  rels += "<Relationship Id=\"rIdT\" Type=\"" + type + "styles\" Target=\"/xl/styles.xml\"/>";
  rels += "</Relationships>";
  std::string sst = "<?xml version=\"1.0\"?><sst " + ns + ">";
  for (const std::string& s : shared) sst += "<si><t>" + XmlText(s) + "</t></si>";
  sst += "</sst>";
  parts.emplace_back("xl/workbook.xml", workbook);
  parts.emplace_back("xl/_rels/workbook.xml.rels", rels);
  parts.emplace_back("xl/sharedStrings.xml", sst);
  parts.emplace_back("xl/styles.xml", kTestStyles);
  return ZipOf(parts);
}

}  // namespace assess::io::testing

#endif  // ASSESS_TESTS_IO_XLSX_TEST_UTIL_H_
