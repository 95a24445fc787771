// This file's external interface is Batch and BatchBuilder: data files through the readers
// of io/, and units built in memory through the same UnitTableBuilder, so every source
// gets the same checks and messages.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <thread>

#include "api/api_impl.h"
#include "core/large_alloc.h"
#include "core/run_on_threads.h"
#include "data/unit_table_builder.h"
#include "data/unit_table_merge.h"
#include "io/data_readers.h"
#include "num/number_text.h"

namespace assess {
namespace {

Expected<Batch> FromRead(io::ReadResult r, const Scheme& scheme);

io::DataFormat Resolve(DataFormat format, std::string_view name) {
  switch (format) {
    case DataFormat::kCsv:
      return io::DataFormat::kCsv;
    case DataFormat::kJson:
      return io::DataFormat::kJson;
    case DataFormat::kJsonLines:
      return io::DataFormat::kJsonLines;
    case DataFormat::kXlsx:
      return io::DataFormat::kXlsx;
    case DataFormat::kAuto:
      break;
  }
  return io::FormatOfPath(name);
}

}  // namespace

namespace internal {

// Rows first, columns optionally; everything goes through UnitTableBuilder at Build().
class BatchBuilderImpl {
 public:
  explicit BatchBuilderImpl(const Scheme& scheme) : scheme_(scheme.shared_impl()) {}

  struct Cell {
    size_t input;
    enum Kind { kNumber, kText, kBool, kList, kMissing } kind;
    double number = 0;
    std::string text;
    std::vector<double> list;
  };
  struct Row {
    std::string id;
    std::vector<Cell> cells;
  };

  std::optional<size_t> Find(std::string_view name) const {
    const auto& inputs = scheme_->model->data.inputs;
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (inputs[i].name == name || inputs[i].column == name) return i;
    }
    return std::nullopt;
  }

  Status Add(std::string_view input, Cell cell) {
    // After SetUnitIds, a cell setter would silently land on the last unit.
    if (columns_mode_) {
      return MakeError(fmt::format(
          "BatchBuilder: Set `{}` after SetUnitIds; set whole columns with SetColumn or "
          "SetTextColumn",
          input));
    }
    if (rows_.empty()) return MakeError("BatchBuilder: call AddUnit first");
    auto i = Find(input);
    if (!i) return MakeError(fmt::format("BatchBuilder: the scheme has no input `{}`", input));
    cell.input = *i;
    rows_.back().cells.push_back(std::move(cell));
    return Status::Ok();
  }

  // A whole column (columns mode), kept as a column: a unit's value is read from it when
  // the batch is built, so a million units of a hundred inputs cost the values, not a
  // Cell each.
  struct ColumnData {
    size_t input = 0;
    Cell::Kind kind = Cell::kNumber;       // kNumber, kText or kList
    std::vector<double> numbers;           // kNumber: a copy of the caller's values, or none
    const double* values = nullptr;        // kNumber: numbers' data, or the caller's (a view)
    const std::int64_t* wholes = nullptr;  // kNumber: else the caller's whole numbers (a view)
    double At(std::size_t u) const {
      return wholes != nullptr ? static_cast<double>(wholes[u]) : values[u];
    }
    std::vector<std::string> texts;       // kText: a copy of the caller's texts, or none
    std::vector<std::string_view> views;  // kText: texts', or the caller's (a view)
    std::function<std::string_view(std::size_t)> text_of;  // kText: else the caller's
    std::vector<std::optional<std::vector<double>>> lists;
  };

  Status Column(std::string_view input, size_t size, ColumnData data) {
    if (!columns_mode_) return MakeError("BatchBuilder: call SetUnitIds before setting columns");
    if (size != rows_.size()) {
      return MakeError(fmt::format("BatchBuilder: column `{}` has {} values for {} units", input,
                                   size, rows_.size()));
    }
    auto i = Find(input);
    if (!i) return MakeError(fmt::format("BatchBuilder: the scheme has no input `{}`", input));
    data.input = *i;
    columns_.push_back(std::move(data));
    return Status::Ok();
  }

