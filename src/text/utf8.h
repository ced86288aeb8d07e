// UTF-8 helpers: validation, decoding, Unicode case mapping and sanitising.
//
// All functions are pure and take UTF-8 input as std::string_view. Functions
// that must cope with arbitrary bytes (to_upper, to_lower, utf16_length,
// sanitize_utf8) treat every invalid byte as U+FFFD.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace unjucks::text {

// The replacement character used for invalid sequences.
inline constexpr char32_t kReplacementChar = 0xFFFD;

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points
// above U+10FFFF).
bool valid_utf8(std::string_view s);

// One decoded code point: its value (U+FFFD for an invalid sequence), the byte
// offset where it starts and its encoded length in bytes. An invalid sequence
// covers its maximal invalid subpart (at least one byte, so decoding always
// makes progress), as the WHATWG decoder and Unicode 3.9 recommend.
struct CodePoint {
  char32_t value = 0;
  std::size_t offset = 0;
  std::size_t length = 0;
  bool valid = true;
};

// Decodes the code point starting at byte `offset` of `s` (offset < s.size()).
CodePoint decode_at(std::string_view s, std::size_t offset);

// Appends the UTF-8 encoding of `cp` to `out`. Invalid values (surrogates,
// > U+10FFFF) are encoded as U+FFFD.
void append_utf8(std::string& out, char32_t cp);

// Forward iteration over the code points of a UTF-8 string:
//   for (CodePoint cp : CodePoints(s)) ...
class CodePoints {
 public:
  class Iterator {
   public:
    using value_type = CodePoint;
    using difference_type = std::ptrdiff_t;

    Iterator() = default;
    Iterator(std::string_view s, std::size_t offset);

    const CodePoint& operator*() const { return current_; }
    const CodePoint* operator->() const { return &current_; }
    Iterator& operator++();
    Iterator operator++(int) {
      Iterator copy = *this;
      ++*this;
      return copy;
    }
    bool operator==(const Iterator& other) const {
      return current_.offset == other.current_.offset;
    }

   private:
    std::string_view s_;
    CodePoint current_;
  };

  explicit CodePoints(std::string_view s) : s_(s) {}
  Iterator begin() const { return Iterator(s_, 0); }
  Iterator end() const { return Iterator(s_, s_.size()); }

 private:
  std::string_view s_;
};

// Unicode simple case mapping of every code point (ASCII fast path). Invalid
// bytes become U+FFFD. One exception: ß upper-cases to "SS" (title-cases to
// "Ss") as in SpecialCasing.txt and JavaScript, not to utf8proc's U+1E9E.
std::string to_upper(std::string_view s);
std::string to_lower(std::string_view s);
// Title-case mapping of the first code point, the rest unchanged.
std::string upper_first(std::string_view s);
// Lower-case mapping of the first code point, the rest unchanged.
std::string lower_first(std::string_view s);

// Character classes of a single code point (utf8proc categories).
bool is_letter(char32_t cp);  // L*
bool is_upper(char32_t cp);   // Lu or Lt
bool is_lower(char32_t cp);   // Ll
bool is_mark(char32_t cp);    // M*
bool is_digit(char32_t cp);   // Nd
bool is_number(char32_t cp);  // N* (Nd, Nl, No)
bool is_alnum(char32_t cp);   // letter, mark or number

// Number of UTF-16 code units of `s` (what JavaScript's String#length gives).
// Invalid bytes count as one unit each (U+FFFD).
std::size_t utf16_length(std::string_view s);

// Copy of `s` with every invalid sequence replaced by U+FFFD (one per
// maximal invalid subpart, as the WHATWG decoder does).
std::string sanitize_utf8(std::string_view s);

}  // namespace unjucks::text
