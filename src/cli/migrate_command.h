// `unjucks migrate [FOLDER]`: converts Hygen generators (EJS templates, prompt.js question lists)
// to unjucks in place, or into a copy with --out DIR; --dry prints the diff, --check changes
// nothing and exits 1 when something needs converting. The work is migrate/'s (migrate_plan.h,
// migrate_apply.h); this is the command line around it.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace unjucks::cli {

// Adds the subcommand to `app`; when it runs, its exit code is stored in *exit_code.
// `templates` is the global --templates option (the default folder).
void add_migrate_command(CLI::App& app, int* exit_code, const std::string* templates);

}  // namespace unjucks::cli
