#include "cli/option_check.h"

#include "text/did_you_mean.h"

namespace unjucks::cli {

bool check_options(const CommandDoc& cmd, const std::vector<std::string>& args, CliError* err) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") return true;
    if (a.size() < 2 || a[0] != '-') continue;
    std::string name = a.substr(0, a.find('='));
    const bool inline_value = name.size() != a.size();
    const OptionDoc* o = find_option(cmd, name);
    if (o == nullptr && a[1] != '-') {
      // "-Idir": a short option with its value attached.
      o = find_option(cmd, a.substr(0, 2));
      if (o != nullptr && o->arg.empty()) o = nullptr;
      if (o != nullptr) continue;
    }
    if (o != nullptr) {
      if (!o->arg.empty() && !inline_value) ++i;  // its value
      continue;
    }
    const size_t first = name.find_first_not_of('-');
    std::string bare = first == std::string::npos ? "" : name.substr(first);
    err->kind = kErrorUnknownOption;
    err->suggestions.clear();
    for (const std::string& s : text::suggest(bare, option_long_names(cmd))) {
      err->suggestions.push_back("--" + s);
    }
    err->message = "unknown option \"" + name + "\" for " + std::string(cmd.name);
    if (!err->suggestions.empty()) {
      err->message += "; " + text::did_you_mean(err->suggestions);
    } else {
      err->message += " (see unjucks " + std::string(cmd.name) + " --help)";
    }
    return false;
  }
  return true;
}

}  // namespace unjucks::cli
