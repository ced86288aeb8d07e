// Environment options: Nunjucks' (autoescape, throwOnUndefined, trimBlocks, lstripBlocks, tags,
// jinja compatibility) plus the resource limits that keep hostile templates in check.
#pragma once

#include <cstdint>
#include <string>

namespace unjucks::tpl {

struct Tags {
  std::string block_start = "{%";
  std::string block_end = "%}";
  std::string variable_start = "{{";
  std::string variable_end = "}}";
  std::string comment_start = "{#";
  std::string comment_end = "#}";
};

struct Limits {
  uint32_t max_parse_depth = 500;        // nesting of expressions/statements in the parser
  uint32_t max_call_depth = 200;         // macro calls, includes, imports, extends chains
  uint64_t max_loop_iterations = 100'000'000;  // per render, all loops together
  uint64_t max_output_bytes = uint64_t{4} << 30;  // per render
  uint64_t max_template_bytes = uint64_t{64} << 20;
};

struct Options {
  bool autoescape = true;
  bool throw_on_undefined = false;
  bool trim_blocks = false;
  bool lstrip_blocks = false;
  bool jinja_compat = false;
  Tags tags;
  Limits limits;
};

}  // namespace unjucks::tpl
