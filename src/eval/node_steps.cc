// This file's external interface is RunNodeStep: the steps that turn expression values
// into node scores (rule-language §6, §12): applicability and `on_missing`, clamping and rounding,
// group sums with the rescale for non-applicable children, bonus and deduction rules,
// peer arguments, vetoes and the final total. A unit whose step fails gets its evaluation
// error here; the first error in file order is the one reported.
#include <cmath>
#include <limits>

#include "core/cpu_has_avx2.h"
#include "eval/chunk_state.h"
#include "eval/round_each.h"
#include "num/fast_round.h"
#include "num/round.h"

namespace assess::eval {
namespace {

using compile::AppState;
using compile::ErrorKind;
using compile::ErrorNaN;
using compile::IsErrorNaN;
using compile::MakePoison;
using compile::Op;

constexpr double kNull = std::numeric_limits<double>::quiet_NaN();

// The steps with loops over the chunk are always inlined: RunNodeStep's AVX2 copy then
// compiles them for AVX2 too (a call out of it would run the baseline's loops).
class NodeStep {
 public:
  NodeStep(ChunkState& st, const compile::Inst& in)
      : st_(st), in_(in), m_(st.shared.model), p_(st.program), res_(st.shared.results) {}

  [[gnu::always_inline]] void Run() {
    switch (in_.op) {
      case Op::kWhen:
        When();
        break;
      case Op::kValue:
        Value();
        break;
      case Op::kLeaf:
        Leaf();
        break;
      case Op::kGroup:
        Group();
        break;
      case Op::kBonus:
        Bonus();
        break;
      case Op::kPeerArg:
        PeerArg();
        break;
      case Op::kVeto:
        Veto();
        break;
      case Op::kFinal:
        Final();
        break;
      default:
        break;
    }
  }

 private:
  size_t Unit(int i) const { return st_.start + i; }

  // Records an evaluation error of unit i; the smallest (order, poison) wins.
  void Fail(int i, uint32_t order, uint32_t poison) {
    uint64_t& slot = res_.unit_error[Unit(i)];
    const uint64_t rec = (static_cast<uint64_t>(order) << 32) | poison;
    if (slot == 0 || rec < slot) slot = rec;
  }
  uint32_t UnitPoison(int i) const {
    return static_cast<uint32_t>(res_.unit_error[Unit(i)] & 0xFFFFFFFFu);
  }

  // The state of `node` for unit i, from its own app column or its ancestors'.
  int StateOf(int node, int i) const {
    const compile::NodeCode& code = p_.nodes[node];
    if (code.own_app) return static_cast<int>(res_.apps[p_.app_column_of[node]][Unit(i)]);
    if (code.parent_app < 0) return compile::kApplicable;
    const int parent = static_cast<int>(res_.apps[code.parent_app][Unit(i)]);
    return parent == compile::kApplicable ? compile::kApplicable : compile::kNotApplicable;
  }

  double Finish(const check::Node& node, double v) const {
    v = std::min(std::max(v, node.floor), node.cap);
    return m_.stage_each ? RoundDecimal(v, m_.digits) : v;
  }

  // Writes score `v` of unit i into dst (the node's column) and flags errors for later
  // phases and for this chunk's later instructions.
  void Store(int i, double v) {
    st_.Out(in_.dst)[i] = v;
    if (IsErrorNaN(v)) {
      st_.Raise(in_.dst, i, compile::ErrorNaNPoison(v));
      any_error_ = true;
    }
  }
  void FlagColumn(size_t flag) {
    if (any_error_) st_.shared.column_errors[flag].store(true, std::memory_order_relaxed);
  }
  // Stores the chunk of node's score (dst) in its batch-wide column.
  void CommitScore(int node) {
    res_.scores[node].Store(st_.start, st_.Out(in_.dst), st_.n);
    FlagColumn(node);
  }

