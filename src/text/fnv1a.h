// FNV-1a, 64 bits, over bytes: stable across runs, builds and platforms (std::hash promises
// neither), for names and keys that are stored or compared between runs (template cache keys,
// the batch's claims table, resume-state file names).
#pragma once

#include <cstdint>
#include <string_view>

namespace unjucks::text {

constexpr uint64_t fnv1a(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace unjucks::text
