// CodeCells: the CSV cell of every 16-bit score code at a scheme's digits (code_texts.h):
// "," and the text the writer gives the double k / 10^digits (nothing for the null code),
// so the bytes are the same by either path. Internal to report/.
#ifndef ASSESS_REPORT_CODE_CELLS_H_
#define ASSESS_REPORT_CODE_CELLS_H_

#include <string>

#include "report/code_texts.h"

namespace assess::report {

struct CsvCellText {
  void operator()(double x, int digits, std::string& out) const;
};

// nullopt when some cell would not fit one 8-byte word (digits 5 and more).
using CodeCells = CodeTexts<8, CsvCellText>;

}  // namespace assess::report

#endif  // ASSESS_REPORT_CODE_CELLS_H_
