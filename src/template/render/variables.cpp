// Environment::referenced_variables: the names a template reads from its context, found by
// walking the syntax tree (for `unjucks help`).
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "mem/stack_limit.h"
#include "template/ast/template.h"
#include "template/environment.h"
#include "template/error.h"
#include "template/render/callable.h"

namespace unjucks::tpl {

namespace {

struct Collector {
  Environment& env;
  const Template* tmpl;                      // the template being walked (for an error)
  std::vector<std::string> used;             // in order of first use
  std::unordered_set<std::string> used_set;  // the same names, to find one in constant time
  std::set<std::string, std::less<>> bound{"loop", "caller", "super"};
  std::set<std::string> seen_templates;
  uintptr_t stack_floor = mem::stack_floor();

  void use(std::string_view name) {
    if (used_set.emplace(name).second) used.emplace_back(name);
  }
  // The walk recurses as deep as the tree; the parser bounds that (parse-depth), but a raised
  // limit or a small thread stack must end in an error too.
  void check_stack(const ast::Node* n) const {
    if (mem::stack_position() >= stack_floor) [[likely]]
      return;
    Error e;
    e.kind = ErrorKind::Limit;
    e.message = "the template nests too deeply for the stack to scan its variables";
    e.template_name = tmpl->name().empty() ? "(string)" : tmpl->name();
    std::string_view line;
    tmpl->locate(n->pos, &e.line, &e.col, &line);
    e.source_line = std::string(line);
    throw TemplateError(std::move(e));
  }
  void body(const ast::Body& b) {
    for (const ast::Node* n : b) node(n);
  }
  void load(const ast::Node* name_expr) {
    if (name_expr->type != ast::NodeType::Literal) {
      node(name_expr);
      return;
    }
    Value v = static_cast<const ast::Literal*>(name_expr)->value;
    if (!v.is_string()) return;
    std::string name(v.as_string());
    if (!seen_templates.insert(name).second) return;
    TemplatePtr t;
    try {
      t = env.get_template(name);
    } catch (...) {
      // Missing or broken templates are reported when rendering, not here.
      return;
    }
    const Template* saved = tmpl;
    tmpl = t.get();
    body(t->root());
    tmpl = saved;
  }
  void node(const ast::Node* n) {
    if (n == nullptr) return;
    check_stack(n);
    using T = ast::NodeType;
    switch (n->type) {
      case T::Literal:
      case T::Data:
        return;
      case T::Symbol:
        use(static_cast<const ast::Symbol*>(n)->name);
        return;
      case T::Lookup:
        node(static_cast<const ast::Lookup*>(n)->target);
        node(static_cast<const ast::Lookup*>(n)->key);
        return;
      case T::Call: {
        auto* c = static_cast<const ast::Call*>(n);
        node(c->callee);
        for (auto* a : c->args) node(a);
        for (auto& k : c->kwargs) node(k.value);
        return;
      }
      case T::Filter: {
        auto* f = static_cast<const ast::Filter*>(n);
        node(f->target);
        for (auto* a : f->args) node(a);
        for (auto& k : f->kwargs) node(k.value);
        return;
      }
      case T::Neg:
      case T::Pos:
      case T::Not:
        node(static_cast<const ast::Unary*>(n)->target);
        return;
      case T::Is: {
        auto* i = static_cast<const ast::Is*>(n);
        node(i->target);
        for (auto* a : i->args) node(a);
        return;
      }
      case T::Compare: {
        auto* c = static_cast<const ast::Compare*>(n);
        node(c->first);
        for (auto& o : c->ops) node(o.expr);
        return;
      }
      case T::InlineIf: {
        auto* i = static_cast<const ast::InlineIf*>(n);
        node(i->cond);
        node(i->body);
        node(i->else_);
        return;
      }
      case T::Array:
      case T::Group:
        for (auto* a : static_cast<const ast::Aggregate*>(n)->items) node(a);
        return;
      case T::Dict:
        for (auto& p : static_cast<const ast::Dict*>(n)->pairs) node(p.value);
        return;
      case T::Caller:
        macro(static_cast<const ast::Caller*>(n)->macro);
        return;
      case T::Capture:
        body(static_cast<const ast::Capture*>(n)->body);
        return;
      case T::Slice: {
        auto* s = static_cast<const ast::Slice*>(n);
        node(s->target);
        node(s->start);
        node(s->stop);
        node(s->step);
        return;
      }
      case T::Emit:
        node(static_cast<const ast::Emit*>(n)->expr);
        return;
      case T::If: {  // an elif chain in a loop (it may be any length)
        auto* i = static_cast<const ast::If*>(n);
        for (;;) {
          node(i->cond);
          body(i->body);
          if (i->else_.size != 1 || i->else_[0]->type != T::If) break;
          i = static_cast<const ast::If*>(i->else_[0]);
        }
        body(i->else_);
        return;
      }
      case T::For: {
        auto* f = static_cast<const ast::For*>(n);
        node(f->iter);
        for (auto nm : f->names) bound.emplace(nm);
        body(f->body);
        body(f->else_);
        return;
      }
      case T::Set: {
        auto* s = static_cast<const ast::Set*>(n);
        node(s->value);
        body(s->body);
        for (auto t : s->targets) bound.emplace(t);
        return;
      }
      case T::Macro:
        bound.emplace(static_cast<const ast::Macro*>(n)->name);
        macro(static_cast<const ast::Macro*>(n));
        return;
      case T::Include:
        load(static_cast<const ast::Include*>(n)->tmpl);
        return;
      case T::Extends:
        load(static_cast<const ast::Extends*>(n)->tmpl);
        return;
      case T::Import:
        bound.emplace(static_cast<const ast::Import*>(n)->alias);
        return;
      case T::FromImport:
        for (auto& in : static_cast<const ast::FromImport*>(n)->names) bound.emplace(in.alias);
        return;
      case T::Block:
        body(static_cast<const ast::Block*>(n)->body);
        return;
      case T::Switch: {
        auto* s = static_cast<const ast::Switch*>(n);
        node(s->expr);
        for (auto& c : s->cases) {
          node(c.cond);
          body(c.body);
        }
        body(s->default_);
        return;
      }
      default: {
        auto* b = static_cast<const ast::Binary*>(n);
        node(b->left);
        node(b->right);
        return;
      }
    }
  }
  void macro(const ast::Macro* m) {
    for (auto a : m->args) bound.emplace(a);
    for (auto& k : m->kwargs) {
      bound.emplace(k.name);
      node(k.value);
    }
    body(m->body);
  }
};

}  // namespace

std::vector<std::string> Environment::referenced_variables(const Template& tmpl) {
  Collector c{*this, &tmpl, {}, {}, {}, {}};
  c.bound = {"loop", "caller", "super"};
  c.body(tmpl.root());
  std::vector<std::string> out;
  for (const std::string& u : c.used)
    if (!c.bound.count(u) && global_value(u).is_undefined()) out.push_back(u);
  return out;
}

}  // namespace unjucks::tpl
