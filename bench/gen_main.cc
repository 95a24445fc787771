// This file's external interface is the assess_gen command: writes a generated scheme and
// its CSV data, for bench/memory.sh and for trying `assess run` on big inputs; or scales a
// real sample (examples/district-2025.csv) up to as many units, for its real scheme.
//   assess_gen LEAVES UNITS RULES_OUT DATA_OUT [SEED]
//   assess_gen --like SAMPLE.csv UNITS DATA_OUT [SEED]
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "scaled_data.h"
#include "workload.h"

int main(int argc, char** argv) {
  using namespace assess::bench;
  if (argc >= 2 && std::string(argv[1]) == "--like") {
    if (argc < 5 || argc > 6) {
      std::fprintf(stderr, "usage: assess_gen --like SAMPLE.csv UNITS DATA_OUT [SEED]\n");
      return 2;
    }
    std::ifstream sample(argv[2], std::ios::binary);
    std::ofstream data(argv[4], std::ios::binary);
    const std::string failed = ScaleCsv(sample, std::strtoull(argv[3], nullptr, 10),
                                        argc == 6 ? std::strtoull(argv[5], nullptr, 10) : 1, data);
    if (!failed.empty() || !data.flush()) {
      std::fprintf(stderr, "assess_gen: %s\n", failed.empty() ? "cannot write" : failed.c_str());
      return 2;
    }
    return 0;
  }
  if (argc < 5 || argc > 6) {
    std::fprintf(stderr, "usage: assess_gen LEAVES UNITS RULES_OUT DATA_OUT [SEED]\n");
    return 2;
  }
  const int leaves = std::atoi(argv[1]);
  const std::size_t units = std::strtoull(argv[2], nullptr, 10);
  const uint64_t seed = argc == 6 ? std::strtoull(argv[5], nullptr, 10) : 1;
  if (leaves < 1) {
    std::fprintf(stderr, "assess_gen: LEAVES must be at least 1\n");
    return 2;
  }
  const Workload w = MakeWorkload(leaves, seed);
  std::ofstream rules(argv[3], std::ios::binary);
  rules << w.rules_yaml;
  if (!rules.flush()) {
    std::fprintf(stderr, "assess_gen: cannot write %s\n", argv[3]);
    return 2;
  }
  const Columns c = MakeColumns(w, units, seed);
  std::ofstream data(argv[4], std::ios::binary);
  data << CsvHeader(w);
  // Written in slices, so the whole text (1 GB at 10^6 units x 100 leaves) is never held.
  std::string slice;
  constexpr std::size_t kSlice = 20000;
  for (std::size_t u = 0; u < units && data; u += kSlice) {
    slice.clear();
    AppendCsvRows(w, c, u, std::min(units, u + kSlice), &slice);
    data.write(slice.data(), static_cast<std::streamsize>(slice.size()));
  }
  if (!data.flush()) {
    std::fprintf(stderr, "assess_gen: cannot write %s\n", argv[4]);
    return 2;
  }
  return 0;
}
