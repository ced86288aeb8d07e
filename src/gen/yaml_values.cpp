#include "gen/yaml_values.h"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

namespace unjucks::gen {
namespace {

// yaml-cpp's messages (exceptions.h, ErrorMsg) and what unjucks says instead. A message that
// starts with a key ends with a detail (the escape, the bad code point) that is kept.
struct Wording {
  std::string_view yaml_cpp;
  std::string_view ours;
};
constexpr Wording kWordings[] = {
    {"end of map not found", "a mapping ends where it cannot (check the indentation)"},
    {"end of map flow not found", "a '{' mapping is not closed with '}'"},
    {"end of sequence not found", "a list ends where it cannot (check the indentation)"},
    {"end of sequence flow not found", "a '[' list is not closed with ']'"},
    {"cannot assign multiple tags to the same node", "a value with two tags (!tag)"},
    {"cannot assign multiple anchors to the same node", "a value with two anchors (&name)"},
    {"cannot assign multiple aliases to the same node", "a value with two aliases (*name)"},
    {"aliases can't have any content, *including* tags",
     "an alias (*name) cannot have a tag or text of its own"},
    {"bad character found while scanning hex number",
     "a \\x, \\u or \\U escape with a character that is not a hexadecimal digit"},
    {"invalid unicode: ", "an escape that is not a Unicode character: "},
    {"unknown escape character: ",
     "an unknown escape in a double-quoted string (write \\\\ for a backslash): \\"},
    {"unknown token", "text that cannot start anything here"},
    {"illegal document indicator in scalar", "a document marker (--- or ...) inside a string"},
    {"illegal EOF in scalar", "a quoted string is not closed"},
    {"illegal character in scalar", "a character that cannot be in this string"},
    {"illegal tab when looking for indentation",
     "a tab in the indentation (YAML indents with spaces)"},
    {"illegal flow end", "a ']' or '}' that closes nothing"},
    {"illegal block entry", "a list item ('- ') where none can start (check the indentation)"},
    {"illegal map key", "a key ('? ') where none can start (check the indentation)"},
    {"illegal map value",
     "a ':' where no value can start (quote a value that contains ': ', or check the "
     "indentation)"},
    {"alias not found after *", "a '*' without an alias name"},
    {"anchor not found after &", "a '&' without an anchor name"},
    {"illegal character found while scanning alias", "a character that cannot be in an alias"},
    {"illegal character found while scanning anchor", "a character that cannot be in an anchor"},
    {"cannot set zero indentation for a block scalar",
     "a block string (| or >) with an indentation of zero"},
    {"unexpected character in block scalar", "unexpected text after '|' or '>'"},
    {"cannot assign the same alias to multiple nodes", "an alias used for two values"},
    {"the referenced anchor is not defined",
     "an alias (*name) without an anchor (&name) before it"},
    {"invalid node; this may result from using a map iterator as a sequence iterator, or "
     "vice-versa",
     "not valid YAML here"},
    {"invalid scalar", "not a valid value"},
    {"bad conversion", "a value of the wrong kind"},
    {"YAML directives must have exactly one argument", "a %YAML directive needs one version"},
    {"bad YAML version: ", "an unknown YAML version: "},
    {"YAML major version too large", "an unknown YAML version"},
    {"repeated YAML directive", "two %YAML directives"},
    {"TAG directives must have exactly two arguments", "a %TAG directive needs two arguments"},
    {"repeated TAG directive", "two %TAG directives"},
    {"illegal character found while scanning tag handle",
     "a character that cannot be in a tag handle"},
    {"tag handle with no suffix", "a tag (!) without a name"},
    {"end of verbatim tag not found", "a verbatim tag (!<...>) is not closed"},
    {"invalid character in single-quoted string",
     "a character that cannot be in a single-quoted string"},
    {"key not found", "a key that is not there"},
    {"bad dereference", "not valid YAML here"},
    {"operator[] call on a scalar", "a value where a mapping was expected"},
    {"unmatched group tag", "not valid YAML here"},
    {"unexpected end sequence token", "a ']' that closes nothing"},
    {"unexpected end map token", "a '}' that closes nothing"},
    {"invalid anchor", "not a valid anchor"},
    {"invalid alias", "not a valid alias"},
    {"invalid tag", "not a valid tag"},
    {"bad file", "nested too deeply to be read"},
};

uint32_t place(int yaml_cpp_index) {
  return yaml_cpp_index >= 0 ? static_cast<uint32_t>(yaml_cpp_index) + 1 : 0;
}

YamlError at(const YAML::Node& n, std::string message) {
  YamlError e;
  e.message = std::move(message);
  YAML::Mark m = n.Mark();
  e.line = place(m.line);
  e.col = place(m.column);
  return e;
}

class Converter {
 public:
  Converter(YamlBudget* budget, YamlError* err) : budget_(budget), err_(err) {}

