// ReadTakingParts and JoinParts: a text read in two parts on two threads, the second
// thread taking pieces of the first part's back when it is done with its own (SharedEnd),
// and the tables joined in the text's order. The JSON and JSON Lines readers share it:
// their later parts number their units from their own start (NumberRowsLater), and the
// join adds the rows before each (AddToRows). (The CSV reader does the same dance, but
// counts its rows before reading, and its pieces may fail one by one.)
#ifndef ASSESS_IO_PARTS_TAKEN_H_
#define ASSESS_IO_PARTS_TAKEN_H_

#include <algorithm>
#include <cstdint>
#include <latch>
#include <optional>
#include <utility>
#include <vector>

#include "core/run_on_threads.h"
#include "data/unit_table.h"
#include "data/unit_table_merge.h"
#include "io/data_readers.h"
#include "io/shared_end.h"

namespace assess::io {

// A part read by the second thread: where it starts (its cut), the rows it holds, and its
// table, whose rows count from its start.
struct TakenPart {
  uint64_t begin;
  uint64_t rows;
  data::UnitTable table;
};

// Runs read_first() on this thread and, on another, read_part(second_begin, second_end),
// then read_part(at, end) for each piece [at, end) of the first part it takes while at
// least 2 x sharing.least_taken bytes are unclaimed: `pick(from, end)` gives the cut of
// such a piece at or after `from` and before `end`, or nullopt. read_part returns the part
// (its begin the cut it was given), or nullopt to stop taking. With sharing.first_waits the
// first thread waits until the second has tried to take (tests). Returns the parts in the
// order taken.
template <class ReadFirst, class ReadPart, class Pick>
std::vector<TakenPart> ReadTakingParts(const PartSharing& sharing, SharedEnd& first_end,
                                       uint64_t second_begin, uint64_t second_end,
                                       ReadFirst&& read_first, ReadPart&& read_part, Pick&& pick) {
  std::vector<TakenPart> parts;
  std::latch first_may_start(sharing.first_waits ? 1 : 0);
  RunOnThreads(2, [&](int thread) {
    if (thread == 0) {
      first_may_start.wait();
      read_first();
      return;
    }
    bool holding = sharing.first_waits;
    auto let_first_start = [&] {
      if (holding) first_may_start.count_down();
      holding = false;
    };
    struct AtExit {  // also when read_part throws (a file that cannot be read)
      decltype(let_first_start)& run;
      ~AtExit() { run(); }
    } at_exit{let_first_start};
    std::optional<TakenPart> own = read_part(second_begin, second_end);
    if (!own) return;
    parts.push_back(std::move(*own));
    while (true) {
      const std::optional<std::pair<uint64_t, uint64_t>> taken =
          first_end.Take([&](uint64_t claimed, uint64_t end) -> std::optional<uint64_t> {
            if (end - claimed < 2 * sharing.least_taken) return std::nullopt;
            return pick(claimed + (end - claimed) / 2, end);
          });
      let_first_start();
      if (!taken) break;
      std::optional<TakenPart> piece = read_part(taken->first, taken->second);
      if (!piece) break;
      parts.push_back(std::move(*piece));
    }
  });
  return parts;
}

// Appends `parts` to `first` (the first part's table, holding `first_rows` rows; `ids` its
// builder's ids_held) in the text's order, each numbered on from the rows before it.
inline void JoinParts(data::UnitTable& first, data::UnitIdSet& ids, uint64_t first_rows,
                      std::vector<TakenPart> parts, const data::DataSpec& spec) {
  std::sort(parts.begin(), parts.end(),
            [](const TakenPart& a, const TakenPart& b) { return a.begin < b.begin; });
  uint64_t rows_before = first_rows;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    data::AddToRows(parts[k].table, rows_before);
    rows_before += parts[k].rows;
    const std::size_t before = first.size();
    data::AppendUnits(first, std::move(parts[k].table), spec, ids);
    if (k + 1 < parts.size()) data::RecordIds(ids, first, before);
  }
}

}  // namespace assess::io

#endif  // ASSESS_IO_PARTS_TAKEN_H_
