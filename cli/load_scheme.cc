// This file's external interface is cli::LoadScheme, cli::ReadData and cli::Check.
#include <fmt/format.h>

#include <iostream>

#include "commands.h"

namespace assess::cli {

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
    for (const Diagnostic& d : scheme.error().diagnostics) std::cerr << d.ToString() << "\n";
    if (scheme.error().diagnostics.empty()) std::cerr << scheme.error().message << "\n";
    return std::nullopt;
  }
  for (const Diagnostic& d : scheme->warnings()) std::cerr << d.ToString() << "\n";
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
  std::cerr << fmt::format(
      "{}: scheme `{}` is fine: {} indicators, {} inputs, {} tests{}\n", args.rules, scheme->id(),
      scheme->indicators().size(), scheme->inputs().size(), scheme->test_count(),
      scheme->warnings().empty() ? "" : fmt::format(", {} warnings", scheme->warnings().size()));
  return kExitOk;
}

}  // namespace assess::cli
