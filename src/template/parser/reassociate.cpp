// Nunjucks compiles operators to JavaScript source without parentheses, so JavaScript's own
// precedence decides what a template means: `not a == b` is `(!a) == b`, `2 * 5 % 3` is
// `(2 * 5) % 3`, `1 + 2 ~ 3 + 4` is `((1 + 2) + "") + 3) + 4`. To give the same results we
// flatten each operator chain into the token sequence Nunjucks emits and parse it again with
// JavaScript's precedence. Calls, lookups, filters, groups and literals stay atoms.
#include <vector>

#include "mem/stack_limit.h"
#include "template/lexer/syntax_error.h"
#include "template/parser/parser.h"

namespace unjucks::tpl {

using ast::NodeType;

namespace {

enum class Op : uint8_t { Or, And, Eq, StrictEq, Ne, StrictNe, Lt, Gt, Le, Ge, Add, Sub, Mul, Div, Mod };

struct Item {
  enum Kind : uint8_t { Atom, Binary, Prefix } kind;
  Op op;               // Binary
  NodeType prefix;     // Prefix: Not, Neg, Pos
  ast::Node* atom;     // Atom
  uint32_t pos;
};

int precedence(Op op) {
  switch (op) {
    case Op::Or: return 4;
    case Op::And: return 5;
    case Op::Eq: case Op::StrictEq: case Op::Ne: case Op::StrictNe: return 9;
    case Op::Lt: case Op::Gt: case Op::Le: case Op::Ge: return 10;
    case Op::Add: case Op::Sub: return 12;
    case Op::Mul: case Op::Div: case Op::Mod: return 13;
  }
  return 0;
}

Op compare_op(ast::CmpOp c) {
  switch (c) {
    case ast::CmpOp::Eq: return Op::Eq;
    case ast::CmpOp::StrictEq: return Op::StrictEq;
    case ast::CmpOp::Ne: return Op::Ne;
    case ast::CmpOp::StrictNe: return Op::StrictNe;
    case ast::CmpOp::Lt: return Op::Lt;
    case ast::CmpOp::Gt: return Op::Gt;
    case ast::CmpOp::Le: return Op::Le;
    case ast::CmpOp::Ge: return Op::Ge;
  }
  return Op::Eq;
}

}  // namespace

class Reassociator {
 public:
  explicit Reassociator(Template& t) : tmpl_(t), stack_floor_(mem::stack_floor()) {}

  ast::Node* rewrite(ast::Node* n) {
    if (n == nullptr) return n;
    check_stack(n);
    if (!is_operator(n)) {
      rewrite_children(n);
      return n;
    }
    std::vector<Item> items;
    flatten(n, items);
    size_t i = 0;
    return parse(items, i, 0);
  }

 private:
  // Recursion here follows the parsed tree, which the parser kept within parse-depth; a raised
  // limit or a small thread stack must still end in an error.
  void check_stack(const ast::Node* n) const {
    if (mem::stack_position() < stack_floor_) [[unlikely]]
      throw SyntaxError{"expression is too deep for the stack", n->pos};
  }

  static bool is_operator(const ast::Node* n) {
    switch (n->type) {
      case NodeType::Or: case NodeType::And: case NodeType::Add: case NodeType::Sub:
      case NodeType::Mul: case NodeType::Div: case NodeType::Mod: case NodeType::Concat:
      case NodeType::Not: case NodeType::Neg: case NodeType::Pos: case NodeType::Compare:
        return true;
      default:
        return false;
    }
  }

  void binary(ast::Node* l, Op op, ast::Node* r, uint32_t pos, std::vector<Item>& out) {
    flatten(l, out);
    out.push_back(Item{Item::Binary, op, NodeType::Data, nullptr, pos});
    flatten(r, out);
  }

