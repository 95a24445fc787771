// This file's external interface is Scheme: the pipeline of rule-language §17 (yaml-cpp, checks,
// dependency graph, compile) behind one call, errors as values.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/api_impl.h"
#include "check/checker.h"
#include "compile/compiler.h"
#include "core/diagnostics.h"
#include "load/yaml_loader.h"

namespace assess {
namespace internal {

Error MakeError(std::string message) { return Error{std::move(message), {}}; }

namespace {

Error LoadError(const DiagnosticSink& sink) {
  Error e;
  e.diagnostics = sink.Sorted();
  int errors = 0;
  for (const Diagnostic& d : e.diagnostics) errors += d.severity == Severity::kError ? 1 : 0;
  e.message =
      fmt::format("{}: {} error{} in the rule file", sink.file(), errors, errors == 1 ? "" : "s");
  return e;
}

const char* KindName(NodeKind k) {
  switch (k) {
    case NodeKind::kLeaf:
      return "leaf";
    case NodeKind::kGroup:
      return "group";
    case NodeKind::kBonus:
      return "bonus";
    case NodeKind::kDeduction:
      return "deduction";
  }
  return "leaf";
}

}  // namespace

Expected<Scheme> BuildScheme(std::string text, std::string file_name, LoadOptions options,
                             std::shared_ptr<const void> family) {
  auto impl = std::make_shared<SchemeImpl>();
  impl->file_name = file_name;
  impl->options = options;
  impl->family = family ? family : std::make_shared<int>(0);
  DiagnosticSink sink(file_name);
  const Limits& l = options.limits;
  load::LoadLimits load_limits{l.max_file_bytes, l.max_yaml_depth, l.max_yaml_nodes,
                               l.max_expression_chars};
  if (text.size() > l.max_file_bytes) {
    sink.Error({}, fmt::format("the rule file is {} bytes, more than the limit of {}", text.size(),
                               l.max_file_bytes));
    return LoadError(sink);
  }
  std::optional<load::SchemeDecl> decl = load::LoadYaml(text, load_limits, sink);
  if (!decl) return LoadError(sink);
  check::CheckOptions check_options;
  check_options.parse.max_chars = l.max_expression_chars;
  check_options.parse.max_depth = l.max_expression_depth;
  check_options.parse.max_nodes = l.max_expression_nodes;
  check_options.max_nodes = l.max_nodes;
  check_options.params = options.params;
  impl->model = check::Check(std::move(*decl), check_options, sink);
  if (!impl->model || sink.has_errors()) return LoadError(sink);
  std::optional<graph::DependencyGraph> graph = graph::BuildDependencyGraph(*impl->model, sink);
  if (!graph) return LoadError(sink);
  impl->graph = std::move(*graph);
  impl->program = compile::Compile(*impl->model, impl->graph);
  impl->warnings = sink.Sorted();
  impl->text = std::move(text);
  const check::Model& m = *impl->model;
  for (size_t i = 1; i < m.nodes.size(); ++i) {
    const check::Node& n = m.nodes[i];
    impl->indicators.push_back(
        {n.id, n.title, KindName(n.kind), n.parent - 1, n.depth, n.counts_points ? n.points : 0});
  }
  for (size_t i = 0; i < m.data.inputs.size(); ++i) {
    const data::InputSpec& s = m.data.inputs[i];
    impl->inputs.push_back(
        {s.name, s.column, m.input_titles[i], std::string(InputTypeName(s.type)), s.required});
  }
  return Scheme::FromImpl(std::move(impl));
}

}  // namespace internal

Expected<Scheme> Scheme::LoadFile(const std::string& path, const LoadOptions& options) {
  auto fail = [&](const std::string& message) {
    return Error{path + ": " + message, {{Severity::kError, path, 0, 0, message}}};
  };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return fail("is a directory, not a rule file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot open the rule file");
  // Read in pieces and stop past the limit: a pipe or a device (`<(...)`, /dev/stdin) has
  // no size to ask for, and a huge file is never read whole.
  std::string text;
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > options.limits.max_file_bytes) {
      return fail(fmt::format("the rule file is larger than the limit of {} bytes",
                              options.limits.max_file_bytes));
    }
  }
  if (in.bad()) return fail("the rule file cannot be read");
  return internal::BuildScheme(std::move(text), path, options, nullptr);
}

Expected<Scheme> Scheme::LoadText(std::string_view yaml, std::string_view file_name,
                                  const LoadOptions& options) {
  return internal::BuildScheme(std::string(yaml), std::string(file_name), options, nullptr);
}

Expected<Scheme> Scheme::WithParams(
    const std::vector<std::pair<std::string, std::string>>& params) const {
  LoadOptions options = impl_->options;
  for (const auto& p : params) options.params.push_back(p);
  return internal::BuildScheme(impl_->text, impl_->file_name, options, impl_->family);
}

const std::string& Scheme::id() const { return impl_->model->id; }
const std::string& Scheme::title() const { return impl_->model->title; }
const std::string& Scheme::version() const { return impl_->model->version; }
const std::string& Scheme::file_name() const { return impl_->file_name; }
const std::string& Scheme::unit_column() const { return impl_->model->data.unit_column; }
const std::vector<Diagnostic>& Scheme::warnings() const { return impl_->warnings; }
const std::vector<IndicatorInfo>& Scheme::indicators() const { return impl_->indicators; }
const std::vector<InputInfo>& Scheme::inputs() const { return impl_->inputs; }
int Scheme::digits() const { return impl_->model->digits; }
int Scheme::test_count() const { return static_cast<int>(impl_->model->tests.size()); }

std::vector<std::string> Scheme::grade_levels() const {
  std::vector<std::string> names;
  if (impl_->model->grades) {
    for (const check::Level& l : impl_->model->grades->levels) names.push_back(l.name);
  }
  return names;
}

std::vector<GradeInfo> Scheme::grades() const {
  std::vector<GradeInfo> out;
  if (!impl_->model->grades) return out;
  for (const check::Level& l : impl_->model->grades->levels) {
    GradeInfo g;
    g.name = l.name;
    g.min = l.min;
    if (l.quota) g.quota = l.quota->ToDouble();
    g.quota_nearest = impl_->model->grades->quota_nearest;
    out.push_back(std::move(g));
  }
  return out;
}

std::string Scheme::peers_input() const {
  const check::Model& m = *impl_->model;
  return m.peers_input < 0 ? std::string() : m.data.inputs[m.peers_input].name;
}

const std::string& Scheme::description() const { return impl_->model->description; }

std::string Scheme::ToDot() const { return graph::ToDot(*impl_->model, impl_->graph); }

}  // namespace assess
