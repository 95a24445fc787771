// libFuzzer target: any bytes as an .xlsx workbook, through the whole reader (zip, workbook
// and relationships, styles, shared strings, the streamed sheet) into the checking
// builder. Every input must read or fail with a message; none may crash, hang or use more
// than the limits (lowered here so that each run stays fast).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "data/unit_table.h"
#include "io/data_readers.h"

namespace {

assess::data::DataSpec Spec() {
  using assess::InputType;
  assess::data::DataSpec spec;
  const std::pair<const char*, InputType> inputs[] = {{"n", InputType::kNumber},
                                                      {"i", InputType::kInteger},
                                                      {"t", InputType::kText},
                                                      {"b", InputType::kBoolean},
                                                      {"l", InputType::kList}};
  for (const auto& [name, type] : inputs) {
    assess::data::InputSpec in;
    in.name = in.column = name;
    in.type = type;
    in.required = false;
    spec.inputs.push_back(in);
  }
  return spec;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const assess::data::DataSpec spec = Spec();
  assess::io::XlsxLimits limits;
  limits.max_sheet_bytes = 8u << 20;
  limits.max_shared_strings_bytes = 4u << 20;
  limits.max_other_part_bytes = 1u << 20;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  assess::io::ReadResult r = assess::io::ReadXlsxBytes(bytes, spec, "fuzz.xlsx", "", limits);
  if (!r.table && r.error.empty()) __builtin_trap();  // a failure always says why
  return 0;
}
