// This file's external interface is MakeWorkload, MakeColumns and the CSV writers
// (workload.h).
//
// Every random draw comes from one seeded xoshiro256** stream in a fixed order, so a seed
// gives the same scheme and data on every machine (no std:: distributions, whose results
// differ between standard libraries).
#include "workload.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace assess::bench {
namespace {

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& s : s_) s = SplitMix(seed);
  }
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1p-53; }  // [0, 1)
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t SplitMix(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t s_[4];
};

// `percent` (a multiple of 10) of `whole` (a multiple of 0.5) as a decimal text: the cap
// 1.8 of 1.5 points is written "1.8", not the double product 1.7999999999999998.
std::string PercentText(double whole, int percent) {
  const long long tenths = std::llround(whole * 2) * percent / 20;  // whole * percent / 10
  return fmt::format("{}.{}", tenths / 10, tenths % 10);
}

std::string PointsText(double p) { return fmt::format("{}", p); }

const char* FormScore(Form f) {
  switch (f) {
    case Form::kCompletion:
      return "'points * min({a} / {t}, 1.2)'";
    case Form::kRamp:
      return "'points * ramp({x}, 40, 90)'";
    case Form::kFallingRamp:
      return "'points * ramp({x}, 30, 5)'";
    case Form::kGrade:
      return "'points * lookup({x}, grade_scores)'";
    case Form::kTrimmedMean:
      return "'points * trimmed_mean({x}, 1) / 100'";
    case Form::kDeduction:
      return "points - 0.5 * {x}";
    case Form::kBenchmark:
      return "{x} / peer_max({x}) * points";
    case Form::kThresholds:
      return "'step({x}, [60, 0.6], [80, 0.8], [90, 1]) * points'";
  }
  return "";
}

int AddInput(Workload& w, std::string name, InputKind kind, int* slots) {
  const int slot_kind = kind == InputKind::kText ? 1 : kind == InputKind::kList ? 2 : 0;
  w.inputs.push_back({std::move(name), kind, slots[slot_kind]++});
  return static_cast<int>(w.inputs.size()) - 1;
}

std::string InputYaml(const InputDesc& in) {
  switch (in.kind) {
    case InputKind::kNumber:
      return "{type: number, min: 0}";
    case InputKind::kInteger:
      return "{type: integer, min: 0}";
    case InputKind::kBoolean:
      return "{type: boolean}";
    case InputKind::kText:
      return "{type: text, values: [A, B, C, D]}";
    case InputKind::kList:
      return "{type: list, min: 0, max: 100}";
  }
  return "";
}

}  // namespace

