// Batch: the units to evaluate, in columns, read from a file or built in memory. Values are
// checked against the scheme's inputs as they come in; a bad value is that unit's data
// error, never the batch's.
#ifndef ASSESS_BATCH_H_
#define ASSESS_BATCH_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assess/api.h"
#include "assess/expected.h"
#include "assess/scheme.h"

namespace assess {

namespace internal {
struct BatchImpl;
class BatchBuilderImpl;
}  // namespace internal

enum class DataFormat {
  kAuto,       // by the file name: .json, .jsonl / .ndjson, .xlsx, else CSV
  kCsv,        // RFC 4180, header row, UTF-8 (a BOM is skipped), lists as `88;92.5;79`
  kJson,       // an array of objects
  kJsonLines,  // one object a line
  kXlsx,       // an Excel workbook: one worksheet, header row, cells read as CSV cells
};

// How far a read has come, for a caller that shows it from another thread: bytes of the
// file read (for .xlsx, of its worksheet's XML inflated) out of `total` (0 until known),
// and the units read so far (counted a few thousand at a time; all of them once the read
// returns).
struct ReadProgress {
  std::atomic<std::uint64_t> done{0};
  std::atomic<std::uint64_t> total{0};
  std::atomic<std::uint64_t> units{0};
};

struct ReadOptions {
  DataFormat format = DataFormat::kAuto;
  std::string sheet;                 // the worksheet of an .xlsx workbook; empty: the first
  ReadProgress* progress = nullptr;  // optional; must outlive the read
};

class ASSESS_API Batch {
 public:
  // Reads a data file for `scheme`. Fails only when the file cannot be used at all (not
  // found, not JSON, a required column absent); bad rows become units' data errors.
  static Expected<Batch> ReadFile(const Scheme& scheme, const std::string& path,
                                  DataFormat format = DataFormat::kAuto);
  static Expected<Batch> ReadFile(const Scheme& scheme, const std::string& path,
                                  const ReadOptions& options);
  // `text` is the file's bytes (for kXlsx, the workbook's zip; its first sheet).
  static Expected<Batch> ReadText(const Scheme& scheme, std::string_view text, DataFormat format,
                                  std::string_view name = "<text>");

  // 0 for a batch moved from (or given up to EvaluateReleasing): it holds no unit.
  std::size_t size() const;
  // unit < size().
  const std::string& unit_id(std::size_t unit) const;
  // The unit's data error ("" when its data is fine).
  const std::string& data_error(std::size_t unit) const;

  // Not part of the stable API: the library's own access to the units.
  const internal::BatchImpl& impl() const { return *impl_; }
  const std::shared_ptr<const internal::BatchImpl>& impl_shared() const { return impl_; }
  static Batch FromImpl(std::shared_ptr<const internal::BatchImpl> impl) {
    return Batch(std::move(impl));
  }

 private:
  friend class BatchBuilder;
  explicit Batch(std::shared_ptr<const internal::BatchImpl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const internal::BatchImpl> impl_;
};

// Builds a batch in memory, row by row (AddUnit, then Set... by input name) or column by
// column (SetUnitIds, then Set...Column). Names are input names or data column names. A
// value that does not fit its input becomes the unit's data error; an unknown name or a
// call out of order is a Status error.
class ASSESS_API BatchBuilder {
 public:
  explicit BatchBuilder(const Scheme& scheme);
  ~BatchBuilder();
  BatchBuilder(BatchBuilder&&) noexcept;
  BatchBuilder& operator=(BatchBuilder&&) noexcept;

  Status AddUnit(std::string_view id);
  Status Set(std::string_view input, double value);
  Status Set(std::string_view input, std::string_view text);  // read by the input's type
  Status SetBool(std::string_view input, bool value);
  Status SetList(std::string_view input, const std::vector<double>& values);
  Status SetMissing(std::string_view input);

  Status SetUnitIds(const std::vector<std::string>& ids);
  Status SetUnitIds(std::vector<std::string>&& ids);  // no copy
  // The same from views (a binding's strings), each copied once, where the unit is kept.
  Status SetUnitIdViews(const std::vector<std::string_view>& ids);
  Status SetColumn(std::string_view input, const std::vector<double>& values);
  // The same from a buffer of `size` values (NaN: missing), e.g. a NumPy array's.
  Status SetColumn(std::string_view input, const double* values, std::size_t size);
  // The same without a copy: `values` must stay valid and unchanged until Build returns
  // (a binding that keeps its arrays alive until then).
  Status SetColumnView(std::string_view input, const double* values, std::size_t size);
  // The same, shared with the batch for as long as it lives: `owner` keeps `values` valid
  // and unchanged (a binding's reference to its array). When every value is one the batch
  // would store as it is (a number within the input's bounds, whole for an integer input,
  // not -0.0; or NaN where a missing value is allowed), and no unit's problem in an
  // earlier column stops it from taking its value, the batch reads them where they are and
  // stores no copy; else as SetColumnView, and `owner` is let go after Build.
  Status SetColumnShared(std::string_view input, const double* values, std::size_t size,
                         std::shared_ptr<const void> owner);
  // The same for whole numbers (a NumPy int64 array's), each read as the double nearest to
  // it when Build reads it: no column of doubles made first.
  Status SetColumnView(std::string_view input, const std::int64_t* values, std::size_t size);
  Status SetTextColumn(std::string_view input, const std::vector<std::string>& texts);
  Status SetTextColumn(std::string_view input, std::vector<std::string>&& texts);  // no copy
  // The same without a copy of the bytes: each text's bytes must stay valid and unchanged
  // until Build returns (a binding's strings, kept alive by the caller until then).
  Status SetTextColumnView(std::string_view input, std::vector<std::string_view> texts);
  // The same, unit u's text given by `text(u)` when Build reads it (from Build's threads,
  // once a unit or more): for a binding whose texts are objects of its own (Python's str),
  // read where they are, without a view of each made beforehand. What it returns must stay
  // valid and unchanged until Build returns.
  Status SetTextColumnView(std::string_view input, std::size_t size,
                           std::function<std::string_view(std::size_t)> text);
  // A list input for every unit: one list per unit id, std::nullopt for a missing list
  // (an empty list is a list with no elements, not a missing one).
  Status SetListColumn(std::string_view input,
                       const std::vector<std::optional<std::vector<double>>>& lists);

  // Units are numbered in messages from `units_before` on (`unit #0` by default): a part of
  // a larger batch (partition.h) names its units' places in the whole.
  void SetUnitsBefore(std::uint64_t units_before);

  // The batch; the builder is empty afterwards. A large batch is built on two threads
  // (the same batch as on one).
  Expected<Batch> Build();

 private:
  std::unique_ptr<internal::BatchBuilderImpl> impl_;
};

}  // namespace assess

#endif  // ASSESS_BATCH_H_