  // The end of the fast paths under stage `each`: out[i] = RoundDecimal(clamp(v[i])), and
  // the chunk stored in node's column, in one pass (RoundEach, which also writes the
  // column's compact codes); the rare lanes it leaves undecided (huge scores, NaN) are
  // then rounded one by one as FastRoundScaled and RoundDecimal do, and a score without a
  // code sends the chunk to ScoreColumn::Store. With `finite_only`, a lane that is not
  // finite (null, an error, an overflow) stops it: it returns false before the chunk is
  // committed, and the caller takes its general path (v must not be out then). Otherwise
  // it returns true.
  //
  // `applies`, when given, masks the units the node does not apply to: their score is null
  // whatever v holds there.
  [[gnu::always_inline]] bool RoundEachInto(int node, const double* v, double lo, double hi,
                                            double* out, bool finite_only,
                                            const uint8_t* applies = nullptr) {
    const int digits = m_.digits;
    ScoreColumn& column = res_.scores[node];
    const int n = st_.n;
    if (!column.compact()) {  // compact columns have digits <= 9
      if (finite_only && AnyNonFinite(v, n)) return false;
      for (int i = 0; i < n; ++i) out[i] = RoundDecimal(std::min(std::max(v[i], lo), hi), digits);
      CommitScore(node);
      return true;
    }
    const double p = num_internal::kPow10[digits];
    int32_t codes[kChunk];
    int16_t scratch[kChunk];  // a narrow column's 16-bit codes, before FinishCodes narrows them
    int16_t* codes16 = column.Codes16Of(st_.start, scratch);
    const RoundEachSummary sum = RoundEach(v, lo, hi, p, n, out, codes, codes16);
    if (applies != nullptr) {
      for (int i = 0; i < n; ++i) {
        if (applies[i]) continue;
        out[i] = kNull;
        codes[i] = ScoreColumn::kNullCode;
        codes16[i] = ScoreColumn::kNullCode16;
      }
    }
    bool all_coded = true;
    int32_t code_lo = sum.lo, code_hi = sum.hi;
    if (sum.undecided) {
      for (int i = 0; i < n; ++i) {
        // A masked unit's null code is kUndecidedCode too: it is no undecided lane.
        if (codes[i] != kUndecidedCode || (applies != nullptr && !applies[i])) continue;
        const double x = out[i];  // clamped
        // Only undecided lanes were changed so far, and the caller starts again from v.
        if (finite_only && !std::isfinite(x)) return false;
        double k;
        if (num_internal::FastRoundScaled(std::fabs(x), p, &k) && k < 2147483647.0) {
          const double r = k / p;  // exactly what RoundDecimal returns
          const bool negative = x < 0 && k != 0;
          out[i] = negative ? -r : r;
          const auto code = static_cast<int32_t>(negative ? -k : k);
          codes[i] = code;
          codes16[i] = static_cast<int16_t>(code);
          code_lo = std::min(code_lo, code);
          code_hi = std::max(code_hi, code);
        } else {
          out[i] = RoundDecimal(x, digits);
          all_coded = false;
        }
      }
    }
    if (!all_coded) {
      CommitScore(node);
    } else {
      // Every lane's 16 bits are written (the redone ones above, masked ones as null), and
      // lo and hi bound every code: the column keeps them, or the 32-bit codes.
      column.FinishCodes(st_.start, codes16, codes, n, code_lo, code_hi);
      FlagColumn(node);
    }
    return true;
  }
  // The chunk's scores of node c, from its register (written by its step in this phase, or
  // read back from its column by Bind).
  const double* Child(int c) { return st_.Out(p_.nodes[c].score_register); }

  [[gnu::always_inline]] void When() {
    const int node = static_cast<int>(in_.aux);
    const check::Node& n = m_.nodes[node];
    const compile::NodeCode& code = p_.nodes[node];
    const In w = st_.Operand(in_.a);
    double* out = st_.Out(in_.dst);
    for (int i = 0; i < st_.n; ++i) {
      const bool parent_applies =
          code.parent_app < 0 ||
          static_cast<int>(res_.apps[code.parent_app][Unit(i)]) == compile::kApplicable;
      if (!parent_applies) {
        out[i] = compile::kNotApplicable;
        continue;
      }
      const uint32_t poison = st_.PoisonAt(in_.a, i);
      const double x = w[i];
      if (poison) {
        Fail(i, code.error_key, poison);
        out[i] = compile::kAppError;
      } else if (!std::isnan(x)) {
        out[i] = x != 0 ? compile::kApplicable : compile::kNotApplicable;
      } else {
        switch (n.on_missing) {
          case OnMissing::kZero:
            out[i] = compile::kForcedZero;
            break;
          case OnMissing::kFull:
            out[i] = compile::kForcedFull;
            break;
          case OnMissing::kExclude:
            out[i] = compile::kNotApplicable;
            break;
          case OnMissing::kError:
            Fail(i, code.error_key, MakePoison(in_.site, ErrorKind::kNullWhen));
            out[i] = compile::kAppError;
            break;
        }
      }
    }
    st_.SetUnpoisoned(in_.dst);
  }

