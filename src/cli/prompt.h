// Asking for missing variables on a terminal.
#pragma once

#include <optional>
#include <string>

namespace unjucks::cli {

// True when standard input and standard error are terminals (prompts go to stderr).
bool can_prompt();

// Asks "message [default]: " on stderr and reads a line from stdin. An empty answer takes the
// default; nullopt on end of input.
std::optional<std::string> ask(const std::string& message, const std::string& default_text);

}  // namespace unjucks::cli
