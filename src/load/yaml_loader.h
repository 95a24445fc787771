// Reads a rule file (YAML, via yaml-cpp) into a SchemeDecl, reporting every shape error.
#ifndef ASSESS_LOAD_YAML_LOADER_H_
#define ASSESS_LOAD_YAML_LOADER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "load/scheme_decl.h"

namespace assess::load {

// Hostile files get an error, never a crash or a hang: size, YAML nesting (checked by a
// pre-scan before yaml-cpp, whose parser recurses) and the number of YAML nodes visited
// (aliases can make a small file a huge tree) are bounded.
struct LoadLimits {
  std::size_t max_file_bytes = 16u << 20;
  int max_yaml_depth = 64;
  std::size_t max_yaml_nodes = 1000000;
  std::size_t max_expression_chars = 10000;
  // A file is parsed in two parts on two threads (cut in its list `indicators:`, where the
  // text allows it: yaml_split.h) when the machine has two cores and the second part would
  // have at least this many bytes; 0: never.
  std::size_t parallel_part_bytes = 32u << 10;
};

// Parses `yaml` (the whole file's text). Every problem goes to `sink`, with its line and
// column. Returns nullopt when nothing could be read (a YAML syntax error, a limit);
// otherwise as much of the scheme as could be read, so later stages report more errors.
std::optional<SchemeDecl> LoadYaml(std::string_view yaml, const LoadLimits& limits,
                                   DiagnosticSink& sink);

// Reads the file named `path` (reporting a missing or oversized file) and calls LoadYaml.
std::optional<SchemeDecl> LoadYamlFile(const std::string& path, const LoadLimits& limits,
                                       DiagnosticSink& sink);

}  // namespace assess::load

#endif  // ASSESS_LOAD_YAML_LOADER_H_
