#include "gen/variables.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string_view>

#include "gen/yaml_values.h"
#include "template/context.h"
#include "text/js_inflection.h"
#include "text/utf8.h"

namespace unjucks::gen {
namespace {

std::string camel_from_dashes(const std::string& key) {
  std::string out;
  bool up = false;
  for (char c : key) {
    if (c == '-') {
      up = !out.empty();
      continue;
    }
    out += up && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    up = false;
  }
  return out;
}

bool looks_like_option(const std::string& a) {
  if (a.size() < 2 || a[0] != '-') return false;
  if (a[1] >= '0' && a[1] <= '9') return false;  // -1 is a value
  return true;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Variables are copied and serialised by nlohmann::json, which recurses once per level: deeper
// data would overflow the stack (the ASan build's frames overflow it near 10,000 levels).
constexpr size_t kMaxVarsDepth = 1000;

// A message placed at byte `at` of `text`.
YamlError error_at_offset(std::string_view text, size_t at, std::string message) {
  at = std::min(at, text.size());
  YamlError e;
  e.message = std::move(message);
  e.line = 1 + static_cast<uint32_t>(std::count(text.begin(), text.begin() + at, '\n'));
  size_t nl = text.rfind('\n', at == 0 ? 0 : at - 1);
  e.col = static_cast<uint32_t>(nl == std::string_view::npos || at == 0 ? at + 1 : at - nl);
  return e;
}

}  // namespace

namespace {}  // namespace

void set_var(Json* vars, const std::string& key, Json value) {
  if (key.find('-') != std::string::npos) {
    std::string camel = camel_from_dashes(key);
    if (!camel.empty() && camel != key) (*vars)[camel] = value;
  }
  (*vars)[key] = std::move(value);
}

bool parse_var_args(const std::vector<std::string>& args, VarArgs* out, std::string* err) {
  bool options_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (options_done || !looks_like_option(a)) {
      out->positionals.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    if (!a.starts_with("--")) {
      *err = "unknown option " + a + " (variables are given as --name value)";
      return false;
    }
    std::string key = a.substr(2);
    size_t eq = key.find('=');
    if (eq != std::string::npos) {
      std::string value = key.substr(eq + 1);
      key.resize(eq);
      if (key.empty()) {
        *err = "missing variable name in " + a;
        return false;
      }
      set_var(&out->vars, key, typed_scalar(value));
      continue;
    }
    if (key.empty()) {
      *err = "missing variable name in " + a;
      return false;
    }
    if (key.starts_with("no-") && key.size() > 3) {
      set_var(&out->vars, key.substr(3), false);  // never takes a value
    } else if (i + 1 < args.size() && !looks_like_option(args[i + 1])) {
      set_var(&out->vars, key, typed_scalar(args[++i]));
    } else {
      set_var(&out->vars, key, true);
    }
  }
  return true;
}

bool load_vars_file(Disk& disk, const std::string& path, uint64_t max_bytes, Json* out,
                    std::string* err) {
  std::string text;
  if (!disk.read(path, &text, err, ReadLimit{max_bytes, "data-size", false})) return false;
  Json j;
  bool is_json = path.ends_with(".json");
  if (is_json) {
    if (size_t at = tpl::json_too_deep_at(text, kMaxVarsDepth); at != std::string_view::npos) {
      *err = located_message(
          path, error_at_offset(
                    text, at, "nesting deeper than " + std::to_string(kMaxVarsDepth) + " levels"));
      return false;
    }
    try {
      j = Json::parse(text);
    } catch (const Json::parse_error& e) {
      *err = located_message(path,
                             error_at_offset(text, e.byte > 0 ? e.byte - 1 : 0,
                                             "invalid JSON: " + tpl::json_error_detail(e.what())));
      return false;
    }
  } else {
    // YAML is a superset of JSON, so this also reads .json-like files with other names.
    YamlError why;
    if (!yaml_text_to_json(text, &j, &why)) {
      *err = located_message(path, why);
      return false;
    }
  }
  if (!j.is_object()) {
    *err = path + ": the top level must be a mapping of variable names to values";
    return false;
  }
  for (auto& [k, v] : j.items()) (*out)[k] = v;
  return true;
}

bool variables_json_text(const Json& vars, std::string* out, std::string* err) {
  try {
    *out = vars.dump();
    return true;
  } catch (const Json::type_error&) {
  }
  // Which one: names first, then values (a value's own dump throws the same way).
  for (const auto& [key, value] : vars.items()) {
    if (!text::valid_utf8(key)) {
      *err = "variables: the name '" + text::sanitize_utf8(key) + "' is not valid UTF-8";
      return false;
    }
    try {
      (void)value.dump();
    } catch (const Json::type_error&) {
      *err = "variables: the value of '" + key + "' is not valid UTF-8";
      return false;
    }
  }
  *err = "variables: not valid UTF-8";
  return false;
}

std::string main_variable(const std::vector<VariableSpec>& declared,
                          const std::vector<std::string>& referenced) {
  for (const VariableSpec& v : declared) {
    if (v.name == "name") continue;
    if (v.type == "confirm" || v.type == "boolean" || v.type == "number") continue;
    if (v.default_value && (v.default_value->is_boolean() || v.default_value->is_number())) {
      continue;
    }
    return v.name;
  }
  if (!declared.empty()) return "";
  for (const std::string& r : referenced) {
    if (r.size() > 4 && (r.ends_with("Name") || r.ends_with("_name"))) return r;
  }
  return "";
}

ResolvedVariables resolve_variables(const VariableInputs& in) {
  ResolvedVariables r;
  Json& vals = r.values;
  if (in.project_defaults) {
    for (auto& [k, v] : in.project_defaults->items()) vals[k] = v;
  }
  if (in.declared) {
    for (const VariableSpec& v : *in.declared) {
      if (v.default_value) vals[v.name] = *v.default_value;
    }
  }
  auto given = [&](const std::string& key) {
    return (in.file_vars && in.file_vars->contains(key)) ||
           (in.arg_vars && in.arg_vars->contains(key));
  };
  // --answers: the declared questions first (then --vars and flags still win).
  if (in.answers && in.declared) {
    for (const VariableSpec& v : *in.declared) {
      if (auto it = in.answers->find(v.name); it != in.answers->end()) vals[v.name] = *it;
    }
  }
  if (in.file_vars) {
    for (auto& [k, v] : in.file_vars->items()) vals[k] = v;
  }
  if (in.arg_vars) {
    for (auto& [k, v] : in.arg_vars->items()) vals[k] = v;
  }
  // Reading `Name` uses the name, unless `Name` has a value of its own.
  // ... and so do Hygen's plurals of it, `names` and `Names`.
  const bool capital_needs_name = (contains(in.referenced, "Name") && !vals.contains("Name")) ||
                                  (contains(in.referenced, "names") && !vals.contains("names")) ||
                                  (contains(in.referenced, "Names") && !vals.contains("Names"));
  r.uses_name = contains(in.referenced, "name") || capital_needs_name;
  const bool uses_name = r.uses_name;
  if (in.positional_name) {
    if (!given("name")) vals["name"] = *in.positional_name;
    if (!uses_name) {
      static const std::vector<VariableSpec> kNone;
      r.main = main_variable(in.declared ? *in.declared : kNone, in.referenced);
      if (!r.main.empty() && !given(r.main)) vals[r.main] = *in.positional_name;
    }
  }
  if (uses_name && !vals.contains("name") && in.answers && in.answers->contains("name")) {
    vals["name"] = (*in.answers)["name"];
  }
  if (uses_name && !vals.contains("name")) {
    r.missing.push_back("name");
    // ... unless `name` is read, or declared (then it is required in its own right).
    bool declared_name = false;
    if (in.declared) {
      for (const VariableSpec& v : *in.declared) declared_name |= v.name == "name";
    }
    r.name_missing_for_capital = !contains(in.referenced, "name") && !declared_name;
  }
  derive_capital_name(in.referenced, &r);
  if (in.declared) {
    for (const VariableSpec& v : *in.declared) {
      if (!vals.contains(v.name) && !contains(r.missing, v.name)) r.missing.push_back(v.name);
    }
  }
  return r;
}

void derive_capital_name(const std::vector<std::string>& referenced, ResolvedVariables* r) {
  Json& vals = r->values;
  auto it = vals.find("name");
  if (it == vals.end() || !it->is_string()) return;
  const std::string name = it->get<std::string>();
  if (contains(referenced, "Name") && !vals.contains("Name")) {
    vals["Name"] = capitalize_first(name);
    r->derived_capital_name = true;
  }
  // Hygen's context also gives names = h.inflection.pluralize(name) and Names, capitalized.
  if (contains(referenced, "names") && !vals.contains("names")) {
    vals["names"] = text::inflection::pluralize(name);
  }
  if (contains(referenced, "Names") && !vals.contains("Names")) {
    vals["Names"] = capitalize_first(text::inflection::pluralize(name));
  }
}

void add_run_variables(const std::vector<std::string>& referenced, const RunVariables& run,
                       Json* values) {
  auto put = [&](const char* key, Json v) {
    if (contains(referenced, key) && !values->contains(key)) (*values)[key] = std::move(v);
  };
  put("cwd", run.cwd);
  put("generator", run.generator);
  put("action", run.subaction.empty() ? run.action : run.action + ":" + run.subaction);
  if (!run.subaction.empty()) put("subaction", run.subaction);
  put("actionfolder", run.actionfolder);
  put("templates", run.templates);
  if (contains(referenced, "ts") && !values->contains("ts")) {
    const char* fixed = std::getenv("HYGEN_TS");
    if (fixed && *fixed) {
      (*values)["ts"] = std::string(fixed);
    } else {
      auto now = std::chrono::system_clock::now().time_since_epoch();
      (*values)["ts"] = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
    }
  }
}

std::string capitalize_first(std::string_view s) {
  if (s.empty()) return std::string();
  text::CodePoint first = text::decode_at(s, 0);
  // Outside the BMP the first UTF-16 unit is a lone surrogate, which has no case.
  if (first.value > 0xFFFF) return std::string(s);
  return text::to_upper(s.substr(0, first.length)) + std::string(s.substr(first.length));
}

}  // namespace unjucks::gen
