// This file's external interface is the *Name functions of core/types.h.
#include "core/types.h"

namespace assess {

std::string_view InputTypeName(InputType t) {
  switch (t) {
    case InputType::kNumber:
      return "number";
    case InputType::kInteger:
      return "integer";
    case InputType::kBoolean:
      return "boolean";
    case InputType::kText:
      return "text";
    case InputType::kList:
      return "list";
  }
  return "?";
}

std::string_view OnMissingName(OnMissing m) {
  switch (m) {
    case OnMissing::kError:
      return "error";
    case OnMissing::kZero:
      return "zero";
    case OnMissing::kFull:
      return "full";
    case OnMissing::kExclude:
      return "exclude";
  }
  return "?";
}

std::string_view NodeKindName(NodeKind k) {
  switch (k) {
    case NodeKind::kLeaf:
      return "leaf";
    case NodeKind::kGroup:
      return "group";
    case NodeKind::kBonus:
      return "bonus";
    case NodeKind::kDeduction:
      return "deduction";
  }
  return "?";
}

}  // namespace assess