  [[gnu::always_inline]] void Value() {
    const int node = static_cast<int>(in_.aux);
    const In v = st_.Operand(in_.a);
    const uint32_t order = p_.nodes[node].error_key + 1;
    // dst may not alias a (a value column is written by this step alone).
    st_.SetUnpoisoned(in_.dst);
    for (int i = 0; i < st_.n; ++i) {
      if (StateOf(node, i) != compile::kApplicable) {
        Store(i, kNull);
        continue;
      }
      const uint32_t poison = st_.PoisonAt(in_.a, i);
      if (poison) {
        Fail(i, order, poison);
        Store(i, ErrorNaN(poison));
      } else {
        Store(i, v[i]);
      }
    }
    FlagColumn(st_.shared.value_flag0 + p_.value_column_of[node]);
  }

  // True when every unit of the chunk is applicable to `node`: no `when` above or at it.
  bool AlwaysApplies(int node) const {
    const compile::NodeCode& code = p_.nodes[node];
    return !code.own_app && code.parent_app < 0;
  }

  // The common case, as one loop: every unit applies, no raw score is null or failed, no
  // tracing. Returns false (having written nothing) when the chunk needs the general path.
  [[gnu::always_inline]] bool LeafFast(const check::Node& n, int node, const In& raw) {
    if (!AlwaysApplies(node) || st_.Poisoned(in_.a) || st_.shared.trace || raw.konst ||
        st_.AnyDataError()) {
      return false;
    }
    const double* r = raw.p;
    double* out = st_.Out(in_.dst);  // a node's own buffer: never r
    const double lo = n.floor, hi = n.cap;
    if (m_.stage_each) {
      // A null or failed raw score (NaN) stops it before anything is stored.
      if (!RoundEachInto(node, r, lo, hi, out, /*finite_only=*/true)) return false;
    } else {
      if (AnyNonFinite(r, st_.n)) return false;
      for (int i = 0; i < st_.n; ++i) out[i] = std::min(std::max(r[i], lo), hi);
      CommitScore(node);
    }
    st_.SetUnpoisoned(in_.dst);
    st_.SetFinite(in_.dst);
    return true;
  }

  // Per unit of the chunk: 1 when `node` applies to it, 0 when it does not or the unit is in
  // data error. False when some other unit's state is forced (on_missing) or failed: the
  // masked fast paths then leave the chunk to the general path.
  [[gnu::always_inline]] bool AppliesMask(int node, uint8_t* applies) const {
    const uint8_t* data_error = st_.DataErrors();
    for (int i = 0; i < st_.n; ++i) {
      if (data_error[i]) {
        applies[i] = 0;
        continue;
      }
      const int state = StateOf(node, i);
      if (state != compile::kApplicable && state != compile::kNotApplicable) return false;
      applies[i] = state == compile::kApplicable;
    }
    return true;
  }

