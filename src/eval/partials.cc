// This file's external interface is PeerAggregate and PeerPartials (partials.h): merging
// partials of consecutive parts, and their bytes, to send them between processes. Numbers
// travel as their 8 bytes, so a merged aggregate is the very one of one evaluation.
#include "eval/partials.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace assess::eval {
namespace {

constexpr double kNull = std::numeric_limits<double>::quiet_NaN();
constexpr char kMagic[] = "assess-partials-1";

class Writer {
 public:
  void U64(uint64_t v) { Raw(&v, sizeof v); }
  void I64(int64_t v) { Raw(&v, sizeof v); }
  void F64(double v) { Raw(&v, sizeof v); }
  void Str(std::string_view s) {
    U64(s.size());
    out_.append(s);
  }
  std::string Take() { return std::move(out_); }

 private:
  void Raw(const void* p, std::size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string out_;
};

// Reads what Writer wrote; any shortfall or absurd count makes it fail, never read past
// the end.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool U64(uint64_t& v) { return Raw(&v, sizeof v); }
  bool I64(int64_t& v) { return Raw(&v, sizeof v); }
  bool F64(double& v) { return Raw(&v, sizeof v); }
  bool Int(int& v) {
    int64_t x;
    if (!I64(x) || x < -1 || x > std::numeric_limits<int>::max()) return false;
    v = static_cast<int>(x);
    return true;
  }
  // A count of items of at least `item_bytes` each: no more than the bytes left allow.
  bool Count(uint64_t& n, std::size_t item_bytes) {
    return U64(n) && n <= (in_.size() - at_) / std::max<std::size_t>(item_bytes, 1);
  }
  bool Str(std::string& s) {
    uint64_t n;
    if (!Count(n, 1)) return false;
    s.assign(in_.substr(at_, n));
    at_ += n;
    return true;
  }
  bool done() const { return at_ == in_.size(); }

 private:
  bool Raw(void* p, std::size_t n) {
    if (in_.size() - at_ < n) return false;
    std::memcpy(p, in_.data() + at_, n);
    at_ += n;
    return true;
  }
  std::string_view in_;
  std::size_t at_ = 0;
};

bool ParseBody(Reader& r, PeerPartials& p) {
  std::string magic;
  if (!r.Str(magic) || magic != kMagic || !r.Int(p.round)) return false;
  uint64_t sites;
  if (!r.Count(sites, 16)) return false;
  for (uint64_t s = 0; s < sites; ++s) {
    int site;
    uint64_t groups;
    if (!r.Int(site) || !r.Count(groups, 40)) return false;
    auto& by_group = p.aggregates[site];
    for (uint64_t g = 0; g < groups; ++g) {
      std::string key;
      PeerAggregate a;
      uint64_t parts;
      double overflow;
      if (!r.Str(key) || !r.U64(a.count) || !r.F64(a.max) || !r.F64(a.min) || !r.F64(overflow) ||
          !r.Count(parts, 8)) {
        return false;
      }
      std::vector<double> partials(parts);
      for (double& x : partials) {
        if (!r.F64(x)) return false;
      }
      a.sum = ExactSum::FromState(std::move(partials), overflow);
      by_group[key] = std::move(a);
    }
  }
  if (!r.Count(sites, 16)) return false;
  for (uint64_t s = 0; s < sites; ++s) {
    int site;
    uint64_t groups;
    if (!r.Int(site) || !r.Count(groups, 16)) return false;
    auto& by_group = p.values[site];
    for (uint64_t g = 0; g < groups; ++g) {
      std::string key;
      uint64_t n;
      if (!r.Str(key) || !r.Count(n, 16)) return false;
      ValueCounts& vc = by_group[key];
      vc.resize(n);
      for (auto& [value, count] : vc) {
        if (!r.F64(value) || !r.U64(count)) return false;
      }
    }
  }
  uint64_t groups;
  if (!r.Count(groups, 16)) return false;
  for (uint64_t g = 0; g < groups; ++g) {
    std::string key;
    uint64_t blocks;
    if (!r.Str(key) || !r.Count(blocks, 16)) return false;
    RankCounts& rc = p.ranks[key];
    for (uint64_t b = 0; b < blocks; ++b) {
      uint64_t n, levels;
      if (!r.Count(n, 8)) return false;
      std::vector<double> k(n);
      for (double& x : k) {
        if (!r.F64(x)) return false;
      }
      if (!r.Count(levels, 16)) return false;
      auto& by_level = rc[std::move(k)];
      for (uint64_t l = 0; l < levels; ++l) {
        int level;
        uint64_t count;
        if (!r.Int(level) || !r.U64(count)) return false;
        by_level[level] += count;
      }
    }
  }
  return r.done();
}

}  // namespace

