// This file's external interface is Evaluate: picks the scheme variant for the options'
// params, makes sure the batch's texts are numbered as that scheme numbers them, and runs
// the one evaluator.
#include "assess/evaluate.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "api/api_impl.h"
#include "eval/evaluator.h"

namespace assess {
namespace internal {

data::UnitTable Rebind(const data::UnitTable& table, const check::Model& model) {
  data::UnitTable out = table;
  out.texts = model.texts();
  std::vector<double> map(table.texts.size());
  for (uint32_t id = 0; id < table.texts.size(); ++id) {
    map[id] = out.texts.Intern(table.texts.Text(id));
  }
  for (size_t i = 0; i < model.data.inputs.size(); ++i) {
    if (model.data.inputs[i].type != InputType::kText) continue;
    out.columns[i].RemapTexts(map);
  }
  return out;
}

}  // namespace internal

Expected<Results> Evaluate(const Scheme& scheme_in, const Batch& batch,
                           const EvalOptions& options) {
  Scheme scheme = scheme_in;
  if (!options.params.empty()) {
    Expected<Scheme> variant = scheme_in.WithParams(options.params);
    if (!variant) return variant.error();
    scheme = std::move(*variant);
  }
  const internal::SchemeImpl& s = scheme.impl();
  const internal::BatchImpl& b = batch.impl();
  if (b.scheme->family != s.family) {
    return internal::MakeError(
        "the batch was read for another scheme: read it again with this one");
  }
  auto impl = std::make_shared<internal::ResultsImpl>();
  impl->scheme = scheme.shared_impl();
  impl->batch = batch.impl_shared();
  if (b.scheme.get() != &s) {
    impl->rebound = internal::Rebind(b.table, *s.model);
    impl->uses_rebound = true;
  }
  eval::EvalSettings settings;
  settings.threads = options.threads > 0
                         ? options.threads
                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  settings.trace = options.explain;
  if (options.progress != nullptr) {
    settings.progress_done = &options.progress->done;
    settings.progress_total = &options.progress->total;
  }
  impl->threads = settings.threads;
  impl->table = eval::Evaluate(*s.model, s.program, impl->units(), settings);
  return internal::ResultsImpl::Make(std::move(impl));
}

}  // namespace assess
