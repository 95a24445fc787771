// The smallest use of assess: load, read, evaluate, count (run_install_test.sh).
#include <assess/batch.h>
#include <assess/evaluate.h>
#include <assess/results.h>
#include <assess/scheme.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  assess::Expected<assess::Scheme> scheme = assess::Scheme::LoadFile(argv[1]);
  if (!scheme) return 2;
  assess::Expected<assess::Batch> batch = assess::Batch::ReadFile(*scheme, argv[2]);
  if (!batch) return 2;
  assess::Expected<assess::Results> results = assess::Evaluate(*scheme, *batch);
  if (!results) return 2;
  std::printf("%zu units, %zu in error\n", results->size(), results->error_count());
  return 0;
}