  // Whether SetNumber would take each of `n` values of a number column as it is: each is
  // NaN (missing, for an input that is neither required nor defaulted) or a finite number,
  // whole for an integer input, within min and max. Such values cannot give a unit a
  // problem.
  static bool TakesAsIs(const data::InputSpec& in, const double* values, std::size_t n) {
    const bool missing_ok = !in.required && !in.has_default;
    const double lo = in.min ? *in.min : -std::numeric_limits<double>::infinity();
    const double hi = in.max ? *in.max : std::numeric_limits<double>::infinity();
    const int integer = in.type == InputType::kInteger ? 1 : 0;
    // Bitwise, without a branch per value, so that the compiler vectorizes it.
    constexpr double kMax = std::numeric_limits<double>::max();
    int bad = 0;
    int missing = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double x = values[i];
      const int nan = x != x;
      missing |= nan;
      // NaN compares false everywhere but in trunc(x) != x.
      bad |= (x < lo) | (x > hi) | (std::fabs(x) > kMax) |
             (integer & (std::trunc(x) != x) & (nan ^ 1));
    }
    return bad == 0 && (missing_ok || missing == 0);
  }

  // Units [from, to) of rows_ into `b`: unit by unit, every column but those `deferred`
  // (per column of columns_); then those, a column at a time, each unit's value where it
  // took it (a unit that has failed takes no later value), checked as they are stored. A
  // deferred column with a value that is a problem (TakesAsIs) is returned: the caller
  // builds the part again without deferring it, so that the problem is the unit's error
  // at its place, as cell by cell.
  std::vector<std::size_t> BuildUnits(data::UnitTableBuilder& b, std::size_t from, std::size_t to,
                                      const std::vector<uint8_t>& deferred) const {
    const data::DataSpec& spec = scheme_->model->data;
    // The columns read cell by cell, each with the number of deferred columns before it; and
    // the deferred inputs in column order. A unit takes the deferred columns before its
    // first problem, as cell by cell it would: they are marked taken at once, after its
    // cells, rather than tested one column and unit at a time.
    std::vector<std::size_t> by_cell, deferred_before, deferred_inputs;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (deferred[c] != 0) {
        b.Defer(columns_[c].input);
        deferred_inputs.push_back(columns_[c].input);
      } else {
        by_cell.push_back(c);
        deferred_before.push_back(deferred_inputs.size());
      }
    }
    // Per unit, how many deferred columns it took: the first so many in column order.
    const bool any_deferred = !deferred_inputs.empty();
    std::vector<uint32_t> taken(any_deferred ? to - from : 0);
    for (std::size_t u = from; u < to; ++u) {
      const Row& row = rows_[u];
      b.BeginUnit(row.id, units_before_ + u);
      bool accepting = b.Accepting();
      std::size_t took = accepting ? deferred_inputs.size() : 0;
      for (std::size_t k = 0; k < by_cell.size(); ++k) {
        const ColumnData& col = columns_[by_cell[k]];
        const std::string& field = spec.inputs[col.input].name;
        switch (col.kind) {
          case Cell::kNumber:
            if (const double x = col.At(u); std::isnan(x)) {
              b.SetMissing(col.input);
            } else {
              b.SetNumber(col.input, x, field);
            }
            break;
          case Cell::kText:
            b.SetText(col.input, col.text_of ? col.text_of(u) : col.views[u], field);
            break;
          default:
            if (col.lists[u]) {
              b.SetList(col.input, *col.lists[u], field);
            } else {
              b.SetMissing(col.input);
            }
            break;
        }
        if (accepting && !b.Accepting()) {  // its first problem: in this column
          took = deferred_before[k];
          accepting = false;
        }
      }
      b.TakeDeferred(deferred_inputs.data(), took);
      for (const Cell& c : row.cells) {
        const std::string& field = spec.inputs[c.input].name;
        switch (c.kind) {
          case Cell::kNumber:
            if (std::isnan(c.number)) {
              b.SetMissing(c.input);
            } else {
              b.SetNumber(c.input, c.number, field);
            }
            break;
          case Cell::kText:
            b.SetText(c.input, c.text, field);
            break;
          case Cell::kBool:
            b.SetBool(c.input, c.number != 0, field);
            break;
          case Cell::kList:
            b.SetList(c.input, c.list, field);
            break;
          case Cell::kMissing:
            b.SetMissing(c.input);
            break;
        }
      }
      b.EndUnit();
      if (any_deferred) taken[u - from] = static_cast<uint32_t>(took);
    }
    std::vector<std::size_t> not_as_is;
    if (!any_deferred) return not_as_is;
    constexpr std::size_t kBlock = 4096;
    std::vector<double> block(kBlock), wholes(kBlock);
    constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
    uint32_t k = 0;  // the column's place among the deferred ones
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (deferred[c] == 0) continue;
      const ColumnData& col = columns_[c];
      const data::InputSpec& in = spec.inputs[col.input];
      data::NumberVector& out = b.DeferredValues(col.input);
      for (std::size_t u = from; u < to; u += kBlock) {
        const std::size_t m = std::min(kBlock, to - u);
        const double* x = col.values + u;
        if (col.wholes != nullptr) {
          for (std::size_t i = 0; i < m; ++i) wholes[i] = static_cast<double>(col.wholes[u + i]);
          x = wholes.data();
        }
        if (!TakesAsIs(in, x, m)) {
          not_as_is.push_back(c);
          break;
        }
        const uint32_t* took = taken.data() + (u - from);
        for (std::size_t i = 0; i < m; ++i) {
          // -0.0 reads as 0, as SetNumber has it (x + 0.0 is +0.0 for both zeros).
          block[i] = ((k < took[i]) & (x[i] == x[i])) ? x[i] + 0.0 : kMissing;
        }
        out.PushValues(block.data(), m);
      }
      ++k;
    }
    return not_as_is;
  }

  // From this many units, the batch is built in two halves on two threads and joined
  // (AppendUnits), as the CSV reader joins its two parts: the same table as one builder's.
  static constexpr std::size_t kTwoPartsFrom = 65536;

  Expected<Batch> Build() {
    const data::DataSpec& spec = scheme_->model->data;
    const std::size_t n = rows_.size();
    // Number columns, each of a number or integer input that no other column sets, are
    // deferred: taken as they are and checked as they are stored, a column at a time. A
    // part where one of them has a value that is a problem is built again, cell by cell for
    // that column (a rare, slower path, for data with errors).
    std::vector<int> uses(spec.inputs.size(), 0);
    for (const ColumnData& col : columns_) ++uses[col.input];
    std::vector<uint8_t> can_defer(columns_.size(), 0);
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const ColumnData& col = columns_[c];
      const InputType type = spec.inputs[col.input].type;
      can_defer[c] = col.kind == Cell::kNumber && uses[col.input] == 1 &&
                     (type == InputType::kNumber || type == InputType::kInteger);
    }
    const std::size_t half =
        n >= kTwoPartsFrom && std::thread::hardware_concurrency() > 1 ? n / 2 : n;
    // The builders outlive their parts: the join looks repeats up in the first's id set.
    std::optional<data::UnitTableBuilder> builders[2];
    auto build_part = [&](std::size_t from, std::size_t to) {
      std::vector<uint8_t> deferred = can_defer;
      while (true) {
        data::UnitTableBuilder& b =
            builders[from == 0 ? 0 : 1].emplace(spec, data::SourceKind::kMemory, "memory");
        // The first part's columns have room for every unit: the second's are appended to
        // them without moving them.
        b.Reserve(from == 0 ? n : to - from);
        const std::vector<std::size_t> not_as_is = BuildUnits(b, from, to, deferred);
        if (not_as_is.empty()) return b.Finish();
        for (std::size_t c : not_as_is) deferred[c] = 0;
      }
    };
    std::optional<data::UnitTable> first, second;
    RunOnThreads(half < n ? 2 : 1, [&](int part) {
      if (part == 0) {
        first = build_part(0, half);
      } else {
        second = build_part(half, n);
      }
    });
    data::UnitTable table = std::move(*first);
    if (second) data::AppendUnits(table, std::move(*second), spec, builders[0]->ids_held());
    rows_.clear();
    columns_.clear();
    columns_mode_ = false;
    auto impl = std::make_shared<BatchImpl>();
    impl->scheme = scheme_;
    impl->table = std::move(table);
    return Batch::FromImpl(std::move(impl));
  }

  std::shared_ptr<const SchemeImpl> scheme_;
  LargeVector<Row> rows_;  // a million units' ids are 56 MB: in huge pages (large_alloc.h)
  std::vector<ColumnData> columns_;
  bool columns_mode_ = false;
  uint64_t units_before_ = 0;
};

}  // namespace internal

