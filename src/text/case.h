// Case conversions with the semantics of the npm `change-case` package (v4).
//
// Every function splits its input with split_words() and joins the words:
//   camel_case("HTTPServer")      == "httpServer"
//   pascal_case("hello_world")    == "HelloWorld"
//   kebab_case("HelloWorld")      == "hello-world"
//   snake_case("helloWorld")      == "hello_world"
//   constant_case("helloWorld")   == "HELLO_WORLD"
//   title_case("hello_world")     == "Hello World"
//   sentence_case("helloWorld")   == "Hello world"
//   dot_case("helloWorld")        == "hello.world"
//   path_case("helloWorld")       == "hello/world"
// In camel/pascal case a word (other than the first) that starts with a digit
// is joined with "_" as change-case v4 does: camel_case("version 2 alpha") ==
// "version_2Alpha". The other functions need no such rule:
// sentence_case("version 2 alpha") == "Version 2 alpha".
#pragma once

#include <string>
#include <string_view>

namespace unjucks::text {

std::string camel_case(std::string_view s);
std::string pascal_case(std::string_view s);
std::string kebab_case(std::string_view s);  // a.k.a. param-case
std::string snake_case(std::string_view s);
std::string constant_case(std::string_view s);
std::string title_case(std::string_view s);  // change-case's capitalCase
std::string sentence_case(std::string_view s);
std::string dot_case(std::string_view s);
std::string path_case(std::string_view s);

}  // namespace unjucks::text
