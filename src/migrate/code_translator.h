// The JavaScript in the tags of one EJS template, tag by tag, as Nunjucks: statements in
// `<% %>` become block tags (if / else if / else, for...of, forEach, counting for loops, const /
// let / var and assignments), expressions in `<%= %>` and `<%- %>` become `{{ }}` text. Blocks
// may open in one tag and close in a later one; the translator keeps the stack.
//
// Where JavaScript's scoping and Nunjucks' differ, the code is refused rather than misread: an
// assignment inside a loop to a variable from outside it (Nunjucks' set would not reach out), and
// reading after an if block a const/let declared inside it (Nunjucks' set would leak out).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/js_to_nunjucks.h"

namespace unjucks::migrate {

struct CodeResult {
  bool ok = false;
  std::vector<std::string> tags;  // block tags, in order
  std::string comment;            // a tag holding only comments: their text
  std::string reason;             // when !ok
  uint32_t at = 0;                // source offset of the problem
};

class CodeTranslator : public NameScope {
 public:
  // The code of a <% %> tag; `offset` is where it starts in the file (for positions).
  CodeResult statements(std::string_view code, uint32_t offset);
  // The expression of a <%= %> or <%- %> tag.
  Translated output(std::string_view code, uint32_t offset);
  // Blocks left open at the end: false with the reason and the offset of the opening tag.
  bool finish(std::string* reason, uint32_t* at) const;

  NameUse read(std::string_view name) override;

 private:
  enum class Kind : uint8_t { If, Loop, ForEach };
  struct Frame {
    Frame(Kind k, uint32_t at) : kind(k), opened_at(at) {}
    Kind kind;
    uint32_t opened_at;
    bool has_else = false;
    std::set<std::string> block_scoped;  // const/let declared in this block (or branch)
    std::set<std::string> vars;          // var declared in this block
    std::set<std::string> names;         // every name declared here (loop variables too)
    std::set<std::string> loop_vars;     // the loop's own variables (never assigned)
    std::string index_name;              // forEach's index parameter: loop.index0
  };

  bool statement(JsParser& p, CodeResult* r);
  bool close_block(JsParser& p, CodeResult* r);
  bool open_if(JsParser& p, CodeResult* r, bool elif);
  bool open_for(JsParser& p, CodeResult* r);
  bool declaration(JsParser& p, CodeResult* r);
  bool expression_statement(JsParser& p, CodeResult* r);
  bool assign(const JsExpr& e, CodeResult* r);
  bool set_tag(const std::string& name, int value, CodeResult* r, const std::string& how = "=");
  bool expr(int node, std::string* out, CodeResult* r);
  void declare(const std::string& name, const std::string& keyword);
  void end_scope(Frame& f, uint32_t at);
  bool fail(CodeResult* r, std::string why, uint32_t at);

  std::vector<Frame> frames_;
  std::vector<JsExpr> nodes_;
  bool opened_ = false;                      // the last statement opened a forEach body
  std::map<std::string, std::string> dead_;  // name -> why reading it is refused
};

}  // namespace unjucks::migrate
