// One error type for the engine: what went wrong, where (template, line, column), and the chain
// of includes/macros it happened under. It prints like a compiler diagnostic.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <vector>

namespace unjucks::tpl {

enum class ErrorKind : uint8_t {
  Syntax,    // the template does not parse
  Render,    // a runtime error while rendering
  NotFound,  // a template that could not be loaded
  Limit,     // a resource limit was hit (depth, iterations, output size)
  Io,        // reading or writing failed
};

struct Error {
  ErrorKind kind = ErrorKind::Render;
  std::string message;
  std::string template_name;       // "(string)" when the template has no name
  uint32_t line = 0;               // 1-based; 0 when unknown
  uint32_t col = 0;                // 1-based
  std::string source_line;         // the line of source the error points at, if known
  std::vector<std::string> trace;  // "included from name:line:col", innermost first
  // The names the message offers ("did you mean ..."), for tools (`--json`).
  std::vector<std::string> suggestions;

  // name:line:col: error: message, then the source line and a caret, then the trace.
  std::string format() const;
};

class TemplateError : public std::exception {
 public:
  explicit TemplateError(Error e) : error_(std::move(e)), what_(error_.format()) {}
  const char* what() const noexcept override { return what_.c_str(); }
  const Error& error() const { return error_; }
  Error& error() { return error_; }
  void refresh() { what_ = error_.format(); }

 private:
  Error error_;
  std::string what_;
};

}  // namespace unjucks::tpl
