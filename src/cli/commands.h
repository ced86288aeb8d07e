// The generator commands behind the CLI: generate (also the short form
// `unjucks <generator> <action>`), list, help and init. Each returns the process exit code
// (kExitOk, kExitUserError, kExitTemplateError from cli/app.h).
#pragma once

#include <string>
#include <vector>

namespace unjucks::cli {

// `args` is everything after "generate": positionals <generator> <action> [name], the options
// (--dest, --force, --dry, --json, --quiet, --allow-shell, --templates, --builtin, --vars) and
// the variables (--key value, --key=value, --flag, --no-flag).
int generate_command(const std::vector<std::string>& args);

int list_command(const std::string& templates, bool builtin, bool json);

int help_command(const std::string& generator, const std::string& action,
                 const std::string& templates, bool builtin);

// Runs the built-in `generator init` into --dest (default: the working directory).
int init_command(const std::vector<std::string>& args);

// The usage text of `generate`.
std::string generate_usage();

}  // namespace unjucks::cli
