// This file's external interface is XlsxArchive and ShownBytes.
#include "io/xlsx_archive.h"

#include <fmt/format.h>
#include <zip.h>

#include <vector>

namespace assess::io {

struct XlsxArchive::Zip {
  zip_t* archive = nullptr;
  ~Zip() {
    if (archive != nullptr) zip_discard(archive);  // read-only: nothing to write back
  }
};

namespace {

std::string ZipErrorText(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

std::string NotAWorkbook(std::string_view why) {
  return fmt::format("not an .xlsx workbook (it does not read as a zip archive: {})", why);
}

}  // namespace

std::string ShownBytes(uint64_t bytes) {
  constexpr uint64_t kKiB = 1024, kMiB = kKiB << 10, kGiB = kMiB << 10;
  if (bytes >= kGiB && bytes % kGiB == 0) return fmt::format("{} GB", bytes / kGiB);
  if (bytes >= kGiB) return fmt::format("{:.1f} GB", static_cast<double>(bytes) / kGiB);
  if (bytes >= kMiB && bytes % kMiB == 0) return fmt::format("{} MB", bytes / kMiB);
  if (bytes >= kMiB) return fmt::format("{:.1f} MB", static_cast<double>(bytes) / kMiB);
  return fmt::format("{} bytes", bytes);
}

XlsxArchive::XlsxArchive(std::unique_ptr<Zip> zip) : zip_(std::move(zip)) {}
XlsxArchive::~XlsxArchive() = default;

std::unique_ptr<XlsxArchive> XlsxArchive::OpenFile(const std::string& path, std::string& error) {
  int code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (archive == nullptr) {
    error = code == ZIP_ER_NOENT || code == ZIP_ER_OPEN
                ? fmt::format("cannot open ({})", ZipErrorText(code))
                : NotAWorkbook(ZipErrorText(code));
    return nullptr;
  }
  auto zip = std::make_unique<Zip>();
  zip->archive = archive;
  return std::unique_ptr<XlsxArchive>(new XlsxArchive(std::move(zip)));
}

std::unique_ptr<XlsxArchive> XlsxArchive::OpenBytes(std::string_view bytes, std::string& error) {
  zip_error_t zerror;
  zip_error_init(&zerror);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zerror);
  if (source == nullptr) {
    error = NotAWorkbook(zip_error_strerror(&zerror));
    zip_error_fini(&zerror);
    return nullptr;
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &zerror);
  if (archive == nullptr) {
    error = NotAWorkbook(zip_error_strerror(&zerror));
    zip_source_free(source);
    zip_error_fini(&zerror);
    return nullptr;
  }
  zip_error_fini(&zerror);
  auto zip = std::make_unique<Zip>();
  zip->archive = archive;
  return std::unique_ptr<XlsxArchive>(new XlsxArchive(std::move(zip)));
}

bool XlsxArchive::Has(std::string_view part) const {
  return zip_name_locate(zip_->archive, std::string(part).c_str(), ZIP_FL_NOCASE) >= 0;
}

std::string XlsxArchive::Stream(std::string_view part, uint64_t max_bytes,
                                std::string_view limit_name,
                                const std::function<bool(std::string_view)>& sink,
                                std::atomic<uint64_t>* size) const {
  const std::string name(part);
  const zip_int64_t index = zip_name_locate(zip_->archive, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return fmt::format("part {} is missing", part);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip_->archive, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    return fmt::format("part {}: {}", part, zip_strerror(zip_->archive));
  }
  auto over_limit = [&](uint64_t size) {
    return fmt::format("part {} is {} inflated, over the limit of {} (XlsxLimits::{})", part,
                       ShownBytes(size), ShownBytes(max_bytes), limit_name);
  };
  auto bomb = [&](uint64_t size, uint64_t compressed) {
    return fmt::format(
        "part {} inflates {} bytes to {}, more than {} times (XlsxLimits::max_ratio): refused as "
        "a zip bomb",
        part, compressed, ShownBytes(size), limits_.max_ratio);
  };
  uint64_t compressed = 0;
  if ((st.valid & ZIP_STAT_SIZE) != 0) {
    if (st.size > max_bytes) return over_limit(st.size);
    if ((st.valid & ZIP_STAT_COMP_SIZE) != 0) {
      compressed = st.comp_size;
      if (st.size >= limits_.ratio_from_bytes &&
          st.size / (compressed == 0 ? 1 : compressed) > limits_.max_ratio) {
        return bomb(st.size, compressed);
      }
    }
  }
  if (size != nullptr && (st.valid & ZIP_STAT_SIZE) != 0) size->store(st.size);
  zip_file_t* file = zip_fopen_index(zip_->archive, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) return fmt::format("part {}: {}", part, zip_strerror(zip_->archive));
  std::vector<char> buffer(std::size_t{1} << 18);
  uint64_t total = 0;
  std::string failure;
  for (;;) {
    const zip_int64_t n = zip_fread(file, buffer.data(), buffer.size());
    if (n < 0) {
      failure = fmt::format("part {}: {}", part, zip_file_strerror(file));
      break;
    }
    if (n == 0) break;
    total += static_cast<uint64_t>(n);
    // The stated sizes may be false: the bytes actually inflated are held to the limits.
    if (total > max_bytes) {
      failure = over_limit(total);
      break;
    }
    if (compressed > 0 && total >= limits_.ratio_from_bytes &&
        total / compressed > limits_.max_ratio) {
      failure = bomb(total, compressed);
      break;
    }
    if (!sink(std::string_view(buffer.data(), static_cast<std::size_t>(n)))) break;
  }
  zip_fclose(file);
  return failure;
}

std::string XlsxArchive::Read(std::string_view part, uint64_t max_bytes,
                              std::string_view limit_name, std::string& out) const {
  out.clear();
  return Stream(part, max_bytes, limit_name, [&](std::string_view block) {
    out.append(block);
    return true;
  });
}

}  // namespace assess::io
