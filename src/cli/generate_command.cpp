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
#include "cli/command_docs.h"
#include "cli/commands.h"
#include "cli/error_output.h"
#include "cli/memory_options.h"
#include "cli/name_lookup.h"
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
  bool allow_setid = false;
  bool help = false;
  std::vector<std::string> rest;  // positionals and variables
};

// Takes generate's own options out of `args`; what is left is for the variables parser.
bool parse_generate_args(const std::vector<std::string>& args, GenerateArgs* out, std::string* err,
                         std::vector<std::string>* names = nullptr) {
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
  o.flag({"--allow-setid"}, &out->allow_setid);
  o.flag({"--builtin"}, &out->ws.builtin);
  o.flag({"--help", "-h"}, &out->help);
  if (names != nullptr) *names = o.names();
  return o.scan(args, &out->rest, err);
}

int usage_error(const std::string& message) {
  CliError e;
  e.kind = kErrorUsage;
  e.message = message;
  return report_error(e, kExitUserError);
}

// Why a run failed, for the report: a template's error where it points.
CliError run_error(const gen::RunResult& result) {
  if (result.template_error) return template_error(*result.template_error);
  if (result.status == kExitTemplateError) return diagnostic_error(result.error);
  CliError e;
  e.message = result.error;
  return e;
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

std::vector<std::string> generate_option_names() {
  GenerateArgs ga;
  std::string err;
  std::vector<std::string> names;
  parse_generate_args({}, &ga, &err, &names);
  return names;
}

std::string generate_usage() { return format_command_help(*find_command_doc("generate")); }

int generate_command(const std::vector<std::string>& args, MemorySession* memory, bool short_form) {
  MemorySession unmonitored{MemoryOptions{}};
  MemorySession& ms = memory != nullptr ? *memory : unmonitored;
  GenerateArgs ga;
  std::string err;
  if (!parse_generate_args(args, &ga, &err)) return usage_error(err);
  gen::VarArgs va;
  if (!gen::parse_var_args(ga.rest, &va, &err)) return usage_error(err);
  if (ga.help) {
    // `unjucks <generator> [<action>] --help`: what `unjucks help` says about them.
    if (va.positionals.empty()) {
      std::fputs(generate_usage().c_str(), stdout);
      return kExitOk;
    }
    return help_command(
        va.positionals[0],
        va.positionals.size() > 1 ? gen::split_action_ref(va.positionals[1]).action : std::string(),
        ga.ws.templates, ga.ws.builtin, memory);
  }
  if (va.positionals.empty()) {
    return usage_error(
        "generate needs a generator and an action: unjucks generate <generator> <action> "
        "(see `unjucks list`)");
  }
  if (va.positionals.size() > 3) {
    return usage_error("unexpected argument '" + va.positionals[3] +
                       "' (give variables as --name value)");
  }
  const std::string generator = va.positionals[0];  // a copy: positionals may grow

  // Template discovery: the templates folder, the generator, its action and its compiled
  // templates. Then rendering (variables, context, every template into temporary files) and
  // file generation (from the first rename into place; the observed disk switches).
  auto phase = ms.phase(mem::Phase::kTemplateDiscovery);
  Workspace ws;
  if (!ws.open(ga.ws, &err)) return user_error(err);
  CliError lookup;
  const gen::TemplateSet* set = find_generator(ws, generator, short_form, &lookup);
  if (!set) return report_error(lookup, kExitUserError);
  // Hygen's default action: `gen [name]` runs <gen>/_default when the second word is no action
  // of the generator (or there is none).
  if (use_default_action(*set, generator, va.positionals)) {
    va.positionals.insert(va.positionals.begin() + 1, "_default");
  }
  if (va.positionals.size() < 2) {
    return report_error(missing_action_error(*set, generator, short_form ? "" : "generate"),
                        kExitUserError);
  }
  // `new:mailer` (Hygen's subaction): only the templates of `new` that match `mailer`.
  const gen::ActionRef ref = gen::split_action_ref(va.positionals[1]);
  const std::string& action_name = ref.action;
  gen::ActionInfo info;
  if (!gen::load_action(*set, generator, action_name, &info, &err)) {
    return report_error(action_error(*set, generator, action_name, err), kExitUserError);
  }
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
    return report_error(template_error(e.error()), kExitTemplateError);
  }
  print_action_notes(compiled, info.hooks.empty() ? "" : ws.display_dir(*set, info.hooks[0]),
                     stderr);

  ms.enter(mem::Phase::kRendering);
  gen::Json file_vars = gen::Json::object();
  if (!ga.vars_file.empty() &&
      !gen::load_vars_file(ws.disk(), absolute_path(ws.cwd(), ga.vars_file),
                           ws.engine_options().limits.max_data_bytes, &file_vars, &err)) {
    return user_error(err);
  }
  gen::Json answers = gen::Json::object();
  if (!ga.answers_file.empty() &&
      !gen::load_vars_file(ws.disk(), absolute_path(ws.cwd(), ga.answers_file),
                           ws.engine_options().limits.max_data_bytes, &answers, &err)) {
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
    CliError missing;
    missing.kind = kErrorMissingVariables;
    missing.variables = vars.missing;
    missing.message = fmt::format(
        "missing variable{} for {} {}: {} (give the name as the third argument, or --{} value)",
        vars.missing.size() == 1 ? "" : "s", generator, action_name, list, vars.missing[0]);
    return report_error(missing, kExitUserError);
  }

  // Hygen's variables about the run itself, for templates that read them.
  gen::RunVariables run;
  run.cwd = absolute_path(ws.cwd(), ga.dest.empty() ? "." : ga.dest);
  run.generator = generator;
  run.action = action_name;
  run.subaction = ref.subaction;
  run.actionfolder = info.dir;
  run.templates = set->root;
  gen::add_run_variables(compiled.referenced, run, &vars.values);
  std::string vars_text;
  if (!gen::variables_json_text(vars.values, &vars_text, &err)) return user_error(err);
  try {
    ctx.merge_json(vars_text);
  } catch (const std::exception& e) {
    return user_error(std::string("variables: ") + e.what());
  }

  gen::RunOptions ro;
  ro.templates_root = set->root;
  // Hygen asks before replacing a file ("exists, overwrite?"): an answer yes is --force.
  auto overwrite = answers.find("overwrite");
  ro.force = ga.force || (overwrite != answers.end() && *overwrite == true);
  ro.dry = ga.dry;
  ro.allow_shell = ga.allow_shell;
  ro.allow_setid = ga.allow_setid;
  if (!ws.open_destination(ga.dest, ga.dry, &ro.dest, &err)) return user_error(err);
  ro.dest_is_dir = !ga.dry;
  gen::RunResult result =
      gen::run_action(env, compiled, ctx, *set->disk, ms.observe(ws.out_disk()), ro);
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
    if (!result.error.empty()) j["error"] = error_json(run_error(result));
    gen::Json ok = {{"ok", result.error.empty()}};
    ok.update(j);
    j = std::move(ok);
    if (result.nothing_written) j["nothingWritten"] = true;
    // Paths are bytes; JSON needs UTF-8: invalid sequences are shown as U+FFFD.
    std::string text = j.dump(2, ' ', false, gen::Json::error_handler_t::replace) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else {
    // What was done on stdout; the files' errors on stderr.
    bool color = gen::want_color(::isatty(1));
    bool err_color = gen::want_color(::isatty(2));
    std::string text, errors;
    for (const gen::ReportEntry& e : result.entries) {
      if (e.kind == gen::EntryKind::Error) {
        errors += gen::format_entry(e, err_color, ga.dry);
      } else if (!ga.quiet) {
        text += gen::format_entry(e, color, ga.dry);
      }
    }
    if (!ga.quiet && !result.nothing_written) {
      text += gen::format_summary(result.entries, color, ga.dry);
    }
    std::fflush(stdout);
    std::fwrite(errors.data(), 1, errors.size(), stderr);
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  if (!result.error.empty() && !ga.json) report_error(run_error(result), result.status);
  if (result.nothing_written && !ga.json) std::fputs("unjucks: nothing was written\n", stderr);
  return result.status;
}

int init_command(const std::vector<std::string>& args, MemorySession* memory) {
  for (const std::string& a : args) {
    if (a == "--") break;
    if (a == "--help" || a == "-h") {
      std::fputs(format_command_help(*find_command_doc("init")).c_str(), stdout);
      return kExitOk;
    }
  }
  std::vector<std::string> full = {"generator", "init", "--builtin"};
  full.insert(full.end(), args.begin(), args.end());
  return generate_command(full, memory);
}

}  // namespace unjucks::cli
