// Reading a whole file under a size limit. Every file the commands read (templates, data,
// variables, configuration, stdin) goes through here, so a file that is too large, a device
// that never ends (/dev/zero) or a pipe that keeps writing is refused with a message instead of
// filling memory: the size of a regular file is checked (fstat) before anything is read, and
// anything else is counted while it is read and refused one byte past the limit.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace unjucks::gen {

struct ReadLimit {
  uint64_t max_bytes = std::numeric_limits<uint64_t>::max();
  // The limit's name for the message, as `--limit` and `limits:` spell it ("template-size").
  std::string_view name;
  // Refuses what is not a regular file (a FIFO, a device, a socket) without blocking on it:
  // for the files of a templates folder, which are never meant to be anything else.
  bool regular_only = false;
};

// Reads `fd` to its end; false with `err` when it gives more than `limit.max_bytes` or a read
// fails. `path` names it in messages.
bool read_fd_bounded(int fd, const std::string& path, const ReadLimit& limit, std::string* out,
                     std::string* err);

// Opens `path` ("-": stdin) and reads it as read_fd_bounded does.
bool read_file_bounded(const std::string& path, const ReadLimit& limit, std::string* out,
                       std::string* err);

// "<path>: larger than the <name> limit of <n> bytes" (the message of a refusal).
std::string too_large_message(const std::string& path, const ReadLimit& limit);

}  // namespace unjucks::gen
