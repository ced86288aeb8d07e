#include "batch/shard.h"

#include <charconv>

namespace unjucks::batch {
namespace {

// splitmix64's finalizer: consecutive record numbers land on unrelated shards.
uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

bool parse_u32(std::string_view s, uint32_t* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

bool Shard::contains(uint64_t record_number) const {
  return count <= 1 || mix(record_number) % count == index - 1;
}

std::string Shard::text() const { return std::to_string(index) + "/" + std::to_string(count); }

bool parse_shard(std::string_view text, Shard* out, std::string* err) {
  size_t slash = text.find('/');
  Shard s;
  if (slash == std::string_view::npos || !parse_u32(text.substr(0, slash), &s.index) ||
      !parse_u32(text.substr(slash + 1), &s.count) || s.count == 0 || s.index == 0 ||
      s.index > s.count) {
    *err = "--shard wants K/N with 1 <= K <= N (e.g. --shard 2/8), not '" + std::string(text) + "'";
    return false;
  }
  *out = s;
  return true;
}

}  // namespace unjucks::batch
