// XlsxArchive: the zip container of an .xlsx workbook (libzip), read part by part within
// bounds. A part's sizes are checked before it is inflated (its stated size against the
// part's limit, its stated ratio against the zip-bomb limit) and again while it is read (a
// zip may state sizes that are not true), so a hostile file costs at most the limits.
#ifndef ASSESS_IO_XLSX_ARCHIVE_H_
#define ASSESS_IO_XLSX_ARCHIVE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace assess::io {

// The bounds of an .xlsx read. Parts other than worksheets (the workbook, its
// relationships, styles, shared strings) are held in memory while they are read; a
// worksheet is streamed.
struct XlsxLimits {
  uint64_t max_sheet_bytes = uint64_t{16} << 30;          // a worksheet's XML, inflated
  uint64_t max_shared_strings_bytes = uint64_t{1} << 30;  // the shared-string table's XML
  uint64_t max_other_part_bytes = uint64_t{64} << 20;     // workbook, relationships, styles
  uint64_t max_ratio = 1000;  // inflated / compressed bytes of a part (zip bombs)
  uint64_t ratio_from_bytes = uint64_t{1} << 20;  // parts smaller than this are not held to it
};

class XlsxArchive {
 public:
  // Opens a file, or bytes in memory (which must outlive the archive). On failure returns
  // null and sets `error` (without the file's name).
  static std::unique_ptr<XlsxArchive> OpenFile(const std::string& path, std::string& error);
  static std::unique_ptr<XlsxArchive> OpenBytes(std::string_view bytes, std::string& error);
  ~XlsxArchive();
  XlsxArchive(const XlsxArchive&) = delete;
  XlsxArchive& operator=(const XlsxArchive&) = delete;

  bool Has(std::string_view part) const;

  // Inflates `part` (a path inside the zip, no leading '/') block by block into `sink`,
  // which returns false to stop early. At most `max_bytes` inflated bytes. Returns "" or
  // why it failed, e.g. `part xl/worksheets/sheet1.xml is 20 GB inflated, over the limit
  // of 16 GB (XlsxLimits::max_sheet_bytes)`.
  // `size`, when given, receives the part's stated inflated size before it is read.
  std::string Stream(std::string_view part, uint64_t max_bytes, std::string_view limit_name,
                     const std::function<bool(std::string_view)>& sink,
                     std::atomic<uint64_t>* size = nullptr) const;
  // The whole part as one text, within `max_bytes`.
  std::string Read(std::string_view part, uint64_t max_bytes, std::string_view limit_name,
                   std::string& out) const;

  void set_limits(const XlsxLimits& limits) { limits_ = limits; }
  const XlsxLimits& limits() const { return limits_; }

 private:
  struct Zip;
  explicit XlsxArchive(std::unique_ptr<Zip> zip);
  std::unique_ptr<Zip> zip_;
  XlsxLimits limits_;
};

// "16 GB", "64 MB", "512 bytes": a limit as messages show it.
std::string ShownBytes(uint64_t bytes);

}  // namespace assess::io

#endif  // ASSESS_IO_XLSX_ARCHIVE_H_
