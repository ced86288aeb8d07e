// `unjucks generate <generator> <action> [name] [options] [--var value ...]`.

// Run-once command-line code, compiled for size: nearly all of the binary's text ends up
// resident (343 of 351 text pages after `generate command citty`), so its bytes are peak-RSS
// bytes, and peak RSS is a target (issue 4). The hot paths live in gen/ and template/.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("Os")
#endif

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

#include "cli/action_notes.h"
#include "cli/app.h"
#include "cli/commands.h"
#include "cli/memory_options.h"
#include "cli/option_scan.h"
#include "cli/prompt.h"
#include "cli/workspace.h"
#include "gen/action.h"
#include "gen/variables.h"
#include "template/loader.h"

namespace unjucks::cli {
namespace {

struct GenerateArgs {
  WorkspaceOptions ws;
  std::string dest;
  std::string vars_file;
  std::string answers_file;
  bool force = false;
  bool dry = false;
  bool json = false;
  bool quiet = false;
  bool allow_shell = false;
  bool help = false;
  std::vector<std::string> rest;  // positionals and variables
};

// Takes generate's own options out of `args`; what is left is for the variables parser.
bool parse_generate_args(const std::vector<std::string>& args, GenerateArgs* out,
                         std::string* err) {
  OptionScan o;
  o.value({"--dest", "-d", "--cwd"}, &out->dest);
  o.value({"--templates", "-t"}, &out->ws.templates);
  o.value({"--now"}, &out->ws.now);
  o.value({"--vars"}, &out->vars_file);
  o.value({"--answers"}, &out->answers_file);
  o.flag({"--force", "-f"}, &out->force);
  o.flag({"--dry", "--dry-run"}, &out->dry);
  o.flag({"--json"}, &out->json);
  o.flag({"--quiet", "-q"}, &out->quiet);
  o.flag({"--allow-shell"}, &out->allow_shell);
  o.flag({"--builtin"}, &out->ws.builtin);
  o.flag({"--help", "-h"}, &out->help);
  return o.scan(args, &out->rest, err);
}

// Asks for the missing variables on a terminal; false when one is still missing.
bool prompt_missing(const gen::ActionInfo& info, gen::ResolvedVariables* vars) {
  std::vector<std::string> still;
  for (const std::string& name : vars->missing) {
    std::string message = name + ":";
    for (const gen::VariableSpec& v : info.variables) {
      if (v.name == name && !v.message.empty()) message = v.message;
    }
    std::optional<std::string> answer = ask(message, "");
    if (!answer || answer->empty()) {
      still.push_back(name);
    } else {
      vars->values[name] = gen::typed_scalar(*answer);
    }
  }
  vars->missing = std::move(still);
  return vars->missing.empty();
}

// Hygen's positionals: `gen action [name]` when <gen>/<action> exists, else `gen [name]` with
// the action `_default` when the generator has one.
bool use_default_action(const gen::TemplateSet& set, const std::string& generator,
                        const std::vector<std::string>& positionals) {
  const std::string dir = set.root + "/" + generator + "/";
  if (set.disk->stat(dir + "_default").type != gen::FileType::Dir) return false;
  if (positionals.size() < 2) return true;
  return set.disk->stat(dir + gen::split_action_ref(positionals[1]).action).type !=
         gen::FileType::Dir;
}

}  // namespace

std::string generate_usage() {
  return "Usage: unjucks generate <generator> <action> [name] [options] [--var value ...]\n"
         "       unjucks <generator> <action> [name] ...\n"
         "\n"
         "A generator with a _default action runs it for `unjucks <generator> [name]` (Hygen's\n"
         "default action) when the second word is not one of its actions.\n"
         "<action>:<pattern> (Hygen's subaction) runs only the templates of the action whose\n"
         "path matches the regular expression, e.g. unjucks mailer new:html\n"
         "\n"
         "Options:\n"
         "  --dest DIR        write below DIR (default: the working directory)\n"
         "  --force, -f       overwrite existing files\n"
         "  --dry             show what would be written, write nothing\n"
         "  --json            report as JSON on stdout\n"
         "  --quiet, -q       print only errors\n"
         "  --allow-shell     run the templates' sh: commands (printed and skipped otherwise)\n"
         "  --templates DIR   the templates folder (default: nearest _templates/ or templates/,\n"
         "                    or $UNJUCKS_TEMPLATES, or Hygen's $HYGEN_TMPLS)\n"
         "  --builtin         use the built-in generators only\n"
         "  --vars FILE       variables from a JSON or YAML file\n"
         "  --answers FILE    answers to the action's questions, from a JSON or YAML file: its\n"
         "                    declared variables (prompt.yml) and `name`, when the command line\n"
         "                    does not give them; `overwrite: true` answers Hygen's \"exists,\n"
         "                    overwrite?\" with yes (as --force)\n"
         "  --now TIME        what now() returns: 2024-01-15T10:30:00Z or seconds since 1970\n"
         "                    (default: $SOURCE_DATE_EPOCH, else the time the run starts)\n"
         "\n" +
         memory_options_usage() +
         "\n"
         "Variables: --key value, --key=value, --flag (true), --no-flag (false); true, false,\n"
         "null and numbers are typed. The name argument sets `name`; when the action's templates\n"
         "do not use `name`, it also sets the action's main variable: the first variable its\n"
         "config declares that is not a yes/no or a number (e.g. commandName).\n"
         "\n"
         "Exit codes: 0 done, 1 user error (arguments, missing variables, refusals), 2 template\n"
         "error.\n";
}

int generate_command(const std::vector<std::string>& args, MemorySession* memory) {
  MemorySession unmonitored{MemoryOptions{}};
  MemorySession& ms = memory != nullptr ? *memory : unmonitored;
  GenerateArgs ga;
  std::string err;
  if (!parse_generate_args(args, &ga, &err)) return user_error(err);
  if (ga.help) {
    std::fputs(generate_usage().c_str(), stdout);
    return kExitOk;
  }
  gen::VarArgs va;
  if (!gen::parse_var_args(ga.rest, &va, &err)) return user_error(err);
  if (va.positionals.empty()) {
    return user_error("generate needs a generator and an action (see `unjucks list`)\n\n" +
                      generate_usage());
  }
  const std::string generator = va.positionals[0];

  // Template discovery: the templates folder, the generator, its action and its compiled
  // templates. Then rendering (variables, context, every template into temporary files) and
  // file generation (from the first rename into place; the observed disk switches).
  auto phase = ms.phase(mem::Phase::kTemplateDiscovery);
  Workspace ws;
  if (!ws.open(ga.ws, &err)) return user_error(err);
  const gen::TemplateSet* set = ws.find_generator(generator);
  if (!set) {
    std::string where = ws.user() ? "in " + ws.display_dir(*ws.user(), ws.user()->root) +
                                        " or among the built-in generators"
                                  : "among the built-in generators (no _templates/ folder found)";
    return user_error("no generator named '" + generator + "' " + where + "; run `unjucks list`");
  }
  // Hygen's default action: `gen [name]` runs <gen>/_default when the second word is no action
  // of the generator (or there is none).
  if (use_default_action(*set, generator, va.positionals)) {
    va.positionals.insert(va.positionals.begin() + 1, "_default");
  }
  if (va.positionals.size() < 2) {
    return user_error("generate needs a generator and an action (see `unjucks list`)\n\n" +
                      generate_usage());
  }
  if (va.positionals.size() > 3) {
    return user_error("unexpected argument '" + va.positionals[3] +
                      "' (give variables as --name value)");
  }
  // `new:mailer` (Hygen's subaction): only the templates of `new` that match `mailer`.
  const gen::ActionRef ref = gen::split_action_ref(va.positionals[1]);
  const std::string& action_name = ref.action;
  gen::ActionInfo info;
  if (!gen::load_action(*set, generator, action_name, &info, &err)) return user_error(err);
  if (!gen::select_templates(&info, ref.subaction, &err)) return user_error(err);

  std::unique_ptr<tpl::Loader> loader;
  if (set->builtin) {
    loader = std::make_unique<tpl::MapLoader>();
  } else {
    loader = std::make_unique<tpl::FileSystemLoader>(
        std::vector<std::string>{info.dir, set->root + "/" + generator, set->root});
  }
  tpl::Context ctx;
  tpl::Environment env(ws.engine_options(), std::move(loader));
  ms.configure(env);
  auto watch = ms.attach(&env, &ctx);
  gen::CompiledAction compiled;
  try {
    if (!gen::compile_action(env, *set->disk, info, ws.display_dir(*set, info.dir), &compiled,
                             &err)) {
      return user_error(err);
    }
  } catch (const tpl::TemplateError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitTemplateError;
  }
  print_action_notes(compiled, info.hooks.empty() ? "" : ws.display_dir(*set, info.hooks[0]),
                     stderr);

  ms.enter(mem::Phase::kRendering);
  gen::Json file_vars = gen::Json::object();
  if (!ga.vars_file.empty() &&
      !gen::load_vars_file(ws.disk(), absolute_path(ws.cwd(), ga.vars_file), &file_vars, &err)) {
    return user_error(err);
  }
  gen::Json answers = gen::Json::object();
  if (!ga.answers_file.empty() &&
      !gen::load_vars_file(ws.disk(), absolute_path(ws.cwd(), ga.answers_file), &answers, &err)) {
    return user_error(err);
  }
  gen::VariableInputs in;
  in.project_defaults = &ws.project().defaults;
  in.declared = &info.variables;
  in.file_vars = &file_vars;
  in.arg_vars = &va.vars;
  std::string positional_name = va.positionals.size() > 2 ? va.positionals[2] : "";
  if (va.positionals.size() > 2) in.positional_name = &positional_name;
  in.referenced = compiled.referenced;
  if (!ga.answers_file.empty()) in.answers = &answers;
  gen::ResolvedVariables vars = gen::resolve_variables(in);
  if (!vars.missing.empty() && !ga.json && can_prompt()) {
    prompt_missing(info, &vars);
    gen::derive_capital_name(compiled.referenced, &vars);  // from a name typed in
  }
  if (!vars.missing.empty()) {
    std::string list;
    for (const std::string& m : vars.missing) list += (list.empty() ? "" : ", ") + m;
    return user_error(fmt::format(
        "missing variable{} for {} {}: {} (give the name as the third argument, or --{} value)",
        vars.missing.size() == 1 ? "" : "s", generator, action_name, list, vars.missing[0]));
  }

  gen::RunOptions ro;
  ro.dest = absolute_path(ws.cwd(), ga.dest.empty() ? "." : ga.dest);
  gen::RunVariables run;
  run.cwd = ro.dest;
  run.generator = generator;
  run.action = action_name;
  run.subaction = ref.subaction;
  run.actionfolder = info.dir;
  run.templates = set->root;
  gen::add_run_variables(compiled.referenced, run, &vars.values);
  try {
    ctx.merge_json(vars.values.dump());
  } catch (const std::exception& e) {
    return user_error(std::string("variables: ") + e.what());
  }

  ro.templates_root = set->root;
  // Hygen asks before replacing a file ("exists, overwrite?"): an answer yes is --force.
  auto overwrite = answers.find("overwrite");
  ro.force = ga.force || (overwrite != answers.end() && *overwrite == true);
  ro.dry = ga.dry;
  ro.allow_shell = ga.allow_shell;
  if (!ga.dry && ws.disk().stat(ro.dest).type != gen::FileType::Dir) {
    if (!ws.disk().make_dirs(ro.dest, nullptr, &err)) return user_error(err);
    ro.dest = absolute_path(ws.cwd(), ro.dest);
  }
  ro.dest_is_dir = !ga.dry;
  gen::RunResult result =
      gen::run_action(env, compiled, ctx, *set->disk, ms.observe(ws.disk()), ro);
  // A dry run commits nothing: its plan is what it generates.
  if (result.error.empty() && ms.current_phase() == mem::Phase::kRendering) {
    ms.enter(mem::Phase::kFileGeneration);
  }

  for (const std::string& w : result.warnings) {
    std::fprintf(stderr, "unjucks: warning: %s\n", w.c_str());
  }
  if (ga.json) {
    gen::Json j = gen::entries_to_json(result.entries, ga.dry);
    j["generator"] = generator;
    j["action"] = action_name;
    j["dest"] = ro.dest;
    j["exitCode"] = result.status;
    if (!result.error.empty()) j["error"] = result.error;
    // Paths are bytes; JSON needs UTF-8: invalid sequences are shown as U+FFFD.
    std::string text = j.dump(2, ' ', false, gen::Json::error_handler_t::replace) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else {
    bool color = gen::want_color(::isatty(1));
    std::string text;
    for (const gen::ReportEntry& e : result.entries) {
      if (ga.quiet && e.kind != gen::EntryKind::Error) continue;
      text += gen::format_entry(e, color, ga.dry);
    }
    if (!ga.quiet && result.error.empty()) {
      text += gen::format_summary(result.entries, color, ga.dry);
    }
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  if (!result.error.empty()) {
    std::fprintf(
        stderr, "%s%s\nunjucks: nothing was written\n",
        result.status == kExitTemplateError ? "" : "unjucks: error: ", result.error.c_str());
  }
  return result.status;
}

int init_command(const std::vector<std::string>& args, MemorySession* memory) {
  std::vector<std::string> full = {"generator", "init", "--builtin"};
  full.insert(full.end(), args.begin(), args.end());
  return generate_command(full, memory);
}

}  // namespace unjucks::cli
