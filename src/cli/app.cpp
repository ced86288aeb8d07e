// The command line: finds the command (or the short form `unjucks <generator> <action>`), takes
// the global options out, answers --help from the command table (cli/command_docs.h), checks the
// options of the fixed-option commands (did you mean), then lets CLI11 parse render, migrate,
// list, help and completion; generate and batch parse their own arguments (variables are
// open-ended).

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

#include "cli/command_docs.h"
#include "cli/commands.h"
#include "cli/completion.h"
#include "cli/error_output.h"
#include "cli/man_page.h"
#include "cli/memory_options.h"
#include "cli/migrate_command.h"
#include "cli/option_check.h"
#include "cli/render_command.h"
#include "text/did_you_mean.h"

namespace unjucks::cli {
namespace {

constexpr const char* kVersion = "0.1.0";

// The values CLI11 fills for the fixed-option commands.
struct FixedArgs {
  bool list_json = false;
  std::string help_generator, help_action;
  std::string shell;
  std::string templates;  // the global --templates (migrate's default folder)
  int exit_code = kExitOk;
};

// The CLI11 definition of a fixed-option command (its help comes from command_docs). One
// command per parser, so that `unjucks help render` reads "render" as help's argument.
void define_fixed_command(CLI::App& app, std::string_view command, FixedArgs* a) {
  app.set_help_flag();
  if (command == "list") {
    app.add_subcommand("list")->add_flag("--json", a->list_json);
  } else if (command == "help") {
    CLI::App* help = app.add_subcommand("help");
    help->add_option("generator", a->help_generator);
    help->add_option("action", a->help_action);
  } else if (command == "completion") {
    app.add_subcommand("completion")->add_option("shell", a->shell)->required();
  } else if (command == "render") {
    add_render_command(app, &a->exit_code);
  } else if (command == "migrate") {
    add_migrate_command(app, &a->exit_code, &a->templates);
  }
  for (CLI::App* sub : app.get_subcommands({})) sub->set_help_flag();
}

bool is_help(const std::string& a) { return a == "--help" || a == "-h"; }

// --templates DIR / -t DIR / --templates=DIR and --builtin, taken out of `args` (up to "--").
// False with `err` when --templates has no value.
bool take_global_options(std::vector<std::string>* args, std::string* templates, bool* builtin,
                         std::string* err) {
  std::vector<std::string> rest;
  for (size_t i = 0; i < args->size(); ++i) {
    const std::string& a = (*args)[i];
    if (a == "--") {
      rest.insert(rest.end(), args->begin() + static_cast<long>(i), args->end());
      break;
    }
    if (a == "--builtin") {
      *builtin = true;
    } else if (a.starts_with("--templates=")) {
      *templates = a.substr(12);
    } else if (a == "--templates" || a == "-t") {
      if (i + 1 >= args->size()) {
        *err = a + " needs a value";
        return false;
      }
      *templates = (*args)[++i];
    } else {
      rest.push_back(a);
    }
  }
  *args = std::move(rest);
  return true;
}

int usage_error(std::string message, std::vector<std::string> suggestions = {},
                const char* kind = kErrorUsage) {
  CliError e;
  e.kind = kind;
  e.message = std::move(message);
  e.suggestions = std::move(suggestions);
  return report_error(e, kExitUserError);
}

// An option before the command that is not a global one.
int unknown_front_option(const std::string& arg) {
  std::vector<std::string> globals;
  for (const OptionDoc& o : global_option_docs()) {
    if (o.names.back().starts_with("--")) globals.emplace_back(o.names.back().substr(2));
  }
  std::string name = arg.substr(0, arg.find('='));
  std::vector<std::string> close;
  for (const std::string& s :
       text::suggest(name.substr(std::min(name.size(), size_t{2})), globals)) {
    close.push_back("--" + s);
  }
  std::string message = "unknown option \"" + name + "\"";
  message += close.empty() ? " (the command comes first: unjucks <command> [options]; see "
                             "unjucks --help)"
                           : "; " + text::did_you_mean(close);
  return usage_error(message, close, kErrorUnknownOption);
}

// Everything after the memory options were taken out: the command itself.
int dispatch(std::vector<std::string> args, MemorySession* memory);

}  // namespace

int run(int argc, char** argv) {
  std::vector<std::string> storage(argv, argv + argc);
  // --json anywhere (before "--") makes every error JSON on stdout, argument errors included.
  bool json = false;
  for (size_t i = 1; i < storage.size() && storage[i] != "--"; ++i)
    json = json || storage[i] == "--json";
  set_json_errors(json);
  // The memory options belong to every command, before or after its name: taken out here.
  MemoryOptions mo;
  std::string err;
  if (!extract_memory_options(&storage, &mo, &err)) return usage_error(err);
  MemorySession session(std::move(mo));
  if (!session.open(&err)) return usage_error(err);
  int rc = dispatch(std::move(storage), &session);
  // The report comes out whatever the command's outcome; its exit code stays.
  session.write_report();
  return rc;
}

std::vector<std::string> parser_option_names(std::string_view command) {
  CLI::App app;
  FixedArgs a;
  define_fixed_command(app, command, &a);
  std::vector<std::string> names;
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() != command) continue;
    for (const CLI::Option* o : sub->get_options()) {
      if (o->get_positional()) continue;
      for (const std::string& s : o->get_snames()) names.push_back("-" + s);
      for (const std::string& l : o->get_lnames()) names.push_back("--" + l);
      for (const std::string& f : o->get_fnames()) {
        if (std::find(names.begin(), names.end(), "--" + f) == names.end()) {
          names.push_back("--" + f);
        }
      }
    }
  }
  return names;
}