  // A leaf under a `when` (its own or an ancestor's), in a chunk with units in data error,
  // or with `on_missing: exclude`, where every other unit either applies, with a finite raw
  // score, or does not: the fast path's loop, then the units it does not apply to (those in
  // data error, and those whose raw score is null and excluded) masked as null, as Leaf
  // leaves them. Returns false (having committed nothing) otherwise.
  [[gnu::always_inline]] bool LeafMasked(const check::Node& n, int node, const In& raw) {
    const bool excludes = n.on_missing == OnMissing::kExclude;
    if ((AlwaysApplies(node) && !st_.AnyDataError() && !excludes) || st_.Poisoned(in_.a) ||
        st_.shared.trace || raw.konst || !m_.stage_each) {
      return false;
    }
    uint8_t applies[kChunk];
    if (!AppliesMask(node, applies)) return false;
    for (int i = 0; i < st_.n; ++i) {
      if (!applies[i] || std::isfinite(raw.p[i])) continue;
      // Not poisoned, so a NaN is a null, not a failure.
      if (!excludes || !std::isnan(raw.p[i])) return false;
      applies[i] = 0;
    }
    if (!RoundEachInto(node, raw.p, n.floor, n.cap, st_.Out(in_.dst), /*finite_only=*/false,
                       applies)) {
      return false;
    }
    st_.SetUnpoisoned(in_.dst);
    return true;
  }

  [[gnu::always_inline]] void Leaf() {
    const int node = static_cast<int>(in_.aux);
    const check::Node& n = m_.nodes[node];
    const In raw = st_.Operand(in_.a);
    if (LeafFast(n, node, raw) || LeafMasked(n, node, raw)) return;
    const uint32_t order = p_.nodes[node].error_key + 2;
    double* trace = st_.shared.trace ? res_.raw[node].data() + st_.start : nullptr;
    // Read the raw scores and their poison before dst (the score column) is written.
    std::vector<double> raws(st_.n);
    std::vector<uint32_t> poisons(st_.n);
    for (int i = 0; i < st_.n; ++i) {
      raws[i] = raw[i];
      poisons[i] = st_.PoisonAt(in_.a, i);
    }
    st_.SetUnpoisoned(in_.dst);
    for (int i = 0; i < st_.n; ++i) {
      const int state = StateOf(node, i);
      double v = 0;  // set on every path that reaches Finish
      if (state == compile::kNotApplicable) {
        Store(i, kNull);
        continue;
      } else if (state == compile::kAppError) {
        Store(i, ErrorNaN(UnitPoison(i)));
        continue;
      } else if (state == compile::kForcedZero) {
        v = 0;
      } else if (state == compile::kForcedFull) {
        v = n.points;
      } else if (poisons[i]) {
        Fail(i, order, poisons[i]);
        Store(i, ErrorNaN(poisons[i]));
        continue;
      } else if (std::isnan(raws[i])) {
        switch (n.on_missing) {
          case OnMissing::kZero:
            v = 0;
            break;
          case OnMissing::kFull:
            v = n.points;
            break;
          case OnMissing::kExclude:
            Store(i, kNull);
            continue;
          case OnMissing::kError: {
            const uint32_t poison = MakePoison(in_.site, ErrorKind::kNullScore);
            Fail(i, order, poison);
            Store(i, ErrorNaN(poison));
            continue;
          }
        }
      } else {
        v = raws[i];
      }
      if (trace) trace[i] = v;
      Store(i, Finish(n, v));
    }
    CommitScore(node);
  }

  // The common case, child column by child column (the order written, so the sums are the
  // same): every unit applies to the group and to all its children, none failed, no tracing.
  // Returns false (having written nothing) when the chunk needs the general path.
  [[gnu::always_inline]] bool GroupFast(const check::Node& g, int node) {
    if (!AlwaysApplies(node) || st_.shared.trace || st_.AnyDataError()) return false;
    const int n = st_.n;
    for (int c : g.children) {
      // A child that does not apply or failed (NaN) needs the general path; a child whose
      // fast path just ran in this chunk is known to be finite.
      if (!st_.KnownFinite(p_.nodes[c].score_register) && AnyNonFinite(Child(c), n)) {
        return false;
      }
    }
    double* out = st_.Out(in_.dst);
    std::fill(out, out + n, 0.0);
    // Score children first, then bonus and deduction children, each in the order written.
    for (int pass = 0; pass < 2; ++pass) {
      for (int c : g.children) {
        if (m_.nodes[c].counts_points != (pass == 0)) continue;
        const double* v = Child(c);
        for (int i = 0; i < n; ++i) out[i] += v[i];
      }
    }
    const double lo = g.floor, hi = g.cap;
    st_.SetUnpoisoned(in_.dst);
    if (m_.stage_each) {
      RoundEachInto(node, out, lo, hi, out, /*finite_only=*/false);
    } else {
      for (int i = 0; i < n; ++i) out[i] = std::min(std::max(out[i], lo), hi);
      CommitScore(node);
    }
    return true;
  }

