#include "cli/option_scan.h"

#include <cstdio>
#include <utility>

#include "cli/app.h"
#include "cli/error_output.h"

namespace unjucks::cli {

void OptionScan::value(std::initializer_list<std::string_view> names, std::string* into,
                       bool attached) {
  options_.push_back(Option{{names.begin(), names.end()}, into, attached, nullptr});
}

void OptionScan::flag(std::initializer_list<std::string_view> names, bool* into) {
  flag(names, [into] { *into = true; });
}

void OptionScan::flag(std::initializer_list<std::string_view> names, std::function<void()> on) {
  options_.push_back(Option{{names.begin(), names.end()}, nullptr, false, std::move(on)});
}

const OptionScan::Option* OptionScan::find(std::string_view name) const {
  for (const Option& o : options_) {
    for (const std::string& n : o.names) {
      if (n == name) return &o;
    }
  }
  return nullptr;
}

OptionScan::Option* OptionScan::find(std::string_view name) {
  return const_cast<Option*>(std::as_const(*this).find(name));
}

bool OptionScan::given(std::string_view name) const {
  const Option* o = find(name);
  return o != nullptr && o->given;
}

std::vector<std::string> OptionScan::names() const {
  std::vector<std::string> out;
  for (const Option& o : options_) out.insert(out.end(), o.names.begin(), o.names.end());
  return out;
}

bool OptionScan::scan(const std::vector<std::string>& args, std::vector<std::string>* rest,
                      std::string* err) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      rest->insert(rest->end(), args.begin() + static_cast<long>(i), args.end());
      break;
    }
    std::string key = a, value;
    bool has_value = false;
    if (a.starts_with("--") && a.find('=') != std::string::npos) {
      key = a.substr(0, a.find('='));
      value = a.substr(a.find('=') + 1);
      has_value = true;
    } else if (a.size() > 2 && a[0] == '-' && a[1] != '-') {
      // "-j4": a short option with its value attached, for the options that allow it.
      const Option* o = find(a.substr(0, 2));
      if (o && o->value && o->attached) {
        key = a.substr(0, 2);
        value = a.substr(2);
        has_value = true;
      }
    }
    Option* o = find(key);
    if (o && (o->value || !has_value)) o->given = true;
    if (o && o->value) {
      if (has_value) {
        *o->value = value;
      } else if (i + 1 < args.size()) {
        *o->value = args[++i];
      } else {
        *err = key + " needs a value";
        return false;
      }
    } else if (o && !has_value) {
      o->on();
    } else {
      rest->push_back(a);
    }
  }
  return true;
}

namespace {

// "path:12:3: error: ..." (the form of gen::located_message).
bool is_located(const std::string& message) {
  size_t at = message.find(": error: ");
  if (at == std::string::npos) return false;
  size_t colon = message.rfind(':', at - 1);
  if (colon == std::string::npos || colon == 0 || colon + 1 >= at) return false;
  for (size_t i = colon + 1; i < at; ++i) {
    if (message[i] < '0' || message[i] > '9') return false;
  }
  return true;
}

}  // namespace

int user_error(const std::string& message) {
  if (is_located(message)) {
    // A file's place ("vars.yml:3:5: error: ..."): printed as it is, placed for --json.
    CliError e = diagnostic_error(message);
    e.kind = kErrorGeneric;
    return report_error(e, kExitUserError);
  }
  CliError e;
  e.message = message;
  return report_error(e, kExitUserError);
}

}  // namespace unjucks::cli
