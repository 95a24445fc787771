// This file's external interface is Server::Serve and Server::Handle: the protocol's
// lifecycle, the documents and their diagnostics.
#include "lsp/server.h"

#include <optional>
#include <vector>

#include "assess/scheme.h"
#include "lsp/context.h"
#include "lsp/protocol.h"

namespace assess::lsp {
namespace {

using Json = nlohmann::json;

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Where each line of a text starts, so that many diagnostics cost one pass over it.
std::vector<std::size_t> LineStarts(std::string_view text) {
  std::vector<std::size_t> starts = {0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts.push_back(i + 1);
  }
  return starts;
}

// A diagnostic's LSP range: from our 1-based line and code-point column to the end of the
// name it points at (one character when it points at no name).
Json RangeOf(std::string_view text, const std::vector<std::size_t>& starts, int line, int column) {
  if (line <= 0 || static_cast<std::size_t>(line) > starts.size()) {
    return {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}};
  }
  const std::string_view l = LineOf(text.substr(starts[line - 1]), 0);
  const int begin = column > 0 ? column - 1 : 0;
  const Word w = WordAt(l, begin);
  const int end = !w.text.empty() && w.begin == begin ? w.end : begin + 1;
  return {{"start", {{"line", line - 1}, {"character", Utf16Column(l, begin)}}},
          {"end", {{"line", line - 1}, {"character", Utf16Column(l, end)}}}};
}

// Applies one contentChanges entry: a range replaced, or (no range) the whole text.
bool ApplyChange(std::string& text, const Json& change) {
  if (!change.contains("text") || !change["text"].is_string()) return false;
  const std::string& replacement = change["text"].get_ref<const std::string&>();
  // A document kept in memory is bounded as a message is (and `check` refuses it far
  // below this): edits that would grow it past the bound are not applied.
  if (text.size() + replacement.size() > kMaxMessageBytes) return false;
  if (!change.contains("range")) {
    text = replacement;
    return true;
  }
  // A range whose positions are not the protocol's integers is not applied (and a missing
  // position is not read as 0): the rest of the document stays as it was.
  const Json& range = change["range"];
  if (!range.is_object() || !range.contains("start") || !range.contains("end")) return false;
  const auto offset = [&](const Json& pos) -> std::optional<std::size_t> {
    const std::optional<int> line = PositionField(pos, "line");
    const std::optional<int> character = PositionField(pos, "character");
    if (!line || !character) return std::nullopt;
    std::size_t start = 0;
    for (int i = 0; i < *line; ++i) {
      const std::size_t nl = text.find('\n', start);
      if (nl == std::string::npos) return text.size();
      start = nl + 1;
    }
    const std::string_view l = LineOf(std::string_view(text).substr(start), 0);
    return start + ByteOffset(l, CodePointColumn(l, *character));
  };
  const std::optional<std::size_t> begin = offset(range["start"]);
  const std::optional<std::size_t> end = offset(range["end"]);
  if (!begin || !end) return false;
  text.replace(*begin, std::max(*begin, *end) - *begin, replacement);
  return true;
}

}  // namespace

