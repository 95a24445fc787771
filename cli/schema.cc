// This file's external interface is cli::Schema: `assess schema`, the JSON Schema of rule
// files, for editors.
#include "authoring/schema.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "commands.h"

namespace assess::cli {

int Schema(const std::string& output) {
  if (output.empty()) {
    std::cout << authoring::SchemaText();
    return kExitOk;
  }
  std::ofstream out(output, std::ios::binary);
  out << authoring::SchemaText();
  if (!out) {
    std::cerr << fmt::format("assess: cannot write {}\n", output);
    return kExitUnusable;
  }
  return kExitOk;
}

}  // namespace assess::cli
