// The words of published results (the HTML report, the .xlsx results' headers and scheme
// sheet), in the scheme's language: Chinese when the scheme's title is written in Chinese,
// else English. Titles and reasons come from the rule file as written.
#ifndef ASSESS_PUBLISH_REPORT_LABELS_H_
#define ASSESS_PUBLISH_REPORT_LABELS_H_

#include <string>
#include <string_view>

#include "assess/scheme.h"

namespace assess::publish {

struct Labels {
  std::string_view lang;  // the HTML lang attribute: "zh-CN" or "en"
  std::string_view version, summary, units, scored, in_error, vetoed;
  std::string_view group, all_units, ranking, rank, unit, total, grade, vetoes, score, points;
  std::string_view distribution, quota, at_most, count, not_applicable, bonus, deduction;
  std::string_view breakdown, indicator, reasons, computation, errors, place, message;
  std::string_view provenance, scheme, fingerprint, params, data, sheet, assess, generated;
  std::string_view none, back_to_ranking, title_column, kind, parent, id, unit_column;
};

const Labels& LabelsFor(const Scheme& scheme);

// Whether `text` holds a CJK ideograph (U+4E00..U+9FFF).
bool HasChinese(std::string_view text);

}  // namespace assess::publish

#endif  // ASSESS_PUBLISH_REPORT_LABELS_H_
