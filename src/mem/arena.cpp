#include "mem/arena.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace unjucks::mem {

Arena::~Arena() { release(); }

Arena::Arena(Arena&& other) noexcept { *this = std::move(other); }

Arena& Arena::operator=(Arena&& other) noexcept {
  if (this != &other) {
    release();
    head_ = std::exchange(other.head_, nullptr);
    cur_ = std::exchange(other.cur_, nullptr);
    end_ = std::exchange(other.end_, nullptr);
    next_chunk_size_ = other.next_chunk_size_;
    reserved_ = std::exchange(other.reserved_, 0);
    used_before_head_ = std::exchange(other.used_before_head_, 0);
    resets_ = other.resets_;
  }
  return *this;
}

void* Arena::allocate_slow(size_t size, size_t align) {
  size_t need = size + align;
  size_t chunk_size = std::max(next_chunk_size_, need);
  if (limit_ != 0 && reserved_ + sizeof(Chunk) + chunk_size > limit_) {
    chunk_size = need;  // the smallest chunk that serves, before giving up
    if (need > limit_ || reserved_ + sizeof(Chunk) + chunk_size > limit_) {
      throw ArenaLimitExceeded(limit_);
    }
  }
  void* raw = std::malloc(sizeof(Chunk) + chunk_size);
  if (raw == nullptr) throw std::bad_alloc();
  if (head_ != nullptr) used_before_head_ += static_cast<size_t>(cur_ - head_->data());
  Chunk* c = static_cast<Chunk*>(raw);
  c->prev = head_;
  c->size = chunk_size;
  head_ = c;
  cur_ = c->data();
  end_ = cur_ + chunk_size;
  reserved_ += sizeof(Chunk) + chunk_size;
  next_chunk_size_ = std::min<size_t>(chunk_size * 2, size_t{64} << 20);
  return allocate(size, align);
}

void* Arena::allocate_growable(size_t size) {
  if (cur_ != nullptr && size <= static_cast<size_t>(end_ - cur_)) return allocate(size, 1);
  size_t room = size <= SIZE_MAX / 2 ? size * 2 : size;
  char* p;
  try {
    p = static_cast<char*>(allocate_slow(room, 1));
  } catch (const ArenaLimitExceeded&) {
    return allocate(size, 1);
  }
  cur_ = p + size;  // the rest of the room stays free, for try_grow
  return p;
}

void Arena::rewind(Mark m) {
  if (m.chunk == nullptr) {
    reset();
    return;
  }
  // Free chunks newer than the mark's chunk; keep the mark's chunk.
  while (head_ != nullptr && head_ != m.chunk) {
    Chunk* prev = head_->prev;
    reserved_ -= sizeof(Chunk) + head_->size;
    std::free(head_);
    head_ = prev;
  }
  if (head_ == nullptr) {  // mark not found: should not happen
    cur_ = end_ = nullptr;
    used_before_head_ = 0;
    return;
  }
  used_before_head_ = m.used_before;
  cur_ = m.cur;
  end_ = head_->data() + head_->size;
}

void Arena::reset() {
  ++resets_;
  if (head_ == nullptr) return;
  Chunk* largest = head_;
  for (Chunk* c = head_; c != nullptr; c = c->prev)
    if (c->size > largest->size) largest = c;
  for (Chunk* c = head_; c != nullptr;) {
    Chunk* prev = c->prev;
    if (c != largest) {
      reserved_ -= sizeof(Chunk) + c->size;
      std::free(c);
    }
    c = prev;
  }
  largest->prev = nullptr;
  head_ = largest;
  cur_ = largest->data();
  end_ = cur_ + largest->size;
  used_before_head_ = 0;
}

void Arena::release() {
  for (Chunk* c = head_; c != nullptr;) {
    Chunk* prev = c->prev;
    std::free(c);
    c = prev;
  }
  head_ = nullptr;
  cur_ = end_ = nullptr;
  reserved_ = 0;
  used_before_head_ = 0;
}

size_t Arena::used() const {
  return used_before_head_ + (head_ ? static_cast<size_t>(cur_ - head_->data()) : 0);
}

}  // namespace unjucks::mem
