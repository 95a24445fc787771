// The language server (`assess lsp`): a loop over the checker, as the LSP specification's
// lifecycle goes (initialize, didOpen / didChange -> publishDiagnostics, hover, completion,
// definition, shutdown, exit). Documents are kept in memory; every change is loaded and
// checked by the same Scheme::LoadText as `assess check`, with the same limits.
#ifndef ASSESS_LSP_SERVER_H_
#define ASSESS_LSP_SERVER_H_

#include <istream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "assess/scheme.h"

namespace assess::lsp {

class Server {
 public:
  explicit Server(std::ostream& out) : out_(out) {}

  // Reads messages until `exit` or the end of input. The exit status the protocol asks
  // for: 0 when `shutdown` came before `exit`, else 1.
  int Serve(std::istream& in);

  // One message (a request or a notification); replies and notifications go to `out`.
  // false once `exit` is handled.
  bool Handle(const nlohmann::json& message);

 private:
  struct Document {
    std::string uri;
    std::string text;
    // The last outline of the document that loaded: hover, completion and definition keep
    // working while a change is being typed and does not load yet.
    std::optional<SchemeOutline> outline;
  };

  nlohmann::json Initialize() const;
  void Open(const nlohmann::json& params);
  void Change(const nlohmann::json& params);
  void Check(Document& doc);
  nlohmann::json Hover(const nlohmann::json& params) const;
  nlohmann::json Completion(const nlohmann::json& params) const;
  nlohmann::json Definition(const nlohmann::json& params) const;
  const Document* Find(const nlohmann::json& params) const;

  void Send(const nlohmann::json& message);
  void Reply(const nlohmann::json& id, nlohmann::json result);
  void ReplyError(const nlohmann::json& id, int code, const std::string& message);

  std::ostream& out_;
  std::map<std::string, Document> documents_;
  bool shutdown_ = false;
};

// The file path of a file:// URI (percent-decoded); other URIs as they are.
std::string PathOfUri(const std::string& uri);

}  // namespace assess::lsp

#endif  // ASSESS_LSP_SERVER_H_