  // A group some of whose children (or itself) do not apply to some units, or in a chunk
  // with units in data error (masked), without a failure or a forced state: the general
  // path's sums (applicable score children
  // in the order written, their points, the rescale, then bonus and deduction children),
  // column by column, then the fast path's rounding with the units it does not apply to
  // masked as null. Returns false (having committed nothing) for any other chunk.
  [[gnu::always_inline]] bool GroupMasked(const check::Node& g, int node) {
    if (st_.shared.trace || !m_.stage_each) return false;
    const int n = st_.n;
    uint8_t applies[kChunk];
    if (!AppliesMask(node, applies)) return false;
    for (int c : g.children) {
      const double* v = Child(c);
      for (int i = 0; i < n; ++i) {
        // A failed child fails the group: the general path.
        if (applies[i] && IsErrorNaN(v[i])) return false;
      }
    }
    double sum[kChunk] = {}, points[kChunk] = {};
    uint8_t any[kChunk] = {}, all[kChunk];
    std::fill(all, all + n, 1);
    bool has_score_children = false;
    for (int c : g.children) {
      const check::Node& child = m_.nodes[c];
      if (!child.counts_points) continue;
      has_score_children = true;
      const double* v = Child(c);
      for (int i = 0; i < n; ++i) {
        const bool here = v[i] == v[i];
        sum[i] += here ? v[i] : 0.0;
        points[i] += here ? child.points : 0.0;
        any[i] |= here;
        all[i] &= here;
      }
    }
    for (int i = 0; i < n; ++i) {
      if (!all[i] && points[i] != 0 && points[i] != g.points)
        sum[i] = sum[i] * (g.points / points[i]);
      // No score child applies: the group does not apply (the root always does).
      if (has_score_children && !any[i] && node != 0) applies[i] = 0;
    }
    for (int c : g.children) {
      if (m_.nodes[c].counts_points) continue;
      const double* v = Child(c);
      for (int i = 0; i < n; ++i) sum[i] += v[i] == v[i] ? v[i] : 0.0;  // a deduction is < 0
    }
    for (int i = 0; i < n; ++i) {
      if (applies[i] && !std::isfinite(sum[i])) return false;
    }
    RoundEachInto(node, sum, g.floor, g.cap, st_.Out(in_.dst), /*finite_only=*/false, applies);
    st_.SetUnpoisoned(in_.dst);
    return true;
  }

  [[gnu::always_inline]] void Group() {
    const int node = static_cast<int>(in_.aux);
    const check::Node& g = m_.nodes[node];
    if (GroupFast(g, node) || GroupMasked(g, node)) return;
    bool has_score_children = false;
    for (int c : g.children) has_score_children |= m_.nodes[c].counts_points;
    double* trace = st_.shared.trace ? res_.raw[node].data() + st_.start : nullptr;
    st_.SetUnpoisoned(in_.dst);
    for (int i = 0; i < st_.n; ++i) {
      const int state = StateOf(node, i);
      if (state == compile::kNotApplicable) {
        Store(i, kNull);
        continue;
      }
      if (state == compile::kAppError) {
        Store(i, ErrorNaN(UnitPoison(i)));
        continue;
      }
      if (state == compile::kForcedZero || state == compile::kForcedFull) {
        Store(i, Finish(g, state == compile::kForcedZero ? 0 : g.points));
        continue;
      }
      double sum = 0, applicable_points = 0;
      bool any = false, all = true;
      double error = 0;
      bool failed = false;
      for (int c : g.children) {
        const check::Node& child = m_.nodes[c];
        if (!child.counts_points) continue;
        const double v = Child(c)[i];
        if (IsErrorNaN(v)) {
          if (!failed) error = v;
          failed = true;
        } else if (std::isnan(v)) {
          all = false;
        } else {
          sum += v;
          applicable_points += child.points;
          any = true;
        }
      }
      if (!failed && has_score_children && !any && node != 0) {
        Store(i, kNull);  // no score child applies: the group does not apply
        continue;
      }
      // `total` is never null (rule-language §16): with nothing applicable it is 0 plus its bonuses
      // minus its deductions, clamped; A = 0 leaves the sum unscaled.
      if (!all && applicable_points != 0 && applicable_points != g.points) {
        sum = sum * (g.points / applicable_points);
      }
      for (int c : g.children) {
        if (m_.nodes[c].counts_points) continue;
        const double v = Child(c)[i];
        if (IsErrorNaN(v)) {
          if (!failed) error = v;
          failed = true;
        } else if (!std::isnan(v)) {
          sum += v;  // a deduction's score is negative
        }
      }
      if (failed) {
        Store(i, error);
        continue;
      }
      if (trace) trace[i] = sum;
      Store(i, Finish(g, sum));
    }
    CommitScore(node);
  }

