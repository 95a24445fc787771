// Parses a rule file's first YAML document with yaml-cpp into a YamlTree. yaml-cpp's
// exceptions become diagnostics here, and nowhere else. A large `indicators:` list is
// parsed in two parts on two threads when that gives the very same tree (yaml_split.h).
#ifndef ASSESS_LOAD_YAML_PARSE_H_
#define ASSESS_LOAD_YAML_PARSE_H_

#include <optional>
#include <string_view>

#include "core/diagnostics.h"
#include "load/source_map.h"
#include "load/yaml_loader.h"
#include "load/yaml_split.h"
#include "load/yaml_tree.h"

namespace assess::load {

// Parses the first document of `text` (whose positions `map` gives) into `tree`, as
// YAML::Load would read it, and sets `second` where a second document with content
// starts. False, with the syntax error reported, when the text cannot be parsed.
// `limits.parallel_part_bytes` decides on a two-part parse.
bool ParseYaml(std::string_view text, const SourceMap& map, const LoadLimits& limits,
               YamlTree& tree, std::optional<SourcePos>& second, DiagnosticSink& sink);

// The two-part parse of `plan` (the second part on a new thread), reporting nothing: true
// when it gave the tree of the whole text's first document, which then has no second
// document; false (`tree` then unspecified) otherwise, a syntax error included.
bool ParseInParts(std::string_view text, const SplitPlan& plan, YamlTree& tree);

}  // namespace assess::load

#endif  // ASSESS_LOAD_YAML_PARSE_H_