Workload MakeWorkload(int leaves, uint64_t seed) {
  Rng rng(seed);
  Workload w;
  w.leaves = std::max(1, leaves);
  w.groups = std::min(kMaxGroups, w.leaves);
  int slots[3] = {0, 0, 0};  // numeric, text, list
  w.type_input = AddInput(w, "type", InputKind::kText, slots);

  // Points come in pairs that add up to 2 (1.5 + 0.5, 0.5 + 1.5 or 1 + 1); an odd last
  // leaf has 1. So the total is exactly `leaves`, and every partial sum is exact.
  for (int k = 0; k < w.leaves; ++k) {
    LeafDesc leaf;
    leaf.id = fmt::format("i{}", k);
    leaf.form = static_cast<Form>(k % kForms);
    leaf.group = static_cast<int>(static_cast<long long>(k) * w.groups / w.leaves);
    if (k % 2 == 1) {
      leaf.points = 2 - w.leaf.back().points;
    } else if (k == w.leaves - 1) {
      leaf.points = 1;
    } else {
      static constexpr double kFirst[3] = {1.5, 0.5, 1};
      leaf.points = kFirst[rng.Below(3)];
    }
    leaf.cap = leaf.points;
    if (leaf.form == Form::kCompletion) leaf.cap = std::stod(PercentText(leaf.points, 120));
    switch (leaf.form) {
      case Form::kCompletion:
        leaf.x = AddInput(w, fmt::format("a_{}", k), InputKind::kNumber, slots);
        leaf.t = AddInput(w, fmt::format("t_{}", k), InputKind::kNumber, slots);
        break;
      case Form::kGrade:
        leaf.x = AddInput(w, fmt::format("g_{}", k), InputKind::kText, slots);
        break;
      case Form::kTrimmedMean:
        leaf.x = AddInput(w, fmt::format("r_{}", k), InputKind::kList, slots);
        break;
      case Form::kDeduction:
        leaf.x = AddInput(w, fmt::format("c_{}", k), InputKind::kInteger, slots);
        break;
      default:
        leaf.x = AddInput(w, fmt::format("x_{}", k), InputKind::kNumber, slots);
        break;
    }
    w.total_points += leaf.points;
    w.leaf.push_back(std::move(leaf));
  }
  w.group_begin.assign(w.groups + 1, w.leaves);
  for (int k = w.leaves - 1; k >= 0; --k) w.group_begin[w.leaf[k].group] = k;

  w.awards = AddInput(w, "awards", InputKind::kInteger, slots);
  w.city_award = AddInput(w, "city_award", InputKind::kBoolean, slots);
  w.innovation = AddInput(w, "innovation", InputKind::kNumber, slots);
  w.complaints = AddInput(w, "complaints", InputKind::kInteger, slots);
  w.audit_issues = AddInput(w, "audit_issues", InputKind::kInteger, slots);
  w.major_accidents = AddInput(w, "major_accidents", InputKind::kInteger, slots);

  const std::string veto_cap = PercentText(w.total_points, 60);
  const std::string mins[3] = {PercentText(w.total_points, 90), PercentText(w.total_points, 80),
                               PercentText(w.total_points, 60)};
  w.veto_cap = std::stod(veto_cap);
  for (int l = 0; l < 3; ++l) w.level_min[l] = std::stod(mins[l]);
  w.level_names = {"excellent", "good", "fair", "poor"};

  std::string y;
  y.reserve(static_cast<size_t>(w.leaves) * 110 + 2000);
  y += fmt::format("scheme: bench_{}\ntitle: Generated benchmark scheme ({} leaves)\n", w.leaves,
                   w.leaves);
  y += "version: \"1\"\npeers: type\ninputs:\n";
  y += "  type: {type: text, values: [street, department, resident]}\n";
  for (const InputDesc& in : w.inputs) {
    if (&in == &w.inputs[w.type_input]) continue;
    y += fmt::format("  {}: {}\n", in.name, InputYaml(in));
  }
  y += "params:\n  grade_scores: {A: 1, B: 0.85, C: 0.7, D: 0.5}\nindicators:\n";
  for (int g = 0; g < w.groups; ++g) {
    y += fmt::format("  - id: g{}\n    title: Group {}\n    children:\n", g, g);
    for (int k = w.group_begin[g]; k < w.group_begin[g + 1]; ++k) {
      const LeafDesc& leaf = w.leaf[k];
      const std::string score =
          fmt::format(fmt::runtime(FormScore(leaf.form)), fmt::arg("a", w.inputs[leaf.x].name),
                      fmt::arg("t", leaf.t >= 0 ? w.inputs[leaf.t].name : ""),
                      fmt::arg("x", w.inputs[leaf.x].name));
      y += fmt::format("      - {{id: {}, points: {}, score: {}", leaf.id, PointsText(leaf.points),
                       score);
      if (leaf.form == Form::kCompletion) y += ", cap: " + PercentText(leaf.points, 120);
      y += "}\n";
    }
  }
  y += R"(  - id: bonus
    kind: bonus
    title: Positive incentive bonus
    cap: 5
    rules:
      - {when: awards > 0, points: 2 * awards, reason: national award, cap: 4}
      - {when: city_award, points: 1, reason: municipal award}
      - {when: innovation > 80, points: (innovation - 80) / 10, reason: innovation pilot, cap: 2}
  - id: deduct
    kind: deduction
    title: Deductions
    cap: 10
    rules:
      - {when: complaints > 0, points: 2 * complaints, reason: verified complaints}
      - {when: audit_issues > 2, points: audit_issues - 2, reason: audit findings, cap: 6}
)";
  y += fmt::format(
      "vetoes:\n  - {{id: safety, when: major_accidents > 0, reason: major safety accident, "
      "cap: {}}}\n",
      veto_cap);
  y += fmt::format(
      "grades:\n  levels:\n    - {{name: excellent, min: {}, quota: {}%}}\n"
      "    - {{name: good, min: {}}}\n    - {{name: fair, min: {}}}\n    - {{name: poor}}\n",
      mins[0], kQuotaPercent, mins[1], mins[2]);
  y += fmt::format("rounding: {{digits: {}, stage: each}}\n", kDigits);
  w.rules_yaml = std::move(y);
  return w;
}

