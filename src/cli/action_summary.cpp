// Run-once command-line code, compiled for size (see generate_command.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("Os")
#endif

#include "cli/action_summary.h"

#include <algorithm>
#include <memory>

#include "cli/memory_options.h"
#include "gen/action.h"
#include "gen/variables.h"
#include "template/loader.h"

namespace unjucks::cli {
namespace {

std::string value_text(const gen::Json& v) {
  return v.is_string() ? "\"" + v.get<std::string>() + "\"" : v.dump();
}

}  // namespace

bool summarize_action(Workspace& ws, const gen::TemplateSet& set, const std::string& generator,
                      const std::string& action, MemorySession& ms, ActionSummary* out,
                      CliError* err) {
  gen::ActionInfo info;
  std::string why;
  if (!gen::load_action(set, generator, action, &info, &why)) {
    err->message = why;
    return false;
  }
  tpl::Environment env(ws.engine_options(), std::make_unique<tpl::MapLoader>());
  ms.configure(env);
  auto watch = ms.attach(&env, nullptr);
  gen::CompiledAction compiled;
  try {
    if (!gen::compile_action(env, *set.disk, info, ws.display_dir(set, info.dir), &compiled,
                             &why)) {
      err->message = why;
      return false;
    }
  } catch (const tpl::TemplateError& e) {
    *err = template_error(e.error());
    return false;
  }
  auto reads = [&](const char* v) {
    return std::find(compiled.referenced.begin(), compiled.referenced.end(), v) !=
           compiled.referenced.end();
  };
  // Hygen's `Name` is made from `name` (gen::resolve_variables): reading it uses the name.
  const bool uses_name = reads("name") || reads("Name");
  out->description = info.description;
  out->main = uses_name ? "name" : gen::main_variable(info.variables, compiled.referenced);
  for (const gen::CompiledTemplate& t : compiled.templates) out->files.push_back(t.rel);
  // Declared variables first (with their defaults), then the others the templates read.
  std::vector<std::string> names;
  for (const gen::VariableSpec& v : info.variables) names.push_back(v.name);
  for (const std::string& r : compiled.referenced) {
    if (r == "Name" && uses_name && std::find(names.begin(), names.end(), "name") == names.end()) {
      names.push_back("name");
    }
    if (std::find(names.begin(), names.end(), r) == names.end()) names.push_back(r);
  }
  for (const std::string& n : names) {
    const gen::VariableSpec* spec = nullptr;
    for (const gen::VariableSpec& v : info.variables) {
      if (v.name == n) spec = &v;
    }
    std::string notes;
    auto note = [&](const std::string& s) { notes += (notes.empty() ? "" : "; ") + s; };
    if (n == out->main) note("filled by the name argument");
    if (spec && !spec->description.empty()) note(spec->description);
    if (spec && spec->description.empty() && !spec->message.empty()) note(spec->message);
    if (spec && spec->default_value) note("default " + value_text(*spec->default_value));
    if (spec && !spec->default_value && n != out->main) note("required");
    if (!spec && n == "Name" && uses_name) {
      note("the name with its first character upper-cased, unless given");
    } else if (!spec && n != out->main) {
      note("optional, used by the templates");
    }
    out->variables.push_back({n, notes});
  }
  return true;
}

}  // namespace unjucks::cli
