// `unjucks list` and `unjucks help <generator> [action]`.

// Run-once command-line code, compiled for size: nearly all of the binary's text ends up
// resident (343 of 351 text pages after `generate command citty`), so its bytes are peak-RSS
// bytes, and peak RSS is a target (issue 4). The hot paths live in gen/ and template/.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("Os")
#endif

#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "cli/action_summary.h"
#include "cli/app.h"
#include "cli/command_docs.h"
#include "cli/commands.h"
#include "cli/error_output.h"
#include "cli/memory_options.h"
#include "cli/name_lookup.h"
#include "cli/option_scan.h"
#include "cli/workspace.h"
#include "gen/action.h"
#include "gen/variables.h"
#include "template/loader.h"

namespace unjucks::cli {
namespace {

int fail(const std::string& message) { return user_error(message); }

void describe_set(Workspace& ws, const gen::TemplateSet& set, gen::Json* out,
                  const std::vector<std::string>& hide) {
  for (const std::string& name : gen::list_generators(set)) {
    if (std::find(hide.begin(), hide.end(), name) != hide.end()) continue;
    gen::GeneratorInfo g;
    std::string err;
    if (!gen::load_generator(set, name, &g, &err)) continue;
    gen::Json j = gen::Json::object();
    j["name"] = name;
    j["description"] = g.meta.description;
    j["builtin"] = set.builtin;
    j["path"] = ws.display_dir(set, g.dir);
    gen::Json actions = gen::Json::array();
    for (const std::string& a : g.actions) {
      gen::ActionInfo info;
      gen::Json aj = gen::Json::object();
      aj["name"] = a;
      aj["description"] =
          gen::load_action(set, name, a, &info, &err) ? info.description : std::string();
      actions.push_back(std::move(aj));
    }
    j["actions"] = std::move(actions);
    out->push_back(std::move(j));
  }
}

}  // namespace

int list_command(const std::string& templates, bool builtin, bool json, MemorySession* memory) {
  MemorySession unmonitored{MemoryOptions{}};
  MemorySession& ms = memory != nullptr ? *memory : unmonitored;
  auto phase = ms.phase(mem::Phase::kTemplateDiscovery);
  Workspace ws;
  std::string err;
  WorkspaceOptions wo{templates, builtin, {}};
  if (!ws.open(wo, &err)) return fail(err);
  gen::Json gens = gen::Json::array();
  std::vector<std::string> user_names;
  if (ws.user()) {
    user_names = gen::list_generators(*ws.user());
    describe_set(ws, *ws.user(), &gens, {});
  }
  describe_set(ws, ws.builtin(), &gens, user_names);
  if (json) {
    std::string text = gens.dump(2) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  }
  std::string text;
  if (ws.user()) {
    text += "Generators in " + ws.display_dir(*ws.user(), ws.user()->root) + ":\n";
  } else {
    text += "No _templates/ folder here; built-in generators:\n";
  }
  bool builtin_header = !ws.user();
  for (const gen::Json& g : gens) {
    if (g["builtin"].get<bool>() && !builtin_header) {
      text += "\nBuilt-in generators:\n";
      builtin_header = true;
    }
    std::string desc = g["description"].get<std::string>();
    text += fmt::format("  {}{}\n", g["name"].get<std::string>(), desc.empty() ? "" : "  " + desc);
    for (const gen::Json& a : g["actions"]) {
      std::string ad = a["description"].get<std::string>();
      text += fmt::format("    {}{}\n", a["name"].get<std::string>(), ad.empty() ? "" : "  " + ad);
    }
  }
  text += "\nRun: unjucks generate <generator> <action> [name] [--var value ...]\n";
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

int help_command(const std::string& generator, const std::string& action,
                 const std::string& templates, bool builtin, MemorySession* memory) {
  if (generator.empty()) {
    std::fputs(format_main_help(generators_overview(templates, builtin)).c_str(), stdout);
    return kExitOk;
  }
  // `unjucks help render`: a command's help (commands come before generators, as on the
  // command line).
  if (const CommandDoc* cmd = find_command_doc(generator); cmd && !cmd->hidden) {
    std::fputs(format_command_help(*cmd).c_str(), stdout);
    return kExitOk;
  }
  MemorySession unmonitored{MemoryOptions{}};
  MemorySession& ms = memory != nullptr ? *memory : unmonitored;
  auto phase = ms.phase(mem::Phase::kTemplateDiscovery);
  Workspace ws;
  std::string err;
  WorkspaceOptions wo{templates, builtin, {}};
  if (!ws.open(wo, &err)) return fail(err);
  CliError lookup;
  // `unjucks help rendr` may be a mistyped command as much as a generator.
  const gen::TemplateSet* set = find_generator(ws, generator, true, &lookup);
  if (!set) return report_error(lookup, kExitUserError);
  gen::GeneratorInfo g;
  if (!gen::load_generator(*set, generator, &g, &err)) return fail(err);
  if (!action.empty() && std::count(g.actions.begin(), g.actions.end(), action) == 0) {
    return report_error(action_error(*set, generator, action, ""), kExitUserError);
  }
  std::vector<std::string> actions = action.empty() ? g.actions : std::vector<std::string>{action};
  std::string text = fmt::format("{}{}{}\n", generator, g.meta.description.empty() ? "" : ": ",
                                 g.meta.description);
  for (const std::string& a : actions) {
    ActionSummary summary;
    if (!summarize_action(ws, *set, generator, a, ms, &summary, &lookup)) {
      return report_error(lookup,
                          lookup.kind == kErrorTemplate ? kExitTemplateError : kExitUserError);
    }
    text += fmt::format("\n  {} {}{}{}\n", generator, a, summary.description.empty() ? "" : ": ",
                        summary.description);
    text += fmt::format("  usage: unjucks generate {} {}{} [--var value ...]\n", generator, a,
                        summary.main.empty() ? "" : " <" + summary.main + ">");
    text += "  files:\n";
    for (const std::string& f : summary.files) text += "    " + f + "\n";
    text += "  variables:\n";
    if (summary.variables.empty()) text += "    (none)\n";
    for (const ActionVariable& v : summary.variables) {
      text += fmt::format("{:<28} {}\n", "    --" + v.name, v.note);
    }
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

std::string generators_overview(const std::string& templates, bool builtin) {
  Workspace ws;
  std::string err;
  WorkspaceOptions wo{templates, builtin, {}};
  if (!ws.open(wo, &err)) return "Generators: none (" + err + ")\n";
  std::string text;
  auto section = [&](const gen::TemplateSet& set, const std::vector<std::string>& hide) {
    for (const std::string& name : gen::list_generators(set)) {
      if (std::find(hide.begin(), hide.end(), name) != hide.end()) continue;
      gen::GeneratorInfo g;
      if (!gen::load_generator(set, name, &g, &err)) continue;
      std::string actions;
      for (const std::string& a : g.actions) actions += (actions.empty() ? "" : ", ") + a;
      std::string line = "  " + name;
      line.resize(std::max<size_t>(line.size() + 2, 14), ' ');
      text += line + actions + "\n";
    }
  };
  std::vector<std::string> user_names;
  if (ws.user()) {
    user_names = gen::list_generators(*ws.user());
    text += "Generators in " + ws.display_dir(*ws.user(), ws.user()->root) + " (and actions):\n";
    section(*ws.user(), {});
    if (user_names.empty()) text += "  (none yet: unjucks generator new <name>)\n";
    text += "\nBuilt-in generators:\n";
  } else {
    text += "Generators (built-in; no _templates/ folder here: unjucks init makes one):\n";
  }
  section(ws.builtin(), user_names);
  return text;
}

}  // namespace unjucks::cli
