#include "template/output.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

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

void Output::write_escaped(std::string_view s) {
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    std::string_view rep;
    switch (s[i]) {
      case '&':
        rep = "&amp;";
        break;
      case '"':
        rep = "&quot;";
        break;
      case '\'':
        rep = "&#39;";
        break;
      case '<':
        rep = "&lt;";
        break;
      case '>':
        rep = "&gt;";
        break;
      case '\\':
        rep = "&#92;";
        break;
      default:
        continue;
    }
    write(s.substr(start, i - start));
    write(rep);
    start = i + 1;
  }
  write(s.substr(start));
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
