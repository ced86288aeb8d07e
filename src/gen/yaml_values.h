// YAML as values: how YAML text becomes data everywhere it does (variables files, the defaults
// of config.yml/meta.yml/prompt.yml, unjucks.config.yml), and how its errors read.
//
// The conversion is bounded. An alias (*name) repeats the node its anchor (&name) names, so a
// few hundred bytes of anchors that each repeat the previous one ten times make millions of
// values ("billion laughs"); and an alias inside the node it names repeats it forever. While
// converting, the values made (each alias's as often as it is used) may not pass 100,000 plus
// two per byte of the text, nor their text 16 MiB plus two bytes per byte of the text, nor
// nest deeper than 1,000 levels: a document without aliases never comes near, a bomb stops at
// the first value past the budget, with an error that says where.
//
// Errors are placed (line and column, 1-based) and worded by unjucks rather than by yaml-cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gen/config.h"

namespace YAML {
class Node;
class Exception;
}  // namespace YAML

namespace unjucks::gen {

struct YamlError {
  std::string message;
  uint32_t line = 0;  // 1-based; 0 when unknown
  uint32_t col = 0;
};

// "path:line:col: error: message" ("path: message" when the place is unknown).
std::string located_message(const std::string& path, const YamlError& e);

// A yaml-cpp exception as a YamlError: placed, and in unjucks' words.
YamlError yaml_error(const YAML::Exception& e);
// yaml-cpp's message (a fixed English phrase from its exceptions.h) in unjucks' words.
std::string yaml_message(std::string_view yaml_cpp_message);

// Parses YAML text; false with `err` when it is not YAML.
bool load_yaml(std::string_view text, YAML::Node* root, YamlError* err);

// What converting the YAML of one text may make (see the top of this file).
class YamlBudget {
 public:
  static constexpr uint64_t kBaseValues = 100'000;
  static constexpr uint64_t kBaseBytes = uint64_t{16} << 20;
  static constexpr size_t kMaxDepth = 1000;

  explicit YamlBudget(size_t text_bytes)
      : values_left_(kBaseValues + 2 * uint64_t{text_bytes}),
        bytes_left_(kBaseBytes + 2 * uint64_t{text_bytes}),
        max_values_(values_left_),
        max_bytes_(bytes_left_) {}

  // Takes one value of `bytes` bytes of text; false when the budget is spent.
  bool take(size_t bytes) {
    if (values_left_ == 0 || bytes > bytes_left_) return false;
    --values_left_;
    bytes_left_ -= bytes;
    return true;
  }
  uint64_t max_values() const { return max_values_; }
  uint64_t max_bytes() const { return max_bytes_; }

 private:
  uint64_t values_left_;
  uint64_t bytes_left_;
  uint64_t max_values_;
  uint64_t max_bytes_;
};

// A YAML node as JSON: scalars typed as a user expects (typed_scalar: true/false, numbers, null;
// anything else a string), a quoted scalar always a string. False with `err` when the budget
// runs out or the nesting is too deep.
bool yaml_to_json(const YAML::Node& node, YamlBudget* budget, Json* out, YamlError* err);

// Parses `text` and converts the whole document (with a budget for `text`).
bool yaml_text_to_json(std::string_view text, Json* out, YamlError* err);

}  // namespace unjucks::gen
