#include "migrate/prompt_converter.h"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "migrate/js_parser.h"

namespace unjucks::migrate {
namespace {

using Json = nlohmann::ordered_json;

// enquirer's question types and what prompt.yml calls them.
struct TypeName {
  std::string_view enquirer;
  std::string_view unjucks;
};
constexpr TypeName kTypes[] = {
    {"input", "input"},
    {"text", "input"},
    {"confirm", "confirm"},
    {"toggle", "confirm"},
    {"select", "select"},
    {"autocomplete", "select"},
    {"multiselect", "multiselect"},
    {"list", "list"},
    {"number", "number"},
    {"numeral", "number"},
    {"password", "password"},
    {"invisible", "password"},
};

// Keys that only change how enquirer shows a question.
constexpr std::string_view kDisplayOnly[] = {"hint",      "prefix", "footer", "header",
                                             "separator", "limit",  "styles", "symbols"};

class Converter {
 public:
  explicit Converter(ConvertedPrompt* out) : out_(*out) {}

  bool value(int i, Json* v) {
    const JsExpr& e = node(i);
    switch (e.kind) {
      case JsNode::String:
        *v = e.text;
        return true;
      case JsNode::Template:
        if (!e.kids.empty()) return fail(e, "a message computed with ${...} (JavaScript)");
        *v = e.strs[0];
        return true;
      case JsNode::Number:
        if (e.text.empty()) return fail(e, "a number with no prompt.yml form");
        *v = Json::parse(e.text);
        return true;
      case JsNode::Unary:
        if (e.text == "-" && node(e.kids[0]).kind == JsNode::Number &&
            !node(e.kids[0]).text.empty()) {
          Json n = Json::parse(node(e.kids[0]).text);
          *v = n.is_number_integer() ? Json(-n.get<int64_t>()) : Json(-n.get<double>());
          return true;
        }
        break;
      case JsNode::Bool:
        *v = e.text == "true";
        return true;
      case JsNode::Null:
        *v = nullptr;
        return true;
      case JsNode::Array: {
        *v = Json::array();
        for (int k : e.kids) {
          Json item;
          if (!value(k, &item)) return false;
          v->push_back(std::move(item));
        }
        return true;
      }
      case JsNode::Object: {
        *v = Json::object();
        for (size_t k = 0; k < e.kids.size(); ++k) {
          if (e.strs[k].empty()) return fail(node(e.kids[k]), "spread (...) is JavaScript");
          Json item;
          if (!value(e.kids[k], &item)) return false;
          (*v)[e.strs[k]] = std::move(item);
        }
        return true;
      }
      case JsNode::Function:
        return fail(e, "a function (JavaScript that unjucks does not run)");
      default:
        break;
    }
    return fail(e, "a computed value (JavaScript that unjucks does not run)");
  }

  bool question(int i, Json* q) {
    const JsExpr& e = node(i);
    if (e.kind != JsNode::Object) return fail(e, "a question that is not an object literal");
    Json raw;
    if (!value(i, &raw)) return false;
    auto key_node = [&](std::string_view key) -> const JsExpr& {
      for (size_t k = 0; k < e.strs.size(); ++k) {
        if (e.strs[k] == key) return node(e.kids[k]);
      }
      return e;
    };
    if (!raw.contains("name") || !raw["name"].is_string() ||
        raw["name"].get<std::string>().empty()) {
      return fail(e, "a question without a name");
    }
    (*q)["name"] = raw["name"];
    std::string type = "input";
    if (raw.contains("type")) {
      if (!raw["type"].is_string()) return fail(key_node("type"), "a type that is not a string");
      std::string t = raw["type"];
      const TypeName* found = nullptr;
      for (const TypeName& tn : kTypes) {
        if (tn.enquirer == t) found = &tn;
      }
      if (!found)
        return fail(key_node("type"),
                    "the question type '" + t + "' has no prompt.yml counterpart");
      type = std::string(found->unjucks);
    }
    (*q)["type"] = type;
    if (raw.contains("message")) (*q)["message"] = raw["message"];
    Json choices;
    if (raw.contains("choices")) {
      if (!raw["choices"].is_array())
        return fail(key_node("choices"), "choices that are not a list");
      choices = Json::array();
      for (const Json& c : raw["choices"]) {
        if (c.is_string()) {
          choices.push_back(c);
        } else if (c.is_object() && c.contains("name") && c["name"].is_string() &&
                   !c.contains("value")) {
          choices.push_back(c["name"]);
        } else {
          return fail(key_node("choices"), "a choice that is neither a string nor {name, message}");
        }
      }
    }
    for (std::string_view k : {"initial", "default"}) {
      if (!raw.contains(std::string(k))) continue;
      Json d = raw[std::string(k)];
      // enquirer's select takes the index of the initial choice.
      if (d.is_number_integer() && (type == "select") && choices.is_array()) {
        auto idx = d.get<int64_t>();
        if (idx < 0 || static_cast<size_t>(idx) >= choices.size()) {
          return fail(key_node(k), "an initial choice index out of range");
        }
        d = choices[static_cast<size_t>(idx)];
      }
      (*q)["default"] = d;
    }
    if (choices.is_array()) (*q)["choices"] = choices;
    for (auto& [k, v] : raw.items()) {
      if (k == "name" || k == "type" || k == "message" || k == "initial" || k == "default" ||
          k == "choices" || k == "required") {
        continue;
      }
      if (std::find(std::begin(kDisplayOnly), std::end(kDisplayOnly), k) !=
          std::end(kDisplayOnly)) {
        continue;
      }
      return fail(key_node(k), "the question key '" + k + "' has no prompt.yml counterpart");
    }
    return true;
  }

