// The `assess` command (rule-language §14), with CLI11: check, run, test, explain, graph, report.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.h"
#include "output_file.h"

namespace {

constexpr const char* kDescription =
    "assess: evaluate assessment indicator schemes.\n\n"
    "A scheme is a YAML rule file: the inputs collected for each unit, an indicator tree\n"
    "with expressions, bonus / deduction rules, vetoes, grades and embedded tests.\n"
    "Data files are CSV (header row), JSON (an array of objects), JSON Lines or .xlsx\n"
    "workbooks (the first worksheet, or --sheet NAME; header row).\n\n"
    "Examples:\n"
    "  assess check rules/district.yaml\n"
    "  assess run rules/district.yaml examples/district-2025.csv -o results.csv\n"
    "  assess explain rules/district.yaml examples/district-2025.csv --unit 金石滩街道\n"
    "  assess test rules/district.yaml\n"
    "  assess graph rules/district.yaml | dot -Tsvg > tree.svg\n"
    "  assess report rules/district.yaml examples/district-2025.xlsx -o report.html\n"
    "  assess diff rules/district.yaml rules/district-2026.yaml --data "
    "examples/district-2025.csv\n"
    "  assess schema -o rules.schema.json\n\n"
    "Exit status: 0 fine; 1 some units of DATA in error (run, explain, report), a failed\n"
    "test, or (diff) a change that affects results;\n"
    "2 the rule file or the data file cannot be used.";

void AddParams(CLI::App* cmd, assess::cli::Common& common) {
  cmd->add_option("RULES", common.rules, "The rule file (YAML)")->required();
  cmd->add_option("--param", common.params,
                  "Override a param: NAME=VALUE (numbers may be 8%, lists 1;2;3, tables as "
                  "JSON); repeatable")
      ->allow_extra_args(false);
  cmd->add_option_function<std::string>(
         "--color",
         [&common](const std::string& v) {
           common.style.color = v == "always"  ? assess::cli::ColorMode::kAlways
                                : v == "never" ? assess::cli::ColorMode::kNever
                                               : assess::cli::ColorMode::kAuto;
         },
         "Colour diagnostics: auto (when standard error is a terminal), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option_function<std::string>(
         "--diagnostics-format",
         [&common](const std::string& v) { common.style.json = v == "json"; },
         "Diagnostics as text (with the source line and a caret) or as one JSON object on "
         "standard error, for tools")
      ->check(CLI::IsMember({"text", "json"}));
}

}  // namespace

