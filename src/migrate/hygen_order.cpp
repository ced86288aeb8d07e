#include "migrate/hygen_order.h"

#include <algorithm>
#include <array>

namespace unjucks::migrate {
namespace {

// ASCII in Node's localeCompare order; characters in one string are equal but for case.
constexpr std::string_view kOrder[] = {
    " ",  "_",  "-",  ",",  ";",  ":",  "!",  "?",  ".",  "'",  "\"", "(",  ")",  "[",
    "]",  "{",  "}",  "@",  "*",  "/",  "\\", "&",  "#",  "%",  "`",  "^",  "+",  "<",
    "=",  ">",  "|",  "~",  "$",  "0",  "1",  "2",  "3",  "4",  "5",  "6",  "7",  "8",
    "9",  "aA", "bB", "cC", "dD", "eE", "fF", "gG", "hH", "iI", "jJ", "kK", "lL", "mM",
    "nN", "oO", "pP", "qQ", "rR", "sS", "tT", "uU", "vV", "wW", "xX", "yY", "zZ"};

struct Weights {
  std::array<int, 256> primary{};
  std::array<int, 256> tertiary{};
  Weights() {
    int n = static_cast<int>(std::size(kOrder));
    for (int b = 0; b < 256; ++b) primary[static_cast<size_t>(b)] = n + b;  // after the letters
    for (int i = 0; i < n; ++i) {
      for (size_t j = 0; j < kOrder[i].size(); ++j) {
        auto c = static_cast<unsigned char>(kOrder[i][j]);
        primary[c] = i;
        tertiary[c] = static_cast<int>(j);
      }
    }
  }
};

const Weights& weights() {
  static const Weights w;
  return w;
}

}  // namespace

int hygen_compare(std::string_view a, std::string_view b) {
  const Weights& w = weights();
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    int pa = w.primary[static_cast<unsigned char>(a[i])];
    int pb = w.primary[static_cast<unsigned char>(b[i])];
    if (pa != pb) return pa < pb ? -1 : 1;
  }
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (size_t i = 0; i < n; ++i) {
    int ta = w.tertiary[static_cast<unsigned char>(a[i])];
    int tb = w.tertiary[static_cast<unsigned char>(b[i])];
    if (ta != tb) return ta < tb ? -1 : 1;
  }
  return 0;
}

}  // namespace unjucks::migrate
