#include "template/output.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace unjucks::tpl {

void Output::write_slow(std::string_view s) {
  while (!s.empty()) {
    if (size_ == cap_) overflow(s.size());
    size_t n = std::min(s.size(), cap_ - size_);
    std::memcpy(buf_ + size_, s.data(), n);
    size_ += n;
    s.remove_prefix(n);
  }
}

namespace {
// 0: copy as is; otherwise the index of the replacement.
struct EscapeTable {
  unsigned char index[256] = {};
  constexpr EscapeTable() {
    index[static_cast<unsigned char>('&')] = 1;
    index[static_cast<unsigned char>('"')] = 2;
    index[static_cast<unsigned char>('\'')] = 3;
    index[static_cast<unsigned char>('<')] = 4;
    index[static_cast<unsigned char>('>')] = 5;
    index[static_cast<unsigned char>('\\')] = 6;
  }
};
constexpr EscapeTable kEscapeTable;
constexpr std::string_view kEscapes[] = {"", "&amp;", "&quot;", "&#39;", "&lt;", "&gt;", "&#92;"};
}  // namespace

bool needs_escaping(std::string_view s) {
  for (char c : s) {
    if (kEscapeTable.index[static_cast<unsigned char>(c)] != 0) return true;
  }
  return false;
}

void Output::write_escaped(std::string_view s) {
  const char* p = s.data();
  const char* end = p + s.size();
  const char* run = p;
#if defined(__SSE2__)
  // 16 bytes at a time: find the next byte that needs escaping. The tail shorter than 16
  // bytes is copied into a zero-padded block so short strings take one step too.
  const __m128i amp = _mm_set1_epi8('&'), quot = _mm_set1_epi8('"'), apos = _mm_set1_epi8('\''),
                lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>'), bs = _mm_set1_epi8('\\');
  auto specials = [&](__m128i v) {
    __m128i m =
        _mm_or_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, quot)),
                                  _mm_or_si128(_mm_cmpeq_epi8(v, apos), _mm_cmpeq_epi8(v, lt))),
                     _mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(v, bs)));
    return static_cast<unsigned>(_mm_movemask_epi8(m));
  };
  while (p < end) {
    size_t left = static_cast<size_t>(end - p);
    unsigned mask;
    size_t step;
    if (left >= 16) {
      mask = specials(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
      step = 16;
    } else {
      alignas(16) char block[16] = {};
      std::memcpy(block, p, left);
      mask =
          specials(_mm_load_si128(reinterpret_cast<const __m128i*>(block))) & ((1u << left) - 1u);
      step = left;
    }
    if (mask == 0) {
      p += step;
      continue;
    }
    p += __builtin_ctz(mask);
    unsigned char k = kEscapeTable.index[static_cast<unsigned char>(*p)];
    write(std::string_view(run, static_cast<size_t>(p - run)));
    write(kEscapes[k]);
    run = ++p;
  }
#endif
  while (p < end) {
    unsigned char k = kEscapeTable.index[static_cast<unsigned char>(*p)];
    if (k == 0) {
      ++p;
      continue;
    }
    write(std::string_view(run, static_cast<size_t>(p - run)));
    write(kEscapes[k]);
    run = ++p;
  }
  write(std::string_view(run, static_cast<size_t>(end - run)));
}

StringOutput::StringOutput() {
  str_.resize(256);
  buf_ = str_.data();
  cap_ = str_.size();
}

void StringOutput::overflow(size_t need) {
  str_.resize(std::max(str_.size() * 2, size_ + need));
  buf_ = str_.data();
  cap_ = str_.size();
}

std::string StringOutput::take() {
  str_.resize(size_);
  std::string r = std::move(str_);
  str_.assign(256, '\0');
  buf_ = str_.data();
  cap_ = str_.size();
  size_ = 0;
  flushed_ = 0;
  return r;
}

FdOutput::FdOutput(int fd, char* buffer, size_t capacity) : fd_(fd) {
  buf_ = buffer;
  cap_ = capacity;
}

bool FdOutput::flush() {
  size_t off = 0;
  while (off < size_ && !failed_) {
    ssize_t w = ::write(fd_, buf_ + off, size_ - off);
    if (w < 0) {
      if (errno == EINTR) continue;
      failed_ = true;
      errno_ = errno;
      break;
    }
    off += static_cast<size_t>(w);
  }
  flushed_ += size_;
  size_ = 0;
  return !failed_;
}

void FdOutput::overflow(size_t) { flush(); }

ArenaOutput::ArenaOutput(mem::Arena& arena, size_t initial, uint64_t* growths)
    : arena_(arena), growths_(growths) {
  buf_ = static_cast<char*>(arena_.allocate(initial, 1));
  cap_ = initial;
}

void ArenaOutput::overflow(size_t need) {
  if (growths_ != nullptr) ++*growths_;
  size_t ncap = std::max(cap_ * 2, size_ + need);
  char* n = static_cast<char*>(arena_.allocate(ncap, 1));
  if (size_) std::memcpy(n, buf_, size_);
  buf_ = n;
  cap_ = ncap;
}

}  // namespace unjucks::tpl
