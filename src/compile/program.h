// Program: a scheme compiled to flat, typed instructions that run over chunks of units
// (DESIGN: columnar evaluator). Each instruction is a tight loop over the units of a chunk,
// so interpretation costs once per chunk, not once per unit.
//
// Values. Every value is a double per unit: numbers as they are, bools 0 / 1, texts as
// TextPool ids. Null (a missing value) is NaN. Lists live in list registers.
// Errors. A register carries, beside its values, an optional "poison" per unit: 0, or the
// id + 1 of the ErrorSite that failed for that unit. Poison follows the evaluation rules of
// rule-language §8 / §12 (an `and` whose left side is false ignores its right side's poison, `if`
// takes the poison of the branch taken, ...), so evaluating both sides of a conditional
// for every unit gives the same errors as evaluating only what is needed. Node steps turn
// poison into the unit's evaluation error. In batch-wide columns an error is stored as a
// NaN with a payload (ErrorNaN), so a later phase sees which units failed.
#ifndef ASSESS_COMPILE_PROGRAM_H_
#define ASSESS_COMPILE_PROGRAM_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "check/functions.h"

namespace assess::compile {

inline constexpr int kChunk = 1024;  // units per chunk

// An operand: a register, or (with kConstBit) an index into Program::constants.
inline constexpr uint32_t kConstBit = 0x80000000u;
inline constexpr uint32_t kNone = 0xFFFFFFFFu;

enum class Op : uint8_t {
  kAdd,          // R[dst] = R[a] + R[b]
  kSub,          // R[dst] = R[a] - R[b]
  kMul,          // R[dst] = R[a] * R[b]
  kDiv,          // R[dst] = R[a] / R[b]; b = 0: division by zero
  kPow,          // R[dst] = R[a] ^ R[b]; 0 ^ negative: division by zero; negative ^ fraction: error
  kNeg,          // R[dst] = -R[a]
  kMin,          // R[dst] = min(R[a], R[b]) (null if either is null)
  kMax,          // R[dst] = max(R[a], R[b])
  kEq,           // R[dst] = R[a] == R[b] (null if either is null)
  kNe,           // R[dst] = R[a] != R[b]
  kLt,           // R[dst] = R[a] < R[b]
  kLe,           // R[dst] = R[a] <= R[b]
  kGt,           // R[dst] = R[a] > R[b]
  kGe,           // R[dst] = R[a] >= R[b]
  kNot,          // R[dst] = not R[a]
  kAnd,          // R[dst] = R[a] and R[b] (three-valued; false and X ignores X)
  kOr,           // R[dst] = R[a] or R[b] (three-valued; true or X ignores X)
  kIf,           // R[dst] = R[a] ? R[b] : R[c] (null if R[a] is null)
  kCoalesce,     // R[dst] = R[a] unless null, else R[b]
  kIsMissing,    // R[dst] = R[a] is null
  kAbs,          // R[dst] = |R[a]|
  kFloor,        // R[dst] = floor(R[a])
  kCeil,         // R[dst] = ceil(R[a])
  kSqrt,         // R[dst] = sqrt(R[a]); negative: error
  kLn,           // R[dst] = ln(R[a]); a <= 0: error
  kExp,          // R[dst] = exp(R[a])
  kRound,        // R[dst] = round(R[a], R[b]) half away from zero on the shortest text
  kClamp,        // R[dst] = min(max(R[a], R[b]), R[c])
  kRamp,         // R[dst] = ramp(R[a], R[b], R[c])
  kSafeDiv,      // R[dst] = R[b] == 0 ? R[c] : R[a] / R[b]
  kInterp,       // R[dst] = interp(R[a], points T[aux])
  kStep,         // R[dst] = step(R[a], points T[aux]), default R[b]
  kLookup,       // R[dst] = table LT[aux][R[a]], default R[b] (kNone: no default: error)
  kIn,           // R[dst] = R[a] in L[b]
  kListMake,     // L[dst] = [R[x] for x in operand list OL[aux]] (null if any is null)
  kListSum,      // R[dst] = sum(L[a]), exactly rounded
  kListCount,    // R[dst] = count(L[a])
  kListMean,     // R[dst] = mean(L[a]) (empty: null)
  kListMedian,   // R[dst] = median(L[a]) (empty: null)
  kListMin,      // R[dst] = min(L[a]) (empty: null)
  kListMax,      // R[dst] = max(L[a]) (empty: null)
  kTrimmedMean,  // R[dst] = trimmed_mean(L[a], R[b])
  kCopy,         // R[dst] = R[a]

