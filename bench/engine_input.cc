// This file's external interface is LoadWorkloadScheme, MakeEngineBatch and the result
// readers (engine_input.h).
#include "engine_input.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <span>

#include "api/api_impl.h"
#include "data/unit_table_builder.h"

namespace assess::bench {

Scheme LoadWorkloadScheme(const Workload& w) {
  Expected<Scheme> s = Scheme::LoadText(w.rules_yaml, "bench.yaml");
  if (!s) {
    std::fprintf(stderr, "the generated scheme does not load: %s\n", s.error().message.c_str());
    for (const Diagnostic& d : s.error().diagnostics) {
      std::fprintf(stderr, "%s\n", d.ToString().c_str());
    }
    std::abort();
  }
  return std::move(*s);
}

Batch MakeEngineBatch(const Scheme& scheme, const Workload& w, const Columns& c) {
  static constexpr const char* kGrades[4] = {"A", "B", "C", "D"};
  const data::DataSpec& spec = scheme.impl().model->data;
  data::UnitTableBuilder b(spec, data::SourceKind::kMemory, "memory");
  std::vector<std::size_t> index(w.inputs.size());
  for (std::size_t i = 0; i < w.inputs.size(); ++i) {
    auto found = b.FindInput(w.inputs[i].name);
    if (!found) std::abort();  // the scheme declares every input of the workload
    index[i] = *found;
  }
  for (std::size_t u = 0; u < c.units; ++u) {
    b.BeginUnit(c.ids[u], u);
    for (std::size_t i = 0; i < w.inputs.size(); ++i) {
      const InputDesc& in = w.inputs[i];
      switch (in.kind) {
        case InputKind::kNumber:
        case InputKind::kInteger:
          b.SetNumber(index[i], c.numbers[in.slot][u], in.name);
          break;
        case InputKind::kBoolean:
          b.SetBool(index[i], c.numbers[in.slot][u] != 0, in.name);
          break;
        case InputKind::kText:
          b.SetText(index[i],
                    in.slot == 0 ? kPeerTypeNames[c.codes[0][u]] : kGrades[c.codes[in.slot][u]],
                    in.name);
          break;
        case InputKind::kList:
          b.SetList(index[i], std::span<const double>(&c.lists[in.slot][u * kRaters], kRaters),
                    in.name);
          break;
      }
    }
    b.EndUnit();
  }
  auto impl = std::make_shared<internal::BatchImpl>();
  impl->scheme = scheme.shared_impl();
  impl->table = b.Finish();
  return Batch::FromImpl(std::move(impl));
}

std::vector<double> EngineTotals(const Results& r) {
  std::vector<double> out(r.size());
  for (std::size_t u = 0; u < r.size(); ++u) out[u] = r.total(u).value_or(-1);
  return out;
}

std::vector<int> EngineRanks(const Results& r) {
  std::vector<int> out(r.size());
  for (std::size_t u = 0; u < r.size(); ++u) out[u] = r.rank(u).value_or(0);
  return out;
}

std::vector<int> EngineGrades(const Scheme& scheme, const Results& r) {
  const std::vector<std::string> levels = scheme.grade_levels();
  std::vector<int> out(r.size(), -1);
  for (std::size_t u = 0; u < r.size(); ++u) {
    const std::optional<std::string> g = r.grade(u);
    for (std::size_t l = 0; g && l < levels.size(); ++l) {
      if (levels[l] == *g) out[u] = static_cast<int>(l);
    }
  }
  return out;
}

}  // namespace assess::bench
