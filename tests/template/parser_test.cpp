#include "template/parser/parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "template/ast/ast.h"
#include "template/ast/template.h"
#include "template/context.h"
#include "template/environment.h"
#include "template/error.h"

namespace unjucks::tpl {
namespace {

using ast::NodeType;

TemplatePtr parse(std::string src, Options opts = {}) {
  Environment env(std::move(opts));
  return env.compile(std::move(src), "t.njk");
}

std::vector<NodeType> types(const ast::Body& body) {
  std::vector<NodeType> out;
  for (const ast::Node* n : body) out.push_back(n->type);
  return out;
}

template <typename T>
const T* as(const ast::Node* n, NodeType type) {
  EXPECT_NE(n, nullptr);
  if (n == nullptr) return nullptr;
  EXPECT_EQ(n->type, type);
  return n->type == type ? static_cast<const T*>(n) : nullptr;
}

const ast::Node* emitted(const Template& t, uint32_t i = 0) {
  EXPECT_LT(i, t.root().size);
  if (i >= t.root().size) return nullptr;
  const auto* e = as<ast::Emit>(t.root()[i], NodeType::Emit);
  return e ? e->expr : nullptr;
}

std::pair<uint32_t, uint32_t> error_at(std::string src, Options opts = {}) {
  try {
    parse(std::move(src), std::move(opts));
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error().kind, ErrorKind::Syntax);
    EXPECT_EQ(e.error().template_name, "t.njk");
    return {e.error().line, e.error().col};
  }
  ADD_FAILURE() << "no syntax error";
  return {0, 0};
}

TEST(ParserTest, DataEmitsAndComments) {
  TemplatePtr t = parse("a{{ x }}b{# c #}d");
  EXPECT_EQ(types(t->root()), (std::vector<NodeType>{NodeType::Data, NodeType::Emit, NodeType::Data,
                                                     NodeType::Data}));
  const auto* d = as<ast::Data>(t->root()[0], NodeType::Data);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->text, "a");
  const auto* s = as<ast::Symbol>(emitted(*t, 1), NodeType::Symbol);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->name, "x");
  EXPECT_EQ(s->pos, 4u);
}

TEST(ParserTest, ArithmeticPrecedence) {
  TemplatePtr t = parse("{{ 1 + 2 * 3 ** 2 }}");
  const auto* add = as<ast::Binary>(emitted(*t), NodeType::Add);
  ASSERT_NE(add, nullptr);
  EXPECT_EQ(add->left->type, NodeType::Literal);
  const auto* mul = as<ast::Binary>(add->right, NodeType::Mul);
  ASSERT_NE(mul, nullptr);
  EXPECT_EQ(mul->right->type, NodeType::Pow);
}

// Nunjucks emits `1 + 2 + "" + 3 + 4` for `1 + 2 ~ 3 + 4`; the parser re-reads it with
// JavaScript's left-to-right `+`: (((1 + 2) + "") + 3) + 4.
TEST(ParserTest, ConcatIsReadAsJavaScriptPlusChain) {
  TemplatePtr t = parse("{{ 1 + 2 ~ 3 + 4 }}");
  const auto* top = as<ast::Binary>(emitted(*t), NodeType::Add);
  ASSERT_NE(top, nullptr);
  EXPECT_EQ(top->right->type, NodeType::Literal);  // 4
  const auto* plus3 = as<ast::Binary>(top->left, NodeType::Add);
  ASSERT_NE(plus3, nullptr);
  const auto* plus_empty = as<ast::Binary>(plus3->left, NodeType::Add);
  ASSERT_NE(plus_empty, nullptr);
  ASSERT_EQ(plus_empty->right->type, NodeType::Literal);
  EXPECT_EQ(static_cast<const ast::Literal*>(plus_empty->right)->value.as_string(), "");
  EXPECT_EQ(plus_empty->left->type, NodeType::Add);  // 1 + 2
}

// Comparison chains follow JavaScript: relational operators bind tighter than equality, and
// each level is left-associative: ((1 < 2) <= 3) == x) !== y.
TEST(ParserTest, ComparisonChainsFollowJavaScriptPrecedence) {
  TemplatePtr t = parse("{{ 1 < 2 <= 3 == x !== y }}");
  const auto* strict_ne = as<ast::Compare>(emitted(*t), NodeType::Compare);
  ASSERT_NE(strict_ne, nullptr);
  ASSERT_EQ(strict_ne->ops.size, 1u);
  EXPECT_EQ(strict_ne->ops[0].op, ast::CmpOp::StrictNe);
  const auto* eq = as<ast::Compare>(strict_ne->first, NodeType::Compare);
  ASSERT_NE(eq, nullptr);
  EXPECT_EQ(eq->ops[0].op, ast::CmpOp::Eq);
  const auto* le = as<ast::Compare>(eq->first, NodeType::Compare);
  ASSERT_NE(le, nullptr);
  EXPECT_EQ(le->ops[0].op, ast::CmpOp::Le);
  const auto* lt = as<ast::Compare>(le->first, NodeType::Compare);
  ASSERT_NE(lt, nullptr);
  EXPECT_EQ(lt->ops[0].op, ast::CmpOp::Lt);
}

