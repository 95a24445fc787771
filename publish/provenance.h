// Provenance: what an appeal needs to reproduce published results — the scheme (id,
// version, and a fingerprint of the rule file's bytes and the params in force), the data
// file (its name and SHA-256), the assess version and the time. The .xlsx results and the
// HTML report both carry it.
#ifndef ASSESS_PUBLISH_PROVENANCE_H_
#define ASSESS_PUBLISH_PROVENANCE_H_

#include <string>
#include <string_view>
#include <vector>

#include "assess/scheme.h"

namespace assess::publish {

struct Provenance {
  std::string scheme_id;
  std::string scheme_title;
  std::string scheme_version;
  std::string rules_file;
  // SHA-256 (hex) of the rule file's bytes followed, for each param override in the order
  // given, by a line "\n--param NAME=VALUE": without overrides, what `sha256sum RULES` says.
  std::string scheme_sha256;
  std::vector<std::string> params;  // the overrides in force, NAME=VALUE
  std::string data_file;
  std::string data_sha256;  // of the data file's bytes
  std::string sheet;        // the worksheet read, for .xlsx data
  std::string assess_version;
  std::string time_utc;  // when the results were made: 2026-12-05T22:30:00Z
};

// Fills a Provenance; fails (returns false, `error` set) when a file cannot be read.
bool DescribeRun(const Scheme& scheme, const std::string& rules_file,
                 const std::vector<std::string>& params, const std::string& data_file,
                 const std::string& sheet, Provenance& out, std::string& error);

// SHA-256 of bytes, as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view bytes);

}  // namespace assess::publish

#endif  // ASSESS_PUBLISH_PROVENANCE_H_