  // True when `group` (not the root) has score children and none of them applies to unit
  // u: the group does not apply, and its bonus / deduction children count for nothing
  // (rule-language §16). A child's error is not "not applicable": the group fails with it.
  bool GroupLacksScoreChildren(int group, int i) {
    if (group <= 0) return false;
    bool has_score_children = false;
    for (int c : m_.nodes[group].children) {
      if (!m_.nodes[c].counts_points) continue;
      has_score_children = true;
      const double v = Child(c)[i];
      if (!std::isnan(v) || IsErrorNaN(v)) return false;
    }
    return has_score_children;
  }

  // The common case of a bonus or deduction node, rule by rule over the chunk: every unit
  // applies (no `when` at or above it, its group has a score child that applies), no rule's
  // `when` or points is null or failed, no tracing, stage `each`. The same sums in the same
  // order as Bonus's loop (a rule that does not fire adds nothing, +0), then the cap and
  // the rounding as RoundEachInto does them, a deduction's sum negated before (rounding is
  // symmetric, and a zero stays +0). Masked, as LeafMasked and GroupMasked are, when some
  // units are in data error or the node (or its group, for want of a score child) does not
  // apply to them: their score and rule points are null, as Bonus gives them, and only the
  // others' `when` and points must be usable. (A district's units in data error, one in 36,
  // sent every chunk's bonus and deduction to Bonus's unit-by-unit loop.) Returns false
  // (having written nothing) otherwise.
  [[gnu::always_inline]] bool BonusFast(const check::Node& b, int node,
                                        const compile::NodeCode& code) {
    if (st_.shared.trace || !m_.stage_each) return false;
    const int n = st_.n;
    uint8_t mask[kChunk];
    const uint8_t* applies = nullptr;  // every unit
    // Masked when some unit is known not to apply; else when a unit's group lacks a score
    // child (looked for only then: a masked chunk asks each unit once, below).
    bool masked = !AlwaysApplies(node) || st_.AnyDataError();
    for (int i = 0; b.parent > 0 && i < n && !masked; ++i) {
      masked = GroupLacksScoreChildren(b.parent, i);
    }
    if (masked) {
      if (!AppliesMask(node, mask)) return false;
      for (int i = 0; b.parent > 0 && i < n; ++i) {
        if (mask[i] && GroupLacksScoreChildren(b.parent, i)) mask[i] = 0;
      }
      applies = mask;
    }
    for (int r = code.rule_begin; r < code.rule_end; ++r) {
      for (uint32_t reg : {p_.rules[r].when, p_.rules[r].points}) {
        if (reg == compile::kNone) continue;
        if (compile::Program::IsConst(reg)) {
          if (!std::isfinite(p_.Const(reg))) return false;
          continue;
        }
        const double* v = st_.Operand(reg).p;
        if (applies == nullptr) {
          if (st_.Poisoned(reg) || AnyNonFinite(v, n)) return false;
          continue;
        }
        for (int i = 0; i < n; ++i) {
          if (applies[i] && (st_.PoisonAt(reg, i) != 0 || !std::isfinite(v[i]))) return false;
        }
      }
    }
    double sum[kChunk] = {};
    double rule_points[kChunk];
    for (int r = code.rule_begin; r < code.rule_end; ++r) {
      const compile::RuleCode& rule = p_.rules[r];
      const In when = rule.when != compile::kNone ? st_.Operand(rule.when) : In{nullptr, 1, true};
      const In points =
          rule.points != compile::kNone ? st_.Operand(rule.points) : In{nullptr, 0, true};
      const double cap = rule.cap;
      for (int i = 0; i < n; ++i) {
        const double v = std::min(std::max(points[i], 0.0), cap);
        const bool fires = when[i] != 0;
        rule_points[i] = fires ? v : kNull;
        sum[i] += fires ? v : 0.0;
      }
      if (applies != nullptr) {
        for (int i = 0; i < n; ++i) rule_points[i] = applies[i] ? rule_points[i] : kNull;
      }
      res_.rule_points[r].Store(st_.start, rule_points, n);
    }
    const bool deduction = b.kind == NodeKind::kDeduction;
    const double inf = std::numeric_limits<double>::infinity();
    if (deduction) {
      for (int i = 0; i < n; ++i) sum[i] = -sum[i];
    }
    st_.SetUnpoisoned(in_.dst);
    RoundEachInto(node, sum, deduction ? -b.cap : -inf, deduction ? inf : b.cap, st_.Out(in_.dst),
                  /*finite_only=*/false, applies);
    return true;
  }

