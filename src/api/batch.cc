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
#include "data/stored_as_is.h"
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
    std::shared_ptr<const void> owner;     // kNumber: keeps `values` valid (SetColumnShared)
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

  // Whether each of the n values of a shared column is one the table would store as it is
  // (TakesAsIs, and not -0.0, and a NaN only the missing one), so that the table can read
  // them where they are; `any_missing`: some is NaN.
  static bool SharedAsIs(const data::InputSpec& in, const double* values, std::size_t n,
                         bool& any_missing) {
    data::AsIsRule rule;
    if (in.min) rule.lo = *in.min;
    if (in.max) rule.hi = *in.max;
    rule.integer = in.type == InputType::kInteger;
    rule.missing_ok = !in.required && !in.has_default;
    return data::StoredAsIs(values, n, rule, any_missing);
  }

  // Units [from, to) of rows_ into `b`: unit by unit, every column but those `deferred`
  // (per column of columns_); then those, a column at a time, each unit's value where it
  // took it (a unit that has failed takes no later value), checked as they are stored;
  // but for those `shared`, which Build stores after the join. A deferred column with a
  // value that is a problem (TakesAsIs) is returned: the caller builds the part again
  // without deferring it, so that the problem is the unit's error at its place, as cell by
  // cell. `taken`: per unit of the part, how many deferred columns (in column order) it
  // took.
  std::vector<std::size_t> BuildUnits(data::UnitTableBuilder& b, std::size_t from, std::size_t to,
                                      const std::vector<uint8_t>& deferred,
                                      const std::vector<uint8_t>& shared,
                                      std::vector<uint32_t>& taken) const {
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
    taken.assign(any_deferred ? to - from : 0, 0);
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
    // Per block: the fewest deferred columns a unit of it took. A block whose units all took
    // the column (the common case: no unit has a problem) is copied by a loop of doubles
    // only, which the compiler vectorizes, rather than one that also tests each unit's count.
    std::vector<uint32_t> fewest_taken((to - from + kBlock - 1) / kBlock);
    for (std::size_t u = from; u < to; u += kBlock) {
      const std::size_t m = std::min(kBlock, to - u);
      const uint32_t* took = taken.data() + (u - from);
      uint32_t fewest = took[0];
      for (std::size_t i = 1; i < m; ++i) fewest = std::min(fewest, took[i]);
      fewest_taken[(u - from) / kBlock] = fewest;
    }
    uint32_t k = 0;  // the column's place among the deferred ones
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (deferred[c] == 0) continue;
      if (shared[c] != 0) {
        ++k;
        continue;
      }
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
        // -0.0 reads as 0, as SetNumber has it (x + 0.0 is +0.0 for both zeros); any NaN
        // is the missing one.
        if (k < fewest_taken[(u - from) / kBlock]) {
          for (std::size_t i = 0; i < m; ++i) block[i] = x[i] == x[i] ? x[i] + 0.0 : kMissing;
        } else {
          const uint32_t* took = taken.data() + (u - from);
          for (std::size_t i = 0; i < m; ++i) {
            block[i] = ((k < took[i]) & (x[i] == x[i])) ? x[i] + 0.0 : kMissing;
          }
        }
        out.PushValues(block.data(), m);
      }
      ++k;
    }
    return not_as_is;
  }

  // The shared columns of the joined table (left empty by the parts): the caller's values
  // where they are when every unit took its value, else stored as the other deferred
  // columns are (a unit that failed before the column in the order of columns takes a
  // missing value), from `taken` and `deferred` of each part (the second from unit `half`).
  void StoreShared(data::UnitTable& table, const std::vector<uint8_t>& shared,
                   const std::vector<uint8_t>& shared_missing,
                   const std::vector<uint32_t> (&taken)[2],
                   const std::vector<uint8_t> (&deferred)[2], std::size_t half) const {
    const std::size_t n = table.size();
    constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> block;
    // Per part, the fewest deferred columns a unit took.
    uint32_t fewest[2] = {std::numeric_limits<uint32_t>::max(),
                          std::numeric_limits<uint32_t>::max()};
    for (int p = 0; p < 2; ++p) {
      for (const uint32_t t : taken[p]) fewest[p] = std::min(fewest[p], t);
    }
    // The place of column c among each part's deferred columns.
    uint32_t place[2] = {0, 0};
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const uint32_t k[2] = {place[0], place[1]};
      for (int p = 0; p < 2; ++p) place[p] += deferred[p].empty() ? 0 : deferred[p][c];
      if (shared[c] == 0) continue;
      const ColumnData& col = columns_[c];
      data::Column& out = table.columns[col.input];
      // A unit took the column when its count of deferred columns taken passes the
      // column's place (k) in its part.
      auto took = [&](std::size_t u) {
        const int p = u < half ? 0 : 1;
        return taken[p][u - (p == 0 ? 0 : half)] > k[p];
      };
      if (fewest[0] > k[0] && fewest[1] > k[1]) {
        out.ShareValues(col.values, n, shared_missing[c] != 0, col.owner);
        continue;
      }
      constexpr std::size_t kBlock = 4096;
      block.resize(kBlock);
      for (std::size_t u = 0; u < n; u += kBlock) {
        const std::size_t m = std::min(kBlock, n - u);
        for (std::size_t i = 0; i < m; ++i) block[i] = took(u + i) ? col.values[u + i] : kMissing;
        out.PushValues(block.data(), m);
      }
    }
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
    const bool two_parts = n >= kTwoPartsFrom && std::thread::hardware_concurrency() > 1;
    const std::size_t half = two_parts ? n / 2 : n;
    // Shared columns (SetColumnShared) whose values are all stored as they are: the table
    // reads them where they are, with no copy made (a DataFrame's float64 columns: most of
    // a batch's bytes, which were fresh memory and a pass each). Checked up front, a column
    // at a time on both threads.
    std::vector<uint8_t> shared(columns_.size(), 0), shared_missing(columns_.size(), 0);
    {
      std::vector<std::size_t> candidates;
      for (std::size_t c = 0; c < columns_.size(); ++c) {
        const ColumnData& col = columns_[c];
        if (can_defer[c] != 0 && col.owner != nullptr && col.wholes == nullptr) {
          candidates.push_back(c);
        }
      }
      const int threads = two_parts && candidates.size() > 1 ? 2 : 1;
      RunOnThreads(threads, [&](int part) {
        for (std::size_t i = static_cast<std::size_t>(part); i < candidates.size();
             i += static_cast<std::size_t>(threads)) {
          const std::size_t c = candidates[i];
          bool missing = false;
          shared[c] = SharedAsIs(spec.inputs[columns_[c].input], columns_[c].values, n, missing);
          shared_missing[c] = missing;
        }
      });
    }
    // The builders outlive their parts: the join looks repeats up in the first's id set.
    std::optional<data::UnitTableBuilder> builders[2];
    // Per part: its units' counts of deferred columns taken, and which columns it deferred.
    std::vector<uint32_t> taken_of[2];
    std::vector<uint8_t> deferred_of[2];
    auto build_part = [&](std::size_t from, std::size_t to) {
      const int part = from == 0 ? 0 : 1;
      std::vector<uint8_t>& deferred = deferred_of[part];
      deferred = can_defer;
      while (true) {
        data::UnitTableBuilder& b =
            builders[part].emplace(spec, data::SourceKind::kMemory, "memory");
        // The first part's columns have room for every unit: the second's are appended to
        // them without moving them.
        b.Reserve(from == 0 ? n : to - from);
        const std::vector<std::size_t> not_as_is =
            BuildUnits(b, from, to, deferred, shared, taken_of[part]);
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
    StoreShared(table, shared, shared_missing, taken_of, deferred_of, half);
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

std::size_t Batch::size() const { return impl_ ? impl_->table.size() : 0; }
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

Status BatchBuilder::SetUnitIdViews(const std::vector<std::string_view>& ids) {
  if (!impl_->rows_.empty()) {
    return internal::MakeError("BatchBuilder: SetUnitIdViews on a builder that already has units");
  }
  impl_->rows_.reserve(ids.size());
  for (std::string_view id : ids) impl_->rows_.push_back({std::string(id), {}});
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

Status BatchBuilder::SetColumnShared(std::string_view input, const double* values, std::size_t size,
                                     std::shared_ptr<const void> owner) {
  internal::BatchBuilderImpl::ColumnData data;
  data.kind = Cell::kNumber;
  data.values = values;
  data.owner = std::move(owner);
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
