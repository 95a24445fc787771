// libFuzzer target: any bytes as a rule file, through the whole front end (YAML, checks,
// dependency graph, compile). Every input must load or give diagnostics; a scheme that loads
// is also evaluated on a small batch of empty units.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "assess/batch.h"
#include "assess/diagnostic.h"
#include "assess/evaluate.h"
#include "assess/expected.h"
#include "assess/results.h"
#include "assess/scheme.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  assess::Expected<assess::Scheme> scheme = assess::Scheme::LoadText(text, "fuzz.yaml");
  if (!scheme) return 0;
  assess::BatchBuilder builder(*scheme);
  for (int i = 0; i < 3; ++i) (void)builder.AddUnit("u" + std::to_string(i));
  assess::Expected<assess::Batch> batch = builder.Build();
  if (!batch) return 0;
  assess::EvalOptions options;
  options.threads = 1;
  assess::Expected<assess::Results> results = assess::Evaluate(*scheme, *batch, options);
  if (results) {
    for (size_t u = 0; u < results->size(); ++u) (void)results->Explain(u);
  }
  return 0;
}
