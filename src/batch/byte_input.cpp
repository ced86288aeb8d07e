#include "batch/byte_input.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace unjucks::batch {

ByteInput::ByteInput(int fd, bool owns_fd, size_t chunk)
    : fd_(fd), owns_fd_(owns_fd), buffer_(std::make_unique<char[]>(chunk)), chunk_(chunk) {
  data_ = buffer_.get();
}

ByteInput::ByteInput(std::string data) : owned_(std::move(data)) {
  data_ = owned_.data();
  end_ = owned_.size();
  eof_ = true;
}

ByteInput::~ByteInput() {
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
}

bool ByteInput::refill() {
  if (eof_) return false;
  for (;;) {
    ssize_t n = ::read(fd_, buffer_.get(), chunk_);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) io_error_ = std::string("cannot read the data: ") + std::strerror(errno);
    if (n <= 0) {
      eof_ = true;
      pos_ = end_ = 0;
      return false;
    }
    pos_ = 0;
    end_ = static_cast<size_t>(n);
    return true;
  }
}

void ByteInput::skip_bom() {
  if (consumed_ != 0 || peek() != 0xEF) return;
  // The three bytes may straddle a chunk boundary only for a chunk under 3 bytes: not ours.
  if (end_ - pos_ >= 3 && std::memcmp(data_ + pos_, "\xEF\xBB\xBF", 3) == 0) {
    pos_ += 3;
    consumed_ += 3;
  }
}

}  // namespace unjucks::batch
