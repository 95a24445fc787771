// A batch evaluated in parts (include/assess/partition.h) gives what one evaluation of the
// whole gives, bit for bit: nested peer functions (one round per phase), peer groups,
// per-unit peer functions, ties, tie-breaks, quotas, vetoes, repeated ids across parts,
// data errors named by their place in the whole file; partials and states survive bytes.
#include "assess/partition.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "assess/batch.h"
#include "assess/evaluate.h"
#include "assess/results.h"
#include "assess/scheme.h"
#include "eval/eval_test_util.h"

namespace assess {
namespace {

using testing::LoadScheme;

// Two phases of peer functions (the max of deviations from the group mean needs the mean
// first), per-unit ones, sums and counts; groups by `kind` (some units have none); a veto
// forcing the lowest grade and one barring excellence; a quota that ties straddle.
constexpr const char* kScheme = R"(scheme: parts
peers: kind
inputs:
  kind: {type: text, required: false}
  x: {type: number}
  y: {type: number, required: false}
  bad: {type: integer, default: 0}
  eco: {type: integer, default: 0}
indicators:
  - id: spread
    points: 30
    score: 'points * ramp(x - peer_mean(x), 0, peer_max(x - peer_mean(x)))'
  - id: position
    points: 30
    score: 'points * peer_percentile(y)'
  - id: place
    points: 20
    score: 'max(0, points - 2 * (peer_rank(x) - 1)) + 0 * peer_rank_asc(y)'
  - id: share
    points: 20
    score: 'points * x / peer_sum(x) * peer_count(x) / 2 + 0 * peer_min(y)'
vetoes:
  - {id: safety, when: bad > 0, reason: safety, grade: poor}
  - {id: ecology, when: eco > 0, reason: ecology, max_grade: good}
grades:
  levels:
    - {name: excellent, min: 50, quota: 25%}
    - {name: good, min: 30, quota: 40%}
    - {name: poor}
  tie_break: [position]
)";

// `n` units (CSV text): values from small sets, so that totals and peer values tie.
std::string Generate(int n, uint32_t seed, bool with_errors) {
  std::mt19937 rng(seed);
  auto pick = [&](int k) { return static_cast<int>(rng() % k); };
  std::ostringstream out;
  out << "unit,kind,x,y,bad,eco\n";
  const char* kinds[] = {"street", "town", "", "dept"};
  for (int i = 0; i < n; ++i) {
    std::string id = "U" + std::to_string(i);
    if (with_errors && pick(17) == 0 && i > 0) id = "U" + std::to_string(pick(i));  // a repeat
    out << id << ',' << kinds[pick(4)] << ',';
    if (with_errors && pick(23) == 0) {
      out << "abc";  // a data error
    } else {
      out << (pick(8) * 0.5 + pick(3) * 0.1);
    }
    out << ',';
    if (pick(6) != 0) out << pick(5) * 1.25;  // else missing: null, left out of peers
    out << ',' << (pick(19) == 0 ? 1 : 0) << ',' << (pick(11) == 0 ? 1 : 0) << '\n';
  }
  return out.str();
}

// The CSV split into `k` parts at record boundaries: each part's text (header first) and
// the records before it.
std::vector<std::pair<std::string, uint64_t>> Split(const std::string& csv, int k) {
  const std::size_t header_end = csv.find('\n') + 1;
  const std::string header = csv.substr(0, header_end);
  std::vector<std::string> lines;
  for (std::size_t at = header_end; at < csv.size();) {
    const std::size_t end = csv.find('\n', at) + 1;
    lines.push_back(csv.substr(at, end - at));
    at = end;
  }
  std::vector<std::pair<std::string, uint64_t>> parts;
  std::size_t begin = 0;
  for (int p = 0; p < k; ++p) {
    const std::size_t end = lines.size() * (p + 1) / k;
    std::string text = header;
    for (std::size_t l = begin; l < end; ++l) text += lines[l];
    parts.emplace_back(text, begin);
    begin = end;
  }
  return parts;
}

uint64_t Bits(std::optional<double> v) {
  if (!v) return 0x7FF8DEADull;  // none: distinct from every double's bits below
  uint64_t b;
  std::memcpy(&b, &*v, sizeof b);
  return b;
}

std::string Jsonl(const Results& r) {
  std::ostringstream out;
  r.WriteJsonLines(out, true);
  return out.str();
}

// Every unit of `parts` (in order) against `whole`: errors, scores and totals bit for bit,
// ranks, grades, vetoes, and the explained JSON Lines.
void ExpectSame(const Scheme& scheme, const Results& whole, const std::vector<Results>& parts) {
  std::size_t u = 0;
  std::string jsonl;
  for (const Results& part : parts) {
    for (std::size_t k = 0; k < part.size(); ++k, ++u) {
      ASSERT_LT(u, whole.size());
      SCOPED_TRACE("unit " + whole.unit_id(u));
      EXPECT_EQ(part.unit_id(k), whole.unit_id(u));
      EXPECT_EQ(part.error(k), whole.error(u));
      EXPECT_EQ(Bits(part.total(k)), Bits(whole.total(u)));
      for (std::size_t i = 0; i < scheme.indicators().size(); ++i) {
        EXPECT_EQ(Bits(part.score(k, i)), Bits(whole.score(u, i))) << scheme.indicators()[i].id;
      }
      EXPECT_EQ(part.rank(k), whole.rank(u));
      EXPECT_EQ(part.grade(k), whole.grade(u));
      EXPECT_EQ(part.vetoes(k), whole.vetoes(u));
    }
    jsonl += Jsonl(part);
  }
  EXPECT_EQ(u, whole.size());
  EXPECT_EQ(jsonl, Jsonl(whole));
}

void CheckParts(const std::string& yaml, const std::string& csv, int k) {
  SCOPED_TRACE(std::to_string(k) + " parts");
  const Scheme scheme = LoadScheme(yaml);
  Expected<Batch> all = Batch::ReadText(scheme, csv, DataFormat::kCsv, "units.csv");
  ASSERT_TRUE(all) << all.error().message;
  EvalOptions options;
  options.threads = 2;
  Expected<Results> whole = Evaluate(scheme, *all, options);
  ASSERT_TRUE(whole);
  std::vector<Batch> parts;
  for (const auto& [text, before] : Split(csv, k)) {
    Expected<Batch> b = ReadPartText(scheme, text, DataFormat::kCsv, before, "units.csv");
    ASSERT_TRUE(b) << b.error().message;
    parts.push_back(std::move(*b));
  }
  Expected<std::vector<Results>> results = EvaluateInParts(scheme, parts, options);
  ASSERT_TRUE(results) << results.error().message;
  ExpectSame(scheme, *whole, *results);
}

TEST(Partition, PartsGiveTheWholeBatchsResultsBitForBit) {
  const std::string csv = Generate(400, 7, true);
  for (int k : {1, 2, 3, 7}) CheckParts(kScheme, csv, k);
}

TEST(Partition, ManyPartsOfFewUnitsAndEmptyParts) {
  const std::string csv = Generate(30, 11, true);
  CheckParts(kScheme, csv, 30);
  CheckParts(kScheme, csv, 45);  // some parts have no units
}

TEST(Partition, ExactSumsStayExactAcrossParts) {
  // 1e16 + 1 + ... + 1 - 1e16: a rounded sum per part would lose the ones.
  const std::string yaml = R"(scheme: sums
inputs:
  x: {type: number}
indicators:
  - {id: s, points: 100, score: 'min(100, peer_sum(x))', cap: 100}
  - {id: m, points: 100, score: 'min(100, peer_mean(x) * 1e3)', cap: 100}
)";
  std::string csv = "unit,x\nA,1e16\n";
  for (int i = 0; i < 20; ++i) csv += "B" + std::to_string(i) + ",1\n";
  csv += "Z,-1e16\n";
  const Scheme scheme = LoadScheme(yaml);
  Expected<Results> whole = Evaluate(scheme, *Batch::ReadText(scheme, csv, DataFormat::kCsv));
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->score(0, "s"), 20.0);
  for (int k : {2, 5, 22}) CheckParts(yaml, csv, k);
}

