// One template of `unjucks render`, rendered with the data to stdout, to a file (a temporary file
// renamed into place: the file is never half written), or repeatedly into a discarding sink (the
// hidden --repeat/--bench benchmark). The command (render_command.cpp) decides what to render
// where; this file does the rendering.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "template/options.h"

namespace unjucks::cli {

class MemorySession;

// A failure that is the user's (arguments, files): exit 1.
struct RenderUserError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct RenderSettings {
  tpl::Options options;                   // autoescape, trim/lstrip blocks, limits, ...
  std::vector<std::string> include_dirs;  // -I, searched after the template's own folder
  std::vector<std::string> extra_roots;   // searched after the template's folder, before -I
  std::vector<std::string> sets;          // --set key=value, applied after the data
  uint64_t repeat = 0;                    // benchmark: N renders
  double bench_seconds = 0;               // benchmark: for SECONDS
};

struct RenderTarget {
  std::string template_path;          // a file, or "-" for stdin
  std::string out_path;               // "" or "-": stdout
  std::string data_name;              // how the data is named in messages ("" when there is none)
  const std::string* data = nullptr;  // the data's JSON text (null: none)
};

// Renders `target`. Throws RenderUserError or tpl::TemplateError. The files the engine loaded
// (the template, what it includes, imports or extends: absolute paths) are added to `loaded`
// when it is not null, even when rendering fails part way.
void render_template(const RenderSettings& settings, const RenderTarget& target, MemorySession& ms,
                     std::vector<std::string>* loaded);

// The whole content of the data file `path` ("-": stdin), at most `max_bytes` (the limit
// data-size: refused before it is read, or as soon as a pipe passes it). Throws RenderUserError.
std::string read_input(const std::string& path, uint64_t max_bytes);

// Parses a --limit KEY=VALUE into `options`. Throws RenderUserError.
void apply_limit(tpl::Options* options, const std::string& assignment);

}  // namespace unjucks::cli
