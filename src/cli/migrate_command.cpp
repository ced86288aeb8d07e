// Run-once command-line code, compiled for size (see generate_command.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("Os")
#endif

#include "cli/migrate_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "cli/app.h"
#include "cli/option_scan.h"
#include "cli/text_diff.h"
#include "cli/workspace.h"
#include "migrate/migrate_apply.h"
#include "migrate/migrate_plan.h"

namespace unjucks::cli {
namespace {

struct MigrateArgs {
  std::string folder;
  std::string out;
  bool backup = false;
  bool dry = false;
  bool check = false;
  bool no_escape = false;
};

void print(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }

std::string table(const migrate::MigratePlan& plan) {
  size_t width = 9;  // "generator"
  for (const auto& g : plan.generators) width = std::max(width, g.name.size());
  std::string out = fmt::format("  {:<{}}  {:>5}  {:>5}  {:>15}\n", "generator", width, "files",
                                "tags", "needs attention");
  size_t files = 0, tags = 0, attention = 0;
  for (const auto& g : plan.generators) {
    out += fmt::format("  {:<{}}  {:>5}  {:>5}  {:>15}\n", g.name, width, g.files, g.tags,
                       g.attention);
    files += g.files;
    tags += g.tags;
    attention += g.attention;
  }
  attention = plan.attention.size();  // .hygen.js is no generator's
  out += fmt::format("  {:<{}}  {:>5}  {:>5}  {:>15}\n", "total", width, files, tags, attention);
  return out;
}

std::string attention_list(const migrate::MigratePlan& plan, const std::string& shown_root) {
  if (plan.attention.empty()) return "";
  std::string out = "\nNeeds attention (left as it is):\n";
  for (const auto& a : plan.attention) {
    std::string file = a.file.starts_with("../") ? a.file : shown_root + "/" + a.file;
    if (a.line) {
      out += fmt::format("  {}:{}:{}: {}\n", file, a.line, a.col, a.message);
    } else {
      out += fmt::format("  {}: {}\n", file, a.message);
    }
  }
  return out;
}

// The folder as the user knows it: relative to the working directory when inside it.
std::string shown(const std::string& cwd, const std::string& path) {
  if (path == cwd) return ".";
  if (path.starts_with(cwd + "/")) return path.substr(cwd.size() + 1);
  return path;
}

int run_migrate(const MigrateArgs& args, const std::string& global_templates) {
  std::string err;
  Workspace ws;
  WorkspaceOptions wo;
  wo.templates = args.folder.empty() ? global_templates : args.folder;
  if (!ws.open(wo, &err)) return user_error(err);
  if (!ws.user()) {
    return user_error(
        "no templates folder found (_templates/ or templates/ here or above); give "
        "the folder: unjucks migrate FOLDER");
  }
  if (args.backup && !args.out.empty()) {
    return user_error(
        "--backup keeps originals beside converted files; with --out the originals "
        "are left as they are");
  }
  migrate::MigrateOptions opts;
  opts.root = ws.user()->root;
  opts.backup = args.backup;
  opts.convert.exact_escaping = !args.no_escape;
  migrate::MigratePlan plan;
  if (!migrate::plan_migration(ws.disk(), opts, &plan, &err)) return user_error(err);
  const std::string root = shown(ws.cwd(), opts.root);
  const bool nothing = plan.changes.empty();

  if (args.check || args.dry) {
    std::string out;
    if (args.dry) {
      for (const auto& c : plan.changes) {
        out += unified_diff(c.before, c.after, c.from.empty() ? "/dev/null" : root + "/" + c.from,
                            root + "/" + c.to);
        if (!c.from.empty() && c.from != c.to && c.before == c.after) {
          out += "rename " + root + "/" + c.from + " -> " + root + "/" + c.to + "\n";
        }
      }
    }
    out += fmt::format("unjucks migrate {}: {} file{} to convert ({} tags), {} need{} attention\n",
                       root, plan.files_converted(), plan.files_converted() == 1 ? "" : "s",
                       plan.tags_converted(), plan.attention.size(),
                       plan.attention.size() == 1 ? "s" : "");
    out += table(plan) + attention_list(plan, root);
    if (args.dry) out += "(dry run: nothing written)\n";
    print(out);
    if (args.check) return nothing && plan.attention.empty() ? kExitOk : kExitUserError;
    return kExitOk;
  }

  migrate::ApplyResult applied;
  std::string out_dir;
  if (!args.out.empty()) {
    out_dir = absolute_path(ws.cwd(), args.out);
    applied = migrate::write_copy(ws.disk(), opts, plan, out_dir);
  } else {
    applied = migrate::apply_in_place(ws.disk(), opts, plan);
  }
  std::string out;
  for (const auto& c : plan.changes) {
    const char* what = c.kind == migrate::FileChange::Kind::Ignore   ? "ignore list"
                       : c.kind == migrate::FileChange::Kind::Prompt ? "questions"
                                                                     : "converted";
    std::string name = root + "/" + (c.from.empty() ? c.to : c.from);
    if (!c.from.empty() && c.from != c.to) {
      // The new name alone when only the name changes.
      size_t a = c.from.rfind('/'), b = c.to.rfind('/');
      bool same_dir = a == b && c.from.compare(0, a, c.to, 0, b) == 0;
      name += " -> " + (same_dir ? c.to.substr(b + 1) : root + "/" + c.to);
    }
    out += fmt::format("  {:>11}: {}{}\n", what, name,
                       c.tags ? fmt::format(" ({} tag{})", c.tags, c.tags == 1 ? "" : "s") : "");
  }
  std::string where = out_dir.empty() ? root : root + " -> " + shown(ws.cwd(), out_dir);
  out += fmt::format("\nunjucks migrate {}: {} file{} converted ({} tags), {} need{} attention\n",
                     where, plan.files_converted(), plan.files_converted() == 1 ? "" : "s",
                     plan.tags_converted(), plan.attention.size(),
                     plan.attention.size() == 1 ? "s" : "");
  out += table(plan) + attention_list(plan, root);
  if (nothing && out_dir.empty()) out += "Nothing to convert.\n";
  print(out);
  for (const std::string& e : applied.errors) {
    std::fprintf(stderr, "unjucks: error: %s\n", e.c_str());
  }
  if (!applied.errors.empty()) return kExitUserError;
  return plan.attention.empty() ? kExitOk : kExitUserError;
}

}  // namespace

void add_migrate_command(CLI::App& app, int* exit_code, const std::string* templates) {
  auto args = std::make_shared<MigrateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "migrate", "Convert Hygen generators (EJS, prompt.js) to unjucks, in place or into a copy");
  cmd->add_option("folder", args->folder,
                  "the templates folder (default: the one unjucks would use)");
  cmd->add_option("--out", args->out, "write a converted copy into DIR (it must be empty)");
  cmd->add_flag("--backup", args->backup, "keep each original beside it as <name>.orig");
  cmd->add_flag("--dry", args->dry, "print the diff of what would change, change nothing");
  cmd->add_flag("--check", args->check,
                "change nothing; exit 1 when something needs converting or attention");
  cmd->add_flag("--no-escape", args->no_escape,
                "write <%= x %> as {{ x }}, without EJS's HTML escaping (ejsEscape)");
  cmd->footer(
      "Exit codes: 0 done (or, with --check, nothing to convert), 1 something needs attention "
      "(listed with file and line) or, with --check, something to convert.");
  cmd->callback([args, exit_code, templates] { *exit_code = run_migrate(*args, *templates); });
}

}  // namespace unjucks::cli
