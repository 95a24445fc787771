// This file's external interface is Scheme::Functions: the expression language's functions with
// their signatures and one line each, for hover and completion in editors.
#include "assess/scheme.h"

namespace assess {

const std::vector<FunctionInfo>& Scheme::Functions() {
  static const std::vector<FunctionInfo> kFunctions = {
      {"min", "min(a, b, ...)",
       "The smallest argument; with one list argument, of the list "
       "(an empty list gives null)."},
      {"max", "max(a, b, ...)",
       "The largest argument; with one list argument, of the list "
       "(an empty list gives null)."},
      {"abs", "abs(x)", "The absolute value of x."},
      {"floor", "floor(x)", "The largest whole number not above x."},
      {"ceil", "ceil(x)", "The smallest whole number not below x."},
      {"sqrt", "sqrt(x)", "The square root of x (x below 0 is an evaluation error)."},
      {"ln", "ln(x)", "The natural logarithm of x (x at or below 0 is an evaluation error)."},
      {"exp", "exp(x)", "e to the power x."},
      {"round", "round(x, d)",
       "x rounded half away from zero to d decimals (default 0), on "
       "its shortest decimal text (保留小数)."},
      {"clamp", "clamp(x, lo, hi)", "x held within [lo, hi]: min(max(x, lo), hi)."},
      {"ramp", "ramp(x, a, b)",
       "(x - a) / (b - a) held within [0, 1]; a > b gives a falling "
       "ramp (lower is better) (功效系数)."},
      {"interp", "interp(x, [x0, y0], [x1, y1], ...)",
       "Piecewise-linear through the points (x strictly increasing): y0 below x0, the last y "
       "above the last x (线性插值)."},
      {"step", "step(x, [t1, y1], ..., [tn, yn], d)",
       "The y of the largest t at or below x (t ascending); d (default 0) when x is below t1 "
       "(分档计分)."},
      {"lookup", "lookup(key, table, default)",
       "The table's number for the text key (a map literal or a param table); without an "
       "entry, the default, else an evaluation error."},
      {"is_missing", "is_missing(x)", "true when x is null (a missing value)."},
      {"coalesce", "coalesce(a, b, ...)", "The first argument that is not null."},
      {"safe_div", "safe_div(a, b, d)", "a / b, or d when b is 0."},
      {"sum", "sum(list)", "The sum of a list (an empty list gives 0)."},
      {"count", "count(list)", "The number of elements of a list."},
      {"mean", "mean(list)", "The mean of a list (an empty list gives null)."},
      {"median", "median(list)", "The median of a list (an empty list gives null)."},
      {"trimmed_mean", "trimmed_mean(list, k)",
       "The mean after dropping the k highest and k lowest (去掉最高分和最低分); the plain mean "
       "when there are 2k or fewer."},
      {"peer_max", "peer_max(x)", "The largest x in the unit's peer group (同类单位)."},
      {"peer_min", "peer_min(x)", "The smallest x in the unit's peer group."},
      {"peer_mean", "peer_mean(x)", "The mean of x over the unit's peer group."},
      {"peer_sum", "peer_sum(x)", "The sum of x over the unit's peer group."},
      {"peer_count", "peer_count(x)", "How many units of the peer group have an x."},
      {"peer_rank", "peer_rank(x)",
       "1 + the number of peers with a larger x (ties share a rank) (按名次计分)."},
      {"peer_rank_asc", "peer_rank_asc(x)", "1 + the number of peers with a smaller x."},
      {"peer_percentile", "peer_percentile(x)",
       "The share of the other peers with a smaller x: 0 for the lowest, 1 for the highest."},
  };
  return kFunctions;
}

}  // namespace assess
