// Buffered byte-at-a-time input over a file descriptor or a string, with line counting: the
// base of the record readers. Reads `chunk` bytes at a time; holds one chunk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace unjucks::batch {

class ByteInput {
 public:
  // From a descriptor; closes it on destruction when `owns_fd`.
  ByteInput(int fd, bool owns_fd, size_t chunk);
  // From memory.
  explicit ByteInput(std::string data);
  ~ByteInput();
  ByteInput(const ByteInput&) = delete;
  ByteInput& operator=(const ByteInput&) = delete;

  // The next byte without consuming it; -1 at the end (or after an I/O error).
  int peek() {
    if (pos_ == end_ && !refill()) return -1;
    return static_cast<unsigned char>(data_[pos_]);
  }
  // Consumes and returns the next byte; -1 at the end. Counts lines ('\n').
  int get() {
    if (pos_ == end_ && !refill()) return -1;
    char c = data_[pos_++];
    ++consumed_;
    if (c == '\n') ++line_;
    return static_cast<unsigned char>(c);
  }
  uint64_t line() const { return line_; }  // 1-based line of the next byte
  uint64_t consumed() const { return consumed_; }
  const std::string& io_error() const { return io_error_; }
  // Skips a UTF-8 byte order mark at the very start.
  void skip_bom();

 private:
  bool refill();

  int fd_ = -1;
  bool owns_fd_ = false;
  std::unique_ptr<char[]> buffer_;
  size_t chunk_ = 0;
  std::string owned_;  // the string input
  const char* data_ = nullptr;
  size_t pos_ = 0, end_ = 0;
  uint64_t line_ = 1;
  uint64_t consumed_ = 0;
  bool eof_ = false;
  std::string io_error_;
};

}  // namespace unjucks::batch
