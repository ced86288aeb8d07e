// JavaScript-style regular expressions (the anchors of `before`/`after` and `skip_if`), run by
// PCRE2 with options that match JavaScript's behaviour where they differ.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace unjucks::gen {

class JsRegex {
 public:
  // `flags` may hold i, m, s, u, g, y (g and y do not change a first-match search).
  // Returns nullptr with a message in `err` when the pattern does not compile.
  static std::unique_ptr<JsRegex> compile(std::string_view source, std::string_view flags,
                                          std::string* err);
  ~JsRegex();
  JsRegex(const JsRegex&) = delete;
  JsRegex& operator=(const JsRegex&) = delete;

  // The first match at or after `start`: its byte range in [begin, end).
  bool search(std::string_view subject, size_t start, size_t* begin, size_t* end) const;
  bool matches(std::string_view subject) const {
    size_t b, e;
    return search(subject, 0, &b, &e);
  }

 private:
  JsRegex() = default;
  void* code_ = nullptr;        // pcre2_code_8*
  void* match_data_ = nullptr;  // pcre2_match_data_8*
};

}  // namespace unjucks::gen
