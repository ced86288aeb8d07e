// h.changeCase: change-case 3.1.0's functions under all the names the package exports, in its
// key order. Arguments convert as the package converts them: null and undefined are "", other
// values String(value); the optional locale ("tr", "az", "lt") and mergeNumbers follow.
#include <string>

#include "template/globals/hygen_helpers.h"
#include "template/render/callable.h"
#include "template/value/js.h"
#include "text/change_case.h"

namespace unjucks::tpl {

namespace {

namespace cc = text::change_case;

// `str == null ? '' : String(str)`
std::string_view text_arg(Runtime& rt, const Value& v) {
  return v.is_nullish() ? std::string_view() : js::to_string(v, rt.arena());
}

// LANGUAGES[locale]: the locale as a property key.
std::string_view locale_arg(Runtime& rt, const Value& v) {
  return v.is_nullish() ? std::string_view() : js::to_string(v, rt.arena());
}

using WithLocale = std::string (*)(std::string_view, std::string_view);
using WithNumbers = std::string (*)(std::string_view, std::string_view, bool);

template <WithLocale kFn>
Value with_locale(Runtime& rt, const Callable&, const CallArgs& a) {
  return rt.str(kFn(text_arg(rt, a.get(0)), locale_arg(rt, a.get(1))));
}

template <WithNumbers kFn>
Value with_numbers(Runtime& rt, const Callable&, const CallArgs& a) {
  return rt.str(kFn(text_arg(rt, a.get(0)), locale_arg(rt, a.get(1)), js::truthy(a.get(2))));
}

// noCase(str, locale, replacement): a replacement that is not a string is " ".
Value no_case(Runtime& rt, const Callable&, const CallArgs& a) {
  Value r = a.get(2);
  std::string_view replacement = r.is_string() && !r.safe() ? r.as_string() : " ";
  return rt.str(cc::no(text_arg(rt, a.get(0)), locale_arg(rt, a.get(1)), replacement));
}

// isUpperCase / isLowerCase compare the mapped string with the argument itself (===): only a
// string primitive can be equal.
template <bool kUpper>
Value is_case(Runtime& rt, const Callable&, const CallArgs& a) {
  Value v = a.get(0);
  if (!v.is_string() || v.safe()) return Value::boolean(false);
  std::string_view locale = locale_arg(rt, a.get(1));
  return Value::boolean(kUpper ? cc::is_upper(v.as_string(), locale)
                               : cc::is_lower(v.as_string(), locale));
}

// swapCase iterates str[i] for i < str.length: a string's UTF-16 units, an array's elements
// (each String()ed; an element equal to its upper case is lower-cased); other values have no
// length and give "".
Value swap_case(Runtime& rt, const Callable&, const CallArgs& a) {
  Value v = a.get(0);
  std::string_view locale = locale_arg(rt, a.get(1));
  if (v.is_string() && !v.safe()) return rt.str(cc::swap(v.as_string(), locale));
  if (!v.is_array()) return Value::string({});
  std::string out;
  for (const Value& e : *v.as_array()) {
    std::string_view s = text_arg(rt, e);
    std::string u = cc::upper(s, locale);
    bool same = e.is_string() && !e.safe() && u == e.as_string();
    out += same ? cc::lower(s, locale) : u;
  }
  return rt.str(out);
}

struct Entry {
  std::string_view key;
  hygen::NativeFn fn;
};

// Object.keys(require('change-case')) order.
constexpr Entry kEntries[] = {
    {"noCase", no_case},
    {"no", no_case},
    {"dotCase", with_locale<cc::dot>},
    {"dot", with_locale<cc::dot>},
    {"swapCase", swap_case},
    {"swap", swap_case},
    {"pathCase", with_locale<cc::path>},
    {"path", with_locale<cc::path>},
    {"upperCase", with_locale<cc::upper>},
    {"upper", with_locale<cc::upper>},
    {"lowerCase", with_locale<cc::lower>},
    {"lower", with_locale<cc::lower>},
    {"camelCase", with_numbers<cc::camel>},
    {"camel", with_numbers<cc::camel>},
    {"snakeCase", with_locale<cc::snake>},
    {"snake", with_locale<cc::snake>},
    {"titleCase", with_locale<cc::title>},
    {"title", with_locale<cc::title>},
    {"paramCase", with_locale<cc::param>},
    {"param", with_locale<cc::param>},
    {"kebabCase", with_locale<cc::param>},
    {"kebab", with_locale<cc::param>},
    {"hyphenCase", with_locale<cc::param>},
    {"hyphen", with_locale<cc::param>},
    {"headerCase", with_locale<cc::header>},
    {"header", with_locale<cc::header>},
    {"pascalCase", with_numbers<cc::pascal>},
    {"pascal", with_numbers<cc::pascal>},
    {"constantCase", with_locale<cc::constant>},
    {"constant", with_locale<cc::constant>},
    {"sentenceCase", with_locale<cc::sentence>},
    {"sentence", with_locale<cc::sentence>},
    {"isUpperCase", is_case<true>},
    {"isUpper", is_case<true>},
    {"isLowerCase", is_case<false>},
    {"isLower", is_case<false>},
    {"upperCaseFirst", with_locale<cc::uc_first>},
    {"ucFirst", with_locale<cc::uc_first>},
    {"lowerCaseFirst", with_locale<cc::lc_first>},
    {"lcFirst", with_locale<cc::lc_first>},
};

}  // namespace

void add_change_case(mem::Arena& arena, ObjectObj* target) {
  for (const Entry& e : kEntries)
    target->set(arena, e.key, hygen::native(arena, e.fn, "h.changeCase." + std::string(e.key)));
}

}  // namespace unjucks::tpl
