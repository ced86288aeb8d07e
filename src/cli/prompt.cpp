#include "cli/prompt.h"

#include <unistd.h>

#include <cstdio>

namespace unjucks::cli {

bool can_prompt() { return ::isatty(0) && ::isatty(2); }

std::optional<std::string> ask(const std::string& message, const std::string& default_text) {
  if (default_text.empty()) {
    std::fprintf(stderr, "? %s ", message.c_str());
  } else {
    std::fprintf(stderr, "? %s (%s) ", message.c_str(), default_text.c_str());
  }
  std::fflush(stderr);
  std::string line;
  for (;;) {
    int c = std::fgetc(stdin);
    if (c == EOF) {
      if (line.empty()) return std::nullopt;
      break;
    }
    if (c == '\n') break;
    line.push_back(static_cast<char>(c));
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) return default_text;
  return line;
}

}  // namespace unjucks::cli
