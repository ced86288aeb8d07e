// RealDisk's pending file: a temporary beside its target, put in place whole, and taken back
// out (a new file removed, a replaced one put back) when the action it belongs to fails.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "gen/beneath.h"
#include "gen/disk.h"
#include "mem/buffer_pool.h"

namespace unjucks::gen {

struct TempOptions {
  uint32_t mode = 0644;  // the file's permission bits once finished
  uint32_t umask = 022;  // the process's (a mode with bits it removes needs an fchmod)
  // Anonymous temporaries (O_TMPFILE) are tried while this is true; it is set to false when the
  // file system refuses them.
  std::atomic<bool>* anonymous_ok = nullptr;
  mem::BufferPool* pool = nullptr;
};

// Opens the temporary for `target` (absolute), in its folder as `anchor` resolves it. Null with
// `err` when it cannot.
std::unique_ptr<PendingFile> create_real_pending(const Anchor& anchor, const std::string& target,
                                                 const TempOptions& opts, std::string* err);

// The name of a named temporary for a file named `leaf`: ".<leaf>.unjucks-<pid>-<n>", the leaf
// cut to 200 bytes so that the name stays within the 255 bytes file systems allow.
std::string temp_leaf_for(std::string_view leaf);

// "what path: reason", the reason from errno; a symlink met below the destination is named as
// such (open_beneath's ELOOP).
std::string errno_text(const std::string& what, const std::string& path);

}  // namespace unjucks::gen
