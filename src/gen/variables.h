// The variables a generator renders with, and where each comes from. Later sources win:
//   1. `defaults` in unjucks.config.yml
//   2. defaults declared by the generator/action (config.yml, meta.yml, prompt.yml)
//   3. `--vars FILE` (JSON or YAML)
//   4. `--key value`, `--key=value`, `--flag` (true), `--no-flag` (false; takes no value)
//   5. the positional name: it sets `name`, and when the action's templates do not use `name`
//      it also sets the action's main variable (see main_variable()), unless 3 or 4 gave them.
// `--answers FILE` answers the action's questions (its declared variables, and `name` when the
// templates use it) that none of 3-5 answered: after 2, before a question is asked.
// Values are typed: true/false, null and numbers become JSON booleans, null and numbers
// ("007" stays a string); a key with dashes is also set in camelCase (--with-tests: withTests).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gen/config.h"
#include "gen/disk.h"

namespace unjucks::gen {

struct VarArgs {
  std::vector<std::string> positionals;
  Json vars = Json::object();
};

// Splits generate's free arguments into positionals and typed variables. "--" ends options.
bool parse_var_args(const std::vector<std::string>& args, VarArgs* out, std::string* err);

// Sets `key` (and its camelCase form when it has dashes).
void set_var(Json* vars, const std::string& key, Json value);

// Reads a JSON or YAML file whose top level is a mapping; a file larger than `max_bytes` (the
// limit data-size) is refused before it is read.
bool load_vars_file(Disk& disk, const std::string& path, uint64_t max_bytes, Json* out,
                    std::string* err);

// The variables as JSON text (for tpl::Context::merge_json). False with a message naming the
// variable when a name or a value is not valid UTF-8, which JSON cannot hold.
bool variables_json_text(const Json& vars, std::string* out, std::string* err);

// The variable a positional name fills when the templates do not use `name`: the first declared
// variable that is not a yes/no or number question; if none is declared, the first referenced
// variable whose name ends in "Name" or "_name"; else none ("").
std::string main_variable(const std::vector<VariableSpec>& declared,
                          const std::vector<std::string>& referenced);

struct VariableInputs {
  const Json* project_defaults = nullptr;
  const std::vector<VariableSpec>* declared = nullptr;
  const Json* file_vars = nullptr;
  const Json* arg_vars = nullptr;
  const std::string* positional_name = nullptr;  // null when not given
  std::vector<std::string> referenced;           // by any template of the action
  const Json* answers = nullptr;                 // --answers: questions answered ahead
};

struct ResolvedVariables {
  Json values = Json::object();
  std::string main;                  // the variable the positional filled besides `name`
  std::vector<std::string> missing;  // required but without a value
  // The templates use the name: they read `name`, or `Name` without a value of its own (then the
  // positional name fills only `name`, not the main variable).
  bool uses_name = false;
  bool derived_capital_name = false;  // `Name` was made from `name` (see below)
  // `name` is missing only because the templates read `Name` (a `Name` given instead will do).
  bool name_missing_for_capital = false;
};

// Required variables are those declared without a default, and `name` when the templates use it
// (or its capitalized form `Name`). As in Hygen, templates that read `Name` get `name` with its
// first character upper-cased, unless `Name` is given too.
ResolvedVariables resolve_variables(const VariableInputs& in);

// Makes `Name` from `name` when the templates read it and it has no value yet, and Hygen's
// `names` (inflection's pluralize) and `Names` likewise; also for a `name` that arrives after
// resolve_variables (asked for on a terminal).
void derive_capital_name(const std::vector<std::string>& referenced, ResolvedVariables* r);

// The variables Hygen gives every template about the run itself, for templates that read them
// and were not given them: cwd (where files go: `dest`), generator, action, subaction (when
// one was given), actionfolder, templates (the folder) and ts (the run's time in milliseconds, or
// $HYGEN_TS).
struct RunVariables {
  std::string cwd;
  std::string generator;
  std::string action;
  std::string subaction;
  std::string actionfolder;
  std::string templates;
};
void add_run_variables(const std::vector<std::string>& referenced, const RunVariables& run,
                       Json* values);

// Hygen's capitalize(): the first UTF-16 unit upper-cased as JavaScript's toUpperCase() does
// (ß -> SS), the rest unchanged; a first character outside the BMP is left as it is (its first
// unit is a lone surrogate, which has no case).
std::string capitalize_first(std::string_view s);

}  // namespace unjucks::gen