  void flatten(ast::Node* n, std::vector<Item>& out) {
    check_stack(n);
    switch (n->type) {
      case NodeType::Or: case NodeType::And: case NodeType::Add: case NodeType::Sub:
      case NodeType::Mul: case NodeType::Div: case NodeType::Mod: {
        auto* b = static_cast<ast::Binary*>(n);
        Op op = n->type == NodeType::Or    ? Op::Or
                : n->type == NodeType::And ? Op::And
                : n->type == NodeType::Add ? Op::Add
                : n->type == NodeType::Sub ? Op::Sub
                : n->type == NodeType::Mul ? Op::Mul
                : n->type == NodeType::Div ? Op::Div
                                           : Op::Mod;
        binary(b->left, op, b->right, n->pos, out);
        return;
      }
      case NodeType::Concat: {  // L + "" + R
        auto* b = static_cast<ast::Binary*>(n);
        flatten(b->left, out);
        out.push_back(Item{Item::Binary, Op::Add, NodeType::Data, nullptr, n->pos});
        auto* empty = tmpl_.arena().make<ast::Literal>();
        empty->type = NodeType::Literal;
        empty->pos = n->pos;
        empty->value = Value::string("");
        out.push_back(Item{Item::Atom, Op::Or, NodeType::Data, empty, n->pos});
        out.push_back(Item{Item::Binary, Op::Add, NodeType::Data, nullptr, n->pos});
        flatten(b->right, out);
        return;
      }
      case NodeType::Not: case NodeType::Neg: case NodeType::Pos:
        out.push_back(Item{Item::Prefix, Op::Or, n->type, nullptr, n->pos});
        flatten(static_cast<ast::Unary*>(n)->target, out);
        return;
      case NodeType::Compare: {
        auto* c = static_cast<ast::Compare*>(n);
        flatten(c->first, out);
        for (const ast::CompareOperand& o : c->ops) {
          out.push_back(Item{Item::Binary, compare_op(o.op), NodeType::Data, nullptr, n->pos});
          flatten(o.expr, out);
        }
        return;
      }
      default:
        rewrite_children(n);
        out.push_back(Item{Item::Atom, Op::Or, NodeType::Data, n, n->pos});
        return;
    }
  }

  ast::Node* parse_unary(const std::vector<Item>& items, size_t& i) {
    const Item& it = items[i++];
    if (it.kind == Item::Prefix) {
      auto* u = tmpl_.arena().make<ast::Unary>();
      u->type = it.prefix;
      u->pos = it.pos;
      u->target = parse_unary(items, i);
      return u;
    }
    return it.atom;
  }

  ast::Node* parse(const std::vector<Item>& items, size_t& i, int min_prec) {
    ast::Node* left = parse_unary(items, i);
    while (i < items.size() && items[i].kind == Item::Binary && precedence(items[i].op) > min_prec) {
      const Item& op = items[i++];
      ast::Node* right = parse(items, i, precedence(op.op));
      left = make_binary(op, left, right);
    }
    return left;
  }

  ast::Node* make_binary(const Item& op, ast::Node* l, ast::Node* r) {
    NodeType t;
    switch (op.op) {
      case Op::Or: t = NodeType::Or; break;
      case Op::And: t = NodeType::And; break;
      case Op::Add: t = NodeType::Add; break;
      case Op::Sub: t = NodeType::Sub; break;
      case Op::Mul: t = NodeType::Mul; break;
      case Op::Div: t = NodeType::Div; break;
      case Op::Mod: t = NodeType::Mod; break;
      default: {
        auto* c = tmpl_.arena().make<ast::Compare>();
        c->type = NodeType::Compare;
        c->pos = l->pos;
        c->first = l;
        auto* o = static_cast<ast::CompareOperand*>(
            tmpl_.arena().allocate(sizeof(ast::CompareOperand), alignof(ast::CompareOperand)));
        ast::CmpOp cmp = op.op == Op::Eq         ? ast::CmpOp::Eq
                         : op.op == Op::StrictEq ? ast::CmpOp::StrictEq
                         : op.op == Op::Ne       ? ast::CmpOp::Ne
                         : op.op == Op::StrictNe ? ast::CmpOp::StrictNe
                         : op.op == Op::Lt       ? ast::CmpOp::Lt
                         : op.op == Op::Gt       ? ast::CmpOp::Gt
                         : op.op == Op::Le       ? ast::CmpOp::Le
                                                 : ast::CmpOp::Ge;
        new (o) ast::CompareOperand{cmp, r};
        c->ops.data = o;
        c->ops.size = 1;
        return c;
      }
    }
    auto* b = tmpl_.arena().make<ast::Binary>();
    b->type = t;
    b->pos = l->pos;
    b->left = l;
    b->right = r;
    return b;
  }

