// Shell completion. `unjucks completion bash|zsh|fish` prints a script whose completion function
// calls back into unjucks (`unjucks __complete WORD... CURRENT`), so what it offers follows the
// templates folder at hand: the commands, the generators, their actions, the options of the
// command, and the variables the action's templates read (as --name).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace unjucks::cli {

// Prints the script for `shell`; exit code (1 with an error for an unknown shell).
int completion_command(const std::string& shell, std::FILE* out);
// The script's text ("" for an unknown shell).
std::string completion_script(const std::string& shell);

// `words` are the words after `unjucks` up to the cursor, the last being the one completed
// (empty after a space). Prints the candidates that start with it, one per line; with a leading
// "--describe", each followed by a tab and a short description. Prints nothing where a file
// name is expected (the script then completes file names). Always exit 0.
int complete_command(const std::vector<std::string>& words, std::FILE* out);

// The candidates, for tests: "name" or "name\tdescription".
std::vector<std::string> completions(std::vector<std::string> words, bool describe);

}  // namespace unjucks::cli