TEST(ParserTest, EqualityBindsLooserThanRelational) {
  // `1 == 1 < 2` is 1 == (1 < 2) in JavaScript.
  TemplatePtr t = parse("{{ 1 == 1 < 2 }}");
  const auto* eq = as<ast::Compare>(emitted(*t), NodeType::Compare);
  ASSERT_NE(eq, nullptr);
  EXPECT_EQ(eq->ops[0].op, ast::CmpOp::Eq);
  EXPECT_EQ(eq->ops[0].expr->type, NodeType::Compare);
}

TEST(ParserTest, LogicalOperatorsAndNot) {
  TemplatePtr t = parse("{{ a or b and not c }}");
  const auto* o = as<ast::Binary>(emitted(*t), NodeType::Or);
  ASSERT_NE(o, nullptr);
  const auto* a = as<ast::Binary>(o->right, NodeType::And);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->right->type, NodeType::Not);
}

TEST(ParserTest, InAndNotIn) {
  TemplatePtr t = parse("{{ a in b }}{{ a not in b }}");
  EXPECT_EQ(emitted(*t, 0)->type, NodeType::In);
  const auto* n = as<ast::Unary>(emitted(*t, 1), NodeType::Not);
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->target->type, NodeType::In);
}

TEST(ParserTest, FiltersChainLeftToRightWithArguments) {
  TemplatePtr t = parse("{{ x | f(1, k=2) | g }}");
  const auto* g = as<ast::Filter>(emitted(*t), NodeType::Filter);
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->name, "g");
  const auto* f = as<ast::Filter>(g->target, NodeType::Filter);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->name, "f");
  EXPECT_EQ(f->args.size, 1u);
  ASSERT_EQ(f->kwargs.size, 1u);
  EXPECT_EQ(f->kwargs[0].name, "k");
  EXPECT_EQ(f->target->type, NodeType::Symbol);
}

TEST(ParserTest, UnknownFiltersAndTestsParse) {
  // An unknown filter is an error only when evaluated, as in Nunjucks.
  TemplatePtr t = parse("{% if false %}{{ x | no_such_filter }}{{ x is no_such_test }}{% endif %}");
  Environment env;
  Context ctx;
  EXPECT_EQ(env.render_to_string(*t, ctx), "");
}

TEST(ParserTest, MemberAccessAndCalls) {
  TemplatePtr t = parse("{{ a.b[0](1, x=2) }}");
  const auto* call = as<ast::Call>(emitted(*t), NodeType::Call);
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->args.size, 1u);
  EXPECT_EQ(call->kwargs.size, 1u);
  const auto* idx = as<ast::Lookup>(call->callee, NodeType::Lookup);
  ASSERT_NE(idx, nullptr);
  EXPECT_EQ(idx->target->type, NodeType::Lookup);
}

TEST(ParserTest, InlineIfAndAggregates) {
  TemplatePtr t = parse("{{ a if b }}{{ [1, 2] }}{{ {k: 1, 'q': 2} }}{{ (1) }}");
  const auto* iff = as<ast::InlineIf>(emitted(*t, 0), NodeType::InlineIf);
  ASSERT_NE(iff, nullptr);
  EXPECT_EQ(iff->else_, nullptr);
  const auto* arr = as<ast::Aggregate>(emitted(*t, 1), NodeType::Array);
  ASSERT_NE(arr, nullptr);
  EXPECT_EQ(arr->items.size, 2u);
  const auto* dict = as<ast::Dict>(emitted(*t, 2), NodeType::Dict);
  ASSERT_NE(dict, nullptr);
  ASSERT_EQ(dict->pairs.size, 2u);
  EXPECT_EQ(dict->pairs[0].key, "k");
  EXPECT_EQ(dict->pairs[1].key, "q");
}

TEST(ParserTest, Statements) {
  TemplatePtr t = parse(
      "{% for k, v in o %}x{% else %}y{% endfor %}"
      "{% set a, b = 1 %}"
      "{% macro m(p, q=1) %}{% endmacro %}"
      "{% if c %}{% elif d %}{% else %}{% endif %}"
      "{% switch s %}{% case 1 %}{% default %}{% endswitch %}");
  ASSERT_EQ(types(t->root()), (std::vector<NodeType>{NodeType::For, NodeType::Set, NodeType::Macro,
                                                     NodeType::If, NodeType::Switch}));
  const auto* f = static_cast<const ast::For*>(t->root()[0]);
  EXPECT_EQ(f->names.size, 2u);
  EXPECT_TRUE(f->has_else);
  EXPECT_EQ(f->body.size, 1u);
  EXPECT_EQ(f->else_.size, 1u);
  const auto* s = static_cast<const ast::Set*>(t->root()[1]);
  EXPECT_EQ(s->targets.size, 2u);
  const auto* m = static_cast<const ast::Macro*>(t->root()[2]);
  EXPECT_EQ(m->name, "m");
  EXPECT_EQ(m->args.size, 1u);
  EXPECT_EQ(m->kwargs.size, 1u);
  EXPECT_FALSE(m->is_caller);
  const auto* i = static_cast<const ast::If*>(t->root()[3]);
  ASSERT_EQ(i->else_.size, 1u);
  EXPECT_EQ(i->else_[0]->type, NodeType::If);  // elif nests
  const auto* sw = static_cast<const ast::Switch*>(t->root()[4]);
  EXPECT_EQ(sw->cases.size, 1u);
  EXPECT_TRUE(sw->has_default);
}

