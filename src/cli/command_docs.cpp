// The text of the help and the man page: a data table, then the code that lays it out.

// Run-once command-line code, compiled for size (see generate_command.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("Os")
#endif

#include "cli/command_docs.h"

#include <algorithm>
#include <utility>

namespace unjucks::cli {
namespace {

constexpr size_t kWidth = 80;   // the help's lines
constexpr size_t kColumn = 26;  // where an option's text starts

const OptionDoc kTemplatesOption{{"-t", "--templates"},
                                 "DIR",
                                 "the templates folder (default: the nearest _templates/ or "
                                 "templates/, $UNJUCKS_TEMPLATES, Hygen's $HYGEN_TMPLS)",
                                 false,
                                 true};
const OptionDoc kBuiltinOption{{"--builtin"}, "", "use the built-in generators only"};
const OptionDoc kDestOption{{"-d", "--dest", "--cwd"},
                            "DIR",
                            "write below DIR (default: the working directory)",
                            false,
                            true};
const OptionDoc kForceOption{{"-f", "--force"}, "", "overwrite existing files"};
const OptionDoc kDryOption{{"--dry", "--dry-run"},
                           "",
                           "show what would be written (a diff for injections), write nothing"};
const OptionDoc kQuietOption{{"-q", "--quiet"}, "", "print only errors"};
const OptionDoc kAllowShellOption{
    {"--allow-shell"}, "", "run the templates' sh: commands (printed and skipped otherwise)"};
const OptionDoc kAllowSetidOption{
    {"--allow-setid"}, "", "let files be set-user-ID or set-group-ID (refused otherwise)"};
const OptionDoc kVarsOption{{"--vars"}, "FILE", "variables from a JSON or YAML file", false, true};
const OptionDoc kNowOption{{"--now"},
                           "TIME",
                           "what now() returns: 2024-01-15T10:30:00Z or seconds since 1970 "
                           "(default: $SOURCE_DATE_EPOCH, else the time the run starts)",
                           false,
                           true};
const OptionDoc kHelpOption{{"-h", "--help"}, "", "show the help of the command and exit"};

std::vector<CommandDoc> make_docs() {
  std::vector<CommandDoc> docs;
  docs.push_back(CommandDoc{
      "generate",
      "run a generator's action (also: unjucks <generator> <action>)",
      {"unjucks generate <generator> <action>[:<pattern>] [name] [options] [--var value ...]",
       "unjucks <generator> <action> [name] [options] [--var value ...]"},
      "Renders every template of _templates/<generator>/<action>/ with the variables and writes "
      "the files, all or nothing. <action>:<pattern> (Hygen's subaction) keeps the templates "
      "whose path matches the regular expression. `unjucks <generator> <action> --help` lists "
      "the action's variables.",
      {kDestOption, kForceOption, kDryOption,
       OptionDoc{{"--json"}, "", "report as JSON on stdout (errors too)"}, kQuietOption,
       kAllowShellOption, kAllowSetidOption, kVarsOption,
       OptionDoc{{"--answers"},
                 "FILE",
                 "answers to the action's questions (prompt.yml, and name) that the command line "
                 "leaves open, from a JSON or YAML file; overwrite: true answers Hygen's "
                 "\"exists, overwrite?\" (as --force)",
                 false,
                 true},
       kNowOption},
      {"generator", "action", "name"},
      "Variables: --key value, --key=value, --flag (true), --no-flag (false); true, false, null "
      "and numbers are typed. The name argument sets `name`, or the action's main variable when "
      "its templates do not read `name`. `unjucks <generator> [name]` runs the generator's "
      "_default action (Hygen's) when the second word is not one of its actions.",
      true,
      false,
      false});
  docs.push_back(CommandDoc{
      "batch",
      "run an action once per record of a data file, in parallel",
      {"unjucks batch <generator> <action> --data FILE [options] [--var value ...]"},
      "Runs the action once per record of FILE (JSON Lines, a JSON array, or CSV with a header; "
      "- for stdin), in parallel, in bounded memory. A record's fields are its variables; its "
      "\"name\" acts as the name argument. Two records writing one file: the lower record is "
      "written, nothing of the other. Ctrl-C finishes the records in flight; --resume "
      "continues.",
      {OptionDoc{{"--data"}, "FILE", "the records (required)", false, true},
       OptionDoc{{"--format"}, "F", "jsonl, json or csv (default: from the extension or content)"},
       OptionDoc{{"-j", "--jobs"}, "N", "worker threads (default: the number of cores)"},
       OptionDoc{{"--worker-memory"},
                 "SIZE",
                 "each worker's own limit (default 32MiB, at most --memory-limit); a render's "
                 "working memory comes out of it"},
       kDestOption, kForceOption, kDryOption,
       OptionDoc{{"--fail-fast"}, "", "stop at the first failed record"},
       OptionDoc{{"--resume"}, "", "continue an interrupted batch (same data, same options)"},
       OptionDoc{{"--shard"}, "K/N", "only the records of shard K of N"}, kVarsOption,
       OptionDoc{{"--progress"}, "", "show the progress line (default: on a terminal)"},
       OptionDoc{{"--no-progress"}, "", "do not show the progress line"},
       OptionDoc{{"-v", "--verbose"}, "", "print every file, as generate does"}, kQuietOption,
       OptionDoc{{"--json"}, "", "the summary as JSON on stdout (errors too)"}, kAllowShellOption,
       kAllowSetidOption, kNowOption},
      {"generator", "action"},
      "--memory-limit SIZE (a global option) is the workers' shared budget (default 128MiB). "
      "Exit 1 when a record failed, 130 when interrupted.",
      true,
      false,
      false});
  docs.push_back(CommandDoc{"list",
                            "list the generators and their actions",
                            {"unjucks list [--json]"},
                            "The generators of the templates folder, then the built-in ones, "
                            "with their actions and descriptions.",
                            {OptionDoc{{"--json"}, "", "as JSON (errors too)"}},
                            {},
                            "",
                            true});
  docs.push_back(CommandDoc{
      "help",
      "show the commands and generators, or an action's variables",
      {"unjucks help [<generator> [<action>]]", "unjucks help <command>"},
      "Alone: the commands and the generators. With a generator: its actions, their files and "
      "the variables their templates read (with defaults, and which the name argument fills). "
      "With a command: the command's help.",
      {},
      {"generator", "action"},
      "",
      true});
  docs.push_back(
      CommandDoc{"init",
                 "create _templates/ with a first generator",
                 {"unjucks init [--dest DIR] [options]"},
                 "Runs the built-in `generator init`: a _templates/ folder with an "
                 "example generator to copy from.",
                 {kDestOption, kForceOption, kDryOption,
                  OptionDoc{{"--json"}, "", "report as JSON on stdout (errors too)"}, kQuietOption},
                 {},
                 "",
                 false});
  docs.push_back(CommandDoc{
      "render",
      "render templates with JSON data, like nunjucks-cli",
      {"unjucks render TEMPLATE [DATA] [options]",
       "unjucks render 'GLOB' [DATA] --out-dir DIR [options]"},
      "Renders TEMPLATE with the JSON object in DATA (a file, or - for stdin) to stdout, or to "
      "--output FILE. A glob (pages/**/*.njk; quote it) renders every match whose name does "
      "not start with _ (partials and layouts) into --out-dir, keeping the paths below the "
      "glob's fixed folder and changing the extension to .html (--extension). --watch renders "
      "again when a template, what it includes, imports or extends, or the data changes.",
      {OptionDoc{{"-d", "--data"}, "FILE", "the data (as the DATA argument)", false, true},
       OptionDoc{{"-s", "--set"},
                 "KEY=VALUE",
                 "set a variable (JSON when it parses, else text; a.b=1 nests); repeatable"},
       OptionDoc{{"-o", "--output"},
                 "FILE",
                 "write to FILE (a temporary file renamed into place)",
                 false,
                 true},
       OptionDoc{{"--out-dir"}, "DIR", "write each template to DIR/<its path>.html", false, true},
       OptionDoc{{"-e", "--extension"},
                 "EXT",
                 "the extension of --out-dir's files (default html; \"\" drops the last one)"},
       OptionDoc{{"-w", "--watch"}, "", "render again on every change, until Ctrl-C"},
       OptionDoc{{"--json"}, "", "errors as JSON on stdout (the output as usual)"},
       OptionDoc{{"-I", "--include"},
                 "DIR",
                 "another folder to load templates from (repeatable; searched in order)",
                 false,
                 true},
       OptionDoc{{"--autoescape"}, "", "HTML-escape output (the default, as Nunjucks)"},
       OptionDoc{{"--no-autoescape"}, "", "do not HTML-escape output"},
       OptionDoc{{"--trim-blocks"}, "", "remove the first newline after a block tag"},
       OptionDoc{{"--lstrip-blocks"}, "", "strip whitespace before a block tag on its line"},
       OptionDoc{{"--throw-on-undefined"}, "", "printing an undefined or null value is an error"},
       OptionDoc{{"--limit"},
                 "KEY=VALUE",
                 "a resource limit (repeatable): output-size, loop-iterations, calls, "
                 "template-size, data-size, call-depth, parse-depth, render-memory"},
       kNowOption,
       OptionDoc{{"--repeat"}, "N", "benchmark: render N times into a discarding sink", true},
       OptionDoc{{"--bench"}, "SECONDS", "benchmark: render for SECONDS", true}},
      {"template", "data"},
      "",
      false});
  docs.push_back(CommandDoc{
      "migrate",
      "convert Hygen generators (EJS templates, prompt.js) to unjucks",
      {"unjucks migrate [FOLDER] [options]"},
      "Converts the Hygen generators of FOLDER (default: the templates folder unjucks would use) "
      "to unjucks in place: EJS templates to Nunjucks that generate the same bytes (.ejs.t "
      "becomes .njk), prompt.js question lists to prompt.yml. What cannot be converted exactly "
      "(JavaScript hooks and helpers, code with no Nunjucks counterpart) is left as it is and "
      "listed with file and line. A second run changes nothing.",
      {OptionDoc{{"--dry"}, "", "print the diff of what would change, change nothing"},
       OptionDoc{
           {"--check"}, "", "change nothing; exit 1 when something needs converting or attention"},
       OptionDoc{{"--backup"}, "", "keep each original beside it as <name>.orig"},
       OptionDoc{{"--out"}, "DIR", "write a converted copy into DIR (empty or new)", false, true},
       OptionDoc{{"--no-escape"},
                 "",
                 "write <%= x %> as {{ x }}, without EJS's HTML escaping (ejsEscape)"}},
      {"folder"},
      "Exit 0 when done (with --check: nothing to convert), 1 when something needs attention (or, "
      "with --check, converting). See docs/migrating-from-hygen.md.",
      true});
  docs.push_back(CommandDoc{
      "completion",
      "print a shell completion script (bash, zsh or fish)",
      {"unjucks completion bash|zsh|fish"},
      "The script completes commands, generators, actions and variables by asking unjucks, so "
      "it follows the templates folder at hand. Load it with `source <(unjucks completion "
      "bash)` in ~/.bashrc, `source <(unjucks completion zsh)` in ~/.zshrc (after compinit), or "
      "`unjucks completion fish | source` in config.fish.",
      {},
      {"shell"},
      "",
      false});
  docs.push_back(CommandDoc{"__complete",
                            "the completions of a command line, one per line (for the scripts)",
                            {"unjucks __complete [--describe] WORD... CURRENT"},
                            "",
                            {OptionDoc{{"--describe"}, "", "add a tab and a description"}},
                            {},
                            "",
                            true,
                            true});
  return docs;
}

}  // namespace

const std::vector<CommandDoc>& command_docs() {
  static const std::vector<CommandDoc> docs = make_docs();
  return docs;
}

const CommandDoc* find_command_doc(std::string_view name) {
  for (const CommandDoc& c : command_docs()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const CommandDoc& c : command_docs()) {
    if (!c.hidden) names.emplace_back(c.name);
  }
  return names;
}

const std::vector<OptionDoc>& global_option_docs() {
  static const std::vector<OptionDoc> docs = {
      kTemplatesOption,
      kBuiltinOption,
      OptionDoc{{"--memory-report"}, "", "the memory tables (components, phases) on stderr"},
      OptionDoc{{"--memory-report=json"}, "", "the same as JSON"},
      OptionDoc{
          {"--memory-report-file"}, "FILE", "write the report to FILE (alone: JSON)", false, true},
      OptionDoc{{"--cache-budget"}, "SIZE", "the template cache's budget (default 12MiB)"},
      OptionDoc{{"--memory-limit"},
                "SIZE",
                "warn at 50%, critical at 75%, emergency clean-up at 100% of SIZE"},
      kHelpOption,
      OptionDoc{{"--version"}, "", "print the version and exit"},
  };
  return docs;
}

const std::vector<std::pair<std::string_view, std::string_view>>& exit_code_docs() {
  static const std::vector<std::pair<std::string_view, std::string_view>> docs = {
      {"0", "done"},
      {"1", "a user error: arguments, missing variables, refusals, failed records"},
      {"2", "a template error (syntax or rendering)"},
      {"130", "interrupted (batch, render --watch)"},
  };
  return docs;
}

const std::vector<std::pair<std::string_view, std::string_view>>& environment_docs() {
  static const std::vector<std::pair<std::string_view, std::string_view>> docs = {
      {"UNJUCKS_TEMPLATES", "the templates folder, when --templates is not given"},
      {"HYGEN_TMPLS", "Hygen's name for it, read when UNJUCKS_TEMPLATES is unset"},
      {"NO_COLOR", "when set and not empty, no colour on a terminal either"},
  };
  return docs;
}

const OptionDoc* find_option(const CommandDoc& cmd, std::string_view name) {
  auto has = [&](const OptionDoc& o) {
    return std::find(o.names.begin(), o.names.end(), name) != o.names.end();
  };
  for (const OptionDoc& o : cmd.options) {
    if (has(o)) return &o;
  }
  const std::vector<OptionDoc>& global = global_option_docs();
  for (size_t i = 0; i < global.size(); ++i) {
    if (i < 2 && !cmd.templates_options) continue;  // --templates, --builtin
    if (has(global[i])) return &global[i];
  }
  return nullptr;
}

std::vector<std::string> option_long_names(const CommandDoc& cmd) {
  std::vector<std::string> names;
  auto add = [&](const OptionDoc& o) {
    if (o.hidden) return;
    for (std::string_view n : o.names) {
      if (n.starts_with("--") && n.find('=') == std::string_view::npos) {
        names.emplace_back(n.substr(2));
      }
    }
  };
  for (const OptionDoc& o : cmd.options) add(o);
  const std::vector<OptionDoc>& global = global_option_docs();
  for (size_t i = 0; i < global.size(); ++i) {
    if (i < 2 && !cmd.templates_options) continue;  // --templates, --builtin
    add(global[i]);
  }
  return names;
}

std::string wrap_text(std::string_view text, size_t width, size_t indent, size_t start) {
  std::string out;
  size_t col = start;
  bool line_empty = true;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = std::min(text.find(' ', pos), text.size());
    std::string_view word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    if (!line_empty && col + 1 + word.size() > width) {
      out += '\n';
      out.append(indent, ' ');
      col = indent;
      line_empty = true;
    } else if (!line_empty) {
      out += ' ';
      ++col;
    }
    out += word;
    col += word.size();
    line_empty = false;
  }
  return out;
}

