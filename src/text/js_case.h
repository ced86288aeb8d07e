// JavaScript's String.prototype.toUpperCase / toLowerCase on UTF-8 text: full Unicode mappings
// (ß -> SS, İ -> i̇), the final sigma rule, and Node's Unicode version where utf8proc's is older.
// Invalid bytes map as U+FFFD.
#pragma once

#include <string>
#include <string_view>

namespace unjucks::text {

void js_append_upper(std::string& out, std::string_view s);
void js_append_lower(std::string& out, std::string_view s);
std::string js_to_upper(std::string_view s);
std::string js_to_lower(std::string_view s);

}  // namespace unjucks::text
