// Results as an .xlsx workbook (libxlsxwriter), for offices that work in Excel: a sheet of
// results with the CSV's columns and values (scores, totals and ranks as numeric cells with
// the scheme's decimals, the header frozen, a second header row with the indicators'
// titles, units in error with their message), a sheet with the scheme (indicator tree,
// points, titles, grades) and a sheet with the provenance.
#ifndef ASSESS_PUBLISH_XLSX_RESULTS_H_
#define ASSESS_PUBLISH_XLSX_RESULTS_H_

#include <string>

#include "assess/results.h"
#include "assess/scheme.h"
#include "provenance.h"

namespace assess::publish {

// Writes the workbook to `path`. Returns "" or why it could not be written.
std::string WriteXlsxResults(const Scheme& scheme, const Results& results,
                             const Provenance& provenance, const std::string& path);

}  // namespace assess::publish

#endif  // ASSESS_PUBLISH_XLSX_RESULTS_H_
