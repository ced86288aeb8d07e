// The npm package inflection 1.13.4, as Hygen 6.2.11 hands it to templates (h.inflection), with
// its results byte for byte, quirks included: pluralize("API") is "APIs", singularize("cactus")
// is "cactu", pluralize("person") is "people" but pluralize("Person") is "People" too, since its
// rules are case-insensitive regular expressions (ASCII letters only, as JavaScript's /i without
// /u) applied to the whole string. The native filters (text/inflect.h) are a different design.
//
// All functions take and return UTF-8; "first character" means the first UTF-16 code unit, as
// in the package (a character outside the BMP is left as it is). Case mapping is JavaScript's.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace unjucks::text::inflection {

std::string pluralize(std::string_view s);
std::string singularize(std::string_view s);
// camelize("message_properties") == "MessageProperties"; '/' -> "::"; only '_' splits.
std::string camelize(std::string_view s, bool low_first_letter = false);
// underscore("MessageProperties") == "message_properties"; with all_upper_case an all-caps
// string is returned as it is.
std::string underscore(std::string_view s, bool all_upper_case = false);
std::string humanize(std::string_view s, bool low_first_letter = false);
std::string capitalize(std::string_view s);
std::string dasherize(std::string_view s);
std::string titleize(std::string_view s);
std::string demodulize(std::string_view s);
std::string tableize(std::string_view s);
std::string classify(std::string_view s);
std::string foreign_key(std::string_view s, bool drop_id_ubar = false);
std::string ordinalize(std::string_view s);
// Hygen's addition: "foo-bar_baz" -> "FooBarBaz". nullopt where Hygen throws (an empty part:
// "", "a--b", "a-").
std::optional<std::string> undasherize(std::string_view s);
// True for the uncountable words the package knows ("sheep", "information"), compared lower-case.
bool uncountable(std::string_view s);

}  // namespace unjucks::text::inflection
