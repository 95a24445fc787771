// This file's external interface is ChunkState and RunChunk: the registers of one thread
// and the dispatch of instructions to their kernels.
#include "eval/chunk_state.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace assess::eval {

using compile::Binding;
using compile::Op;

ChunkState::ChunkState(EvalShared& s) : shared(s), program(s.program) {
  const size_t regs = program.registers.size();
  const size_t scratch = static_cast<size_t>(program.scratch_registers);
  // Bound to an input (decoded there), a node's score or a per-group aggregate (spread).
  auto own_buffer = [](const compile::RegisterInfo& info) {
    return info.binding == Binding::kInput || info.binding == Binding::kScore ||
           info.binding == Binding::kPeer;
  };
  size_t slots = scratch;
  for (const compile::RegisterInfo& info : program.registers) slots += own_buffer(info);
  block_.assign(slots * kChunk, 0.0);
  buffer_.assign(regs, nullptr);
  for (size_t r = 0, slot = scratch; r < regs; ++r) {
    const compile::RegisterInfo& info = program.registers[r];
    if (info.binding == Binding::kScratch) {
      buffer_[r] = block_.data() + static_cast<size_t>(info.index) * kChunk;
    } else if (own_buffer(info)) {
      buffer_[r] = block_.data() + slot++ * kChunk;
    }
  }
  v_.assign(regs, nullptr);
  poison_.resize(regs);
  poisoned_.assign(regs, 0);
  finite_.assign(regs, 0);
  data_errors_.assign(kChunk, 0);
  lists_.resize(program.list_registers.size());
  for (size_t r = 0; r < lists_.size(); ++r) {
    const compile::ListRegisterInfo& info = program.list_registers[r];
    ListReg& l = lists_[r];
    l.begin.assign(kChunk, 0);
    l.len.assign(kChunk, 0);
    if (info.kind == compile::ListRegisterInfo::Kind::kConstant) {
      const std::vector<double>& values = program.constant_lists[info.index];
      l.base = values.data();
      std::fill(l.len.begin(), l.len.end(), static_cast<uint32_t>(values.size()));
    }
  }
}

PhaseRegisters UsedRegisters(const compile::Program& p) {
  PhaseRegisters used;
  const size_t phases = p.phases.size();
  used.registers.resize(phases);
  used.lists.resize(phases);
  for (size_t phase = 0; phase < phases; ++phase) {
    std::vector<uint8_t> reg(p.registers.size(), 0), list(p.list_registers.size(), 0);
    auto use = [&](uint32_t r) {
      if (r != kNone && !compile::Program::IsConst(r)) reg[r] = 1;
    };
    for (int k = p.phases[phase].first; k < p.phases[phase].second; ++k) {
      const compile::Inst& in = p.code[k];
      switch (in.op) {
        case Op::kIn:
          use(in.dst);
          use(in.a);
          list[in.b] = 1;
          break;
        case Op::kListMake:
          list[in.dst] = 1;
          for (uint32_t r : p.operand_lists[in.aux]) use(r);
          break;
        case Op::kListSum:
        case Op::kListCount:
        case Op::kListMean:
        case Op::kListMedian:
        case Op::kListMin:
        case Op::kListMax:
        case Op::kTrimmedMean:
          use(in.dst);
          list[in.a] = 1;
          use(in.b);
          break;
        case Op::kInterp:
        case Op::kStep:
          use(in.dst);
          use(in.a);
          use(in.b);
          for (uint32_t r : p.point_tables[in.aux].ys) use(r);
          break;
        case Op::kGroup:
          use(in.dst);
          for (int c : p.nodes[in.aux].children) use(p.nodes[c].score_register);
          break;
        case Op::kBonus: {
          use(in.dst);
          const compile::NodeCode& code = p.nodes[in.aux];
          for (int r = code.rule_begin; r < code.rule_end; ++r) {
            use(p.rules[r].when);
            use(p.rules[r].points);
          }
          // Its group's score children: a group none of which applies takes its bonus with it.
          if (code.parent >= 0) {
            for (int c : p.nodes[code.parent].children) use(p.nodes[c].score_register);
          }
          break;
        }
        default:
          use(in.dst);
          use(in.a);
          use(in.b);
          use(in.c);
          break;
      }
    }
    for (uint32_t r = 0; r < reg.size(); ++r) {
      if (reg[r]) used.registers[phase].push_back(r);
    }
    for (uint32_t r = 0; r < list.size(); ++r) {
      if (list[r]) used.lists[phase].push_back(r);
    }
  }
  return used;
}

