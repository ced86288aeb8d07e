// How the command line reports an error. As text on stderr, like a compiler: "unjucks: error:
// message" (or "template:line:col: error: message" and the source line for a template), with
// "error:" in red on a terminal (not with NO_COLOR). With --json anywhere on the command line,
// as one JSON object on stdout instead, whatever the command and whatever went wrong:
//
//   {"ok": false, "exitCode": 1,
//    "error": {"kind": "unknown-generator", "message": "...", "suggestions": ["component"]}}
//
// `kind` is one of the kError* names below; a template error adds "template", "line" and
// "column", missing variables add "variables". The shape is documented in docs/generators.md.
// The exit code is the same either way.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "gen/config.h"  // gen::Json

namespace unjucks::tpl {
struct Error;
}

namespace unjucks::cli {

inline constexpr const char* kErrorUsage = "usage";  // arguments: missing, extra, bad values
inline constexpr const char* kErrorUnknownCommand =
    "unknown-command";  // neither command nor generator
inline constexpr const char* kErrorUnknownGenerator = "unknown-generator";
inline constexpr const char* kErrorUnknownAction = "unknown-action";
inline constexpr const char* kErrorUnknownOption = "unknown-option";
inline constexpr const char* kErrorMissingVariables = "missing-variables";
inline constexpr const char* kErrorTemplate = "template";  // syntax, rendering, limits
inline constexpr const char* kErrorGeneric = "error";      // files, configuration, refusals, ...

struct CliError {
  std::string kind = kErrorGeneric;
  std::string message;
  std::vector<std::string> suggestions;
  // A template error: where it points (line 0: unknown), and the compiler-style text.
  std::string template_name;
  uint32_t line = 0;
  uint32_t column = 0;
  std::string diagnostic;  // "name:line:col: error: message", the source line, the trace
  std::vector<std::string> variables;  // missing-variables: their names
};

// A template error as the CLI reports it.
CliError template_error(const tpl::Error& e);
// A template error that reached the CLI as its text ("name:line:col: error: message", then the
// source line...): printed as it is, its place parsed out for --json.
CliError diagnostic_error(const std::string& text);

// Whether errors are reported as JSON on stdout (set once, from --json on the command line).
void set_json_errors(bool on);
bool json_errors();

// The error object of the JSON form ({"kind", "message", "suggestions", ...}).
gen::Json error_json(const CliError& e);

// Reports `e` (JSON on stdout, or text on stderr) and returns `exit_code`.
int report_error(const CliError& e, int exit_code);

// Whether `stream` (stderr, stdout) should get colours: a terminal, and NO_COLOR unset or empty.
bool color_for(std::FILE* stream);
// `text` with its first "error:" in red, when `color`.
std::string paint_error_label(std::string text, bool color);

}  // namespace unjucks::cli