std::string PathOfUri(const std::string& uri) {
  const std::string prefix = "file://";
  if (uri.rfind(prefix, 0) != 0) return uri;
  std::string path;
  for (std::size_t i = prefix.size(); i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && HexValue(uri[i + 1]) >= 0 &&
        HexValue(uri[i + 2]) >= 0) {
      path += static_cast<char>(HexValue(uri[i + 1]) * 16 + HexValue(uri[i + 2]));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  return path;
}

int Server::Serve(std::istream& in) {
  std::string body;
  while (true) {
    const ReadStatus status = ReadMessage(in, &body);
    if (status != ReadStatus::kMessage) break;
    Json message = Json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (message.is_discarded() || !message.is_object()) {
      ReplyError(nullptr, kParseError, "the message is not a JSON object");
      continue;
    }
    if (!Handle(message)) return shutdown_ ? 0 : 1;
  }
  return 1;  // the input ended without `exit`
}

bool Server::Handle(const Json& message) {
  std::string method;
  if (auto it = message.find("method"); it != message.end() && it->is_string()) {
    method = it->get<std::string>();
  }
  const bool request = message.contains("id");
  if (method == "exit") return false;
  // Neither the id nor the params is copied before it is known to be small: copying (or
  // writing back) a JSON value recurses once per level, and a hostile message nests a
  // million levels deep in a few megabytes.
  if (request && !message["id"].is_string() && !message["id"].is_number() &&
      !message["id"].is_null()) {
    ReplyError(nullptr, kInvalidRequest, "a request's id must be a string, a number or null");
    return true;
  }
  const Json id = request ? message["id"] : Json();
  static const Json kNoParams = Json::object();
  const Json& params = message.contains("params") ? message["params"] : kNoParams;
  if (shutdown_ && request) {
    ReplyError(id, kInvalidRequest, "the server is shutting down");
    return true;
  }
  try {
    if (method == "initialize") {
      Reply(id, Initialize());
    } else if (method == "shutdown") {
      shutdown_ = true;
      Reply(id, nullptr);
    } else if (method == "textDocument/didOpen") {
      Open(params);
    } else if (method == "textDocument/didChange") {
      Change(params);
    } else if (method == "textDocument/didClose") {
      const std::string uri = params.at("textDocument").at("uri").get<std::string>();
      documents_.erase(uri);
      Send({{"jsonrpc", "2.0"},
            {"method", "textDocument/publishDiagnostics"},
            {"params", {{"uri", uri}, {"diagnostics", Json::array()}}}});
    } else if (method == "textDocument/hover") {
      Reply(id, Hover(params));
    } else if (method == "textDocument/completion") {
      Reply(id, Completion(params));
    } else if (method == "textDocument/definition") {
      Reply(id, Definition(params));
    } else if (request) {
      ReplyError(id, kMethodNotFound, "unknown method `" + method + "`");
    }
    // Other notifications (initialized, $/cancelRequest, didSave ...) need nothing.
  } catch (const Json::exception& e) {
    // A message without the fields its method needs: an error for a request, and for a
    // notification nothing (the protocol gives no way to answer one).
    if (request) ReplyError(id, kInvalidParams, e.what());
  } catch (const InvalidParams& e) {
    if (request) ReplyError(id, kInvalidParams, e.what());
  }
  return true;
}

Json Server::Initialize() const {
  return {{"capabilities",
           {{"textDocumentSync", {{"openClose", true}, {"change", 2}}},  // 2: incremental
            {"hoverProvider", true},
            {"definitionProvider", true},
            {"completionProvider", {{"triggerCharacters", {" ", "(", ","}}}}}},
          {"serverInfo", {{"name", "assess"}, {"version", ASSESS_VERSION_STRING}}}};
}

void Server::Open(const Json& params) {
  const Json& item = params.at("textDocument");
  Document& doc = documents_[item.at("uri").get<std::string>()];
  doc.uri = item.at("uri").get<std::string>();
  doc.text = item.at("text").get<std::string>();
  doc.outline.reset();
  Check(doc);
}

void Server::Change(const Json& params) {
  auto it = documents_.find(params.at("textDocument").at("uri").get<std::string>());
  if (it == documents_.end()) return;  // a change of a document never opened
  for (const Json& change : params.at("contentChanges")) ApplyChange(it->second.text, change);
  Check(it->second);
}

void Server::Check(Document& doc) {
  Expected<Scheme> scheme = Scheme::LoadText(doc.text, PathOfUri(doc.uri));
  std::vector<Diagnostic> diagnostics;
  if (scheme) {
    diagnostics = scheme->warnings();
    doc.outline = scheme->Outline();
  } else {
    diagnostics = scheme.error().diagnostics;
    if (diagnostics.empty()) {
      diagnostics.push_back({Severity::kError, doc.uri, 0, 0, scheme.error().message});
    }
  }
  Json list = Json::array();
  const std::vector<std::size_t> starts = LineStarts(doc.text);
  for (const Diagnostic& d : diagnostics) {
    list.push_back({{"range", RangeOf(doc.text, starts, d.line, d.column)},
                    {"severity", d.severity == Severity::kError ? 1 : 2},
                    {"source", "assess"},
                    {"message", d.message}});
  }
  Send({{"jsonrpc", "2.0"},
        {"method", "textDocument/publishDiagnostics"},
        {"params", {{"uri", doc.uri}, {"diagnostics", list}}}});
}

const Server::Document* Server::Find(const Json& params) const {
  auto it = documents_.find(params.at("textDocument").at("uri").get<std::string>());
  return it == documents_.end() ? nullptr : &it->second;
}

void Server::Send(const Json& message) {
  WriteMessage(out_, message.dump(-1, ' ', false, Json::error_handler_t::replace));
}

void Server::Reply(const Json& id, Json result) {
  Send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void Server::ReplyError(const Json& id, int code, const std::string& message) {
  Send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

}  // namespace assess::lsp
