// Generated benchmark workloads (deterministic, seeded): a scheme of L leaf indicators in
// 10 groups that cycle through the domain's scoring forms, plus bonus, deduction, veto,
// grades with a quota and rounding `each`; and data for N units, in columns (what the
// hand-written baseline and the engine's in-memory batch read) and as CSV text.
#ifndef ASSESS_BENCH_WORKLOAD_H_
#define ASSESS_BENCH_WORKLOAD_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace assess::bench {

// The scoring forms, in the order leaves cycle through them. Leaf k has form k % kForms.
enum class Form {
  kCompletion,   // points * min(a / t, 1.2), cap 1.2 x points
  kRamp,         // points * ramp(x, 40, 90)
  kFallingRamp,  // points * ramp(x, 30, 5): lower is better
  kGrade,        // points * lookup(g, grade_scores), g in A..D
  kTrimmedMean,  // points * trimmed_mean(r, 1) / 100, r = 7 raters
  kDeduction,    // points - 0.5 * c, c an integer count
  kBenchmark,    // x / peer_max(x) * points
  kThresholds,   // step(x, [60, 0.6], [80, 0.8], [90, 1]) * points
};
inline constexpr int kForms = 8;
inline constexpr int kMaxGroups = 10;
inline constexpr int kRaters = 7;
inline constexpr int kPeerTypes = 3;
inline constexpr const char* kPeerTypeNames[kPeerTypes] = {"street", "department", "resident"};

// The constants of the forms. The YAML writes them as the same decimal texts, so the
// engine and the baseline compute with the same doubles.
inline constexpr double kCompletionCap = 1.2;
inline constexpr double kRampLo = 40, kRampHi = 90;
inline constexpr double kFallLo = 30, kFallHi = 5;              // ramp(x, 30, 5)
inline constexpr double kGradeScores[4] = {1, 0.85, 0.7, 0.5};  // A, B, C, D
inline constexpr int kTrim = 1;
inline constexpr double kPerOccurrence = 0.5;
inline constexpr double kStepX[3] = {60, 80, 90};
inline constexpr double kStepY[3] = {0.6, 0.8, 1};

// Bonus node (3 rules, node cap 5), deduction node (2 rules, node cap 10), one veto.
inline constexpr double kAwardPoints = 2, kAwardCap = 4;  // 2 * awards, cap 4
inline constexpr double kCityAwardPoints = 1;             // city_award
inline constexpr double kInnovationFrom = 80, kInnovationDiv = 10, kInnovationCap = 2;
inline constexpr double kBonusCap = 5;
inline constexpr double kComplaintPoints = 2;           // 2 * complaints
inline constexpr double kAuditFree = 2, kAuditCap = 6;  // audit_issues - 2 when > 2
inline constexpr double kDeductionCap = 10;
inline constexpr int kDigits = 2;
inline constexpr int kQuotaPercent = 20;  // of the top level

enum class InputKind { kNumber, kInteger, kBoolean, kText, kList };

struct InputDesc {
  std::string name;
  InputKind kind = InputKind::kNumber;
  // Index into Columns::numbers (number, integer, boolean), Columns::codes (text) or
  // Columns::lists (list).
  int slot = 0;
};

struct LeafDesc {
  std::string id;
  Form form = Form::kCompletion;
  int group = 0;
  double points = 1;
  double cap = 1;  // the leaf's cap: 1.2 x points for completion, else points
  int x = -1;      // input (index into Workload::inputs): a, x, g, r or c
  int t = -1;      // completion's target t
};

struct Workload {
  int leaves = 0;
  int groups = 0;
  std::string rules_yaml;
  std::vector<InputDesc> inputs;  // in the order the scheme declares them
  std::vector<LeafDesc> leaf;     // in file order; a group's leaves are contiguous
  std::vector<int> group_begin;   // leaves of group g: [group_begin[g], group_begin[g + 1])
  // Fixed inputs (indices into inputs).
  int type_input = 0, awards = 0, city_award = 0, innovation = 0, complaints = 0, audit_issues = 0,
      major_accidents = 0;
  double total_points = 0;
  double veto_cap = 0;       // 60% of total points
  double level_min[3] = {};  // excellent, good, fair (90%, 80%, 60%); the 4th has no min
  std::vector<std::string> level_names;
};

// Texts are given as codes: the peer type 0..2 (kPeerTypeNames), grades 0..3 (A..D).
// The generated data has no missing values and no bad values.
struct Columns {
  std::size_t units = 0;
  std::vector<std::string> ids;
  std::vector<std::vector<double>> numbers;  // per numeric slot, one value a unit
  std::vector<std::vector<uint8_t>> codes;   // per text slot (slot 0: the peer type)
  std::vector<std::vector<double>> lists;    // per list slot, kRaters values a unit, row-major

  const std::vector<uint8_t>& type() const { return codes[0]; }
};

// `leaves` >= 1. The same arguments give the same text and the same descriptions.
Workload MakeWorkload(int leaves, uint64_t seed = 1);

Columns MakeColumns(const Workload& w, std::size_t units, uint64_t seed);

// CSV of the columns: a header row, then one row per unit (numbers as their shortest
// text, so they read back as the same doubles; lists `88;92.5;79`).
std::string CsvHeader(const Workload& w);
void AppendCsvRows(const Workload& w, const Columns& c, std::size_t begin, std::size_t end,
                   std::string* out);
std::string MakeCsv(const Workload& w, const Columns& c);
std::string MakeCsv(const Workload& w, std::size_t units, uint64_t seed);

// The same units as JSON Lines, one object a line with the CSV's keys in the same order:
// numbers and lists as JSON numbers (the same texts as the CSV's), texts as strings,
// booleans as true / false. As a JSON array: `[` the lines joined by `,` `]`.
std::string MakeJsonLines(const Workload& w, const Columns& c);

}  // namespace assess::bench

#endif  // ASSESS_BENCH_WORKLOAD_H_