  [[gnu::always_inline]] void Bonus() {
    const int node = static_cast<int>(in_.aux);
    const check::Node& b = m_.nodes[node];
    const compile::NodeCode& code = p_.nodes[node];
    if (BonusFast(b, node, code)) return;
    const uint32_t order = code.error_key + 2;
    const bool deduction = b.kind == NodeKind::kDeduction;
    double* trace = st_.shared.trace ? res_.raw[node].data() + st_.start : nullptr;
    st_.SetUnpoisoned(in_.dst);
    st_.rule_points.resize(static_cast<size_t>(code.rule_end - code.rule_begin) * kChunk);
    // Rule r's points of unit i.
    auto points_of = [&](int r, int i) -> double& {
      return st_.rule_points[static_cast<size_t>(r - code.rule_begin) * kChunk + i];
    };
    for (int i = 0; i < st_.n; ++i) {
      // The group's score children are known here (a bonus node depends on them), so a
      // group that does not apply hides its bonus before any expression reads it.
      const int state =
          GroupLacksScoreChildren(b.parent, i) ? compile::kNotApplicable : StateOf(node, i);
      auto no_rules = [&] {
        for (int r = code.rule_begin; r < code.rule_end; ++r) points_of(r, i) = kNull;
      };
      if (state == compile::kNotApplicable || state == compile::kAppError) {
        no_rules();
        Store(i, state == compile::kAppError ? ErrorNaN(UnitPoison(i)) : kNull);
        continue;
      }
      if (state == compile::kForcedZero) {
        no_rules();
        Store(i, 0.0);
        continue;
      }
      double sum = 0;
      uint32_t failure = 0;
      for (int r = code.rule_begin; r < code.rule_end && !failure; ++r) {
        const compile::RuleCode& rule = p_.rules[r];
        bool fires = true;
        if (rule.when != compile::kNone) {
          const double w = st_.Operand(rule.when)[i];
          failure = st_.PoisonAt(rule.when, i);
          if (failure) break;
          if (std::isnan(w)) {
            if (b.on_missing == OnMissing::kError) {
              failure = MakePoison(rule.when_site, ErrorKind::kNullRuleWhen);
              break;
            }
            fires = b.on_missing == OnMissing::kFull;
          } else {
            fires = w != 0;
          }
        }
        if (!fires) {
          points_of(r, i) = kNull;
          continue;
        }
        double points = 0;
        if (rule.points != compile::kNone) {
          points = st_.Operand(rule.points)[i];
          failure = st_.PoisonAt(rule.points, i);
          if (failure) break;
          if (std::isnan(points)) {
            if (b.on_missing == OnMissing::kError) {
              failure = MakePoison(rule.points_site, ErrorKind::kNullRulePoints);
              break;
            }
            points = b.on_missing == OnMissing::kFull && std::isfinite(rule.cap) ? rule.cap : 0;
          }
        }
        points = std::min(std::max(points, 0.0), rule.cap);
        points_of(r, i) = points;
        sum += points;
      }
      if (failure) {
        Fail(i, order, failure);
        no_rules();
        Store(i, ErrorNaN(failure));
        continue;
      }
      if (trace) trace[i] = deduction ? -sum : sum;  // signed as the node's cell
      double amount = std::min(sum, b.cap);
      if (m_.stage_each) amount = RoundDecimal(amount, m_.digits);
      // A deduction's cell is negative; one of 0 is +0.0 (an exact zero keeps columns
      // compact and prints as 0.00 either way).
      Store(i, deduction && amount != 0 ? -amount : amount);
    }
    for (int r = code.rule_begin; r < code.rule_end; ++r) {
      res_.rule_points[r].Store(st_.start, &points_of(r, 0), st_.n);
    }
    CommitScore(node);
  }

