// The subcommands of `assess` (rule-language §14) and what they share.
#ifndef ASSESS_CLI_COMMANDS_H_
#define ASSESS_CLI_COMMANDS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assess/batch.h"
#include "assess/diagnostic.h"
#include "assess/evaluate.h"
#include "assess/expected.h"
#include "assess/results.h"
#include "assess/scheme.h"
#include "diagnostics_view.h"

namespace assess::cli {

// Exit statuses (rule-language §14).
inline constexpr int kExitOk = 0;
inline constexpr int kExitUnitErrors =
    1;  // run / explain: some units of DATA in error; test: a failure
inline constexpr int kExitUnusable = 2;  // the rule file or the data file cannot be used

struct Common {
  std::string rules;
  std::vector<std::string> params;  // NAME=VALUE
  DiagnosticsStyle style;           // --color, --diagnostics-format
  bool json_to_stdout = false;      // `check --format json`: the diagnostics are the output
};

struct RunArgs {
  Common common;
  std::string data;
  std::string sheet;     // the worksheet of an .xlsx DATA; "" = the first
  std::string output;    // "" = standard output
  std::string format;    // csv | json | jsonl; "" = by the output's extension, else csv
  int threads = 0;       // 0 = every core
  bool explain = false;  // JSON with each node's computation
  bool timings = false;  // the time of each phase on standard error
  bool quiet = false;    // no summary
};

struct ExplainArgs {
  Common common;
  std::string data;
  std::string sheet;
  std::string unit;
};

struct ReportArgs {
  Common common;
  std::string data;
  std::string sheet;
  std::string output;  // the HTML file
  int threads = 0;
  bool quiet = false;
};

// `assess diff OLD NEW`: common.rules is OLD.
struct DiffArgs {
  Common common;
  std::string new_rules;
  std::string data;    // "" = compare the schemes only
  std::string format;  // text | json
};

// `diff` exits 0 when nothing that affects results changed, 1 when something did.
inline constexpr int kExitChanged = 1;

int Check(const Common& args);
int Diff(const DiffArgs& args);
int Schema(const std::string& output);
int Lsp();
int Report(const ReportArgs& args);
int Run(const RunArgs& args);
int Explain(const ExplainArgs& args);
int Test(const Common& args, bool verbose);
int Graph(const Common& args, const std::string& output);

// Reads DATA by its extension (`sheet`: the worksheet of an .xlsx workbook).
Expected<Batch> ReadData(const Scheme& scheme, const std::string& data, const std::string& sheet,
                         ReadProgress* progress = nullptr);

// Loads the rule file with the --param values; prints every diagnostic (errors and
// warnings) to standard error (as args.style says). nullopt when it does not load.
std::optional<Scheme> LoadScheme(const Common& args);

// Prints a rule file's diagnostics as args.style says: text to standard error, or one JSON
// object (to standard output when args.json_to_stdout).
void PrintDiagnostics(const Common& args, bool ok, const std::vector<Diagnostic>& diagnostics);

}  // namespace assess::cli

#endif  // ASSESS_CLI_COMMANDS_H_
