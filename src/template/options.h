// Environment options: Nunjucks' (autoescape, throwOnUndefined, trimBlocks, lstripBlocks, tags,
// jinja compatibility) plus the resource limits that keep hostile templates in check.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace unjucks::tpl {

struct Tags {
  std::string block_start = "{%";
  std::string block_end = "%}";
  std::string variable_start = "{{";
  std::string variable_end = "}}";
  std::string comment_start = "{#";
  std::string comment_end = "#}";
};

// Every limit fails the render (or the compile) with an error naming the template and line,
// instead of exhausting the stack, the memory, the disk or the user's patience. Set from the
// command line with `render --limit KEY=VALUE` and for generators in unjucks.config.yml under
// `limits:` (keys as in set_limit below).
struct Limits {
  uint32_t max_parse_depth = 500;              // nesting of expressions/statements in the parser
  uint32_t max_call_depth = 200;               // macro calls, includes, imports, extends chains
  uint64_t max_loop_iterations = 100'000'000;  // per render, all loops together
  // Per render: macro and caller() calls, includes and imports. Recursion is also bounded by
  // max_call_depth, but a macro calling itself twice per level makes 2^depth calls without a
  // loop; a call costs far more than an iteration, hence the smaller budget.
  uint64_t max_calls = 1'000'000;
  uint64_t max_output_bytes = uint64_t{1} << 30;  // per render, that is per generated file
  uint64_t max_template_bytes = uint64_t{64} << 20;
  // Each data or configuration file the commands read whole: render's --data, --vars, stdin,
  // unjucks.config.yml and a generator's config.yml, meta.yml and prompt.yml.
  uint64_t max_data_bytes = uint64_t{64} << 20;
  // Per render: the working memory of its temporaries (strings, lists and objects it builds;
  // the output is streamed and not counted).
  uint64_t max_render_bytes = uint64_t{512} << 20;
};

// Sets one limit from text: KEY is one of parse-depth, call-depth, loop-iterations, calls,
// output-size, template-size, data-size, render-memory (a leading "max", '-', '_' and case are
// ignored: maxOutputSize, max_output_size); VALUE is a positive integer, sizes may end in K, M or G
// (binary: 1024). False with a message for an unknown key or a bad value.
bool set_limit(Limits* limits, std::string_view key, std::string_view value, std::string* err);

struct Options {
  bool autoescape = true;
  bool throw_on_undefined = false;
  bool trim_blocks = false;
  bool lstrip_blocks = false;
  bool jinja_compat = false;
  Tags tags;
  Limits limits;
  // What now() returns, in milliseconds since 1970 (UTC): the command line fixes it for a run
  // (--now, SOURCE_DATE_EPOCH, or the clock when the run starts); NaN reads the clock each call.
  double now_ms = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace unjucks::tpl