int main(int argc, char** argv) {
  // An interrupted run leaves no temporary file and the old output as it was.
  assess::cli::InstallOutputSignalHandlers();
  CLI::App app{kDescription, "assess"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "assess 0.1.0");

  assess::cli::Common check_args;
  CLI::App* check =
      app.add_subcommand("check", "Load, type-check and lint a rule file; print its diagnostics");
  AddParams(check, check_args);
  check
      ->add_option_function<std::string>(
          "--format",
          [&check_args](const std::string& v) {
            check_args.style.json = v == "json";
            check_args.json_to_stdout = v == "json";
          },
          "text (default), or json: the diagnostics as one JSON object on standard output")
      ->check(CLI::IsMember({"text", "json"}));

  assess::cli::RunArgs run_args;
  CLI::App* run = app.add_subcommand("run", "Evaluate every unit of a data file");
  AddParams(run, run_args.common);
  run->add_option("DATA", run_args.data, "The data file: .csv, .json, .jsonl or .xlsx")->required();
  run->add_option("--sheet", run_args.sheet,
                  "The worksheet of an .xlsx DATA to read (default: the first)");
  run->add_option("-o,--output", run_args.output, "Write results here (default: standard output)");
  run->add_option("--format", run_args.format,
                  "Results as csv, json, jsonl or xlsx (default: by the "
                  "output's extension, else csv)")
      ->check(CLI::IsMember({"csv", "json", "jsonl", "xlsx"}));
  run->add_option("--threads", run_args.threads, "Threads to use (default: every core)")
      ->check(CLI::Range(0, 4096).description("0 to 4096"));
  run->add_flag("--explain", run_args.explain,
                "JSON and JSON Lines results carry each node's computation (not CSV)");
  run->add_flag("--timings", run_args.timings,
                "Print the time of each phase and units per second to standard error");
  run->add_flag("-q,--quiet", run_args.quiet, "No summary on standard error");

  assess::cli::Common test_args;
  bool verbose = false;
  CLI::App* test = app.add_subcommand("test", "Run the tests embedded in a rule file");
  AddParams(test, test_args);
  test->add_flag("-v,--verbose", verbose, "List passing tests too");

  assess::cli::ExplainArgs explain_args;
  CLI::App* explain = app.add_subcommand("explain", "Show one unit's computation, node by node");
  AddParams(explain, explain_args.common);
  explain->add_option("DATA", explain_args.data, "The data file (.csv, .json, .jsonl or .xlsx)")
      ->required();
  explain->add_option("--sheet", explain_args.sheet,
                      "The worksheet of an .xlsx DATA to read (default: the first)");
  explain->add_option("--unit", explain_args.unit, "The unit's id")->required();

  assess::cli::Common graph_args;
  std::string graph_output;
  CLI::App* graph =
      app.add_subcommand("graph", "Print the indicator tree and its dependencies as Graphviz DOT");
  AddParams(graph, graph_args);
  graph->add_option("-o,--output", graph_output, "Write the DOT here (default: standard output)");

  assess::cli::ReportArgs report_args;
  CLI::App* report = app.add_subcommand(
      "report", "Publish the results of a data file as one self-contained HTML page");
  AddParams(report, report_args.common);
  report->add_option("DATA", report_args.data, "The data file (.csv, .json, .jsonl or .xlsx)")
      ->required();
  report->add_option("-o,--output", report_args.output, "The HTML file to write")->required();
  report->add_option("--sheet", report_args.sheet,
                     "The worksheet of an .xlsx DATA to read (default: the first)");
  report->add_option("--threads", report_args.threads, "Threads to use (default: every core)")
      ->check(CLI::Range(0, 4096).description("0 to 4096"));
  report->add_flag("-q,--quiet", report_args.quiet, "No summary on standard error");

  assess::cli::DiffArgs diff_args;
  CLI::App* diff = app.add_subcommand(
      "diff",
      "What changed between two schemes, by meaning; with --data, what it does to the results");
  diff->add_option("OLD", diff_args.common.rules, "The old rule file (YAML)")->required();
  diff->add_option("NEW", diff_args.new_rules, "The new rule file (YAML)")->required();
  diff->add_option("--data", diff_args.data,
                   "Evaluate both schemes on this data file and list the units whose total, "
                   "rank or grade changes");
  diff->add_option("--param", diff_args.common.params,
                   "Override a param of both schemes: NAME=VALUE; repeatable")
      ->allow_extra_args(false);
  diff->add_option("--format", diff_args.format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));

  std::string schema_output;
  CLI::App* schema =
      app.add_subcommand("schema", "Print the JSON Schema of rule files, for editors");
  schema->add_option("-o,--output", schema_output,
                     "Write the schema here (default: standard output)");

  CLI::App* lsp = app.add_subcommand(
      "lsp", "Serve the Language Server Protocol on standard input and output, for editors");

  // CLI11 would say "A subcommand is required" of `assess frob`: name the word instead.
  const auto is_command = [&](const std::string& word) {
    for (const CLI::App* c : {check, run, test, explain, graph, report, diff, schema, lsp}) {
      if (c->check_name(word)) return true;
    }
    return false;
  };
  if (argc > 1 && argv[1][0] != '-' && !is_command(argv[1])) {
    std::cerr << "assess: unknown command `" << argv[1]
              << "` (check, run, test, explain, graph, report, diff, schema or lsp; assess "
                 "--help)\n";
    return assess::cli::kExitUnusable;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    // Usage errors are "cannot be used" (2); --help and --version are fine (0).
    return code == 0 ? 0 : assess::cli::kExitUnusable;
  }
  if (check->parsed()) return assess::cli::Check(check_args);
  if (run->parsed()) return assess::cli::Run(run_args);
  if (test->parsed()) return assess::cli::Test(test_args, verbose);
  if (explain->parsed()) return assess::cli::Explain(explain_args);
  if (graph->parsed()) return assess::cli::Graph(graph_args, graph_output);
  if (report->parsed()) return assess::cli::Report(report_args);
  if (diff->parsed()) return assess::cli::Diff(diff_args);
  if (schema->parsed()) return assess::cli::Schema(schema_output);
  if (lsp->parsed()) return assess::cli::Lsp();
  return assess::cli::kExitUnusable;
}
