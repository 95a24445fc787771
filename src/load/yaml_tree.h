// YamlTree: the first YAML document of a rule file, as yaml-cpp's parser reports it, kept
// in a few flat arrays. It holds what the walk reads of yaml-cpp's YAML::Node (kinds,
// scalars, plain or not, flow style, marks, and the nodes an alias shares) without
// yaml-cpp's node graph, whose building and freeing cost as much as the parse itself.
#ifndef ASSESS_LOAD_YAML_TREE_H_
#define ASSESS_LOAD_YAML_TREE_H_

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace assess::load {

class YamlTree;

// A node of a YamlTree, or no node (IsDefined() false). A cheap handle: copy it freely,
// while its tree lives. The names follow YAML::Node, as the walk used it.
class YamlNode {
 public:
  YamlNode() = default;

  bool IsDefined() const { return tree_ != nullptr; }
  bool IsNull() const;  // also true for no node
  bool IsScalar() const;
  bool IsSequence() const;
  bool IsMap() const;
  // A scalar with no tag and no quotes (yaml-cpp's tag "?"); false for other nodes.
  bool IsPlain() const;
  // A `[...]` or `{...}` collection.
  bool IsFlow() const;

  // The scalar's text ("" for other nodes); valid while the tree lives.
  std::string_view Scalar() const;
  // yaml-cpp's mark: the byte offset where the node starts (on its properties when it has
  // any; for an empty value, the next token's), or -1.
  int MarkPos() const;

  // Items of a sequence, entries of a mapping (in file order, repeated keys kept); 0 for
  // other nodes. Item() of a sequence, Key() and Value() of a mapping; no node past the
  // end or for a node of another kind.
  std::size_t size() const;
  YamlNode Item(std::size_t i) const;
  YamlNode Key(std::size_t i) const;
  YamlNode Value(std::size_t i) const;

  // The same node (aliases of one anchor are the same node).
  bool operator==(const YamlNode& other) const {
    return tree_ == other.tree_ && index_ == other.index_;
  }

 private:
  friend class YamlTree;
  YamlNode(const YamlTree* tree, uint32_t index) : tree_(tree), index_(index) {}
  YamlNode Child(std::size_t k) const;

  const YamlTree* tree_ = nullptr;
  uint32_t index_ = 0;
};

class YamlTree {
 public:
  // The document's root (no node for an empty document).
  YamlNode root() const;

  // Makes the items of `more` (a sequence of another tree) follow those of `seq` (a
  // sequence of this tree), copying the other tree's nodes into this one. False (and
  // nothing changed) when the tree would outgrow its 32-bit offsets.
  bool AppendItems(const YamlNode& seq, const YamlNode& more);

  // Appends the events of one document (a YAML::EventHandler that records them).
  class Builder;

 private:
  friend class YamlNode;
  enum class Kind : uint8_t { kNull, kScalar, kSequence, kMap };
  struct Rec {
    uint32_t begin = 0;  // kScalar: into chars_; collections: into children_
    uint32_t size = 0;
    int32_t mark = -1;
    Kind kind = Kind::kNull;
    bool plain = false;
    bool flow = false;
  };

  std::vector<Rec> nodes_;
  std::vector<uint32_t> children_;  // maps: key, value, key, value...
  std::string chars_;               // every scalar's text, one after the other
  std::optional<uint32_t> root_;
};

// Records yaml-cpp's events into a YamlTree, as YAML::NodeBuilder makes nodes of them.
class YamlTree::Builder : public YAML::EventHandler {
 public:
  // `offset`: where the parsed text starts in the file, added to every mark.
  explicit Builder(YamlTree& tree, int offset = 0) : tree_(tree), offset_(offset) {}

  // The parsed text is the file without its bytes [cut, cut + gap): marks from `cut` on
  // move by `gap`. A null made where the text goes on after the gap (a value left empty
  // at its end), before any other node there, gets `null_mark`: where the whole file
  // goes on instead, which yaml-cpp would have given it.
  void SetGap(int cut, int gap, int null_mark) {
    gap_at_ = cut;
    gap_ = gap;
    gap_null_mark_ = null_mark;
  }
  // Records the block sequence starting at file offset `mark`, if there is one, as
  // watched() (no node otherwise).
  void WatchSequence(int mark) { watch_mark_ = mark; }
  YamlNode watched() const { return watched_ ? YamlNode(&tree_, *watched_) : YamlNode(); }
  // True when the text had an anchor `&a` or an alias `*a`.
  bool saw_anchors() const { return saw_anchors_; }

  // The first node event of the document: where it starts and whether it was a null.
  struct First {
    int mark = -1;
    bool null = false;
  };
  const std::optional<First>& first() const { return first_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override;
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override;
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override;
  void OnMapEnd() override { Close(); }

 private:
  struct Open {
    uint32_t node;
    std::size_t first_child;  // into pending_
  };
  int MapMark(int mark, bool null);
  uint32_t Add(const YAML::Mark& mark, YAML::anchor_t anchor, Kind kind);
  void Attach(uint32_t node);
  void Close();

  YamlTree& tree_;
  int offset_ = 0;
  int gap_at_ = -1;
  int gap_ = 0;
  int gap_null_mark_ = -1;
  bool past_gap_ = false;
  int watch_mark_ = -1;
  std::optional<uint32_t> watched_;
  bool saw_anchors_ = false;
  std::optional<First> first_;
  std::vector<Open> open_;         // the collections not closed yet, outermost first
  std::vector<uint32_t> pending_;  // their children so far, in order
  std::vector<uint32_t> anchors_;  // node of anchor k at k - 1 (yaml-cpp counts from 1)
};

}  // namespace assess::load

#endif  // ASSESS_LOAD_YAML_TREE_H_
