// A JavaScript expression tree (js_parser.h) as Nunjucks expression text that computes the same
// value in unjucks, or the reason it cannot be: never a translation that means something else.
//
// Every operand that is not an atom is parenthesised, so the meaning does not depend on how
// Nunjucks orders its operators (it compiles them to JavaScript without parentheses). `&&`, `||`
// and `!` become and, or and not; a ? b : c becomes (b if a else c); template literals join with
// `~`; typeof x === "undefined" becomes x is undefined; locals.x is x; Hygen's helpers (h.*) keep
// their calls; JavaScript methods that unjucks implements keep theirs; JSON.stringify becomes the
// dump filter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/js_parser.h"

namespace unjucks::migrate {

struct Translated {
  bool ok = false;
  std::string text;
  bool atom = false;         // needs no parentheses as an operand
  bool escape_free = false;  // EJS's <%= escaping cannot change its printed value
  std::string reason;        // when !ok
  uint32_t at = 0;
};

// What a name read by an expression means where it is read.
struct NameUse {
  bool ok = true;
  std::string replacement;  // "" keeps the name
  std::string reason;       // when !ok
};

class NameScope {
 public:
  virtual ~NameScope() = default;
  virtual NameUse read(std::string_view name) = 0;
};

// Translates the expression `root` of `nodes`. `scope` may be null (names are kept).
Translated translate_expression(const std::vector<JsExpr>& nodes, int root, NameScope* scope);

// Hygen 6.2.11's helper object: is `path` (e.g. "changeCase.pascal", "capitalize") one of its
// functions or values?
bool is_hygen_helper(std::string_view path);

// A Nunjucks string literal of `value` (double quotes; \\ \" \n \r \t escaped, and the % of
// "<%" and the > of "%>").
std::string nunjucks_string(std::string_view value);

// True when `name` can be written as a Nunjucks variable name.
bool is_nunjucks_name(std::string_view name);

}  // namespace unjucks::migrate
