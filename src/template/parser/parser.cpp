#include "template/parser/parser.h"

#include <cmath>
#include <cstdlib>
#include <string>

#include "mem/stack_limit.h"
#include "template/ast/depth.h"
#include "template/lexer/syntax_error.h"
#include "template/output.h"
#include "template/value/js.h"

namespace unjucks::tpl {

using ast::NodeType;

Parser::DepthGuard::DepthGuard(Parser* parser, uint32_t pos) : p(parser) {
  if (++p->depth_ > p->opts_.limits.max_parse_depth) {
    --p->depth_;  // the destructor does not run for a constructor that throws
    throw SyntaxError{"template nesting is too deep (more than " +
                          std::to_string(p->opts_.limits.max_parse_depth) +
                          " levels; limit parse-depth)",
                      pos};
  }
  if (mem::stack_position() < p->stack_floor_) {
    --p->depth_;  // the destructor does not run for a constructor that throws
    throw SyntaxError{"template nesting is too deep for the stack (" + std::to_string(p->depth_) +
                          " levels reached)",
                      pos};
  }
}

void Parser::ChainGuard::link(uint32_t pos) {
  ++links;
  if (++p->depth_ > p->opts_.limits.max_parse_depth) {
    throw SyntaxError{"expression is too long (more than " +
                          std::to_string(p->opts_.limits.max_parse_depth) +
                          " levels of nesting and of chained operators, filters, calls and "
                          "lookups; limit parse-depth)",
                      pos};
  }
}

void Parser::check_expression_depth(const ast::Node* n, uint32_t pos, size_t arena_before) {
  // A tree has no more levels than nodes, and each node takes at least sizeof(ast::Node) of
  // the arena: most expressions are too small to need the walk.
  size_t most_nodes = (tmpl_.arena().used() - arena_before) / sizeof(ast::Node);
  if (uint64_t{depth_} + most_nodes <= opts_.limits.max_parse_depth) return;
  // depth_ counts this expression's own level: its root is at depth_, its leaves below.
  uint64_t deepest = uint64_t{depth_} + ast::expression_depth(n) - 1;
  if (deepest > opts_.limits.max_parse_depth) {
    throw SyntaxError{"expression is too deep (" + std::to_string(deepest) +
                          " levels once its operators are grouped by precedence, more than " +
                          std::to_string(opts_.limits.max_parse_depth) + "; limit parse-depth)",
                      pos};
  }
}

Parser::Parser(Template& tmpl, const Options& opts)
    : tmpl_(tmpl),
      opts_(opts),
      lexer_(tmpl.source(), opts, tmpl.arena()),
      stack_floor_(mem::stack_floor()) {}

void Parser::parse() {
  tmpl_.set_root(parse_nodes());
  // Block names must be unique (Nunjucks checks at compile time).
  auto& blocks = tmpl_.blocks();
  for (size_t i = 0; i < blocks.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (blocks[i]->name == blocks[j]->name)
        fail("Block \"" + std::string(blocks[i]->name) + "\" defined more than once.",
             blocks[i]->pos);
}

// ---------------------------------------------------------------- tokens

Token Parser::next_token(bool with_whitespace) {
  if (has_peeked_) {
    if (!with_whitespace && peeked_.type == Tok::Whitespace) {
      has_peeked_ = false;
    } else {
      has_peeked_ = false;
      return peeked_;
    }
  }
  Token t = lexer_.next();
  if (!with_whitespace)
    while (t.type == Tok::Whitespace) t = lexer_.next();
  return t;
}

Token Parser::peek_token() {
  if (!has_peeked_) {
    peeked_ = next_token();
    has_peeked_ = true;
  }
  return peeked_;
}

void Parser::push_token(const Token& t) {
  peeked_ = t;
  has_peeked_ = true;
}

bool Parser::skip(Tok type, uint32_t* pos) {
  Token t = next_token();
  if (t.type != type) {
    push_token(t);
    return false;
  }
  if (pos != nullptr) *pos = t.pos;
  return true;
}

bool Parser::skip_value(Tok type, std::string_view value, uint32_t* pos) {
  Token t = next_token();
  if (t.type != type || t.value != value) {
    push_token(t);
    return false;
  }
  if (pos != nullptr) *pos = t.pos;
  return true;
}

Token Parser::expect(Tok type) {
  Token t = next_token();
  if (t.type != type)
    fail("expected " + std::string(token_name(type)) + ", got " + std::string(token_name(t.type)),
         t.pos);
  return t;
}

void Parser::fail(std::string msg, uint32_t pos) const { throw SyntaxError{std::move(msg), pos}; }

void Parser::fail(std::string msg) {
  Token t = peek_token();
  fail(std::move(msg), t.pos);
}

Token Parser::advance_after_block_end(std::string_view name) {
  if (name.empty()) {
    Token t = peek_token();
    if (t.type == Tok::Eof) fail("unexpected end of file");
    if (t.type != Tok::Symbol) fail("expected symbol token or explicit name to be passed");
    name = next_token().value;
  }
  Token t = next_token();
  if (t.type == Tok::BlockEnd) {
    if (!t.value.empty() && t.value[0] == '-') drop_leading_whitespace_ = true;
  } else {
    fail("expected block end in " + std::string(name) + " statement", t.pos);
  }
  return t;
}

void Parser::advance_after_variable_end() {
  Token t = next_token();
  if (t.type == Tok::VariableEnd) {
    size_t n = t.value.size(), e = lexer_.tags().variable_end.size();
    drop_leading_whitespace_ = n > e && t.value[n - e - 1] == '-';
  } else {
    push_token(t);
    fail("expected variable end");
  }
}

// ---------------------------------------------------------------- statements

namespace {
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
}  // namespace

ast::Body Parser::parse_nodes() {
  DepthGuard guard(this, has_peeked_ ? peeked_.pos : static_cast<uint32_t>(lexer_.position()));
  std::vector<ast::Node*> buf;
  const Tags& tags = lexer_.tags();
  for (;;) {
    Token tok = next_token();
    if (tok.type == Tok::Eof) break;
    if (tok.type == Tok::Data) {
      std::string_view data = tok.value;
      Token nt = peek_token();
      if (drop_leading_whitespace_) {
        while (!data.empty() && is_space(data.front())) data.remove_prefix(1);
        drop_leading_whitespace_ = false;
      }
      bool trim_end =
          (nt.type == Tok::BlockStart && !nt.value.empty() && nt.value.back() == '-') ||
          (nt.type == Tok::VariableStart && nt.value.size() > tags.variable_start.size() &&
           nt.value[tags.variable_start.size()] == '-') ||
          (nt.type == Tok::Comment && nt.value.size() > tags.comment_start.size() &&
           nt.value[tags.comment_start.size()] == '-');
      if (trim_end)
        while (!data.empty() && is_space(data.back())) data.remove_suffix(1);
      if (!data.empty()) {
        auto* d = node<ast::Data>(NodeType::Data, tok.pos);
        d->text = data;
        buf.push_back(d);
      }
    } else if (tok.type == Tok::BlockStart) {
      drop_leading_whitespace_ = false;
      ast::Node* n = parse_statement();
      if (n == nullptr) break;
      buf.push_back(n);
    } else if (tok.type == Tok::VariableStart) {
      ast::Node* e = parse_expression();
      drop_leading_whitespace_ = false;
      advance_after_variable_end();
      auto* emit = node<ast::Emit>(NodeType::Emit, tok.pos);
      emit->expr = e;
      buf.push_back(emit);
    } else if (tok.type == Tok::Comment) {
      size_t n = tok.value.size(), e = tags.comment_end.size();
      drop_leading_whitespace_ = n > e && tok.value[n - e - 1] == '-';
    } else {
      fail("Unexpected token at top-level: " + std::string(token_name(tok.type)), tok.pos);
    }
  }
  return list(buf);
}

ast::Body Parser::parse_until_blocks(std::initializer_list<std::string_view> names) {
  auto prev = std::move(break_on_blocks_);
  bool prev_active = break_active_;
  break_on_blocks_.assign(names.begin(), names.end());
  break_active_ = true;
  ast::Body body = parse_nodes();
  break_on_blocks_ = std::move(prev);
  break_active_ = prev_active;
  return body;
}

ast::Node* Parser::parse_statement() {
  Token tok = peek_token();
  if (tok.type != Tok::Symbol) fail("tag name expected", tok.pos);
  if (break_active_)
    for (std::string_view b : break_on_blocks_)
      if (b == tok.value) return nullptr;
  std::string_view v = tok.value;
  if (v == "raw") return parse_raw("raw");
  if (v == "verbatim") return parse_raw("verbatim");
  if (v == "if" || v == "ifAsync") return parse_if();
  if (v == "for" || v == "asyncEach" || v == "asyncAll") return parse_for();
  if (v == "block") return parse_block();
  if (v == "extends") return parse_extends();
  if (v == "include") return parse_include();
  if (v == "set") return parse_set();
  if (v == "macro") return parse_macro();
  if (v == "call") return parse_call();
  if (v == "import") return parse_import();
  if (v == "from") return parse_from();
  if (v == "filter") return parse_filter_statement();
  if (v == "switch") return parse_switch();
  fail("unknown block tag: " + std::string(v), tok.pos);
}

ast::Node* Parser::parse_raw(std::string_view tag) {
  Token begun = advance_after_block_end();
  std::string_view body;
  lexer_.extract_raw(tag, &body);
  auto* d = node<ast::Data>(NodeType::Data, begun.pos);
  d->text = body;
  return d;
}

// An `elif` is an If in the else branch of the one before (as in Nunjucks), built in a loop: a
// chain of any length is not nesting (the renderer and the variable scan follow it in a loop
// too).
ast::Node* Parser::parse_if() {
  ast::If* first = nullptr;
  ast::If* prev = nullptr;
  for (;;) {
    Token tag = peek_token();
    if (!(skip_symbol("if") || skip_symbol("elif") || skip_symbol("elseif") ||
          skip_symbol("ifAsync")))
      fail("parseIf: expected if, elif, or elseif", tag.pos);
    auto* n = node<ast::If>(NodeType::If, tag.pos);
    n->cond = parse_expression();
    advance_after_block_end(tag.value);
    n->body = parse_until_blocks({"elif", "elseif", "else", "endif"});
    if (prev == nullptr) {
      first = n;
    } else {
      prev->else_ = list(std::vector<ast::Node*>{n});
    }
    prev = n;
    Token tok = peek_token();
    std::string_view v = tok.type == Tok::Symbol ? tok.value : std::string_view();
    if (v == "elseif" || v == "elif") continue;
    if (v == "else") {
      advance_after_block_end();
      n->else_ = parse_until_blocks({"endif"});
      advance_after_block_end();
    } else if (v == "endif") {
      advance_after_block_end();
    } else {
      fail("parseIf: expected elif, else, or endif, got end of file");
    }
    return first;
  }
}

ast::Node* Parser::parse_for() {
  Token for_tok = peek_token();
  std::string_view end_block;
  if (skip_symbol("for")) {
    end_block = "endfor";
  } else if (skip_symbol("asyncEach")) {
    end_block = "endeach";
  } else if (skip_symbol("asyncAll")) {
    end_block = "endall";
  } else {
    fail("parseFor: expected for{Async}", for_tok.pos);
  }
  auto* n = node<ast::For>(NodeType::For, for_tok.pos);
  std::vector<std::string_view> names;
  ast::Node* name = parse_primary();
  if (name->type != NodeType::Symbol) fail("parseFor: variable name expected for loop", name->pos);
  names.push_back(static_cast<ast::Symbol*>(name)->name);
  while (skip(Tok::Comma)) {
    ast::Node* more = parse_primary();
    if (more->type != NodeType::Symbol)
      fail("parseFor: variable name expected for loop", more->pos);
    names.push_back(static_cast<ast::Symbol*>(more)->name);
  }
  n->names = list(names);
  if (!skip_symbol("in")) fail("parseFor: expected \"in\" keyword for loop", for_tok.pos);
  n->iter = parse_expression();
  advance_after_block_end(for_tok.value);
  n->body = parse_until_blocks({end_block, "else"});
  if (skip_symbol("else")) {
    advance_after_block_end("else");
    n->else_ = parse_until_blocks({end_block});
    n->has_else = true;
  }
  advance_after_block_end();
  return n;
}

ast::Macro* Parser::make_macro(uint32_t pos, std::string_view name, const Signature& sig,
                               ast::Body body, bool is_caller) {
  auto* m = node<ast::Macro>(NodeType::Macro, pos);
  m->name = name;
  std::vector<std::string_view> args;
  for (ast::Node* a : sig.args) {
    if (a->type != NodeType::Symbol) fail("assertType: invalid type: macro parameter", a->pos);
    args.push_back(static_cast<ast::Symbol*>(a)->name);
  }
  m->args = list(args);
  m->kwargs = list(sig.kwargs);
  m->body = body;
  m->is_caller = is_caller;
  return m;
}

ast::Node* Parser::parse_macro() {
  Token macro_tok = peek_token();
  if (!skip_symbol("macro")) fail("expected macro");
  ast::Node* name = parse_primary(true);
  if (name->type != NodeType::Symbol) fail("macro name expected", name->pos);
  Signature sig = parse_signature(false);
  advance_after_block_end(macro_tok.value);
  ast::Body body = parse_until_blocks({"endmacro"});
  advance_after_block_end();
  return make_macro(macro_tok.pos, static_cast<ast::Symbol*>(name)->name, sig, body, false);
}

ast::Node* Parser::parse_call() {
  Token call_tok = peek_token();
  if (!skip_symbol("call")) fail("expected call");
  Signature caller_sig = parse_signature(true);
  ast::Node* macro_call = parse_primary();
  if (macro_call->type != NodeType::Call)
    fail("expected a macro call in call block", macro_call->pos);
  advance_after_block_end(call_tok.value);
  ast::Body body = parse_until_blocks({"endcall"});
  advance_after_block_end();
  auto* caller = node<ast::Caller>(NodeType::Caller, call_tok.pos);
  caller->macro = make_macro(call_tok.pos, "caller", caller_sig, body, true);
  auto* call = static_cast<ast::Call*>(macro_call);
  std::vector<ast::KwArg> kw(call->kwargs.begin(), call->kwargs.end());
  kw.push_back(ast::KwArg{"caller", caller});
  call->kwargs = list(kw);
  auto* emit = node<ast::Emit>(NodeType::Emit, call_tok.pos);
  emit->expr = call;
  return emit;
}

int Parser::parse_with_context() {
  Token tok = peek_token();
  int with = -1;
  if (skip_symbol("with")) {
    with = 1;
  } else if (skip_symbol("without")) {
    with = 0;
  }
  if (with != -1 && !skip_symbol("context"))
    fail("parseFrom: expected context after with/without", tok.pos);
  return with;
}

ast::Node* Parser::parse_import() {
  Token tok = peek_token();
  if (!skip_symbol("import")) fail("parseImport: expected import", tok.pos);
  auto* n = node<ast::Import>(NodeType::Import, tok.pos);
  n->tmpl = parse_expression();
  if (!skip_symbol("as")) fail("parseImport: expected \"as\" keyword", tok.pos);
  ast::Node* target = parse_expression();
  if (target->type != NodeType::Symbol)
    fail("parseImport: expected a name after \"as\"", target->pos);
  n->alias = static_cast<ast::Symbol*>(target)->name;
  n->with_context = parse_with_context() == 1;
  advance_after_block_end(tok.value);
  return n;
}

ast::Node* Parser::parse_from() {
  Token from_tok = peek_token();
  if (!skip_symbol("from")) fail("parseFrom: expected from");
  auto* n = node<ast::FromImport>(NodeType::FromImport, from_tok.pos);
  n->tmpl = parse_expression();
  if (!skip_symbol("import")) fail("parseFrom: expected import", from_tok.pos);
  std::vector<ast::ImportName> names;
  int with = -1;
  for (;;) {
    Token next = peek_token();
    if (next.type == Tok::BlockEnd) {
      if (names.empty()) fail("parseFrom: Expected at least one import name", from_tok.pos);
      if (!next.value.empty() && next.value[0] == '-') drop_leading_whitespace_ = true;
      next_token();
      break;
    }
    if (next.type == Tok::Eof) fail("unexpected end of file", next.pos);
    if (!names.empty() && !skip(Tok::Comma)) fail("parseFrom: expected comma", from_tok.pos);
    ast::Node* name = parse_primary();
    if (name->type != NodeType::Symbol) fail("parseFrom: expected a name to import", name->pos);
    std::string_view nm = static_cast<ast::Symbol*>(name)->name;
    if (!nm.empty() && nm[0] == '_')
      fail("parseFrom: names starting with an underscore cannot be imported", name->pos);
    std::string_view alias = nm;
    if (skip_symbol("as")) {
      ast::Node* a = parse_primary();
      if (a->type != NodeType::Symbol) fail("parseFrom: expected a name after \"as\"", a->pos);
      alias = static_cast<ast::Symbol*>(a)->name;
    }
    names.push_back(ast::ImportName{nm, alias, name->pos});
    with = parse_with_context();
  }
  n->names = list(names);
  n->with_context = with == 1;
  return n;
}

ast::Node* Parser::parse_block() {
  Token tag = peek_token();
  if (!skip_symbol("block")) fail("parseBlock: expected block", tag.pos);
  auto* n = node<ast::Block>(NodeType::Block, tag.pos);
  ast::Node* name = parse_primary();
  if (name->type != NodeType::Symbol) fail("parseBlock: variable name expected", tag.pos);
  n->name = static_cast<ast::Symbol*>(name)->name;
  advance_after_block_end(tag.value);
  n->body = parse_until_blocks({"endblock"});
  skip_symbol("endblock");
  skip_symbol(n->name);
  Token tok = peek_token();
  if (tok.type == Tok::Eof) fail("parseBlock: expected endblock, got end of file");
  advance_after_block_end(tok.value);
  tmpl_.blocks().push_back(n);
  return n;
}

ast::Node* Parser::parse_extends() {
  Token tag = peek_token();
  if (!skip_symbol("extends")) fail("parseTemplateRef: expected extends");
  auto* n = node<ast::Extends>(NodeType::Extends, tag.pos);
  n->tmpl = parse_expression();
  advance_after_block_end(tag.value);
  tmpl_.set_has_extends(true);
  return n;
}

ast::Node* Parser::parse_include() {
  Token tag = peek_token();
  if (!skip_symbol("include")) fail("parseInclude: expected include");
  auto* n = node<ast::Include>(NodeType::Include, tag.pos);
  n->tmpl = parse_expression();
  if (skip_symbol("ignore") && skip_symbol("missing")) n->ignore_missing = true;
  advance_after_block_end(tag.value);
  return n;
}

ast::Node* Parser::parse_set() {
  Token tag = peek_token();
  if (!skip_symbol("set")) fail("parseSet: expected set", tag.pos);
  auto* n = node<ast::Set>(NodeType::Set, tag.pos);
  std::vector<std::string_view> targets;
  for (;;) {
    ast::Node* t = parse_primary();
    if (t->type != NodeType::Symbol) fail("parseSet: expected a variable name", t->pos);
    targets.push_back(static_cast<ast::Symbol*>(t)->name);
    if (!skip(Tok::Comma)) break;
  }
  n->targets = list(targets);
  if (!skip_value(Tok::Operator, "=")) {
    if (!skip(Tok::BlockEnd)) fail("parseSet: expected = or block end in set tag", tag.pos);
    n->body = parse_until_blocks({"endset"});
    n->value = nullptr;
    advance_after_block_end();
  } else {
    n->value = parse_expression();
    advance_after_block_end(tag.value);
  }
  return n;
}

ast::Node* Parser::parse_switch() {
  Token tag = peek_token();
  if (!skip_symbol("switch") && !skip_symbol("case") && !skip_symbol("default"))
    fail("parseSwitch: expected \"switch,\" \"case\" or \"default\"", tag.pos);
  auto* n = node<ast::Switch>(NodeType::Switch, tag.pos);
  n->expr = parse_expression();
  advance_after_block_end("switch");
  parse_until_blocks({"case", "default", "endswitch"});
  Token tok = peek_token();
  std::vector<ast::Case> cases;
  do {
    skip_symbol("case");
    ast::Node* cond = parse_expression();
    advance_after_block_end("switch");
    ast::Body body = parse_until_blocks({"case", "default", "endswitch"});
    cases.push_back(ast::Case{cond, body});
    tok = peek_token();
  } while (tok.type == Tok::Symbol && tok.value == "case");
  n->cases = list(cases);
  if (tok.type == Tok::Symbol && tok.value == "default") {
    advance_after_block_end();
    n->default_ = parse_until_blocks({"endswitch"});
    n->has_default = true;
    advance_after_block_end();
  } else if (tok.type == Tok::Symbol && tok.value == "endswitch") {
    advance_after_block_end();
  } else {
    fail("parseSwitch: expected \"case,\" \"default\" or \"endswitch,\" got EOF.");
  }
  return n;
}

ast::Node* Parser::parse_filter_statement() {
  Token filter_tok = peek_token();
  if (!skip_symbol("filter")) fail("parseFilterStatement: expected filter");
  uint32_t name_pos;
  std::string_view name = parse_filter_name(&name_pos);
  Signature sig;
  if (peek_token().type == Tok::LeftParen) sig = parse_signature(false);
  advance_after_block_end(filter_tok.value);
  auto* capture = node<ast::Capture>(NodeType::Capture, name_pos);
  capture->body = parse_until_blocks({"endfilter"});
  advance_after_block_end();
  auto* f = node<ast::Filter>(NodeType::Filter, name_pos);
  f->name = name;
  f->fn = find_filter(name);
  f->target = capture;
  f->args = list(sig.args);
  f->kwargs = list(sig.kwargs);
  auto* emit = node<ast::Emit>(NodeType::Emit, filter_tok.pos);
  emit->expr = f;
  return emit;
}

// ---------------------------------------------------------------- expressions

ast::Node* Parser::parse_expression() {
  DepthGuard guard(this, has_peeked_ ? peeked_.pos : static_cast<uint32_t>(lexer_.position()));
  // Only outermost expressions are re-read with JavaScript's precedence (the rewrite walks
  // into everything nested).
  bool outermost = expr_depth_ == 0;
  size_t arena_before = outermost ? tmpl_.arena().used() : 0;
  ++expr_depth_;
  ast::Node* n;
  try {
    n = parse_inline_if();
  } catch (...) {
    --expr_depth_;
    throw;
  }
  --expr_depth_;
  if (!outermost) return n;
  n = reassociate(n);
  check_expression_depth(n, n->pos, arena_before);
  return n;
}

ast::Node* Parser::parse_inline_if() {
  ast::Node* n = parse_or();
  if (skip_symbol("if")) {
    auto* ii = node<ast::InlineIf>(NodeType::InlineIf, n->pos);
    ii->cond = parse_or();
    ii->body = n;
    ii->else_ = skip_symbol("else") ? parse_or() : nullptr;
    return ii;
  }
  return n;
}

ast::Node* Parser::parse_or() {
  ast::Node* n = parse_and();
  ChainGuard chain(this);
  uint32_t op;
  while (skip_symbol("or", &op)) {
    chain.link(op);
    auto* b = node<ast::Binary>(NodeType::Or, n->pos);
    b->left = n;
    b->right = parse_and();
    n = b;
  }
  return n;
}

ast::Node* Parser::parse_and() {
  ast::Node* n = parse_not();
  ChainGuard chain(this);
  uint32_t op;
  while (skip_symbol("and", &op)) {
    chain.link(op);
    auto* b = node<ast::Binary>(NodeType::And, n->pos);
    b->left = n;
    b->right = parse_not();
    n = b;
  }
  return n;
}

ast::Node* Parser::parse_not() {
  Token tok = peek_token();
  if (skip_symbol("not")) {
    DepthGuard guard(this, tok.pos);
    auto* u = node<ast::Unary>(NodeType::Not, tok.pos);
    u->target = parse_not();
    return u;
  }
  return parse_in();
}

ast::Node* Parser::parse_in() {
  ast::Node* n = parse_is();
  ChainGuard chain(this);
  for (;;) {
    Token tok = next_token();
    if (tok.type == Tok::Eof) {
      push_token(tok);
      break;
    }
    bool invert = tok.type == Tok::Symbol && tok.value == "not";
    if (!invert) push_token(tok);
    uint32_t op;
    if (skip_symbol("in", &op)) {
      chain.link(op);
      auto* b = node<ast::Binary>(NodeType::In, n->pos);
      b->left = n;
      b->right = parse_is();
      n = b;
      if (invert) {
        auto* u = node<ast::Unary>(NodeType::Not, n->pos);
        u->target = n;
        n = u;
      }
    } else {
      if (invert) push_token(tok);
      break;
    }
  }
  return n;
}

ast::Node* Parser::parse_is() {
  ast::Node* n = parse_compare();
  if (skip_symbol("is")) {
    bool negate = skip_symbol("not");
    ast::Node* right = parse_compare();
    auto* is = node<ast::Is>(NodeType::Is, n->pos);
    is->target = n;
    // Nunjucks takes the test's name from the right-hand node: a name, a call of a name, or
    // the string form of a literal (so `is none` finds the `null` test).
    if (right->type == NodeType::Symbol) {
      is->test = static_cast<ast::Symbol*>(right)->name;
    } else if (right->type == NodeType::Call) {
      auto* call = static_cast<ast::Call*>(right);
      is->test = call->callee->type == NodeType::Symbol
                     ? static_cast<ast::Symbol*>(call->callee)->name
                     : std::string_view("undefined");
      is->args = call->args;
      is->kwargs = call->kwargs;
    } else if (right->type == NodeType::Literal) {
      std::string s;
      js::append_string(static_cast<ast::Literal*>(right)->value, s);
      is->test = tmpl_.arena().copy(s);
    } else {
      is->test = "undefined";
    }
    is->fn = find_test(is->test);
    n = is;
    if (negate) {
      auto* u = node<ast::Unary>(NodeType::Not, n->pos);
      u->target = n;
      n = u;
    }
  }
  return n;
}

ast::Node* Parser::parse_compare() {
  ast::Node* expr = parse_concat();
  std::vector<ast::CompareOperand> ops;
  // One node, but re-associated into a chain of comparisons: each counts.
  ChainGuard chain(this);
  for (;;) {
    Token tok = next_token();
    ast::CmpOp op;
    std::string_view v = tok.type == Tok::Operator ? tok.value : std::string_view();
    if (v == "==")
      op = ast::CmpOp::Eq;
    else if (v == "===")
      op = ast::CmpOp::StrictEq;
    else if (v == "!=")
      op = ast::CmpOp::Ne;
    else if (v == "!==")
      op = ast::CmpOp::StrictNe;
    else if (v == "<")
      op = ast::CmpOp::Lt;
    else if (v == ">")
      op = ast::CmpOp::Gt;
    else if (v == "<=")
      op = ast::CmpOp::Le;
    else if (v == ">=")
      op = ast::CmpOp::Ge;
    else {
      push_token(tok);
      break;
    }
    chain.link(tok.pos);
    ops.push_back(ast::CompareOperand{op, parse_concat()});
  }
  if (ops.empty()) return expr;
  auto* c = node<ast::Compare>(NodeType::Compare, expr->pos);
  c->first = expr;
  c->ops = list(ops);
  return c;
}

ast::Node* Parser::parse_concat() {
  ast::Node* n = parse_binary_level(0);
  ChainGuard chain(this);
  uint32_t op;
  while (skip_value(Tok::Tilde, "~", &op)) {
    chain.link(op);
    auto* b = node<ast::Binary>(NodeType::Concat, n->pos);
    b->left = n;
    b->right = parse_binary_level(0);
    n = b;
  }
  return n;
}

// Nunjucks gives each arithmetic operator its own precedence level, in this order.
ast::Node* Parser::parse_binary_level(int level) {
  static constexpr struct {
    std::string_view op;
    NodeType type;
  } kLevels[] = {{"+", NodeType::Add}, {"-", NodeType::Sub},       {"*", NodeType::Mul},
                 {"/", NodeType::Div}, {"//", NodeType::FloorDiv}, {"%", NodeType::Mod},
                 {"**", NodeType::Pow}};
  if (level == 7) return parse_unary();
  ast::Node* n = parse_binary_level(level + 1);
  ChainGuard chain(this);
  uint32_t op;
  while (skip_value(Tok::Operator, kLevels[level].op, &op)) {
    chain.link(op);
    auto* b = node<ast::Binary>(kLevels[level].type, n->pos);
    b->left = n;
    b->right = parse_binary_level(level + 1);
    n = b;
  }
  return n;
}

ast::Node* Parser::parse_unary(bool no_filters) {
  Token tok = peek_token();
  ast::Node* n;
  if (skip_value(Tok::Operator, "-")) {
    DepthGuard guard(this, tok.pos);
    auto* u = node<ast::Unary>(NodeType::Neg, tok.pos);
    u->target = parse_unary(true);
    n = u;
  } else if (skip_value(Tok::Operator, "+")) {
    DepthGuard guard(this, tok.pos);
    auto* u = node<ast::Unary>(NodeType::Pos, tok.pos);
    u->target = parse_unary(true);
    n = u;
  } else {
    n = parse_primary();
  }
  if (!no_filters) n = parse_filter(n);
  return n;
}

ast::Node* Parser::parse_primary(bool no_postfix) {
  Token tok = next_token();
  ast::Node* n = nullptr;
  auto literal = [&](Value v) {
    auto* l = node<ast::Literal>(NodeType::Literal, tok.pos);
    l->value = v;
    return l;
  };
  switch (tok.type) {
    case Tok::Eof:
      fail("expected expression, got end of file", tok.pos);
    case Tok::String:
      n = literal(Value::string(tok.value).with_plain(!needs_escaping(tok.value)));
      break;
    case Tok::Int:
    case Tok::Float: {
      std::string s(tok.value);
      n = literal(Value::number(std::strtod(s.c_str(), nullptr)));
      break;
    }
    case Tok::Boolean:
      n = literal(Value::boolean(tok.value == "true"));
      break;
    case Tok::None:
      n = literal(Value::null());
      break;
    case Tok::Regex: {
      auto* r = tmpl_.arena().make<RegexObj>();
      r->source = tok.value;
      r->flags = tok.flags;
      n = literal(Value::regex(r));
      break;
    }
    case Tok::Symbol: {
      auto* s = node<ast::Symbol>(NodeType::Symbol, tok.pos);
      s->name = tok.value;
      n = s;
      break;
    }
    default:
      push_token(tok);
      n = parse_aggregate();
      if (n == nullptr) fail("unexpected token: " + std::string(tok.value), tok.pos);
  }
  if (!no_postfix) n = parse_postfix(n);
  return n;
}

ast::Node* Parser::parse_postfix(ast::Node* n) {
  Token tok = peek_token();
  ChainGuard chain(this);
  for (;;) {
    bool postfix = tok.type == Tok::LeftParen || tok.type == Tok::LeftBracket ||
                   (tok.type == Tok::Operator && tok.value == ".");
    if (postfix) chain.link(tok.pos);
    if (tok.type == Tok::LeftParen) {
      Signature sig = parse_signature(false);
      auto* c = node<ast::Call>(NodeType::Call, tok.pos);
      c->callee = n;
      c->args = list(sig.args);
      c->kwargs = list(sig.kwargs);
      n = c;
    } else if (tok.type == Tok::LeftBracket) {
      next_token();
      if (opts_.jinja_compat) {
        // Python slices: [start:stop:step], any part optional.
        ast::Node* parts[3] = {nullptr, nullptr, nullptr};
        int idx = 0;
        for (;;) {
          Token t = peek_token();
          if (t.type == Tok::RightBracket) {
            next_token();
            break;
          }
          if (t.type == Tok::Colon) {
            next_token();
            if (++idx > 2) fail("invalid slice", t.pos);
            continue;
          }
          if (parts[idx] != nullptr) fail("parseAggregate: expected comma after expression", t.pos);
          parts[idx] = parse_expression();
        }
        if (idx == 0) {
          if (parts[0] == nullptr) fail("invalid index", tok.pos);
          auto* l = node<ast::Lookup>(NodeType::Lookup, tok.pos);
          l->target = n;
          l->key = parts[0];
          n = l;
        } else {
          auto* s = node<ast::Slice>(NodeType::Slice, tok.pos);
          s->target = n;
          s->start = parts[0];
          s->stop = parts[1];
          s->step = parts[2];
          n = s;
        }
      } else {
        push_token(tok);
        ast::Node* agg = parse_aggregate();
        auto* a = static_cast<ast::Aggregate*>(agg);
        if (a->items.size > 1) fail("invalid index", tok.pos);
        if (a->items.size == 0) fail("unexpected token: ]", tok.pos);
        auto* l = node<ast::Lookup>(NodeType::Lookup, tok.pos);
        l->target = n;
        l->key = a->items[0];
        n = l;
      }
    } else if (tok.type == Tok::Operator && tok.value == ".") {
      next_token();
      Token val = next_token();
      if (val.type != Tok::Symbol)
        fail("expected name as lookup value, got " + std::string(val.value), val.pos);
      auto* key = node<ast::Literal>(NodeType::Literal, val.pos);
      key->value = Value::string(val.value);
      auto* l = node<ast::Lookup>(NodeType::Lookup, tok.pos);
      l->target = n;
      l->key = key;
      n = l;
    } else {
      break;
    }
    tok = peek_token();
  }
  return n;
}

ast::Node* Parser::parse_aggregate() {
  Token tok = next_token();
  NodeType type;
  switch (tok.type) {
    case Tok::LeftParen:
      type = NodeType::Group;
      break;
    case Tok::LeftBracket:
      type = NodeType::Array;
      break;
    case Tok::LeftCurly:
      type = NodeType::Dict;
      break;
    default:
      return nullptr;
  }
  DepthGuard guard(this, tok.pos);
  std::vector<ast::Node*> items;
  std::vector<ast::DictPair> pairs;
  for (;;) {
    Token p = peek_token();
    if (p.type == Tok::RightParen || p.type == Tok::RightBracket || p.type == Tok::RightCurly) {
      next_token();
      break;
    }
    if (p.type == Tok::Eof) fail("unexpected end of file", p.pos);
    if (!items.empty() || !pairs.empty()) {
      if (!skip(Tok::Comma)) fail("parseAggregate: expected comma after expression", tok.pos);
    }
    if (type == NodeType::Dict) {
      ast::Node* key = parse_primary();
      if (!skip(Tok::Colon)) fail("parseAggregate: expected colon after dict key", tok.pos);
      ast::Node* value = parse_expression();
      std::string_view k;
      if (key->type == NodeType::Symbol) {
        k = static_cast<ast::Symbol*>(key)->name;
      } else if (key->type == NodeType::Literal &&
                 static_cast<ast::Literal*>(key)->value.is_string()) {
        k = static_cast<ast::Literal*>(key)->value.as_string();
      } else {
        fail("compilePair: Dict keys must be strings or names", key->pos);
      }
      pairs.push_back(ast::DictPair{k, value});
    } else {
      items.push_back(parse_expression());
    }
  }
  if (type == NodeType::Dict) {
    auto* d = node<ast::Dict>(NodeType::Dict, tok.pos);
    d->pairs = list(pairs);
    return d;
  }
  if (type == NodeType::Group && items.empty()) fail("unexpected token: )", tok.pos);
  auto* a = node<ast::Aggregate>(type, tok.pos);
  a->items = list(items);
  return a;
}

std::string_view Parser::parse_filter_name(uint32_t* pos) {
  Token tok = expect(Tok::Symbol);
  *pos = tok.pos;
  std::string name(tok.value);
  bool dotted = false;
  while (skip_value(Tok::Operator, ".")) {
    name += '.';
    name += expect(Tok::Symbol).value;
    dotted = true;
  }
  return dotted ? tmpl_.arena().copy(name) : tok.value;
}

namespace {
// Runs a filter at compile time on literal arguments. Any failure means "do not fold": the
// filter then runs (and fails, with its position) at render time, as without folding.
class FoldRuntime final : public Runtime {
 public:
  FoldRuntime(mem::Arena& arena, const Options& opts) : Runtime(arena) {
    autoescape_ = opts.autoescape;
    jinja_compat_ = opts.jinja_compat;
    set_throw_on_undefined(opts.throw_on_undefined);
  }
  struct NotFoldable {};
  [[noreturn]] void fail(std::string) override { throw NotFoldable{}; }
  Value call(const Value&, const CallArgs&) override { throw NotFoldable{}; }
  void note_mutation() override { throw NotFoldable{}; }
  double now_ms() const override { throw NotFoldable{}; }
};
}  // namespace

ast::Node* Parser::fold_filter(ast::Filter* f) {
  if (f->fn == nullptr || f->name == "random" || f->target->type != NodeType::Literal) return f;
  Value args[8];
  KwArg kwargs[8];
  if (f->args.size > 8 || f->kwargs.size > 8) return f;
  for (uint32_t i = 0; i < f->args.size; ++i) {
    if (f->args[i]->type != NodeType::Literal) return f;
    args[i] = static_cast<ast::Literal*>(f->args[i])->value;
  }
  for (uint32_t i = 0; i < f->kwargs.size; ++i) {
    if (f->kwargs[i].value->type != NodeType::Literal) return f;
    kwargs[i] = KwArg{f->kwargs[i].name, static_cast<ast::Literal*>(f->kwargs[i].value)->value};
  }
  FoldRuntime rt(tmpl_.arena(), opts_);
  Value result;
  try {
    result = f->fn(rt, static_cast<ast::Literal*>(f->target)->value,
                   CallArgs{args, f->args.size, kwargs, f->kwargs.size});
  } catch (...) {
    return f;
  }
  // Only primitives: arrays and objects could be mutated by a render and must stay per-render.
  if (result.is_array() || result.is_object() || result.is_callable()) return f;
  auto* l = node<ast::Literal>(NodeType::Literal, f->pos);
  l->value = result;
  return l;
}

ast::Node* Parser::parse_filter(ast::Node* n) {
  ChainGuard chain(this);
  uint32_t pipe;
  while (skip(Tok::Pipe, &pipe)) {
    chain.link(pipe);
    uint32_t pos;
    std::string_view name = parse_filter_name(&pos);
    Signature sig;
    if (peek_token().type == Tok::LeftParen) sig = parse_signature(false);
    auto* f = node<ast::Filter>(NodeType::Filter, pos);
    f->name = name;
    f->fn = find_filter(name);
    f->target = n;
    f->args = list(sig.args);
    f->kwargs = list(sig.kwargs);
    n = fold_filter(f);
  }
  return n;
}

Parser::Signature Parser::parse_signature(bool tolerant) {
  Signature sig;
  Token tok = peek_token();
  if (tok.type != Tok::LeftParen) {
    if (tolerant) return sig;
    fail("expected arguments", tok.pos);
  }
  next_token();
  sig.present = true;
  bool check_comma = false;
  for (;;) {
    tok = peek_token();
    if (tok.type == Tok::RightParen) {
      next_token();
      break;
    }
    if (tok.type == Tok::Eof) fail("expected arguments, got end of file", tok.pos);
    if (check_comma && !skip(Tok::Comma))
      fail("parseSignature: expected comma after expression", tok.pos);
    {
      ast::Node* arg = parse_expression();
      if (skip_value(Tok::Operator, "=")) {
        std::string_view key;
        if (arg->type == NodeType::Symbol) {
          key = static_cast<ast::Symbol*>(arg)->name;
        } else if (arg->type == NodeType::Literal &&
                   static_cast<ast::Literal*>(arg)->value.is_string()) {
          key = static_cast<ast::Literal*>(arg)->value.as_string();
        } else {
          fail("compilePair: Dict keys must be strings or names", arg->pos);
        }
        sig.kwargs.push_back(ast::KwArg{key, parse_expression()});
      } else {
        sig.args.push_back(arg);
      }
    }
    check_comma = true;
  }
  return sig;
}

}  // namespace unjucks::tpl
