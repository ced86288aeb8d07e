// Finding generators: the templates folder (--templates, UNJUCKS_TEMPLATES, or `_templates/`
// then `templates/` in the working directory or its nearest parent), its generators
// (`<root>/<generator>/`) and actions (`<root>/<generator>/<action>/`), and every template file of
// an action in a stable order. config.yml, meta.yml and prompt.yml are read for descriptions and
// variables and are never templates; prompt.js and index.js (Hygen's hooks) are not run.
#pragma once

#include <string>
#include <vector>

#include "gen/config.h"
#include "gen/disk.h"

namespace unjucks::gen {

// A folder of generators on some disk (the real one, or the embedded set).
struct TemplateSet {
  Disk* disk = nullptr;
  std::string root;  // absolute
  bool builtin = false;
};

// The templates folder to use: `explicit_dir` (relative to cwd) if given, else `env_dir` (from
// the environment variable `env_name`, named in the error), else the nearest `_templates/` or
// `templates/` from `cwd` upwards. Returns "" when there is none; a given folder that does not
// exist is an error.
std::string find_templates_dir(Disk& disk, const std::string& cwd, const std::string& explicit_dir,
                               const std::string& env_dir, std::string* err,
                               const char* env_name = "UNJUCKS_TEMPLATES");

// The nearest unjucks.config.yml from `cwd` upwards, or "".
std::string find_project_config(Disk& disk, const std::string& cwd);

struct GeneratorInfo {
  std::string name;
  std::string dir;
  MetaInfo meta;                     // from the generator's config/meta/prompt files
  std::vector<std::string> actions;  // sorted
  bool builtin = false;
};

struct ActionInfo {
  std::string generator;
  std::string name;
  std::string dir;
  std::string description;
  std::vector<VariableSpec> variables;  // generator's, then the action's own
  std::vector<std::string> templates;   // paths relative to dir, sorted bytewise
  std::vector<std::string> hooks;       // JavaScript hook files found (not run)
  bool builtin = false;
};

bool is_meta_file(const std::string& name);
bool is_hook_file(const std::string& name);

// Generator names in the set, sorted.
std::vector<std::string> list_generators(const TemplateSet& set);
bool load_generator(const TemplateSet& set, const std::string& name, GeneratorInfo* out,
                    std::string* err);
bool load_action(const TemplateSet& set, const std::string& generator, const std::string& action,
                 ActionInfo* out, std::string* err);

// Hygen's `action:subaction`: `new:mailer` runs only the templates of `new` whose path, from the
// action folder and with a leading "/", matches the JavaScript regular expression `mailer`.
struct ActionRef {
  std::string action;
  std::string subaction;  // "" when there is no ':'
};
ActionRef split_action_ref(const std::string& text);

// Keeps the templates of `info` that `subaction` selects. False with a message when the pattern
// is not a valid regular expression or selects none of them.
bool select_templates(ActionInfo* info, const std::string& subaction, std::string* err);

}  // namespace unjucks::gen
