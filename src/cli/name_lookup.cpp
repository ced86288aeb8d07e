// Run-once command-line code, compiled for size (see generate_command.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("Os")
#endif

#include "cli/name_lookup.h"

#include <algorithm>

#include "cli/command_docs.h"
#include "text/did_you_mean.h"

namespace unjucks::cli {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// "in _templates and the built-in generators" / "among the built-in generators (no _templates/
// folder found)".
std::string where(Workspace& ws) {
  if (ws.user()) {
    return "looked in " + ws.display_dir(*ws.user(), ws.user()->root) +
           " and the built-in generators";
  }
  return "no _templates/ folder here; looked among the built-in generators";
}

}  // namespace

std::vector<std::string> generator_names(Workspace& ws) {
  std::vector<std::string> names;
  if (ws.user()) names = gen::list_generators(*ws.user());
  for (const std::string& n : gen::list_generators(ws.builtin())) {
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  return names;
}

const gen::TemplateSet* find_generator(Workspace& ws, const std::string& generator,
                                       bool maybe_command, CliError* err) {
  if (const gen::TemplateSet* set = ws.find_generator(generator)) return set;
  std::vector<std::string> names = generator_names(ws);
  if (std::find(names.begin(), names.end(), generator) != names.end()) {
    // It is there but does not load: say why.
    const gen::TemplateSet& set =
        ws.user() && std::ranges::count(gen::list_generators(*ws.user()), generator) != 0
            ? *ws.user()
            : ws.builtin();
    gen::GeneratorInfo info;
    std::string why;
    gen::load_generator(set, generator, &info, &why);
    err->kind = kErrorGeneric;
    err->message = why;
    return nullptr;
  }
  std::vector<std::string> candidates = names;
  if (maybe_command) {
    std::vector<std::string> commands = command_names();
    candidates.insert(candidates.begin(), commands.begin(), commands.end());
  }
  err->suggestions = text::suggest(generator, candidates);
  err->kind = maybe_command ? kErrorUnknownCommand : kErrorUnknownGenerator;
  err->message = std::string(maybe_command ? "unknown command or generator" : "unknown generator") +
                 " \"" + generator + "\"";
  if (!err->suggestions.empty()) {
    err->message += "; " + text::did_you_mean(err->suggestions);
  } else {
    err->message += " (" + where(ws) + "); run `unjucks list`";
    if (maybe_command) err->message += " or `unjucks --help`";
  }
  return nullptr;
}

CliError action_error(const gen::TemplateSet& set, const std::string& generator,
                      const std::string& action, const std::string& why) {
  CliError err;
  gen::GeneratorInfo info;
  std::string load_error;
  if (!gen::load_generator(set, generator, &info, &load_error)) {
    err.message = load_error;
    return err;
  }
  if (std::find(info.actions.begin(), info.actions.end(), action) != info.actions.end()) {
    err.message = why;  // it is there: the action itself is broken
    return err;
  }
  err.kind = kErrorUnknownAction;
  err.suggestions = text::suggest(action, info.actions);
  err.message = "generator \"" + generator + "\" has no action \"" + action + "\"";
  if (info.actions.empty()) {
    err.message += " (it has none: add a folder " + generator + "/" + action + "/)";
  } else {
    err.message += " (it has: " + joined(info.actions) + ")";
  }
  if (!err.suggestions.empty()) err.message += "; " + text::did_you_mean(err.suggestions);
  return err;
}

CliError missing_action_error(const gen::TemplateSet& set, const std::string& generator,
                              const std::string& command) {
  CliError e;
  e.kind = kErrorUsage;
  gen::GeneratorInfo info;
  std::string why;
  if (!gen::load_generator(set, generator, &info, &why)) {
    e.kind = kErrorGeneric;
    e.message = why;
    return e;
  }
  e.message = "generator \"" + generator + "\" needs an action: unjucks " + command +
              (command.empty() ? "" : " ") + generator + " <action>";
  if (!info.actions.empty()) e.message += " (it has: " + joined(info.actions) + ")";
  return e;
}

}  // namespace unjucks::cli
