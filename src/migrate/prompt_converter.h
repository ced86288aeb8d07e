// Hygen's prompt.js (or index.js) that exports a literal array of enquirer questions, as the
// prompt.yml unjucks reads (gen/config.h: `prompts:`, each with name, type, message, default and
// choices). A hook with code in it (functions, require, prompt: or params: handlers) is not
// converted: the reasons come back with positions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "migrate/template_converter.h"

namespace unjucks::migrate {

struct ConvertedPrompt {
  bool ok = false;
  std::string yaml;
  size_t questions = 0;
  std::vector<Attention> attention;
};

// `file_name` is named in the YAML's first line ("converted from prompt.js").
ConvertedPrompt convert_prompt_js(std::string_view source, std::string_view file_name);

}  // namespace unjucks::migrate
