#include "template/ast/template.h"

namespace unjucks::tpl {

void Template::locate(uint32_t pos, uint32_t* line, uint32_t* col, std::string_view* text) const {
  std::string_view src = source_;
  if (pos > src.size()) pos = static_cast<uint32_t>(src.size());
  uint32_t l = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < pos; ++i) {
    if (src[i] == '\n') {
      ++l;
      line_start = i + 1;
    }
  }
  uint32_t c = 1;
  for (size_t i = line_start; i < pos; ++i)
    if ((static_cast<unsigned char>(src[i]) & 0xC0) != 0x80) ++c;
  size_t line_end = src.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = src.size();
  *line = l;
  *col = c;
  std::string_view t = src.substr(line_start, line_end - line_start);
  if (!t.empty() && t.back() == '\r') t.remove_suffix(1);
  if (t.size() > 200) t = t.substr(0, 200);
  *text = t;
}

}  // namespace unjucks::tpl
