// Fuzz target: the renderer. Input: one options byte (fuzz_input.h); then the context as JSON on
// the first line (an object; anything else leaves the context empty); then the top-level
// template. Further templates, for include/import/extends, follow as sections that start with a
// line "@@ NAME". Renders with small loop and output limits so that an endless template ends in
// a TemplateError (Limit) instead of being reported as a hang.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "fuzz_input.h"
#include "template/ast/template.h"
#include "template/context.h"
#include "template/environment.h"
#include "template/error.h"
#include "template/loader.h"
#include "template/output.h"

using namespace unjucks;

namespace {

// Keeps the last bytes only (no growth), and fails the render past a byte limit, like the
// conformance runner's capped output: output checks in the engine happen at expressions, not
// at every piece of text.
class BoundedOutput final : public tpl::Output {
 public:
  BoundedOutput() {
    buf_ = scratch_;
    cap_ = sizeof scratch_;
  }

 private:
  void overflow(size_t) override {
    flushed_ += size_;
    size_ = 0;
    if (flushed_ > kLimit) {
      tpl::Error e;
      e.kind = tpl::ErrorKind::Limit;
      e.message = "fuzz output limit";
      throw tpl::TemplateError(std::move(e));
    }
  }
  static constexpr size_t kLimit = 4 << 20;
  char scratch_[4096];
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  tpl::Options options = fuzz::options_from_byte(data[0]);
  auto [json, rest] = fuzz::cut(fuzz::as_view(data + 1, size - 1), "\n");
  auto [top, more] = fuzz::cut(rest, "\n@@ ");
  std::map<std::string, std::string, std::less<>> templates;
  while (!more.empty()) {
    auto [section, next] = fuzz::cut(more, "\n@@ ");
    auto [name, body] = fuzz::cut(section, "\n");
    templates.emplace(std::string(name), std::string(body));
    more = next;
  }

  tpl::Context ctx;
  try {
    ctx.merge_json(json);
  } catch (const std::runtime_error&) {
    // Not a JSON object: render with an empty context (merge_json rejected it cleanly).
  }
  tpl::Environment env(options, std::make_unique<tpl::MapLoader>(std::move(templates)));
  try {
    tpl::TemplatePtr t = env.compile(std::string(top), "fuzz.njk");
    BoundedOutput out;
    env.render(*t, ctx, out);
    // A second render of the same compiled template reuses the reset render arena.
    BoundedOutput again;
    env.render(*t, ctx, again);
  } catch (const tpl::TemplateError& e) {
    (void)e.error().format();
  }
  return 0;
}
