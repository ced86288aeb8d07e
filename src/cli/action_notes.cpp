#include "cli/action_notes.h"

namespace unjucks::cli {

void print_action_notes(const gen::CompiledAction& action, const std::string& hook_display,
                        std::FILE* out) {
  if (!hook_display.empty()) {
    std::fprintf(out,
                 "unjucks: note: %s is not executed (unjucks runs no JavaScript); declare "
                 "variables in config.yml or prompt.yml instead\n",
                 hook_display.c_str());
  }
  constexpr int kMaxShown = 3;
  int shown = 0, more = 0;
  for (const gen::CompiledTemplate& t : action.templates) {
    if (t.ejs_line == 0) continue;
    if (shown == kMaxShown) {
      ++more;
      continue;
    }
    ++shown;
    std::fprintf(out,
                 "unjucks: note: %s:%u has EJS tags (<%%= ... %%>), which are written out as "
                 "text: unjucks templates are Nunjucks ({{ name }}, {%% if x %%})\n",
                 t.display.c_str(), t.ejs_line);
  }
  if (more > 0) {
    std::fprintf(out, "unjucks: note: %d more template%s of this action %s EJS tags\n", more,
                 more == 1 ? "" : "s", more == 1 ? "has" : "have");
  }
  if (shown > 0) {
    std::fprintf(out,
                 "unjucks: note: `unjucks migrate` converts Hygen's generators to Nunjucks (try "
                 "`unjucks migrate --dry`)\n");
  }
}

}  // namespace unjucks::cli
