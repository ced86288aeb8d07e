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

#include "cli/app.h"
#include "cli/commands.h"
#include "cli/memory_options.h"
#include "cli/workspace.h"
#include "gen/action.h"
#include "gen/variables.h"
#include "template/loader.h"

namespace unjucks::cli {
namespace {

int fail(const std::string& message) {
  std::fprintf(stderr, "unjucks: error: %s\n", message.c_str());
  return kExitUserError;
}

std::string value_text(const gen::Json& v) {
  return v.is_string() ? "\"" + v.get<std::string>() + "\"" : v.dump();
}

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
  MemorySession unmonitored{MemoryOptions{}};
  MemorySession& ms = memory != nullptr ? *memory : unmonitored;
  auto phase = ms.phase(mem::Phase::kTemplateDiscovery);
  Workspace ws;
  std::string err;
  WorkspaceOptions wo{templates, builtin, {}};
  if (!ws.open(wo, &err)) return fail(err);
  const gen::TemplateSet* set = ws.find_generator(generator);
  if (!set) return fail("no generator named '" + generator + "'; run `unjucks list`");
  gen::GeneratorInfo g;
  if (!gen::load_generator(*set, generator, &g, &err)) return fail(err);
  std::vector<std::string> actions = action.empty() ? g.actions : std::vector<std::string>{action};
  std::string text = fmt::format("{}{}{}\n", generator, g.meta.description.empty() ? "" : ": ",
                                 g.meta.description);
  for (const std::string& a : actions) {
    gen::ActionInfo info;
    if (!gen::load_action(*set, generator, a, &info, &err)) return fail(err);
    tpl::Environment env(ws.engine_options(), std::make_unique<tpl::MapLoader>());
    ms.configure(env);
    auto watch = ms.attach(&env, nullptr);
    gen::CompiledAction compiled;
    try {
      if (!gen::compile_action(env, *set->disk, info, ws.display_dir(*set, info.dir), &compiled,
                               &err)) {
        return fail(err);
      }
    } catch (const tpl::TemplateError& e) {
      std::fprintf(stderr, "%s\n", e.what());
      return kExitTemplateError;
    }
    auto reads = [&](const char* v) {
      return std::find(compiled.referenced.begin(), compiled.referenced.end(), v) !=
             compiled.referenced.end();
    };
    // Hygen's `Name` is made from `name` (gen::resolve_variables): reading it uses the name.
    bool uses_name = reads("name") || reads("Name");
    std::string main = uses_name ? "name" : gen::main_variable(info.variables, compiled.referenced);
    text += fmt::format("\n  {} {}{}{}\n", generator, a, info.description.empty() ? "" : ": ",
                        info.description);
    text += fmt::format("  usage: unjucks generate {} {}{} [--var value ...]\n", generator, a,
                        main.empty() ? "" : " <" + main + ">");
    text += "  files:\n";
    for (const gen::CompiledTemplate& t : compiled.templates) text += "    " + t.rel + "\n";
    // Declared variables first (with their defaults), then the others the templates read.
    std::vector<std::string> names;
    for (const gen::VariableSpec& v : info.variables) names.push_back(v.name);
    for (const std::string& r : compiled.referenced) {
      if (r == "Name" && uses_name &&
          std::find(names.begin(), names.end(), "name") == names.end()) {
        names.push_back("name");
      }
      if (std::find(names.begin(), names.end(), r) == names.end()) names.push_back(r);
    }
    text += "  variables:\n";
    if (names.empty()) text += "    (none)\n";
    for (const std::string& n : names) {
      const gen::VariableSpec* spec = nullptr;
      for (const gen::VariableSpec& v : info.variables) {
        if (v.name == n) spec = &v;
      }
      std::string line = "    --" + n;
      std::string notes;
      auto note = [&](const std::string& s) { notes += (notes.empty() ? "" : "; ") + s; };
      if (n == main) note("filled by the name argument");
      if (spec && !spec->description.empty()) note(spec->description);
      if (spec && spec->description.empty() && !spec->message.empty()) note(spec->message);
      if (spec && spec->default_value) note("default " + value_text(*spec->default_value));
      if (spec && !spec->default_value && n != main) note("required");
      if (!spec && n == "Name" && uses_name) {
        note("the name with its first character upper-cased, unless given");
      } else if (!spec && n != main) {
        note("optional, used by the templates");
      }
      text += fmt::format("{:<28} {}\n", line, notes);
    }
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace unjucks::cli
