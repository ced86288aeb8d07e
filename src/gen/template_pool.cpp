#include "gen/template_pool.h"

#include <cstdint>

#include "template/ast/template.h"
#include "text/fnv1a.h"

namespace unjucks::gen {

std::string pooled_key(std::string_view name, std::string_view source) {
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t h = text::fnv1a(source);
  std::string key;
  key.reserve(name.size() + 22);
  key.append("\x01gen\x01");
  key.append(name);
  key.push_back('\x01');
  for (int shift = 60; shift >= 0; shift -= 4) key.push_back(kHex[(h >> shift) & 0xf]);
  return key;
}

tpl::TemplatePtr compile_pooled(tpl::Environment& env, std::string source,
                                const std::string& name) {
  mem::BudgetCache<tpl::Template>& cache = env.template_cache();
  std::string key = pooled_key(name, source);
  if (tpl::TemplatePtr hit = cache.get(key)) {
    if (hit->source() == source && hit->name() == name) return hit;
    // Same key, other text (a hash collision): compiled without replacing the entry.
    return env.compile(std::move(source), name);
  }
  tpl::TemplatePtr t = env.compile(std::move(source), name);
  // Larger than the whole budget: refused by the cache, still returned.
  cache.put(key, t, t->memory_bytes());
  return t;
}

}  // namespace unjucks::gen