void ChunkState::Bind(std::size_t first, int count, int phase) {
  start = first;
  n = count;
  ResultTable& res = shared.results;
  any_data_error_ = false;
  for (int i = 0; i < count; ++i) {
    data_errors_[i] = shared.units.has_error(first + i) ? 1 : 0;
    any_data_error_ |= data_errors_[i] != 0;
  }
  for (uint32_t r : shared.used.registers[phase]) {
    const compile::RegisterInfo& info = program.registers[r];
    poisoned_[r] = 0;
    finite_[r] = 0;
    size_t flag = SIZE_MAX;
    switch (info.binding) {
      case Binding::kScratch:
        v_[r] = buffer_[r];
        continue;
      case Binding::kInput: {
        // Inputs are only read: instructions write to their dst alone. A column stored
        // compactly is decoded into the register's own buffer.
        v_[r] =
            const_cast<double*>(shared.units.columns[info.index].Slice(first, count, buffer_[r]));
        continue;
      }
      case Binding::kScore: {
        // A node's score lives in the register's own buffer while the chunk runs: its step
        // writes it there (and stores it in the compact column); a score from an earlier
        // phase is read back from the column.
        v_[r] = buffer_[r];
        if (program.nodes[info.index].score_phase >= phase) continue;
        res.scores[info.index].Load(first, count, buffer_[r]);
        flag = info.index;
        break;
      }
      case Binding::kValue:
        v_[r] = res.values[info.index].data() + first;
        flag = shared.value_flag0 + info.index;
        break;
      case Binding::kApp:
        v_[r] = res.apps[info.index].data() + first;
        break;
      case Binding::kPeer: {
        if (!res.peer_results[info.index].empty()) {  // one per unit
          v_[r] = res.peer_results[info.index].data() + first;
          flag = shared.peer_flag0 + info.index;
          break;
        }
        // An aggregate, one per peer group: spread over the chunk's units.
        const std::vector<double>& per_group = res.peer_group_results[info.index];
        const int32_t* group = res.peer_group.data() + first;
        double* out = buffer_[r];
        for (int i = 0; i < count; ++i) {
          out[i] = group[i] >= 0 ? per_group[group[i]] : std::numeric_limits<double>::quiet_NaN();
        }
        v_[r] = out;
        continue;
      }
    }
    if (flag != SIZE_MAX && shared.column_errors[flag].load(std::memory_order_relaxed)) {
      // Units that failed earlier carry their error into this chunk's expressions.
      const double* v = v_[r];
      bool any = false;
      for (int i = 0; i < count; ++i) any |= compile::IsErrorNaN(v[i]);
      if (any) {
        uint32_t* p = ClearPoison(static_cast<uint32_t>(r));
        for (int i = 0; i < count; ++i) {
          if (compile::IsErrorNaN(v[i])) p[i] = compile::ErrorNaNPoison(v[i]);
        }
      }
    }
  }
  for (uint32_t r : shared.used.lists[phase]) {
    const compile::ListRegisterInfo& info = program.list_registers[r];
    ListReg& l = lists_[r];
    l.poisoned = false;
    if (info.kind != compile::ListRegisterInfo::Kind::kInput) continue;
    // The chunk's lists are decoded into the register's arena in one piece (the column may
    // store them compactly), and the kernels then read one contiguous block.
    const data::Column& col = shared.units.columns[info.index];
    const uint64_t base = col.ListOffset(first);
    l.arena.resize(static_cast<size_t>(col.ListOffset(first + count) - base));
    col.ListsCopy(first, count, l.arena.data());
    for (int i = 0; i < count; ++i) {
      const size_t u = first + i;
      const uint64_t begin = col.ListOffset(u);
      l.begin[i] = begin - base;
      l.len[i] =
          col.ListMissing(u) ? kNullList : static_cast<uint32_t>(col.ListOffset(u + 1) - begin);
    }
    l.base = l.arena.data();
  }
}

uint32_t* ChunkState::ClearPoison(uint32_t r) {
  if (!poison_[r]) poison_[r] = std::make_unique<uint32_t[]>(kChunk);
  std::memset(poison_[r].get(), 0, sizeof(uint32_t) * kChunk);
  poisoned_[r] = 1;
  return poison_[r].get();
}

void ChunkState::MergePoison(uint32_t dst, uint32_t a, uint32_t b, uint32_t c) {
  const bool pa = Poisoned(a), pb = Poisoned(b), pc = Poisoned(c);
  if (!pa && !pb && !pc) {
    poisoned_[dst] = 0;
    return;
  }
  // dst may be one of the operands: read every operand's lane before writing it.
  uint32_t tmp[kChunk];
  for (int i = 0; i < n; ++i) {
    uint32_t p = pa ? poison_[a][i] : 0;
    if (!p && pb) p = poison_[b][i];
    if (!p && pc) p = poison_[c][i];
    tmp[i] = p;
  }
  if (!poison_[dst]) poison_[dst] = std::make_unique<uint32_t[]>(kChunk);
  std::memcpy(poison_[dst].get(), tmp, sizeof(uint32_t) * n);
  poisoned_[dst] = 1;
}

void ChunkState::Raise(uint32_t dst, int i, uint32_t poison) {
  if (!poisoned_[dst]) ClearPoison(dst);
  uint32_t& p = poison_[dst][i];
  if (!p) p = poison;
}

void RunChunk(ChunkState& st, int begin, int end) {
  const std::vector<compile::Inst>& code = st.program.code;
  for (int k = begin; k < end; ++k) {
    const compile::Inst& in = code[k];
    switch (in.op) {
      case Op::kAdd:
      case Op::kSub:
      case Op::kMul:
      case Op::kDiv:
      case Op::kPow:
      case Op::kNeg:
      case Op::kMin:
      case Op::kMax:
        RunArithmetic(st, in);
        break;
      case Op::kEq:
      case Op::kNe:
      case Op::kLt:
      case Op::kLe:
      case Op::kGt:
      case Op::kGe:
      case Op::kNot:
      case Op::kAnd:
      case Op::kOr:
      case Op::kIf:
      case Op::kCoalesce:
      case Op::kIsMissing:
      case Op::kCopy:
        RunLogic(st, in);
        break;
      case Op::kAbs:
      case Op::kFloor:
      case Op::kCeil:
      case Op::kSqrt:
      case Op::kLn:
      case Op::kExp:
      case Op::kRound:
      case Op::kClamp:
      case Op::kRamp:
      case Op::kSafeDiv:
      case Op::kInterp:
      case Op::kStep:
      case Op::kLookup:
        RunMath(st, in);
        break;
      case Op::kIn:
      case Op::kListMake:
      case Op::kListSum:
      case Op::kListCount:
      case Op::kListMean:
      case Op::kListMedian:
      case Op::kListMin:
      case Op::kListMax:
      case Op::kTrimmedMean:
        RunList(st, in);
        break;
      default:
        RunNodeStep(st, in);
        break;
    }
  }
}

}  // namespace assess::eval