  // Node steps: write batch-wide columns, turn poison into unit errors.
  kWhen,     // applicability of node aux from its parent's and R[a] (the `when`)
  kValue,    // value column of node aux = R[a], where the node applies
  kLeaf,     // score column of leaf aux from raw score R[a]
  kGroup,    // score column of group aux from its children's score registers
  kBonus,    // score column of bonus / deduction node aux from its rules (RuleOps[aux])
  kPeerArg,  // argument column of peer site aux = R[a], for every unit
  kVeto,     // fired column of veto aux from R[a] (its `when`)
  kFinal,    // the total after vetoes, from R[a] (the root's score)
};

// One instruction: trivial, so a program is a flat array (re2's Inst).
struct Inst {
  Op op;
  uint32_t dst = kNone;
  uint32_t a = kNone;
  uint32_t b = kNone;
  uint32_t c = kNone;
  uint32_t aux = kNone;   // a node, a table, a peer site... (see the opcode)
  uint32_t site = kNone;  // the ErrorSite an instruction that can fail reports
};

static_assert(std::is_trivially_copyable_v<Inst>);

// What failed, for the message of a unit's evaluation error.
enum class ErrorKind : uint8_t {
  kDivisionByZero,   // "division by zero"
  kSqrtNegative,     // "sqrt of a negative number"
  kLnNotPositive,    // "ln of a number that is not above 0"
  kPowNegativeBase,  // "a negative number to a fractional power"
  kLookupMissing,    // "lookup: no entry for KEY and no default"
  kNotFinite,        // "the result is not finite"
  kBadTrimCount,     // "trimmed_mean: k must be a whole number of 0 or more"
  kBadDigits,        // "round: digits must be a whole number of 0 or more"
  kNullScore,        // "the score is missing (null)" (+ the missing inputs)
  kNullWhen,         // "`when` is missing (null)"
  kNullRuleWhen,     // "a rule's `when` is missing (null)"
  kNullRulePoints,   // "a rule's `points` are missing (null)"
  kNullVeto,         // "the veto's `when` is missing (null)"
};

// An instruction that can fail, and where it stands.
struct ErrorSite {
  int node = -1;  // the node whose expression failed (-1: a veto)
  int veto = -1;
  int line = 0;  // where in the rule file
  int column = 0;
  int table = -1;  // kLookupMissing: the lookup table, to name the key
};

// A poison value (and the payload of an error in a column): which site failed, and how.
inline uint32_t MakePoison(uint32_t site, ErrorKind kind) {
  return ((site + 1) << 4) | static_cast<uint32_t>(kind);
}
inline uint32_t PoisonSite(uint32_t poison) { return (poison >> 4) - 1; }
inline ErrorKind PoisonKind(uint32_t poison) { return static_cast<ErrorKind>(poison & 15); }

// Where a register's values come from, set up when a chunk starts.
enum class Binding : uint8_t {
  kScratch,  // computed by an instruction of the chunk
  kInput,    // an input column (index)
  kScore,    // a node's score (the root's: the total before vetoes)
  kValue,    // a node's value column
  kApp,      // a node's applicability column
  kPeer,     // a peer site's result column
};

struct RegisterInfo {
  Binding binding = Binding::kScratch;
  uint32_t index = 0;
};

struct ListRegisterInfo {
  // kScratch: built by kListMake; kInput: an input column; kConstant: constant_lists[index].
  enum class Kind : uint8_t { kScratch, kInput, kConstant } kind = Kind::kScratch;
  uint32_t index = 0;
};

// The points of `interp` / `step`: constant x's, y's as operands.
struct PointTable {
  std::vector<double> xs;
  std::vector<uint32_t> ys;
};

// Applicability states in a node's app column.
enum AppState : int {
  kNotApplicable = 0,
  kApplicable = 1,
  kForcedZero = 2,
  kForcedFull = 3,
  kAppError = 4
};

// The compiled form of each node, for the node steps.
struct NodeCode {
  int parent_app = -1;   // the app column the node's applicability derives from (-1: always)
  bool own_app = false;  // the node has its own `when` (and app column)
  int rule_begin = 0;    // kBonus: RuleCode range
  int rule_end = 0;
  uint32_t error_key = 0;       // order of the node's errors (file order)
  uint32_t score_register = 0;  // the register of its score (Binding::kScore)
  int score_phase = 0;          // the phase of its score step
  int parent = -1;
  std::vector<int> children;  // in the order written
};

struct RuleCode {
  uint32_t when = kNone;    // register of the rule's `when` (kNone: always fires)
  uint32_t points = kNone;  // register of its points (kNone: 0)
  double cap;
  uint32_t when_site = kNone;    // kNullRuleWhen site
  uint32_t points_site = kNone;  // kNullRulePoints site
};

struct PeerSite {
  check::Fn fn;
  int result_column = 0;  // filled between phases
  int phase = 0;          // the argument is known after this phase
  // The argument is a bare number input (`peer_max(x)`): the reduction reads the input
  // column, and no kPeerArg step copies it. -1 otherwise.
  int direct_input = -1;
};

struct Program {
  std::vector<Inst> code;
  std::vector<std::pair<int, int>> phases;   // [begin, end) of `code` per phase
  std::vector<std::vector<int>> reductions;  // per phase: peer sites reduced after it
  std::vector<double> constants;
  std::vector<RegisterInfo> registers;
  std::vector<ListRegisterInfo> list_registers;
  std::vector<std::vector<uint32_t>> operand_lists;  // kListMake operands
  std::vector<PointTable> point_tables;              // kInterp / kStep
  std::vector<std::vector<double>> constant_lists;   // list literals of constants, list params
  // By text id, up to the largest key: NaN, or an id beyond the end, is no entry.
  std::vector<std::vector<double>> lookup_tables;
  std::vector<ErrorSite> sites;
  std::vector<NodeCode> nodes;
  std::vector<RuleCode> rules;
  std::vector<PeerSite> peer_sites;
  int app_columns = 0;    // applicability columns
  int value_columns = 0;  // node value columns
  int scratch_registers = 0;
  std::vector<int> app_column_of;    // per node; -1: none of its own
  std::vector<int> value_column_of;  // per node; -1: no value
  std::vector<uint32_t> veto_when;   // per veto: the register of its `when`
  std::vector<uint32_t> veto_site;   // per veto: its kNullVeto site

  static bool IsConst(uint32_t operand) { return operand != kNone && (operand & kConstBit); }
  double Const(uint32_t operand) const { return constants[operand & ~kConstBit]; }
};

// An error stored in a batch-wide column: a quiet NaN whose payload names the site.
inline constexpr uint64_t kErrorNaNBits = 0x7FF8000100000000ull;
inline double ErrorNaN(uint32_t poison) {
  const uint64_t bits = kErrorNaNBits | poison;
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}
inline bool IsErrorNaN(double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return (bits & 0xFFFFFFFF00000000ull) == kErrorNaNBits;
}
inline uint32_t ErrorNaNPoison(double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return static_cast<uint32_t>(bits);
}

}  // namespace assess::compile

#endif  // ASSESS_COMPILE_PROGRAM_H_
