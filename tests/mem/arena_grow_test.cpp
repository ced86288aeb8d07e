// Growing the block allocated last in place (Arena::try_grow) and allocating a block meant to
// grow (Arena::allocate_growable): how string appends stay linear in memory.
#include <gtest/gtest.h>

#include <cstring>
#include <string_view>

#include "mem/arena.h"

namespace unjucks::mem {
namespace {

TEST(ArenaGrow, OnlyTheLastBlockGrowsAndOnlyWithinItsChunk) {
  Arena a(1024);
  char* first = static_cast<char*>(a.allocate(10, 1));
  std::memcpy(first, "0123456789", 10);
  size_t used = a.used();
  EXPECT_TRUE(a.try_grow(first, 10, 20));
  EXPECT_EQ(a.used(), used + 10);
  EXPECT_EQ(std::string_view(first, 10), "0123456789") << "the bytes already there stay";
  // The next allocation starts after the grown block.
  char* second = static_cast<char*>(a.allocate(4, 1));
  EXPECT_EQ(second, first + 20);
  // `first` no longer ends at the top: it cannot grow over `second`.
  EXPECT_FALSE(a.try_grow(first, 20, 30));
  // Shrinking is not growing; a block that does not end at the top never grows.
  EXPECT_FALSE(a.try_grow(second, 4, 3));
  EXPECT_FALSE(a.try_grow(first, 10, 11));
  // No more than the chunk holds.
  EXPECT_FALSE(a.try_grow(second, 4, 4 + 4096));
  EXPECT_TRUE(a.try_grow(second, 4, 4));
}

TEST(ArenaGrow, AGrowableBlockInANewChunkHasRoomToDouble) {
  Arena a(64);
  a.allocate(60, 1);  // the first chunk is nearly full
  char* p = static_cast<char*>(a.allocate_growable(1000));
  size_t used = a.used();
  EXPECT_TRUE(a.try_grow(p, 1000, 1900)) << "the new chunk keeps room for about 1000 more";
  EXPECT_EQ(a.used(), used + 900);
  // When a block fits where the arena is, it goes there (no new chunk).
  size_t reserved = a.reserved();
  a.allocate_growable(8);
  EXPECT_EQ(a.reserved(), reserved);
}

TEST(ArenaGrow, NearTheLimitAGrowableBlockIsExact) {
  Arena a(64);
  a.set_limit(3000);
  a.allocate(60, 1);
  // Twice 1400 does not fit under 3000 bytes with the first chunk; 1400 alone does.
  char* p = static_cast<char*>(a.allocate_growable(1400));
  ASSERT_NE(p, nullptr);
  EXPECT_LE(a.reserved(), 3000u);
  EXPECT_THROW(a.allocate_growable(4000), ArenaLimitExceeded);
}

// A string appended to 100,000 times: each append grows it in place or, when its chunk is full,
// copies it once into a chunk with room to double, so the arena holds a small multiple of the
// result (it was the sum of all the intermediate lengths).
TEST(ArenaGrow, RepeatedAppendsCostLinearMemory) {
  Arena a(256);
  size_t len = 1;
  char* s = static_cast<char*>(a.allocate_growable(1));
  s[0] = 'x';
  for (int i = 0; i < 100000; ++i) {
    if (!a.try_grow(s, len, len + 1)) {
      char* t = static_cast<char*>(a.allocate_growable(len + 1));
      std::memcpy(t, s, len);
      s = t;
    }
    s[len++] = 'x';
  }
  EXPECT_EQ(len, 100001u);
  EXPECT_EQ(std::string_view(s, len).find_first_not_of('x'), std::string_view::npos);
  EXPECT_LT(a.reserved(), 8 * len);
}

}  // namespace
}  // namespace unjucks::mem
