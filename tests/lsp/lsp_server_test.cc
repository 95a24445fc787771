// `assess lsp` driven over a pipe as an editor drives it: Content-Length framed JSON-RPC on
// its standard input and output, the LSP lifecycle, diagnostics on open and on change,
// hover, completion, go-to-definition, shutdown and exit.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace {

using Json = nlohmann::json;

constexpr const char* kUri = "file:///tmp/district%20test.yaml";

constexpr const char* kRules = R"(scheme: s
inputs:
  gdp: {type: number, title: "GDP增速"}
params:
  # Completion rates above this share earn no more points.
  limit: 1.2   # 120%
indicators:
  - id: economy
    title: 经济发展
    points: 40
    score: points * min(gdp / 8, limit)
  - id: party
    points: 60
    score: economy / 40 * points
)";

// The server as a child process with pipes to its standard input and output.
class LspProcess {
 public:
  LspProcess() {
    int to_child[2], from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(to_child[0], 0);
      dup2(from_child[1], 1);
      close(to_child[1]);
      close(from_child[0]);
      execl(ASSESS_CLI_PATH, ASSESS_CLI_PATH, "lsp", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    in_ = fdopen(to_child[1], "w");
    out_ = fdopen(from_child[0], "r");
  }
  ~LspProcess() {
    if (in_) fclose(in_);
    if (out_) fclose(out_);
    if (pid_ > 0 && !waited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  void SendRaw(const std::string& body) {
    fprintf(in_, "Content-Length: %zu\r\n\r\n%s", body.size(), body.c_str());
    fflush(in_);
  }
  void Send(const Json& message) { SendRaw(message.dump()); }
  void Request(int id, const std::string& method, Json params) {
    Send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
  }
  void Notify(const std::string& method, Json params) {
    Send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }

  // The next message from the server (a null JSON at the end of its output).
  Json Receive() {
    size_t length = 0;
    char line[256];
    while (fgets(line, sizeof line, out_)) {
      if (std::string(line) == "\r\n") break;
      sscanf(line, "Content-Length: %zu", &length);
    }
    if (length == 0) return Json();
    std::string body(length, '\0');
    if (fread(body.data(), 1, length, out_) != length) return Json();
    return Json::parse(body);
  }
  // The next message that answers request `id`, or the next notification `method`.
  Json ReceiveReply(int id) {
    for (Json m = Receive(); !m.is_null(); m = Receive()) {
      if (m.contains("id") && m["id"] == id) return m;
    }
    return Json();
  }
  Json ReceiveNotification(const std::string& method) {
    for (Json m = Receive(); !m.is_null(); m = Receive()) {
      if (m.value("method", "") == method) return m;
    }
    return Json();
  }

  // Closes the server's input and returns its exit status.
  int Wait() {
    fclose(in_);
    in_ = nullptr;
    int status = 0;
    waitpid(pid_, &status, 0);
    waited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  FILE* in_ = nullptr;
  FILE* out_ = nullptr;
  bool waited_ = false;
};

Json Position(int line, int character) {
  return {{"textDocument", {{"uri", kUri}}},
          {"position", {{"line", line}, {"character", character}}}};
}

void Initialize(LspProcess& lsp) {
  lsp.Request(1, "initialize",
              {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", Json::object()}});
  const Json reply = lsp.ReceiveReply(1);
  ASSERT_TRUE(reply.contains("result")) << reply.dump();
  const Json& caps = reply["result"]["capabilities"];
  EXPECT_EQ(caps["hoverProvider"], true);
  EXPECT_EQ(caps["definitionProvider"], true);
  EXPECT_TRUE(caps.contains("completionProvider"));
  lsp.Notify("initialized", Json::object());
}

void Open(LspProcess& lsp, const std::string& text) {
  lsp.Notify(
      "textDocument/didOpen",
      {{"textDocument", {{"uri", kUri}, {"languageId", "yaml"}, {"version", 1}, {"text", text}}}});
}

TEST(LspServer, PublishesCheckDiagnosticsOnOpenAndOnEachChange) {
  LspProcess lsp;
  Initialize(lsp);
  // `gdpp` is unknown: the same message as `assess check`, at line 11 column 25 (1-based).
  std::string bad = kRules;
  bad.replace(bad.find("min(gdp"), 7, "min(gdpp");
  Open(lsp, bad);
  Json diag = lsp.ReceiveNotification("textDocument/publishDiagnostics");
  ASSERT_EQ(diag["params"]["uri"], kUri);
  ASSERT_EQ(diag["params"]["diagnostics"].size(), 1u) << diag.dump();
  const Json& d = diag["params"]["diagnostics"][0];
  EXPECT_EQ(d["severity"], 1);
  EXPECT_NE(d["message"].get<std::string>().find("unknown name `gdpp`"), std::string::npos);
  EXPECT_NE(d["message"].get<std::string>().find("did you mean `gdp`"), std::string::npos);
  EXPECT_EQ(d["range"]["start"], (Json{{"line", 10}, {"character", 24}}));
  EXPECT_EQ(d["range"]["end"], (Json{{"line", 10}, {"character", 28}}));
  // An incremental change deletes the extra `p`: no diagnostics any more.
  lsp.Notify("textDocument/didChange", {{"textDocument", {{"uri", kUri}, {"version", 2}}},
                                        {"contentChanges",
                                         {{{"range",
                                            {{"start", {{"line", 10}, {"character", 27}}},
                                             {"end", {{"line", 10}, {"character", 28}}}}},
                                           {"text", ""}}}}});
  diag = lsp.ReceiveNotification("textDocument/publishDiagnostics");
  EXPECT_TRUE(diag["params"]["diagnostics"].empty()) << diag.dump();
  // A full-text change that does not parse: an error again, with its place.
  lsp.Notify("textDocument/didChange",
             {{"textDocument", {{"uri", kUri}, {"version", 3}}},
              {"contentChanges", {{{"text", "scheme: s\nindicators: [\n"}}}}});
  diag = lsp.ReceiveNotification("textDocument/publishDiagnostics");
  ASSERT_FALSE(diag["params"]["diagnostics"].empty());
  EXPECT_EQ(diag["params"]["diagnostics"][0]["severity"], 1);
  lsp.Request(9, "shutdown", nullptr);
  EXPECT_TRUE(lsp.ReceiveReply(9).contains("result"));
  lsp.Notify("exit", nullptr);
  EXPECT_EQ(lsp.Wait(), 0);
}

TEST(LspServer, HoverCompletionAndDefinition) {
  LspProcess lsp;
  Initialize(lsp);
  Open(lsp, kRules);
  ASSERT_TRUE(
      lsp.ReceiveNotification("textDocument/publishDiagnostics")["params"]["diagnostics"].empty());
  // Hover on `gdp` in economy's score: the input, its type and title.
  lsp.Request(2, "textDocument/hover", Position(10, 25));
  std::string hover = lsp.ReceiveReply(2)["result"]["contents"]["value"];
  EXPECT_NE(hover.find("input"), std::string::npos);
  EXPECT_NE(hover.find("GDP增速"), std::string::npos);
  // On `economy` in party's score: the indicator, its title and points.
  lsp.Request(3, "textDocument/hover", Position(13, 12));
  hover = lsp.ReceiveReply(3)["result"]["contents"]["value"];
  EXPECT_NE(hover.find("经济发展"), std::string::npos);
  EXPECT_NE(hover.find("40 points"), std::string::npos);
  // On `limit`: the param, its value and the author's comments on it.
  lsp.Request(11, "textDocument/hover", Position(10, 34));
  hover = lsp.ReceiveReply(11)["result"]["contents"]["value"];
  EXPECT_NE(hover.find("= `1.2`"), std::string::npos) << hover;
  EXPECT_NE(hover.find("Completion rates above this share earn no more points. 120%"),
            std::string::npos)
      << hover;
  // On `min`: the function's signature.
  lsp.Request(4, "textDocument/hover", Position(10, 21));
  hover = lsp.ReceiveReply(4)["result"]["contents"]["value"];
  EXPECT_NE(hover.find("min(a, b, ...)"), std::string::npos);
  // On the key `points:`: the schema's description.
  lsp.Request(5, "textDocument/hover", Position(9, 5));
  hover = lsp.ReceiveReply(5)["result"]["contents"]["value"];
  EXPECT_NE(hover.find("分值"), std::string::npos);

  // Completion inside an expression: inputs, params, indicators and functions.
  lsp.Request(6, "textDocument/completion", Position(13, 11));
  Json items = lsp.ReceiveReply(6)["result"];
  std::set<std::string> labels;
  for (const Json& i : items) labels.insert(i["label"].get<std::string>());
  for (const char* name : {"gdp", "limit", "economy", "party", "trimmed_mean", "peer_rank"}) {
    EXPECT_TRUE(labels.count(name)) << name;
  }
  EXPECT_FALSE(labels.count("on_missing"));
  // Completion of a key in an indicator: the indicator keys, not the top-level ones.
  lsp.Notify("textDocument/didChange", {{"textDocument", {{"uri", kUri}, {"version", 2}}},
                                        {"contentChanges",
                                         {{{"range",
                                            {{"start", {{"line", 14}, {"character", 0}}},
                                             {"end", {{"line", 14}, {"character", 0}}}}},
                                           {"text", "    on\n"}}}}});
  lsp.ReceiveNotification("textDocument/publishDiagnostics");
  lsp.Request(7, "textDocument/completion", Position(14, 6));
  items = lsp.ReceiveReply(7)["result"];
  labels.clear();
  for (const Json& i : items) labels.insert(i["label"].get<std::string>());
  EXPECT_TRUE(labels.count("on_missing"));
  EXPECT_TRUE(labels.count("when"));
  EXPECT_FALSE(labels.count("scheme"));

  // Go to definition from `economy` in party's score to economy's id (line 8, 1-based).
  lsp.Request(8, "textDocument/definition", Position(13, 12));
  const Json location = lsp.ReceiveReply(8)["result"];
  EXPECT_EQ(location["uri"], kUri);
  EXPECT_EQ(location["range"]["start"]["line"], 7);
  lsp.Request(10, "shutdown", nullptr);
  lsp.ReceiveReply(10);
  lsp.Notify("exit", nullptr);
  EXPECT_EQ(lsp.Wait(), 0);
}

TEST(LspServer, ExitWithoutShutdownIsStatus1AndBadMessagesGetErrors) {
  LspProcess lsp;
  Initialize(lsp);
  lsp.SendRaw("{not json");
  Json reply = lsp.Receive();
  EXPECT_EQ(reply["error"]["code"], -32700);
  lsp.Request(2, "no/such/method", Json::object());
  EXPECT_EQ(lsp.ReceiveReply(2)["error"]["code"], -32601);
  lsp.Request(3, "textDocument/hover", Json::object());  // no textDocument
  EXPECT_EQ(lsp.ReceiveReply(3)["error"]["code"], -32602);
  lsp.Notify("exit", nullptr);
  EXPECT_EQ(lsp.Wait(), 1);
}

// Positions are the protocol's unsigned integers. A number that is not one (1e300 does not
// fit an int: converting it was undefined behaviour, found with fuzz/lsp_fuzzer) is refused: a
// request gets an InvalidParams error, an edit is not applied, and the server goes on.
TEST(LspServer, PositionsThatAreNotIntegersAreRefused) {
  LspProcess lsp;
  Initialize(lsp);
  Open(lsp, kRules);
  ASSERT_TRUE(
      lsp.ReceiveNotification("textDocument/publishDiagnostics")["params"]["diagnostics"].empty());
  const std::string document = std::string(R"({"uri": ")") + kUri + R"("})";
  int id = 2;
  for (const char* position :
       {R"({"line": 1e300, "character": 0})", R"({"line": 10, "character": -1e300})",
        R"({"line": 10.5, "character": 25})", R"({"line": -1, "character": 25})",
        R"({"line": 10, "character": 4294967321})"}) {
    for (const char* method :
         {"textDocument/hover", "textDocument/completion", "textDocument/definition"}) {
      lsp.SendRaw(R"({"jsonrpc": "2.0", "id": )" + std::to_string(id) + R"(, "method": ")" +
                  method + R"(", "params": {"textDocument": )" + document + R"(, "position": )" +
                  position + "}}");
      Json reply = lsp.ReceiveReply(id++);
      EXPECT_EQ(reply["error"]["code"], -32602) << method << " " << position << reply.dump();
    }
  }
  // An edit whose range is not made of such integers (here: would delete the extra `p`) is
  // not applied: the same diagnostic comes back.
  std::string bad = kRules;
  bad.replace(bad.find("min(gdp"), 7, "min(gdpp");
  lsp.Notify("textDocument/didChange", {{"textDocument", {{"uri", kUri}, {"version", 2}}},
                                        {"contentChanges", {{{"text", bad}}}}});
  ASSERT_EQ(
      lsp.ReceiveNotification("textDocument/publishDiagnostics")["params"]["diagnostics"].size(),
      1u);
  lsp.SendRaw(
      R"({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": )" +
      document + R"(, "contentChanges": [{"range": {"start": {"line": 10, "character": 27},
              "end": {"line": 1e300, "character": 28}}, "text": ""}]}})");
  Json diag = lsp.ReceiveNotification("textDocument/publishDiagnostics");
  ASSERT_EQ(diag["params"]["diagnostics"].size(), 1u) << diag.dump();
  EXPECT_NE(diag["params"]["diagnostics"][0]["message"].get<std::string>().find("`gdpp`"),
            std::string::npos);
  // The same edit with integers is, and positions as integers are answered.
  lsp.SendRaw(
      R"({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": )" +
      document + R"(, "contentChanges": [{"range": {"start": {"line": 10, "character": 27},
              "end": {"line": 10, "character": 28}}, "text": ""}]}})");
  diag = lsp.ReceiveNotification("textDocument/publishDiagnostics");
  EXPECT_TRUE(diag["params"]["diagnostics"].empty()) << diag.dump();
  lsp.Request(id, "textDocument/hover", Position(10, 25));
  const std::string hover = lsp.ReceiveReply(id)["result"]["contents"]["value"];
  EXPECT_NE(hover.find("GDP增速"), std::string::npos);
  lsp.Request(id + 1, "shutdown", nullptr);
  EXPECT_TRUE(lsp.ReceiveReply(id + 1).contains("result"));
  lsp.Notify("exit", nullptr);
  EXPECT_EQ(lsp.Wait(), 0);
}

