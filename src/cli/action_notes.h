// What `generate` and `batch` tell the user about an action before running it, on stderr: that
// Hygen's JavaScript hooks are not run, and which templates still look like Hygen's EJS (their
// tags would be written out as text).
#pragma once

#include <cstdio>
#include <string>

#include "gen/action.h"

namespace unjucks::cli {

// `hook_display` is how the first hook file is named to the user ("" when there is none).
void print_action_notes(const gen::CompiledAction& action, const std::string& hook_display,
                        std::FILE* out);

}  // namespace unjucks::cli
