// This file's external interface is YamlNode, YamlTree and YamlTree::Builder.
//
// The builder follows YAML::NodeBuilder (yaml-cpp 0.7): a node is made at its event, an
// anchor names the node made at the event that carries it (a collection's anchor is known
// at its start, so an alias inside it makes a cycle), an alias is that very node again, a
// collection's children are those completed while it is open, and a mapping's children
// alternate key and value. Children wait in one stack (`pending_`) until their collection
// closes and are then copied into the tree's flat array, so building allocates nothing
// per node.
#include "load/yaml_tree.h"

#include <limits>
#include <stdexcept>

namespace assess::load {

bool YamlNode::IsNull() const {
  return tree_ == nullptr || tree_->nodes_[index_].kind == YamlTree::Kind::kNull;
}
bool YamlNode::IsScalar() const {
  return tree_ != nullptr && tree_->nodes_[index_].kind == YamlTree::Kind::kScalar;
}
bool YamlNode::IsSequence() const {
  return tree_ != nullptr && tree_->nodes_[index_].kind == YamlTree::Kind::kSequence;
}
bool YamlNode::IsMap() const {
  return tree_ != nullptr && tree_->nodes_[index_].kind == YamlTree::Kind::kMap;
}
bool YamlNode::IsPlain() const { return IsScalar() && tree_->nodes_[index_].plain; }
bool YamlNode::IsFlow() const { return tree_ != nullptr && tree_->nodes_[index_].flow; }

std::string_view YamlNode::Scalar() const {
  if (!IsScalar()) return {};
  const YamlTree::Rec& r = tree_->nodes_[index_];
  return std::string_view(tree_->chars_).substr(r.begin, r.size);
}

int YamlNode::MarkPos() const { return tree_ == nullptr ? -1 : tree_->nodes_[index_].mark; }

std::size_t YamlNode::size() const {
  if (IsSequence()) return tree_->nodes_[index_].size;
  if (IsMap()) return tree_->nodes_[index_].size / 2;
  return 0;
}

YamlNode YamlNode::Child(std::size_t k) const {
  const YamlTree::Rec& r = tree_->nodes_[index_];
  return YamlNode(tree_, tree_->children_[r.begin + k]);
}

YamlNode YamlNode::Item(std::size_t i) const {
  return IsSequence() && i < size() ? Child(i) : YamlNode();
}
YamlNode YamlNode::Key(std::size_t i) const {
  return IsMap() && i < size() ? Child(2 * i) : YamlNode();
}
YamlNode YamlNode::Value(std::size_t i) const {
  return IsMap() && i < size() ? Child(2 * i + 1) : YamlNode();
}

YamlNode YamlTree::root() const { return root_ ? YamlNode(this, *root_) : YamlNode(); }

bool YamlTree::AppendItems(const YamlNode& seq, const YamlNode& more) {
  const YamlTree& other = *more.tree_;
  constexpr std::size_t kMax = std::numeric_limits<uint32_t>::max();
  const std::size_t items = std::size_t{nodes_[seq.index_].size} + other.nodes_[more.index_].size;
  if (nodes_.size() + other.nodes_.size() >= kMax || chars_.size() + other.chars_.size() >= kMax ||
      children_.size() + other.children_.size() + items >= kMax) {
    return false;
  }
  const auto node_base = static_cast<uint32_t>(nodes_.size());
  const auto chars_base = static_cast<uint32_t>(chars_.size());
  const auto child_base = static_cast<uint32_t>(children_.size());
  chars_ += other.chars_;
  nodes_.reserve(nodes_.size() + other.nodes_.size());
  for (Rec r : other.nodes_) {
    r.begin += r.kind == Kind::kScalar ? chars_base : r.kind == Kind::kNull ? 0 : child_base;
    nodes_.push_back(r);
  }
  children_.reserve(children_.size() + other.children_.size() + items);
  for (uint32_t c : other.children_) children_.push_back(c + node_base);
  // The joined items: a new run of children (the old run stays, unused).
  Rec& joined = nodes_[seq.index_];
  const Rec& appended = nodes_[node_base + more.index_];
  const auto begin = static_cast<uint32_t>(children_.size());
  for (uint32_t k = 0; k < joined.size; ++k) children_.push_back(children_[joined.begin + k]);
  for (uint32_t k = 0; k < appended.size; ++k) children_.push_back(children_[appended.begin + k]);
  joined.begin = begin;
  joined.size += appended.size;
  return true;
}

int YamlTree::Builder::MapMark(int mark, bool null) {
  if (mark < 0) return mark;
  if (gap_at_ >= 0 && mark >= gap_at_) {
    if (mark == gap_at_ && null && !past_gap_) return gap_null_mark_;
    if (!null) past_gap_ = true;
    return mark + gap_;
  }
  return mark + offset_;
}

uint32_t YamlTree::Builder::Add(const YAML::Mark& mark, YAML::anchor_t anchor, Kind kind) {
  const int pos = MapMark(mark.pos, kind == Kind::kNull);
  if (!first_) first_ = First{pos, kind == Kind::kNull};
  // Offsets are 32-bit: a rule file is far smaller (LoadLimits::max_file_bytes).
  if (tree_.nodes_.size() >= std::numeric_limits<uint32_t>::max()) throw std::length_error("YAML");
  auto index = static_cast<uint32_t>(tree_.nodes_.size());
  Rec& r = tree_.nodes_.emplace_back();
  r.mark = pos;
  r.kind = kind;
  if (anchor != 0) {
    saw_anchors_ = true;
    // yaml-cpp numbers the anchors of a document 1, 2, 3... in the order of their events.
    if (anchors_.size() < anchor) anchors_.resize(anchor, index);
    anchors_[anchor - 1] = index;
  }
  return index;
}

void YamlTree::Builder::Attach(uint32_t node) {
  if (open_.empty()) {
    if (!tree_.root_) tree_.root_ = node;
    return;
  }
  pending_.push_back(node);
}

void YamlTree::Builder::Close() {
  if (open_.empty()) return;  // yaml-cpp pairs every end with a start
  Open o = open_.back();
  open_.pop_back();
  Rec& r = tree_.nodes_[o.node];
  std::size_t count = pending_.size() - o.first_child;
  // A key whose value never came is not an entry (NodeBuilder inserts complete pairs).
  if (r.kind == Kind::kMap && count % 2 == 1) --count;
  r.begin = static_cast<uint32_t>(tree_.children_.size());
  r.size = static_cast<uint32_t>(count);
  tree_.children_.insert(tree_.children_.end(), pending_.begin() + o.first_child,
                         pending_.begin() + o.first_child + count);
  pending_.resize(o.first_child);
  Attach(o.node);
}

void YamlTree::Builder::OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) {
  Attach(Add(mark, anchor, Kind::kNull));
}

