#include "template/ast/depth.h"

#include <algorithm>
#include <cstddef>
#include <memory_resource>
#include <utility>
#include <vector>

namespace unjucks::tpl::ast {

uint32_t expression_depth(const Node* root) {
  if (root == nullptr) return 0;
  if (root->type == NodeType::Literal || root->type == NodeType::Symbol) return 1;
  // Most expressions are small: their work list stays in this buffer (no allocation).
  using Item = std::pair<const Node*, uint32_t>;
  constexpr size_t kInline = 64;
  alignas(Item) std::byte buf[kInline * sizeof(Item)];
  std::pmr::monotonic_buffer_resource resource(buf, sizeof buf);
  std::pmr::vector<Item> todo(&resource);
  todo.reserve(kInline);
  todo.emplace_back(root, 1);
  uint32_t deepest = 0;
  auto push = [&todo](const Node* child, uint32_t depth) {
    if (child != nullptr) todo.emplace_back(child, depth);
  };
  while (!todo.empty()) {
    auto [n, d] = todo.back();
    todo.pop_back();
    deepest = std::max(deepest, d);
    uint32_t c = d + 1;
    switch (n->type) {
      case NodeType::Lookup:
        push(static_cast<const Lookup*>(n)->target, c);
        push(static_cast<const Lookup*>(n)->key, c);
        break;
      case NodeType::Call: {
        auto* call = static_cast<const Call*>(n);
        push(call->callee, c);
        for (const Node* a : call->args) push(a, c);
        for (const KwArg& k : call->kwargs) push(k.value, c);
        break;
      }
      case NodeType::Filter: {
        auto* f = static_cast<const Filter*>(n);
        push(f->target, c);
        for (const Node* a : f->args) push(a, c);
        for (const KwArg& k : f->kwargs) push(k.value, c);
        break;
      }
      case NodeType::Neg:
      case NodeType::Pos:
      case NodeType::Not:
        push(static_cast<const Unary*>(n)->target, c);
        break;
      case NodeType::Add:
      case NodeType::Sub:
      case NodeType::Mul:
      case NodeType::Div:
      case NodeType::FloorDiv:
      case NodeType::Mod:
      case NodeType::Pow:
      case NodeType::Concat:
      case NodeType::And:
      case NodeType::Or:
      case NodeType::In:
        push(static_cast<const Binary*>(n)->left, c);
        push(static_cast<const Binary*>(n)->right, c);
        break;
      case NodeType::Is: {
        auto* is = static_cast<const Is*>(n);
        push(is->target, c);
        for (const Node* a : is->args) push(a, c);
        for (const KwArg& k : is->kwargs) push(k.value, c);
        break;
      }
      case NodeType::Compare: {
        auto* cmp = static_cast<const Compare*>(n);
        push(cmp->first, c);
        for (const CompareOperand& o : cmp->ops) push(o.expr, c);
        break;
      }
      case NodeType::InlineIf: {
        auto* ii = static_cast<const InlineIf*>(n);
        push(ii->cond, c);
        push(ii->body, c);
        push(ii->else_, c);
        break;
      }
      case NodeType::Array:
      case NodeType::Group:
        for (const Node* item : static_cast<const Aggregate*>(n)->items) push(item, c);
        break;
      case NodeType::Dict:
        for (const DictPair& p : static_cast<const Dict*>(n)->pairs) push(p.value, c);
        break;
      case NodeType::Slice: {
        auto* s = static_cast<const Slice*>(n);
        push(s->target, c);
        push(s->start, c);
        push(s->stop, c);
        push(s->step, c);
        break;
      }
      default:  // literals, symbols, callers, captures
        break;
    }
  }
  return deepest;
}

}  // namespace unjucks::tpl::ast
