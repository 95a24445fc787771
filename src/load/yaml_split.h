// Where a rule file's YAML can be parsed in two parts at once: between two items of the
// top-level block list `indicators:`. The plan is made from the text alone and only
// proposes; the parse checks (yaml_parse.cc) that yaml-cpp read both parts as the
// whole file would have, and parses the whole file otherwise.
#ifndef ASSESS_LOAD_YAML_SPLIT_H_
#define ASSESS_LOAD_YAML_SPLIT_H_

#include <cstddef>
#include <optional>
#include <string_view>

namespace assess::load {

// Offsets into the text. The list's items are the lines starting with `indent` spaces and
// a `-` (then a blank or the line's end); the second part is [cut, end), whole lines from
// the start of an item to where the list ends, and the first part is the rest of the text.
// The list is followed by a top-level key, on the line [end, key_line_end).
struct SplitPlan {
  std::size_t first_item = 0;    // start of the line of the list's first item
  std::size_t cut = 0;           // start of the line of the second part's first item
  std::size_t end = 0;           // start of the first line after the list
  std::size_t key_line_end = 0;  // the start of the line after that
  std::size_t indent = 0;        // column of the items' `-` (at least 1)
  std::size_t items_before = 0;  // item lines in [first_item, cut)
  std::size_t items_after = 0;   // item lines in [cut, end)
};

// A plan whose second part has at least `min_part_bytes`, cut so that the two parts are
// about the same size; nullopt when the text has no such list, or anything the split
// does not handle: directives (`%`), tabs in an indentation, a lone carriage return, or a
// list followed by anything but a top-level key starting with a letter (the end of the
// text included).
std::optional<SplitPlan> PlanSplit(std::string_view text, std::size_t min_part_bytes);

}  // namespace assess::load

#endif  // ASSESS_LOAD_YAML_SPLIT_H_