void YamlTree::Builder::OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) {
  // The parser resolves every alias to an anchor it numbered (or throws).
  saw_anchors_ = true;
  if (anchor == 0 || anchor > anchors_.size()) {
    Attach(Add(mark, 0, Kind::kNull));
    return;
  }
  if (!first_) first_ = First{MapMark(mark.pos, false), false};
  Attach(anchors_[anchor - 1]);
}

void YamlTree::Builder::OnScalar(const YAML::Mark& mark, const std::string& tag,
                                 YAML::anchor_t anchor, const std::string& value) {
  uint32_t index = Add(mark, anchor, Kind::kScalar);
  Rec& r = tree_.nodes_[index];
  r.plain = tag == "?";
  if (tree_.chars_.size() + value.size() >= std::numeric_limits<uint32_t>::max()) {
    throw std::length_error("YAML");
  }
  r.begin = static_cast<uint32_t>(tree_.chars_.size());
  r.size = static_cast<uint32_t>(value.size());
  tree_.chars_ += value;
  Attach(index);
}

void YamlTree::Builder::OnSequenceStart(const YAML::Mark& mark, const std::string&,
                                        YAML::anchor_t anchor, YAML::EmitterStyle::value style) {
  uint32_t index = Add(mark, anchor, Kind::kSequence);
  tree_.nodes_[index].flow = style == YAML::EmitterStyle::Flow;
  if (style == YAML::EmitterStyle::Block && tree_.nodes_[index].mark == watch_mark_ && !watched_) {
    watched_ = index;
  }
  open_.push_back({index, pending_.size()});
}

void YamlTree::Builder::OnMapStart(const YAML::Mark& mark, const std::string&,
                                   YAML::anchor_t anchor, YAML::EmitterStyle::value style) {
  uint32_t index = Add(mark, anchor, Kind::kMap);
  tree_.nodes_[index].flow = style == YAML::EmitterStyle::Flow;
  open_.push_back({index, pending_.size()});
}

}  // namespace assess::load
