// Fuzz target: the frontmatter reader. Input: a generator template (an optional YAML header
// between "---" lines, then the body). split_frontmatter must cut any text, and
// parse_frontmatter must answer any header with options or a FrontmatterError: yaml-cpp
// exceptions, wrong value kinds and odd keys must not escape. And the subset reader that takes
// the common headers must agree with yaml-cpp on every header it takes.
//
// Bytes of the header between two 0x1F (unit separator) bytes are values, as `{{ }}` prints
// them (the 0x1F bytes themselves are dropped): the header is then read with its values kept
// apart, the two readers must still agree, and the keys must be those of the same header with
// every value replaced by "v" (no value may add, drop or rename a key).
//
// The header is also converted as a variables file is (gen::yaml_text_to_json): aliases and
// anchors must stay within the conversion's budget, whatever they nest.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_input.h"
#include "gen/frontmatter.h"
#include "gen/yaml_values.h"

using namespace unjucks;

namespace {

constexpr char kValueSep = '\x1f';

struct Rendered {
  std::string text;
  std::vector<tpl::ValueSpan> values;
};

// The header as rendered: each value's text, or `replacement` for each when given.
Rendered render(std::string_view header, const std::string* replacement) {
  Rendered r;
  bool in_value = false;
  size_t begin = 0;
  for (size_t i = 0; i <= header.size(); ++i) {
    if (i < header.size() && header[i] != kValueSep) {
      if (!in_value || !replacement) r.text += header[i];
      continue;
    }
    if (i == header.size() && !in_value) break;
    if (!in_value) {
      begin = r.text.size();
    } else {
      if (replacement) r.text += *replacement;
      r.values.push_back({begin, r.text.size()});
    }
    in_value = !in_value;
  }
  return r;
}

void check_values(std::string_view header) {
  if (header.find(kValueSep) == std::string_view::npos) return;
  Rendered real = render(header, nullptr);
  gen::Frontmatter fm;
  gen::FrontmatterError err;
  bool ok = gen::parse_frontmatter(real.text, &fm, &err, real.values);
  if (gen::frontmatter_is_simple(real.text, real.values)) {
    gen::Frontmatter ref;
    gen::FrontmatterError ref_err;
    bool ref_ok = gen::parse_frontmatter_yaml(real.text, &ref, &ref_err, real.values);
    if (ok != ref_ok || (ok && !(fm == ref)) || (!ok && err.message != ref_err.message)) {
      __builtin_trap();
    }
  }
  const std::string v = "v";
  Rendered plain = render(header, &v);
  gen::Frontmatter pfm;
  gen::FrontmatterError perr;
  if (ok && gen::parse_frontmatter(plain.text, &pfm, &perr, plain.values) && pfm.keys != fm.keys) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view source = fuzz::as_view(data, size);
  gen::SplitTemplate split = gen::split_frontmatter(source);
  // The pieces are views into the source, in order.
  if (split.has_header && (split.header.data() < source.data() ||
                           split.header.data() + split.header.size() > source.data() + size))
    __builtin_trap();
  if (split.body.data() + split.body.size() > source.data() + size) __builtin_trap();
  gen::Frontmatter fm;
  gen::FrontmatterError err;
  std::string_view header = split.has_header ? split.header : source;
  bool ok = gen::parse_frontmatter(header, &fm, &err);
  if (gen::frontmatter_is_simple(header)) {
    gen::Frontmatter ref;
    gen::FrontmatterError ref_err;
    bool ref_ok = gen::parse_frontmatter_yaml(header, &ref, &ref_err);
    if (ok != ref_ok || (ok && !(fm == ref)) || (!ok && err.message != ref_err.message)) {
      __builtin_trap();
    }
  }
  check_values(header);
  gen::Json values;
  gen::YamlError yaml_err;
  if (!gen::yaml_text_to_json(header, &values, &yaml_err) && yaml_err.message.empty()) {
    __builtin_trap();  // every refusal says why
  }
  (void)gen::parse_mode(split.body.substr(0, 16));
  return 0;
}
