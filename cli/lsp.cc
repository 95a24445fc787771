// This file's external interface is cli::Lsp: `assess lsp`, the language server on
// standard input and output.
#include <iostream>

#include "commands.h"
#include "lsp/server.h"

namespace assess::cli {

int Lsp() {
  std::ios::sync_with_stdio(false);
  lsp::Server server(std::cout);
  return server.Serve(std::cin);
}

}  // namespace assess::cli
