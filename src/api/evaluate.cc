// This file's external interface is Evaluate and EvaluateReleasing: picks the scheme
// variant for the options' params, makes sure the batch's texts are numbered as that scheme
// numbers them, and runs the one evaluator.
#include "assess/evaluate.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

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

namespace {

// One evaluation of `batch`; the Results share the batch (explanations evaluate it again).
Expected<std::shared_ptr<internal::ResultsImpl>> EvaluateShared(const Scheme& scheme_in,
                                                                const Batch& batch,
                                                                const EvalOptions& options) {
  if (!batch.impl_shared()) {
    return internal::MakeError("the batch was given up to an earlier EvaluateReleasing");
  }
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
  return impl;
}

}  // namespace

Expected<Results> Evaluate(const Scheme& scheme, const Batch& batch, const EvalOptions& options) {
  Expected<std::shared_ptr<internal::ResultsImpl>> impl = EvaluateShared(scheme, batch, options);
  if (!impl) return impl.error();
  return internal::ResultsImpl::Make(std::move(*impl));
}

Expected<Results> EvaluateReleasing(const Scheme& scheme, Batch&& batch,
                                    const EvalOptions& options) {
  Expected<std::shared_ptr<internal::ResultsImpl>> evaluated = [&] {
    const Batch taken = std::move(batch);  // the caller's handle ends with this call
    return EvaluateShared(scheme, taken, options);
  }();
  if (!evaluated) return evaluated.error();
  internal::ResultsImpl& impl = **evaluated;
  // Explanations evaluate the inputs again unless this evaluation kept its trace: the same
  // whether or not another copy of the batch keeps them, so that callers see one rule.
  impl.inputs_released = !impl.table.traced;
  std::vector<data::Column>().swap(impl.rebound.columns);
  if (impl.batch.use_count() == 1) {
    // Nobody else holds the batch, which was made as a non-const BatchImpl: its columns
    // (the bulk of its memory: ids, places and errors are small beside them) go now.
    auto& table = const_cast<internal::BatchImpl&>(*impl.batch).table;
    std::vector<data::Column>().swap(table.columns);
  }
  return internal::ResultsImpl::Make(std::move(*evaluated));
}

}  // namespace assess
