// A seeded generator of rule files and data for the property tests: a scheme drawn from a
// pool of indicator shapes (plain, conditional, grouped, peer-relative, bonus, veto, grades
// with or without a quota, peer groups or not), and rows of data for it written as CSV,
// JSON or JSON Lines from the same values. The same seed gives the same scheme and rows.
#ifndef ASSESS_TESTS_PROPERTIES_GENERATOR_H_
#define ASSESS_TESTS_PROPERTIES_GENERATOR_H_

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace assess::properties {

struct GeneratedScheme {
  std::string yaml;
  // A unit's scores depend on the other units (peer_min, peer_rank...).
  bool peer_functions = false;
  // Grades with a quota: a unit's grade depends on the others' totals.
  bool quota = false;
};

// One unit's values. Numbers are written with at most two decimals, so every format
// carries exactly the same value.
struct Row {
  std::string unit;
  std::string group;      // g0, g1 or g2
  int n0 = 0, n1 = 0;     // hundredths, 0..100.00
  std::optional<int> n2;  // hundredths, -50..150.00; missing now and then
  std::vector<int> list;  // hundredths, 3 to 6 of them
  int k = 0;              // 0..5
  bool b = false;
  // Written instead of n0 when set: a value the scheme refuses (a bad row).
  std::optional<std::string> bad_n0;
};

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  GeneratedScheme Scheme();
  std::vector<Row> Rows(int count);

  static std::string Csv(const std::vector<Row>& rows);
  static std::string Json(const std::vector<Row>& rows);
  static std::string JsonLines(const std::vector<Row>& rows);

 private:
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  std::string Leaf(const std::string& id, int points, bool peers_allowed, bool* peer_used);

  std::mt19937_64 rng_;
};

}  // namespace assess::properties

#endif  // ASSESS_TESTS_PROPERTIES_GENERATOR_H_
