// XmlStream: the parts of an .xlsx workbook are XML, read with expat block by block as they
// are inflated. Element and attribute names are given without their namespace prefix
// (`x:row` is `row`): writers differ in prefixes, never in local names. A document type
// declaration is refused (an .xlsx part has none; entities are how XML bombs work).
#ifndef ASSESS_IO_XLSX_XML_H_
#define ASSESS_IO_XLSX_XML_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace assess::io {

// The attributes of a start tag: pairs of name (without prefix) and value.
class XmlAttributes {
 public:
  explicit XmlAttributes(const char** attrs) : attrs_(attrs) {}
  // The value of `name` ("" when absent); `found` tells them apart when given.
  std::string_view Get(std::string_view name, bool* found = nullptr) const;

 private:
  const char** attrs_;
};

// The local part of an XML name: `r:id` -> `id`.
std::string_view LocalName(std::string_view name);

class XmlStream {
 public:
  struct Handlers {
    std::function<void(std::string_view name, const XmlAttributes& attrs)> start;
    std::function<void(std::string_view name)> end;
    std::function<void(std::string_view text)> text;  // character data, in pieces
  };
  explicit XmlStream(Handlers handlers);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Parses the next block; `last` after the final one. False on malformed XML (error()).
  bool Feed(std::string_view block, bool last);
  // Stops the parse from inside a handler with `why` as the error.
  void Stop(std::string why);
  // "line 3, column 15: not well-formed (invalid token)".
  const std::string& error() const { return error_; }

 private:
  struct Parser;
  std::unique_ptr<Parser> parser_;
  Handlers handlers_;
  std::string error_;
  bool stopped_ = false;
};

}  // namespace assess::io

#endif  // ASSESS_IO_XLSX_XML_H_
