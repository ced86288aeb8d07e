#include "template/error.h"

namespace unjucks::tpl {

std::string Error::format() const {
  std::string out;
  out += template_name.empty() ? "(string)" : template_name;
  if (line) {
    out += ':' + std::to_string(line) + ':' + std::to_string(col);
  }
  out += ": error: ";
  out += message;
  if (!source_line.empty() && col) {
    out += "\n  ";
    out += source_line;
    out += "\n  ";
    // Columns count code points; keep tabs so the caret lines up.
    uint32_t cp = 1;
    for (size_t i = 0; i < source_line.size() && cp < col; ++i) {
      unsigned char c = static_cast<unsigned char>(source_line[i]);
      if ((c & 0xC0) == 0x80) continue;
      out += c == '\t' ? '\t' : ' ';
      ++cp;
    }
    out += '^';
  }
  for (const std::string& t : trace) {
    out += "\n  ";
    out += t;
  }
  return out;
}

}  // namespace unjucks::tpl
