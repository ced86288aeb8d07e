// Where rendered text goes. One buffer type with an overflow hook: a string, a file written in
// chunks, or a capture in the render arena (set blocks, macros, caller). The hot path is an
// inline memcpy; the virtual call happens only when the buffer is full.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "mem/arena.h"

namespace unjucks::tpl {

// Where the text of one `{{ ... }}` went in a sink: bytes [begin, end) of what it received.
struct ValueSpan {
  size_t begin = 0;
  size_t end = 0;
  bool operator==(const ValueSpan&) const = default;
};

class Output {
 public:
  void write(std::string_view s) {
    if (s.size() <= cap_ - size_) {
      if (!s.empty()) std::memcpy(buf_ + size_, s.data(), s.size());
      size_ += s.size();
    } else {
      write_slow(s);
    }
  }
  void put(char c) {
    if (size_ == cap_) overflow(1);
    buf_[size_++] = c;
  }
  // HTML-escapes as Nunjucks does: & " ' < > and backslash.
  void write_escaped(std::string_view s);
  // Bytes written through this sink so far.
  size_t total() const { return flushed_ + size_; }
  // When set, the renderer appends where the output of each `{{ ... }}` written straight into
  // this sink went (not what a capture, a macro or a set block took in first: those arrive as
  // the output of the expression that prints them). The generator keeps values apart from the
  // frontmatter's structure with it.
  void record_values(std::vector<ValueSpan>* spans) { value_spans_ = spans; }
  std::vector<ValueSpan>* value_spans() const { return value_spans_; }

 protected:
  Output() = default;
  virtual ~Output() = default;
  // Makes room for at least `need` more bytes (flushes or grows). May leave less than `need`
  // room only if it flushed everything (then the caller writes in pieces).
  virtual void overflow(size_t need) = 0;

  char* buf_ = nullptr;
  size_t size_ = 0;
  size_t cap_ = 0;
  size_t flushed_ = 0;

 private:
  void write_slow(std::string_view s);
  std::vector<ValueSpan>* value_spans_ = nullptr;
};

// True when write_escaped would change `s` (it has one of & " ' < > or backslash).
bool needs_escaping(std::string_view s);

// Collects into a std::string (for callers that ask for a string).
class StringOutput final : public Output {
 public:
  StringOutput();
  ~StringOutput() override = default;
  std::string_view view() const { return {buf_, size_}; }
  std::string take();
  void clear() { size_ = 0; }

 private:
  void overflow(size_t need) override;
  std::string str_;
};

// Writes to a file descriptor in chunks through a fixed buffer (64 KiB by default).
// Errors are remembered and reported by flush().
class FdOutput final : public Output {
 public:
  FdOutput(int fd, char* buffer, size_t capacity);
  ~FdOutput() override = default;
  // Writes out what is buffered; returns false (errno set) if any write failed.
  bool flush();
  bool failed() const { return failed_; }
  int error() const { return errno_; }

 private:
  void overflow(size_t need) override;
  int fd_;
  bool failed_ = false;
  int errno_ = 0;
};

// A capture in an arena: grows by moving to a bigger arena block. Each growth bumps
// `*growths` (when given) so the renderer knows the arena holds something that must survive.
class ArenaOutput final : public Output {
 public:
  explicit ArenaOutput(mem::Arena& arena, size_t initial = 256, uint64_t* growths = nullptr);
  ~ArenaOutput() override = default;
  std::string_view view() const { return {buf_, size_}; }

 private:
  void overflow(size_t need) override;
  mem::Arena& arena_;
  uint64_t* growths_;
};

// Throws everything away (imports render their template only for its exports).
class DiscardOutput final : public Output {
 public:
  DiscardOutput() {
    buf_ = scratch_;
    cap_ = sizeof scratch_;
  }
  ~DiscardOutput() override = default;

 private:
  void overflow(size_t) override {
    flushed_ += size_;
    size_ = 0;
  }
  char scratch_[512];
};

}  // namespace unjucks::tpl
