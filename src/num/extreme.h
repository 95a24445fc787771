// The greatest (or least) of doubles that are not NaN, kept over several runs of them: how
// peer_max and peer_min see a group's arguments, whether a column holds them as doubles or
// a block of them was decoded.
#ifndef ASSESS_NUM_EXTREME_H_
#define ASSESS_NUM_EXTREME_H_

#include <cstddef>
#include <limits>

namespace assess::num {

class Extreme {
 public:
  explicit Extreme(bool max)
      : max_(max),
        best_(max ? -std::numeric_limits<double>::infinity()
                  : std::numeric_limits<double>::infinity()) {}

  // Takes x[0, n). Branch-free, so that the compiler keeps it in vector registers; a NaN
  // compares false, so it is neither the extreme nor counted; of equal values (0 and -0)
  // the first stays, as std::max_element gives it.
  void Add(const double* x, std::size_t n) {
    const bool max = max_;
    double best = best_;
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; ++i) {
      best = (max ? x[i] > best : x[i] < best) ? x[i] : best;
      count += x[i] == x[i];
    }
    best_ = best;
    present_ += count;
  }

  // How many values were not NaN, and the extreme of them (meaningless when none was).
  std::size_t present() const { return present_; }
  double best() const { return best_; }

 private:
  bool max_;
  double best_;
  std::size_t present_ = 0;
};

}  // namespace assess::num

#endif  // ASSESS_NUM_EXTREME_H_
