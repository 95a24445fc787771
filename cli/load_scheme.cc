// This file's external interface is cli::LoadScheme, cli::ReadData, cli::PrintDiagnostics and
// cli::Check.
#include <fmt/format.h>

#include <iostream>

#include "commands.h"

namespace assess::cli {

void PrintDiagnostics(const Common& args, bool ok, const std::vector<Diagnostic>& diagnostics) {
  SourceLines sources;
  if (args.style.json) {
    (args.json_to_stdout ? std::cout : std::cerr)
        << DiagnosticsJson(args.rules, ok, diagnostics, sources) << "\n";
    return;
  }
  const bool color = ColorOnStderr(args.style.color);
  for (const Diagnostic& d : diagnostics) std::cerr << RenderDiagnostic(d, sources, color) << "\n";
}

std::optional<Scheme> LoadScheme(const Common& args) {
  LoadOptions options;
  for (const std::string& p : args.params) {
    const size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << fmt::format("assess: --param needs NAME=VALUE, got `{}`\n", p);
      return std::nullopt;
    }
    options.params.emplace_back(p.substr(0, eq), p.substr(eq + 1));
  }
  Expected<Scheme> scheme = Scheme::LoadFile(args.rules, options);
  if (!scheme) {
    std::vector<Diagnostic> diagnostics = scheme.error().diagnostics;
    if (diagnostics.empty()) {
      // A failure without a place (e.g. an unknown --param name) is still one diagnostic.
      diagnostics.push_back({Severity::kError, args.rules, 0, 0, scheme.error().message});
      if (!args.style.json) {
        std::cerr << scheme.error().message << "\n";
        return std::nullopt;
      }
    }
    PrintDiagnostics(args, false, diagnostics);
    return std::nullopt;
  }
  if (!scheme->warnings().empty() || args.json_to_stdout) {
    PrintDiagnostics(args, true, scheme->warnings());
  }
  return std::move(*scheme);
}

Expected<Batch> ReadData(const Scheme& scheme, const std::string& data, const std::string& sheet,
                         ReadProgress* progress) {
  ReadOptions options;
  options.sheet = sheet;
  options.progress = progress;
  return Batch::ReadFile(scheme, data, options);
}

int Check(const Common& args) {
  std::optional<Scheme> scheme = LoadScheme(args);
  if (!scheme) return kExitUnusable;
  if (args.json_to_stdout) return kExitOk;  // the JSON said it all
  std::cerr << fmt::format(
      "{}: scheme `{}` is fine: {} indicators, {} inputs, {} tests{}\n", args.rules, scheme->id(),
      scheme->indicators().size(), scheme->inputs().size(), scheme->test_count(),
      scheme->warnings().empty() ? "" : fmt::format(", {} warnings", scheme->warnings().size()));
  return kExitOk;
}

}  // namespace assess::cli
