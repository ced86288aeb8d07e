// Fuzz target: injection into an existing file. Input, line by line:
//   line 1: where the snippet goes: a letter (b before, a after, p prepend, e append, l at_line),
//           then optional decimal digits (at_line), then an optional t or f (eof_last);
//   line 2: the anchor (a JavaScript regular expression, for before/after);
//   line 3: skip_if (a regular expression; empty for none);
//   the rest: the snippet, then a NUL byte, then the target file's content.
// inject() must return Injected, Skipped or Error for anything; an Injected result keeps every
// byte of the original file (line endings aside: they follow the file's first line).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_input.h"
#include "gen/inject.h"

using namespace unjucks;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto [mode, rest1] = fuzz::cut(fuzz::as_view(data, size), "\n");
  auto [anchor, rest2] = fuzz::cut(rest1, "\n");
  auto [skip_if, rest3] = fuzz::cut(rest2, "\n");
  auto [body, file] = fuzz::cut(rest3, std::string_view("\0", 1));

  gen::InjectSpec spec;
  if (!mode.empty()) {
    switch (mode[0]) {
      case 'b':
        spec.where = gen::InjectWhere::Before;
        break;
      case 'a':
        spec.where = gen::InjectWhere::After;
        break;
      case 'p':
        spec.where = gen::InjectWhere::Prepend;
        break;
      case 'l':
        spec.where = gen::InjectWhere::AtLine;
        break;
      default:
        spec.where = gen::InjectWhere::Append;
        break;
    }
    mode.remove_prefix(1);
  }
  int64_t line = 0;
  bool negative = !mode.empty() && mode[0] == '-';
  if (negative) mode.remove_prefix(1);
  while (!mode.empty() && mode[0] >= '0' && mode[0] <= '9' && line < (int64_t{1} << 40)) {
    line = line * 10 + (mode[0] - '0');
    mode.remove_prefix(1);
  }
  spec.at_line = negative ? -line : line;
  if (!mode.empty() && mode[0] == 't') spec.eof_last = true;
  if (!mode.empty() && mode[0] == 'f') spec.eof_last = false;
  spec.anchor = std::string(anchor);
  spec.skip_if = std::string(skip_if);

  gen::InjectResult r = gen::inject(file, body, spec);
  if (r.status == gen::InjectResult::Status::Injected) {
    // Nothing of the original file is lost: without carriage returns, the result is at least
    // as long as the file.
    if (std::count(r.content.begin(), r.content.end(), '\n') <
            std::count(file.begin(), file.end(), '\n') ||
        r.content.size() - std::count(r.content.begin(), r.content.end(), '\r') <
            file.size() - std::count(file.begin(), file.end(), '\r'))
      __builtin_trap();
    (void)gen::inject_where_name(spec.where);
  }
  return 0;
}
