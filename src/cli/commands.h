// The generator commands behind the CLI: generate (also the short form
// `unjucks <generator> <action>`), list, help and init. Each returns the process exit code
// (kExitOk, kExitUserError, kExitTemplateError from cli/app.h).
#pragma once

#include <string>
#include <vector>

namespace unjucks::cli {

class MemorySession;  // cli/memory_options.h: the memory options and the report

// `memory` (optional) receives the phases and the engine's figures, and supplies
// --cache-budget; without it the commands run unmonitored.

// `args` is everything after "generate": positionals <generator> <action> [name], the options
// (--dest, --force, --dry, --json, --quiet, --allow-shell, --templates, --builtin, --vars) and
// the variables (--key value, --key=value, --flag, --no-flag).
// `short_form`: the command line was `unjucks <generator> ...`, so an unknown generator may be
// a mistyped command.
int generate_command(const std::vector<std::string>& args, MemorySession* memory = nullptr,
                     bool short_form = false);

int list_command(const std::string& templates, bool builtin, bool json,
                 MemorySession* memory = nullptr);

// `generator` empty: the main help (commands and generators); a command's name: its help.
int help_command(const std::string& generator, const std::string& action,
                 const std::string& templates, bool builtin, MemorySession* memory = nullptr);

// The generators and their actions, for the main help ("" parts when there are none).
std::string generators_overview(const std::string& templates, bool builtin);

// Runs the built-in `generator init` into --dest (default: the working directory).
int init_command(const std::vector<std::string>& args, MemorySession* memory = nullptr);

// The usage text of `generate` (its help), and the options its parser knows.
std::string generate_usage();
std::vector<std::string> generate_option_names();

// `args` is everything after "batch": <generator> <action>, --data FILE and the options of
// batch_usage(), and variables for every record (--key value).
int batch_command(const std::vector<std::string>& args, MemorySession* memory = nullptr);
std::string batch_usage();
std::vector<std::string> batch_option_names();

}  // namespace unjucks::cli