  bool convert(const YAML::Node& n, Json* out) {
    if (path_.size() >= YamlBudget::kMaxDepth) return too_deep(n);
    switch (n.Type()) {
      case YAML::NodeType::Sequence: {
        if (!take(n, 0)) return false;
        *out = Json::array();
        path_.push_back(n);
        for (const auto& item : n) {
          Json v;
          if (!convert(item, &v)) return false;
          out->push_back(std::move(v));
        }
        path_.pop_back();
        return true;
      }
      case YAML::NodeType::Map: {
        if (!take(n, 0)) return false;
        *out = Json::object();
        path_.push_back(n);
        for (const auto& kv : n) {
          std::string key = kv.first.as<std::string>("");
          if (!take(kv.first, key.size())) return false;
          Json v;
          if (!convert(kv.second, &v)) return false;
          (*out)[std::move(key)] = std::move(v);
        }
        path_.pop_back();
        return true;
      }
      case YAML::NodeType::Scalar:
        if (!take(n, n.Scalar().size())) return false;
        // A quoted scalar stays a string.
        *out = n.Tag() == "!" ? Json(n.Scalar()) : typed_scalar(n.Scalar());
        return true;
      default:
        if (!take(n, 0)) return false;
        *out = nullptr;
        return true;
    }
  }

 private:
  bool take(const YAML::Node& n, size_t bytes) {
    if (budget_->take(bytes)) return true;
    *err_ = at(n, fmt::format("the YAML makes more than {} values or {} bytes of text through its "
                              "aliases (*name): at most 100,000 values and 16 MiB, plus two "
                              "of each per byte of the file",
                              budget_->max_values(), budget_->max_bytes()));
    return false;
  }

  // An alias inside the node its anchor names nests that node in itself: a collection that
  // is its own ancestor.
  bool too_deep(const YAML::Node& n) {
    for (size_t i = 0; i + 1 < path_.size(); ++i) {
      if (path_[i].is(path_.back())) {
        *err_ = at(path_.back(),
                   "an alias (*name) inside the value its anchor names repeats it forever");
        return false;
      }
    }
    *err_ = at(n, fmt::format("the YAML nests deeper than {} levels", YamlBudget::kMaxDepth));
    return false;
  }

  YamlBudget* budget_;
  YamlError* err_;
  std::vector<YAML::Node> path_;  // the collections being converted, outermost first
};

}  // namespace

std::string located_message(const std::string& path, const YamlError& e) {
  if (e.line == 0) return path + ": " + e.message;
  return fmt::format("{}:{}:{}: error: {}", path, e.line, e.col ? e.col : 1, e.message);
}

std::string yaml_message(std::string_view m) {
  for (const Wording& w : kWordings) {
    if (w.yaml_cpp.ends_with(": ")) {
      if (m.starts_with(w.yaml_cpp)) {
        return "invalid YAML: " + std::string(w.ours) + std::string(m.substr(w.yaml_cpp.size()));
      }
    } else if (m == w.yaml_cpp) {
      return "invalid YAML: " + std::string(w.ours);
    }
  }
  return "invalid YAML here";
}

YamlError yaml_error(const YAML::Exception& e) {
  YamlError out;
  out.message = yaml_message(e.msg);
  out.line = place(e.mark.line);
  out.col = place(e.mark.column);
  return out;
}

bool load_yaml(std::string_view text, YAML::Node* root, YamlError* err) {
  try {
    *root = YAML::Load(std::string(text));
    return true;
  } catch (const YAML::Exception& e) {
    *err = yaml_error(e);
    return false;
  }
}

bool yaml_to_json(const YAML::Node& node, YamlBudget* budget, Json* out, YamlError* err) {
  try {
    return Converter(budget, err).convert(node, out);
  } catch (const YAML::Exception& e) {
    *err = yaml_error(e);
    return false;
  }
}

bool yaml_text_to_json(std::string_view text, Json* out, YamlError* err) {
  YAML::Node root;
  if (!load_yaml(text, &root, err)) return false;
  YamlBudget budget(text.size());
  return yaml_to_json(root, &budget, out, err);
}

}  // namespace unjucks::gen
