// This file's external interface is DescribeRun and Sha256Hex (OpenSSL's libcrypto).
#include "provenance.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <openssl/evp.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <memory>

#include "assess/api.h"

namespace assess::publish {
namespace {

class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
    if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) throw std::bad_alloc();
  }
  void Add(std::string_view bytes) { EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()); }
  std::string Hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestFinal_ex(ctx_.get(), digest, &size);
    std::string out;
    for (unsigned int i = 0; i < size; ++i) out += fmt::format("{:02x}", digest[i]);
    return out;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx_;
};

// Adds the file's bytes to `sha`, block by block (a data file may be gigabytes).
bool AddFile(const std::string& path, Sha256& sha, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = fmt::format("{}: cannot open ({})", path, std::strerror(errno));
    return false;
  }
  std::vector<char> block(std::size_t{1} << 20);
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    sha.Add(std::string_view(block.data(), static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) {
    error = fmt::format("{}: read error", path);
    return false;
  }
  return true;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  Sha256 sha;
  sha.Add(bytes);
  return sha.Hex();
}

bool DescribeRun(const Scheme& scheme, const std::string& rules_file,
                 const std::vector<std::string>& params, const std::string& data_file,
                 const std::string& sheet, Provenance& out, std::string& error) {
  out.scheme_id = scheme.id();
  out.scheme_title = scheme.title();
  out.scheme_version = scheme.version();
  out.rules_file = rules_file;
  out.params = params;
  out.data_file = data_file;
  out.sheet = sheet;
  out.assess_version = ASSESS_VERSION_STRING;
  Sha256 rules;
  if (!AddFile(rules_file, rules, error)) return false;
  for (const std::string& p : params) rules.Add("\n--param " + p);
  out.scheme_sha256 = rules.Hex();
  Sha256 data;
  if (!AddFile(data_file, data, error)) return false;
  out.data_sha256 = data.Hex();
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  out.time_utc = fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", utc);
  return true;
}

}  // namespace assess::publish