namespace {

int dispatch(std::vector<std::string> args, MemorySession* memory) {
  args.erase(args.begin());  // the program's name
  if (!args.empty() && args[0] == "__complete") {
    return complete_command({args.begin() + 1, args.end()}, stdout);
  }
  if (!args.empty() && args[0] == "--man") {
    std::string page = format_man_page(kVersion);
    std::fwrite(page.data(), 1, page.size(), stdout);
    return kExitOk;
  }

  // The front: global options, then the command word (or the generator of the short form).
  std::string templates;
  bool builtin = false;
  size_t first = 0;
  for (; first < args.size() && args[first].starts_with("-"); ++first) {
    const std::string& a = args[first];
    if (a == "--version") {
      std::printf("unjucks %s\n", kVersion);
      return kExitOk;
    }
    if (a == "--builtin" || a.starts_with("--templates=") || is_help(a) || a == "--json") continue;
    if (a == "--templates" || a == "-t") {
      ++first;
      continue;
    }
    return unknown_front_option(a);
  }
  std::vector<std::string> front(args.begin(), args.begin() + static_cast<long>(first));
  std::vector<std::string> rest(args.begin() + static_cast<long>(first), args.end());
  std::string err;
  if (!take_global_options(&front, &templates, &builtin, &err)) return usage_error(err);
  std::vector<std::string> global;
  if (!templates.empty()) global = {"--templates", templates};
  if (builtin) global.push_back("--builtin");

  // What is left of the front (--json, --help) goes with the command's own arguments.
  const bool help_asked = std::find_if(front.begin(), front.end(), is_help) != front.end();
  std::erase_if(front, is_help);
  if (rest.empty()) {
    // `unjucks`, `unjucks --help`: the commands and the generators.
    return help_command("", "", templates, builtin, memory);
  }
  const std::string command = rest[0];
  const CommandDoc* doc = find_command_doc(command);
  if (doc == nullptr || doc->hidden) {
    // The short form: `unjucks <generator> <action> ...` is `unjucks generate ...`. The options
    // taken from the front go first (before a "--" that may end the command's own).
    rest.insert(rest.begin(), global.begin(), global.end());
    rest.insert(rest.begin(), front.begin(), front.end());
    if (help_asked) rest.insert(rest.begin(), "--help");
    return generate_command(rest, memory, /*short_form=*/true);
  }
  rest.erase(rest.begin());
  rest.insert(rest.begin(), front.begin(), front.end());
  if (command == "generate" || command == "batch" || command == "init") {
    rest.insert(rest.begin(), global.begin(), global.end());
    if (help_asked) rest.insert(rest.begin(), "--help");
    if (command == "generate") return generate_command(rest, memory);
    if (command == "batch") return batch_command(rest, memory);
    return init_command(rest, memory);
  }

  // The fixed-option commands: render, list, help, completion.
  if (!take_global_options(&rest, &templates, &builtin, &err)) return usage_error(err);
  bool help = help_asked;
  for (const std::string& a : rest) {
    if (a == "--") break;
    help = help || is_help(a);
    if (a == "--version") {
      std::printf("unjucks %s\n", kVersion);
      return kExitOk;
    }
  }
  if (help) {
    std::fputs(format_command_help(*doc).c_str(), stdout);
    return kExitOk;
  }
  CliError unknown;
  if (!check_options(*doc, rest, &unknown)) return report_error(unknown, kExitUserError);

  CLI::App app{"unjucks", "unjucks"};
  FixedArgs fixed;
  fixed.templates = templates;
  define_fixed_command(app, command, &fixed);
  std::vector<std::string> parse_args = rest;
  parse_args.insert(parse_args.begin(), command);
  std::vector<char*> argv = {const_cast<char*>("unjucks")};
  for (std::string& a : parse_args) argv.push_back(a.data());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    std::string what = e.what();
    return usage_error(what + " (see unjucks " + command + " --help)");
  }
  if (command == "list") return list_command(templates, builtin, fixed.list_json, memory);
  if (command == "help") {
    return help_command(fixed.help_generator, fixed.help_action, templates, builtin, memory);
  }
  if (command == "completion") return completion_command(fixed.shell, stdout);
  return fixed.exit_code;  // render and migrate ran in their callbacks
}

}  // namespace

}  // namespace unjucks::cli
