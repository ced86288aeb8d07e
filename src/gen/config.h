// Descriptions, variables and defaults of generators and actions (config.yml, meta.yml,
// prompt.yml), and the project file unjucks.config.yml with engine options.
//
// A generator's config.yml may list its actions as Unjucks did:
//   description: Generate Citty CLI commands
//   templates:
//     - name: citty
//       description: ...
//       prompts: [{name: commandName, message: "Command name:", default: myCommand}]
// An action folder's own config.yml/meta.yml/prompt.yml uses the same keys at its top level
// (`description`, and `variables`, `prompts` or `args`, each a list of {name, ...} or a map from
// name to {type, default, description, message} or to a bare default).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "template/options.h"

namespace unjucks::gen {

using Json = nlohmann::ordered_json;

// The largest configuration file read (unjucks.config.yml, config.yml, meta.yml, prompt.yml):
// they are small, and a larger one is refused before it is read.
constexpr uint64_t kMaxConfigBytes = uint64_t{1} << 20;

struct VariableSpec {
  std::string name;
  std::string description;
  std::string message;  // the prompt text
  std::string type;     // input, confirm, number, ... (informational)
  std::optional<Json> default_value;
};

struct MetaInfo {
  std::string description;
  std::vector<VariableSpec> variables;
  std::map<std::string, MetaInfo> actions;  // from a generator's `templates:` list
};

struct YamlError;  // gen/yaml_values.h

// Parses one config/meta/prompt YAML text into `out` (merging into what is there).
bool parse_meta(std::string_view yaml, MetaInfo* out, YamlError* err);

// Adds `more`'s variables to `into`, replacing those with the same name.
void merge_variables(std::vector<VariableSpec>* into, const std::vector<VariableSpec>& more);

struct ProjectConfig {
  std::string templates;  // templates folder, relative to the config file
  bool autoescape = false;
  bool trim_blocks = true;
  bool lstrip_blocks = true;
  Json defaults = Json::object();  // default variable values for every generator
  tpl::Limits limits;              // `limits:` (see tpl::set_limit for the keys)
  std::string path;                // where it was read from ("" if none)
};

bool parse_project_config(std::string_view yaml, ProjectConfig* out, YamlError* err);

// "true" -> true, "42" -> 42, "1.5" -> 1.5, "null" -> null, "007" -> "007", else the string.
Json typed_scalar(std::string_view text);

}  // namespace unjucks::gen