  // Operands of atoms are separate JavaScript expressions: rewrite them on their own.
  void rewrite_children(ast::Node* n) {
    switch (n->type) {
      case NodeType::Lookup: {
        auto* l = static_cast<ast::Lookup*>(n);
        l->target = rewrite(l->target);
        l->key = rewrite(l->key);
        return;
      }
      case NodeType::Call: {
        auto* c = static_cast<ast::Call*>(n);
        c->callee = rewrite(c->callee);
        for (auto& a : c->args) a = rewrite(a);
        for (auto& k : c->kwargs) k.value = rewrite(k.value);
        return;
      }
      case NodeType::Filter: {
        auto* f = static_cast<ast::Filter*>(n);
        f->target = rewrite(f->target);
        for (auto& a : f->args) a = rewrite(a);
        for (auto& k : f->kwargs) k.value = rewrite(k.value);
        return;
      }
      case NodeType::Is: {
        auto* s = static_cast<ast::Is*>(n);
        s->target = rewrite(s->target);
        for (auto& a : s->args) a = rewrite(a);
        return;
      }
      case NodeType::In: {
        auto* b = static_cast<ast::Binary*>(n);
        b->left = rewrite(b->left);
        b->right = rewrite(b->right);
        return;
      }
      case NodeType::Pow: {  // Math.pow(L, R): two separate arguments
        auto* b = static_cast<ast::Binary*>(n);
        b->left = rewrite(b->left);
        b->right = rewrite(b->right);
        return;
      }
      case NodeType::FloorDiv: {  // Math.floor(L / R): one expression inside
        auto* b = static_cast<ast::Binary*>(n);
        std::vector<Item> items;
        binary(b->left, Op::Div, b->right, n->pos, items);
        size_t i = 0;
        ast::Node* inner = parse(items, i, 0);
        auto* one = tmpl_.arena().make<ast::Literal>();
        one->type = NodeType::Literal;
        one->pos = n->pos;
        one->value = Value::number(1);
        b->left = inner;  // floor(inner / 1) == floor(inner)
        b->right = one;
        return;
      }
      case NodeType::InlineIf: {
        auto* ii = static_cast<ast::InlineIf*>(n);
        ii->cond = rewrite(ii->cond);
        ii->body = rewrite(ii->body);
        ii->else_ = rewrite(ii->else_);
        return;
      }
      case NodeType::Array:
      case NodeType::Group:
        for (auto& a : static_cast<ast::Aggregate*>(n)->items) a = rewrite(a);
        return;
      case NodeType::Dict:
        for (auto& p : static_cast<ast::Dict*>(n)->pairs) p.value = rewrite(p.value);
        return;
      case NodeType::Slice: {
        auto* s = static_cast<ast::Slice*>(n);
        s->target = rewrite(s->target);
        s->start = rewrite(s->start);
        s->stop = rewrite(s->stop);
        s->step = rewrite(s->step);
        return;
      }
      default:
        return;
    }
  }

  Template& tmpl_;
  uintptr_t stack_floor_;
};

ast::Node* Parser::reassociate(ast::Node* n) { return Reassociator(tmpl_).rewrite(n); }

}  // namespace unjucks::tpl
