// The command-line application: parses arguments and dispatches to the commands.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace unjucks::cli {

// Exit codes (documented in the README).
inline constexpr int kExitOk = 0;
inline constexpr int kExitUserError = 1;      // bad arguments, missing variables, refusals
inline constexpr int kExitTemplateError = 2;  // a template failed to parse or render

int run(int argc, char** argv);

// The options the parser of a fixed-option command (render, list, help, completion) knows, for
// the test that keeps the command table (cli/command_docs.h) in step with it.
std::vector<std::string> parser_option_names(std::string_view command);

}  // namespace unjucks::cli
