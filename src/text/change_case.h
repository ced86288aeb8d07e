// The functions of the npm package change-case 3.1.0, as Hygen 6.2.11 hands them to templates
// (h.changeCase.*), with their results byte for byte, quirks included.
//
// Unlike the native filters (text/case.h, change-case v4 style), these follow no-case 2.3.2:
//  * words split where a lower-case letter or a number meets an upper-case letter (`fooBar`,
//    `v2Alpha`) and before the last of several upper-case letters followed by a lower-case one
//    (`XMLHttp` -> `XML Http`); every run of characters that are neither letters nor numbers
//    becomes one separator, dropped at both ends. Letters and numbers are those of Unicode 8.0
//    in the Basic Multilingual Plane (the package's regular expressions work on UTF-16 code
//    units): a letter outside it (`𝐀`), or one added to Unicode after 8.0, separates words.
//  * camel/pascal join a word that starts with a digit with `_` (`version 2` -> `version_2`)
//    unless merge_numbers is set.
//  * the case mapping is JavaScript's (toUpperCase / toLowerCase, text/js_case.h), with the
//    package's special rules for the locales "tr", "az" and "lt" (other locales change nothing).
//  * functions that touch the first character (ucFirst, lcFirst, sentence, pascal, swap) work on
//    the first UTF-16 code unit: a character outside the BMP stays as it is.
#pragma once

#include <string>
#include <string_view>

namespace unjucks::text::change_case {

std::string upper(std::string_view s, std::string_view locale = {});
std::string lower(std::string_view s, std::string_view locale = {});
// no-case: words lower-cased and joined with `replacement`.
std::string no(std::string_view s, std::string_view locale = {},
               std::string_view replacement = " ");
std::string dot(std::string_view s, std::string_view locale = {});
std::string path(std::string_view s, std::string_view locale = {});
std::string snake(std::string_view s, std::string_view locale = {});
std::string param(std::string_view s, std::string_view locale = {});  // kebab, hyphen
std::string camel(std::string_view s, std::string_view locale = {}, bool merge_numbers = false);
std::string pascal(std::string_view s, std::string_view locale = {}, bool merge_numbers = false);
std::string title(std::string_view s, std::string_view locale = {});
std::string header(std::string_view s, std::string_view locale = {});
std::string constant(std::string_view s, std::string_view locale = {});
std::string sentence(std::string_view s, std::string_view locale = {});
std::string swap(std::string_view s, std::string_view locale = {});
std::string uc_first(std::string_view s, std::string_view locale = {});
std::string lc_first(std::string_view s, std::string_view locale = {});
bool is_upper(std::string_view s, std::string_view locale = {});
bool is_lower(std::string_view s, std::string_view locale = {});

}  // namespace unjucks::text::change_case
