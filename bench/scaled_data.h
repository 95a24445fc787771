// ScaleCsv: a large data file made from a small real one, for timing a real scheme (such as
// rules/district.yaml) at the sizes that the generated workload is timed at.
#ifndef ASSESS_BENCH_SCALED_DATA_H_
#define ASSESS_BENCH_SCALED_DATA_H_

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>

namespace assess::bench {

// Writes `units` rows made from the rows of `sample` (a CSV file without quoted cells: a
// header, then rows), taken in turn: the first cell (the unit id) gets a suffix `#N` so
// that every id is unique, and every number with decimals (also in `;` lists) is scaled
// by a factor in [0.9, 1] toward zero and written with its own number of decimals, so
// values stay within the bounds a scheme gives its sample (a bound of 0 or more holds, a
// maximum holds). Texts and whole numbers (counts) are kept.
// Returns "" or what is wrong with the sample.
std::string ScaleCsv(std::istream& sample, std::size_t units, uint64_t seed, std::ostream& out);

}  // namespace assess::bench

#endif  // ASSESS_BENCH_SCALED_DATA_H_