namespace {

Expected<Batch> FromRead(io::ReadResult r, const Scheme& scheme) {
  if (!r.table) return internal::MakeError(r.error);
  auto impl = std::make_shared<internal::BatchImpl>();
  impl->scheme = scheme.shared_impl();
  impl->table = std::move(*r.table);
  return Batch::FromImpl(std::move(impl));
}

}  // namespace

Expected<Batch> Batch::ReadFile(const Scheme& scheme, const std::string& path, DataFormat format) {
  return FromRead(io::ReadDataFile(path, Resolve(format, path), scheme.impl().model->data), scheme);
}

Expected<Batch> Batch::ReadFile(const Scheme& scheme, const std::string& path,
                                const ReadOptions& options) {
  const io::DataFormat format = Resolve(options.format, path);
  if (!options.sheet.empty() && format != io::DataFormat::kXlsx) {
    return internal::MakeError(
        fmt::format("{}: a sheet (\"{}\") is named, but the file is not an .xlsx workbook", path,
                    options.sheet));
  }
  io::Progress progress;
  if (options.progress != nullptr) {
    progress = {&options.progress->done, &options.progress->total, &options.progress->units};
  }
  return FromRead(
      io::ReadDataFile(path, format, scheme.impl().model->data, options.sheet, progress), scheme);
}

