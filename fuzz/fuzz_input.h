// Helpers shared by the fuzz targets: how one fuzzer input (a flat byte string) is cut into the
// pieces a target needs. The formats are plain text so that the seed corpus stays readable and
// the dictionary's tokens land where they matter; fuzz/make_corpus.py writes seeds in them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include "template/options.h"

namespace unjucks::fuzz {

inline std::string_view as_view(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits at the first `sep`: (before, after). Without `sep`: (all, "").
inline std::pair<std::string_view, std::string_view> cut(std::string_view s, std::string_view sep) {
  size_t at = s.find(sep);
  if (at == std::string_view::npos) return {s, {}};
  return {s.substr(0, at), s.substr(at + sep.size())};
}

// The engine options a template is compiled with, from one byte (the first of the input), so
// the fuzzer explores every whitespace and escaping mode and the alternative tag syntax.
//   bit 0 autoescape, 1 trimBlocks, 2 lstripBlocks, 3 throwOnUndefined, 4 jinja compat,
//   5 custom tags (<% %>, <$ $>, <# #>).
inline tpl::Options options_from_byte(uint8_t b) {
  tpl::Options o;
  o.autoescape = (b & 1) != 0;
  o.trim_blocks = (b & 2) != 0;
  o.lstrip_blocks = (b & 4) != 0;
  o.throw_on_undefined = (b & 8) != 0;
  o.jinja_compat = (b & 16) != 0;
  if (b & 32) {
    o.tags.block_start = "<%";
    o.tags.block_end = "%>";
    o.tags.variable_start = "<$";
    o.tags.variable_end = "$>";
    o.tags.comment_start = "<#";
    o.tags.comment_end = "#>";
  }
  // Small limits: a fuzzer input must finish in milliseconds, and deep recursion must end in a
  // TemplateError long before the (sanitizer-enlarged) stack runs out.
  o.limits.max_loop_iterations = 20'000;
  o.limits.max_output_bytes = 1 << 20;
  o.limits.max_template_bytes = 1 << 20;
  o.limits.max_render_bytes = 64 << 20;  // many large strings would take the fuzzer's memory
  return o;
}

}  // namespace unjucks::fuzz
