// English inflection in the manner of the npm `inflection` package (v1) and
// Rails' ActiveSupport::Inflector. Intended differences from `inflection` are
// listed at the top of inflect.cpp.
#pragma once

#include <string>
#include <string_view>

namespace unjucks::text {

// "person" -> "people", "box" -> "boxes", "users" -> "users" (already plural),
// "sheep" -> "sheep" (uncountable). Only the last word of a compound changes
// ("user_account" -> "user_accounts", "SalesPerson" -> "SalesPeople"). The
// case of the input is preserved: "Person" -> "People", "PERSON" -> "PEOPLE"
// (an all-caps word of two or more letters stays all caps: "URL" -> "URLS",
// while "UserID" -> "UserIDs"). Input that does not end in a letter or digit
// is returned unchanged.
std::string pluralize(std::string_view word);
// "people" -> "person", "statuses" -> "status", "user" -> "user".
std::string singularize(std::string_view word);

// "message_properties" -> "MessageProperties"; with lower_first:
// "messageProperties". As in inflection, '/' becomes "::"
// ("active_model/errors" -> "ActiveModel::Errors") and only '_' separates
// words ("hello-world" -> "Hello-world").
std::string camelize(std::string_view s, bool lower_first = false);
// "employee_salary" -> "Employee salary", "author_id" -> "Author": lower-cased,
// a trailing "_id"/"_ids" dropped, '_' -> ' ', first letter capitalised.
std::string humanize(std::string_view s);
// "Héllo, Wörld!" -> "hello-world": NFKC with marks stripped and case folded
// (utf8proc), every run of non-letters/non-numbers -> one '-', trimmed.
// Letters without an ASCII base stay ("Łódź" -> "łodz", "日本" -> "日本").
std::string slugify(std::string_view s);
// singularize(camelize(s)): "user_accounts" -> "UserAccount".
std::string classify(std::string_view s);
// pluralize of the underscored words, "::" and '/' -> '/':
// "UserAccount" -> "user_accounts", "Admin::UserAccount" -> "admin/user_accounts".
std::string tableize(std::string_view s);

}  // namespace unjucks::text
