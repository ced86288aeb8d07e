#include "cli/text_diff.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

namespace unjucks::cli {

namespace {

// Lines with their '\n' (the last one may have none).
std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  while (!s.empty()) {
    size_t nl = s.find('\n');
    size_t n = nl == std::string_view::npos ? s.size() : nl + 1;
    lines.push_back(s.substr(0, n));
    s.remove_prefix(n);
  }
  return lines;
}

// Moves `i` back to the start of a UTF-8 sequence.
size_t char_start(std::string_view s, size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

void add_lines(std::string& out, const std::vector<std::string_view>& lines, size_t from, size_t to,
               const char* mark, size_t max_lines, size_t center) {
  size_t shown = 0;
  for (size_t i = from; i < to; ++i) {
    if (shown == max_lines) {
      out += "  ";
      out += mark;
      out += " ... " + std::to_string(to - i) + " more line(s)\n";
      return;
    }
    out += "  ";
    out += mark;
    out += ' ';
    out += json_quoted_window(lines[i], center, 200);
    out += '\n';
    ++shown;
  }
}

}  // namespace

std::string json_quoted(std::string_view text) {
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string json_quoted_window(std::string_view text, size_t center, size_t width) {
  if (text.size() <= width) return json_quoted(text);
  size_t begin = char_start(text, center > width / 4 ? center - width / 4 : 0);
  size_t end = char_start(text, std::min(text.size(), begin + width));
  std::string out;
  if (begin > 0) out += "... " + std::to_string(begin) + " bytes ... ";
  out += json_quoted(text.substr(begin, end - begin));
  if (end < text.size()) out += " ... " + std::to_string(text.size() - end) + " bytes ...";
  return out;
}

std::string line_diff(std::string_view expected, std::string_view actual, size_t context,
                      size_t max_lines) {
  size_t byte = 0;
  size_t common = std::min(expected.size(), actual.size());
  while (byte < common && expected[byte] == actual[byte]) ++byte;
  size_t line =
      1 + static_cast<size_t>(std::count(expected.begin(), expected.begin() + byte, '\n'));
  size_t line_start = expected.rfind('\n', byte == 0 ? std::string_view::npos : byte - 1);
  size_t col = byte - (line_start == std::string_view::npos || byte == 0 ? 0 : line_start + 1) + 1;

  std::string out = "first difference at byte " + std::to_string(byte) + " (line " +
                    std::to_string(line) + ", column " + std::to_string(col) + "); expected " +
                    std::to_string(expected.size()) + " bytes, got " +
                    std::to_string(actual.size()) + "\n";

  std::vector<std::string_view> a = split_lines(expected);
  std::vector<std::string_view> b = split_lines(actual);
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  size_t before = prefix - std::min(prefix, context);
  // Long lines are shown around the column of the first difference.
  size_t center = col - 1;
  add_lines(out, a, before, prefix, " ", context, center);
  add_lines(out, a, prefix, a.size() - suffix, "-", max_lines, center);
  add_lines(out, b, prefix, b.size() - suffix, "+", max_lines, center);
  add_lines(out, a, a.size() - suffix, std::min(a.size(), a.size() - suffix + context), " ",
            context, center);
  return out;
}

}  // namespace unjucks::cli
