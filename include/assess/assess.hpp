// All of the C++ API of assess.
#ifndef ASSESS_ASSESS_HPP_
#define ASSESS_ASSESS_HPP_

#include "assess/batch.h"
#include "assess/diagnostic.h"
#include "assess/evaluate.h"
#include "assess/expected.h"
#include "assess/results.h"
#include "assess/scheme.h"

#endif  // ASSESS_ASSESS_HPP_
