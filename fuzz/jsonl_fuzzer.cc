// libFuzzer target: any bytes as a data file in JSON Lines (one object a line), read with
// Batch::ReadText for a small scheme and evaluated. Every input must give a batch (bad rows
// as units' data errors) or an error, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "data_fuzz_scheme.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  assess_fuzz::FuzzDataText(std::string_view(reinterpret_cast<const char*>(data), size),
                            assess::DataFormat::kJsonLines);
  return 0;
}
