// JavaScript's String.prototype.toUpperCase / toLowerCase for the filters: text/js_case does the
// mapping; here ASCII text maps byte for byte into the render arena and unchanged text is returned
// as it is.
#include <cstring>

#include "template/filters/support.h"
#include "text/js_case.h"

namespace unjucks::tpl::filters {

namespace {

// Index of the first byte that the mapping changes (s.size() when none).
size_t first_change(std::string_view s, bool upper) {
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (upper ? (b >= 'a' && b <= 'z') : (b >= 'A' && b <= 'Z')) return i;
      ++i;
      continue;
    }
    return i;  // non-ASCII: let the full mapping decide
  }
  return s.size();
}

std::string_view map_case(Runtime& rt, std::string_view s, bool upper) {
  size_t first = first_change(s, upper);
  if (first == s.size()) return s;
  // ASCII text maps byte for byte straight into the arena.
  bool ascii = true;
  for (size_t i = first; i < s.size() && ascii; ++i)
    ascii = static_cast<unsigned char>(s[i]) < 0x80;
  if (ascii) {
    char* out = static_cast<char*>(rt.arena().allocate(s.size(), 1));
    std::memcpy(out, s.data(), first);
    for (size_t i = first; i < s.size(); ++i) {
      char c = s[i];
      if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z')) c = static_cast<char>(c ^ 0x20);
      out[i] = c;
    }
    return {out, s.size()};
  }
  Scratch buf;
  buf->append(s.substr(0, first));
  if (upper)
    text::js_append_upper(*buf, s.substr(first));
  else
    text::js_append_lower(*buf, s.substr(first));
  // The final-sigma context may reach before `first`; recompute in full when it could matter.
  if (!upper && first > 0 && s.find("\xCE\xA3", first) != std::string_view::npos) {
    buf->clear();
    text::js_append_lower(*buf, s);
  }
  if (*buf == s) return s;
  return rt.arena().copy(*buf);
}

}  // namespace

void append_upper(std::string& out, std::string_view s) { text::js_append_upper(out, s); }
void append_lower(std::string& out, std::string_view s) { text::js_append_lower(out, s); }
std::string_view to_upper(Runtime& rt, std::string_view s) { return map_case(rt, s, true); }
std::string_view to_lower(Runtime& rt, std::string_view s) { return map_case(rt, s, false); }

}  // namespace unjucks::tpl::filters
