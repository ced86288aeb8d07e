// The generator commands' own options (generate, batch), taken out of their arguments; what is
// left, the positionals and `--var value` pairs, goes to the variables parser
// (gen::parse_var_args). A command declares its options and the scan does the rest:
// "--opt value", "--opt=value", short aliases ("-d DIR"), an attached value for the names that
// allow it ("-j4"), flags ("--force"; "--force=x" is not the flag and is left for the
// variables), and "--", which ends the options (it stays in the rest, with what follows).
#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace unjucks::cli {

class OptionScan {
 public:
  // An option with a value under any of `names`. `attached`: a short name may carry its value
  // ("-j4").
  void value(std::initializer_list<std::string_view> names, std::string* into,
             bool attached = false);
  // A flag under any of `names`: sets `*into` to true.
  void flag(std::initializer_list<std::string_view> names, bool* into);
  // A flag that runs `on` (for flags that set something else than a bool).
  void flag(std::initializer_list<std::string_view> names, std::function<void()> on);

  // Applies the options found in `args`; the other arguments go to `rest`, in order. False
  // with `err` when an option that needs a value has none.
  bool scan(const std::vector<std::string>& args, std::vector<std::string>* rest, std::string* err);
  // After scan: whether the option named `name` (any of its names) was given.
  bool given(std::string_view name) const;
  // Every name declared (for the test that keeps the help in step with the parser).
  std::vector<std::string> names() const;

 private:
  struct Option {
    std::vector<std::string> names;
    std::string* value = nullptr;  // a value option
    bool attached = false;
    std::function<void()> on;  // a flag
    bool given = false;
  };
  Option* find(std::string_view name);
  const Option* find(std::string_view name) const;
  std::vector<Option> options_;
};

// Reports MESSAGE as an error (cli/error_output.h: text on stderr, or JSON with --json); a
// message already placed like a compiler's ("file:line:col: error: ...") is printed as it is.
// Returns kExitUserError.
int user_error(const std::string& message);

}  // namespace unjucks::cli
