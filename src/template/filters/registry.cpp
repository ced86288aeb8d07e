// find_filter / find_test: the built-in registries, sorted tables searched by name.
#include <algorithm>
#include <iterator>
#include <string_view>
#include <vector>

#include "template/filters/builtins.h"
#include "template/render/runtime.h"

namespace unjucks::tpl {

namespace {

using filters::NamedFilter;

struct NamedTest {
  const char* name;
  TestFn fn;
};

// Nunjucks 3.2.4's filters, aliases included (d, e). Sorted by name.
constexpr NamedFilter kFilters[] = {
    {"abs", filters::f_abs},
    {"batch", filters::f_batch},
    {"capitalize", filters::f_capitalize},
    {"center", filters::f_center},
    {"d", filters::f_default},
    {"default", filters::f_default},
    {"dictsort", filters::f_dictsort},
    {"dump", filters::f_dump},
    {"e", filters::f_escape},
    {"escape", filters::f_escape},
    {"first", filters::f_first},
    {"float", filters::f_float},
    {"forceescape", filters::f_forceescape},
    {"groupby", filters::f_groupby},
    {"indent", filters::f_indent},
    {"int", filters::f_int},
    {"join", filters::f_join},
    {"last", filters::f_last},
    {"length", filters::f_length},
    {"list", filters::f_list},
    {"lower", filters::f_lower},
    {"nl2br", filters::f_nl2br},
    {"random", filters::f_random},
    {"reject", filters::f_reject},
    {"rejectattr", filters::f_rejectattr},
    {"replace", filters::f_replace},
    {"reverse", filters::f_reverse},
    {"round", filters::f_round},
    {"safe", filters::f_safe},
    {"select", filters::f_select},
    {"selectattr", filters::f_selectattr},
    {"slice", filters::f_slice},
    {"sort", filters::f_sort},
    {"string", filters::f_string},
    {"striptags", filters::f_striptags},
    {"sum", filters::f_sum},
    {"title", filters::f_title},
    {"trim", filters::f_trim},
    {"truncate", filters::f_truncate},
    {"upper", filters::f_upper},
    {"urlencode", filters::f_urlencode},
    {"urlize", filters::f_urlize},
    {"wordcount", filters::f_wordcount},
};

// Nunjucks 3.2.4's tests, aliases included (`x is none` reaches `null`: the parser names the
// test after the literal's string form). Sorted by name.
constexpr NamedTest kTests[] = {
    {"callable", filters::t_callable},
    {"defined", filters::t_defined},
    {"divisibleby", filters::t_divisibleby},
    {"eq", filters::t_equalto},
    {"equalto", filters::t_equalto},
    {"escaped", filters::t_escaped},
    {"even", filters::t_even},
    {"falsy", filters::t_falsy},
    {"ge", filters::t_ge},
    {"greaterthan", filters::t_gt},
    {"gt", filters::t_gt},
    {"iterable", filters::t_iterable},
    {"le", filters::t_le},
    {"lessthan", filters::t_lt},
    {"lower", filters::t_lower},
    {"lt", filters::t_lt},
    {"mapping", filters::t_mapping},
    {"ne", filters::t_ne},
    {"null", filters::t_null},
    {"number", filters::t_number},
    {"odd", filters::t_odd},
    {"sameas", filters::t_equalto},
    {"string", filters::t_string},
    {"truthy", filters::t_truthy},
    {"undefined", filters::t_undefined},
    {"upper", filters::t_upper},
};

template <typename T>
constexpr bool sorted(const T& table) {
  return std::is_sorted(std::begin(table), std::end(table), [](const auto& a, const auto& b) {
    return std::string_view(a.name) < std::string_view(b.name);
  });
}
static_assert(sorted(kFilters), "kFilters must be sorted by name");
static_assert(sorted(kTests), "kTests must be sorted by name");

template <typename T>
const T* lookup(const T* begin, const T* end, std::string_view name) {
  const T* it = std::lower_bound(begin, end, name, [](const T& e, std::string_view n) {
    return std::string_view(e.name) < n;
  });
  return it != end && std::string_view(it->name) == name ? it : nullptr;
}

}  // namespace

FilterFn find_filter(std::string_view name) {
  if (const NamedFilter* f = lookup(std::begin(kFilters), std::end(kFilters), name)) return f->fn;
  size_t n = 0;
  const NamedFilter* codegen = filters::codegen_filters(&n);
  if (const NamedFilter* f = lookup(codegen, codegen + n, name)) return f->fn;
  const NamedFilter* unjucks = filters::unjucks_filters(&n);
  if (const NamedFilter* f = lookup(unjucks, unjucks + n, name)) return f->fn;
  return nullptr;
}

TestFn find_test(std::string_view name) {
  const NamedTest* t = lookup(std::begin(kTests), std::end(kTests), name);
  return t ? t->fn : nullptr;
}

std::vector<std::string_view> filter_names() {
  std::vector<std::string_view> names;
  for (const NamedFilter& f : kFilters) names.emplace_back(f.name);
  size_t n = 0;
  const NamedFilter* codegen = filters::codegen_filters(&n);
  for (size_t i = 0; i < n; ++i) names.emplace_back(codegen[i].name);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::vector<std::string_view> test_names() {
  std::vector<std::string_view> names;
  for (const NamedTest& t : kTests) names.emplace_back(t.name);
  return names;
}

}  // namespace unjucks::tpl
