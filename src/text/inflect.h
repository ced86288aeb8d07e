// English inflection in the manner of the npm `inflection` package (v1) and
// Rails' ActiveSupport::Inflector.
#pragma once

#include <string>
#include <string_view>

namespace unjucks::text {

// "person" -> "people", "box" -> "boxes", "users" -> "users" (already plural),
// "sheep" -> "sheep" (uncountable). The case of the input is preserved:
// "Person" -> "People", "PERSON" -> "PEOPLE".
std::string pluralize(std::string_view word);
// "people" -> "person", "statuses" -> "status", "user" -> "user".
std::string singularize(std::string_view word);

// "message_properties" -> "MessageProperties"; with lower_first:
// "messageProperties". As in inflection, '/' becomes "::"
// ("active_model/errors" -> "ActiveModel::Errors") and only '_' separates
// words ("hello-world" -> "Hello-world").
std::string camelize(std::string_view s, bool lower_first = false);
// "employee_salary" -> "Employee salary", "author_id" -> "Author".
std::string humanize(std::string_view s);
// "Héllo, Wörld!" -> "hello-world".
std::string slugify(std::string_view s);
// "user_accounts" -> "UserAccount".
std::string classify(std::string_view s);
// "UserAccount" -> "user_accounts".
std::string tableize(std::string_view s);

}  // namespace unjucks::text
