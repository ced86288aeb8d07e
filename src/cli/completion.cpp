// Run-once command-line code, compiled for size (see generate_command.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("Os")
#endif

#include "cli/completion.h"

#include <algorithm>

#include "cli/action_summary.h"
#include "cli/app.h"
#include "cli/command_docs.h"
#include "cli/error_output.h"
#include "cli/memory_options.h"
#include "cli/name_lookup.h"
#include "cli/workspace.h"
#include "text/did_you_mean.h"

namespace unjucks::cli {
namespace {

constexpr const char* kBash = R"(# bash completion for unjucks: source <(unjucks completion bash)
# The candidates come from `unjucks __complete`, so they follow the templates folder at hand.
_unjucks() {
  local IFS=$'\n'
  local -a words=("${COMP_WORDS[@]:1:COMP_CWORD}")
  COMPREPLY=($("${COMP_WORDS[0]}" __complete "${words[@]}" 2>/dev/null))
}
complete -o default -F _unjucks unjucks
)";

constexpr const char* kZsh = R"(#compdef unjucks
# zsh completion for unjucks: source <(unjucks completion zsh) (after compinit), or save it as
# _unjucks in a folder of $fpath. The candidates come from `unjucks __complete`.
_unjucks() {
  local -a lines items
  local line name desc
  lines=("${(@f)$(${words[1]} __complete --describe "${(@)words[2,CURRENT]}" 2>/dev/null)}")
  for line in "${lines[@]}"; do
    [[ -z $line ]] && continue
    name=${line%%$'\t'*}
    desc=${line#*$'\t'}
    [[ $desc == "$line" ]] && desc=""
    items+=("${name//:/\\:}${desc:+:$desc}")
  done
  if (( ${#items} == 0 )); then
    _files
  else
    _describe -t unjucks unjucks items
  fi
}
if [[ $funcstack[1] == _unjucks ]]; then
  _unjucks "$@"
else
  compdef _unjucks unjucks
fi
)";

constexpr const char* kFish = R"(# fish completion for unjucks: unjucks completion fish | source
# The candidates come from `unjucks __complete`, so they follow the templates folder at hand.
function __unjucks_complete
    set -l tokens (commandline -opc)
    $tokens[1] __complete --describe $tokens[2..-1] (commandline -ct) 2>/dev/null
end
function __unjucks_wants_files
    test (count (__unjucks_complete)) -eq 0
end
complete -c unjucks -f -a '(__unjucks_complete)'
complete -c unjucks -n __unjucks_wants_files -F
)";

struct Candidate {
  std::string name;
  std::string description;
};

bool takes_value(const CommandDoc& cmd, const std::string& word) {
  if (word.find('=') != std::string::npos) return false;
  const OptionDoc* o = find_option(cmd, word);
  return o != nullptr && !o->arg.empty();
}

void add_options(const CommandDoc& cmd, std::vector<Candidate>* out) {
  auto add = [&](const OptionDoc& o) {
    if (o.hidden) return;
    for (std::string_view n : o.names) {
      if (n.starts_with("--")) out->push_back({std::string(n), std::string(o.text)});
    }
  };
  for (const OptionDoc& o : cmd.options) add(o);
  const std::vector<OptionDoc>& global = global_option_docs();
  for (size_t i = 0; i < global.size(); ++i) {
    if (i < 2 && !cmd.templates_options) continue;
    if (global[i].names.back() == "--version") continue;
    add(global[i]);
  }
}

}  // namespace

std::string completion_script(const std::string& shell) {
  if (shell == "bash") return kBash;
  if (shell == "zsh") return kZsh;
  if (shell == "fish") return kFish;
  return "";
}

int completion_command(const std::string& shell, std::FILE* out) {
  std::string script = completion_script(shell);
  if (script.empty()) {
    CliError e;
    e.kind = kErrorUsage;
    e.suggestions = text::suggest(shell, std::vector<std::string>{"bash", "zsh", "fish"});
    e.message = "no completion for the shell \"" + shell + "\" (there is bash, zsh and fish)";
    if (!e.suggestions.empty()) e.message += "; " + text::did_you_mean(e.suggestions);
    return report_error(e, kExitUserError);
  }
  std::fwrite(script.data(), 1, script.size(), out);
  return kExitOk;
}

std::vector<std::string> completions(std::vector<std::string> words, bool describe) {
  if (words.empty()) words.push_back("");
  const std::string cur = words.back();
  words.pop_back();

  // The command line so far: the global options that matter here, the command, the positionals.
  WorkspaceOptions wo;
  const CommandDoc* cmd = nullptr;
  std::vector<std::string> positionals;
  std::string pending_option;  // the last word was an option waiting for its value
  static const CommandDoc kFront{"", "", {}, "", {}, {}, "", true};
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    const CommandDoc& scope = cmd ? *cmd : kFront;
    if (w == "--builtin") {
      wo.builtin = true;
    } else if (w.starts_with("--templates=")) {
      wo.templates = w.substr(12);
    } else if (w.starts_with("-") && w.size() > 1) {
      const bool known_value = takes_value(scope, w);
      // A variable (--key value) takes the next word unless it is an option.
      const bool variable_value = cmd && !cmd->fixed_options && !find_option(scope, w) &&
                                  !w.starts_with("--no-") && w.find('=') == std::string::npos;
      if (known_value || variable_value) {
        if (i + 1 == words.size()) {
          pending_option = known_value ? w : "";
          if (!known_value) return {};  // a variable's value: nothing to offer
        } else if (!variable_value || !words[i + 1].starts_with("-")) {
          if (w == "--templates" || w == "-t") wo.templates = words[i + 1];
          ++i;
        }
      }
    } else if (cmd == nullptr) {
      cmd = find_command_doc(w);
      if (cmd == nullptr || cmd->hidden) {
        cmd = find_command_doc("generate");
        positionals.push_back(w);
      }
    } else {
      positionals.push_back(w);
    }
  }

  std::vector<Candidate> all;
  if (!pending_option.empty()) {
    if (pending_option == "--format") all = {{"jsonl", ""}, {"json", ""}, {"csv", ""}};
    // Any other value is a file, a folder or free text: the shell's own completion.
  } else if (cur.starts_with("-")) {
    add_options(cmd ? *cmd : kFront, &all);
  } else if (cmd == nullptr || (cmd->name == "help" && positionals.empty())) {
    for (const CommandDoc& c : command_docs()) {
      if (!c.hidden) all.push_back({std::string(c.name), std::string(c.summary)});
    }
  } else if (cmd->name == "completion") {
    if (positionals.empty()) all = {{"bash", ""}, {"zsh", ""}, {"fish", ""}};
  }
  // Generators, actions and variables come from the templates folder.
  const bool generator_slot =
      pending_option.empty() && !cur.starts_with("-") &&
      (cmd == nullptr ||
       ((cmd->name == "generate" || cmd->name == "batch" || cmd->name == "help") &&
        positionals.empty()));
  const bool action_slot =
      pending_option.empty() && !cur.starts_with("-") && cmd &&
      (cmd->name == "generate" || cmd->name == "batch" || cmd->name == "help") &&
      positionals.size() == 1;
  const bool variable_slot = pending_option.empty() && cur.starts_with("-") && cmd &&
                             (cmd->name == "generate" || cmd->name == "batch") &&
                             positionals.size() >= 2;
  if (generator_slot || action_slot || variable_slot) {
    Workspace ws;
    std::string err;
    if (ws.open(wo, &err)) {
      if (generator_slot) {
        for (const std::string& g : generator_names(ws)) {
          gen::GeneratorInfo info;
          const gen::TemplateSet* set = ws.find_generator(g);
          std::string d = "generator";
          if (describe && set && gen::load_generator(*set, g, &info, &err) &&
              !info.meta.description.empty()) {
            d = info.meta.description;
          }
          all.push_back({g, d});
        }
      } else if (const gen::TemplateSet* set = ws.find_generator(positionals[0])) {
        gen::GeneratorInfo info;
        if (gen::load_generator(*set, positionals[0], &info, &err)) {
          if (action_slot) {
            for (const std::string& a : info.actions) {
              gen::ActionInfo ai;
              std::string d = "action";
              if (describe && gen::load_action(*set, positionals[0], a, &ai, &err) &&
                  !ai.description.empty()) {
                d = ai.description;
              }
              all.push_back({a, d});
            }
          } else {
            std::string action = gen::split_action_ref(positionals[1]).action;
            MemorySession unmonitored{MemoryOptions{}};
            ActionSummary summary;
            CliError why;
            if (std::count(info.actions.begin(), info.actions.end(), action) != 0 &&
                summarize_action(ws, *set, positionals[0], action, unmonitored, &summary, &why)) {
              // The action's variables before the command's options.
              std::vector<Candidate> vars;
              for (const ActionVariable& v : summary.variables) {
                vars.push_back({"--" + v.name, v.note});
              }
              all.insert(all.begin(), vars.begin(), vars.end());
            }
          }
        }
      }
    }
  }

  std::vector<std::string> out;
  for (const Candidate& c : all) {
    if (!c.name.starts_with(cur)) continue;
    std::string line = c.name;
    if (describe && !c.description.empty()) line += "\t" + c.description;
    if (std::find(out.begin(), out.end(), line) == out.end()) out.push_back(line);
  }
  return out;
}

int complete_command(const std::vector<std::string>& words, std::FILE* out) {
  std::vector<std::string> w = words;
  bool describe = false;
  if (!w.empty() && w[0] == "--describe") {
    describe = true;
    w.erase(w.begin());
  }
  std::string text;
  for (const std::string& line : completions(std::move(w), describe)) text += line + "\n";
  std::fwrite(text.data(), 1, text.size(), out);
  return kExitOk;
}

}  // namespace unjucks::cli
