// Runs a template's `sh:` command with /bin/sh in the destination folder, the rendered body on
// its standard input (as Hygen does), its output passed through.
#pragma once

#include <string>
#include <string_view>

namespace unjucks::gen {

// The command's exit status (128+signal when killed), or -1 with `err` set if it could not start.
int run_shell(const std::string& command, std::string_view input, const std::string& cwd,
              std::string* err);

}  // namespace unjucks::gen