void PeerAggregate::Add(double x) {
  if (count == 0 || x > max) max = x;  // of equal maxima the first (std::max_element)
  if (count == 0 || x < min) min = x;
  sum.Add(x);
  ++count;
}

void PeerAggregate::Merge(const PeerAggregate& later) {
  if (later.count == 0) return;
  if (count == 0 || later.max > max) max = later.max;
  if (count == 0 || later.min < min) min = later.min;
  sum.Merge(later.sum);
  count += later.count;
}

double PeerAggregate::Result(check::Fn fn) const {
  if (count == 0) return kNull;  // no peer left: null
  switch (fn) {
    case check::Fn::kPeerMax:
      return max;
    case check::Fn::kPeerMin:
      return min;
    case check::Fn::kPeerCount:
      return static_cast<double>(count);
    case check::Fn::kPeerSum:
      return sum.Result();
    case check::Fn::kPeerMean:
      return sum.Result() / static_cast<double>(count);
    default:
      return kNull;
  }
}

void PeerPartials::Merge(const PeerPartials& later) {
  for (const auto& [site, by_group] : later.aggregates) {
    auto& mine = aggregates[site];
    for (const auto& [key, a] : by_group) mine[key].Merge(a);
  }
  for (const auto& [site, by_group] : later.values) {
    auto& mine = values[site];
    for (const auto& [key, vc] : by_group) {
      ValueCounts& a = mine[key];
      ValueCounts out;
      out.reserve(a.size() + vc.size());
      std::size_t i = 0, j = 0;
      while (i < a.size() || j < vc.size()) {
        if (j == vc.size() || (i < a.size() && a[i].first < vc[j].first)) {
          out.push_back(a[i++]);
        } else if (i == a.size() || vc[j].first < a[i].first) {
          out.push_back(vc[j++]);
        } else {
          out.emplace_back(a[i].first, a[i].second + vc[j].second);
          ++i;
          ++j;
        }
      }
      a = std::move(out);
    }
  }
  for (const auto& [key, rc] : later.ranks) {
    RankCounts& mine = ranks[key];
    for (const auto& [k, by_level] : rc) {
      auto& m = mine[k];
      for (const auto& [level, count] : by_level) m[level] += count;
    }
  }
}

std::string PeerPartials::Serialize() const {
  Writer w;
  w.Str(kMagic);
  w.I64(round);
  w.U64(aggregates.size());
  for (const auto& [site, by_group] : aggregates) {
    w.I64(site);
    w.U64(by_group.size());
    for (const auto& [key, a] : by_group) {
      w.Str(key);
      w.U64(a.count);
      w.F64(a.max);
      w.F64(a.min);
      w.F64(a.sum.overflow());
      w.U64(a.sum.partials().size());
      for (double x : a.sum.partials()) w.F64(x);
    }
  }
  w.U64(values.size());
  for (const auto& [site, by_group] : values) {
    w.I64(site);
    w.U64(by_group.size());
    for (const auto& [key, vc] : by_group) {
      w.Str(key);
      w.U64(vc.size());
      for (const auto& [value, count] : vc) {
        w.F64(value);
        w.U64(count);
      }
    }
  }
  w.U64(ranks.size());
  for (const auto& [key, rc] : ranks) {
    w.Str(key);
    w.U64(rc.size());
    for (const auto& [k, by_level] : rc) {
      w.U64(k.size());
      for (double x : k) w.F64(x);
      w.U64(by_level.size());
      for (const auto& [level, count] : by_level) {
        w.I64(level);
        w.U64(count);
      }
    }
  }
  return w.Take();
}

std::optional<PeerPartials> PeerPartials::Parse(std::string_view bytes, std::string* error) {
  Reader r(bytes);
  PeerPartials p;
  if (!ParseBody(r, p)) {
    if (error) *error = "not the partial aggregates of an assess evaluation (or truncated)";
    return std::nullopt;
  }
  return p;
}

std::vector<int> PeerRoundPhases(const compile::Program& program) {
  std::vector<int> phases;
  for (std::size_t p = 0; p < program.reductions.size(); ++p) {
    if (!program.reductions[p].empty()) phases.push_back(static_cast<int>(p));
  }
  return phases;
}

}  // namespace assess::eval
