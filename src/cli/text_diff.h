// Readable differences between an expected and an actual text, for test reports.
#pragma once

#include <string>
#include <string_view>

namespace unjucks::cli {

// The text as a JSON string literal (quotes, escapes; invalid UTF-8 replaced), so whitespace
// and control characters are visible.
std::string json_quoted(std::string_view text);
// The same for at most about `width` bytes of a long text, taken around byte `center`; the
// elisions are shown outside the quotes ("... 12 bytes ...").
std::string json_quoted_window(std::string_view text, size_t center = 0, size_t width = 400);

// A line diff: where the texts first differ (byte, line, column), then the differing lines with
// up to `context` unchanged lines around them, "-" for expected and "+" for actual, each line
// quoted with its newline (long lines: a window around the first difference). At most
// `max_lines` lines of each side are shown.
std::string line_diff(std::string_view expected, std::string_view actual, size_t context = 2,
                      size_t max_lines = 20);

// A unified diff (as `diff -u`) from `before` to `after`, with `context` unchanged lines around
// each change, under the headers "--- from_name" and "+++ to_name". Texts of more than
// `max_lines` lines are shown as all removed and all added. "" when the texts are equal.
std::string unified_diff(std::string_view before, std::string_view after,
                         const std::string& from_name, const std::string& to_name,
                         size_t context = 3, size_t max_lines = 2000);

}  // namespace unjucks::cli