TEST(ParserTest, BlocksAndExtendsAreIndexed) {
  TemplatePtr t = parse(
      "{% extends 'b.njk' %}{% block a %}{% block inner %}{% endblock %}{% endblock %}"
      "{% block z %}{% endblock z %}");
  EXPECT_TRUE(t->has_extends());
  ASSERT_EQ(t->blocks().size(), 3u);
  // Every block is indexed once, nested ones too (the order is that in which they end).
  std::vector<std::string_view> names;
  for (const ast::Block* b : t->blocks()) names.push_back(b->name);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string_view>{"a", "inner", "z"}));
  EXPECT_NE(t->find_block("inner"), nullptr);
  EXPECT_EQ(t->find_block("nope"), nullptr);
  EXPECT_FALSE(parse("{% block a %}{% endblock %}")->has_extends());
}

TEST(ParserTest, WhitespaceControlTrimsNeighbouringData) {
  TemplatePtr t = parse("a \n {%- if x -%} \n b \n {{- y -}} \n c {%- endif %}");
  ASSERT_EQ(types(t->root()), (std::vector<NodeType>{NodeType::Data, NodeType::If}));
  EXPECT_EQ(static_cast<const ast::Data*>(t->root()[0])->text, "a");
  Environment env;
  Context ctx;
  ctx.set("x", Value::boolean(true));
  ctx.set("y", Value::string("Y"));
  EXPECT_EQ(env.render_to_string(*t, ctx), "abYc");
}

TEST(ParserTest, RawKeepsItsBodyVerbatim) {
  TemplatePtr t =
      parse("{% raw %}{{ x }}{% if %}{% endraw %}|{% verbatim %}{# y #}{% endverbatim %}");
  Environment env;
  Context ctx;
  EXPECT_EQ(env.render_to_string(*t, ctx), "{{ x }}{% if %}|{# y #}");
}

TEST(ParserTest, LocateCountsCodePoints) {
  TemplatePtr t = parse("héllo\n  αβ{{ x }}");
  uint32_t line = 0, col = 0;
  std::string_view text;
  t->locate(0, &line, &col, &text);
  EXPECT_EQ(line, 1u);
  EXPECT_EQ(col, 1u);
  EXPECT_EQ(text, "héllo");
  size_t pos = t->source().find("{{");
  t->locate(static_cast<uint32_t>(pos), &line, &col, &text);
  EXPECT_EQ(line, 2u);
  EXPECT_EQ(col, 5u);
  EXPECT_EQ(text, "  αβ{{ x }}");
}

TEST(ParserTest, SyntaxErrorPositions) {
  EXPECT_EQ(error_at("{{ 1 + }}"), std::make_pair(1u, 8u));
  EXPECT_EQ(error_at("a\nb\n  {% if %}{% endif %}"), std::make_pair(3u, 9u));
  EXPECT_EQ(error_at("x\n{% for %}{% endfor %}"), std::make_pair(2u, 8u));
  EXPECT_EQ(error_at("{% if x %}\n\n"), std::make_pair(3u, 1u));  // at the end of file
  EXPECT_EQ(error_at("ab\n  {% nope %}"), std::make_pair(2u, 6u));
  EXPECT_EQ(error_at("{{ foo( }}"), std::make_pair(1u, 9u));
  EXPECT_EQ(error_at("{{ [1, 2 }}"), std::make_pair(1u, 4u));  // the aggregate
}

TEST(ParserTest, CustomTagsAndTrimOptionsApply) {
  Options opts;
  opts.tags.block_start = "<%";
  opts.tags.block_end = "%>";
  opts.tags.variable_start = "${";
  opts.tags.variable_end = "}";
  opts.trim_blocks = true;
  opts.lstrip_blocks = true;
  Environment env(opts);
  Context ctx;
  ctx.merge_json(R"({"xs": [1, 2]})");
  EXPECT_EQ(
      env.render_string("<ul>\n  <% for x in xs %>\n  <li>${ x }</li>\n  <% endfor %>\n</ul>", ctx),
      "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>");
}

}  // namespace
}  // namespace unjucks::tpl
