// ChunkState: one thread's registers while it runs a chunk of units through a phase of the
// program (cel-cpp's FlatExpressionEvaluatorState: scratch space reused across chunks, the
// compiled program stays immutable and shared). Internal to eval/.
#ifndef ASSESS_EVAL_CHUNK_STATE_H_
#define ASSESS_EVAL_CHUNK_STATE_H_

#include <atomic>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "check/model.h"
#include "compile/program.h"
#include "core/large_alloc.h"
#include "data/unit_table.h"
#include "eval/result_table.h"

namespace assess::eval {

using compile::kChunk;
using compile::kNone;

// The registers and list registers that the instructions of each phase use: a chunk binds
// only those (decoding input columns, copying lists, scanning result columns for errors).
struct PhaseRegisters {
  std::vector<std::vector<uint32_t>> registers;  // per phase
  std::vector<std::vector<uint32_t>> lists;      // per phase
};
PhaseRegisters UsedRegisters(const compile::Program& program);

// What every thread of one evaluation shares.
struct EvalShared {
  EvalShared(const check::Model& m, const compile::Program& p, const data::UnitTable& u,
             ResultTable& r, bool t)
      : model(m), program(p), units(u), results(r), trace(t) {}

  const check::Model& model;
  const compile::Program& program;
  const data::UnitTable& units;
  ResultTable& results;
  bool trace = false;
  // Per column that can hold ErrorNaN (scores by node, values, apps, peer results): set
  // once any unit's entry is an error, so that binding a chunk scans only such columns.
  std::unique_ptr<std::atomic<bool>[]> column_errors;
  PhaseRegisters used;
  std::size_t value_flag0 = 0, app_flag0 = 0, peer_flag0 = 0, flag_count = 0;
  // The key of each failed lookup, to name it in the message: (unit, site) -> text id.
  std::mutex lookup_mutex;
  std::map<std::pair<std::size_t, uint32_t>, double> lookup_keys;
};

// An operand of a kernel: a register's values, or a constant.
struct In {
  const double* p = nullptr;
  double k = 0;
  bool konst = false;
  double operator[](int i) const { return konst ? k : p[i]; }
};

struct ListReg {
  const double* base = nullptr;
  std::vector<uint64_t> begin;   // per unit of the chunk
  std::vector<uint32_t> len;     // kNullList: the list is null
  std::vector<double> arena;     // kListMake's storage
  std::vector<uint32_t> poison;  // kListMake: the first element's poison
  bool poisoned = false;
};
inline constexpr uint32_t kNullList = 0xFFFFFFFFu;

class ChunkState {
 public:
  explicit ChunkState(EvalShared& shared);

  // Points the registers that phase `phase` uses at their column slices (or scratch) for
  // units [start, start + n).
  void Bind(std::size_t start, int n, int phase);

  EvalShared& shared;
  const compile::Program& program;
  std::size_t start = 0;  // the chunk's first unit
  int n = 0;              // units in the chunk

  In Operand(uint32_t r) const {
    In in;
    if (compile::Program::IsConst(r)) {
      in.konst = true;
      in.k = program.Const(r);
    } else {
      in.p = v_[r];
    }
    return in;
  }
  double* Out(uint32_t r) { return v_[r]; }
  ListReg& List(uint32_t r) { return lists_[r]; }

  // A bonus or deduction node's general path: the chunk's points of each of its rules
  // (kChunk a rule), stored in the rules' columns once the chunk is done.
  std::vector<double> rule_points;

  // Poison: per register, valid only when Poisoned(r).
  bool Poisoned(uint32_t r) const {
    return r != kNone && !compile::Program::IsConst(r) && poisoned_[r];
  }
  const uint32_t* PoisonOf(uint32_t r) const { return poison_[r].get(); }
  uint32_t PoisonAt(uint32_t r, int i) const { return Poisoned(r) ? poison_[r][i] : 0; }
  // Makes r's poison writable and all zero.
  uint32_t* ClearPoison(uint32_t r);
  void SetUnpoisoned(uint32_t r) { poisoned_[r] = 0; }
  // dst's poison = per unit, the first non-zero of a's, b's, c's.
  void MergePoison(uint32_t dst, uint32_t a, uint32_t b = kNone, uint32_t c = kNone);
  // Marks unit i of dst as failed at `poison`, unless it already failed.
  void Raise(uint32_t dst, int i, uint32_t poison);

  // Per unit of the chunk: 1 when the unit has a data error. Such a unit is evaluated with
  // missing values, but nothing of it is ever shown (a unit in error has every cell empty)
  // or used (peers leave it out), so the node steps' fast paths mask it as not applicable
  // rather than leave the whole chunk to the general path.
  const uint8_t* DataErrors() const { return data_errors_.data(); }
  bool AnyDataError() const { return any_data_error_; }

  // Whether every value of r in this chunk is known to be a finite number (set by a node
  // step's fast path, so that its group need not look again); cleared when r is bound or
  // written otherwise.
  bool KnownFinite(uint32_t r) const { return finite_[r] != 0; }
  void SetFinite(uint32_t r) { finite_[r] = 1; }
  void ClearFinite(uint32_t r) { finite_[r] = 0; }

 private:
  // A chunk of values for every scratch register, and for every register bound to an input
  // (when decoded), a node's score or a per-group aggregate, in one block: 300 registers'
  // buffers allocated apart cost 600 first-touch traps per thread (6 ms on the VMs
  // measured), in one block a huge page or two.
  LargeVector<double> block_;
  std::vector<double*> buffer_;  // per register: its chunk in block_, or nullptr
  std::vector<double*> v_;
  std::vector<std::unique_ptr<uint32_t[]>> poison_;
  std::vector<uint8_t> poisoned_;
  std::vector<uint8_t> finite_;
  std::vector<uint8_t> data_errors_;
  bool any_data_error_ = false;
  std::vector<ListReg> lists_;
};

// True when some v[i] is NaN (null, or an error) or infinite: its exponent bits are all
// ones, so adding one to the exponent field carries into the sign bit. Integer ORs, which
// the compiler vectorizes (a loop of comparisons, or a floating-point sum, it does not), so
// the common case of a chunk without any is one cheap pass.
inline bool AnyNonFinite(const double* v, int n) {
  uint64_t acc = 0;
  for (int i = 0; i < n; ++i) {
    uint64_t bits;
    std::memcpy(&bits, &v[i], sizeof bits);
    acc |= (bits & 0x7FF0000000000000ull) + 0x0010000000000000ull;
  }
  return acc >> 63;
}

// Runs instructions [begin, end) of the program over the bound chunk.
void RunChunk(ChunkState& st, int begin, int end);

// Kernels, by family (kernels_*.cc). Each runs one instruction over the chunk.
void RunArithmetic(ChunkState& st, const compile::Inst& in);
void RunLogic(ChunkState& st, const compile::Inst& in);
void RunMath(ChunkState& st, const compile::Inst& in);
void RunList(ChunkState& st, const compile::Inst& in);
void RunNodeStep(ChunkState& st, const compile::Inst& in);

}  // namespace assess::eval

#endif  // ASSESS_EVAL_CHUNK_STATE_H_
