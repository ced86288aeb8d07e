// The parser: turns the token stream into the syntax tree in the template's arena, following
// Nunjucks' grammar (including its precedence levels and its quirks) so that the same source
// means the same thing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "template/ast/ast.h"
#include "template/ast/template.h"
#include "template/lexer/lexer.h"
#include "template/options.h"

namespace unjucks::tpl {

class Parser {
 public:
  Parser(Template& tmpl, const Options& opts);
  // Parses the whole source into tmpl's root. Throws SyntaxError.
  void parse();

 private:
  // tokens
  Token next_token(bool with_whitespace = false);
  Token peek_token();
  void push_token(const Token& t);
  // On success, *pos (when given) is the token's offset.
  bool skip(Tok type, uint32_t* pos = nullptr);
  bool skip_value(Tok type, std::string_view value, uint32_t* pos = nullptr);
  bool skip_symbol(std::string_view value, uint32_t* pos = nullptr) {
    return skip_value(Tok::Symbol, value, pos);
  }
  Token expect(Tok type);
  Token advance_after_block_end(std::string_view name = {});
  void advance_after_variable_end();
  [[noreturn]] void fail(std::string msg, uint32_t pos) const;
  [[noreturn]] void fail(std::string msg);

  // statements
  ast::Body parse_nodes();
  ast::Body parse_until_blocks(std::initializer_list<std::string_view> names);
  ast::Node* parse_statement();
  ast::Node* parse_raw(std::string_view tag);
  ast::Node* parse_if();
  ast::Node* parse_for();
  ast::Node* parse_macro();
  ast::Node* parse_call();
  ast::Node* parse_set();
  ast::Node* parse_block();
  ast::Node* parse_extends();
  ast::Node* parse_include();
  ast::Node* parse_import();
  ast::Node* parse_from();
  ast::Node* parse_filter_statement();
  ast::Node* parse_switch();
  int parse_with_context();  // -1 unspecified, 0 without, 1 with

  // expressions
  ast::Node* parse_expression();
  ast::Node* parse_inline_if();
  ast::Node* parse_or();
  ast::Node* parse_and();
  ast::Node* parse_not();
  ast::Node* parse_in();
  ast::Node* parse_is();
  ast::Node* parse_compare();
  ast::Node* parse_concat();
  ast::Node* parse_binary_level(int level);
  ast::Node* parse_unary(bool no_filters = false);
  ast::Node* parse_primary(bool no_postfix = false);
  ast::Node* parse_postfix(ast::Node* node);
  ast::Node* parse_aggregate();
  ast::Node* parse_filter(ast::Node* node);
  // Constant folding: a pure filter applied to literals becomes a literal.
  ast::Node* fold_filter(ast::Filter* f);
  // Re-reads operator chains with JavaScript's precedence, as Nunjucks' generated code does
  // (parser/reassociate.cpp).
  ast::Node* reassociate(ast::Node* n);
  std::string_view parse_filter_name(uint32_t* pos);
  struct Signature {
    std::vector<ast::Node*> args;
    std::vector<ast::KwArg> kwargs;
    bool present = false;
  };
  Signature parse_signature(bool tolerant);
  ast::Macro* make_macro(uint32_t pos, std::string_view name, const Signature& sig, ast::Body body,
                         bool is_caller);

  template <typename T>
  T* node(ast::NodeType type, uint32_t pos) {
    T* n = tmpl_.arena().make<T>();
    n->type = type;
    n->pos = pos;
    return n;
  }
  template <typename T>
  ast::List<T> list(const std::vector<T>& v) {
    ast::List<T> l;
    l.size = static_cast<uint32_t>(v.size());
    if (!v.empty()) {
      l.data = static_cast<T*>(tmpl_.arena().allocate(sizeof(T) * v.size(), alignof(T)));
      for (size_t i = 0; i < v.size(); ++i) new (l.data + i) T(v[i]);
    }
    return l;
  }

  // One level of nesting (a body, an expression, a bracket, a prefix operator) for as long as
  // it is being parsed; more than Limits::max_parse_depth is a syntax error, and so is a stack
  // nearly used up (with a raised limit, or on a thread with a small stack).
  struct DepthGuard {
    Parser* p;
    explicit DepthGuard(Parser* parser, uint32_t pos);
    ~DepthGuard() { --p->depth_; }
  };
  // The links of a left-associative chain (`a + b + c`, `x | f | g`, `f()()`, `a.b[0]`, `a < b
  // < c`) count against the same limit while the chain is parsed: the tree a chain builds is as
  // deep as the chain is long, and every walk over it (re-association, rendering, the variable
  // scan) goes that deep.
  struct ChainGuard {
    Parser* p;
    uint32_t links = 0;
    explicit ChainGuard(Parser* parser) : p(parser) {}
    ~ChainGuard() { p->depth_ -= links; }
    ChainGuard(const ChainGuard&) = delete;
    ChainGuard& operator=(const ChainGuard&) = delete;
    void link(uint32_t pos);
  };
  // Fails when an outermost expression, as re-associated, is deeper than the limit allows at
  // the current nesting (re-association can deepen a tree: `a - b - c + d - e - f` becomes one
  // chain of five links).
  // `arena_before`: the template arena's use when the expression began.
  void check_expression_depth(const ast::Node* n, uint32_t pos, size_t arena_before);

  Template& tmpl_;
  const Options& opts_;
  Lexer lexer_;
  Token peeked_;
  bool has_peeked_ = false;
  std::vector<std::string_view> break_on_blocks_;
  bool break_active_ = false;
  bool drop_leading_whitespace_ = false;
  uint32_t depth_ = 0;
  uint32_t expr_depth_ = 0;
  uintptr_t stack_floor_;  // mem::stack_floor() of the parsing thread
};

}  // namespace unjucks::tpl
