// This file's external interface is XmlStream, XmlAttributes and LocalName.
#include "io/xlsx_xml.h"

#include <expat.h>
#include <fmt/format.h>

#include <cstring>
#include <limits>

namespace assess::io {

struct XmlStream::Parser {
  XML_Parser parser = nullptr;
  ~Parser() {
    if (parser != nullptr) XML_ParserFree(parser);
  }
};

std::string_view LocalName(std::string_view name) {
  const std::size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view XmlAttributes::Get(std::string_view name, bool* found) const {
  for (const char** a = attrs_; a != nullptr && a[0] != nullptr; a += 2) {
    if (LocalName(a[0]) == name) {
      if (found != nullptr) *found = true;
      return a[1];
    }
  }
  if (found != nullptr) *found = false;
  return {};
}

namespace {

XmlStream* Self(void* data) { return static_cast<XmlStream*>(data); }

}  // namespace

XmlStream::XmlStream(Handlers handlers)
    : parser_(std::make_unique<Parser>()), handlers_(std::move(handlers)) {
  parser_->parser = XML_ParserCreate("UTF-8");
  if (parser_->parser == nullptr) throw std::bad_alloc();
  XML_SetUserData(parser_->parser, this);
  XML_SetElementHandler(
      parser_->parser,
      [](void* data, const XML_Char* name, const XML_Char** attrs) {
        XmlStream* self = Self(data);
        if (self->handlers_.start) self->handlers_.start(LocalName(name), XmlAttributes(attrs));
      },
      [](void* data, const XML_Char* name) {
        XmlStream* self = Self(data);
        if (self->handlers_.end) self->handlers_.end(LocalName(name));
      });
  XML_SetCharacterDataHandler(parser_->parser, [](void* data, const XML_Char* text, int len) {
    XmlStream* self = Self(data);
    if (self->handlers_.text)
      self->handlers_.text(std::string_view(text, static_cast<std::size_t>(len)));
  });
  XML_SetStartDoctypeDeclHandler(
      parser_->parser, [](void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
        Self(data)->Stop("a document type declaration (not allowed in a workbook part)");
      });
}

XmlStream::~XmlStream() = default;

void XmlStream::Stop(std::string why) {
  if (stopped_) return;
  stopped_ = true;
  XML_Parser p = parser_->parser;
  error_ = fmt::format("line {}, column {}: {}", XML_GetCurrentLineNumber(p),
                       XML_GetCurrentColumnNumber(p) + 1, why);
  XML_StopParser(p, XML_FALSE);
}

bool XmlStream::Feed(std::string_view block, bool last) {
  if (stopped_) return false;
  XML_Parser p = parser_->parser;
  // expat takes an int length: large blocks go in pieces.
  constexpr std::size_t kMaxPiece = std::size_t{1} << 30;
  do {
    const std::size_t n = block.size() < kMaxPiece ? block.size() : kMaxPiece;
    const bool final_piece = last && n == block.size();
    if (XML_Parse(p, block.data(), static_cast<int>(n), final_piece ? XML_TRUE : XML_FALSE) ==
        XML_STATUS_ERROR) {
      if (!stopped_) {
        stopped_ = true;
        error_ =
            fmt::format("line {}, column {}: {}", XML_GetCurrentLineNumber(p),
                        XML_GetCurrentColumnNumber(p) + 1, XML_ErrorString(XML_GetErrorCode(p)));
      }
      return false;
    }
    block.remove_prefix(n);
  } while (!block.empty());
  return !stopped_;
}

}  // namespace assess::io
