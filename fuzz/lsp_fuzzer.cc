// libFuzzer target: any bytes as an editor's stream on the language server's standard
// input (`assess lsp`): Content-Length framing, JSON-RPC, and the rule documents, edits and
// positions the messages carry, through the same Server::Serve as the command. What the
// server writes must stay a well-framed sequence of JSON objects, whatever it read.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "lsp/protocol.h"
#include "lsp/server.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  // The replies and diagnostics go to memory, not to the fuzzer's standard output.
  std::ostringstream out;
  assess::lsp::Server server(out);
  const int status = server.Serve(in);
  if (status != 0 && status != 1) std::abort();

  // Read back what the server wrote, as the editor would: every message framed and a JSON
  // object (a diagnostic quoting invalid UTF-8 from the document must not break that).
  std::istringstream written(std::move(out).str());
  std::string body;
  while (written.peek() != std::char_traits<char>::eof()) {
    if (assess::lsp::ReadMessage(written, &body) != assess::lsp::ReadStatus::kMessage) {
      std::abort();  // a header without a body, or a body cut short
    }
    const nlohmann::json message = nlohmann::json::parse(body, nullptr, false);
    if (message.is_discarded() || !message.is_object()) std::abort();
  }
  return 0;
}