TEST(Partition, RepeatedIdsAcrossPartsAreDataErrorsNamingTheirRowInTheWholeFile) {
  const std::string csv = "unit,kind,x,y\nA,s,1,1\nB,s,2,2\nA,s,9,9\nC,s,3,abc\nB,t,5,5\n";
  const Scheme scheme = LoadScheme(kScheme);
  std::vector<Batch> parts;
  for (const auto& [text, before] : Split(csv, 3)) {
    parts.push_back(*ReadPartText(scheme, text, DataFormat::kCsv, before, "units.csv"));
  }
  Expected<std::vector<Results>> r = EvaluateInParts(scheme, parts);
  ASSERT_TRUE(r);
  // Parts: [A], [B, A], [C, B]. Row 4 (the second A) has its first row in the first part,
  // row 6 (the second B) in the second.
  ASSERT_EQ((*r)[1].size(), 2u);
  EXPECT_EQ((*r)[1].error(0), "");
  EXPECT_EQ((*r)[1].error(1), "data error: unit A (row 4): duplicate unit id");
  EXPECT_NE((*r)[2].error(0).find("(row 5, column \"y\")"), std::string::npos) << (*r)[2].error(0);
  EXPECT_EQ((*r)[2].error(1), "data error: unit B (row 6): duplicate unit id");
  CheckParts(kScheme, csv, 3);
}

