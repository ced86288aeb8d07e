// Fuzz target: lexer + parser. Input: one options byte (fuzz_input.h), then template source.
// A TemplateError (a syntax error with its position) is the expected answer to bad input;
// anything else (a crash, a sanitizer report, a leak, another exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_input.h"
#include "template/ast/template.h"
#include "template/environment.h"
#include "template/error.h"

using namespace unjucks;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  tpl::Environment env(fuzz::options_from_byte(data[0]));
  std::string source(fuzz::as_view(data + 1, size - 1));
  try {
    tpl::TemplatePtr t = env.compile(std::move(source), "fuzz.njk");
    // Walks the whole tree: every node the parser built must be well formed.
    (void)env.referenced_variables(*t);
  } catch (const tpl::TemplateError& e) {
    // Every syntax error must render its diagnostic (source line, caret) without trouble.
    (void)e.error().format();
  }
  return 0;
}
