// libFuzzer target: any bytes as an expression. The parser must return a tree or an error,
// never crash, hang or overflow the stack; a tree must dump.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "expr/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  assess::expr::ParseResult r = assess::expr::Parse(text);
  if (r.root) (void)assess::expr::Dump(*r.root);
  return 0;
}
