// The checks a rule file's text passes before yaml-cpp sees it: size, encoding, nesting.
// yaml-cpp's parser recurses once per nesting level (and only stops at 2,000 levels, with
// an unhelpful "bad file"), so deep nesting is found here, by a linear scan.
#ifndef ASSESS_LOAD_YAML_PRESCAN_H_
#define ASSESS_LOAD_YAML_PRESCAN_H_

#include <string_view>

#include "core/diagnostics.h"
#include "load/source_map.h"
#include "load/yaml_loader.h"

namespace assess::load {

// Reports the first problem (a file over max_file_bytes, a NUL byte, invalid UTF-8,
// nesting deeper than max_yaml_depth) and returns false; true when the text may be parsed.
bool PrescanYaml(std::string_view text, const SourceMap& map, const LoadLimits& limits,
                 DiagnosticSink& sink);

// The parts, for tests.
bool CheckEncoding(std::string_view text, const SourceMap& map, DiagnosticSink& sink);
bool CheckNesting(std::string_view text, const SourceMap& map, int max_depth, DiagnosticSink& sink);

}  // namespace assess::load

#endif  // ASSESS_LOAD_YAML_PRESCAN_H_