Expected<Batch> Batch::ReadText(const Scheme& scheme, std::string_view text, DataFormat format,
                                std::string_view name) {
  // Read where it is: no copy of the caller's text.
  return FromRead(io::ReadText(text, Resolve(format, name), scheme.impl().model->data, name),
                  scheme);
}

std::size_t Batch::size() const { return impl_->table.size(); }
const std::string& Batch::unit_id(std::size_t unit) const { return impl_->table.ids[unit]; }
const std::string& Batch::data_error(std::size_t unit) const { return impl_->table.errors[unit]; }

using Cell = internal::BatchBuilderImpl::Cell;

BatchBuilder::BatchBuilder(const Scheme& scheme)
    : impl_(std::make_unique<internal::BatchBuilderImpl>(scheme)) {}
BatchBuilder::~BatchBuilder() = default;
BatchBuilder::BatchBuilder(BatchBuilder&&) noexcept = default;
BatchBuilder& BatchBuilder::operator=(BatchBuilder&&) noexcept = default;

Status BatchBuilder::AddUnit(std::string_view id) {
  if (impl_->columns_mode_) {
    return internal::MakeError("BatchBuilder: AddUnit after SetUnitIds; use one way or the other");
  }
  impl_->rows_.push_back({std::string(id), {}});
  return Status::Ok();
}

