// Fuzz target: unjucks migrate's converters. Input: a Hygen template (EJS, with Hygen's
// frontmatter), also read as a prompt.js. Neither may crash, hang or overflow the stack, and a
// template they convert must hold: it compiles with the generator options (trimBlocks,
// lstripBlocks), it holds no EJS syntax, and converting it again changes nothing (a converted
// template is Nunjucks). A prompt.yml they write must read back as unjucks' questions.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_input.h"
#include "gen/config.h"
#include "gen/yaml_values.h"
#include "migrate/prompt_converter.h"
#include "migrate/template_converter.h"
#include "template/environment.h"
#include "template/error.h"
#include "template/loader.h"

using namespace unjucks;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view source = fuzz::as_view(data, size);
  migrate::ConvertedTemplate r = migrate::convert_hygen_template(source);
  if (r.ok && !r.generates_nothing && r.text != source) {
    if (migrate::find_ejs_syntax(r.text) != std::string::npos) __builtin_trap();
    tpl::Options opts;
    opts.autoescape = false;
    opts.trim_blocks = true;
    opts.lstrip_blocks = true;
    tpl::Environment env(opts, std::make_unique<tpl::MapLoader>());
    try {
      env.compile(r.text, "fuzz");
    } catch (const tpl::TemplateError&) {
      __builtin_trap();
    }
    if (migrate::classify_template("x.t", r.text) == migrate::Dialect::Plain) {
      migrate::ConvertedTemplate again = migrate::convert_hygen_template(r.text);
      if (!again.ok || again.text != r.text) __builtin_trap();
    }
  }
  migrate::ConvertedPrompt p = migrate::convert_prompt_js(source, "prompt.js");
  if (p.ok) {
    // (Questions may repeat a name: the later one wins, in enquirer's answers and here.)
    gen::MetaInfo meta;
    gen::YamlError err;
    if (!gen::parse_meta(p.yaml, &meta, &err) || meta.variables.size() > p.questions ||
        (p.questions > 0 && meta.variables.empty())) {
      __builtin_trap();
    }
  }
  return 0;
}