namespace {

std::string option_label(const OptionDoc& o) {
  std::string label;
  for (std::string_view n : o.names) {
    if (!label.empty()) label += ", ";
    label += n;
  }
  if (!o.arg.empty()) {
    label += ' ';
    label += o.arg;
  }
  return label;
}

// "  label    text", the text wrapped under its column; a label too long for the column gets a
// line of its own.
std::string two_columns(std::string_view label, std::string_view text, size_t column) {
  std::string out = "  " + std::string(label);
  if (out.size() + 2 > column) {
    out += "\n";
    out.append(column, ' ');
  } else {
    out.resize(column, ' ');
  }
  return out + wrap_text(text, kWidth, column, column) + "\n";
}

std::string format_options(const std::vector<OptionDoc>& options) {
  std::string out;
  for (const OptionDoc& o : options) {
    if (!o.hidden) out += two_columns(option_label(o), o.text, kColumn);
  }
  return out;
}

}  // namespace

std::string format_main_help(const std::string& generators) {
  std::string out =
      "unjucks: generate code from Nunjucks templates (Hygen's _templates/ layout)\n"
      "\n"
      "Usage: unjucks <command> [options]\n"
      "       unjucks <generator> <action> [name] [--var value ...]\n"
      "\n"
      "Commands:\n";
  for (const CommandDoc& c : command_docs()) {
    if (c.hidden) continue;
    out += two_columns(c.name, c.summary, 14);
  }
  out += "\nGlobal options (every command):\n" + format_options(global_option_docs());
  if (!generators.empty()) out += "\n" + generators;
  out += "\n" +
         wrap_text(
             "Run `unjucks <command> --help` for a command, `unjucks help <generator> "
             "[<action>]` for an action's variables.",
             kWidth, 0) +
         "\n";
  return out;
}

