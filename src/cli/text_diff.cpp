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

std::string unified_diff(std::string_view before, std::string_view after,
                         const std::string& from_name, const std::string& to_name, size_t context,
                         size_t max_lines) {
  if (before == after) return "";
  std::vector<std::string_view> a = split_lines(before), b = split_lines(after);
  // The edit script: ' ' kept, '-' removed (from a), '+' added (from b), by the longest common
  // subsequence of lines (quadratic; large texts are shown as replaced whole).
  struct Op {
    char kind;
    size_t ai, bi;
  };
  std::vector<Op> ops;
  if (a.size() <= max_lines && b.size() <= max_lines) {
    std::vector<std::vector<uint32_t>> lcs(a.size() + 1, std::vector<uint32_t>(b.size() + 1, 0));
    for (size_t i = a.size(); i-- > 0;) {
      for (size_t j = b.size(); j-- > 0;) {
        lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a[i] == b[j]) {
        ops.push_back({' ', i++, j++});
      } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] > lcs[i + 1][j])) {
        ops.push_back({'+', i, j++});
      } else {
        ops.push_back({'-', i++, j});
      }
    }
  } else {
    for (size_t i = 0; i < a.size(); ++i) ops.push_back({'-', i, 0});
    for (size_t j = 0; j < b.size(); ++j) ops.push_back({'+', a.size(), j});
  }
  std::string out = "--- " + from_name + "\n+++ " + to_name + "\n";
  auto line = [&](char kind, std::string_view text) {
    out += kind;
    out.append(text);
    if (!text.ends_with('\n')) out += "\n\\ No newline at end of file\n";
  };
  size_t k = 0;
  while (k < ops.size()) {
    if (ops[k].kind == ' ') {
      ++k;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` after the last change that
    // is at most 2 * context kept lines further.
    size_t start = k >= context ? k - context : 0;
    while (start < k && ops[start].kind != ' ') ++start;
    size_t end = k;
    for (size_t kept = 0; end < ops.size(); ++end) {
      kept = ops[end].kind == ' ' ? kept + 1 : 0;
      if (kept > 2 * context) break;
    }
    size_t stop = std::min(ops.size(), end);
    while (stop > k && ops[stop - 1].kind == ' ' && stop - 1 >= k) {
      size_t trailing = 0;
      for (size_t t = stop; t-- > k && ops[t].kind == ' ';) ++trailing;
      if (trailing <= context) break;
      --stop;
    }
    size_t a_from = ops[start].ai, b_from = ops[start].bi, a_n = 0, b_n = 0;
    for (size_t t = start; t < stop; ++t) {
      a_n += ops[t].kind != '+';
      b_n += ops[t].kind != '-';
    }
    out += "@@ -" + std::to_string(a_n ? a_from + 1 : a_from) + "," + std::to_string(a_n) + " +" +
           std::to_string(b_n ? b_from + 1 : b_from) + "," + std::to_string(b_n) + " @@\n";
    for (size_t t = start; t < stop; ++t) {
      line(ops[t].kind, ops[t].kind == '+' ? b[ops[t].bi] : a[ops[t].ai]);
    }
    k = stop;
  }
  return out;
}

}  // namespace unjucks::cli
