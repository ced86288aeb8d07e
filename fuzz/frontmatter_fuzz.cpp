// Fuzz target: the frontmatter reader. Input: a generator template (an optional YAML header
// between "---" lines, then the body). split_frontmatter must cut any text, and
// parse_frontmatter must answer any header with options or a FrontmatterError: yaml-cpp
// exceptions, wrong value kinds and odd keys must not escape. And the subset reader that takes
// the common headers must agree with yaml-cpp on every header it takes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_input.h"
#include "gen/frontmatter.h"

using namespace unjucks;

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
  (void)gen::parse_mode(split.body.substr(0, 16));
  return 0;
}