Columns MakeColumns(const Workload& w, std::size_t units, uint64_t seed) {
  Rng rng(seed ^ 0x5EED'0000'0000'0000ull);
  Columns c;
  c.units = units;
  int slots[3] = {0, 0, 0};
  for (const InputDesc& in : w.inputs) {
    const int k = in.kind == InputKind::kText ? 1 : in.kind == InputKind::kList ? 2 : 0;
    slots[k] = std::max(slots[k], in.slot + 1);
  }
  c.numbers.assign(slots[0], std::vector<double>(units));
  c.codes.assign(slots[1], std::vector<uint8_t>(units));
  c.lists.assign(slots[2], std::vector<double>(units * kRaters));
  c.ids.resize(units);
  auto tenths = [](double v) { return std::round(v * 10) / 10; };
  for (std::size_t u = 0; u < units; ++u) {
    c.ids[u] = fmt::format("U{:07}", u + 1);
    // A unit's quality moves all of its values together, so totals spread over the grade
    // levels and the top level's quota binds.
    const double q = rng.Uniform();
    auto mix = [&] { return std::clamp(0.2 + 0.6 * q + 0.35 * rng.Uniform(), 0.0, 1.0); };
    c.codes[0][u] = static_cast<uint8_t>(rng.Below(kPeerTypes));
    for (const LeafDesc& leaf : w.leaf) {
      const int x = w.inputs[leaf.x].slot;
      const double m = mix();
      switch (leaf.form) {
        case Form::kCompletion: {
          const double t = 50 + rng.Below(101);
          c.numbers[w.inputs[leaf.t].slot][u] = t;
          c.numbers[x][u] = tenths(t * (0.55 + 0.8 * m));
          break;
        }
        case Form::kRamp:
          c.numbers[x][u] = tenths(30 + 70 * m);
          break;
        case Form::kFallingRamp:
          c.numbers[x][u] = tenths(35 - 33 * m);
          break;
        case Form::kGrade:
          c.codes[x][u] = m > 0.62 ? 0 : m > 0.42 ? 1 : m > 0.22 ? 2 : 3;
          break;
        case Form::kTrimmedMean: {
          // Half points, as raters give them.
          double* r = &c.lists[x][u * kRaters];
          for (int k = 0; k < kRaters; ++k) r[k] = std::round(2 * (55 + 45 * mix())) / 2;
          break;
        }
        case Form::kDeduction:
          c.numbers[x][u] = m > 0.4 ? 0 : 1 + rng.Below(3);
          break;
        case Form::kBenchmark:
          c.numbers[x][u] = tenths(10 + 90 * m);
          break;
        case Form::kThresholds:
          c.numbers[x][u] = tenths(45 + 55 * m);
          break;
      }
    }
    const double a = rng.Uniform();
    c.numbers[w.inputs[w.awards].slot][u] = a < 0.08 ? 1 : a < 0.1 ? 2 : 0;
    c.numbers[w.inputs[w.city_award].slot][u] = rng.Uniform() < 0.15 ? 1 : 0;
    c.numbers[w.inputs[w.innovation].slot][u] = tenths(50 + 50 * rng.Uniform());
    c.numbers[w.inputs[w.complaints].slot][u] = rng.Uniform() < 0.1 ? 1 + rng.Below(3) : 0;
    c.numbers[w.inputs[w.audit_issues].slot][u] = rng.Below(7);
    c.numbers[w.inputs[w.major_accidents].slot][u] = rng.Uniform() < 0.01 ? 1 : 0;
  }
  return c;
}

std::string CsvHeader(const Workload& w) {
  std::string h = "unit";
  for (const InputDesc& in : w.inputs) h += "," + in.name;
  h += "\n";
  return h;
}

namespace {

constexpr const char* kGrades[4] = {"A", "B", "C", "D"};

// The shortest text of v that reads back as the same double. The generated values are
// whole, or tenths, or halves: written from the integer count of tenths (std::to_chars of a
// double costs more than the rest of a row); anything else by std::to_chars.
void AppendNumber(double v, std::string* out) {
  char buf[32];
  const double tenths = v * 10;
  if (v >= 0 && tenths < 1e15 && tenths == std::floor(tenths)) {
    const long long k = static_cast<long long>(tenths);
    if (static_cast<double>(k) / 10 == v) {
      char* end = std::to_chars(buf, buf + sizeof buf, k / 10).ptr;
      if (k % 10 != 0) {
        *end++ = '.';
        *end++ = static_cast<char>('0' + k % 10);
      }
      out->append(buf, end);
      return;
    }
  }
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

}  // namespace

void AppendCsvRows(const Workload& w, const Columns& c, std::size_t begin, std::size_t end,
                   std::string* out) {
  const auto number = [out](double v) { AppendNumber(v, out); };
  for (std::size_t u = begin; u < end; ++u) {
    *out += c.ids[u];
    for (const InputDesc& in : w.inputs) {
      out->push_back(',');
      switch (in.kind) {
        case InputKind::kNumber:
        case InputKind::kInteger:
          number(c.numbers[in.slot][u]);
          break;
        case InputKind::kBoolean:
          *out += c.numbers[in.slot][u] != 0 ? "true" : "false";
          break;
        case InputKind::kText:
          *out += in.slot == 0 ? kPeerTypeNames[c.codes[0][u]] : kGrades[c.codes[in.slot][u]];
          break;
        case InputKind::kList:
          for (int k = 0; k < kRaters; ++k) {
            if (k) out->push_back(';');
            number(c.lists[in.slot][u * kRaters + k]);
          }
          break;
      }
    }
    out->push_back('\n');
  }
}

std::string MakeCsv(const Workload& w, const Columns& c) {
  std::string out = CsvHeader(w);
  out.reserve(out.size() + c.units * (w.inputs.size() * 6 + 20 * w.leaves / kForms + 12));
  AppendCsvRows(w, c, 0, c.units, &out);
  return out;
}

std::string MakeCsv(const Workload& w, std::size_t units, uint64_t seed) {
  return MakeCsv(w, MakeColumns(w, units, seed));
}

std::string MakeJsonLines(const Workload& w, const Columns& c) {
  std::string out;
  out.reserve(c.units * (w.inputs.size() * 16 + 30 * w.leaves / kForms + 20));
  for (std::size_t u = 0; u < c.units; ++u) {
    out += "{\"unit\":\"" + c.ids[u] + '"';
    for (const InputDesc& in : w.inputs) {
      out += ",\"" + in.name + "\":";
      switch (in.kind) {
        case InputKind::kNumber:
        case InputKind::kInteger:
          AppendNumber(c.numbers[in.slot][u], &out);
          break;
        case InputKind::kBoolean:
          out += c.numbers[in.slot][u] != 0 ? "true" : "false";
          break;
        case InputKind::kText:
          out += '"';
          out += in.slot == 0 ? kPeerTypeNames[c.codes[0][u]] : kGrades[c.codes[in.slot][u]];
          out += '"';
          break;
        case InputKind::kList:
          out += '[';
          for (int k = 0; k < kRaters; ++k) {
            if (k) out.push_back(',');
            AppendNumber(c.lists[in.slot][u * kRaters + k], &out);
          }
          out += ']';
          break;
      }
    }
    out += "}\n";
  }
  return out;
}

}  // namespace assess::bench
