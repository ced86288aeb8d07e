#include "template/value/value.h"

#include <cstring>

namespace unjucks::tpl {

namespace {
uint64_t hash_key(std::string_view s) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}
}  // namespace

ArrayObj* ArrayObj::make(mem::Arena& arena, uint32_t reserve) {
  ArrayObj* a = arena.make<ArrayObj>();
  if (reserve) {
    a->items = static_cast<Value*>(arena.allocate(sizeof(Value) * reserve, alignof(Value)));
    a->cap = reserve;
  }
  return a;
}

void ArrayObj::grow(mem::Arena& arena) {
  uint32_t ncap = cap ? cap * 2 : 4;
  Value* n = static_cast<Value*>(arena.allocate(sizeof(Value) * ncap, alignof(Value)));
  if (size) std::memcpy(static_cast<void*>(n), items, sizeof(Value) * size);
  items = n;
  cap = ncap;
}

ObjectObj* ObjectObj::make(mem::Arena& arena, uint32_t reserve) {
  ObjectObj* o = arena.make<ObjectObj>();
  if (reserve) {
    o->entries = static_cast<Entry*>(arena.allocate(sizeof(Entry) * reserve, alignof(Entry)));
    o->cap = reserve;
  }
  return o;
}

const Value* ObjectObj::find(std::string_view key) const {
  if (index != nullptr) {
    uint32_t mask = index_cap - 1;
    for (uint32_t i = static_cast<uint32_t>(hash_key(key)) & mask;; i = (i + 1) & mask) {
      uint32_t slot = index[i];
      if (slot == 0) return nullptr;
      const Entry& e = entries[slot - 1];
      if (e.key == key) return &e.value;
    }
  }
  const size_t n = key.size();
  const char first = n ? key[0] : '\0';
  for (uint32_t i = 0; i < size; ++i) {
    const std::string_view k = entries[i].key;
    if (k.size() == n && (n == 0 || (k[0] == first && std::memcmp(k.data(), key.data(), n) == 0)))
      return &entries[i].value;
  }
  return nullptr;
}

// JavaScript lists "array index" keys (canonical integers below 2^32 - 1) first, in numeric
// order, then the other keys in insertion order.
bool ObjectObj::is_index_key(std::string_view k, uint64_t* value) {
  if (k.empty() || k.size() > 10 || (k.size() > 1 && k[0] == '0')) return false;
  uint64_t n = 0;
  for (char c : k) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  if (n >= 4294967295ull) return false;
  *value = n;
  return true;
}

void ObjectObj::set(mem::Arena& arena, std::string_view key, Value v) {
  if (Value* existing = const_cast<Value*>(find(key))) {
    *existing = v;
    return;
  }
  if (size == cap) grow(arena);
  uint64_t idx;
  if (is_index_key(key, &idx)) {
    // Insert among the leading index keys, in numeric order.
    uint32_t at = 0;
    uint64_t other;
    while (at < size && is_index_key(entries[at].key, &other) && other < idx) ++at;
    if (at < size) {
      std::memmove(static_cast<void*>(entries + at + 1), entries + at, sizeof(Entry) * (size - at));
      entries[at] = Entry{key, v};
      ++size;
      if (size >= kIndexFrom) rebuild_index(arena);
      return;
    }
  }
  entries[size] = Entry{key, v};
  ++size;
  if (size >= kIndexFrom) {
    if (index == nullptr || size * 2 > index_cap) {
      rebuild_index(arena);
    } else {
      uint32_t mask = index_cap - 1;
      uint32_t i = static_cast<uint32_t>(hash_key(key)) & mask;
      while (index[i] != 0) i = (i + 1) & mask;
      index[i] = size;
    }
  }
}

void ObjectObj::erase(std::string_view key) {
  for (uint32_t i = 0; i < size; ++i) {
    if (entries[i].key == key) {
      std::memmove(static_cast<void*>(entries + i), entries + i + 1, sizeof(Entry) * (size - i - 1));
      --size;
      if (index != nullptr) {
        // Rebuild in place: same capacity is enough after a removal.
        std::memset(index, 0, sizeof(uint32_t) * index_cap);
        uint32_t mask = index_cap - 1;
        for (uint32_t k = 0; k < size; ++k) {
          uint32_t j = static_cast<uint32_t>(hash_key(entries[k].key)) & mask;
          while (index[j] != 0) j = (j + 1) & mask;
          index[j] = k + 1;
        }
      }
      return;
    }
  }
}

void ObjectObj::grow(mem::Arena& arena) {
  uint32_t ncap = cap ? cap * 2 : 4;
  Entry* n = static_cast<Entry*>(arena.allocate(sizeof(Entry) * ncap, alignof(Entry)));
  if (size) std::memcpy(static_cast<void*>(n), entries, sizeof(Entry) * size);
  entries = n;
  cap = ncap;
}

void ObjectObj::rebuild_index(mem::Arena& arena) {
  uint32_t ncap = 32;
  while (ncap < size * 4) ncap *= 2;
  index = static_cast<uint32_t*>(arena.allocate(sizeof(uint32_t) * ncap, alignof(uint32_t)));
  std::memset(index, 0, sizeof(uint32_t) * ncap);
  index_cap = ncap;
  uint32_t mask = ncap - 1;
  for (uint32_t k = 0; k < size; ++k) {
    uint32_t j = static_cast<uint32_t>(hash_key(entries[k].key)) & mask;
    while (index[j] != 0) j = (j + 1) & mask;
    index[j] = k + 1;
  }
}

}  // namespace unjucks::tpl
