// This file's external interface is UnitTable::PlaceOf and Column's out-of-line members.
#include "data/unit_table.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace assess::data {

void Column::RemapTexts(const std::vector<double>& map) {
  NumberVector out;
  out.Reserve(values_.size());
  for (std::size_t u = 0; u < values_.size(); ++u) {
    const double v = values_.At(u);
    if (std::isnan(v)) {
      out.PushMissing();
    } else {
      out.Push(map[static_cast<std::size_t>(v)]);
    }
  }
  values_ = std::move(out);
}

void Column::Append(const Column& o) {
  values_.Append(o.values_);
  if (!o.is_list_) return;
  if (!o.list_missing_.empty() || !list_missing_.empty()) {
    list_missing_.resize(lists_, 0);  // a no-op when some list of ours was missing
    if (o.list_missing_.empty()) {
      list_missing_.resize(lists_ + o.lists_, 0);
    } else {
      list_missing_.insert(list_missing_.end(), o.list_missing_.begin(), o.list_missing_.end());
    }
  }
  if (strided_ && o.strided_ && (lists_ == 0 || o.lists_ == 0 || stride_ == o.stride_)) {
    if (lists_ == 0) stride_ = o.stride_;
    lists_ += o.lists_;
  } else {
    const uint64_t base = elements_.size();
    for (std::size_t u = 0; u < o.lists_; ++u) CloseList(base + o.ListBegin(u + 1));
  }
  elements_.Append(o.elements_);
}

void Column::PushListSlow(bool missing) {
  if (missing || !list_missing_.empty()) {
    list_missing_.resize(lists_, 0);  // zeros for the lists before the first missing one
    list_missing_.push_back(missing ? 1 : 0);
  }
  CloseList(elements_.size());
}

void Column::CloseList(uint64_t end) {
  if (strided_) {
    if (lists_ == 0) stride_ = end;
    if (end == (lists_ + 1) * stride_) {
      ++lists_;
      return;
    }
    // The first list of another length: the offsets of those before it, and on.
    strided_ = false;
    for (std::size_t u = 0; u <= lists_; ++u) PushOffset(u * stride_);
  }
  PushOffset(end);
  ++lists_;
}

void Column::PushOffset(uint64_t end) {
  if (offsets64_.empty() && end <= std::numeric_limits<uint32_t>::max()) {
    offsets32_.push_back(static_cast<uint32_t>(end));
    return;
  }
  if (offsets64_.empty()) {
    offsets64_.assign(offsets32_.begin(), offsets32_.end());
    ColumnVector<uint32_t>().swap(offsets32_);
  }
  offsets64_.push_back(end);
}

std::size_t Column::bytes() const {
  return values_.bytes() + elements_.bytes() + offsets32_.size() * sizeof(uint32_t) +
         offsets64_.size() * sizeof(uint64_t) + list_missing_.size();
}

std::string UnitTable::RowText(std::size_t unit) const {
  if (rows_relative) return fmt::format("{}{}{}", kRowMark, rows[unit], kRowMark);
  return fmt::format("{}", rows[unit]);
}

std::string UnitTable::PlaceOf(std::size_t unit) const {
  const std::string row = RowText(unit);
  switch (source) {
    case SourceKind::kCsv:
    case SourceKind::kXlsx:
      return fmt::format("row {}", row);
    case SourceKind::kJson:
      return fmt::format("[{}]", row);
    case SourceKind::kJsonLines:
      return fmt::format("line {}", row);
    case SourceKind::kMemory:
      return fmt::format("unit #{}", row);
  }
  return {};
}

}  // namespace assess::data