Status BatchBuilder::Set(std::string_view input, double value) {
  return impl_->Add(input, Cell{0, Cell::kNumber, value, {}, {}});
}
Status BatchBuilder::Set(std::string_view input, std::string_view text) {
  return impl_->Add(input, Cell{0, Cell::kText, 0, std::string(text), {}});
}
Status BatchBuilder::SetBool(std::string_view input, bool value) {
  return impl_->Add(input, Cell{0, Cell::kBool, value ? 1.0 : 0.0, {}, {}});
}
Status BatchBuilder::SetList(std::string_view input, const std::vector<double>& values) {
  return impl_->Add(input, Cell{0, Cell::kList, 0, {}, values});
}
Status BatchBuilder::SetMissing(std::string_view input) {
  return impl_->Add(input, Cell{0, Cell::kMissing, 0, {}, {}});
}

Status BatchBuilder::SetUnitIds(const std::vector<std::string>& ids) {
  return SetUnitIds(std::vector<std::string>(ids));
}

Status BatchBuilder::SetUnitIds(std::vector<std::string>&& ids) {
  if (!impl_->rows_.empty()) {
    return internal::MakeError("BatchBuilder: SetUnitIds on a builder that already has units");
  }
  impl_->rows_.reserve(ids.size());  // no regrowth: each would copy every row to fresh pages
  for (std::string& id : ids) impl_->rows_.push_back({std::move(id), {}});
  impl_->columns_mode_ = true;
  return Status::Ok();
}

Status BatchBuilder::SetColumn(std::string_view input, const std::vector<double>& values) {
  return SetColumn(input, values.data(), values.size());
}

Status BatchBuilder::SetColumn(std::string_view input, const double* values, std::size_t size) {
  internal::BatchBuilderImpl::ColumnData data;
  data.kind = Cell::kNumber;
  data.numbers.assign(values, values + size);
  data.values = data.numbers.data();  // a vector's move keeps its buffer
  return impl_->Column(input, size, std::move(data));
}

Status BatchBuilder::SetColumnView(std::string_view input, const double* values, std::size_t size) {
  internal::BatchBuilderImpl::ColumnData data;
  data.kind = Cell::kNumber;
  data.values = values;
  return impl_->Column(input, size, std::move(data));
}

Status BatchBuilder::SetColumnView(std::string_view input, const std::int64_t* values,
                                   std::size_t size) {
  internal::BatchBuilderImpl::ColumnData data;
  data.kind = Cell::kNumber;
  data.wholes = values;
  return impl_->Column(input, size, std::move(data));
}

Status BatchBuilder::SetTextColumn(std::string_view input, const std::vector<std::string>& texts) {
  return SetTextColumn(input, std::vector<std::string>(texts));
}

Status BatchBuilder::SetTextColumn(std::string_view input, std::vector<std::string>&& texts) {
  internal::BatchBuilderImpl::ColumnData data;
  data.kind = Cell::kText;
  const std::size_t size = texts.size();
  data.texts = std::move(texts);
  data.views.assign(data.texts.begin(), data.texts.end());  // a vector's move keeps its buffer
  return impl_->Column(input, size, std::move(data));
}

Status BatchBuilder::SetTextColumnView(std::string_view input,
                                       std::vector<std::string_view> texts) {
  internal::BatchBuilderImpl::ColumnData data;
  data.kind = Cell::kText;
  const std::size_t size = texts.size();
  data.views = std::move(texts);
  return impl_->Column(input, size, std::move(data));
}

Status BatchBuilder::SetTextColumnView(std::string_view input, std::size_t size,
                                       std::function<std::string_view(std::size_t)> text) {
  internal::BatchBuilderImpl::ColumnData data;
  data.kind = Cell::kText;
  data.text_of = std::move(text);
  return impl_->Column(input, size, std::move(data));
}

Status BatchBuilder::SetListColumn(std::string_view input,
                                   const std::vector<std::optional<std::vector<double>>>& lists) {
  internal::BatchBuilderImpl::ColumnData data;
  data.kind = Cell::kList;
  data.lists = lists;
  return impl_->Column(input, lists.size(), std::move(data));
}

void BatchBuilder::SetUnitsBefore(std::uint64_t units_before) {
  impl_->units_before_ = units_before;
}

Expected<Batch> BatchBuilder::Build() { return impl_->Build(); }

}  // namespace assess
