// The parts of the walk over a rule file, one per section of rule-language §3-§9. Each reads the
// value of its top-level entry into the SchemeDecl and reports every wrong shape.
#ifndef ASSESS_LOAD_SECTIONS_H_
#define ASSESS_LOAD_SECTIONS_H_

#include <optional>

#include "load/scheme_decl.h"
#include "load/walker.h"

namespace assess::load {

// load_nodes.cc
void LoadIndicators(Walker& walker, const Entry& entry, SchemeDecl& decl);
void LoadVetoes(Walker& walker, const Entry& entry, SchemeDecl& decl);
// `cap: NUMBER` or `cap: none` (which removes a default cap).
void ReadCap(Walker& walker, const Entry& entry, std::optional<NumberDecl>& cap, bool& cap_none);

// load_sections.cc
void LoadInputs(Walker& walker, const Entry& entry, SchemeDecl& decl);
void LoadParams(Walker& walker, const Entry& entry, SchemeDecl& decl);
void LoadTotal(Walker& walker, const Entry& entry, SchemeDecl& decl);
void LoadGrades(Walker& walker, const Entry& entry, SchemeDecl& decl);
void LoadRounding(Walker& walker, const Entry& entry, SchemeDecl& decl);

// load_tests.cc
void LoadTests(Walker& walker, const Entry& entry, SchemeDecl& decl);

}  // namespace assess::load

#endif  // ASSESS_LOAD_SECTIONS_H_
