// Unknown options of the commands whose options are all known (render, list, help, completion):
// found before the parser sees them, so the error can name the closest options ("did you mean").
// generate and batch take --variables, so an unknown option there is a variable.
#pragma once

#include <string>
#include <vector>

#include "cli/command_docs.h"
#include "cli/error_output.h"

namespace unjucks::cli {

// Checks `args` (what follows the command's name): false with `err` (kind unknown-option) at the
// first option that is neither the command's nor a global one. The value of an option that
// takes one is skipped ("--output -x" is fine), so is "-" (stdin); "--" ends the options.
bool check_options(const CommandDoc& cmd, const std::vector<std::string>& args, CliError* err);

}  // namespace unjucks::cli
