// AppendUnits: the units of one table appended to another's, as if one UnitTableBuilder had
// read them all in order (the CSV reader reads a large text in parts, on two threads).
#ifndef ASSESS_DATA_UNIT_TABLE_MERGE_H_
#define ASSESS_DATA_UNIT_TABLE_MERGE_H_

#include "data/unit_id_set.h"
#include "data/unit_table.h"

namespace assess::data {

// `second`'s units follow `first`'s. Both were built for `spec`. A unit of `second` whose
// id a unit of `first` holds is a duplicate (rule-language §16: the first row is the unit),
// whatever else was wrong with it, exactly as the builder reports it; texts are renumbered into
// `first`'s pool; every value is kept bit for bit. (Such a duplicate keeps the defaults it
// was read with, where one builder would have left them out: the values of a unit in error
// are never read, as it is not evaluated and takes no part in peer functions.)
// `first_ids` are the ids `first` holds (UnitTableBuilder::ids_held of the builder that
// made it). The columns are joined on two threads.
void AppendUnits(UnitTable& first, UnitTable&& second, const DataSpec& spec,
                 const UnitIdSet& first_ids);

// Adds `rows_before` to the rows of a table whose rows were counted from its part's start
// (UnitTable::rows_relative), in `rows` and in its messages, which then read as if one
// builder had read the whole text; the table's rows are then as any table's. AppendUnits
// takes only such tables.
void AddToRows(UnitTable& table, uint64_t rows_before);

// Records in `ids` the ids that units [from, table.size()) of `table` hold (`ids` being
// the set over `table.ids`), so that a later AppendUnits finds repeats of them too: for a
// table joined from more than two parts, after each part but the last is appended.
void RecordIds(UnitIdSet& ids, const UnitTable& table, std::size_t from);

}  // namespace assess::data

#endif  // ASSESS_DATA_UNIT_TABLE_MERGE_H_