  std::vector<JsExpr> nodes_;

 private:
  const JsExpr& node(int i) const { return nodes_[static_cast<size_t>(i)]; }
  bool fail(const JsExpr& e, std::string why) {
    out_.attention.push_back({e.begin, std::move(why)});
    return false;
  }
  ConvertedPrompt& out_;
};

bool plain_yaml(const std::string& s) {
  if (s.empty()) return false;
  static const char* kWords[] = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"};
  std::string lower = s;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* w : kWords) {
    if (lower == w) return false;
  }
  if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_')) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string yaml_scalar(const Json& v) {
  if (v.is_string() && plain_yaml(v.get<std::string>())) return v.get<std::string>();
  // A JSON string, number, true/false/null or flow list is also YAML.
  return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

ConvertedPrompt convert_prompt_js(std::string_view source, std::string_view file_name) {
  ConvertedPrompt r;
  JsLexResult lx = lex_js(source);
  if (!lx.ok) {
    r.attention.push_back({lx.error_at, "cannot read the JavaScript: " + lx.error});
    return r;
  }
  Converter cv(&r);
  JsParser p(lx.tokens, &cv.nodes_);
  // An optional 'use strict'.
  if (p.peek().kind == JsTok::String && (p.peek(1).is(";") || p.peek(1).nl_before)) {
    p.next();
    p.accept(";");
  }
  const JsToken& start = p.peek();
  if (!(start.is("module") && p.peek(1).is(".") && p.peek(2).is("exports") && p.peek(3).is("="))) {
    r.attention.push_back({start.begin,
                           "code other than `module.exports = [questions]`: JavaScript that "
                           "unjucks does not run"});
    return r;
  }
  for (int k = 0; k < 4; ++k) p.next();
  if (p.peek().is("{")) {
    // An object of handlers: say which, before its functions are read.
    int depth = 0;
    for (size_t i = 0; p.peek(i).kind != JsTok::End; ++i) {
      const JsToken& t = p.peek(i);
      if (t.is("{") || t.is("(") || t.is("[")) ++depth;
      if (t.is("}") || t.is(")") || t.is("]")) --depth;
      if (depth == 1 && (t.is("prompt") || t.is("params")) && t.kind == JsTok::Name &&
          (p.peek(i + 1).is(":") || p.peek(i + 1).is("("))) {
        r.attention.push_back(
            {t.begin, "exports a " + std::string(t.text) +
                          " handler (JavaScript that unjucks does not run): its questions go "
                          "in prompt.yml, other variables on the command line or in --vars"});
        return r;
      }
    }
  }
  int list = p.parse_assignment();
  if (list < 0) {
    r.attention.push_back({p.error_at(), "cannot read the JavaScript: " + p.error()});
    return r;
  }
  const JsExpr& e = cv.nodes_[static_cast<size_t>(list)];
  if (e.kind == JsNode::Object) {
    std::string what = "an object";
    for (const std::string& k : e.strs) {
      if (k == "prompt" || k == "params") what = "a " + k + ": handler";
    }
    r.attention.push_back({e.begin, "exports " + what +
                                        " (JavaScript that unjucks does not run): its questions "
                                        "go in prompt.yml, other variables on the command line "
                                        "or in --vars"});
    return r;
  }
  if (e.kind != JsNode::Array || p.stopped_at_open_body()) {
    r.attention.push_back({e.begin, "exports something other than a list of questions"});
    return r;
  }
  p.accept(";");
  if (!p.at_end()) {
    r.attention.push_back({p.peek().begin, "more code after the list of questions"});
    return r;
  }
  std::string yaml = "# Converted by unjucks migrate from " + std::string(file_name) +
                     " (Hygen's questions).\nprompts:\n";
  for (int k : e.kids) {
    Json q = Json::object();
    if (!cv.question(k, &q)) return r;
    bool first = true;
    for (auto& [key, v] : q.items()) {
      yaml += first ? "  - " : "    ";
      first = false;
      if (v.is_array() && !v.empty()) {
        yaml += key + ":\n";
        for (const Json& item : v) yaml += "      - " + yaml_scalar(item) + "\n";
      } else {
        yaml += key + ": " + yaml_scalar(v) + "\n";
      }
    }
    ++r.questions;
  }
  if (e.kids.empty())
    yaml = "# Converted by unjucks migrate from " + std::string(file_name) +
           " (no questions).\nprompts: []\n";
  r.yaml = std::move(yaml);
  r.ok = true;
  return r;
}

}  // namespace unjucks::migrate