std::string format_command_help(const CommandDoc& cmd) {
  std::string out;
  for (size_t i = 0; i < cmd.usage.size(); ++i) {
    out += (i == 0 ? "Usage: " : "       ") + std::string(cmd.usage[i]) + "\n";
  }
  if (!cmd.description.empty()) out += "\n" + wrap_text(cmd.description, kWidth, 0) + "\n";
  std::vector<OptionDoc> own = cmd.options;
  own.push_back(kHelpOption);
  out += "\nOptions:\n" + format_options(own);
  if (!cmd.notes.empty()) out += "\n" + wrap_text(cmd.notes, kWidth, 0) + "\n";
  std::string global;
  const std::vector<OptionDoc>& all = global_option_docs();
  for (size_t i = 0; i < all.size(); ++i) {
    if (i < 2 && !cmd.templates_options) continue;
    if (all[i].names[0] == "-h" || all[i].names[0] == "--version") continue;
    if (!global.empty()) global += ", ";
    global += all[i].names.back();
    // A no-break space keeps an option and its value on one line (undone after wrapping).
    if (!all[i].arg.empty()) global += "\x01" + std::string(all[i].arg);
  }
  global = "  " + wrap_text(global, kWidth, 2, 2);
  std::replace(global.begin(), global.end(), '\x01', ' ');
  out += "\nGlobal options (see unjucks --help):\n" + global + "\n";
  return out;
}

}  // namespace unjucks::cli
