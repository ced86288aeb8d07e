// Finding what a command line names (a generator, an action) and, when it does not exist, the
// error that says so with the closest names ("did you mean"): shared by generate, batch, help
// and the completion.
#pragma once

#include <string>
#include <vector>

#include "cli/error_output.h"
#include "cli/workspace.h"
#include "gen/discover.h"

namespace unjucks::cli {

// The generators the workspace offers: the templates folder's, then the built-in ones that it
// does not hide, without repeats.
std::vector<std::string> generator_names(Workspace& ws);

// The set that serves `generator`, or null with `err` set: unknown-generator (or, when
// `maybe_command`, the short form's first word, unknown-command, whose suggestions include the
// commands), with the closest names; or the generator's own error when it exists but cannot be
// read (a broken meta.yml).
const gen::TemplateSet* find_generator(Workspace& ws, const std::string& generator,
                                       bool maybe_command, CliError* err);

// Why `action` of `generator` could not be loaded (`why`: load_action's error): unknown-action
// with the actions the generator has and the closest ones, or `why` itself when the action
// exists but is broken. Called only on failure, so a run pays nothing for it.
CliError action_error(const gen::TemplateSet& set, const std::string& generator,
                      const std::string& action, const std::string& why);

// The error of a generator named without an action: "generator "g" needs an action (it has: ...)".
CliError missing_action_error(const gen::TemplateSet& set, const std::string& generator,
                              const std::string& command);

}  // namespace unjucks::cli
