#include "text/did_you_mean.h"

#include <algorithm>
#include <numeric>

namespace unjucks::text {
namespace {

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_folded(std::string_view s, std::string_view prefix) {
  if (prefix.size() > s.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (fold(s[i]) != fold(prefix[i])) return false;
  }
  return true;
}

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic-programming table: two back for the swap of neighbours.
  const size_t n = b.size();
  std::vector<size_t> before(n + 1), prev(n + 1), cur(n + 1);
  std::iota(prev.begin(), prev.end(), size_t{0});
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= n; ++j) {
      const bool same = fold(a[i - 1]) == fold(b[j - 1]);
      size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1])) {
        d = std::min(d, before[j - 2] + 1);
      }
      cur[j] = d;
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[n];
}

std::vector<std::string> suggest(std::string_view word,
                                 const std::vector<std::string_view>& candidates,
                                 const SuggestOptions& options) {
  struct Scored {
    size_t score;
    size_t index;
  };
  std::vector<Scored> close;
  const size_t limit = std::max<size_t>(1, (word.size() + 2) / 3);
  for (size_t i = 0; i < candidates.size(); ++i) {
    std::string_view c = candidates[i];
    if (c == word || c.empty()) continue;
    // A candidate listed twice (a name in two sets) is suggested once.
    bool seen = false;
    for (const Scored& s : close) seen = seen || candidates[s.index] == c;
    if (seen) continue;
    size_t d = edit_distance(word, c);
    bool near = d == 0 || (d <= limit && d < std::max(word.size(), c.size()));
    if (options.prefixes && word.size() >= 2 && starts_with_folded(c, word)) {
      d = std::min<size_t>(d, 1);
      near = true;
    }
    if (near) close.push_back({d, i});
  }
  if (close.empty()) return {};
  // By distance, then length, then candidate order (a total order: no stable sort, whose
  // temporary buffer is not worth an allocation here).
  std::sort(close.begin(), close.end(), [&](const Scored& x, const Scored& y) {
    size_t lx = candidates[x.index].size(), ly = candidates[y.index].size();
    if (x.score != y.score) return x.score < y.score;
    if (lx != ly) return lx < ly;
    return x.index < y.index;
  });
  std::vector<std::string> out;
  for (const Scored& s : close) {
    if (s.score != close.front().score || out.size() >= options.max_results) break;
    out.emplace_back(candidates[s.index]);
  }
  return out;
}

std::vector<std::string> suggest(std::string_view word, const std::vector<std::string>& candidates,
                                 const SuggestOptions& options) {
  std::vector<std::string_view> views(candidates.begin(), candidates.end());
  return suggest(word, views, options);
}

std::string did_you_mean(const std::vector<std::string>& suggestions, std::string_view prefix) {
  if (suggestions.empty()) return "";
  std::string out = "did you mean ";
  for (size_t i = 0; i < suggestions.size(); ++i) {
    if (i > 0) out += i + 1 == suggestions.size() ? " or " : ", ";
    out += '"';
    out += prefix;
    out += suggestions[i];
    out += '"';
  }
  out += '?';
  return out;
}

}  // namespace unjucks::text