  [[gnu::always_inline]] void PeerArg() {
    const In v = st_.Operand(in_.a);
    double* out = res_.peer_args[in_.aux].data() + st_.start;
    for (int i = 0; i < st_.n; ++i) {
      const uint32_t poison = st_.PoisonAt(in_.a, i);
      out[i] = poison ? ErrorNaN(poison) : v[i];
    }
  }

  [[gnu::always_inline]] void Veto() {
    const int veto = static_cast<int>(in_.aux);
    const uint32_t order = static_cast<uint32_t>(m_.nodes.size() + veto) * 4;
    const In w = st_.Operand(in_.a);
    double* fired = res_.veto_fired[veto].data() + st_.start;
    for (int i = 0; i < st_.n; ++i) {
      const uint32_t poison = st_.PoisonAt(in_.a, i);
      const double x = w[i];
      if (poison) {
        Fail(i, order, poison);
        fired[i] = kNull;
      } else if (std::isnan(x)) {
        Fail(i, order, MakePoison(in_.site, ErrorKind::kNullVeto));
        fired[i] = kNull;
      } else {
        fired[i] = x != 0 ? 1.0 : 0.0;
      }
    }
  }

  [[gnu::always_inline]] void Final() {
    for (int i = 0; i < st_.n; ++i) {
      const size_t u = Unit(i);
      double t = st_.Operand(in_.a)[i];
      if (res_.unit_error[u] != 0 || std::isnan(t)) {
        res_.total[u] = kNull;
        continue;
      }
      bool capped = false;
      double cap = std::numeric_limits<double>::infinity();
      for (size_t v = 0; v < m_.vetoes.size(); ++v) {
        if (res_.veto_fired[v][u] == 1.0 && m_.vetoes[v].cap < cap) {
          cap = m_.vetoes[v].cap;
          capped = true;
        }
      }
      if (capped) {
        t = std::min(t, cap);
        if (m_.stage_each) t = RoundDecimal(t, m_.digits);
      }
      res_.total[u] = t;
    }
  }

  ChunkState& st_;
  const compile::Inst& in_;
  const check::Model& m_;
  const compile::Program& p_;
  ResultTable& res_;
  bool any_error_ = false;
};

// RunNodeStep's body, in two copies below: for the build's baseline (two lanes), and for AVX2
// (four), which inlines every kernel the body calls (flatten), so that their loops are
// compiled for AVX2 too. Picked at run time; the same operations, so the same bits.
[[gnu::always_inline]] inline void RunNodeStepBody(ChunkState& st, const compile::Inst& in) {
  if (in.dst != compile::kNone) st.ClearFinite(in.dst);  // until a fast path says otherwise
  NodeStep(st, in).Run();
}

void RunNodeStepBaseline(ChunkState& st, const compile::Inst& in) { RunNodeStepBody(st, in); }

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"), flatten)) void RunNodeStepAvx2(ChunkState& st,
                                                              const compile::Inst& in) {
  RunNodeStepBody(st, in);
}
#endif

}  // namespace

void RunNodeStep(ChunkState& st, const compile::Inst& in) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (CpuHasAvx2()) {
    RunNodeStepAvx2(st, in);
    return;
  }
#endif
  RunNodeStepBaseline(st, in);
}

}  // namespace assess::eval
