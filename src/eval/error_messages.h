// Messages of units' evaluation errors. Internal to eval/.
#ifndef ASSESS_EVAL_ERROR_MESSAGES_H_
#define ASSESS_EVAL_ERROR_MESSAGES_H_

#include <cstdint>
#include <map>
#include <string>

#include "check/model.h"
#include "compile/program.h"
#include "data/unit_table.h"
#include "eval/result_table.h"

namespace assess::eval {

// "unit M03 (row 4): evaluation error in `completion`: division by zero (rule file line 9)"
std::string DescribeError(const check::Model& model, const compile::Program& program,
                          const data::UnitTable& units, const ResultTable& res,
                          const std::map<std::pair<size_t, uint32_t>, double>& lookup_keys,
                          size_t unit);

}  // namespace assess::eval

#endif  // ASSESS_EVAL_ERROR_MESSAGES_H_
