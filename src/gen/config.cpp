#include "gen/config.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>

namespace unjucks::gen {
namespace {

Json node_to_json(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Sequence: {
      Json a = Json::array();
      for (const auto& item : n) a.push_back(node_to_json(item));
      return a;
    }
    case YAML::NodeType::Map: {
      Json o = Json::object();
      for (const auto& kv : n) o[kv.first.as<std::string>("")] = node_to_json(kv.second);
      return o;
    }
    case YAML::NodeType::Scalar:
      // A quoted scalar stays a string.
      if (n.Tag() == "!") return n.Scalar();
      return typed_scalar(n.Scalar());
    default:
      return nullptr;
  }
}

std::string str(const YAML::Node& n, const char* key) {
  YAML::Node v = n[key];
  return v && v.IsScalar() ? v.Scalar() : std::string();
}

bool read_variables(const YAML::Node& list, std::vector<VariableSpec>* out, std::string* err) {
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
        if (item["default"]) v.default_value = node_to_json(item["default"]);
      }
      if (v.name.empty()) {
        *err = "a variable without a name (line " + std::to_string(item.Mark().line + 1) + ")";
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
        if (d["default"]) v.default_value = node_to_json(d["default"]);
      } else if (!d.IsNull()) {
        v.default_value = node_to_json(d);
      }
      vars.push_back(std::move(v));
    }
  } else if (!list.IsNull()) {
    *err = "variables must be a list or a mapping";
    return false;
  }
  merge_variables(out, vars);
  return true;
}

bool read_meta(const YAML::Node& root, MetaInfo* out, std::string* err) {
  if (!root.IsMap()) {
    if (root.IsNull()) return true;
    *err = "expected a mapping at the top level";
    return false;
  }
  if (std::string d = str(root, "description"); !d.empty()) out->description = d;
  for (const char* key : {"variables", "prompts", "args"}) {
    if (root[key] && !read_variables(root[key], &out->variables, err)) return false;
  }
  if (YAML::Node t = root["templates"]; t && t.IsSequence()) {
    for (const auto& item : t) {
      std::string name = item.IsMap() ? str(item, "name") : std::string();
      if (name.empty()) continue;
      if (!read_meta(item, &out->actions[name], err)) return false;
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

Json yaml_text_to_json(std::string_view yaml, std::string* err, bool* ok) {
  *ok = false;
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    *ok = true;
    return node_to_json(root);
  } catch (const YAML::Exception& e) {
    *err = "line " + std::to_string(e.mark.line + 1) + ", column " +
           std::to_string(e.mark.column + 1) + ": " + e.msg;
    return nullptr;
  }
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

bool parse_meta(std::string_view yaml, MetaInfo* out, std::string* err) {
  try {
    return read_meta(YAML::Load(std::string(yaml)), out, err);
  } catch (const YAML::Exception& e) {
    *err = "line " + std::to_string(e.mark.line + 1) + ", column " +
           std::to_string(e.mark.column + 1) + ": " + e.msg;
    return false;
  }
}

bool parse_project_config(std::string_view yaml, ProjectConfig* out, std::string* err) {
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    if (root.IsNull()) return true;
    if (!root.IsMap()) {
      *err = "expected a mapping at the top level";
      return false;
    }
    out->templates = str(root, "templates");
    out->autoescape = as_bool(root["autoescape"], out->autoescape);
    out->trim_blocks = as_bool(root["trimBlocks"], as_bool(root["trim_blocks"], out->trim_blocks));
    out->lstrip_blocks =
        as_bool(root["lstripBlocks"], as_bool(root["lstrip_blocks"], out->lstrip_blocks));
    if (YAML::Node l = root["limits"]; l && !l.IsNull()) {
      if (!l.IsMap()) {
        *err = "limits must be a mapping of limit names to values";
        return false;
      }
      for (const auto& kv : l) {
        std::string why;
        if (!kv.second.IsScalar() ||
            !tpl::set_limit(&out->limits, kv.first.as<std::string>(""), kv.second.Scalar(), &why)) {
          *err = why.empty() ? "limits: " + kv.first.as<std::string>("") + " must be a value" : why;
          return false;
        }
      }
    }
    for (const char* key : {"defaults", "variables"}) {
      YAML::Node d = root[key];
      if (!d) continue;
      if (!d.IsMap()) {
        *err = std::string(key) + " must be a mapping of variable names to values";
        return false;
      }
      for (const auto& kv : d)
        out->defaults[kv.first.as<std::string>("")] = node_to_json(kv.second);
    }
    return true;
  } catch (const YAML::Exception& e) {
    *err = "line " + std::to_string(e.mark.line + 1) + ", column " +
           std::to_string(e.mark.column + 1) + ": " + e.msg;
    return false;
  }
}

}  // namespace unjucks::gen
