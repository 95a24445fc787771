// This file's external interface is CsvCellText, the cells of CodeCells (code_cells.h).
#include "report/code_cells.h"

#include <cmath>

#include "num/number_text.h"

namespace assess::report {

void CsvCellText::operator()(double x, int digits, std::string& out) const {
  out += ',';
  if (std::isnan(x)) return;  // the null code: an empty cell
  char room[kFixedShortMaxBytes];
  if (char* end = WriteFixedShort(room, x, digits)) {
    out.append(room, static_cast<std::size_t>(end - room));
  } else {
    AppendFixed(out, x, digits);
  }
}

}  // namespace assess::report