// An id or params nested a million levels deep (2 MB, well under the message limit) used
// to overflow the stack when the server copied it (deeper than the fuzzer's inputs reach): an id
// must be a string, a number or null, and params are read where they are.
TEST(LspServer, DeeplyNestedIdOrParamsDoNotCrashTheServer) {
  LspProcess lsp;
  Initialize(lsp);
  const std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
  lsp.SendRaw(R"({"jsonrpc": "2.0", "id": )" + deep + R"(, "method": "textDocument/hover"})");
  const Json reply = lsp.Receive();
  EXPECT_TRUE(reply["id"].is_null()) << reply.dump();
  EXPECT_EQ(reply["error"]["code"], -32600);
  lsp.SendRaw(R"({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": )" + deep +
              "}");
  EXPECT_EQ(lsp.ReceiveReply(2)["error"]["code"], -32602);
  lsp.SendRaw(R"({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": )" + deep + "}");
  Open(lsp, kRules);
  EXPECT_TRUE(
      lsp.ReceiveNotification("textDocument/publishDiagnostics")["params"]["diagnostics"].empty());
  lsp.Request(3, "shutdown", nullptr);
  EXPECT_TRUE(lsp.ReceiveReply(3).contains("result"));
  lsp.Notify("exit", nullptr);
  EXPECT_EQ(lsp.Wait(), 0);
}

}  // namespace
