#include "gen/config.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>

#include "gen/yaml_values.h"

namespace unjucks::gen {
namespace {

std::string str(const YAML::Node& n, const char* key) {
  YAML::Node v = n[key];
  return v && v.IsScalar() ? v.Scalar() : std::string();
}

YamlError error_at(const YAML::Node& n, std::string message) {
  YamlError e;
  e.message = std::move(message);
  e.line = n.Mark().line >= 0 ? static_cast<uint32_t>(n.Mark().line) + 1 : 0;
  e.col = n.Mark().column >= 0 ? static_cast<uint32_t>(n.Mark().column) + 1 : 0;
  return e;
}

// A default value, within the file's budget.
bool read_default(const YAML::Node& n, YamlBudget* budget, std::optional<Json>* out,
                  YamlError* err) {
  Json j;
  if (!yaml_to_json(n, budget, &j, err)) return false;
  *out = std::move(j);
  return true;
}

bool read_variables(const YAML::Node& list, std::vector<VariableSpec>* out, YamlBudget* budget,
                    YamlError* err) {
  std::vector<VariableSpec> vars;
  if (list.IsSequence()) {
    for (const auto& item : list) {
      VariableSpec v;
      if (item.IsScalar()) {
        v.name = item.Scalar();
      } else if (item.IsMap()) {
        v.name = str(item, "name");
        v.description = str(item, "description");
        v.message = str(item, "message");
        v.type = str(item, "type");
        if (item["default"] && !read_default(item["default"], budget, &v.default_value, err)) {
          return false;
        }
      }
      if (v.name.empty()) {
        *err = error_at(item, "a variable without a name");
        return false;
      }
      vars.push_back(std::move(v));
    }
  } else if (list.IsMap()) {
    for (const auto& kv : list) {
      VariableSpec v;
      v.name = kv.first.as<std::string>("");
      const YAML::Node& d = kv.second;
      if (d.IsMap()) {
        v.description = str(d, "description");
        v.message = str(d, "message");
        v.type = str(d, "type");
        if (d["default"] && !read_default(d["default"], budget, &v.default_value, err)) {
          return false;
        }
      } else if (!d.IsNull()) {
        if (!read_default(d, budget, &v.default_value, err)) return false;
      }
      vars.push_back(std::move(v));
    }
  } else if (!list.IsNull()) {
    *err = error_at(list, "variables must be a list or a mapping");
    return false;
  }
  merge_variables(out, vars);
  return true;
}

// `templates:` lists a generator's actions; an action's own `templates:` means nothing (and
// is not followed, so an alias cannot make the reading go round).
bool read_meta(const YAML::Node& root, MetaInfo* out, YamlBudget* budget, YamlError* err,
               bool generator_level) {
  if (!root.IsMap()) {
    if (root.IsNull()) return true;
    *err = error_at(root, "expected a mapping at the top level");
    return false;
  }
  if (std::string d = str(root, "description"); !d.empty()) out->description = d;
  for (const char* key : {"variables", "prompts", "args"}) {
    if (root[key] && !read_variables(root[key], &out->variables, budget, err)) return false;
  }
  if (YAML::Node t = root["templates"]; generator_level && t && t.IsSequence()) {
    for (const auto& item : t) {
      std::string name = item.IsMap() ? str(item, "name") : std::string();
      if (name.empty()) continue;
      if (!read_meta(item, &out->actions[name], budget, err, false)) return false;
    }
  }
  return true;
}

bool as_bool(const YAML::Node& n, bool fallback) {
  if (!n || !n.IsScalar()) return fallback;
  Json j = typed_scalar(n.Scalar());
  return j.is_boolean() ? j.get<bool>() : fallback;
}

}  // namespace

Json typed_scalar(std::string_view t) {
  if (t == "true") return true;
  if (t == "false") return false;
  if (t == "null" || t == "~") return nullptr;
  if (t.empty()) return std::string();
  // A number the way JSON writes one: no leading zeros ("007" stays a string), no "+", no hex.
  size_t i = 0;
  if (t[0] == '-') ++i;
  if (i >= t.size()) return std::string(t);
  if (t[i] == '0' && i + 1 < t.size() && t[i + 1] != '.') return std::string(t);
  bool digits = false, dot = false;
  for (; i < t.size(); ++i) {
    if (t[i] >= '0' && t[i] <= '9') {
      digits = true;
    } else if (t[i] == '.' && !dot) {
      dot = true;
      digits = false;
    } else {
      return std::string(t);
    }
  }
  if (!digits) return std::string(t);
  std::string s(t);
  if (!dot) {
    char* end = nullptr;
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (*end == '\0' && s.size() < 16) return v;
  }
  return std::strtod(s.c_str(), nullptr);
}

void merge_variables(std::vector<VariableSpec>* into, const std::vector<VariableSpec>& more) {
  for (const VariableSpec& v : more) {
    bool replaced = false;
    for (VariableSpec& old : *into) {
      if (old.name == v.name) {
        old = v;
        replaced = true;
        break;
      }
    }
    if (!replaced) into->push_back(v);
  }
}

bool parse_meta(std::string_view yaml, MetaInfo* out, YamlError* err) {
  YAML::Node root;
  if (!load_yaml(yaml, &root, err)) return false;
  YamlBudget budget(yaml.size());
  try {
    return read_meta(root, out, &budget, err, true);
  } catch (const YAML::Exception& e) {
    *err = yaml_error(e);
    return false;
  }
}

bool parse_project_config(std::string_view yaml, ProjectConfig* out, YamlError* err) {
  YAML::Node root;
  if (!load_yaml(yaml, &root, err)) return false;
  YamlBudget budget(yaml.size());
  try {
    if (root.IsNull()) return true;
    if (!root.IsMap()) {
      *err = error_at(root, "expected a mapping at the top level");
      return false;
    }
    out->templates = str(root, "templates");
    out->autoescape = as_bool(root["autoescape"], out->autoescape);
    out->trim_blocks = as_bool(root["trimBlocks"], as_bool(root["trim_blocks"], out->trim_blocks));
    out->lstrip_blocks =
        as_bool(root["lstripBlocks"], as_bool(root["lstrip_blocks"], out->lstrip_blocks));
    if (YAML::Node l = root["limits"]; l && !l.IsNull()) {
      if (!l.IsMap()) {
        *err = error_at(l, "limits must be a mapping of limit names to values");
        return false;
      }
      for (const auto& kv : l) {
        std::string why;
        if (!kv.second.IsScalar() ||
            !tpl::set_limit(&out->limits, kv.first.as<std::string>(""), kv.second.Scalar(), &why)) {
          *err = error_at(
              kv.second,
              why.empty() ? "limits: " + kv.first.as<std::string>("") + " must be a value" : why);
          return false;
        }
      }
    }
    for (const char* key : {"defaults", "variables"}) {
      YAML::Node d = root[key];
      if (!d) continue;
      if (!d.IsMap()) {
        *err = error_at(d, std::string(key) + " must be a mapping of variable names to values");
        return false;
      }
      for (const auto& kv : d) {
        Json v;
        if (!yaml_to_json(kv.second, &budget, &v, err)) return false;
        out->defaults[kv.first.as<std::string>("")] = std::move(v);
      }
    }
    return true;
  } catch (const YAML::Exception& e) {
    *err = yaml_error(e);
    return false;
  }
}

}  // namespace unjucks::gen
