// The internal exception of the front end: a message and a byte offset. compile() turns it into
// a TemplateError with the template's name, line and column.
#pragma once

#include <cstdint>
#include <string>

namespace unjucks::tpl {

struct SyntaxError {
  std::string message;
  uint32_t pos;
};

}  // namespace unjucks::tpl
