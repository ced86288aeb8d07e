#include "gen/js_regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace unjucks::gen {

std::unique_ptr<JsRegex> JsRegex::compile(std::string_view source, std::string_view flags,
                                          std::string* err) {
  uint32_t options = PCRE2_ALT_BSUX | PCRE2_MATCH_UNSET_BACKREF | PCRE2_ALLOW_EMPTY_CLASS |
                     PCRE2_DOLLAR_ENDONLY | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
  for (char f : flags) {
    switch (f) {
      case 'i':
        options |= PCRE2_CASELESS;
        break;
      case 'm':
        options |= PCRE2_MULTILINE;
        options &= ~PCRE2_DOLLAR_ENDONLY;
        break;
      case 's':
        options |= PCRE2_DOTALL;
        break;
      case 'u':
      case 'g':
      case 'y':
        break;
      default:
        *err = std::string("unknown regular expression flag '") + f + "'";
        return nullptr;
    }
  }
  int code = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* re = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(source.data()), source.size(),
                                 options, &code, &offset, nullptr);
  if (!re) {
    PCRE2_UCHAR buf[256];
    pcre2_get_error_message(code, buf, sizeof buf);
    *err = "invalid regular expression /" + std::string(source) +
           "/: " + reinterpret_cast<const char*>(buf) + " at offset " + std::to_string(offset);
    return nullptr;
  }
  std::unique_ptr<JsRegex> rx(new JsRegex());
  rx->code_ = re;
  rx->match_data_ = pcre2_match_data_create_from_pattern(re, nullptr);
  return rx;
}

JsRegex::~JsRegex() {
  pcre2_match_data_free(static_cast<pcre2_match_data*>(match_data_));
  pcre2_code_free(static_cast<pcre2_code*>(code_));
}

bool JsRegex::search(std::string_view subject, size_t start, size_t* begin, size_t* end) const {
  auto* md = static_cast<pcre2_match_data*>(match_data_);
  int rc =
      pcre2_match(static_cast<pcre2_code*>(code_), reinterpret_cast<PCRE2_SPTR>(subject.data()),
                  subject.size(), start, 0, md, nullptr);
  if (rc < 0) return false;
  PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
  *begin = ov[0];
  *end = ov[1];
  return true;
}

}  // namespace unjucks::gen
