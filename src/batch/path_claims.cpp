#include "batch/path_claims.h"

#include <cstring>

namespace unjucks::batch {
namespace {

constexpr size_t kInitialSlots = 1024;

uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

}  // namespace

uint64_t PathClaims::fingerprint(std::string_view path) {
  // FNV-1a over the bytes, then a finalizer so every bit depends on every byte; 0 is "empty".
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : path) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  h = mix(h ^ path.size());
  return h == 0 ? 1 : h;
}

void PathClaims::grow() {
  std::vector<uint64_t> old_keys = std::move(keys_);
  std::vector<uint32_t> old_lines = std::move(records_);
  size_t slots = old_keys.empty() ? kInitialSlots : old_keys.size() * 2;
  keys_.assign(slots, 0);
  records_.assign(slots, 0);
  for (size_t i = 0; i < old_keys.size(); ++i) {
    if (old_keys[i] == 0) continue;
    size_t mask = slots - 1;
    size_t j = old_keys[i] & mask;
    while (keys_[j] != 0) j = (j + 1) & mask;
    keys_[j] = old_keys[i];
    records_[j] = old_lines[i];
  }
}

bool PathClaims::claim(const std::vector<std::string>& paths, uint64_t record,
                       uint64_t* other_record, std::string* path) {
  uint32_t record32 = record > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(record);
  std::lock_guard<std::mutex> lock(mutex_);
  if (keys_.empty()) grow();
  size_t mask = keys_.size() - 1;
  for (const std::string& p : paths) {
    uint64_t fp = fingerprint(p);
    for (size_t j = fp & mask; keys_[j] != 0; j = (j + 1) & mask) {
      if (keys_[j] == fp && records_[j] != record32) {
        *other_record = records_[j];
        *path = p;
        return false;
      }
    }
  }
  for (const std::string& p : paths) {
    uint64_t fp = fingerprint(p);
    // Keep the load at or under 3/4: linear probing stays short.
    if ((count_ + 1) * 4 > keys_.size() * 3) grow();
    mask = keys_.size() - 1;
    size_t j = fp & mask;
    bool present = false;
    for (; keys_[j] != 0; j = (j + 1) & mask) {
      if (keys_[j] == fp) {
        present = true;
        break;
      }
    }
    if (present) continue;
    keys_[j] = fp;
    records_[j] = record32;
    ++count_;
  }
  return true;
}

size_t PathClaims::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return count_;
}

size_t PathClaims::memory_bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return keys_.capacity() * sizeof(uint64_t) + records_.capacity() * sizeof(uint32_t);
}

std::string PathClaims::serialize() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  out.reserve(count_ * 12);
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == 0) continue;
    char buf[12];
    std::memcpy(buf, &keys_[i], 8);
    std::memcpy(buf + 8, &records_[i], 4);
    out.append(buf, 12);
  }
  return out;
}

bool PathClaims::deserialize(std::string_view bytes) {
  if (bytes.size() % 12 != 0) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  keys_.clear();
  records_.clear();
  count_ = 0;
  grow();
  for (size_t off = 0; off < bytes.size(); off += 12) {
    uint64_t fp;
    uint32_t rec;
    std::memcpy(&fp, bytes.data() + off, 8);
    std::memcpy(&rec, bytes.data() + off + 8, 4);
    if (fp == 0) return false;
    if ((count_ + 1) * 4 > keys_.size() * 3) grow();
    size_t mask = keys_.size() - 1;
    size_t j = fp & mask;
    while (keys_[j] != 0 && keys_[j] != fp) j = (j + 1) & mask;
    if (keys_[j] == 0) ++count_;
    keys_[j] = fp;
    records_[j] = rec;
  }
  return true;
}

}  // namespace unjucks::batch
