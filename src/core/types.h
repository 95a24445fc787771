// The small domain enums shared by every stage of the pipeline.
#ifndef ASSESS_CORE_TYPES_H_
#define ASSESS_CORE_TYPES_H_

#include <string_view>

namespace assess {

// The type of an input column (rule-language §4). Booleans are stored as 0/1, texts as TextPool
// ids.
enum class InputType { kNumber, kInteger, kBoolean, kText, kList };

// What happens when a node's `score` or `when` is null (rule-language §6, §12).
enum class OnMissing { kError, kZero, kFull, kExclude };

// Leaf: has `score`. Group: has `children`. Bonus / deduction: have `rules`.
enum class NodeKind { kLeaf, kGroup, kBonus, kDeduction };

std::string_view InputTypeName(InputType t);
std::string_view OnMissingName(OnMissing m);
std::string_view NodeKindName(NodeKind k);

}  // namespace assess

#endif  // ASSESS_CORE_TYPES_H_
