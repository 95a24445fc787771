// This file's external interface is properties::Generator (generator.h).
#include "generator.h"

#include <cstdio>
#include <string>

namespace assess::properties {
namespace {

// Hundredths as a decimal: 1234 -> "12.34", -5 -> "-0.05".
std::string Decimal(int hundredths) {
  char buf[32];
  const int a = hundredths < 0 ? -hundredths : hundredths;
  std::snprintf(buf, sizeof buf, "%s%d.%02d", hundredths < 0 ? "-" : "", a / 100, a % 100);
  return buf;
}

std::string ListText(const std::vector<int>& list, const char* sep) {
  std::string s;
  for (std::size_t i = 0; i < list.size(); ++i) s += (i ? sep : "") + Decimal(list[i]);
  return s;
}

std::string JsonObject(const Row& r) {
  std::string s = "{\"unit\": \"" + r.unit + "\", \"grp\": \"" + r.group + "\", \"n0\": ";
  s += r.bad_n0 ? "\"" + *r.bad_n0 + "\"" : Decimal(r.n0);
  s += ", \"n1\": " + Decimal(r.n1);
  if (r.n2) s += ", \"n2\": " + Decimal(*r.n2);
  s += ", \"ls\": [" + ListText(r.list, ", ") + "]";
  s += ", \"k\": " + std::to_string(r.k);
  s += std::string(", \"b\": ") + (r.b ? "true" : "false") + "}";
  return s;
}

}  // namespace

std::string Generator::Leaf(const std::string& id, int points, bool peers_allowed,
                            bool* peer_used) {
  static const char* const kScores[] = {
      "points * n0 / 100",
      "points * ramp(n1, 20, 80)",
      "points * clamp(n2 / 100, 0, 1.2)",
      "points * mean(ls) / 100",
      "points * trimmed_mean(ls, 1) / 100",
      "points * interp(n0, [0, 0], [60, 0.6], [100, 1])",
      "points * step(n1, [30, 0.5], [60, 0.8], [90, 1])",
      "min(n0, n1) / 100 * points",
      "points * (n0 + n1) / 200 - k",
  };
  static const char* const kPeerScores[] = {
      "points * ramp(n0, peer_min(n0), peer_max(n0))",
      "points - (peer_rank(n1) - 1)",
      "points * peer_percentile(n0 + n1)",
  };
  std::string score;
  if (peers_allowed && Chance(0.3)) {
    score = kPeerScores[Uniform(0, 2)];
    *peer_used = true;
  } else {
    score = kScores[Uniform(0, 8)];
  }
  std::string s = "{id: " + id + ", points: " + std::to_string(points) + ", score: '" + score + "'";
  if (Chance(0.25)) s += ", when: 'grp != \"g2\"'";
  if (Chance(0.2)) s += ", cap: " + std::to_string(points + points / 5);
  return s + "}";
}

GeneratedScheme Generator::Scheme() {
  GeneratedScheme g;
  const bool peers = Chance(0.6);
  const bool peer_functions_allowed = Chance(0.5);
  std::string y = "scheme: generated\nunit: unit\n";
  if (peers) y += "peers: grp\n";
  y += "inputs:\n"
       "  grp: {type: text, values: [g0, g1, g2]}\n"
       "  n0: {type: number, min: 0, max: 100}\n"
       "  n1: {type: number, min: 0, max: 100}\n"
       "  n2: {type: number, required: false}\n"
       "  ls: {type: list, min: 0, max: 100}\n"
       "  k: {type: integer, min: 0, max: 5, default: 0}\n"
       "  b: {type: boolean, default: false}\n"
       "indicators:\n";
  const int leaves = Uniform(2, 5);
  for (int i = 0; i < leaves; ++i) {
    const std::string id = "i" + std::to_string(i);
    if (Chance(0.3)) {  // a group of two leaves
      const int a = Uniform(5, 20), b = Uniform(5, 20);
      y += "  - id: " + id + "\n    points: " + std::to_string(a + b) + "\n    children:\n";
      y += "      - " + Leaf(id + "a", a, peer_functions_allowed, &g.peer_functions) + "\n";
      y += "      - " + Leaf(id + "b", b, peer_functions_allowed, &g.peer_functions) + "\n";
    } else {
      y += "  - " + Leaf(id, Uniform(5, 40), peer_functions_allowed, &g.peer_functions) + "\n";
    }
  }
  if (Chance(0.5)) {
    y += "  - id: bonus\n    kind: bonus\n    cap: 3\n    rules:\n"
         "      - {when: k > 2, points: 0.5 * k, reason: many}\n";
  }
  if (Chance(0.4)) {
    y += "vetoes:\n  - {id: veto, when: b, reason: vetoed";
    y += Chance(0.5) ? ", cap: 60}\n" : ", max_grade: mid}\n";
  }
  g.quota = Chance(0.5);
  y += "grades:\n  levels:\n";
  y += "    - {name: top, min: " + std::to_string(Uniform(40, 80)) +
       (g.quota ? ", quota: " + std::to_string(Uniform(1, 5) * 10) + "%" : std::string()) + "}\n";
  y += "    - {name: mid, min: " + std::to_string(Uniform(10, 39)) + "}\n";
  y += "    - {name: low}\n";
  g.yaml = y;
  return g;
}

std::vector<Row> Generator::Rows(int count) {
  std::vector<Row> rows(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    Row& r = rows[static_cast<std::size_t>(i)];
    r.unit = "u" + std::to_string(i);
    r.group = "g" + std::to_string(Uniform(0, 2));
    // Coarse values now and then, so that totals tie and ties are ranked.
    r.n0 = Chance(0.3) ? Uniform(0, 4) * 2500 : Uniform(0, 10000);
    r.n1 = Chance(0.3) ? Uniform(0, 4) * 2500 : Uniform(0, 10000);
    if (!Chance(0.1)) r.n2 = Uniform(-5000, 15000);
    const int n = Uniform(3, 6);
    for (int j = 0; j < n; ++j) r.list.push_back(Uniform(0, 10000));
    r.k = Uniform(0, 5);
    r.b = Chance(0.1);
  }
  return rows;
}

std::string Generator::Csv(const std::vector<Row>& rows) {
  std::string s = "unit,grp,n0,n1,n2,ls,k,b\n";
  for (const Row& r : rows) {
    s += r.unit + "," + r.group + "," + (r.bad_n0 ? *r.bad_n0 : Decimal(r.n0)) + "," +
         Decimal(r.n1) + "," + (r.n2 ? Decimal(*r.n2) : "") + "," + ListText(r.list, ";") + "," +
         std::to_string(r.k) + "," + (r.b ? "true" : "false") + "\n";
  }
  return s;
}

std::string Generator::Json(const std::vector<Row>& rows) {
  std::string s = "[";
  for (std::size_t i = 0; i < rows.size(); ++i) s += (i ? ",\n " : "") + JsonObject(rows[i]);
  return s + "]\n";
}

std::string Generator::JsonLines(const std::vector<Row>& rows) {
  std::string s;
  for (const Row& r : rows) s += JsonObject(r) + "\n";
  return s;
}

}  // namespace assess::properties
