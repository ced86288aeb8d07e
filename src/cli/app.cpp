// The command line: CLI11 for the commands and their help; generate's own arguments (variables
// are open-ended) are parsed by generate_command.

// Run-once command-line code, compiled for size: nearly all of the binary's text ends up
// resident (343 of 351 text pages after `generate command citty`), so its bytes are peak-RSS
// bytes, and peak RSS is a target (issue 4). The hot paths live in gen/ and template/.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("Os")
#endif

#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/memory_options.h"
#include "cli/migrate_command.h"

#if __has_include("cli/render_command.h")
#include "cli/render_command.h"
#else
namespace CLI {
class App;
}
namespace unjucks::cli {
void add_render_command(CLI::App& app, int* exit_code);
}  // namespace unjucks::cli
#endif

namespace unjucks::cli {
namespace {

constexpr const char* kVersion = "0.1.0";

constexpr const char* kFooter =
    "Short form: unjucks <generator> <action> [name] ... is unjucks generate ...\n"
    "Generators live in _templates/<generator>/<action>/ (or templates/), found in the working\n"
    "directory or its nearest parent, or given by --templates or UNJUCKS_TEMPLATES. Built-in\n"
    "generators (see `unjucks list`) are used when there is none.\n"
    "Exit codes: 0 done, 1 user error, 2 template error.";

// Everything after the memory options were taken out: the command itself.
int dispatch(std::vector<std::string> argv_storage, MemorySession* memory);

}  // namespace

int run(int argc, char** argv) {
  // The memory options belong to every command, before or after its name: taken out here.
  std::vector<std::string> storage(argv, argv + argc);
  MemoryOptions mo;
  std::string err;
  if (!extract_memory_options(&storage, &mo, &err)) {
    std::fprintf(stderr, "unjucks: error: %s\n", err.c_str());
    return kExitUserError;
  }
  MemorySession session(std::move(mo));
  if (!session.open(&err)) {
    std::fprintf(stderr, "unjucks: error: %s\n", err.c_str());
    return kExitUserError;
  }
  int rc = dispatch(std::move(storage), &session);
  // The report comes out whatever the command's outcome; its exit code stays.
  session.write_report();
  return rc;
}

namespace {

// `generate` and `batch` own every argument after them; CLI11 would read a generator named
// like a command (Hygen's `init`: unjucks generate init self) as that command. They are run
// here, with the global options given before them.
bool dispatch_generator_command(const std::vector<std::string>& args, MemorySession* memory,
                                int* rc) {
  std::vector<std::string> global;
  size_t k = 1;
  while (k < args.size()) {
    if (args[k] == "--templates" && k + 1 < args.size()) {
      global.insert(global.end(), {"--templates", args[k + 1]});
      k += 2;
    } else if (args[k].starts_with("--templates=")) {
      global.insert(global.end(), {"--templates", args[k].substr(12)});
      ++k;
    } else if (args[k] == "--builtin") {
      global.push_back("--builtin");
      ++k;
    } else {
      break;
    }
  }
  if (k >= args.size() || (args[k] != "generate" && args[k] != "batch")) return false;
  std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(k) + 1, args.end());
  rest.insert(rest.end(), global.begin(), global.end());
  *rc = args[k] == "generate" ? generate_command(rest, memory) : batch_command(rest, memory);
  return true;
}

int dispatch(std::vector<std::string> storage, MemorySession* memory) {
  if (int rc = 0; dispatch_generator_command(storage, memory, &rc)) return rc;
  std::vector<char*> argv_ptrs;
  for (std::string& a : storage) argv_ptrs.push_back(a.data());
  const int argc = static_cast<int>(argv_ptrs.size());
  char** argv = argv_ptrs.data();
  int exit_code = kExitOk;
  CLI::App app{"unjucks: generate code from Nunjucks templates (Hygen/Unjucks layout)", "unjucks"};
  app.set_version_flag("--version", std::string("unjucks ") + kVersion);
  app.footer(std::string(kFooter) + "\n\n" + memory_options_usage());
  std::string templates;
  bool builtin = false;
  app.add_option("--templates", templates, "The templates folder");
  app.add_flag("--builtin", builtin, "Use the built-in generators only");

  CLI::App* generate =
      app.add_subcommand("generate", "Run a generator's action (unjucks generate --help)");
  generate->prefix_command();
  generate->allow_extras();
  generate->set_help_flag();

  CLI::App* batch =
      app.add_subcommand("batch", "Run an action once per record of a data file, in parallel");
  batch->prefix_command();
  batch->allow_extras();
  batch->set_help_flag();

  CLI::App* list = app.add_subcommand("list", "List generators and their actions");
  bool list_json = false;
  list->add_flag("--json", list_json, "As JSON");

  CLI::App* help = app.add_subcommand("help", "Show a generator's actions and variables");
  std::string help_generator, help_action;
  help->add_option("generator", help_generator, "Generator name");
  help->add_option("action", help_action, "Action name");

  CLI::App* init = app.add_subcommand("init", "Create _templates/ with a first generator");
  init->prefix_command();
  init->allow_extras();

  add_render_command(app, &exit_code);
  add_migrate_command(app, &exit_code, &templates);

  // The short form: `unjucks <generator> <action> ...` means `unjucks generate ...`.
  std::vector<char*> args(argv, argv + argc);
  static char kGenerate[] = "generate";
  if (argc > 1 && argv[1][0] != '-') {
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands({})) {
      if (sub->get_name() == argv[1]) known = true;
    }
    if (!known) args.insert(args.begin() + 1, kGenerate);
  }
  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUserError;
  }

  std::vector<std::string> global;
  if (!templates.empty()) global = {"--templates", templates};
  if (builtin) global.push_back("--builtin");
  if (*generate) {
    std::vector<std::string> rest = generate->remaining();
    rest.insert(rest.end(), global.begin(), global.end());
    return generate_command(rest, memory);
  }
  if (*batch) {
    std::vector<std::string> rest = batch->remaining();
    rest.insert(rest.end(), global.begin(), global.end());
    return batch_command(rest, memory);
  }
  if (*init) {
    std::vector<std::string> rest = init->remaining();
    return init_command(rest, memory);
  }
  if (*list) return list_command(templates, builtin, list_json, memory);
  if (*help) {
    if (help_generator.empty()) {
      std::fputs(app.help().c_str(), stdout);
      return kExitOk;
    }
    return help_command(help_generator, help_action, templates, builtin, memory);
  }
  if (app.get_subcommands().empty()) {
    std::fputs(app.help().c_str(), stdout);
    return kExitOk;
  }
  return exit_code;
}

}  // namespace

}  // namespace unjucks::cli
