// The commands and options of the command line, described once: `--help` (each command's own,
// short, the global options once under their heading), the man page (cli/man_page.h), the shell
// completion (cli/completion.h) and "did you mean" for a mistyped option all read this table.
// The parsers (CLI11 for render, list, help and completion; OptionScan for generate and batch)
// are checked against it by tests/cli/command_docs_test.cpp.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace unjucks::cli {

struct OptionDoc {
  // Every name of the option, short ones first: {"-o", "--output"}.
  std::vector<std::string_view> names;
  std::string_view arg;  // the value's placeholder ("FILE"), "" for a flag
  std::string_view text;
  bool hidden = false;  // accepted, not shown (benchmark options)
  // The value is a file or folder (the shell completes paths for it).
  bool path = false;
};

struct CommandDoc {
  std::string_view name;
  std::string_view summary;                   // one line, for the command list
  std::vector<std::string_view> usage;        // "unjucks render TEMPLATE [DATA] [options]"
  std::string_view description;               // a paragraph (wrapped when printed)
  std::vector<OptionDoc> options;             // its own options
  std::vector<std::string_view> positionals;  // placeholders, for completion ("generator")
  std::string_view notes;                     // a closing paragraph ("" for none)
  bool templates_options = true;              // --templates and --builtin apply to it
  bool hidden = false;                        // internal (__complete)
  bool fixed_options = true;  // every option is known (generate and batch take --variables)
};

// Every command, in the order of the help.
const std::vector<CommandDoc>& command_docs();
const CommandDoc* find_command_doc(std::string_view name);
// The names of the commands a user can type (not the hidden ones).
std::vector<std::string> command_names();

// The options of every command: --templates, --builtin, the memory options, --help, --version.
const std::vector<OptionDoc>& global_option_docs();

// Finds `name` ("--output", "-o") among the command's options and the global ones; null if none.
const OptionDoc* find_option(const CommandDoc& cmd, std::string_view name);
// The long names of the command's visible options and of the global ones that apply to it,
// without their dashes (for "did you mean").
std::vector<std::string> option_long_names(const CommandDoc& cmd);

// `unjucks --help` (and `unjucks`, `unjucks help`): the usage, the commands, the global options;
// `generators` (may be empty) is the list of generators put after them.
std::string format_main_help(const std::string& generators);
// `unjucks <command> --help`: its usage, description, own options, then the global options
// that apply to it in one line under their heading.
std::string format_command_help(const CommandDoc& cmd);

// The exit codes, one line each ("0  done"), shared by the help and the man page.
const std::vector<std::pair<std::string_view, std::string_view>>& exit_code_docs();
// The environment variables the commands read, name and meaning.
const std::vector<std::pair<std::string_view, std::string_view>>& environment_docs();

// Wraps `text` at spaces to `width` columns; every line but the first is indented by `indent`
// spaces; the first starts at column `start` (where the caller has already written).
std::string wrap_text(std::string_view text, size_t width, size_t indent, size_t start = 0);

}  // namespace unjucks::cli
