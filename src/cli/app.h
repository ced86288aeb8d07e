// The command-line application: parses arguments and dispatches to the commands.
#pragma once

namespace unjucks::cli {

// Exit codes (documented in the README).
inline constexpr int kExitOk = 0;
inline constexpr int kExitUserError = 1;      // bad arguments, missing variables, refusals
inline constexpr int kExitTemplateError = 2;  // a template failed to parse or render

int run(int argc, char** argv);

}  // namespace unjucks::cli
