#include "migrate/js_to_nunjucks.h"

#include <algorithm>
#include <array>

namespace unjucks::migrate {
namespace {

// change-case 3.1.0 (Hygen's h.changeCase).
constexpr std::array<std::string_view, 38> kChangeCase = {
    "noCase",         "no",       "dotCase",     "dot",     "swapCase",     "swap",
    "pathCase",       "path",     "upperCase",   "upper",   "lowerCase",    "lower",
    "camelCase",      "camel",    "snakeCase",   "snake",   "titleCase",    "title",
    "paramCase",      "param",    "kebabCase",   "kebab",   "hyphenCase",   "hyphen",
    "headerCase",     "header",   "pascalCase",  "pascal",  "constantCase", "constant",
    "sentenceCase",   "sentence", "isUpperCase", "isUpper", "isLowerCase",  "isLower",
    "upperCaseFirst", "ucFirst"};
constexpr std::array<std::string_view, 2> kChangeCaseMore = {"lowerCaseFirst", "lcFirst"};
// Those whose result holds only letters, digits and a separator (or is a boolean): EJS's
// escaping never changes it.
constexpr std::array<std::string_view, 30> kChangeCaseSafe = {
    "noCase",       "no",       "dotCase",     "dot",     "pathCase",     "path",
    "camelCase",    "camel",    "snakeCase",   "snake",   "titleCase",    "title",
    "paramCase",    "param",    "kebabCase",   "kebab",   "hyphenCase",   "hyphen",
    "headerCase",   "header",   "pascalCase",  "pascal",  "constantCase", "constant",
    "sentenceCase", "sentence", "isUpperCase", "isUpper", "isLowerCase",  "isLower"};
// inflection 1.13.4 (h.inflection), with Hygen's undasherize.
constexpr std::array<std::string_view, 16> kInflection = {
    "indexOf",  "pluralize",   "singularize", "inflect",  "camelize",   "underscore",
    "humanize", "capitalize",  "dasherize",   "titleize", "demodulize", "tableize",
    "classify", "foreign_key", "ordinalize",  "transform"};
// Node's path module, the part Hygen's templates use.
constexpr std::array<std::string_view, 7> kPath = {"join",     "basename",  "dirname", "extname",
                                                   "relative", "normalize", "sep"};

// The JavaScript methods unjucks implements with JavaScript's meaning (template/render/*_methods).
constexpr std::array<std::string_view, 56> kMethods = {"at",
                                                       "charAt",
                                                       "charCodeAt",
                                                       "codePointAt",
                                                       "concat",
                                                       "endsWith",
                                                       "every",
                                                       "exec",
                                                       "fill",
                                                       "filter",
                                                       "find",
                                                       "findIndex",
                                                       "findLast",
                                                       "findLastIndex",
                                                       "flat",
                                                       "forEach",
                                                       "hasOwnProperty",
                                                       "includes",
                                                       "indexOf",
                                                       "join",
                                                       "lastIndexOf",
                                                       "map",
                                                       "match",
                                                       "matchAll",
                                                       "normalize",
                                                       "padEnd",
                                                       "padStart",
                                                       "pop",
                                                       "push",
                                                       "reduce",
                                                       "repeat",
                                                       "replace",
                                                       "replaceAll",
                                                       "reverse",
                                                       "search",
                                                       "shift",
                                                       "slice",
                                                       "some",
                                                       "sort",
                                                       "splice",
                                                       "split",
                                                       "startsWith",
                                                       "substr",
                                                       "substring",
                                                       "test",
                                                       "toExponential",
                                                       "toFixed",
                                                       "toLocaleLowerCase",
                                                       "toLocaleUpperCase",
                                                       "toLowerCase",
                                                       "toPrecision",
                                                       "toString",
                                                       "toUpperCase",
                                                       "trim",
                                                       "trimEnd",
                                                       "trimStart"};

// JavaScript's globals: not variables of a template.
constexpr std::array<std::string_view, 24> kGlobals = {
    "Math",       "JSON",    "Object",   "Array",      "Date",    "Number",   "String",  "Boolean",
    "RegExp",     "Promise", "console",  "process",    "require", "module",   "exports", "global",
    "globalThis", "window",  "parseInt", "parseFloat", "isNaN",   "isFinite", "Symbol",  "Buffer"};

// Words Nunjucks reads as operators or literals.
constexpr std::array<std::string_view, 11> kNunjucksWords = {
    "and", "or", "not", "in", "is", "if", "else", "none", "null", "true", "false"};

template <size_t N>
bool among(const std::array<std::string_view, N>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

bool safe_text(std::string_view s) { return s.find_first_of("&<>\"'") == std::string_view::npos; }

class Translator {
 public:
  Translator(const std::vector<JsExpr>& nodes, NameScope* scope) : n_(nodes), scope_(scope) {}

  Translated run(int i) {
    const JsExpr& e = n_[static_cast<size_t>(i)];
    // A chain of binary operators is a tree as deep as it is long (the parser builds it in a
    // loop): the recursion here stops where the C stack would not.
    if (depth_ >= kMaxDepth) return fail(e, "nested too deeply");
    ++depth_;
    Translated t = translate(e);
    --depth_;
    return t;
  }

 private:
  static constexpr int kMaxDepth = 400;

  Translated translate(const JsExpr& e) {
    switch (e.kind) {
      case JsNode::Number:
        if (e.text.empty()) return fail(e, "the number " + e.raw + " has no Nunjucks form");
        return atom(e.text, true);
      case JsNode::String:
        return atom(nunjucks_string(e.text), safe_text(e.text));
      case JsNode::Bool:
        return atom(e.text, true);
      case JsNode::Null:
        return atom("none", true);
      case JsNode::Regex:
        return regex(e);
      case JsNode::Template:
        return templ(e);
      case JsNode::Ident:
        return ident(e, e.text);
      case JsNode::Array:
        return array(e);
      case JsNode::Object:
        return object(e);
      case JsNode::Member:
      case JsNode::Index:
        return member(e);
      case JsNode::Call:
        return call(e);
      case JsNode::Unary:
        return unary(e);
      case JsNode::Binary:
        return binary(e);
      case JsNode::Conditional:
        return conditional(e);
      case JsNode::This:
        return fail(e, "`this` has no meaning in a template");
      case JsNode::New:
        return fail(e, "`new` has no Nunjucks counterpart");
      case JsNode::Function:
        return fail(e, "a function here has no Nunjucks counterpart");
      case JsNode::Assign:
      case JsNode::Update:
        return fail(e, "an assignment inside an expression has no Nunjucks counterpart");
      case JsNode::Sequence:
        return fail(e, "the comma operator has no Nunjucks counterpart");
      case JsNode::Spread:
        return fail(e, "spread (...) has no Nunjucks counterpart");
    }
    return fail(e, "not understood");
  }

  const JsExpr& node(int i) const { return n_[static_cast<size_t>(i)]; }

  static Translated atom(std::string text, bool safe) {
    Translated t;
    t.ok = true;
    t.text = std::move(text);
    t.atom = true;
    t.escape_free = safe;
    return t;
  }
  static Translated compound(std::string text, bool safe) {
    Translated t = atom(std::move(text), safe);
    t.atom = false;
    return t;
  }
  static Translated fail(const JsExpr& e, std::string why) {
    Translated t;
    t.reason = std::move(why);
    t.at = e.begin;
    return t;
  }
  static std::string wrap(const Translated& t) { return t.atom ? t.text : "(" + t.text + ")"; }

  Translated regex(const JsExpr& e) {
    for (char f : e.flags) {
      if (std::string_view("gimy").find(f) == std::string_view::npos) {
        return fail(
            e, std::string("the regular expression flag '") + f + "' has no Nunjucks counterpart");
      }
    }
    // Nunjucks ends r/.../ at the first '/' not after a backslash.
    for (size_t i = 0; i < e.text.size(); ++i) {
      if (e.text[i] == '\\') {
        ++i;
      } else if (e.text[i] == '/') {
        return fail(e, "a '/' inside a character class cannot be written in Nunjucks' r/.../");
      }
    }
    return atom("r/" + e.text + "/" + e.flags, false);
  }

  Translated templ(const JsExpr& e) {
    if (e.kids.empty()) return atom(nunjucks_string(e.strs[0]), safe_text(e.strs[0]));
    std::string out;
    bool safe = true;
    auto join = [&](const std::string& piece) { out += (out.empty() ? "" : " ~ ") + piece; };
    for (size_t k = 0; k < e.kids.size(); ++k) {
      if (!e.strs[k].empty()) {
        join(nunjucks_string(e.strs[k]));
        safe = safe && safe_text(e.strs[k]);
      } else if (k == 0 && e.kids.size() == 1 && e.strs.back().empty()) {
        join("\"\"");  // `${a}` is a string even when a is a number (a ~ b is one already)
      }
      Translated sub = run(e.kids[k]);
      if (!sub.ok) return sub;
      join(wrap(sub));
      safe = safe && sub.escape_free;
    }
    if (!e.strs.back().empty()) {
      join(nunjucks_string(e.strs.back()));
      safe = safe && safe_text(e.strs.back());
    }
    return compound(out, safe);
  }

  Translated ident(const JsExpr& e, std::string_view name) {
    if (name == "undefined") return atom("undefined", true);
    if (name == "locals") {
      return fail(e, "`locals` as a whole has no Nunjucks counterpart (locals.x is x)");
    }
    if (name == "NaN" || name == "Infinity") {
      return fail(e, std::string(name) + " has no Nunjucks form");
    }
    if (among(kGlobals, name)) {
      return fail(e, "uses JavaScript's " + std::string(name) + ", which templates do not have");
    }
    if (!is_nunjucks_name(name)) {
      return fail(e, "the variable name '" + std::string(name) + "' cannot be written in Nunjucks");
    }
    std::string text(name);
    if (scope_) {
      NameUse use = scope_->read(name);
      if (!use.ok) return fail(e, use.reason);
      if (!use.replacement.empty()) text = use.replacement;
    }
    return atom(text, text == "loop.index0");  // a number
  }

  Translated array(const JsExpr& e) {
    std::string out = "[";
    for (size_t k = 0; k < e.kids.size(); ++k) {
      Translated t = run(e.kids[k]);
      if (!t.ok) return t;
      out += (k ? ", " : "") + wrap(t);
    }
    return atom(out + "]", false);
  }

  Translated object(const JsExpr& e) {
    std::string out = "{";
    for (size_t k = 0; k < e.kids.size(); ++k) {
      if (node(e.kids[k]).kind == JsNode::Spread) {
        return fail(node(e.kids[k]), "spread (...) has no Nunjucks counterpart");
      }
      Translated t = run(e.kids[k]);
      if (!t.ok) return t;
      out += (k ? ", " : " ") + nunjucks_string(e.strs[k]) + ": " + wrap(t);
    }
    return atom(out + (e.kids.empty() ? "}" : " }"), false);
  }

  // The dotted path of a member chain rooted at a name ("h.changeCase.pascal"), or "".
  std::string dotted(int i) const {
    std::vector<const std::string*> parts;  // from the end (a loop: chains can be long)
    for (;;) {
      const JsExpr& e = node(i);
      if (e.kind == JsNode::Ident) {
        std::string out = e.text;
        for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += "." + **it;
        return out;
      }
      if (e.kind != JsNode::Member || parts.size() > static_cast<size_t>(kMaxDepth)) return "";
      parts.push_back(&e.text);
      i = e.kids[0];
    }
  }

  // locals.x and locals["x"] are x.
  bool locals_member(const JsExpr& e, std::string* name) const {
    if (node(e.kids[0]).kind != JsNode::Ident || node(e.kids[0]).text != "locals") return false;
    if (e.kind == JsNode::Member) {
      *name = e.text;
      return true;
    }
    const JsExpr& k = node(e.kids[1]);
    if (k.kind == JsNode::String && is_nunjucks_name(k.text)) {
      *name = k.text;
      return true;
    }
    return false;
  }

  Translated member(const JsExpr& e) {
    std::string local;
    if (locals_member(e, &local)) return ident(e, local);
    std::string path = dotted(e.kids[0]);
    if (path == "h" || path.starts_with("h.")) {
      std::string full = path.substr(1) + (e.kind == JsNode::Member ? "." + e.text : "");
      full.erase(0, full.empty() ? 0 : 1);
      if (e.kind == JsNode::Index || !is_hygen_helper(full)) {
        return fail(e, "h." + full + " is not one of Hygen's helpers (a .hygen.js helper?)");
      }
      // h.path.sep is a value; the rest are functions called below.
      return atom("h." + full, full == "path.sep");
    }
    if (node(e.kids[0]).kind == JsNode::Ident && among(kGlobals, node(e.kids[0]).text)) {
      return fail(e, "uses JavaScript's " + node(e.kids[0]).text + ", which templates do not have");
    }
    Translated obj = run(e.kids[0]);
    if (!obj.ok) return obj;
    // 2.length would read as the number "2." then a name.
    if (node(e.kids[0]).kind == JsNode::Number) obj.atom = false;
    if (e.kind == JsNode::Member) {
      if (!is_nunjucks_name(e.text)) {
        return atom(wrap(obj) + "[" + nunjucks_string(e.text) + "]", false);
      }
      return atom(wrap(obj) + "." + e.text, e.text == "length");
    }
    Translated index = run(e.kids[1]);
    if (!index.ok) return index;
    return atom(wrap(obj) + "[" + index.text + "]", false);
  }

  bool args(const JsExpr& e, size_t from, std::string* out, Translated* failed) {
    for (size_t k = from; k < e.kids.size(); ++k) {
      if (node(e.kids[k]).kind == JsNode::Function) {
        std::string callee = node(e.kids[0]).kind == JsNode::Member ? node(e.kids[0]).text : "";
        *failed =
            fail(node(e.kids[k]), "a JavaScript function as an argument" +
                                      (callee.empty() ? std::string() : " (of " + callee + "())") +
                                      " has no Nunjucks counterpart");
        return false;
      }
      Translated t = run(e.kids[k]);
      if (!t.ok) {
        *failed = t;
        return false;
      }
      *out +=
          (k > from ? ", " : "") + (node(e.kids[k]).kind == JsNode::Conditional ? wrap(t) : t.text);
    }
    return true;
  }

  Translated call(const JsExpr& e) {
    if (e.open) return fail(e, "a function body here has no Nunjucks counterpart");
    if (e.optional) return fail(e, "an optional call (?.()) has no Nunjucks counterpart");
    const JsExpr& callee = node(e.kids[0]);
    std::string path = dotted(e.kids[0]);
    std::string list;
    Translated failed;
    if (path == "JSON.stringify") {
      if (e.kids.size() == 2 || (e.kids.size() == 4 && node(e.kids[2]).kind == JsNode::Null &&
                                 node(e.kids[3]).kind == JsNode::Number)) {
        Translated v = run(e.kids[1]);
        if (!v.ok) return v;
        std::string spaces = e.kids.size() == 4 ? "(" + node(e.kids[3]).text + ")" : "";
        return compound(wrap(v) + " | dump" + spaces, false);
      }
      return fail(e, "JSON.stringify with a replacer has no Nunjucks counterpart");
    }
    if (path == "String" && e.kids.size() == 2) {
      Translated v = run(e.kids[1]);
      if (!v.ok) return v;
      return compound("\"\" ~ " + wrap(v), v.escape_free);
    }
    if (path == "h" || path.starts_with("h.")) {
      std::string fn = path.size() > 2 ? path.substr(2) : "";
      if (!is_hygen_helper(fn) || fn == "path.sep") {
        return fail(e, "h." + fn + " is not one of Hygen's helpers (a .hygen.js helper?)");
      }
      if (!args(e, 1, &list, &failed)) return failed;
      bool safe = fn.starts_with("changeCase.") && among(kChangeCaseSafe, fn.substr(11));
      return atom("h." + fn + "(" + list + ")", safe);
    }
    if (callee.kind == JsNode::Member && !callee.optional) {
      if (node(callee.kids[0]).kind == JsNode::Ident &&
          among(kGlobals, node(callee.kids[0]).text)) {
        return fail(e, "calls " + path + "(), which has no Nunjucks counterpart");
      }
      if (!among(kMethods, callee.text)) {
        return fail(e, "the method " + callee.text + "() has no counterpart in unjucks");
      }
      Translated obj = run(callee.kids[0]);
      if (!obj.ok) return obj;
      if (node(callee.kids[0]).kind == JsNode::Number) obj.atom = false;  // (2).toFixed()
      if (!args(e, 1, &list, &failed)) return failed;
      return atom(wrap(obj) + "." + callee.text + "(" + list + ")", false);
    }
    std::string what = path.empty() ? "this function" : path + "()";
    if (path == "include") what = "EJS's include()";
    return fail(e, "calls " + what + ", which has no Nunjucks counterpart");
  }

  Translated unary(const JsExpr& e) {
    const JsExpr& operand = node(e.kids[0]);
    if (e.text == "typeof") {
      return fail(e, "typeof is translated only when compared with a type name");
    }
    if (e.text == "!") {
      Translated t = run(e.kids[0]);
      if (!t.ok) return t;
      return compound("not " + wrap(t), true);
    }
    if (e.text == "-") {
      Translated t = run(e.kids[0]);
      if (!t.ok) return t;
      if (operand.kind == JsNode::Number) return compound("-" + t.text, true);
      return compound("-" + wrap(t), true);
    }
    return fail(e, "the operator " + e.text + " has no Nunjucks counterpart");
  }

  // typeof x === "undefined" and the like.
  bool type_test(const JsExpr& e, Translated* out) {
    const JsExpr* tof = &node(e.kids[0]);
    const JsExpr* str = &node(e.kids[1]);
    if (tof->kind == JsNode::String) std::swap(tof, str);
    if (tof->kind != JsNode::Unary || tof->text != "typeof" || str->kind != JsNode::String) {
      return false;
    }
    bool negate = e.text == "!==" || e.text == "!=";
    if (!negate && e.text != "===" && e.text != "==") return false;
    Translated x = run(tof->kids[0]);
    if (!x.ok) {
      *out = x;
      return true;
    }
    const std::string& type = str->text;
    std::string v = wrap(x);
    std::string test;
    if (type == "undefined") {
      *out = compound(v + (negate ? " is defined" : " is undefined"), true);
      return true;
    }
    if (type == "string") test = "string";
    if (type == "number") test = "number";
    if (type == "function") test = "callable";
    if (!test.empty()) {
      *out = compound(v + (negate ? " is not " : " is ") + test, true);
      return true;
    }
    if (type == "boolean") {
      *out = compound(negate ? "(" + v + " !== true and " + v + " !== false)"
                             : "(" + v + " === true or " + v + " === false)",
                      true);
      return true;
    }
    *out = fail(e, "typeof x === \"" + type + "\" has no Nunjucks counterpart");
    return true;
  }

  Translated binary(const JsExpr& e) {
    Translated tested;
    if (type_test(e, &tested)) return tested;
    std::string op = e.text;
    if (op == "&&") op = "and";
    if (op == "||") op = "or";
    static constexpr std::array<std::string_view, 17> kKept = {
        "and", "or", "==", "!=", "===", "!==", "<",  ">", "<=",
        ">=",  "+",  "-",  "*",  "/",   "%",   "**", "??"};
    if (!among(kKept, op)) {
      return fail(e, "the operator " + e.text + " has no Nunjucks counterpart");
    }
    Translated l = run(e.kids[0]);
    if (!l.ok) return l;
    Translated r = run(e.kids[1]);
    if (!r.ok) return r;
    if (op == "??") {
      // a ?? b: b when a is null or undefined (== null is true for both, as in JavaScript).
      return compound(wrap(r) + " if " + wrap(l) + " == none else " + wrap(l),
                      l.escape_free && r.escape_free);
    }
    // Left-associative chains of one operator need no parentheses on the left.
    const JsExpr& left = node(e.kids[0]);
    bool chain = left.kind == JsNode::Binary && left.text == e.text && op != "**" && op != "==" &&
                 op != "!=" && op != "===" && op != "!==" && op != "<" && op != ">" && op != "<=" &&
                 op != ">=" && !l.atom;
    std::string lt = chain ? l.text : wrap(l);
    bool safe;
    if (op == "and" || op == "or") {
      safe = l.escape_free && r.escape_free;
    } else if (op == "+") {
      safe = l.escape_free && r.escape_free;
    } else {
      safe = true;  // numbers and booleans
    }
    return compound(lt + " " + op + " " + wrap(r), safe);
  }

  Translated conditional(const JsExpr& e) {
    Translated test = run(e.kids[0]);
    if (!test.ok) return test;
    Translated yes = run(e.kids[1]);
    if (!yes.ok) return yes;
    Translated no = run(e.kids[2]);
    if (!no.ok) return no;
    return compound(wrap(yes) + " if " + wrap(test) + " else " + wrap(no),
                    yes.escape_free && no.escape_free);
  }

  const std::vector<JsExpr>& n_;
  NameScope* scope_;
  int depth_ = 0;
};

}  // namespace

Translated translate_expression(const std::vector<JsExpr>& nodes, int root, NameScope* scope) {
  Translator t(nodes, scope);
  return t.run(root);
}

bool is_hygen_helper(std::string_view path) {
  if (path == "capitalize") return true;
  auto in = [&](std::string_view prefix, auto& list) {
    return path.starts_with(prefix) && among(list, path.substr(prefix.size()));
  };
  return in("changeCase.", kChangeCase) || in("changeCase.", kChangeCaseMore) ||
         in("inflection.", kInflection) || path == "inflection.undasherize" || in("path.", kPath);
}

std::string nunjucks_string(std::string_view value) {
  std::string out = "\"";
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    // "<\%" and "%\>": a converted template never holds EJS's delimiters, so that it is never
    // taken for EJS again (\% and \> read as % and >).
    if (c == '%' && i > 0 && value[i - 1] == '<') {
      out += "\\%";
      continue;
    }
    if (c == '>' && i > 0 && value[i - 1] == '%') {
      out += "\\>";
      continue;
    }
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

bool is_nunjucks_name(std::string_view name) {
  if (name.empty() || among(kNunjucksWords, name)) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

}  // namespace unjucks::migrate