TEST(Partition, RowsWithoutIdOrWithBadIdsRepeatNothing) {
  // Rows 2, 4 and 6 have no id, 3 and 5 one that is not UTF-8: each is its own data error,
  // none a repeat of another, in any part.
  const std::string csv =
      "unit,kind,x,y\n,s,1,1\n\xff,s,2,2\n,s,9,9\n\xff,s,3,3\nA,s,5,5\n,s,5,5\n";
  for (int k : {1, 2, 3, 6}) CheckParts(kScheme, csv, k);
  const Scheme scheme = LoadScheme(kScheme);
  Expected<Batch> all = Batch::ReadText(scheme, csv, DataFormat::kCsv);
  ASSERT_TRUE(all);
  EXPECT_EQ(RepeatableIds(*all)[1], "");
  EXPECT_EQ(RepeatableIds(*all)[4], "A");
  for (std::size_t u = 0; u < all->size(); ++u) {
    EXPECT_EQ(all->data_error(u).find("duplicate"), std::string::npos) << all->data_error(u);
  }
}

TEST(Partition, PartialsAndStateTravelAsBytes) {
  const std::string csv = Generate(200, 3, false);
  const Scheme scheme = LoadScheme(kScheme);
  const Results whole = testing::Eval(scheme, *Batch::ReadText(scheme, csv, DataFormat::kCsv));
  std::vector<Batch> parts;
  for (const auto& [text, before] : Split(csv, 3)) {
    parts.push_back(*ReadPartText(scheme, text, DataFormat::kCsv, before));
  }
  Expected<PeerState> state = PeerState::Start(scheme);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->rounds(), 3);  // the mean, then the max and the per-unit ones; ranks
  while (!state->complete()) {
    // Merged as a tree: (p0 + p1) + p2, each through bytes.
    std::vector<Partials> got;
    for (const Batch& b : parts) {
      Expected<Partials> p = EvaluatePartials(scheme, b, *state);
      ASSERT_TRUE(p);
      got.push_back(*Partials::Deserialize(p->Serialize()));
    }
    Partials left = got[0];
    ASSERT_TRUE(left.Merge(got[1]));
    Partials merged;
    ASSERT_TRUE(merged.Merge(left));
    ASSERT_TRUE(merged.Merge(got[2]));
    ASSERT_TRUE(state->Advance(*Partials::Deserialize(merged.Serialize())));
    state = PeerState::Deserialize(state->Serialize());
    ASSERT_TRUE(state) << state.error().message;
  }
  std::vector<Results> results;
  for (const Batch& b : parts) results.push_back(*EvaluatePart(scheme, b, *state));
  ExpectSame(scheme, whole, results);
  // An explanation of a part's unit uses the merged aggregates too.
  EXPECT_EQ(results[2].Explain(0), whole.Explain(results[0].size() + results[1].size()));
}

