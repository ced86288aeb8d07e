// What an action asks of its user: its files, the variables its templates read (declared ones
// first, with their defaults) and which one the name argument fills. `unjucks help` prints it;
// the shell completion offers the variables as --options.
#pragma once

#include <string>
#include <vector>

#include "cli/error_output.h"
#include "cli/workspace.h"
#include "gen/discover.h"

namespace unjucks::cli {

class MemorySession;

struct ActionVariable {
  std::string name;
  std::string note;  // "default \"x\"", "required", "filled by the name argument", ...
};

struct ActionSummary {
  std::string description;
  std::string main;                // the variable the name argument fills ("" if none)
  std::vector<std::string> files;  // the templates, relative to the action folder
  std::vector<ActionVariable> variables;
};

// Compiles the action's templates (without rendering them) to learn what they read. False with
// `err` (a template error, or the action's own error).
bool summarize_action(Workspace& ws, const gen::TemplateSet& set, const std::string& generator,
                      const std::string& action, MemorySession& ms, ActionSummary* out,
                      CliError* err);

}  // namespace unjucks::cli
