// This file's external interface is RunEmbeddedTests (rule-language §12): each test's units are one
// batch, evaluated by the one evaluator; each named field is compared exactly, numbers
// after rounding to the scheme's digits.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "api/api_impl.h"
#include "assess/evaluate.h"
#include "data/unit_table_builder.h"
#include "eval/evaluator.h"
#include "num/decimal.h"
#include "num/number_text.h"
#include "num/round.h"

namespace assess {
namespace {

using load::LiteralValue;

std::string Show(const LiteralValue& v) {
  switch (v.kind) {
    case LiteralValue::Kind::kNull:
      return "null";
    case LiteralValue::Kind::kScalar:
      return v.scalar;
    case LiteralValue::Kind::kSequence: {
      std::string s = "[";
      for (size_t i = 0; i < v.items.size(); ++i) s += (i ? ", " : "") + Show(v.items[i]);
      return s + "]";
    }
    case LiteralValue::Kind::kMap:
      return "{...}";
  }
  return "?";
}

std::string ShowNumber(std::optional<double> v, int digits) {
  return v ? FixedText(*v, digits) : std::string("null");
}

// Builds the batch of one test's units.
data::UnitTable BuildUnits(const check::Model& m, const load::TestDecl& test,
                           std::vector<std::string>& problems) {
  data::UnitTableBuilder b(m.data, data::SourceKind::kMemory, "test");
  uint64_t index = 0;
  for (const load::TestDecl::Unit& unit : test.units) {
    const LiteralValue* id = nullptr;
    for (const auto& [field, value] : unit.fields) {
      if (field == m.data.unit_column || field == "unit") id = &value;
    }
    if (id && id->kind == LiteralValue::Kind::kScalar) {
      b.BeginUnit(id->scalar, index++);
    } else {
      b.BeginUnitWithoutId(index++);
    }
    for (const auto& [field, value] : unit.fields) {
      if (field == m.data.unit_column || field == "unit") continue;
      auto input = b.FindInput(field);
      if (!input) {
        problems.push_back(
            fmt::format("line {}: `{}` is not an input of the scheme", unit.pos.line, field));
        continue;
      }
      switch (value.kind) {
        case LiteralValue::Kind::kNull:
          b.SetMissing(*input);
          break;
        case LiteralValue::Kind::kScalar:
          b.SetText(*input, value.scalar, field);
          break;
        case LiteralValue::Kind::kSequence: {
          std::string joined;
          for (size_t i = 0; i < value.items.size(); ++i) {
            joined += (i ? ";" : "") + value.items[i].scalar;
          }
          if (value.items.empty()) {
            b.SetList(*input, {}, field);
          } else {
            b.SetText(*input, joined, field);
          }
          break;
        }
        case LiteralValue::Kind::kMap:
          problems.push_back(fmt::format("line {}: `{}` cannot be a map", value.pos.line, field));
          break;
      }
    }
    b.EndUnit();
  }
  return b.Finish();
}

// Compares one expected field; "" when it matches, else what differs.
std::string Compare(const Results& r, const check::Model& m, std::size_t u,
                    const std::string& field, const LiteralValue& want) {
  const int digits = m.digits;
  auto number = [&](std::optional<double> got) -> std::string {
    if (want.kind == LiteralValue::Kind::kNull) {
      return got ? fmt::format("expected null, got {}", ShowNumber(got, digits)) : "";
    }
    auto d = want.kind == LiteralValue::Kind::kScalar ? Decimal::Parse(want.scalar) : std::nullopt;
    if (!d) return fmt::format("expected `{}` is not a number", Show(want));
    const double expected = RoundDecimal(d->ToDouble(), digits);
    if (got && *got == expected) return "";
    return fmt::format("expected {}, got {}", FixedText(expected, digits), ShowNumber(got, digits));
  };
  if (field == "error") {
    const std::string& got = r.error(u);
    if (want.kind == LiteralValue::Kind::kNull) {
      return got.empty() ? "" : "expected no error, got: " + got;
    }
    if (got.empty())
      return fmt::format("expected an error containing \"{}\", got none", want.scalar);
    return got.find(want.scalar) != std::string::npos
               ? ""
               : fmt::format("expected an error containing \"{}\", got: {}", want.scalar, got);
  }
  if (field == "total") return number(r.total(u));
  if (field == "rank") {
    auto got = r.rank(u);
    const std::string g = got ? std::to_string(*got) : "none";
    return g == Show(want) || (!got && want.kind == LiteralValue::Kind::kNull)
               ? ""
               : fmt::format("expected {}, got {}", Show(want), g);
  }
  if (field == "grade") {
    auto got = r.grade(u);
    if (!got && want.kind == LiteralValue::Kind::kNull) return "";
    return got && *got == want.scalar
               ? ""
               : fmt::format("expected {}, got {}", Show(want), got ? *got : "none");
  }
  if (field == "vetoes") {
    std::vector<std::string> got = r.vetoes(u);
    std::string g;
    for (const std::string& s : got) g += (g.empty() ? "" : ";") + s;
    std::string w;
    if (want.kind == LiteralValue::Kind::kSequence) {
      for (const auto& item : want.items) w += (w.empty() ? "" : ";") + item.scalar;
    } else if (want.kind == LiteralValue::Kind::kScalar) {
      w = want.scalar;
    }
    return g == w ? "" : fmt::format("expected \"{}\", got \"{}\"", w, g);
  }
  if (m.FindNode(field) > 0) return number(r.score(u, field));
  return fmt::format(
      "`{}` is not a result field (total, rank, grade, vetoes, error or an "
      "indicator id)",
      field);
}

}  // namespace

std::vector<TestOutcome> RunEmbeddedTests(const Scheme& scheme_in, const EvalOptions& options) {
  std::vector<TestOutcome> outcomes;
  // The tests run on the scheme with the options' params, as Evaluate would.
  Scheme scheme = scheme_in;
  if (!options.params.empty()) {
    Expected<Scheme> variant = scheme_in.WithParams(options.params);
    if (!variant) {
      TestOutcome failed{"params", false, {variant.error().message}};
      for (const Diagnostic& d : variant.error().diagnostics) {
        failed.failures.push_back(d.ToString());
      }
      outcomes.push_back(std::move(failed));
      return outcomes;
    }
    scheme = std::move(*variant);
  }
  const check::Model& m = *scheme.impl().model;
  for (const load::TestDecl& test : m.tests) {
    TestOutcome outcome;
    outcome.name = test.name.empty() ? fmt::format("test at line {}", test.pos.line) : test.name;
    auto batch = std::make_shared<internal::BatchImpl>();
    batch->scheme = scheme.shared_impl();
    batch->table = BuildUnits(m, test, outcome.failures);
    auto results = std::make_shared<internal::ResultsImpl>();
    results->scheme = scheme.shared_impl();
    results->batch = batch;
    eval::EvalSettings settings;
    settings.threads = std::max(1, options.threads);
    results->table = eval::Evaluate(m, scheme.impl().program, batch->table, settings);
    const Results r = internal::ResultsImpl::Make(results);
    for (const load::TestDecl::Expect& expect : test.expect) {
      auto u = r.Find(expect.unit);
      if (!u) {
        outcome.failures.push_back(
            fmt::format("line {}: no unit `{}` in the test's units", expect.pos.line, expect.unit));
        continue;
      }
      bool expects_error = false;
      for (const auto& [field, want] : expect.fields) {
        expects_error |= field == "error" && want.kind != LiteralValue::Kind::kNull;
        const std::string diff = Compare(r, m, *u, field, want);
        if (!diff.empty()) {
          outcome.failures.push_back(
              fmt::format("line {}: {}.{}: {}", expect.pos.line, expect.unit, field, diff));
        }
      }
      if (!expects_error && !r.ok(*u)) {
        outcome.failures.push_back(fmt::format("line {}: {}: unexpected error: {}", expect.pos.line,
                                               expect.unit, r.error(*u)));
      }
    }
    outcome.passed = outcome.failures.empty();
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

}  // namespace assess