TEST(Partition, MisuseIsAnErrorNotACrash) {
  const Scheme scheme = LoadScheme(kScheme);
  const Batch b = *Batch::ReadText(scheme, Generate(20, 1, false), DataFormat::kCsv);
  Expected<PeerState> state = PeerState::Start(scheme);
  EXPECT_FALSE(EvaluatePart(scheme, b, *state));  // rounds are missing
  Partials p0 = *EvaluatePartials(scheme, b, *state);
  ASSERT_TRUE(state->Advance(p0));
  Partials p1 = *EvaluatePartials(scheme, b, *state);
  EXPECT_FALSE(p0.Merge(p1));        // another round's
  EXPECT_FALSE(state->Advance(p0));  // not this round's
  EXPECT_FALSE(Partials::Deserialize("garbage"));
  std::string bytes = p1.Serialize();
  EXPECT_FALSE(Partials::Deserialize(bytes.substr(0, bytes.size() - 3)));
  EXPECT_FALSE(PeerState::Deserialize("assess-peer-state-1\n2\n99\nxx"));
  const Scheme other = LoadScheme(
      "scheme: o\ninputs:\n  x: {type: number}\nindicators:\n"
      "  - {id: a, points: 10, score: x}\n");
  EXPECT_FALSE(EvaluatePartials(other, b, *state));  // the batch is kScheme's
  EXPECT_FALSE(ReadPartText(scheme, "[]", DataFormat::kJson, 3));
}

TEST(Partition, MemoryPartsNameUnitsFromTheirPlaceInTheWhole) {
  const Scheme scheme = LoadScheme(kScheme);
  BatchBuilder b(scheme);
  b.SetUnitsBefore(10);
  ASSERT_TRUE(b.SetUnitIds({"A", "B"}));
  ASSERT_TRUE(b.SetColumn("x", {1, 2}));
  ASSERT_TRUE(b.SetTextColumn("y", {"1", "zz"}));
  Expected<Batch> batch = b.Build();
  ASSERT_TRUE(batch);
  EXPECT_NE(batch->data_error(1).find("unit #11"), std::string::npos) << batch->data_error(1);
}

TEST(Partition, JsonLinesPartsNameTheirLinesInTheWholeFile) {
  const Scheme scheme = LoadScheme(kScheme);
  Expected<Batch> b = ReadPartText(scheme, "{\"unit\": \"A\", \"x\": \"q\"}\n",
                                   DataFormat::kJsonLines, 41, "u.jsonl");
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_NE(b->data_error(0).find("line 42"), std::string::npos) << b->data_error(0);
}

// Every public conformance case with CSV or JSON Lines data (when ../shared is there), in
// 1, 2 and 3 parts split at line boundaries.
TEST(Partition, ConformanceCasesInPartsAreTheirWholeEvaluation) {
  namespace fs = std::filesystem;
  const fs::path cases = fs::path(ASSESS_SOURCE_DIR) / ".." / "shared" / "conformance" / "cases";
  if (!fs::is_directory(cases)) GTEST_SKIP() << "no conformance cases at " << cases;
  int checked = 0;
  for (const fs::directory_entry& dir : fs::directory_iterator(cases)) {
    const bool csv = fs::exists(dir.path() / "units.csv");
    const fs::path data = dir.path() / (csv ? "units.csv" : "units.jsonl");
    if (!fs::exists(data)) continue;
    SCOPED_TRACE(dir.path().filename().string());
    Expected<Scheme> scheme = Scheme::LoadFile((dir.path() / "rules.yaml").string());
    ASSERT_TRUE(scheme);
    std::ifstream in(data, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const DataFormat format = csv ? DataFormat::kCsv : DataFormat::kJsonLines;
    Expected<Batch> all = Batch::ReadText(*scheme, text, format, data.filename().string());
    ASSERT_TRUE(all);
    Expected<Results> whole = Evaluate(*scheme, *all);
    ASSERT_TRUE(whole);
    // JSON Lines has no header: a blank first line stands for it, and the line numbers
    // shift by one for the header that is not there.
    const std::string lines = csv ? text : "\n" + text;
    for (int k = 1; k <= 3; ++k) {
      std::vector<Batch> parts;
      for (auto [part, before] : Split(lines, k)) {
        if (!csv) part = part.substr(1);
        Expected<Batch> b = ReadPartText(*scheme, part, format, before, data.filename().string());
        ASSERT_TRUE(b) << b.error().message;
        parts.push_back(std::move(*b));
      }
      Expected<std::vector<Results>> r = EvaluateInParts(*scheme, parts);
      ASSERT_TRUE(r);
      ExpectSame(*scheme, *whole, *r);
    }
    ++checked;
  }
  EXPECT_GT(checked, 10);
}

}  // namespace
}  // namespace assess
