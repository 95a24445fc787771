// A place in a rule file.
#ifndef ASSESS_CORE_SOURCE_POS_H_
#define ASSESS_CORE_SOURCE_POS_H_

namespace assess {

// 1-based line and column (columns count Unicode code points); 0 = unknown.
struct SourcePos {
  int line = 0;
  int column = 0;
  bool known() const { return line > 0; }
  friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

}  // namespace assess

#endif  // ASSESS_CORE_SOURCE_POS_H_
