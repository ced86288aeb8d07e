// The man page unjucks(1), in roff (the man macros), made from the command table that `--help`
// prints (cli/command_docs.h), so the two cannot disagree. `unjucks --man` prints it; the build
// writes build/<config>/unjucks.1 with it and `cmake --install` puts it in share/man/man1.
#pragma once

#include <string>
#include <string_view>

namespace unjucks::cli {

std::string format_man_page(std::string_view version);

// Text made safe for roff: backslashes doubled, a leading '.' or '\'' escaped, '-' as "\-".
std::string roff_escape(std::string_view text);

}  // namespace unjucks::cli
