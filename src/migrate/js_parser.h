// JavaScript expressions as a tree: a precedence-climbing parser over js_lexer's tokens. It reads
// everything an expression in an EJS tag may hold (so that what cannot be translated is named
// precisely rather than misread), and stops cleanly at a function whose `{` body goes on past
// the end of the tokens: `items.forEach((item) => {` opens a loop that a later tag closes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "migrate/js_lexer.h"

namespace unjucks::migrate {

enum class JsNode : uint8_t {
  Number,    // text: the Nunjucks form ("" when there is none); raw: the source
  String,    // text: the value
  Template,  // strs: the strings; kids: the substitutions
  Regex,     // text: body; flags
  Bool,      // text: "true" or "false"
  Null,
  This,
  Ident,        // text: the name
  Array,        // kids
  Object,       // strs: the keys; kids: the values (a key "" with a Spread kid is ...x)
  Member,       // kids[0].text; optional: ?.
  Index,        // kids[0][kids[1]]
  Call,         // kids[0](kids[1..]); open: the last argument is an open function
  New,          // new kids[0](kids[1..])
  Unary,        // text: ! - + ~ typeof void delete await
  Update,       // text: ++ or --; prefix; kids[0]
  Binary,       // text: the operator (also && || ??, in, instanceof); kids[0], kids[1]
  Conditional,  // kids: test, consequent, alternate
  Assign,       // text: = += ...; kids[0] target, kids[1] value
  Sequence,     // kids
  Spread,       // kids[0]
  Function,     // strs: parameters ("[a,b]" and "{a,b}" for patterns); body: an expression, or
                // open (a block body whose `{` was the last token read)
};

struct JsExpr {
  JsNode kind = JsNode::Null;
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string text;
  std::string flags;
  std::string raw;
  bool optional = false;
  bool prefix = false;
  bool open = false;
  bool arrow = false;
  int body = -1;
  std::vector<int> kids;
  std::vector<std::string> strs;
};

class JsParser {
 public:
  // Parses tokens that end with an End token; nodes go into `nodes` (shared with nested
  // parsers for template literal substitutions).
  JsParser(const std::vector<JsToken>& tokens, std::vector<JsExpr>* nodes);

  // An expression (commas make a Sequence); -1 on error (see error()).
  int parse_expression();
  // An assignment-level expression (no top-level comma).
  int parse_assignment();

  const JsToken& peek(size_t ahead = 0) const;
  const JsToken& next();
  bool at_end() const { return peek().kind == JsTok::End; }
  bool accept(std::string_view punct);
  // True when a function with an open `{` body was read: the tokens after that `{` are left.
  bool stopped_at_open_body() const { return open_; }
  // Goes on reading after such a `{` (the statements of the function's body).
  void resume() { open_ = false; }
  size_t position() const { return pos_; }

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  uint32_t error_at() const { return error_at_; }
  void fail(std::string message, uint32_t at);

  const JsExpr& node(int i) const { return (*nodes_)[static_cast<size_t>(i)]; }

 private:
  int add(JsExpr e);
  int parse_conditional();
  int parse_binary(int min_prec);
  int parse_unary();
  int parse_postfix();
  int parse_call_member();
  int parse_primary();
  int parse_function(bool arrow);
  bool parse_params(std::vector<std::string>* params);
  bool parse_pattern(std::string* out);
  bool arrow_ahead() const;
  int parse_object(const JsToken& open);
  int parse_args(int callee, JsNode kind, uint32_t begin);

  const std::vector<JsToken>& toks_;
  std::vector<JsExpr>* nodes_;
  size_t pos_ = 0;
  bool open_ = false;
  std::string error_;
  uint32_t error_at_ = 0;
  int depth_ = 0;
};

}  // namespace unjucks::migrate
