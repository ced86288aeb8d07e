// Code-generation filters (not in Nunjucks): change-case conversions (camelCase, snakeCase, ...),
// inflections (pluralize, classify, ...) and tojson. A conversion keeps the safeness of its
// input; null and undefined convert as the empty string, other values as String(value).
#include <string>

#include "template/filters/builtins.h"
#include "template/filters/support.h"
#include "text/case.h"
#include "text/inflect.h"

namespace unjucks::tpl::filters {

namespace {

using Conversion = std::string (*)(std::string_view);

template <Conversion kFn>
Value convert(Runtime& rt, const Value& v, const CallArgs&) {
  if (v.is_nullish()) return Value::string({});
  std::string r = kFn(js::to_string(v, rt.arena()));
  return rt.str(r, is_safe_string(v));
}

// camelize(lower_first=false)
Value camelize(Runtime& rt, const Value& v, const CallArgs& args) {
  if (v.is_nullish()) return Value::string({});
  bool lower_first = truthy(arg(args, 0, "lower_first"));
  std::string r = text::camelize(js::to_string(v, rt.arena()), lower_first);
  return rt.str(r, is_safe_string(v));
}

std::string pluralize(std::string_view s) { return text::pluralize(s); }
std::string singularize(std::string_view s) { return text::singularize(s); }

// EJS's escapeXML (ejs 3.1.10), what Hygen's <%= %> prints: & < > " ' as &amp; &lt; &gt; &#34;
// &#39;; null and undefined as nothing. `unjucks migrate` writes <%= x %> as {{ x | ejsEscape }}.
Value ejs_escape(Runtime& rt, const Value& v, const CallArgs&) {
  if (v.is_nullish()) return Value::string({});
  std::string_view s = js::to_string(v, rt.arena());
  std::string r;
  r.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        r += "&amp;";
        break;
      case '<':
        r += "&lt;";
        break;
      case '>':
        r += "&gt;";
        break;
      case '"':
        r += "&#34;";
        break;
      case '\'':
        r += "&#39;";
        break;
      default:
        r += c;
    }
  }
  return rt.str(r, false);
}

// Sorted by name (registry.cpp searches it).
constexpr NamedFilter kCodegen[] = {
    {"camelCase", convert<text::camel_case>},
    {"camelize", camelize},
    {"classify", convert<text::classify>},
    {"constantCase", convert<text::constant_case>},
    {"dotCase", convert<text::dot_case>},
    {"ejsEscape", ejs_escape},
    {"humanize", convert<text::humanize>},
    {"kebabCase", convert<text::kebab_case>},
    {"pascalCase", convert<text::pascal_case>},
    {"pathCase", convert<text::path_case>},
    {"plural", convert<pluralize>},
    {"pluralize", convert<pluralize>},
    {"sentenceCase", convert<text::sentence_case>},
    {"singular", convert<singularize>},
    {"singularize", convert<singularize>},
    {"slug", convert<text::slugify>},
    {"slugify", convert<text::slugify>},
    {"snakeCase", convert<text::snake_case>},
    {"tableize", convert<text::tableize>},
    {"titleCase", convert<text::title_case>},
    {"tojson", f_tojson},
};

}  // namespace

const NamedFilter* codegen_filters(size_t* count) {
  *count = sizeof(kCodegen) / sizeof(kCodegen[0]);
  return kCodegen;
}

}  // namespace unjucks::tpl::filters
